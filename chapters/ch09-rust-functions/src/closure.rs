//! Functions as values: closures.

use crate::heap::Gc;
use crate::value::Value;
use crate::vm::Proto;

// ANCHOR: closure
/// A Lua function value: a prototype, instantiated. Every evaluation of a
/// `function` expression makes a new closure of the same prototype, with
/// the values of its upvalues. In this chapter an upvalue can only be one
/// the enclosing function has itself, such as `_ENV`, the table of global
/// variables, and it cannot change; chapter 10 lets closures capture and
/// share local variables.
pub struct LuaClosure {
    pub proto: Gc<Proto>,
    pub upvalues: Vec<Value>,
}
// ANCHOR_END: closure

impl std::fmt::Debug for LuaClosure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "function: {:p}", self)
    }
}
