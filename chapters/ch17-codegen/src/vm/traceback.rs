//! Stack tracebacks, as `luaL_traceback` writes them for `lua`.

use crate::debug::object_name;
use crate::instruction::Instruction;
use crate::opcodes::OpCode;
use crate::state::LuaState;
use crate::value::Value;

use super::{EVENT_NAMES, Event, arith_op};

/// A traceback of more than `LEVELS1 + LEVELS2 + 1` levels shows the first
/// `LEVELS1` and the last `LEVELS2` of them, with "..." between: one more
/// than the two parts, because `luaL_traceback` compares the last level's
/// number with the first's (`last - level > LEVELS1 + LEVELS2`, level 1).
const LEVELS1: usize = 10;
const LEVELS2: usize = 11;

impl LuaState {
    // ANCHOR: traceback
    // ANCHOR: traceback_lines
    /// "stack traceback:" and a line per call in progress, innermost first:
    /// where it is, and what it is called, as `lua` prints them. The last
    /// line stands for `lua`'s own C function that ran the script.
    pub fn traceback(&self) -> String {
        let mut lines: Vec<String> = (1..self.frames.len())
            .rev()
            .map(|i| self.describe_frame(i))
            .collect();
        lines.push("[C]: in ?".into());
        let mut out = String::from("stack traceback:");
        if lines.len() > LEVELS1 + LEVELS2 + 1 {
            let skipped_from = lines.len() - LEVELS2;
            for line in &lines[..LEVELS1] {
                out.push_str("\n\t");
                out.push_str(line);
            }
            out.push_str("\n\t...");
            for line in &lines[skipped_from..] {
                out.push_str("\n\t");
                out.push_str(line);
            }
        } else {
            for line in &lines {
                out.push_str("\n\t");
                out.push_str(line);
            }
        }
        out
    }
    // ANCHOR_END: traceback_lines

    // ANCHOR: describe_frame
    /// "file.lua:12: in local 'f'", "[C]: in function 'error'", ...
    fn describe_frame(&self, i: usize) -> String {
        let frame = &self.frames[i];
        let place = match &frame.closure {
            Some(closure) => {
                let proto = &closure.proto;
                let source = proto.short_source();
                // Like luaL_traceback, no line at all where there is none
                // to give (a chunk stripped of its debug information).
                match frame.pc.checked_sub(1).and_then(|pc| proto.line(pc)) {
                    Some(line) if line > 0 => format!("{source}:{line}:"),
                    _ => format!("{source}:"),
                }
            }
            None => "[C]:".into(),
        };
        let name = match self.global_name(&self.stack[frame.func]) {
            Some(name) => format!("function '{name}'"),
            None => match self.called_as(i) {
                Some((kind, name)) => format!("{kind} '{name}'"),
                None => match &frame.closure {
                    Some(closure) if closure.proto.line_defined == 0 => "main chunk".into(),
                    Some(closure) => {
                        let proto = &closure.proto;
                        let source = proto.short_source();
                        format!("function <{source}:{}>", proto.line_defined)
                    }
                    None => "?".into(),
                },
            },
        };
        let mut line = format!("{place} in {name}");
        if frame.tail {
            line.push_str("\n\t(...tail calls...)");
        }
        line
    }
    // ANCHOR_END: describe_frame

    // ANCHOR: global_name
    /// The name of a global variable holding this function, if any.
    fn global_name(&self, function: &Value) -> Option<String> {
        if !matches!(function, Value::LuaFunction(_) | Value::RustFunction(_)) {
            return None;
        }
        let globals = self.globals()?;
        let mut key = Value::Nil;
        while let Ok(Some((k, v))) = globals.next(&key) {
            if crate::operators::raw_equals(&v, function)
                && let Value::String(name) = &k
            {
                return Some(String::from_utf8_lossy(name.as_bytes()).into_owned());
            }
            key = k;
        }
        None
    }
    // ANCHOR_END: global_name

    // ANCHOR: called_as
    /// How the running function was called: `("global", "print")`,
    /// `("method", "m")`, `("for iterator", "for iterator")`..., if the
    /// calling instruction tells.
    pub fn current_function_name(&self) -> Option<(&'static str, String)> {
        self.called_as(self.frames.len().checked_sub(1).filter(|&i| i > 0)?)
    }

    /// How frame `i`'s caller named the function it called (`getfuncname`):
    /// from the calling instruction, if the caller is a Lua function and
    /// the call was not a tail call.
    fn called_as(&self, i: usize) -> Option<(&'static str, String)> {
        if self.frames[i].tail {
            return None;
        }
        let caller = &self.frames[i - 1];
        let proto = &caller.closure.as_ref()?.proto;
        let pc = caller.pc.checked_sub(1)?;
        let instruction = Instruction(*proto.code.get(pc)?);
        // A metamethod is named by its event (Lua 5.4 drops the "__").
        let event = match instruction.opcode()? {
            OpCode::Call | OpCode::TailCall => return object_name(proto, pc, instruction.a()),
            OpCode::TForCall => return Some(("for iterator", "for iterator".into())),
            OpCode::Self_ | OpCode::GetTabUp | OpCode::GetTable => Event::Index,
            OpCode::SetTabUp | OpCode::SetTable => Event::NewIndex,
            op if op.is_binary_arith() => Event::of(arith_op(op)),
            OpCode::Unm => Event::Unm,
            OpCode::BNot => Event::BNot,
            OpCode::Len => Event::Len,
            OpCode::Concat => Event::Concat,
            OpCode::Eq => Event::Eq,
            OpCode::Lt => Event::Lt,
            OpCode::Le => Event::Le,
            _ => return None,
        };
        let event = EVENT_NAMES[event as usize];
        Some(("metamethod", event.to_string()))
    }
    // ANCHOR_END: called_as
    // ANCHOR_END: traceback
}
