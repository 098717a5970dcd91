//! Build Lua in Rust, chapter 5: operators.
//!
//! This chapter gives values their operators, with Lua 5.3's semantics:
//! integer and float arithmetic, bitwise operators, comparisons, length and
//! concatenation, and the conversions between strings and numbers. Its
//! program applies every operator to the constants of a chunk.

pub mod binary_chunk;
pub mod cli;
pub mod error;
pub mod heap;
pub mod instruction;
pub mod listing;
pub mod lua_string;
pub mod number;
pub mod opcodes;
pub mod operator_table;
pub mod operators;
pub mod state;
pub mod value;

pub use error::LuaError;
pub use state::LuaState;
pub use value::{LuaType, Value};

// ANCHOR: run_chunk
/// What this chapter does with a script: load it, then apply every operator
/// to its main function's constants.
pub fn run_chunk(
    chunkname: &str,
    bytes: &[u8],
    _script: &cli::Script,
    out: &mut dyn std::io::Write,
) -> Result<(), LuaError> {
    if bytes.first() != Some(&binary_chunk::LUA_SIGNATURE[0]) {
        return Err(LuaError::new(format!(
            "{}: not a binary chunk (compile it first: cargo xtask luac FILE.lua)",
            binary_chunk::display_name(chunkname)
        )));
    }
    let chunk = binary_chunk::undump(bytes, chunkname)?;
    out.write_all(operator_table::operator_table(&chunk.main).as_bytes())?;
    Ok(())
}
// ANCHOR_END: run_chunk
