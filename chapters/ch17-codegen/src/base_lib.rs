//! The basic library, as far as this chapter goes: `print`, `type`,
//! `tostring`, the metatable functions and the raw accessors.

use std::io::Write;

use crate::error::LuaError;
use crate::lua_string::LuaString;
use crate::number::format_float;
use crate::state::LuaState;
use crate::table::LuaTable;
use crate::value::{RustFunction, Value};

/// Registers the basic library's functions as globals.
pub fn open(state: &mut LuaState) -> Result<(), LuaError> {
    let functions: [(&str, RustFunction); 14] = [
        ("print", print),
        ("type", type_),
        ("tostring", tostring),
        ("getmetatable", getmetatable),
        ("setmetatable", setmetatable),
        ("rawget", rawget),
        ("rawset", rawset),
        ("rawequal", rawequal),
        ("rawlen", rawlen),
        ("next", next),
        ("pairs", pairs),
        ("ipairs", ipairs),
        ("error", error),
        ("pcall", pcall),
    ];
    for (name, f) in functions {
        state.register(name, f)?;
    }
    Ok(())
}

// ANCHOR: arguments
/// An error raised by a library function (`luaL_error`): the message,
/// after the position of the Lua code that called the function.
pub fn lib_error(state: &LuaState, message: &str) -> LuaError {
    LuaError::located(format!("{}{message}", state.location(1)))
}

// ANCHOR: arg_error
/// "bad argument #N to 'NAME' (MESSAGE)", as `luaL_argerror` words it.
/// The name is the one the call used, worked out from the calling
/// instruction (a method call does not count `self`), or `function` when
/// the caller is not Lua code.
pub fn arg_error(state: &LuaState, arg: i32, function: &str, message: &str) -> LuaError {
    let (kind, name) = state
        .current_function_name()
        .unwrap_or(("", function.to_string()));
    let mut arg = arg;
    if kind == "method" {
        arg -= 1;
        if arg == 0 {
            return lib_error(state, &format!("calling '{name}' on bad self ({message})"));
        }
    }
    lib_error(
        state,
        &format!("bad argument #{arg} to '{name}' ({message})"),
    )
}
// ANCHOR_END: arg_error

/// The argument at `arg`, which must be present (`luaL_checkany`).
fn check_any(state: &LuaState, arg: i32, function: &str) -> Result<Value, LuaError> {
    state
        .value_at(arg)
        .cloned()
        .ok_or_else(|| arg_error(state, arg, function, "value expected"))
}

/// The table at `arg` (`luaL_checktype(L, arg, LUA_TTABLE)`).
fn check_table(state: &LuaState, arg: i32, function: &str) -> Result<LuaTable, LuaError> {
    match state.value_at(arg) {
        Some(Value::Table(t)) => Ok(t.clone()),
        other => Err(type_expected(state, arg, function, "table", other)),
    }
}

/// "bad argument #N to 'NAME' (T expected, got U)" (`luaL_typeerror`).
fn type_expected(
    state: &LuaState,
    arg: i32,
    function: &str,
    expected: &str,
    got: Option<&Value>,
) -> LuaError {
    let got = got.map_or_else(|| "no value".to_string(), Value::type_name);
    arg_error(
        state,
        arg,
        function,
        &format!("{expected} expected, got {got}"),
    )
}
// ANCHOR_END: arguments

// ANCHOR: print
/// `print(...)`: writes its arguments as the global `tostring` converts
/// them, separated by tabs and followed by a newline, to the state's output.
pub fn print(state: &mut LuaState) -> Result<usize, LuaError> {
    let n = state.get_top();
    let tostring = state.globals().map_or(Value::Nil, |globals| {
        globals.get_str(&LuaString::from("tostring"))
    });
    for i in 1..=n {
        state.push(tostring.clone());
        state.push_value(i);
        state.call(1, 1)?;
        let Some(text) = state.to_string_x(-1) else {
            return Err(lib_error(
                state,
                "'tostring' must return a string to 'print'",
            ));
        };
        if i > 1 {
            state.output.write_all(b"\t")?;
        }
        state.output.write_all(text.as_bytes())?;
        state.pop(1)?;
    }
    state.output.write_all(b"\n")?;
    Ok(0)
}
// ANCHOR_END: print

