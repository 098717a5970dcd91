//! The one place where Lua's heap objects live.
//!
//! Strings (and, in later chapters, tables, closures, userdata and threads)
//! are shared: copying a Lua value copies a reference to the object, never
//! the object. Every such reference is a [`Gc`] handle, defined here and
//! nowhere else. For now a handle is a reference-counted pointer; a later
//! chapter replaces it with a tracing garbage collector, which can reclaim
//! cycles that reference counting cannot, and that change stays inside this
//! module and the types that say how to trace them.

use std::ops::Deref;
use std::rc::Rc;

// ANCHOR: gc
/// A handle to a heap object: cheap to clone (it copies a pointer), and
/// exactly one pointer wide, so a [`crate::value::Value`] that holds one
/// stays 16 bytes.
pub struct Gc<T>(Rc<T>);

impl<T> Gc<T> {
    pub fn new(object: T) -> Gc<T> {
        Gc(Rc::new(object))
    }

    /// Whether two handles reach the same object: Lua's identity.
    pub fn ptr_eq(a: &Gc<T>, b: &Gc<T>) -> bool {
        Rc::ptr_eq(&a.0, &b.0)
    }

    /// The object's address, which `tostring` shows (`table: 0x...`) and
    /// which identifies the object as a table key.
    pub fn address(this: &Gc<T>) -> usize {
        Rc::as_ptr(&this.0) as *const u8 as usize
    }
}
// ANCHOR_END: gc

// ANCHOR: gc_impls
impl<T> Clone for Gc<T> {
    fn clone(&self) -> Self {
        Gc(Rc::clone(&self.0))
    }
}

impl<T> Deref for Gc<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.0
    }
}
// ANCHOR_END: gc_impls

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_handle_is_one_pointer() {
        assert_eq!(
            std::mem::size_of::<Gc<[u8; 100]>>(),
            std::mem::size_of::<usize>()
        );
    }

    #[test]
    fn clones_share_the_object() {
        let a = Gc::new(5);
        let b = a.clone();
        assert!(Gc::ptr_eq(&a, &b));
        assert_eq!(Gc::address(&a), Gc::address(&b));
        assert!(!Gc::ptr_eq(&a, &Gc::new(5)));
    }
}
