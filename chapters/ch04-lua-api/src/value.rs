//! Lua values.

use crate::binary_chunk::Constant;
use crate::listing::quote;
use crate::lua_string::LuaString;
use crate::number::format_float;

// ANCHOR: value
/// A Lua value. Numbers come in two subtypes, integer and float, as in
/// Lua 5.3. Later chapters add tables, functions, userdata and threads;
/// each holds a one-pointer heap handle, so a value stays 16 bytes: an
/// 8-byte payload and its tag.
#[derive(Clone, Debug, Default)]
pub enum Value {
    #[default]
    Nil,
    Boolean(bool),
    Integer(i64),
    Number(f64),
    String(LuaString),
}

const _: () = assert!(std::mem::size_of::<Value>() == 16);
// ANCHOR_END: value

// ANCHOR: lua_type
/// The basic types, numbered as in `lua.h`. `None` is what an API call
/// reports for an index that holds no value at all.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LuaType {
    None = -1,
    Nil = 0,
    Boolean = 1,
    LightUserData = 2,
    Number = 3,
    String = 4,
    Table = 5,
    Function = 6,
    UserData = 7,
    Thread = 8,
}

impl LuaType {
    /// The name `type()` returns (and "no value" for `None`).
    pub fn name(self) -> &'static str {
        match self {
            LuaType::None => "no value",
            LuaType::Nil => "nil",
            LuaType::Boolean => "boolean",
            LuaType::LightUserData | LuaType::UserData => "userdata",
            LuaType::Number => "number",
            LuaType::String => "string",
            LuaType::Table => "table",
            LuaType::Function => "function",
            LuaType::Thread => "thread",
        }
    }
}
// ANCHOR_END: lua_type

impl Value {
    // ANCHOR: value_type_of
    pub fn type_of(&self) -> LuaType {
        match self {
            Value::Nil => LuaType::Nil,
            Value::Boolean(_) => LuaType::Boolean,
            Value::Integer(_) | Value::Number(_) => LuaType::Number,
            Value::String(_) => LuaType::String,
        }
    }
    // ANCHOR_END: value_type_of

    // ANCHOR: truthy
    /// Lua's truth: everything is true except `nil` and `false`.
    pub fn is_truthy(&self) -> bool {
        !matches!(self, Value::Nil | Value::Boolean(false))
    }
    // ANCHOR_END: truthy

    // ANCHOR: from_constant_and_show
    /// The value of a constant from a binary chunk.
    pub fn from_constant(constant: &Constant) -> Value {
        match constant {
            Constant::Nil => Value::Nil,
            Constant::Boolean(b) => Value::Boolean(*b),
            Constant::Integer(i) => Value::Integer(*i),
            Constant::Number(x) => Value::Number(*x),
            Constant::String(bytes) => Value::String(LuaString::from(&bytes[..])),
        }
    }

    /// The value as a stack listing shows it: strings quoted, floats as
    /// Lua prints them.
    pub fn show(&self) -> String {
        match self {
            Value::Nil => "nil".into(),
            Value::Boolean(b) => b.to_string(),
            Value::Integer(i) => i.to_string(),
            Value::Number(x) => format_float(*x),
            Value::String(s) => quote(s.as_bytes()),
        }
    }
    // ANCHOR_END: from_constant_and_show
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_nil_and_false_are_false() {
        assert!(!Value::Nil.is_truthy());
        assert!(!Value::Boolean(false).is_truthy());
        assert!(Value::Integer(0).is_truthy());
        assert!(Value::String(LuaString::from("")).is_truthy());
    }

    #[test]
    fn shows_values_as_lua_prints_them() {
        assert_eq!(Value::Number(1.0).show(), "1.0");
        assert_eq!(Value::Integer(-3).show(), "-3");
        assert_eq!(Value::String(LuaString::from("a\n")).show(), "\"a\\n\"");
    }
}
