//! Build Lua in Rust, chapter 8: function calls.
//!
//! This chapter makes functions values and calls them: closures, call
//! frames on the Lua stack, fixed and variable arguments, multiple results,
//! and tail calls, all without the Rust stack growing with the depth of
//! Lua calls. Its program runs a chunk and prints what it returned.

pub mod binary_chunk;
pub mod cli;
pub mod closure;
pub mod debug;
pub mod error;
pub mod heap;
pub mod instruction;
pub mod listing;
pub mod lua_string;
pub mod number;
pub mod opcodes;
pub mod operators;
pub mod state;
pub mod table;
pub mod value;
pub mod vm;

pub use error::LuaError;
pub use state::LuaState;
pub use table::LuaTable;
pub use value::{LuaType, Value};

// ANCHOR: run_chunk
/// What this chapter does with a script: load it, run its main function,
/// and print what it returned.
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
    let proto = vm::Proto::load(&chunk.main)?;
    let mut state = LuaState::new();
    let results = state.execute(&proto, None)?;
    let shown: Vec<String> = results.iter().map(Value::show).collect();
    writeln!(out, "returned {}: {}", results.len(), shown.join(", "))?;
    Ok(())
}
// ANCHOR_END: run_chunk
