//! Build Lua in Rust, chapter 7: tables.
//!
//! This chapter adds Lua's one data structure: the table, with an array
//! part and a hash part, its instructions and its API. Its program runs a
//! chunk's main function and traces every instruction, as chapter 6's.

pub mod binary_chunk;
pub mod cli;
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
pub mod trace;
pub mod value;
pub mod vm;

pub use error::LuaError;
pub use state::LuaState;
pub use table::LuaTable;
pub use value::{LuaType, Value};

// ANCHOR: run_chunk
/// The most instructions the traced program runs before it is stopped: a
/// trace is for reading, and a program that loops forever would never end.
const TRACE_LIMIT: u64 = 10_000;

/// What this chapter does with a script: load it, run its main function
/// with a trace of every instruction, and print what it returned.
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
    let mut tracer = trace::Tracer {
        listing: &chunk.main,
        out: String::new(),
        steps: 0,
        limit: TRACE_LIMIT,
    };
    let result = state.execute(&proto, Some(&mut tracer));
    out.write_all(tracer.out.as_bytes())?;
    let results = result?;
    let shown: Vec<String> = results.iter().map(Value::show).collect();
    writeln!(out, "returned {}: {}", results.len(), shown.join(", "))?;
    Ok(())
}
// ANCHOR_END: run_chunk
