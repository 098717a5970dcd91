//! The virtual machine: fetch an instruction, decode it, execute it, repeat.

mod proto;
mod verify;

pub use proto::Proto;

use crate::debug::position;
use crate::error::LuaError;
use crate::heap::Gc;
use crate::instruction::LFIELDS_PER_FLUSH;
use crate::instruction::{BITRK, Instruction};
use crate::number::{Numeral, float_to_integer};
use crate::opcodes::OpCode;
use crate::operators::{self, ArithOp};
use crate::state::LuaState;
use crate::table::LuaTable;
use crate::value::Value;

// ANCHOR: hook
/// Called after every instruction, with the pc of the instruction that just
/// ran. The chapter's program uses it to trace execution; tests use it to
/// stop programs that run too long. Returning an error stops the program.
pub trait Hook {
    fn after_instruction(
        &mut self,
        state: &LuaState,
        proto: &Proto,
        pc: usize,
    ) -> Result<(), LuaError>;
}
// ANCHOR_END: hook

impl LuaState {
    // ANCHOR: execute
    /// Runs a main function: gives it a frame of registers above the
    /// current top, executes its code until it returns, and returns what
    /// it returned. The registers stay on the stack for the caller to see.
    pub fn execute(
        &mut self,
        proto: &Gc<Proto>,
        mut hook: Option<&mut dyn Hook>,
    ) -> Result<Vec<Value>, LuaError> {
        let base = self.stack.len();
        let registers = usize::from(proto.max_stack_size);
        if !self.check_stack(registers) {
            return Err(LuaError::new("stack overflow"));
        }
        self.stack.resize(base + registers, Value::Nil);
        self.base = base;
        let mut pc = 0;
        loop {
            let current = pc;
            let result = self.step(proto, &mut pc);
            let result = match (result, hook.as_deref_mut()) {
                (Ok(flow), Some(hook)) => {
                    hook.after_instruction(self, proto, current).map(|()| flow)
                }
                (result, _) => result,
            };
            match result {
                Ok(None) => {}
                Ok(Some(results)) => return Ok(results),
                Err(error) => {
                    let at = position(proto.source.as_deref(), proto.line(current));
                    return Err(LuaError::new(format!("{at} {}", error.message())));
                }
            }
        }
    }
    // ANCHOR_END: execute

    /// Register `r` of the current frame.
    fn register(&self, r: u32) -> &Value {
        &self.stack[self.base + r as usize]
    }

    fn set_register(&mut self, r: u32, value: Value) {
        self.stack[self.base + r as usize] = value;
    }

    // ANCHOR: rk
    /// An RK operand: a constant if its top bit is set, else a register.
    fn rk<'a>(&'a self, proto: &'a Proto, operand: u32) -> &'a Value {
        if operand & BITRK != 0 {
            &proto.constants[(operand & !BITRK) as usize]
        } else {
            self.register(operand)
        }
    }
    // ANCHOR_END: rk

