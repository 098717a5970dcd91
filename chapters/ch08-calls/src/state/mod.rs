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
use crate::vm::CallInfo;

pub use stack::LUAI_MAXSTACK;

// ANCHOR: state
/// A Lua state: a stack of values, and the frames of the calls in progress.
pub struct LuaState {
    /// The stack's slots. Its length is how much is allocated: slots at
    /// and above `top` hold no live value.
    pub(crate) stack: Vec<Value>,
    /// The first free slot. Not the length of `stack`: a function's
    /// registers stay allocated while a call it makes moves the top.
    pub(crate) top: usize,
    /// The calls in progress, innermost last. The first is the base frame,
    /// where the API works when no function is running.
    pub(crate) frames: Vec<CallInfo>,
    /// The current frame's base, kept here because every register access
    /// needs it.
    pub(crate) base: usize,
}

impl LuaState {
    pub fn new() -> LuaState {
        // Slot 0 stands where a function would be, as in every frame; the
        // base frame's values start at slot 1.
        let mut stack = Vec::with_capacity(stack::BASIC_STACK_SIZE);
        stack.push(Value::Nil);
        LuaState {
            stack,
            top: 1,
            frames: vec![CallInfo::base_frame()],
            base: 1,
        }
    }

    /// The slot that index 1 refers to: the bottom of the current frame.
    pub(crate) fn base(&self) -> usize {
        self.base
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
        let base = self.base();
        if self.top <= base {
            return "(empty)".into();
        }
        let brief = |value: &Value| {
            let text = value.show();
            match text.char_indices().nth(width) {
                Some((cut, _)) => format!("{}...", &text[..cut]),
                None => text,
            }
        };
        self.stack[base..self.top]
            .iter()
            .map(|value| format!("[{}]", brief(value)))
            .collect()
    }
    // ANCHOR_END: show_stack
}
