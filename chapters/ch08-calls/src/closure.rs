//! Functions as values: closures.

use crate::heap::Gc;
use crate::vm::Proto;

// ANCHOR: closure
/// A Lua function value: a prototype, instantiated. Every evaluation of a
/// `function` expression makes a new closure of the same prototype;
/// chapter 10 gives each closure the variables it captures, its upvalues.
pub struct LuaClosure {
    pub proto: Gc<Proto>,
}
// ANCHOR_END: closure

impl std::fmt::Debug for LuaClosure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "function: {:p}", self)
    }
}
