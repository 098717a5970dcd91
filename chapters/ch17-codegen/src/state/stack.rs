//! Basic stack manipulation: `lua_gettop`, `lua_settop`, `lua_rotate` and
//! friends.

use super::LuaState;
use crate::error::LuaError;
use crate::value::Value;

/// The most slots a stack may have (`LUAI_MAXSTACK`): asking for more is a
/// "stack overflow".
pub const LUAI_MAXSTACK: usize = 1_000_000;
/// The slots a new state starts with (`BASIC_STACK_SIZE`).
pub const BASIC_STACK_SIZE: usize = 40;

fn bad_index(idx: i32) -> LuaError {
    LuaError::new(format!("invalid stack index {idx}"))
}

impl LuaState {
    // ANCHOR: indices
    /// The number of values in the current frame: the index of the top.
    pub fn get_top(&self) -> i32 {
        (self.top - self.base()) as i32
    }

    /// The absolute position in `stack` of a *valid* index: one that names
    /// a value of the current frame, from the bottom (1, 2, ...) or from the
    /// top (-1, -2, ...).
    pub(super) fn slot(&self, idx: i32) -> Option<usize> {
        let (base, top) = (self.base(), self.top);
        let slot = if idx > 0 {
            base.checked_add(idx as usize - 1)?
        } else if idx < 0 {
            top.checked_sub(idx.unsigned_abs() as usize)?
        } else {
            return None;
        };
        (slot >= base && slot < top).then_some(slot)
    }

    /// The value at a valid index. Where the C API's `index2addr` hands
    /// out a shared nil for an index past the top, callers treat `None` as
    /// nil.
    pub(crate) fn value_at(&self, idx: i32) -> Option<&Value> {
        if idx == super::LUA_REGISTRYINDEX {
            return Some(&self.registry);
        }
        self.slot(idx).map(|slot| &self.stack[slot])
    }

    /// Converts a relative index (-1 for the top) to the equivalent
    /// absolute one (counted from the bottom).
    pub fn abs_index(&self, idx: i32) -> i32 {
        if idx > 0 || idx <= super::LUA_REGISTRYINDEX {
            idx
        } else {
            self.get_top() + idx + 1
        }
    }
    // ANCHOR_END: indices

    // ANCHOR: check_stack
    /// Makes room for `n` more values. Returns false, as `lua_checkstack`
    /// does, when that would exceed the largest stack Lua allows.
    pub fn check_stack(&mut self, n: usize) -> bool {
        match self.top.checked_add(n) {
            Some(needed) if needed <= LUAI_MAXSTACK => {
                self.ensure_slots(needed);
                true
            }
            _ => false,
        }
    }

    /// Makes sure the stack has at least `n` slots allocated.
    pub(crate) fn ensure_slots(&mut self, n: usize) {
        if self.stack.len() < n {
            self.stack.resize(n, Value::Nil);
        }
    }
    // ANCHOR_END: check_stack

    // ANCHOR: set_top
    /// Sets the top: a non-negative index becomes the new top, filling new
    /// slots with nil; a negative one counts from the current top, so
    /// `set_top(-1)` changes nothing and `set_top(-2)` pops one value.
    pub fn set_top(&mut self, idx: i32) -> Result<(), LuaError> {
        let base = self.base();
        let new_top = if idx >= 0 {
            let wanted = base + idx as usize;
            if wanted > LUAI_MAXSTACK {
                return Err(LuaError::new("stack overflow"));
            }
            wanted
        } else {
            let drop = (idx.unsigned_abs() - 1) as usize;
            let held = self.top - base;
            if drop > held {
                return Err(LuaError::new(format!(
                    "cannot drop {drop} values from a frame of {held}"
                )));
            }
            self.top - drop
        };
        self.ensure_slots(new_top);
        // Slots between the old top and the new one become nil; slots above
        // the new top are released.
        for slot in &mut self.stack[new_top.min(self.top)..new_top.max(self.top)] {
            *slot = Value::Nil;
        }
        self.top = new_top;
        Ok(())
    }

    /// Pops `n` values.
    pub fn pop(&mut self, n: i32) -> Result<(), LuaError> {
        if n < 0 {
            return Err(LuaError::new(format!("cannot pop {n} values")));
        }
        self.set_top(-n - 1)
    }
    // ANCHOR_END: set_top

    // ANCHOR: moving
    /// Pushes a copy of the value at `idx` (nil if there is none).
    pub fn push_value(&mut self, idx: i32) {
        let value = self.value_at(idx).cloned().unwrap_or_default();
        self.push(value);
    }