// ANCHOR: tostring
/// `tostring(v)` (`luaL_tolstring`): `__tostring` if the value has one
/// (which must return a string), otherwise the value's own text, with a
/// table's `__name` in place of "table".
pub fn tostring(state: &mut LuaState) -> Result<usize, LuaError> {
    let value = check_any(state, 1, "tostring")?;
    let text = to_display_string(state, &value)?;
    state.push(Value::String(text));
    Ok(1)
}

pub fn to_display_string(state: &mut LuaState, value: &Value) -> Result<LuaString, LuaError> {
    if let Some(metatable) = state.metatable_of(value) {
        let handler = metatable.get_str(&LuaString::from("__tostring"));
        if !matches!(handler, Value::Nil) {
            return match state.call_metamethod(handler, std::slice::from_ref(value))? {
                Value::String(s) => Ok(s),
                Value::Integer(i) => Ok(LuaString::from(i.to_string().as_str())),
                Value::Number(x) => Ok(LuaString::from(format_float(x).as_str())),
                _ => Err(lib_error(state, "'__tostring' must return a string")),
            };
        }
    }
    Ok(match value {
        Value::String(s) => s.clone(),
        // A table's `__name`, if any, replaces "table".
        Value::Table(t) => {
            LuaString::from(format!("{}: {:#x}", value.type_name(), t.address()).as_str())
        }
        other => LuaString::from(other.show().as_str()),
    })
}
// ANCHOR_END: tostring

/// `type(v)`: the name of the value's basic type.
fn type_(state: &mut LuaState) -> Result<usize, LuaError> {
    let value = check_any(state, 1, "type")?;
    state.push_string(value.type_of().name());
    Ok(1)
}

// ANCHOR: metatables
/// `getmetatable(v)`: the value's metatable, or the `__metatable` field of
/// it if there is one, which is how a metatable protects itself.
fn getmetatable(state: &mut LuaState) -> Result<usize, LuaError> {
    let value = check_any(state, 1, "getmetatable")?;
    let result = match state.metatable_of(&value) {
        None => Value::Nil,
        Some(metatable) => match metatable.get_str(&LuaString::from("__metatable")) {
            Value::Nil => Value::Table(metatable),
            protected => protected,
        },
    };
    state.push(result);
    Ok(1)
}

/// `setmetatable(t, mt)`: sets (or, with nil, removes) a table's
/// metatable, unless the current one is protected; returns `t`.
fn setmetatable(state: &mut LuaState) -> Result<usize, LuaError> {
    let table = check_table(state, 1, "setmetatable")?;
    let metatable = match state.value_at(2) {
        Some(Value::Nil) => None,
        Some(Value::Table(mt)) => Some(mt.clone()),
        _ => return Err(arg_error(state, 2, "setmetatable", "nil or table expected")),
    };
    if let Some(current) = table.metatable()
        && !matches!(current.get_str(&LuaString::from("__metatable")), Value::Nil)
    {
        return Err(lib_error(state, "cannot change a protected metatable"));
    }
    table.set_metatable(metatable);
    state.set_top(1)?;
    Ok(1)
}
// ANCHOR_END: metatables

// ANCHOR: raw
/// `rawget(t, k)`: `t[k]` without `__index`.
fn rawget(state: &mut LuaState) -> Result<usize, LuaError> {
    let table = check_table(state, 1, "rawget")?;
    let key = check_any(state, 2, "rawget")?;
    state.push(table.get(&key));
    Ok(1)
}

/// `rawset(t, k, v)`: `t[k] = v` without `__newindex`; returns `t`.
fn rawset(state: &mut LuaState) -> Result<usize, LuaError> {
    let table = check_table(state, 1, "rawset")?;
    let key = check_any(state, 2, "rawset")?;
    let value = check_any(state, 3, "rawset")?;
    table.set(&key, value)?;
    state.set_top(1)?;
    Ok(1)
}

/// `rawequal(a, b)`: equality without `__eq`.
fn rawequal(state: &mut LuaState) -> Result<usize, LuaError> {
    check_any(state, 1, "rawequal")?;
    check_any(state, 2, "rawequal")?;
    let equal = state.raw_equal(1, 2);
    state.push_boolean(equal);
    Ok(1)
}

/// `rawlen(v)`: the length of a table or string without `__len`.
fn rawlen(state: &mut LuaState) -> Result<usize, LuaError> {
    let length = match state.value_at(1) {
        Some(Value::Table(t)) => t.border(),
        Some(Value::String(s)) => s.len() as i64,
        _ => return Err(arg_error(state, 1, "rawlen", "table or string expected")),
    };
    state.push_integer(length);
    Ok(1)
}
// ANCHOR_END: raw

