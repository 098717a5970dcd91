//! The compiler, which chapters 14 to 17 build: source text in, a
//! function prototype out. The lexer cuts the text into tokens; the parser
//! reads the tokens into a syntax tree, which the printer can write back
//! as Lua; the code generator compiles the tree into the prototype luac
//! would make.

pub mod ast;
pub mod code;
pub mod generator;
pub mod lexer;
pub mod parser;
pub mod printer;
pub mod scope;
pub mod statements;
pub mod token;

use crate::binary_chunk::Prototype;
use crate::error::LuaError;

// ANCHOR: compile
/// Compiles Lua source, named `chunkname` as `load` names chunks, into
/// the prototype of its main function: what `luac` writes.
pub fn compile(source: &[u8], chunkname: &str) -> Result<Prototype, LuaError> {
    let chunk = parser::parse(source, chunkname)?;
    generator::generate(&chunk, chunkname)
}
// ANCHOR_END: compile
