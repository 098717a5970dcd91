//! Functions as values: closures, and the variables they capture.

use std::cell::RefCell;

use crate::heap::Gc;
use crate::value::Value;
use crate::vm::Proto;

// ANCHOR: closure
/// A Lua function value: a prototype, instantiated, with its upvalues: the
/// variables of enclosing functions that its code uses. Every evaluation of
/// a `function` expression makes a new closure of the same prototype.
pub struct LuaClosure {
    pub proto: Gc<Proto>,
    pub upvalues: Vec<UpvalueCell>,
}
// ANCHOR_END: closure

impl std::fmt::Debug for LuaClosure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "function: {:p}", self)
    }
}

// ANCHOR: upvalue
/// A captured variable, shared by every closure that captures it. While
/// the function that declared the variable is running, the variable lives
/// in its register and the upvalue is *open*: it points at that stack
/// slot, so the function and its closures see the same value. When the
/// variable goes out of scope the upvalue is *closed*: the value moves
/// into the upvalue itself, where the closures keep finding it.
#[derive(Clone)]
pub struct UpvalueCell(Gc<RefCell<UpvalueState>>);

pub enum UpvalueState {
    Open(usize),
    Closed(Value),
}

impl UpvalueCell {
    pub fn open(slot: usize) -> UpvalueCell {
        UpvalueCell(Gc::new(RefCell::new(UpvalueState::Open(slot))))
    }

    pub fn closed(value: Value) -> UpvalueCell {
        UpvalueCell(Gc::new(RefCell::new(UpvalueState::Closed(value))))
    }

    /// The variable's value; `stack` is the Lua stack, for an open one.
    #[inline(always)]
    pub fn get(&self, stack: &[Value]) -> Value {
        match &*self.0.borrow() {
            UpvalueState::Open(slot) => stack[*slot].clone(),
            UpvalueState::Closed(value) => value.clone(),
        }
    }

    /// Looks at the variable's value where it is, without copying it.
    #[inline]
    pub fn with<R>(&self, stack: &[Value], f: impl FnOnce(&Value) -> R) -> R {
        match &*self.0.borrow() {
            UpvalueState::Open(slot) => f(&stack[*slot]),
            UpvalueState::Closed(value) => f(value),
        }
    }

    #[inline]
    pub fn set(&self, stack: &mut [Value], value: Value) {
        match &mut *self.0.borrow_mut() {
            UpvalueState::Open(slot) => stack[*slot] = value,
            UpvalueState::Closed(closed) => *closed = value,
        }
    }

    /// The stack slot of an open upvalue.
    pub fn slot(&self) -> Option<usize> {
        match &*self.0.borrow() {
            UpvalueState::Open(slot) => Some(*slot),
            UpvalueState::Closed(_) => None,
        }
    }

    /// Closes an open upvalue, copying the variable out of the stack.
    pub fn close(&self, stack: &[Value]) {
        let mut state = self.0.borrow_mut();
        if let UpvalueState::Open(slot) = *state {
            *state = UpvalueState::Closed(stack[slot].clone());
        }
    }
}
// ANCHOR_END: upvalue
