//! Asking about values and converting them: `lua_type`, `lua_isinteger`,
//! `lua_tointegerx`, `lua_tolstring` and friends.

use super::LuaState;
use crate::lua_string::LuaString;
use crate::value::{LuaType, Value};

impl LuaState {
    // ANCHOR: types
    /// The type of the value at `idx`, or [`LuaType::None`] if the index
    /// holds no value.
    pub fn type_of(&self, idx: i32) -> LuaType {
        self.slot(idx)
            .map_or(LuaType::None, |slot| self.stack[slot].type_of())
    }

    /// The name of a type, as `lua_typename` gives it.
    pub fn type_name(&self, t: LuaType) -> &'static str {
        t.name()
    }

    pub fn is_none(&self, idx: i32) -> bool {
        self.type_of(idx) == LuaType::None
    }

    pub fn is_nil(&self, idx: i32) -> bool {
        self.type_of(idx) == LuaType::Nil
    }

    pub fn is_none_or_nil(&self, idx: i32) -> bool {
        matches!(self.type_of(idx), LuaType::None | LuaType::Nil)
    }

    pub fn is_boolean(&self, idx: i32) -> bool {
        self.type_of(idx) == LuaType::Boolean
    }

    pub fn is_integer(&self, idx: i32) -> bool {
        matches!(self.value_at(idx), Some(Value::Integer(_)))
    }

    /// A number, or a value convertible to one.
    pub fn is_number(&self, idx: i32) -> bool {
        self.to_number_x(idx).is_some()
    }

    /// A string, or a number (which converts to a string).
    pub fn is_string(&self, idx: i32) -> bool {
        matches!(self.type_of(idx), LuaType::String | LuaType::Number)
    }
    // ANCHOR_END: types

    // ANCHOR: conversions
    /// Lua's truth of the value at `idx`: false only for nil, false, and no
    /// value at all.
    pub fn to_boolean(&self, idx: i32) -> bool {
        self.value_at(idx).is_some_and(Value::is_truthy)
    }

    /// The value as an integer, if it is one, or is a float or a string
    /// with an exact integer value (`3.0` and `"3"`, but not `3.5`).
    pub fn to_integer_x(&self, idx: i32) -> Option<i64> {
        self.value_at(idx).and_then(Value::to_integer)
    }

    /// [`Self::to_integer_x`], with 0 for "not convertible", as in C.
    pub fn to_integer(&self, idx: i32) -> i64 {
        self.to_integer_x(idx).unwrap_or(0)
    }

    /// The value as a float, if it is a number or a string that reads as
    /// one.
    pub fn to_number_x(&self, idx: i32) -> Option<f64> {
        self.value_at(idx).and_then(Value::to_float)
    }

    /// [`Self::to_number_x`], with 0.0 for "not convertible", as in C.
    pub fn to_number(&self, idx: i32) -> f64 {
        self.to_number_x(idx).unwrap_or(0.0)
    }

    /// The value as a string, if it is a string or a number. Like
    /// `lua_tolstring`, a number is converted *in place*: afterwards the
    /// slot holds the string.
    pub fn to_string_x(&mut self, idx: i32) -> Option<LuaString> {
        let slot = self.slot(idx)?;
        if let Value::String(s) = &self.stack[slot] {
            return Some(s.clone());
        }
        let s = self.stack[slot].to_lua_string()?;
        self.stack[slot] = Value::String(s.clone());
        Some(s)
    }

    /// [`Self::to_string_x`], with the empty string for "not convertible".
    pub fn to_string(&mut self, idx: i32) -> LuaString {
        self.to_string_x(idx).unwrap_or_else(|| LuaString::from(""))
    }
    // ANCHOR_END: conversions
}

#[cfg(test)]
mod tests {
    use super::*;
    use pretty_assertions::assert_eq;

    #[test]
    fn types_and_conversions() {
        let mut state = LuaState::new();
        state.push_integer(42);
        state.push_number(2.5);
        state.push_string("hi");
        state.push_nil();
        assert_eq!(state.type_of(1), LuaType::Number);
        assert_eq!(state.type_of(5), LuaType::None);
        assert_eq!(state.type_name(state.type_of(-1)), "nil");
        assert!(state.is_integer(1) && !state.is_integer(2));
        assert!(state.is_string(1) && state.is_string(3) && !state.is_string(4));
        assert!(state.is_none(9) && state.is_none_or_nil(4) && state.is_nil(-1));
        assert_eq!(state.to_integer_x(2), None);
        assert_eq!(state.to_number(1), 42.0);
        assert_eq!(state.to_integer(3), 0);
        state.push_string(" 0x10 ");
        assert_eq!(state.to_integer_x(-1), Some(16));
        assert!(state.is_number(-1));
        state.pop(1).unwrap();
        assert!(state.to_boolean(3) && !state.to_boolean(4) && !state.to_boolean(9));
        // A number converted to a string is replaced by that string.
        assert_eq!(state.to_string_x(2).unwrap().as_bytes(), b"2.5");
        assert_eq!(state.type_of(2), LuaType::String);
        assert_eq!(state.to_string_x(4), None);
    }
}
