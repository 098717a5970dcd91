//! Build Lua in Rust, chapter 17: code generation.
//!
//! This chapter completes the compiler: the code generator turns the
//! syntax tree into the instructions luac emits, and the chunk writer
//! writes them as luac writes them. Its program runs Lua source as well as
//! binary chunks, and its second program, `ch17-luac`, is a `luac`.

pub mod base_lib;
pub mod binary_chunk;
pub mod cli;
pub mod closure;
pub mod compiler;
pub mod debug;
pub mod error;
pub mod heap;
pub mod instruction;
pub mod listing;
pub mod lua_string;
pub mod luac;
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
// ANCHOR: run_chunk_fn
/// What this chapter does with a script: source text is compiled, a
/// binary chunk is loaded (told apart by the first byte, as `load` tells
/// them apart), and the main function runs with `print` writing to `out`,
/// as `lua` runs a script. An error nobody catches is reported as `lua`
/// reports it, the message and a stack traceback.
pub fn run_chunk(
    chunkname: &str,
    bytes: &[u8],
    _script: &cli::Script,
    out: &mut Box<dyn std::io::Write>,
) -> Result<(), LuaError> {
    let main = load(chunkname, bytes)?;
    let proto = vm::Proto::load(&main)?;
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
// ANCHOR_END: run_chunk_fn

// ANCHOR: load
/// The main function of a script's bytes, as `luaL_loadfile` makes it: a
/// first `#` line skipped, then a binary chunk read or source compiled,
/// told apart by the first byte.
pub fn load(chunkname: &str, bytes: &[u8]) -> Result<binary_chunk::Prototype, LuaError> {
    let bytes = skip_first_line(bytes);
    if bytes.first() == Some(&binary_chunk::LUA_SIGNATURE[0]) {
        Ok(binary_chunk::undump(bytes, chunkname)?.main)
    } else {
        compiler::compile(bytes, chunkname)
    }
}
// ANCHOR_END: load

// ANCHOR: skip_first_line
/// What `luaL_loadfile` skips before the chunk: a UTF-8 byte order mark,
/// and a first line that starts with `#` (a Unix `#!` line), whose line
/// break it keeps so that the lines are still counted from 1.
fn skip_first_line(bytes: &[u8]) -> &[u8] {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.first() != Some(&b'#') {
        return bytes;
    }
    match bytes.iter().position(|&b| b == b'\n') {
        Some(end) => &bytes[end..],
        // A file that is one `#` line: `luaL_loadfilex` still adds the
        // line break, so the end of the file is on line 2.
        None => b"\n",
    }
}
// ANCHOR_END: skip_first_line

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
