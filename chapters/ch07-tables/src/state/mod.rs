//! The Lua state and its API.
//!
//! The API mirrors Lua's C API (`lua_gettop`, `lua_pushvalue`, ...) with
//! Rust names (`get_top`, `push_value`, ...). Like the C API, it works on a
//! stack of values and addresses them by index: 1 is the bottom of the
//! current frame, -1 the top. Unlike the C API, misuse is an error, never
//! undefined behaviour: a bad index returns `Err`, or counts as "no value"
//! where the C API is defined to accept it.

mod access;
mod operators;
mod push;
mod stack;
mod table;

use crate::value::Value;

pub use stack::LUAI_MAXSTACK;

// ANCHOR: state
/// A Lua state: for now, a stack of values.
pub struct LuaState {
    /// Every slot of the stack; its length is the top.
    pub(crate) stack: Vec<Value>,
    /// The slot that index 1 refers to: the bottom of the current frame.
    /// Function calls (chapter 8) give every call a frame of its own.
    pub(crate) base: usize,
}

impl LuaState {
    pub fn new() -> LuaState {
        LuaState {
            stack: Vec::with_capacity(stack::BASIC_STACK_SIZE),
            base: 0,
        }
    }
}
// ANCHOR_END: state

impl Default for LuaState {
    fn default() -> Self {
        LuaState::new()
    }
}

impl LuaState {
    // ANCHOR: show_stack
    /// The current frame's values, bottom first: `[1][2.5]["x"][nil]`.
    pub fn show_stack(&self) -> String {
        self.show_stack_brief(usize::MAX)
    }

    /// The same, with each value cut to `width` characters, for traces
    /// that would otherwise copy huge strings into every line.
    pub fn show_stack_brief(&self, width: usize) -> String {
        if self.stack.len() == self.base {
            return "(empty)".into();
        }
        let brief = |value: &Value| {
            let text = value.show();
            match text.char_indices().nth(width) {
                Some((cut, _)) => format!("{}...", &text[..cut]),
                None => text,
            }
        };
        self.stack[self.base..]
            .iter()
            .map(|value| format!("[{}]", brief(value)))
            .collect()
    }
    // ANCHOR_END: show_stack
}