// ANCHOR: iterators
/// `next(t, k)`: the entry after `k` in a traversal of `t`, or nil.
fn next(state: &mut LuaState) -> Result<usize, LuaError> {
    let table = check_table(state, 1, "next")?;
    let key = state.value_at(2).cloned().unwrap_or_default();
    match table.next(&key)? {
        Some((key, value)) => {
            state.push(key);
            state.push(value);
            Ok(2)
        }
        None => {
            state.push_nil();
            Ok(1)
        }
    }
}

/// `pairs(t)`: `__pairs(t)` if the value has that metamethod, otherwise
/// `next, t, nil`, the three values a generic `for` needs.
fn pairs(state: &mut LuaState) -> Result<usize, LuaError> {
    let value = check_any(state, 1, "pairs")?;
    let handler = match state.metatable_of(&value) {
        Some(metatable) => metatable.get_str(&LuaString::from("__pairs")),
        None => Value::Nil,
    };
    if matches!(handler, Value::Nil) {
        state.push_rust_function(next);
        state.push(value);
        state.push_nil();
    } else {
        state.push(handler);
        state.push(value);
        state.call(1, 3)?;
    }
    Ok(3)
}

/// `ipairs(t)`: an iterator over `t[1]`, `t[2]`, ... up to the first nil.
/// It reads with `__index`, as Lua 5.3 does, so it works on proxies.
fn ipairs(state: &mut LuaState) -> Result<usize, LuaError> {
    let value = check_any(state, 1, "ipairs")?;
    state.push_rust_function(ipairs_step);
    state.push(value);
    state.push_integer(0);
    Ok(3)
}

fn ipairs_step(state: &mut LuaState) -> Result<usize, LuaError> {
    let i = state.to_integer(2).wrapping_add(1);
    let t = state.value_at(1).cloned().unwrap_or_default();
    let value = state.index(t, &Value::Integer(i))?;
    state.push_integer(i);
    let found = !matches!(value, Value::Nil);
    state.push(value);
    Ok(if found { 2 } else { 1 })
}
// ANCHOR_END: iterators

// ANCHOR: error_pcall
/// `error(v [, level])`: raises `v`. A string message gets the position of
/// the function `level` calls up (1, the default, is the function that
/// called `error`; 0 adds nothing); any other value is raised as it is.
fn error(state: &mut LuaState) -> Result<usize, LuaError> {
    let value = state.value_at(1).cloned().unwrap_or_default();
    let level = opt_integer(state, 2, "error", 1)?;
    if let (Value::String(message), true) = (&value, level > 0) {
        let mut bytes = state.location(level as usize).into_bytes();
        bytes.extend_from_slice(message.as_bytes());
        return Err(LuaError::from_value(Value::String(LuaString::from(bytes))));
    }
    Err(LuaError::from_value(value))
}

/// `pcall(f, ...)`: calls `f` with the other arguments in protected mode:
/// returns true and its results, or false and the error object.
fn pcall(state: &mut LuaState) -> Result<usize, LuaError> {
    check_any(state, 1, "pcall")?;
    let nargs = (state.get_top() - 1) as usize;
    state.protected_calls += 1;
    let result = state.call(nargs, crate::vm::MULTRET);
    state.protected_calls -= 1;
    match result {
        Ok(()) => {
            state.push_boolean(true);
            state.insert(1)?;
            Ok(state.get_top() as usize)
        }
        Err(error) => {
            state.push_boolean(false);
            state.push(error.value().clone());
            Ok(2)
        }
    }
}
// ANCHOR_END: error_pcall

/// An optional integer argument (`luaL_optinteger`).
fn opt_integer(state: &LuaState, arg: i32, function: &str, default: i64) -> Result<i64, LuaError> {
    match state.value_at(arg) {
        None | Some(Value::Nil) => Ok(default),
        Some(value) => match (value.to_integer(), value.to_float()) {
            (Some(i), _) => Ok(i),
            (None, Some(_)) => Err(arg_error(
                state,
                arg,
                function,
                "number has no integer representation",
            )),
            (None, None) => Err(type_expected(state, arg, function, "number", Some(value))),
        },
    }
}
