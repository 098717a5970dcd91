//! The one place where Lua's heap objects live.
//!
//! Strings (and, in later chapters, tables, closures, userdata and threads)
//! are shared: copying a Lua value copies a reference to the object, never
//! the object. Every such reference is a [`Gc`] handle, defined here and
//! nowhere else. For now a handle is a reference-counted pointer; a later
//! chapter replaces it with a tracing garbage collector, which can reclaim
//! cycles that reference counting cannot, and that change stays inside this
//! module and the types that say how to trace them.

use std::any::Any;
use std::cell::{Cell, RefCell};
use std::mem::ManuallyDrop;
use std::ops::Deref;
use std::rc::Rc;

// ANCHOR: gc
/// A handle to a heap object: cheap to clone (it copies a pointer), and
/// exactly one pointer wide, so a [`crate::value::Value`] that holds one
/// stays 16 bytes.
pub struct Gc<T: 'static>(ManuallyDrop<Rc<T>>);

impl<T> Gc<T> {
    pub fn new(object: T) -> Gc<T> {
        Gc(ManuallyDrop::new(Rc::new(object)))
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

// ANCHOR: free
/// Dropping the last handle to an object drops the object, which drops
/// the handles it holds, and so on down. A chain of a million closures,
/// each keeping the one before it in an upvalue (or of tables, or of
/// both), would take a million nested Rust calls to free, and overflow
/// the stack. So an object whose last handle goes while another object is
/// being freed waits in a list, and the outermost drop frees the waiting
/// objects one after the other: freeing takes constant stack, however the
/// objects are linked.
impl<T> Drop for Gc<T> {
    fn drop(&mut self) {
        // SAFETY: `drop` runs once, and the handle is not used after it.
        let handle = unsafe { ManuallyDrop::take(&mut self.0) };
        if Rc::strong_count(&handle) > 1 {
            return; // not the last handle: the object stays
        }
        free(handle);
    }
}

thread_local! {
    /// Whether an object is being freed on this thread.
    static FREEING: Cell<bool> = const { Cell::new(false) };
    /// Objects whose last handle went while another was being freed.
    static WAITING: RefCell<Vec<Rc<dyn Any>>> = const { RefCell::new(Vec::new()) };
}

fn free(object: Rc<dyn Any>) {
    if FREEING.get() {
        WAITING.with_borrow_mut(|waiting| waiting.push(object));
        return;
    }
    FREEING.set(true);
    drop(object);
    while let Some(next) = WAITING.with_borrow_mut(Vec::pop) {
        drop(next);
    }
    FREEING.set(false);
}
// ANCHOR_END: free

impl<T> Clone for Gc<T> {
    fn clone(&self) -> Self {
        Gc(ManuallyDrop::new(Rc::clone(&self.0)))
    }
}

impl<T: std::fmt::Debug> std::fmt::Debug for Gc<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl<T> Deref for Gc<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.0
    }
}

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

    #[test]
    fn freeing_a_long_chain_takes_constant_stack() {
        struct Link(#[allow(dead_code)] Option<Gc<Link>>);
        let mut chain = Gc::new(Link(None));
        for _ in 0..1_000_000 {
            chain = Gc::new(Link(Some(chain)));
        }
        drop(chain); // a recursive drop would overflow the test's stack
    }
}