    // ANCHOR: step
    /// Executes the instruction at `pc`, advancing `pc`. Returns the
    /// function's results when it returns.
    fn step(&mut self, proto: &Proto, pc: &mut usize) -> Result<Option<Vec<Value>>, LuaError> {
        let Some(&word) = proto.code.get(*pc) else {
            return Err(LuaError::new("program counter outside the code"));
        };
        *pc += 1;
        let i = Instruction(word);
        // The verifier has checked that the opcode exists and that every
        // register and constant the instruction names is in range.
        let Some(op) = i.opcode() else {
            return Err(LuaError::new("unknown opcode"));
        };
        let (a, b, c) = (i.a(), i.b(), i.c());
        match op {
            OpCode::Move => self.set_register(a, self.register(b).clone()),
            OpCode::LoadK => self.set_register(a, proto.constants[i.bx() as usize].clone()),
            OpCode::LoadKx => {
                let extra = Instruction(proto.code[*pc]);
                *pc += 1;
                self.set_register(a, proto.constants[extra.ax() as usize].clone());
            }
            OpCode::LoadBool => {
                self.set_register(a, Value::Boolean(b != 0));
                if c != 0 {
                    *pc += 1;
                }
            }
            OpCode::LoadNil => {
                for r in a..=a + b {
                    self.set_register(r, Value::Nil);
                }
            }
            OpCode::Add
            | OpCode::Sub
            | OpCode::Mul
            | OpCode::Mod
            | OpCode::Pow
            | OpCode::Div
            | OpCode::IDiv
            | OpCode::BAnd
            | OpCode::BOr
            | OpCode::BXor
            | OpCode::Shl
            | OpCode::Shr => {
                let result = binary_arith(op, self.rk(proto, b), self.rk(proto, c))?;
                self.set_register(a, result);
            }
            // ANCHOR: table_arms
            OpCode::NewTable => {
                self.set_register(a, Value::Table(LuaTable::new(fb2int(b), fb2int(c))?))
            }
            OpCode::GetTable => {
                let value = index(self.register(b), self.rk(proto, c))?;
                self.set_register(a, value);
            }
            OpCode::SetTable => {
                let table = self.register(a);
                let Value::Table(table) = table else {
                    return Err(operators::type_error(table, "index"));
                };
                table.set(self.rk(proto, b), self.rk(proto, c).clone())?;
            }
            OpCode::SetList => self.set_list(proto, pc, a, b, c)?,
            // ANCHOR_END: table_arms
            OpCode::Unm => {
                let result = operators::arith(ArithOp::Unm, self.register(b), self.register(b))?;
                self.set_register(a, result);
            }
            OpCode::BNot => {
                let result = operators::arith(ArithOp::BNot, self.register(b), self.register(b))?;
                self.set_register(a, result);
            }
            OpCode::Not => self.set_register(a, Value::Boolean(!self.register(b).is_truthy())),
            OpCode::Len => {
                let result = operators::len(self.register(b))?;
                self.set_register(a, result);
            }
            OpCode::Concat => {
                let first = self.base + b as usize;
                let result = operators::concat(&self.stack[first..=self.base + c as usize])?;
                self.set_register(a, result);
            }
            OpCode::Jmp => {
                // With A > 0 a jump also closes upvalues: chapter 10.
                jump(pc, i.sbx());
            }
            OpCode::Eq | OpCode::Lt | OpCode::Le => {
                let (x, y) = (self.rk(proto, b), self.rk(proto, c));
                let holds = match op {
                    OpCode::Eq => operators::raw_equals(x, y),
                    OpCode::Lt => operators::less_than(x, y)?,
                    _ => operators::less_equal(x, y)?,
                };
                // The next instruction is a jump, taken when the result is A.
                if holds != (a != 0) {
                    *pc += 1;
                }
            }
            OpCode::Test => {
                if self.register(a).is_truthy() != (c != 0) {
                    *pc += 1;
                }
            }
            OpCode::TestSet => {
                let value = self.register(b).clone();
                if value.is_truthy() == (c != 0) {
                    self.set_register(a, value);
                } else {
                    *pc += 1;
                }
            }
            OpCode::ForPrep => {
                self.for_prep(a)?;
                jump(pc, i.sbx());
            }
            OpCode::ForLoop => {
                if self.for_loop(a) {
                    jump(pc, i.sbx());
                }
            }
            OpCode::Return => {
                let last = if b == 0 {
                    self.stack.len()
                } else {
                    self.base + (a + b) as usize - 1
                };
                let first = (self.base + a as usize).min(last);
                return Ok(Some(self.stack[first..last].to_vec()));
            }
            _ => {
                return Err(LuaError::new(format!(
                    "chapter 7 cannot run {} instructions yet",
                    op.name()
                )));
            }
        }
        Ok(None)
    }
    // ANCHOR_END: step

