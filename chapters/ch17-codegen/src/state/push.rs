//! Pushing values: `lua_pushnil`, `lua_pushinteger` and friends.
//!
//! Pushing never fails: the stack grows as needed. Like the C API, it is the
//! caller's job to ask [`LuaState::check_stack`] first when it pushes an
//! unbounded number of values, and the virtual machine does so for every
//! call it makes.

use super::LuaState;
use crate::lua_string::LuaString;
use crate::value::Value;

// ANCHOR: push
impl LuaState {
    pub fn push(&mut self, value: Value) {
        if self.top == self.stack.len() {
            self.stack.push(value);
        } else {
            self.stack[self.top] = value;
        }
        self.top += 1;
    }

    /// Removes and returns the top value (nil if the frame is empty).
    pub(crate) fn pop_value(&mut self) -> Value {
        if self.top <= self.base() {
            return Value::Nil;
        }
        self.top -= 1;
        std::mem::take(&mut self.stack[self.top])
    }

    pub fn push_nil(&mut self) {
        self.push(Value::Nil);
    }

    pub fn push_boolean(&mut self, b: bool) {
        self.push(Value::Boolean(b));
    }

    pub fn push_integer(&mut self, n: i64) {
        self.push(Value::Integer(n));
    }

    pub fn push_number(&mut self, x: f64) {
        self.push(Value::Number(x));
    }

    pub fn push_string(&mut self, s: impl Into<LuaString>) {
        self.push(Value::String(s.into()));
    }
}
// ANCHOR_END: push
