//! Call frames.

use crate::closure::LuaClosure;
use crate::heap::Gc;

/// `LUA_MULTRET`: a call that keeps all the results there are.
pub const MULTRET: i32 = -1;

// ANCHOR: call_info
/// One call in progress (`CallInfo` in Lua). The frames of all calls live
/// in a vector, and the stack slots they describe in the one Lua stack:
/// calling a Lua function pushes a frame and the virtual machine goes on
/// running, in the same Rust loop, in the new frame. The Rust stack does
/// not grow with the depth of Lua calls.
pub struct CallInfo {
    /// The slot holding the function being called; results go here.
    pub func: usize,
    /// The first register.
    pub base: usize,
    /// One past the last register.
    pub top: usize,
    /// The next instruction, saved while this frame is not running.
    pub pc: usize,
    /// The function running; `None` in the base frame and for Rust
    /// functions. The frame holds its own handle: the function's slot
    /// belongs to the caller's registers, and a (malformed) chunk could
    /// overwrite it through an upvalue while the call runs.
    pub closure: Option<Gc<LuaClosure>>,
    /// How many results the caller wants, or [`MULTRET`].
    pub nresults: i32,
    /// Entered from Rust: when it returns, the virtual machine returns to
    /// the Rust code that called it.
    pub fresh: bool,
    /// Entered by a tail call, so its caller's frame is gone (tracebacks
    /// say so).
    pub tail: bool,
}
// ANCHOR_END: call_info

impl CallInfo {
    /// The frame at the bottom, where the API works before any call.
    #[inline(always)]
    pub fn base_frame() -> CallInfo {
        CallInfo {
            func: 0,
            base: 1,
            top: 1,
            pc: 0,
            closure: None,
            nresults: 0,
            fresh: true,
            tail: false,
        }
    }
}
