//! Checking bytecode before running it.
//!
//! Lua trusts its compiler: a chunk from `luac` never names a register the
//! function does not have, or a constant that is not there, and the real
//! virtual machine reads memory wherever an instruction points. We promise
//! that no input crashes the interpreter, so before a prototype runs, every
//! instruction's operands are checked against the prototype's sizes. The
//! checks are cheap and done once per function, which lets the loop index
//! registers and constants without testing each access.

use crate::binary_chunk::Prototype;
use crate::error::LuaError;
use crate::instruction::{BITRK, Instruction};
use crate::opcodes::{OpArgMode, OpCode, OpMode};

use super::fb2int;

/// The most registers a function may have (`MAXREGS` in lcode.c).
const MAX_REGISTERS: u32 = 255;

// ANCHOR: verify
/// Checks every instruction of `f` (not its nested functions).
pub fn verify(f: &Prototype) -> Result<(), LuaError> {
    let registers = u32::from(f.max_stack_size);
    let bad = |pc: usize, what: &str| {
        LuaError::new(format!("bad binary chunk: instruction {} {what}", pc + 1))
    };
    if f.code.is_empty() {
        return Err(LuaError::new(
            "bad binary chunk: a function without instructions",
        ));
    }
    if registers > MAX_REGISTERS || u32::from(f.num_params) > registers {
        return Err(LuaError::new("bad binary chunk: impossible register count"));
    }
    let constants = f.constants.len() as i64;
    let registers = i64::from(registers);
    let upvalues = f.upvalues.len() as i64;
    let code_len = f.code.len() as i64;
    for (pc, &word) in f.code.iter().enumerate() {
        let i = Instruction(word);
        let op = i.opcode().ok_or_else(|| bad(pc, "has an unknown opcode"))?;
        let info = op.info();
        let (a, b, c) = (i64::from(i.a()), i64::from(i.b()), i64::from(i.c()));
        let register = |r: i64| (0..registers).contains(&r);
        let rk = |x: i64| {
            if x & i64::from(BITRK) != 0 {
                (x & !i64::from(BITRK)) < constants
            } else {
                register(x)
            }
        };
        // Some instructions read register A without writing it.
        let reads_a = matches!(
            op,
            OpCode::Test
                | OpCode::SetTable
                | OpCode::SetUpval
                | OpCode::SetList
                | OpCode::TForCall
                | OpCode::Call
                | OpCode::TailCall
        );
        let mut ok = !(info.sets_a || reads_a) || register(a);
        if info.mode == OpMode::IABC {
            for (mode, operand) in [(info.b, b), (info.c, c)] {
                ok &= match mode {
                    OpArgMode::K => rk(operand),
                    OpArgMode::R => register(operand),
                    _ => true,
                };
            }
        }
        if matches!(info.mode, OpMode::IAsBx) {
            let target = pc as i64 + 1 + i64::from(i.sbx());
            ok &= (0..f.code.len() as i64).contains(&target);
        }
        ok &= match op {
            OpCode::LoadK => i64::from(i.bx()) < constants,
            OpCode::LoadKx => {
                let next = f.code.get(pc + 1).map(|&w| Instruction(w));
                next.is_some_and(|n| {
                    n.opcode() == Some(OpCode::ExtraArg) && i64::from(n.ax()) < constants
                })
            }
            OpCode::LoadNil => a + b < registers,
            OpCode::GetUpval | OpCode::SetUpval | OpCode::GetTabUp => b < upvalues,
            OpCode::SetTabUp => a < upvalues,
            OpCode::Self_ => a + 1 < registers,
            OpCode::Concat => b <= c,
            // JMP's A, if not 0, closes the upvalues from register A-1 up.
            OpCode::Jmp => a <= registers,
            OpCode::ForPrep | OpCode::ForLoop => a + 3 < registers,
            // The call copies the iterator, state and control above them,
            // to R(A+3)..R(A+5), and gets C results there.
            OpCode::TForCall => a + 5 < registers && a + 2 + c < registers,
            OpCode::TForLoop => a + 1 < registers,
            // R(A) is the function, R(A+1)..R(A+B-1) its arguments, and
            // R(A)..R(A+C-2) its results; 0 means "up to the top".
            OpCode::Call | OpCode::TailCall => a + b - 1 < registers && a + c - 2 < registers,
            // With B = 0 these run from R(A) to the top, so R(A) itself
            // must be a register or the frame's end.
            OpCode::Return | OpCode::VarArg => {
                if b == 0 {
                    a <= registers
                } else {
                    a + b - 2 < registers
                }
            }
            // Every SETLIST stores one batch, so a function cannot have more
            // batches than instructions; a larger batch number could only
            // come from a corrupted chunk, and would ask for gigabytes.
            OpCode::SetList => {
                let batch = if c != 0 {
                    Some(c)
                } else {
                    f.code.get(pc + 1).map(|&w| i64::from(Instruction(w).ax()))
                };
                a + b < registers && batch.is_some_and(|batch| batch <= code_len + 1)
            }
            // The same for NEWTABLE's size hints: each record field needs
            // a SETTABLE, and each batch of at most 50 list items (nils
            // cost one LOADNIL for all) a SETLIST; the hint rounds up by at
            // most an eighth.
            OpCode::NewTable => {
                let limit = 64 * code_len as usize + 8;
                fb2int(i.b()) <= limit && fb2int(i.c()) <= limit
            }
            // The new closure's upvalues come from this function's registers
            // or its own upvalues: both must exist.
            OpCode::Closure => f.protos.get(i.bx() as usize).is_some_and(|p| {
                p.upvalues.iter().all(|u| {
                    let limit = if u.in_stack { registers } else { upvalues };
                    i64::from(u.index) < limit
                })
            }),
            _ => true,
        };
        if !ok {
            return Err(bad(pc, "has an operand out of range"));
        }
    }
    Ok(())
}
// ANCHOR_END: verify

#[cfg(test)]
mod tests {
    use super::*;

    fn function(max_stack_size: u8, code: Vec<u32>) -> Prototype {
        Prototype {
            source: None,
            line_defined: 0,
            last_line_defined: 0,
            num_params: 0,
            is_vararg: true,
            max_stack_size,
            code,
            constants: Vec::new(),
            upvalues: Vec::new(),
            protos: Vec::new(),
            line_info: Vec::new(),
            loc_vars: Vec::new(),
            upvalue_names: Vec::new(),
        }
    }

    fn return_instruction(a: u32, b: u32) -> u32 {
        OpCode::Return as u32 | a << 6 | b << 23
    }

    #[test]
    fn return_to_the_top_must_start_inside_the_frame() {
        assert!(verify(&function(2, vec![return_instruction(0, 1)])).is_ok());
        assert!(verify(&function(2, vec![return_instruction(2, 0)])).is_ok());
        assert!(verify(&function(2, vec![return_instruction(3, 0)])).is_err());
        assert!(verify(&function(2, vec![return_instruction(2, 2)])).is_err());
    }
}
