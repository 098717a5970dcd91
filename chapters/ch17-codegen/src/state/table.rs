//! Tables in the API: `lua_newtable`, `lua_gettable`, `lua_setfield` and
//! friends. As in the C API, the getters push the value they read and
//! return its type.

use super::LuaState;
use crate::error::LuaError;
use crate::lua_string::LuaString;
use crate::table::LuaTable;
use crate::value::{LuaType, Value};

impl LuaState {
    // ANCHOR: create
    /// Pushes a new empty table.
    pub fn new_table(&mut self) {
        self.push(Value::Table(
            LuaTable::new(0, 0).expect("an empty table needs no memory"),
        ));
    }

    /// Pushes a new table with room for `narr` list items and `nrec` other
    /// fields.
    pub fn create_table(&mut self, narr: usize, nrec: usize) -> Result<(), LuaError> {
        self.push(Value::Table(LuaTable::new(narr, nrec)?));
        Ok(())
    }
    // ANCHOR_END: create

    /// The table at `idx`, or an error naming what is there instead.
    fn table_at(&self, idx: i32) -> Result<LuaTable, LuaError> {
        match self.value_at(idx) {
            Some(Value::Table(t)) => Ok(t.clone()),
            other => {
                let found = other.map_or("no value", |v| v.type_of().name());
                Err(LuaError::new(format!("attempt to index a {found} value")))
            }
        }
    }

    // ANCHOR: get
    /// Pops a key and pushes `t[key]`, where `t` is the table at `idx`.
    pub fn get_table(&mut self, idx: i32) -> Result<LuaType, LuaError> {
        let table = self.table_at(idx)?;
        if self.get_top() < 1 {
            return Err(LuaError::new("get_table needs a key on the stack"));
        }
        let key = self.pop_value();
        self.push_field(table.get(&key))
    }

    /// Pushes `t[k]` for a string key.
    pub fn get_field(&mut self, idx: i32, k: &str) -> Result<LuaType, LuaError> {
        let table = self.table_at(idx)?;
        self.push_field(table.get_str(&LuaString::from(k)))
    }

    /// Pushes `t[i]`.
    pub fn get_i(&mut self, idx: i32, i: i64) -> Result<LuaType, LuaError> {
        let table = self.table_at(idx)?;
        self.push_field(table.get_int(i))
    }

    fn push_field(&mut self, value: Value) -> Result<LuaType, LuaError> {
        let t = value.type_of();
        self.push(value);
        Ok(t)
    }
    // ANCHOR_END: get

    // ANCHOR: set
    /// Pops a value and a key (the value on top) and does `t[key] = value`.
    pub fn set_table(&mut self, idx: i32) -> Result<(), LuaError> {
        let table = self.table_at(idx)?;
        if self.get_top() < 2 {
            return Err(LuaError::new(
                "set_table needs a key and a value on the stack",
            ));
        }
        let value = self.pop_value();
        let key = self.pop_value();
        table.set(&key, value)
    }

    /// Pops a value and does `t[k] = value` for a string key.
    pub fn set_field(&mut self, idx: i32, k: &str) -> Result<(), LuaError> {
        let table = self.table_at(idx)?;
        if self.get_top() < 1 {
            return Err(LuaError::new("set_field needs a value on the stack"));
        }
        let value = self.pop_value();
        table.set(&Value::String(LuaString::from(k)), value)
    }

    /// Pops a value and does `t[i] = value`.
    pub fn set_i(&mut self, idx: i32, i: i64) -> Result<(), LuaError> {
        let table = self.table_at(idx)?;
        if self.get_top() < 1 {
            return Err(LuaError::new("set_i needs a value on the stack"));
        }
        let value = self.pop_value();
        table.set_int(i, value)
    }
    // ANCHOR_END: set
}

impl LuaState {
    // ANCHOR: api_metatables
    /// Pushes the metatable of the value at `idx` and returns true, or
    /// pushes nothing and returns false if it has none (`lua_getmetatable`).
    pub fn get_metatable(&mut self, idx: i32) -> bool {
        let metatable = self
            .value_at(idx)
            .and_then(|value| self.metatable_of(value));
        match metatable {
            Some(metatable) => {
                self.push(Value::Table(metatable));
                true
            }
            None => false,
        }
    }

    /// Pops a table (or nil) and makes it the metatable of the value at
    /// `idx`: that table's own, or, for other types, the one all values of
    /// the type share (`lua_setmetatable`).
    pub fn set_metatable(&mut self, idx: i32) -> Result<(), LuaError> {
        let target = self
            .value_at(idx)
            .cloned()
            .ok_or_else(|| LuaError::new("set_metatable: invalid index"))?;
        let metatable = match self.pop_value() {
            Value::Nil => None,
            Value::Table(t) => Some(t),
            _ => return Err(LuaError::new("set_metatable needs a table or nil")),
        };
        match target {
            Value::Table(t) => t.set_metatable(metatable),
            other => self.set_type_metatable(other.type_of(), metatable),
        }
        Ok(())
    }
    // ANCHOR_END: api_metatables

    // ANCHOR: api_next
    /// Pops a key and pushes the next key and value of the table at `idx`,
    /// returning true; at the end of the table pushes nothing and returns
    /// false (`lua_next`).
    pub fn next(&mut self, idx: i32) -> Result<bool, LuaError> {
        let table = self.table_at(idx)?;
        let key = self.pop_value();
        match table.next(&key)? {
            Some((key, value)) => {
                self.push(key);
                self.push(value);
                Ok(true)
            }
            None => Ok(false),
        }
    }
    // ANCHOR_END: api_next
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metatables_through_the_api() {
        let mut state = LuaState::new();
        state.push_integer(1);
        assert!(!state.get_metatable(1));
        state.new_table();
        state.set_metatable(1).unwrap();
        assert!(state.get_metatable(1));
        assert_eq!(state.get_top(), 2);
        state.push_nil();
        state.set_metatable(1).unwrap();
        assert!(!state.get_metatable(1));
    }

    #[test]
    fn fields_go_in_and_come_out() {
        let mut state = LuaState::new();
        state.new_table();
        state.push_string("x");
        state.push_integer(10);
        state.set_table(1).unwrap();
        state.push_string("hello");
        state.set_field(1, "greeting").unwrap();
        state.push_number(2.5);
        state.set_i(1, 1).unwrap();
        assert_eq!(state.get_field(1, "x").unwrap(), LuaType::Number);
        assert_eq!(state.get_i(1, 1).unwrap(), LuaType::Number);
        state.push_string("greeting");
        assert_eq!(state.get_table(1).unwrap(), LuaType::String);
        assert_eq!(state.get_field(1, "missing").unwrap(), LuaType::Nil);
        assert_eq!(
            state.show_stack().split("][").skip(1).collect::<Vec<_>>(),
            ["10", "2.5", "\"hello\"", "nil]"]
        );
        assert_eq!(
            state.get_field(2, "x").unwrap_err().message(),
            "attempt to index a number value"
        );
        state.push_nil();
        state.push_integer(1);
        assert_eq!(
            state.set_table(1).unwrap_err().message(),
            "table index is nil"
        );
    }
}
