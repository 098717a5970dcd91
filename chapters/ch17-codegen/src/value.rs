//! Lua values.

use crate::binary_chunk::Constant;
use crate::closure::LuaClosure;
use crate::heap::Gc;
use crate::listing::quote;
use crate::lua_string::LuaString;
use crate::number::{Numeral, float_to_integer, format_float, str_to_number};
use crate::table::LuaTable;

// ANCHOR: value
/// A Lua value. Numbers come in two subtypes, integer and float, as in
/// Lua 5.3. Tables and functions are shared: the value holds a handle (a
/// Rust function is a plain function pointer). Later chapters add userdata
/// and threads the same way;
/// each holds a one-pointer heap handle, so a value stays 16 bytes: an
/// 8-byte payload and its tag.
///
/// `repr(C, u64)` makes the tag a whole word and puts every payload in the
/// word after it: a value is two aligned 8-byte words, and the compiler
/// copies it as such. With Rust's own layout (a `bool` at
/// offset 1) or a one-byte tag (seven bytes of padding), it copied odd
/// byte ranges, and the processor stalled reading them back.
#[derive(Debug, Default)]
#[repr(C, u64)]
pub enum Value {
    #[default]
    Nil,
    Boolean(bool),
    Integer(i64),
    Number(f64),
    String(LuaString),
    Table(LuaTable),
    LuaFunction(Gc<LuaClosure>),
    RustFunction(RustFunction),
}

// ANCHOR: rust_function
/// A function written in Rust, callable from Lua (`lua_CFunction`). It finds
/// its arguments on the stack, at indices 1 to `get_top()`, pushes its
/// results, and returns how many it pushed.
pub type RustFunction = fn(&mut crate::state::LuaState) -> Result<usize, crate::error::LuaError>;
// ANCHOR_END: rust_function

const _: () = assert!(std::mem::size_of::<Value>() == 16);
// A value that may be missing is 16 bytes too: `None` is a tag no value has.
const _: () = assert!(std::mem::size_of::<Option<Value>>() == 16);
// ANCHOR_END: value

// ANCHOR: clone
/// Copying a value is what the virtual machine does most. The derived
/// `Clone` rebuilds the value variant by variant, writing the tag byte and
/// the payload separately; the copy is then read back 16 bytes at a time,
/// and a processor cannot forward two small stores to one wide load, so
/// it waits. This `Clone` counts the new handle, if there is one, and
/// copies the 16 bytes as they are.
impl Clone for Value {
    #[inline(always)]
    fn clone(&self) -> Value {
        match self {
            Value::String(s) => std::mem::forget(s.clone()),
            Value::Table(t) => std::mem::forget(t.clone()),
            Value::LuaFunction(f) => std::mem::forget(f.clone()),
            Value::Nil
            | Value::Boolean(_)
            | Value::Integer(_)
            | Value::Number(_)
            | Value::RustFunction(_) => {}
        }
        // SAFETY: the copy owns a handle of its own: the reference counted
        // above (the clone that was forgotten). Every other variant is
        // plain data, which a bitwise copy duplicates.
        unsafe { std::ptr::read(self) }
    }
}
// ANCHOR_END: clone

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
    pub fn type_of(&self) -> LuaType {
        match self {
            Value::Nil => LuaType::Nil,
            Value::Boolean(_) => LuaType::Boolean,
            Value::Integer(_) | Value::Number(_) => LuaType::Number,
            Value::String(_) => LuaType::String,
            Value::Table(_) => LuaType::Table,
            Value::LuaFunction(_) | Value::RustFunction(_) => LuaType::Function,
        }
    }

    // ANCHOR: set_number
    /// Stores an integer here. A slot that holds an integer already (a
    /// loop's counter, a running sum) only has its number rewritten, which
    /// is what makes arithmetic in registers cheap.
    #[inline(always)]
    pub fn set_integer(&mut self, i: i64) {
        match self {
            Value::Integer(x) => *x = i,
            other => *other = Value::Integer(i),
        }
    }

    /// Stores a float here, the same way.
    #[inline(always)]
    pub fn set_number(&mut self, n: f64) {
        match self {
            Value::Number(x) => *x = n,
            other => *other = Value::Number(n),
        }
    }
    // ANCHOR_END: set_number

    // ANCHOR: truthy
    /// Lua's truth: everything is true except `nil` and `false`.
    pub fn is_truthy(&self) -> bool {
        !matches!(self, Value::Nil | Value::Boolean(false))
    }
    // ANCHOR_END: truthy

    // ANCHOR: coercions
    /// The value as a number, if it is one or is a string that reads as
    /// one: Lua's string-to-number coercion (`cvt2num`).
    pub fn to_numeral(&self) -> Option<Numeral> {
        match self {
            Value::Integer(i) => Some(Numeral::Integer(*i)),
            Value::Number(x) => Some(Numeral::Float(*x)),
            Value::String(s) => str_to_number(s.as_bytes()),
            _ => None,
        }
    }

    /// The value as a float (`tonumber` in `lvm.h`).
    pub fn to_float(&self) -> Option<f64> {
        match self.to_numeral()? {
            Numeral::Integer(i) => Some(i as f64),
            Numeral::Float(x) => Some(x),
        }
    }

    /// The value as an integer, if it has an exact integer value
    /// (`luaV_tointeger` in its exact mode): `3`, `3.0`, `"3"`, `"0x3"`,
    /// but not `3.5` or `"3.5"`.
    pub fn to_integer(&self) -> Option<i64> {
        match self.to_numeral()? {
            Numeral::Integer(i) => Some(i),
            Numeral::Float(x) => float_to_integer(x),
        }
    }

    /// The value as a string, if it is one or is a number, which converts
    /// as `tostring` converts it (`cvt2str`).
    pub fn to_lua_string(&self) -> Option<LuaString> {
        match self {
            Value::String(s) => Some(s.clone()),
            Value::Integer(i) => Some(LuaString::from(i.to_string().as_str())),
            Value::Number(x) => Some(LuaString::from(format_float(*x).as_str())),
            _ => None,
        }
    }
    // ANCHOR_END: coercions

    // ANCHOR: type_name
    /// The type name error messages use (`luaT_objtypename`): a table whose
    /// metatable has a string `__name` field goes by that name.
    pub fn type_name(&self) -> String {
        if let Value::Table(t) = self
            && let Some(metatable) = t.metatable()
            && let Value::String(name) = metatable.get_str(&LuaString::from("__name"))
        {
            return String::from_utf8_lossy(name.as_bytes()).into_owned();
        }
        self.type_of().name().to_string()
    }
    // ANCHOR_END: type_name

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
    /// Lua prints them, tables by address as `tostring` shows them.
    pub fn show(&self) -> String {
        match self {
            Value::Nil => "nil".into(),
            Value::Boolean(b) => b.to_string(),
            Value::Integer(i) => i.to_string(),
            Value::Number(x) => format_float(*x),
            Value::String(s) => quote(s.as_bytes()),
            Value::Table(t) => format!("table: {:#x}", t.address()),
            Value::LuaFunction(f) => format!("function: {:#x}", Gc::address(f)),
            Value::RustFunction(f) => format!("function: {:#x}", *f as usize),
        }
    }
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
