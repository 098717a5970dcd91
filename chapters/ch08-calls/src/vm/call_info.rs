//! Call frames.

use crate::closure::LuaClosure;
use crate::heap::Gc;

// ANCHOR: multret
/// `LUA_MULTRET`: a call that keeps all the results there are.
pub const MULTRET: i32 = -1;
// ANCHOR_END: multret

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
    /// The function running; `None` in the base frame.
    pub closure: Option<Gc<LuaClosure>>,
    /// How many results the caller wants, or [`MULTRET`].
    pub nresults: i32,
    /// Entered from Rust: when it returns, the virtual machine returns to
    /// the Rust code that called it.
    pub fresh: bool,
}
// ANCHOR_END: call_info

// ANCHOR: base_frame
impl CallInfo {
    /// The frame at the bottom, where the API works before any call.
    pub fn base_frame() -> CallInfo {
        CallInfo {
            func: 0,
            base: 1,
            top: 1,
            pc: 0,
            closure: None,
            nresults: 0,
            fresh: true,
        }
    }
}
// ANCHOR_END: base_frame
