//! The compiler, which chapters 14 to 17 build: source text in, a
//! function prototype out. The lexer cuts the text into tokens; the parser
//! reads the tokens into a syntax tree, which the printer can write back
//! as Lua.

pub mod ast;
pub mod lexer;
pub mod parser;
pub mod printer;
pub mod scope;
pub mod statements;
pub mod token;
