//! Build Lua in Rust, chapter 4: values, the stack and the API.
//!
//! This chapter gives the interpreter its value type and its state: a stack
//! of values with an API modelled on Lua's C API. Its program loads a
//! chunk's constants onto the stack and takes the API through its paces.

pub mod binary_chunk;
pub mod cli;
pub mod demo;
pub mod error;
pub mod heap;
pub mod instruction;
pub mod listing;
pub mod lua_string;
pub mod number;
pub mod opcodes;
pub mod state;
pub mod value;

pub use error::LuaError;
pub use state::LuaState;
pub use value::{LuaType, Value};

// ANCHOR: run_chunk
/// What this chapter does with a script: load it, push its main function's
/// constants onto a new state's stack, then take the stack API on its tour.
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
    let mut state = LuaState::new();
    let mut text = String::new();
    demo::push_constants(&mut state, &chunk.main, &mut text);
    demo::stack_tour(&mut state, &mut text);
    out.write_all(text.as_bytes())?;
    Ok(())
}
// ANCHOR_END: run_chunk
