//! Rust functions and globals in the API: `lua_pushcfunction`,
//! `lua_register`, `lua_getglobal`, `lua_setglobal` and `lua_pcall`.

use super::LuaState;
use crate::error::LuaError;
use crate::lua_string::LuaString;
use crate::value::{LuaType, RustFunction, Value};

impl LuaState {
    // ANCHOR: rust_functions
    /// Pushes a Rust function, callable from Lua like any function.
    pub fn push_rust_function(&mut self, f: RustFunction) {
        self.push(Value::RustFunction(f));
    }

    /// Makes `f` the global function `name` (`lua_register`).
    pub fn register(&mut self, name: &str, f: RustFunction) -> Result<(), LuaError> {
        self.push_rust_function(f);
        self.set_global(name)
    }
    // ANCHOR_END: rust_functions

    // ANCHOR: globals
    /// Pushes the value of the global variable `name`.
    pub fn get_global(&mut self, name: &str) -> LuaType {
        // With no globals table (the host replaced it), there is nothing
        // to find: nil.
        let value = self.globals().map_or(Value::Nil, |globals| {
            globals.get_str(&LuaString::from(name))
        });
        let t = value.type_of();
        self.push(value);
        t
    }

    /// Pops a value and makes it the global variable `name`.
    pub fn set_global(&mut self, name: &str) -> Result<(), LuaError> {
        if self.get_top() < 1 {
            return Err(LuaError::new("set_global needs a value on the stack"));
        }
        let value = self.pop_value();
        match self.globals() {
            Some(globals) => globals.set(&Value::String(LuaString::from(name)), value),
            None => Err(LuaError::new(format!(
                "attempt to index a {} value",
                self.globals_value().type_name()
            ))),
        }
    }
    // ANCHOR_END: globals

    // ANCHOR: pcall
    /// Calls like [`LuaState::call`], but catches an error (`lua_pcall`):
    /// returns whether the call succeeded, and on failure leaves the error
    /// object on the stack in place of the function and its arguments.
    pub fn pcall(&mut self, nargs: usize, nresults: i32) -> bool {
        match self.call(nargs, nresults) {
            Ok(()) => true,
            Err(error) => {
                self.push(error.value().clone());
                false
            }
        }
    }
    // ANCHOR_END: pcall
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vm::MULTRET;

    fn add(state: &mut LuaState) -> Result<usize, LuaError> {
        let sum = state.to_integer(1) + state.to_integer(2);
        state.push_integer(sum);
        Ok(1)
    }

    fn fail(_: &mut LuaState) -> Result<usize, LuaError> {
        Err(LuaError::new("failed on purpose"))
    }

    #[test]
    fn rust_functions_are_called_through_the_api() {
        let mut state = LuaState::new();
        state.register("add", add).unwrap();
        assert_eq!(state.get_global("add"), LuaType::Function);
        state.push_integer(2);
        state.push_integer(40);
        state.call(2, MULTRET).unwrap();
        assert_eq!(state.show_stack(), "[42]");
        state.push_rust_function(fail);
        assert!(!state.pcall(0, 0));
        assert_eq!(state.show_stack(), "[42][\"failed on purpose\"]");
        assert_eq!(state.get_global("nothing"), LuaType::Nil);
    }

    #[test]
    fn a_registry_without_globals_is_an_error_not_a_panic() {
        let mut state = LuaState::new();
        state.push_value(crate::state::LUA_REGISTRYINDEX);
        state.push_integer(5);
        state.set_i(-2, crate::state::LUA_RIDX_GLOBALS).unwrap();
        assert_eq!(state.get_global("print"), LuaType::Nil);
        state.push_integer(1);
        let error = state.set_global("x").unwrap_err();
        assert_eq!(error.message(), "attempt to index a number value");
    }

    #[test]
    fn the_registry_holds_the_globals() {
        let mut state = LuaState::new();
        state.push_integer(7);
        state.set_global("seven").unwrap();
        state.push_value(crate::state::LUA_REGISTRYINDEX);
        state.get_i(-1, crate::state::LUA_RIDX_GLOBALS).unwrap();
        state.get_field(-1, "seven").unwrap();
        assert_eq!(state.to_integer(-1), 7);
    }
}
