//! Chapter 6's program: run a chunk's main function, tracing every
//! instruction with the registers after it.

use std::fmt::Write;

use crate::binary_chunk::Prototype;
use crate::error::LuaError;
use crate::listing::describe_instruction;
use crate::state::LuaState;
use crate::vm::{Hook, Proto};

/// How much of each value a trace line shows.
const TRACE_VALUE_WIDTH: usize = 40;

// ANCHOR: tracer
/// Writes one line per instruction executed: its number, the instruction as
/// `luac` lists it, and the registers after it ran.
pub struct Tracer<'a> {
    /// The chunk's own prototype, which the listing code describes.
    pub listing: &'a Prototype,
    pub out: String,
    /// Instructions run so far, and the most the trace will run.
    pub steps: u64,
    pub limit: u64,
}

impl Hook for Tracer<'_> {
    fn after_instruction(
        &mut self,
        state: &LuaState,
        _proto: &Proto,
        pc: usize,
    ) -> Result<(), LuaError> {
        self.steps += 1;
        if self.steps > self.limit {
            return Err(LuaError::new(format!(
                "stopped after {} instructions",
                self.limit
            )));
        }
        let instruction = describe_instruction(self.listing, pc);
        let registers = state.show_stack_brief(TRACE_VALUE_WIDTH);
        let _ = writeln!(self.out, "{:>4}  {instruction:<36} {registers}", pc + 1);
        Ok(())
    }
}
// ANCHOR_END: tracer
