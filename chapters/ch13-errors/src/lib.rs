//! Build Lua in Rust, chapter 13: errors.
//!
//! This chapter makes any value an error, adds `error` and `pcall`, and
//! makes runtime error messages identical to real Lua's: the position, the
//! name of the variable involved (worked out from the bytecode), and, for
//! an error nobody catches, a stack traceback. Its program runs a chunk as
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
/// writing to `out`, as `lua` runs a script. An error nobody catches is
/// reported as `lua` reports it: the message and a stack traceback.
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
    state.traceback_on_error = true;
    // The state writes to the program's output while it runs, then gives
    // it back.
    let previous = state.set_output(std::mem::replace(out, Box::new(std::io::sink())));
    let result = state.execute(&proto);
    *out = state.set_output(previous);
    result
        .map(|_| ())
        .map_err(|error| report(&mut state, error))
}

/// The text `lua.c`'s message handler makes of an uncaught error: the
/// message, then the traceback (none for an object with `__tostring`).
fn report(state: &mut LuaState, error: LuaError) -> LuaError {
    let message = error_message(state, &error);
    match error.traceback() {
        Some(traceback) if !has_tostring(state, error.value()) => {
            LuaError::located(format!("{message}\n{traceback}"))
        }
        _ => LuaError::located(message),
    }
}

/// How `lua` shows an error object: a string or number as it is, an object
/// with `__tostring` through it, anything else as "(error object is a T
/// value)".
pub fn error_message(state: &mut LuaState, error: &LuaError) -> String {
    let value = error.value();
    if has_tostring(state, value)
        && let Ok(text) = base_lib::to_display_string(state, value)
    {
        return String::from_utf8_lossy(text.as_bytes()).into_owned();
    }
    error.message()
}

fn has_tostring(state: &LuaState, value: &Value) -> bool {
    !matches!(
        value,
        Value::String(_) | Value::Integer(_) | Value::Number(_)
    ) && state.metatable_of(value).is_some_and(|mt| {
        !matches!(
            mt.get_str(&lua_string::LuaString::from("__tostring")),
            Value::Nil
        )
    })
}
// ANCHOR_END: run_chunk
