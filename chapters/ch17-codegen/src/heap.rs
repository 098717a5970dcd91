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

/// How many waiting places (16 bytes each) the list keeps between frees:
/// enough for the contents of big tables, which are freed over and over,
/// while a list that held millions gives most of its memory back.
const KEPT_PLACES: usize = 1 << 16;

fn free(object: Rc<dyn Any>) {
    // The list is gone only while the thread ends (a state kept in a
    // thread-local dropped after it): then objects are freed on the spot.
    if FREEING.get() {
        let _ = WAITING.try_with(|waiting| waiting.borrow_mut().push(object));
        return;
    }
    FREEING.set(true);
    drop(object);
    while let Ok(Some(next)) = WAITING.try_with(next_waiting) {
        drop(next);
    }
    FREEING.set(false);
}

/// The next object of the list, if any. When there is none, a list that
/// grew long (freeing a long chain) gives its memory back.
fn next_waiting(waiting: &RefCell<Vec<Rc<dyn Any>>>) -> Option<Rc<dyn Any>> {
    let mut waiting = waiting.borrow_mut();
    let next = waiting.pop();
    if next.is_none() && waiting.capacity() > KEPT_PLACES {
        waiting.shrink_to(KEPT_PLACES);
    }
    next
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

    #[test]
    fn the_waiting_list_gives_its_memory_back() {
        let wide = Gc::new((0..1_000_000).map(Gc::new).collect::<Vec<_>>());
        drop(wide); // all its elements waited in the list
        assert!(WAITING.with_borrow(Vec::capacity) <= KEPT_PLACES);
    }

    #[test]
    fn objects_dropped_while_the_thread_ends_are_freed() {
        thread_local! {
            static KEPT: RefCell<Option<Gc<Vec<Gc<i32>>>>> = const { RefCell::new(None) };
        }
        let thread = std::thread::spawn(|| {
            // KEPT's destructor is registered before the waiting list's,
            // so it runs after the list is gone.
            KEPT.with_borrow_mut(|kept| *kept = Some(Gc::new(vec![Gc::new(1), Gc::new(2)])));
            drop(Gc::new(vec![Gc::new(3)]));
        });
        assert!(thread.join().is_ok());
    }
}