    // ANCHOR: set_list
    /// `SETLIST A B C`: stores the B values above the table in register A
    /// as items (C-1)*50+1, (C-1)*50+2, ... of the table. B = 0 means "up
    /// to the top", and C = 0 means the batch number is the next word.
    fn set_list(
        &mut self,
        proto: &Proto,
        pc: &mut usize,
        a: u32,
        b: u32,
        c: u32,
    ) -> Result<(), LuaError> {
        let batch = if c == 0 {
            let extra = Instruction(proto.code[*pc]).ax();
            *pc += 1;
            extra
        } else {
            c
        };
        let first = self.base + a as usize + 1;
        let count = if b == 0 {
            self.stack.len().saturating_sub(first)
        } else {
            b as usize
        };
        let Value::Table(table) = self.register(a).clone() else {
            return Err(LuaError::new("SETLIST on a value that is not a table"));
        };
        let start = (i64::from(batch) - 1) * i64::from(LFIELDS_PER_FLUSH);
        table.reserve_array((start as usize).saturating_add(count))?;
        for (n, value) in self.stack[first..first + count].iter().enumerate() {
            table.set_int(start + n as i64 + 1, value.clone())?;
        }
        Ok(())
    }
    // ANCHOR_END: set_list

    // ANCHOR: for_prep
    /// Prepares a numeric `for` loop in R(A) (initial value), R(A+1) (limit)
    /// and R(A+2) (step), as `OP_FORPREP` in Lua 5.3: an integer loop if the
    /// initial value and the step are integers and the limit can be made
    /// one, otherwise a float loop. The index starts one step early, since
    /// FORLOOP adds the step before testing.
    fn for_prep(&mut self, a: u32) -> Result<(), LuaError> {
        let (init, limit, step) = (self.register(a), self.register(a + 1), self.register(a + 2));
        if let (Value::Integer(init), Value::Integer(step)) = (init, step)
            && let Some((limit, stop_now)) = for_limit(limit, *step)
        {
            // A limit beyond the integers in the wrong direction means the
            // loop must not run: start from 0 so the first test fails.
            let init = if stop_now { 0 } else { *init };
            let step = *step;
            self.set_register(a + 1, Value::Integer(limit));
            self.set_register(a, Value::Integer(init.wrapping_sub(step)));
            return Ok(());
        }
        let Some(limit) = limit.to_float() else {
            return Err(LuaError::new("'for' limit must be a number"));
        };
        let Some(step) = step.to_float() else {
            return Err(LuaError::new("'for' step must be a number"));
        };
        let Some(init) = init.to_float() else {
            return Err(LuaError::new("'for' initial value must be a number"));
        };
        self.set_register(a + 1, Value::Number(limit));
        self.set_register(a + 2, Value::Number(step));
        self.set_register(a, Value::Number(init - step));
        Ok(())
    }

    /// One step of a numeric `for` loop: returns whether to go round again,
    /// having updated the index and the loop variable R(A+3). As in Lua
    /// 5.3, the integer index wraps around: a loop whose limit is
    /// `math.maxinteger` never ends (Lua 5.4 changed this).
    fn for_loop(&mut self, a: u32) -> bool {
        let next = match (self.register(a), self.register(a + 1), self.register(a + 2)) {
            (Value::Integer(index), Value::Integer(limit), Value::Integer(step)) => {
                let index = index.wrapping_add(*step);
                let go_on = if *step > 0 {
                    index <= *limit
                } else {
                    *limit <= index
                };
                go_on.then_some(Value::Integer(index))
            }
            (Value::Number(index), Value::Number(limit), Value::Number(step)) => {
                let index = index + step;
                let go_on = if 0.0 < *step {
                    index <= *limit
                } else {
                    *limit <= index
                };
                go_on.then_some(Value::Number(index))
            }
            _ => None, // FORPREP made all three integers or all three floats
        };
        match next {
            Some(index) => {
                self.set_register(a, index.clone());
                self.set_register(a + 3, index);
                true
            }
            None => false,
        }
    }
    // ANCHOR_END: for_prep
}

