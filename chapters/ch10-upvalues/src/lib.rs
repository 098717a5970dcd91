//! Build Lua in Rust, chapter 10: upvalues.
//!
//! This chapter lets closures capture the local variables of enclosing
//! functions: open upvalues that point into the stack while the variable's
//! function runs, closed when it goes out of scope, and shared by every
//! closure that captures the same variable. Its program runs a chunk as
//! `lua` does.

pub mod base_lib;
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
/// What this chapter does with a script: load it and run it, with `print`
/// writing to `out`, as `lua` runs a script.
pub fn run_chunk(
    chunkname: &str,
    bytes: &[u8],
    _script: &cli::Script,
    out: &mut Box<dyn std::io::Write>,
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
    base_lib::open(&mut state)?;
    // The state writes to the program's output while it runs, then gives
    // it back.
    let previous = state.set_output(std::mem::replace(out, Box::new(std::io::sink())));
    let result = state.execute(&proto);
    *out = state.set_output(previous);
    result.map(|_| ())
}
// ANCHOR_END: run_chunk
