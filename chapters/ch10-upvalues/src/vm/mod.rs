//! The virtual machine: fetch an instruction, decode it, execute it, repeat.

mod call_info;
mod proto;
mod verify;

pub use call_info::{CallInfo, MULTRET};
pub use proto::Proto;

use crate::closure::{LuaClosure, UpvalueCell};
use crate::debug::position;
use crate::error::LuaError;
use crate::heap::Gc;
use crate::instruction::LFIELDS_PER_FLUSH;
use crate::instruction::{BITRK, Instruction};
use crate::number::{Numeral, float_to_integer};
use crate::opcodes::OpCode;
use crate::operators::{self, ArithOp};
use crate::state::{LUA_MINSTACK, LUAI_MAXCCALLS, LUAI_MAXSTACK, LuaState};
use crate::table::LuaTable;
use crate::value::{RustFunction, Value};

// ANCHOR: hook
/// Called after every instruction, with the pc of the instruction that just
/// ran, once set on a state with [`LuaState::set_hook`]. Tests use it to
/// stop programs that run too long (chapters 6 and 7 also traced execution
/// with it). Returning an error stops the program.
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
    /// Runs a main function and returns what it returned: pushes a closure
    /// of it and calls it with no arguments, keeping all its results.
    pub fn execute(&mut self, proto: &Gc<Proto>) -> Result<Vec<Value>, LuaError> {
        let func = self.top;
        let closure = self.main_closure(proto);
        self.push(Value::LuaFunction(closure));
        self.call(0, MULTRET)?;
        let results = self.stack[func..self.top].to_vec();
        self.top = func;
        Ok(results)
    }

    /// Calls the function below the top `nargs` values with them as
    /// arguments (`lua_call`), leaving `nresults` results in their place,
    /// or all of them for [`MULTRET`].
    pub fn call(&mut self, nargs: usize, nresults: i32) -> Result<(), LuaError> {
        let func = self
            .top
            .checked_sub(nargs + 1)
            .filter(|&func| func >= self.base)
            .ok_or_else(|| LuaError::new("call needs a function and its arguments on the stack"))?;
        // Every call from Rust into Lua nests the Rust stack (a Rust function
        // calling Lua calling Rust...), so, like C Lua, we limit the nesting.
        if self.rust_calls >= LUAI_MAXCCALLS {
            return Err(LuaError::new("C stack overflow"));
        }
        self.rust_calls += 1;
        let depth = self.frames.len();
        // Each call from Rust into Lua nests the Rust stack. The depth is
        // limited (above), but a level can take more stack than a small
        // thread has (a test's, say), so the stack grows on demand instead
        // of overflowing.
        let result = stacker::maybe_grow(RED_ZONE, STACK_SEGMENT, || {
            match self.pre_call(func, nresults, true) {
                Ok(Called::Lua) => self.run(),
                Ok(Called::Rust) => Ok(()),
                Err(error) => Err(error),
            }
        });
        self.rust_calls -= 1;
        // ANCHOR: unwind
        if result.is_err() {
            // Unwind: drop the frames of the failed calls, closing the
            // variables they captured.
            self.close_upvalues(func);
            self.frames.truncate(depth);
            self.base = self.frames.last().map_or(1, |frame| frame.base);
            self.top = func;
        }
        // ANCHOR_END: unwind
        result
    }

    // ANCHOR: main_closure
    /// A closure of a chunk's main function, as `lua_load` makes it: its
    /// first upvalue, `_ENV`, is the table of global variables.
    pub fn main_closure(&self, proto: &Gc<Proto>) -> Gc<LuaClosure> {
        let mut upvalues: Vec<UpvalueCell> = (0..proto.upvalues.len())
            .map(|_| UpvalueCell::closed(Value::Nil))
            .collect();
        if let Some(env) = upvalues.first_mut() {
            *env = UpvalueCell::closed(self.globals_value());
        }
        Gc::new(LuaClosure {
            proto: proto.clone(),
            upvalues,
        })
    }
    // ANCHOR_END: main_closure
    // ANCHOR_END: execute

    // ANCHOR: pre_call
    /// Starts a call to the function in `stack[func]`, whose arguments are
    /// the values above it up to the top. A Lua function gets a frame and
    /// runs when the loop enters it; a Rust function runs here, to the end.
    /// `fresh`: the call comes from Rust, which gets the results back.
    fn pre_call(&mut self, func: usize, nresults: i32, fresh: bool) -> Result<Called, LuaError> {
        let closure = match &self.stack[func] {
            Value::LuaFunction(closure) => closure.clone(),
            Value::RustFunction(f) => {
                let f = *f;
                return self
                    .call_rust(f, func, nresults, fresh)
                    .map(|()| Called::Rust);
            }
            other => return Err(operators::type_error(other, "call")),
        };
        let proto = &closure.proto;
        let nargs = self.top - func - 1;
        let params = usize::from(proto.num_params);
        let registers = usize::from(proto.max_stack_size);
        // A vararg function's fixed parameters are copied above all the
        // arguments, so that the extra arguments stay below its base.
        let base = if proto.is_vararg { self.top } else { func + 1 };
        let frame_top = base + registers;
        if frame_top > LUAI_MAXSTACK {
            return Err(LuaError::new("stack overflow"));
        }
        self.ensure_slots(frame_top);
        if proto.is_vararg {
            for i in 0..params {
                let arg = if i < nargs {
                    std::mem::take(&mut self.stack[func + 1 + i])
                } else {
                    Value::Nil
                };
                self.stack[base + i] = arg;
            }
        } else {
            for slot in &mut self.stack[func + 1 + nargs.min(params)..base + params] {
                *slot = Value::Nil; // missing arguments
            }
        }
        self.frames.push(CallInfo {
            func,
            base,
            top: frame_top,
            pc: 0,
            closure: Some(closure),
            nresults,
            fresh,
        });
        self.base = base;
        self.top = frame_top;
        Ok(Called::Lua)
    }
    // ANCHOR_END: pre_call

    // ANCHOR: call_rust
    /// Calls a Rust function: it gets a frame whose index 1 is its first
    /// argument and room for `LUA_MINSTACK` more values, runs, and leaves
    /// its results on top, which go where the function was.
    fn call_rust(
        &mut self,
        f: RustFunction,
        func: usize,
        nresults: i32,
        fresh: bool,
    ) -> Result<(), LuaError> {
        let frame_top = self.top + LUA_MINSTACK;
        if frame_top > LUAI_MAXSTACK {
            return Err(LuaError::new("stack overflow"));
        }
        self.ensure_slots(frame_top);
        let base = func + 1;
        self.frames.push(CallInfo {
            func,
            base,
            top: frame_top,
            pc: 0,
            closure: None,
            nresults,
            fresh,
        });
        self.base = base;
        let n = f(self)?;
        // A function cannot return more values than it has on its stack.
        let n = n.min(self.top - self.base);
        self.post_call(self.top - n, n);
        Ok(())
    }
    // ANCHOR_END: call_rust

    // ANCHOR: post_call
    /// Ends the current call: moves its results, `stack[first..first + n]`,
    /// to where the function was, adjusted to the number the caller wants,
    /// and pops the frame. Returns whether the frame was entered from Rust.
    fn post_call(&mut self, first: usize, n: usize) -> bool {
        let frame = self.frames.pop().expect("a running frame");
        let wanted = if frame.nresults == MULTRET {
            n
        } else {
            frame.nresults as usize
        };
        self.ensure_slots(frame.func + wanted);
        for i in 0..wanted {
            let value = if i < n {
                std::mem::take(&mut self.stack[first + i])
            } else {
                Value::Nil
            };
            self.stack[frame.func + i] = value;
        }
        let caller = self.frames.last().expect("the base frame is never popped");
        self.base = caller.base;
        // Results for Rust, or all the results for the next instruction
        // (a CALL, RETURN or SETLIST with B = 0), end at the top; otherwise
        // the caller's frame is whole again.
        self.top = if frame.fresh || frame.nresults == MULTRET {
            frame.func + wanted
        } else {
            caller.top
        };
        frame.fresh
    }
    // ANCHOR_END: post_call

    // ANCHOR: run
    /// Runs Lua frames until the one entered from Rust returns.
    fn run(&mut self) -> Result<(), LuaError> {
        loop {
            // (Re)enter the current frame: a call or a return changed it.
            let frame = self.frames.last().expect("a running frame");
            let closure = frame.closure.clone().expect("a Lua frame");
            let proto = &closure.proto;
            let mut pc = frame.pc;
            loop {
                let current = pc;
                let result = self.step(&closure, &mut pc);
                // ANCHOR: run_hook
                // Every run, whether `execute` started it or a Rust function
                // calling Lua did, calls the state's hook.
                let result = match result {
                    Ok(flow) if self.hook.is_some() => {
                        self.call_hook(proto, current).map(|()| flow)
                    }
                    result => result,
                };
                // ANCHOR_END: run_hook
                match result {
                    Ok(Flow::Next) => {}
                    // A call pushed or replaced a frame: enter it.
                    Ok(Flow::Call) => break,
                    Ok(Flow::Return { fresh: true }) => return Ok(()),
                    Ok(Flow::Return { fresh: false }) => break,
                    Err(error) if error.is_located() => return Err(error),
                    Err(error) => {
                        let at = position(proto.source.as_deref(), proto.line(current));
                        return Err(LuaError::located(format!("{at} {}", error.message())));
                    }
                }
            }
        }
    }
    // ANCHOR_END: run

    // ANCHOR: call_hook
    /// Calls the state's hook after the instruction at `pc` of `proto`.
    /// The hook is taken out of the state for the call, since it is given
    /// the state to look at, and put back after.
    fn call_hook(&mut self, proto: &Proto, pc: usize) -> Result<(), LuaError> {
        let Some(mut hook) = self.hook.take() else {
            return Ok(());
        };
        let result = hook.after_instruction(self, proto, pc);
        self.hook = Some(hook);
        result
    }
    // ANCHOR_END: call_hook

    /// Register `r` of the current frame.
    fn register_at(&self, r: u32) -> &Value {
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
            self.register_at(operand)
        }
    }
    // ANCHOR_END: rk

    // ANCHOR: step
    /// Executes the instruction at `pc`, advancing `pc`, and says whether
    /// the current frame changed.
    fn step(&mut self, closure: &LuaClosure, pc: &mut usize) -> Result<Flow, LuaError> {
        let proto = &closure.proto;
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
            OpCode::Move => self.set_register(a, self.register_at(b).clone()),
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
            OpCode::NewTable => {
                self.set_register(a, Value::Table(LuaTable::new(fb2int(b), fb2int(c))?))
            }
            OpCode::GetTable => {
                let value = index(self.register_at(b), self.rk(proto, c))?;
                self.set_register(a, value);
            }
            OpCode::SetTable => {
                let table = self.register_at(a);
                let Value::Table(table) = table else {
                    return Err(operators::type_error(table, "index"));
                };
                table.set(self.rk(proto, b), self.rk(proto, c).clone())?;
            }
            OpCode::SetList => self.set_list(proto, pc, a, b, c)?,
            OpCode::Unm => {
                let result =
                    operators::arith(ArithOp::Unm, self.register_at(b), self.register_at(b))?;
                self.set_register(a, result);
            }
            OpCode::BNot => {
                let result =
                    operators::arith(ArithOp::BNot, self.register_at(b), self.register_at(b))?;
                self.set_register(a, result);
            }
            OpCode::Not => self.set_register(a, Value::Boolean(!self.register_at(b).is_truthy())),
            OpCode::Len => {
                let result = operators::len(self.register_at(b))?;
                self.set_register(a, result);
            }
            OpCode::Concat => {
                let first = self.base + b as usize;
                let result = operators::concat(&self.stack[first..=self.base + c as usize])?;
                self.set_register(a, result);
            }
            // ANCHOR: jmp_arm
            OpCode::Jmp => {
                // A > 0: the jump leaves the scope of registers A-1 and up
                // (a block ends, a loop goes round), closing their upvalues.
                if a > 0 {
                    self.close_upvalues(self.base + a as usize - 1);
                }
                jump(pc, i.sbx());
            }
            // ANCHOR_END: jmp_arm
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
                if self.register_at(a).is_truthy() != (c != 0) {
                    *pc += 1;
                }
            }
            OpCode::TestSet => {
                let value = self.register_at(b).clone();
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
            // ANCHOR: return_arm
            OpCode::Return => {
                // The function's variables go out of scope.
                self.close_upvalues(self.base);
                let first = self.base + a as usize;
                let n = if b == 0 {
                    self.top.saturating_sub(first)
                } else {
                    b as usize - 1
                };
                let fresh = self.post_call(first, n);
                return Ok(Flow::Return { fresh });
            }
            // ANCHOR_END: return_arm
            OpCode::Call => {
                let func = self.base + a as usize;
                self.set_call_top(func, b)?;
                // Where this frame goes on when the call returns.
                self.frames.last_mut().expect("a running frame").pc = *pc;
                return match self.pre_call(func, c as i32 - 1, false)? {
                    Called::Lua => Ok(Flow::Call),
                    Called::Rust => Ok(Flow::Next),
                };
            }
            // ANCHOR: tail_call_arm
            OpCode::TailCall => {
                let func = self.base + a as usize;
                self.set_call_top(func, b)?;
                if let Value::RustFunction(_) = self.stack[func] {
                    // A Rust function cannot take the caller's place: call
                    // it, and the RETURN that follows returns its results.
                    self.pre_call(func, MULTRET, false)?;
                    return Ok(Flow::Next);
                }
                self.tail_call(func)?;
                return Ok(Flow::Call);
            }
            // ANCHOR_END: tail_call_arm
            OpCode::VarArg => self.var_arg(proto, a, b)?,
            OpCode::Self_ => {
                let object = self.register_at(b).clone();
                let method = index(&object, self.rk(proto, c))?;
                self.set_register(a + 1, object);
                self.set_register(a, method);
            }
            // ANCHOR: upvalue_arms
            OpCode::Closure => {
                let closure = self.new_closure(closure, i.bx() as usize)?;
                self.set_register(a, Value::LuaFunction(closure));
            }
            OpCode::GetUpval => {
                let value = closure.upvalues[b as usize].get(&self.stack);
                self.set_register(a, value);
            }
            OpCode::SetUpval => {
                let value = self.register_at(a).clone();
                closure.upvalues[b as usize].set(&mut self.stack, value);
            }
            OpCode::GetTabUp => {
                let env = closure.upvalues[b as usize].get(&self.stack);
                let value = index(&env, self.rk(proto, c))?;
                self.set_register(a, value);
            }
            OpCode::SetTabUp => {
                let table = closure.upvalues[a as usize].get(&self.stack);
                let Value::Table(table) = table else {
                    return Err(operators::type_error(&table, "index"));
                };
                table.set(self.rk(proto, b), self.rk(proto, c).clone())?;
            }
            // ANCHOR_END: upvalue_arms
            _ => {
                return Err(LuaError::new(format!(
                    "chapter 10 cannot run {} instructions yet",
                    op.name()
                )));
            }
        }
        Ok(Flow::Next)
    }
    // ANCHOR_END: step

    // ANCHOR: new_closure
    // ANCHOR: capture
    /// `CLOSURE`: a new closure of nested prototype `index`. Each upvalue
    /// is either a variable of the enclosing function, in one of its
    /// registers, captured through an open upvalue shared with any other
    /// closure that captured it; or one of the enclosing closure's own
    /// upvalues, passed on.
    fn new_closure(
        &mut self,
        enclosing: &LuaClosure,
        index: usize,
    ) -> Result<Gc<LuaClosure>, LuaError> {
        let proto = enclosing.proto.protos[index].clone();
        let mut upvalues = Vec::with_capacity(proto.upvalues.len());
        for upvalue in &proto.upvalues {
            let captured = if upvalue.in_stack {
                self.find_upvalue(self.base + usize::from(upvalue.index))
            } else {
                enclosing.upvalues[usize::from(upvalue.index)].clone()
            };
            upvalues.push(captured);
        }
        Ok(Gc::new(LuaClosure { proto, upvalues }))
    }
    // ANCHOR_END: capture

    // ANCHOR: find_upvalue
    /// The open upvalue for a stack slot: the existing one if a closure
    /// already captured that variable, otherwise a new one.
    fn find_upvalue(&mut self, slot: usize) -> UpvalueCell {
        let position = self
            .open_upvalues
            .partition_point(|u| u.slot().is_some_and(|s| s < slot));
        if let Some(existing) = self.open_upvalues.get(position)
            && existing.slot() == Some(slot)
        {
            return existing.clone();
        }
        let upvalue = UpvalueCell::open(slot);
        self.open_upvalues.insert(position, upvalue.clone());
        upvalue
    }
    // ANCHOR_END: find_upvalue

    // ANCHOR: close_upvalues
    /// Closes the open upvalues of slots `level` and above: their variables
    /// are going out of scope.
    pub(crate) fn close_upvalues(&mut self, level: usize) {
        let first = self
            .open_upvalues
            .partition_point(|u| u.slot().is_some_and(|s| s < level));
        for upvalue in self.open_upvalues.drain(first..) {
            upvalue.close(&self.stack);
        }
    }
    // ANCHOR_END: close_upvalues
    // ANCHOR_END: new_closure

    // ANCHOR: tail_call
    /// A tail call: the called function takes the place of the calling
    /// one. Its function and arguments move down to the caller's slot, the
    /// caller's frame is popped, and the call starts there, with the results
    /// the caller's caller wanted. A loop of tail calls runs in constant
    /// stack space.
    fn tail_call(&mut self, func: usize) -> Result<(), LuaError> {
        // Nothing may move until the callee is known to be a function: a
        // failed call must leave the caller's frame as it was.
        if !matches!(self.stack[func], Value::LuaFunction(_)) {
            return Err(operators::type_error(&self.stack[func], "call"));
        }
        // The caller's variables go out of scope before its frame is reused.
        self.close_upvalues(self.base);
        let frame = self.frames.pop().expect("a running frame");
        let n = self.top - func;
        for i in 0..n {
            let value = std::mem::take(&mut self.stack[func + i]);
            self.stack[frame.func + i] = value;
        }
        self.top = frame.func + n;
        self.base = self.frames.last().map_or(1, |caller| caller.base);
        let result = self.pre_call(frame.func, frame.nresults, frame.fresh);
        match result {
            Ok(_) => Ok(()),
            Err(error) => {
                // Leave the frame in place so the error is reported (and
                // unwound) as coming from the caller.
                self.frames.push(frame);
                Err(error)
            }
        }
    }
    // ANCHOR_END: tail_call

    // ANCHOR: set_call_top
    /// Where a call's arguments end. With B = 0 they run "up to the top",
    /// which the instruction before (an open CALL or VARARG) has set; Lua's
    /// compiler never emits anything else, but a chunk made by hand can
    /// leave the top below the function, and nothing may trust that it
    /// did not.
    fn set_call_top(&mut self, func: usize, b: u32) -> Result<(), LuaError> {
        if b != 0 {
            self.top = func + b as usize;
        } else if self.top <= func {
            return Err(LuaError::new(
                "bad binary chunk: an open call's arguments end below its function",
            ));
        }
        Ok(())
    }
    // ANCHOR_END: set_call_top

    // ANCHOR: var_arg
    /// `VARARG A B`: copies B-1 extra arguments into R(A)..., or all of them
    /// (moving the top) when B is 0. The extra arguments sit below the
    /// frame's base, above the fixed ones' original places.
    fn var_arg(&mut self, proto: &Proto, a: u32, b: u32) -> Result<(), LuaError> {
        let frame = self.frames.last().expect("a running frame");
        let first_extra = frame.func + 1 + usize::from(proto.num_params);
        let available = frame.base.saturating_sub(first_extra);
        let wanted = if b == 0 { available } else { b as usize - 1 };
        let dest = self.base + a as usize;
        if b == 0 {
            if dest + wanted > LUAI_MAXSTACK {
                return Err(LuaError::new("stack overflow"));
            }
            self.ensure_slots(dest + wanted);
            self.top = dest + wanted;
        }
        for i in 0..wanted {
            let value = if i < available {
                self.stack[first_extra + i].clone()
            } else {
                Value::Nil
            };
            self.stack[dest + i] = value;
        }
        Ok(())
    }
    // ANCHOR_END: var_arg

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
            self.top.saturating_sub(first)
        } else {
            b as usize
        };
        let Value::Table(table) = self.register_at(a).clone() else {
            return Err(LuaError::new("SETLIST on a value that is not a table"));
        };
        let start = (i64::from(batch) - 1) * i64::from(LFIELDS_PER_FLUSH);
        table.reserve_array((start as usize).saturating_add(count))?;
        for (n, value) in self.stack[first..first + count].iter().enumerate() {
            table.set_int(start + n as i64 + 1, value.clone())?;
        }
        // After an open call or VARARG set it, the frame's top is back.
        self.top = self.frames.last().expect("a running frame").top;
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
        let (init, limit, step) = (
            self.register_at(a),
            self.register_at(a + 1),
            self.register_at(a + 2),
        );
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
        let next = match (
            self.register_at(a),
            self.register_at(a + 1),
            self.register_at(a + 2),
        ) {
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

/// Whether a call ran to the end (a Rust function) or pushed a frame for
/// the loop to enter (a Lua function).
enum Called {
    Lua,
    Rust,
}

/// When less than this much Rust stack is left, a call from Rust into Lua
/// continues on a new stack segment of `STACK_SEGMENT` bytes.
const RED_ZONE: usize = 256 * 1024;
const STACK_SEGMENT: usize = 4 * 1024 * 1024;

/// What an instruction did to the frames.
enum Flow {
    /// Go on with the next instruction of the same frame.
    Next,
    /// A call pushed a new frame (or replaced this one, for a tail call).
    Call,
    /// The frame returned; `fresh` if it was entered from Rust.
    Return { fresh: bool },
}

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