// ANCHOR: index
/// `t[k]` for GETTABLE: tables only, until metatables (chapter 11).
fn index(t: &Value, k: &Value) -> Result<Value, LuaError> {
    match t {
        Value::Table(table) => Ok(table.get(k)),
        _ => Err(operators::type_error(t, "index")),
    }
}

/// A size hint as NEWTABLE encodes it: a "floating point byte",
/// eeeeexxx, meaning (1xxx) * 2^(eeeee - 1) when eeeee > 0 (`luaO_fb2int`).
pub fn fb2int(x: u32) -> usize {
    if x < 8 {
        return x as usize;
    }
    let (mantissa, shift) = (((x & 7) + 8) as usize, (x >> 3) - 1);
    // Only a corrupted chunk shifts the mantissa out of 64 bits: saturate,
    // and let the verifier refuse the hint.
    if shift >= mantissa.leading_zeros() {
        usize::MAX
    } else {
        mantissa << shift
    }
}
// ANCHOR_END: index

fn jump(pc: &mut usize, offset: i32) {
    // The verifier has checked that every jump lands inside the code.
    *pc = (*pc as i64 + i64::from(offset)) as usize;
}

// ANCHOR: for_limit
/// `forlimit` in lvm.c: the limit of an integer loop as an integer. A float
/// limit rounds towards the loop's direction (down for a positive step, up
/// for a negative one); a limit beyond the integers clips to the nearest
/// one, and says whether the loop must not run at all.
fn for_limit(limit: &Value, step: i64) -> Option<(i64, bool)> {
    let exact = match limit.to_numeral()? {
        Numeral::Integer(i) => Some(i),
        Numeral::Float(x) => float_to_integer(if step < 0 { x.ceil() } else { x.floor() }),
    };
    Some(match exact {
        Some(limit) => (limit, false),
        None => {
            let x = limit.to_float()?;
            if 0.0 < x {
                (i64::MAX, step < 0)
            } else {
                (i64::MIN, step >= 0)
            }
        }
    })
}
// ANCHOR_END: for_limit

// ANCHOR: binary_arith
/// A binary arithmetic or bitwise instruction. The common cases, two
/// integers or two floats, are handled here without the general function.
fn binary_arith(op: OpCode, x: &Value, y: &Value) -> Result<Value, LuaError> {
    let arith_op = match op {
        OpCode::Add => ArithOp::Add,
        OpCode::Sub => ArithOp::Sub,
        OpCode::Mul => ArithOp::Mul,
        OpCode::Mod => ArithOp::Mod,
        OpCode::Pow => ArithOp::Pow,
        OpCode::Div => ArithOp::Div,
        OpCode::IDiv => ArithOp::IDiv,
        OpCode::BAnd => ArithOp::BAnd,
        OpCode::BOr => ArithOp::BOr,
        OpCode::BXor => ArithOp::BXor,
        OpCode::Shl => ArithOp::Shl,
        _ => ArithOp::Shr,
    };
    match (arith_op, x, y) {
        (ArithOp::Add, Value::Integer(x), Value::Integer(y)) => {
            Ok(Value::Integer(x.wrapping_add(*y)))
        }
        (ArithOp::Sub, Value::Integer(x), Value::Integer(y)) => {
            Ok(Value::Integer(x.wrapping_sub(*y)))
        }
        (ArithOp::Mul, Value::Integer(x), Value::Integer(y)) => {
            Ok(Value::Integer(x.wrapping_mul(*y)))
        }
        (ArithOp::Add, Value::Number(x), Value::Number(y)) => Ok(Value::Number(x + y)),
        (ArithOp::Sub, Value::Number(x), Value::Number(y)) => Ok(Value::Number(x - y)),
        (ArithOp::Mul, Value::Number(x), Value::Number(y)) => Ok(Value::Number(x * y)),
        (ArithOp::Div, Value::Number(x), Value::Number(y)) => Ok(Value::Number(x / y)),
        _ => operators::arith(arith_op, x, y),
    }
}
// ANCHOR_END: binary_arith
