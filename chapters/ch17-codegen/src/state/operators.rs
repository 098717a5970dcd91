//! The operators in the API: `lua_arith`, `lua_compare`, `lua_len`,
//! `lua_concat` and `lua_rawequal`. Like their C counterparts, all but
//! `raw_equal` call metamethods.

use super::LuaState;
use crate::error::LuaError;
use crate::operators::{self, ArithOp, CompareOp};
use crate::value::Value;

impl LuaState {
    // ANCHOR: arith
    /// Pops the operands of `op` (two, or one for a unary operator) and
    /// pushes the result.
    pub fn arith(&mut self, op: ArithOp) -> Result<(), LuaError> {
        let needed = if op.is_unary() { 1 } else { 2 };
        if self.get_top() < needed {
            return Err(LuaError::new(format!(
                "arith needs {needed} operands on the stack"
            )));
        }
        let b = self.pop_value();
        let a = if op.is_unary() {
            b.clone()
        } else {
            self.pop_value()
        };
        let result = self.arith_values(op, &a, &b)?;
        self.push(result);
        Ok(())
    }
    // ANCHOR_END: arith

    // ANCHOR: compare
    /// Compares the values at two indices. An index that holds no value
    /// makes the comparison false, as in C.
    pub fn compare(&mut self, idx1: i32, idx2: i32, op: CompareOp) -> Result<bool, LuaError> {
        let (Some(a), Some(b)) = (self.value_at(idx1).cloned(), self.value_at(idx2).cloned())
        else {
            return Ok(false);
        };
        match op {
            CompareOp::Eq => self.equals(&a, &b),
            CompareOp::Lt => self.less_than(&a, &b),
            CompareOp::Le => self.less_equal(&a, &b),
        }
    }

    /// Primitive equality, never calling a metamethod.
    pub fn raw_equal(&self, idx1: i32, idx2: i32) -> bool {
        match (self.value_at(idx1), self.value_at(idx2)) {
            (Some(a), Some(b)) => operators::raw_equals(a, b),
            _ => false,
        }
    }
    // ANCHOR_END: compare

    // ANCHOR: len_concat
    /// Pushes the length of the value at `idx`.
    pub fn len(&mut self, idx: i32) -> Result<(), LuaError> {
        let value = self.value_at(idx).cloned().unwrap_or_default();
        let length = self.length(&value)?;
        self.push(length);
        Ok(())
    }

    /// Pops `n` values and pushes their concatenation; with `n` = 0, pushes
    /// the empty string, and with `n` = 1 leaves the value as it is.
    pub fn concat(&mut self, n: i32) -> Result<(), LuaError> {
        let count = usize::try_from(n)
            .ok()
            .filter(|&n| n <= self.top - self.base());
        let count = count.ok_or_else(|| LuaError::new(format!("cannot concatenate {n} values")))?;
        if count == 1 {
            return Ok(());
        }
        let first = self.top - count;
        let values = self.stack[first..self.top].to_vec();
        let result: Value = self.concat_values(&values)?;
        self.set_top(-(count as i32) - 1)?;
        self.push(result);
        Ok(())
    }
    // ANCHOR_END: len_concat
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_api_pops_operands_and_pushes_results() {
        let mut state = LuaState::new();
        state.push_integer(1);
        state.push_string("2.0");
        state.push_string("3.0");
        state.push_number(4.0);
        state.arith(ArithOp::Add).unwrap();
        assert_eq!(state.show_stack(), "[1][\"2.0\"][7.0]");
        state.arith(ArithOp::BNot).unwrap();
        assert_eq!(state.show_stack(), "[1][\"2.0\"][-8]");
        state.len(2).unwrap();
        assert_eq!(state.show_stack(), "[1][\"2.0\"][-8][3]");
        state.concat(4).unwrap();
        assert_eq!(state.show_stack(), "[\"12.0-83\"]");
        state.push_integer(2);
        assert!(state.compare(1, 2, CompareOp::Eq).is_ok_and(|eq| !eq));
        assert!(state.compare(1, 2, CompareOp::Lt).is_err());
        assert!(!state.compare(1, 9, CompareOp::Eq).unwrap());
        assert!(state.concat(3).is_err());
        state.set_top(0).unwrap();
        assert!(state.arith(ArithOp::Add).is_err());
    }
}
