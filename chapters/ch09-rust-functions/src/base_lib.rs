//! The basic library, as far as this chapter goes: `print`.

use std::io::Write;

use crate::error::LuaError;
use crate::state::LuaState;
use crate::value::Value;

// ANCHOR: print
/// `print(...)`: writes its arguments as `tostring` shows them, separated
/// by tabs and followed by a newline, to the state's output.
pub fn print(state: &mut LuaState) -> Result<usize, LuaError> {
    let mut line = Vec::new();
    for i in 1..=state.get_top() {
        if i > 1 {
            line.push(b'\t');
        }
        match state.value_at(i) {
            Some(Value::String(s)) => line.extend_from_slice(s.as_bytes()),
            Some(value) => line.extend_from_slice(value.show().as_bytes()),
            None => {}
        }
    }
    line.push(b'\n');
    state.output.write_all(&line)?;
    Ok(0)
}
// ANCHOR_END: print

// ANCHOR: open
/// Registers the basic library's functions as globals.
pub fn open(state: &mut LuaState) -> Result<(), LuaError> {
    state.register("print", print)
}
// ANCHOR_END: open