    /// Copies the value at `from` into the slot at `to`.
    pub fn copy(&mut self, from: i32, to: i32) -> Result<(), LuaError> {
        let value = self.value_at(from).cloned().unwrap_or_default();
        let slot = self.slot(to).ok_or_else(|| bad_index(to))?;
        self.stack[slot] = value;
        Ok(())
    }

    /// Pops the top value into the slot at `idx`.
    pub fn replace(&mut self, idx: i32) -> Result<(), LuaError> {
        self.copy(-1, idx)?;
        self.pop(1)
    }

    /// Rotates the values from `idx` to the top by `n` positions: towards
    /// the top for positive `n`, towards `idx` for negative `n`.
    pub fn rotate(&mut self, idx: i32, n: i32) -> Result<(), LuaError> {
        let start = self.slot(idx).ok_or_else(|| bad_index(idx))?;
        let segment = &mut self.stack[start..self.top];
        let shift = n.unsigned_abs() as usize;
        if shift > segment.len() {
            return Err(LuaError::new(format!(
                "invalid rotation {n} at index {idx}"
            )));
        }
        if n >= 0 {
            segment.rotate_right(shift);
        } else {
            segment.rotate_left(shift);
        }
        Ok(())
    }

    /// Moves the top value into `idx`, shifting the values above up.
    pub fn insert(&mut self, idx: i32) -> Result<(), LuaError> {
        self.rotate(idx, 1)
    }

    /// Removes the value at `idx`, shifting the values above down.
    pub fn remove(&mut self, idx: i32) -> Result<(), LuaError> {
        self.rotate(idx, -1)?;
        self.pop(1)
    }
    // ANCHOR_END: moving
}

#[cfg(test)]
mod tests {
    use super::*;
    use pretty_assertions::assert_eq;

    fn state_with(values: &[i64]) -> LuaState {
        let mut state = LuaState::new();
        for &v in values {
            state.push_integer(v);
        }
        state
    }

    fn contents(state: &LuaState) -> Vec<String> {
        (1..=state.get_top())
            .map(|i| state.value_at(i).unwrap().show())
            .collect()
    }

    #[test]
    fn indices_count_from_both_ends() {
        let state = state_with(&[10, 20, 30]);
        // Slot 0 is the base frame's function slot: index 1 is slot 1.
        assert_eq!(state.slot(1), Some(1));
        assert_eq!(state.slot(-1), Some(3));
        assert_eq!(state.slot(-3), Some(1));
        assert_eq!(state.slot(-4), None);
        assert_eq!(state.slot(4), None);
        assert_eq!(state.slot(0), None);
        assert_eq!(state.slot(i32::MIN), None);
        assert_eq!(state.abs_index(-1), 3);
        assert_eq!(state.abs_index(2), 2);
    }

    #[test]
    fn rotate_insert_remove() {
        let mut state = state_with(&[1, 2, 3, 4, 5]);
        state.rotate(2, 1).unwrap();
        assert_eq!(contents(&state), ["1", "5", "2", "3", "4"]);
        state.rotate(2, -1).unwrap();
        assert_eq!(contents(&state), ["1", "2", "3", "4", "5"]);
        state.insert(1).unwrap();
        assert_eq!(contents(&state), ["5", "1", "2", "3", "4"]);
        state.remove(-2).unwrap();
        assert_eq!(contents(&state), ["5", "1", "2", "4"]);
    }

    #[test]
    fn misuse_is_an_error_not_a_panic() {
        let mut state = state_with(&[1, 2]);
        assert!(state.copy(1, 3).is_err());
        assert!(state.replace(0).is_err());
        assert!(state.rotate(-3, 1).is_err());
        assert!(state.rotate(1, 3).is_err());
        assert!(state.remove(5).is_err());
        assert!(state.pop(3).is_err());
        assert!(state.pop(-1).is_err());
        assert!(state.pop(i32::MIN).is_err());
        assert!(state.set_top(-4).is_err());
        assert_eq!(
            state
                .set_top(LUAI_MAXSTACK as i32 + 1)
                .unwrap_err()
                .message(),
            "stack overflow"
        );
        assert!(!state.check_stack(LUAI_MAXSTACK));
        assert!(state.check_stack(100));
        state.push_value(7); // past the top: pushes nil, as in C
        assert_eq!(contents(&state), ["1", "2", "nil"]);
    }

    #[test]
    fn set_top_grows_with_nil_and_shrinks() {
        let mut state = state_with(&[1]);
        state.set_top(3).unwrap();
        assert_eq!(contents(&state), ["1", "nil", "nil"]);
        state.set_top(-3).unwrap();
        assert_eq!(contents(&state), ["1"]);
        state.pop(1).unwrap();
        assert_eq!(state.get_top(), 0);
    }
}
