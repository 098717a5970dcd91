//! The virtual machine: fetch an instruction, decode it, execute it, repeat.

mod call_info;
mod metamethods;
mod proto;
mod traceback;
mod verify;

pub use call_info::{CallInfo, MULTRET};
pub use metamethods::{EVENT_NAMES, Event};
pub use proto::Proto;

use crate::closure::{LuaClosure, UpvalueCell};
use crate::debug::{object_name, position, upvalue_name};
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

    // ANCHOR: call_from_rust
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
        let result = result.map_err(|error| {
            // The stack as it was when the error happened, before it is
            // unwound, if the state was asked to record it (as `lua` does
            // for errors that nothing catches).
            if self.traceback_on_error && self.protected_calls == 0 && error.traceback().is_none() {
                let traceback = self.traceback();
                error.with_traceback(traceback)
            } else {
                error
            }
        });
        if result.is_err() {
            // Unwind: drop the frames of the failed calls, closing the
            // variables they captured.
            self.close_upvalues(func);
            self.frames.truncate(depth);
            self.base = self.frames.last().map_or(1, |frame| frame.base);
            self.top = func;
        }
        result
    }
    // ANCHOR_END: call_from_rust

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
    // ANCHOR_END: execute

    // ANCHOR: call_handler
    /// Calls a value that is not a function through its `__call`
    /// metamethod (`luaD_tryfuncTM`): the handler takes the value's place
    /// in `func`, and the value becomes the first argument.
    fn insert_call_handler(&mut self, func: usize) -> Result<(), LuaError> {
        let handler = self.metamethod(&self.stack[func], Event::Call);
        if !matches!(handler, Value::LuaFunction(_) | Value::RustFunction(_)) {
            return Err(operators::type_error(&self.stack[func], "call", 0));
        }
        if self.top + 1 > LUAI_MAXSTACK {
            return Err(LuaError::new("stack overflow"));
        }
        self.ensure_slots(self.top + 1);
        self.stack[func..=self.top].rotate_right(1);
        self.stack[func] = handler;
        self.top += 1;
        Ok(())
    }
    // ANCHOR_END: call_handler

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
            _ => {
                self.insert_call_handler(func)?;
                return self.pre_call(func, nresults, fresh);
            }
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
        } else if nargs < params {
            for slot in &mut self.stack[func + 1 + nargs..base + params] {
                *slot = Value::Nil; // missing arguments
            }
        }
        self.push_frame(func, base, frame_top, Some(closure), nresults, fresh);
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
        self.push_frame(func, base, frame_top, None, nresults, fresh);
        self.base = base;
        // An error a Rust function raises is complete as it is: one raised
        // by a primitive operation inside it has no position, as in C Lua
        // (which adds one only when a Lua function is running), and the
        // library adds the caller's position itself where Lua's does.
        let n = f(self).map_err(LuaError::into_located)?;
        // A function cannot return more values than it has on its stack.
        let n = n.min(self.top - self.base);
        self.post_call(self.top - n, n);
        Ok(())
    }
    // ANCHOR_END: call_rust

    // ANCHOR: push_frame
    /// Pushes a frame. It is written field by field into its place in the
    /// vector: a `CallInfo` built first and then moved there would go
    /// through memory twice, which shows on every call.
    fn push_frame(
        &mut self,
        func: usize,
        base: usize,
        top: usize,
        closure: Option<Gc<LuaClosure>>,
        nresults: i32,
        fresh: bool,
    ) {
        self.frames.push(CallInfo::base_frame());
        let frame = self.frames.last_mut().expect("just pushed");
        frame.func = func;
        frame.base = base;
        frame.top = top;
        frame.closure = closure;
        frame.nresults = nresults;
        frame.fresh = fresh;
    }
    // ANCHOR_END: push_frame

    // ANCHOR: post_call
    /// Ends the current call: moves its results, `stack[first..first + n]`,
    /// to where the function was, adjusted to the number the caller wants,
    /// and pops the frame. Returns whether the frame was entered from Rust.
    #[inline]
    fn post_call(&mut self, first: usize, n: usize) -> bool {
        let frame = self.frames.last().expect("a running frame");
        let (func, nresults, fresh) = (frame.func, frame.nresults, frame.fresh);
        self.frames.pop();
        let wanted = if nresults == MULTRET {
            n
        } else {
            nresults as usize
        };
        self.ensure_slots(func + wanted);
        let moved = n.min(wanted);
        for i in 0..moved {
            let value = std::mem::take(&mut self.stack[first + i]);
            drop(std::mem::replace(&mut self.stack[func + i], value));
        }
        if moved < wanted {
            for slot in &mut self.stack[func + moved..func + wanted] {
                *slot = Value::Nil; // results the function did not return
            }
        }
        let caller = self.frames.last().expect("the base frame is never popped");
        self.base = caller.base;
        // Results for Rust, or all the results for the next instruction
        // (a CALL, RETURN or SETLIST with B = 0), end at the top; otherwise
        // the caller's frame is whole again.
        self.top = if fresh || nresults == MULTRET {
            func + wanted
        } else {
            caller.top
        };
        fresh
    }
    // ANCHOR_END: post_call

    // ANCHOR: location
    /// `luaL_where`: "chunkname:line:" for the function `level` calls up
    /// the stack (0 is the running function, 1 the one that called it), or
    /// nothing if it is not a Lua function or its line is unknown.
    pub fn location(&self, level: usize) -> String {
        let Some(frame) = self
            .frames
            .len()
            .checked_sub(level + 1)
            .map(|i| &self.frames[i])
        else {
            return String::new();
        };
        let Some(closure) = &frame.closure else {
            return String::new();
        };
        let proto = &closure.proto;
        match frame.pc.checked_sub(1).and_then(|pc| proto.line(pc)) {
            Some(line) if line > 0 => format!("{} ", position(proto.source.as_deref(), Some(line))),
            _ => String::new(),
        }
    }
    // ANCHOR_END: location

    // ANCHOR: run
    /// Runs Lua frames until the one entered from Rust returns.
    ///
    /// This is the interpreter's innermost loop, and it is written for
    /// speed: the running frame's code, constants and base live in locals;
    /// each instruction does its common case (numbers for arithmetic, a
    /// table that answers by itself for indexing) in place, and only the
    /// rest goes through the general functions that may call metamethods.
    /// An error leaves the loop by `break`, to be completed with the
    /// position in one place.
    // ANCHOR: run_entry
    fn run(&mut self) -> Result<(), LuaError> {
        'frames: loop {
            // (Re)enter the current frame: a call or a return changed it.
            let frame = self.frames.last().expect("a running frame");
            let closure = frame.closure.clone().expect("a Lua frame");
            let proto: &Proto = &closure.proto;
            let code: &[u32] = &proto.code;
            let constants: &[Value] = &proto.constants;
            let base = self.base;
            let mut pc = frame.pc;
            // The instruction running, for the hook and error messages.
            let mut current;
            // ANCHOR_END: run_entry

            // ANCHOR: loop_macros
            // ANCHOR: registers
            // Register `r` of the frame.
            macro_rules! reg {
                ($r:expr) => {
                    self.stack[base + $r as usize]
                };
            }
            // Stores into register `r`. The old value is read out before
            // the new one is written and dropped after: written the other
            // way round, the new value waits in memory while the old one
            // is dropped, and reading it back costs more than the rest of
            // the instruction.
            macro_rules! set {
                ($r:expr, $value:expr) => {{
                    let value = $value;
                    drop(std::mem::replace(&mut reg!($r), value));
                }};
            }
            // An RK operand: a constant if its top bit is set, else a
            // register.
            macro_rules! rk {
                ($operand:expr) => {{
                    let operand = $operand;
                    if operand & BITRK != 0 {
                        &constants[(operand & !BITRK) as usize]
                    } else {
                        &self.stack[base + operand as usize]
                    }
                }};
            }
            // ANCHOR: check
            // The value of a fallible operation, or out of the loop with
            // its error.
            macro_rules! check {
                ($result:expr) => {
                    match $result {
                        Ok(value) => value,
                        Err(error) => break error,
                    }
                };
            }
            // ANCHOR_END: check
            // ANCHOR_END: registers
            // The hook, after an instruction that ends by changing frames.
            macro_rules! after_instruction {
                () => {
                    if self.hook.is_some() {
                        check!(self.call_hook(proto, current));
                    }
                };
            }
            // ANCHOR: arith
            // ADD, SUB, MUL: integers wrap, mixed operands are floats.
            // Each case stores its own result: a value built first and
            // copied after the match costs a trip through memory.
            macro_rules! arith {
                ($op:expr, $b:expr, $c:expr, $a:expr, $int:expr, $float:expr) => {{
                    let (x, y) = (rk!($b), rk!($c));
                    match (x, y) {
                        (Value::Integer(x), Value::Integer(y)) => {
                            let z = $int(*x, *y);
                            reg!($a).set_integer(z);
                        }
                        (Value::Number(x), Value::Number(y)) => {
                            let z = $float(*x, *y);
                            reg!($a).set_number(z);
                        }
                        (Value::Integer(x), Value::Number(y)) => {
                            let z = $float(*x as f64, *y);
                            reg!($a).set_number(z);
                        }
                        (Value::Number(x), Value::Integer(y)) => {
                            let z = $float(*x, *y as f64);
                            reg!($a).set_number(z);
                        }
                        _ => {
                            let (x, y) = (x.clone(), y.clone());
                            set!($a, check!(self.arith_values(arith_op($op), &x, &y)));
                        }
                    }
                }};
            }
            // ANCHOR_END: arith
            // ANCHOR_END: loop_macros

            // ANCHOR: dispatch
            let error = loop {
                current = pc;
                let Some(&word) = code.get(pc) else {
                    break LuaError::new("program counter outside the code");
                };
                pc += 1;
                // Where this frame is, for anything that looks at it while
                // the instruction runs (a metamethod's call, an error
                // message). The frame itself is updated only when
                // something calls out.
                self.current_pc = pc;
                let i = Instruction(word);
                // The verifier has checked that the opcode exists and that
                // every register and constant the instruction names is in
                // range.
                let Some(op) = i.opcode() else {
                    break LuaError::new("unknown opcode");
                };
                let (a, b, c) = (i.a(), i.b(), i.c());
                match op {
                    OpCode::Move => {
                        let value = reg!(b).clone();
                        set!(a, value);
                    }
                    OpCode::LoadK => set!(a, constants[i.bx() as usize].clone()),
                    OpCode::LoadKx => {
                        let extra = Instruction(code[pc]);
                        pc += 1;
                        set!(a, constants[extra.ax() as usize].clone());
                    }
                    OpCode::LoadBool => {
                        set!(a, Value::Boolean(b != 0));
                        if c != 0 {
                            pc += 1;
                        }
                    }
                    OpCode::LoadNil => {
                        for r in a..=a + b {
                            set!(r, Value::Nil);
                        }
                    }
                    OpCode::GetUpval => set!(a, closure.upvalues[b as usize].get(&self.stack)),
                    OpCode::SetUpval => {
                        let value = reg!(a).clone();
                        closure.upvalues[b as usize].set(&mut self.stack, value);
                    }
                    // ANCHOR: fast_index
                    OpCode::GetTabUp => {
                        let upvalue = &closure.upvalues[b as usize];
                        let key = rk!(c);
                        let answer = upvalue.with(&self.stack, |env| match env {
                            Value::Table(t) => t.get_raw_answer(key),
                            _ => None,
                        });
                        set!(
                            a,
                            match answer {
                                Some(value) => value,
                                None => {
                                    let (env, key) = (upvalue.get(&self.stack), rk!(c).clone());
                                    check!(self.finish_index(env, &key))
                                }
                            }
                        );
                    }
                    OpCode::GetTable => {
                        let answer = match &reg!(b) {
                            Value::Table(t) => t.get_raw_answer(rk!(c)),
                            _ => None,
                        };
                        set!(
                            a,
                            match answer {
                                Some(value) => value,
                                None => {
                                    let (t, key) = (reg!(b).clone(), rk!(c).clone());
                                    check!(self.finish_index(t, &key))
                                }
                            }
                        );
                    }
                    OpCode::SetTabUp => {
                        let upvalue = &closure.upvalues[a as usize];
                        let (key, value) = (rk!(b), rk!(c));
                        let done = upvalue.with(&self.stack, |env| set_in_place(env, key, value));
                        match done {
                            Some(result) => check!(result),
                            None => {
                                let env = upvalue.get(&self.stack);
                                let (key, value) = (rk!(b).clone(), rk!(c).clone());
                                check!(self.set_index(env, key, value));
                            }
                        }
                    }
                    OpCode::SetTable => {
                        let (key, value) = (rk!(b), rk!(c));
                        let done = set_in_place(&reg!(a), key, value);
                        match done {
                            Some(result) => check!(result),
                            None => {
                                let t = reg!(a).clone();
                                let (key, value) = (rk!(b).clone(), rk!(c).clone());
                                check!(self.set_index(t, key, value));
                            }
                        }
                    }
                    // ANCHOR_END: fast_index
                    OpCode::NewTable => {
                        set!(a, Value::Table(check!(LuaTable::new(fb2int(b), fb2int(c)))))
                    }
                    OpCode::Self_ => {
                        let object = reg!(b).clone();
                        let answer = match &object {
                            Value::Table(t) => t.get_raw_answer(rk!(c)),
                            _ => None,
                        };
                        let method = match answer {
                            Some(method) => method,
                            None => {
                                let key = rk!(c).clone();
                                check!(self.finish_index(object.clone(), &key))
                            }
                        };
                        set!(a + 1, object);
                        set!(a, method);
                    }
                    OpCode::Add => arith!(op, b, c, a, i64::wrapping_add, |x, y| x + y),
                    OpCode::Sub => arith!(op, b, c, a, i64::wrapping_sub, |x, y| x - y),
                    OpCode::Mul => arith!(op, b, c, a, i64::wrapping_mul, |x, y| x * y),
                    OpCode::Mod
                    | OpCode::Pow
                    | OpCode::Div
                    | OpCode::IDiv
                    | OpCode::BAnd
                    | OpCode::BOr
                    | OpCode::BXor
                    | OpCode::Shl
                    | OpCode::Shr => {
                        let (x, y) = (rk!(b), rk!(c));
                        match fast_arith(op, x, y) {
                            Some(Numeral::Integer(z)) => reg!(a).set_integer(z),
                            Some(Numeral::Float(z)) => reg!(a).set_number(z),
                            None => {
                                let (x, y) = (x.clone(), y.clone());
                                set!(a, check!(self.arith_values(arith_op(op), &x, &y)));
                            }
                        }
                    }
                    OpCode::Unm => {
                        set!(
                            a,
                            match &reg!(b) {
                                Value::Integer(x) => Value::Integer(x.wrapping_neg()),
                                Value::Number(x) => Value::Number(-x),
                                operand => {
                                    let operand = operand.clone();
                                    check!(self.arith_values(ArithOp::Unm, &operand, &operand))
                                }
                            }
                        );
                    }
                    OpCode::BNot => {
                        let operand = reg!(b).clone();
                        set!(
                            a,
                            check!(self.arith_values(ArithOp::BNot, &operand, &operand))
                        );
                    }
                    OpCode::Not => set!(a, Value::Boolean(!reg!(b).is_truthy())),
                    OpCode::Len => {
                        let operand = reg!(b).clone();
                        set!(a, check!(self.length(&operand)));
                    }
                    OpCode::Concat => {
                        let values = self.stack[base + b as usize..=base + c as usize].to_vec();
                        set!(a, check!(self.concat_values(&values)));
                    }
                    OpCode::Jmp => {
                        // A > 0: the jump leaves the scope of registers A-1
                        // and up (a block ends, a loop goes round), closing
                        // their upvalues.
                        if a > 0 {
                            self.close_upvalues(base + a as usize - 1);
                        }
                        jump(&mut pc, i.sbx());
                    }
                    OpCode::Eq | OpCode::Lt | OpCode::Le => {
                        let (x, y) = (rk!(b), rk!(c));
                        let holds = match (op, x, y) {
                            (OpCode::Eq, Value::Integer(x), Value::Integer(y)) => x == y,
                            (OpCode::Lt, Value::Integer(x), Value::Integer(y)) => x < y,
                            (OpCode::Le, Value::Integer(x), Value::Integer(y)) => x <= y,
                            (OpCode::Lt, Value::Number(x), Value::Number(y)) => x < y,
                            (OpCode::Le, Value::Number(x), Value::Number(y)) => x <= y,
                            // Only two tables can have an `__eq` to call.
                            (OpCode::Eq, x, y)
                                if !matches!((x, y), (Value::Table(_), Value::Table(_))) =>
                            {
                                operators::raw_equals(x, y)
                            }
                            _ => {
                                let (x, y) = (x.clone(), y.clone());
                                check!(match op {
                                    OpCode::Eq => self.equals(&x, &y),
                                    OpCode::Lt => self.less_than(&x, &y),
                                    _ => self.less_equal(&x, &y),
                                })
                            }
                        };
                        // The next instruction is a jump, taken when the
                        // result is A.
                        if holds != (a != 0) {
                            pc += 1;
                        }
                    }
                    OpCode::Test => {
                        if reg!(a).is_truthy() != (c != 0) {
                            pc += 1;
                        }
                    }
                    OpCode::TestSet => {
                        if reg!(b).is_truthy() == (c != 0) {
                            set!(a, reg!(b).clone());
                        } else {
                            pc += 1;
                        }
                    }
                    OpCode::ForPrep => {
                        check!(self.for_prep(a));
                        jump(&mut pc, i.sbx());
                    }
                    OpCode::ForLoop => {
                        if self.for_loop(a) {
                            jump(&mut pc, i.sbx());
                        }
                    }
                    // ANCHOR: calls
                    OpCode::Call => {
                        let func = base + a as usize;
                        check!(self.set_call_top(func, b));
                        // Where this frame goes on when the call returns.
                        self.frames.last_mut().expect("a running frame").pc = pc;
                        if let Called::Lua = check!(self.pre_call(func, c as i32 - 1, false)) {
                            after_instruction!();
                            continue 'frames;
                        }
                    }
                    OpCode::TailCall => {
                        let func = base + a as usize;
                        check!(self.set_call_top(func, b));
                        // A value with `__call` gives way to its handler
                        // first, so that a handler written in Lua takes the
                        // caller's place like any Lua function (as
                        // luaD_precall does).
                        if !matches!(
                            self.stack[func],
                            Value::LuaFunction(_) | Value::RustFunction(_)
                        ) {
                            check!(self.insert_call_handler(func));
                        }
                        if matches!(self.stack[func], Value::LuaFunction(_)) {
                            check!(self.tail_call(func));
                            after_instruction!();
                            continue 'frames;
                        }
                        // Only a Lua function can take the caller's place.
                        // A Rust function is called as usual, and the
                        // RETURN that follows returns its results.
                        self.frames.last_mut().expect("a running frame").pc = pc;
                        check!(self.pre_call(func, MULTRET, false));
                    }
                    OpCode::Return => {
                        // The function's variables go out of scope. Only
                        // its own closures can have captured them, so a
                        // function without nested functions has nothing
                        // to close (as in lvm.c's OP_RETURN).
                        if !proto.protos.is_empty() {
                            self.close_upvalues(base);
                        }
                        let first = base + a as usize;
                        let n = if b == 0 {
                            self.top.saturating_sub(first)
                        } else {
                            b as usize - 1
                        };
                        let fresh = self.post_call(first, n);
                        after_instruction!();
                        if fresh {
                            return Ok(());
                        }
                        continue 'frames;
                    }
                    // ANCHOR_END: calls
                    OpCode::VarArg => check!(self.var_arg(proto, a, b)),
                    OpCode::Closure => {
                        let closure = check!(self.new_closure(&closure, i.bx() as usize));
                        set!(a, Value::LuaFunction(closure));
                    }
                    // ANCHOR: tforcall
                    OpCode::TForCall => {
                        // R(A+3), ..., R(A+2+C) := R(A)(R(A+1), R(A+2)): the
                        // call works on copies, so the loop's own state is
                        // kept.
                        let call_base = base + a as usize + 3;
                        for i in 0..3 {
                            self.stack[call_base + i] = self.stack[call_base - 3 + i].clone();
                        }
                        self.top = call_base + 3;
                        self.frames.last_mut().expect("a running frame").pc = pc;
                        if let Called::Lua = check!(self.pre_call(call_base, c as i32, false)) {
                            after_instruction!();
                            continue 'frames;
                        }
                    }
                    OpCode::TForLoop => {
                        // If the iterator returned a first value, it
                        // becomes the control variable and the loop goes
                        // round.
                        if !matches!(reg!(a + 1), Value::Nil) {
                            set!(a, reg!(a + 1).clone());
                            jump(&mut pc, i.sbx());
                        }
                    }
                    // ANCHOR_END: tforcall
                    OpCode::SetList => check!(self.set_list(proto, &mut pc, a, b, c)),
                    OpCode::ExtraArg => {
                        // The verifier lets EXTRAARG appear only after the
                        // instruction that reads it, which skips it.
                        break LuaError::new("EXTRAARG cannot run on its own");
                    }
                }
                if self.hook.is_some() {
                    check!(self.call_hook(proto, current));
                }
            };
            // ANCHOR_END: dispatch
            // ANCHOR: run_exit
            // ANCHOR: locate_error
            if error.is_located() {
                return Err(error);
            }
            // The traceback reads each frame's position.
            self.frames.last_mut().expect("a running frame").pc = current + 1;
            return Err(locate(&error, proto, current));
            // ANCHOR_END: locate_error
        }
    }
    // ANCHOR_END: run_exit
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

    // ANCHOR: new_closure
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

    // ANCHOR: close_upvalues
    /// Closes the open upvalues of slots `level` and above: their variables
    /// are going out of scope.
    pub(crate) fn close_upvalues(&mut self, level: usize) {
        // The list is sorted by slot: the ones to close are at its end,
        // and on most returns there are none.
        while let Some(upvalue) = self.open_upvalues.last() {
            if upvalue.slot().is_none_or(|slot| slot < level) {
                break;
            }
            upvalue.close(&self.stack);
            self.open_upvalues.pop();
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
            return Err(operators::type_error(&self.stack[func], "call", 0));
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
            Ok(called) => {
                if let Called::Lua = called {
                    self.frames
                        .last_mut()
                        .expect("pre_call pushed a frame")
                        .tail = true;
                }
                Ok(())
            }
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
    /// The index and the loop variable are stored in place (see
    /// `Value::set_integer`): this runs once per iteration of every loop.
    #[inline(always)]
    fn for_loop(&mut self, a: u32) -> bool {
        let r = self.base + a as usize;
        match (&self.stack[r], &self.stack[r + 1], &self.stack[r + 2]) {
            (Value::Integer(index), Value::Integer(limit), Value::Integer(step)) => {
                let index = index.wrapping_add(*step);
                let go_on = if *step > 0 {
                    index <= *limit
                } else {
                    *limit <= index
                };
                if go_on {
                    self.stack[r].set_integer(index);
                    self.stack[r + 3].set_integer(index);
                }
                go_on
            }
            (Value::Number(index), Value::Number(limit), Value::Number(step)) => {
                let index = index + step;
                let go_on = if 0.0 < *step {
                    index <= *limit
                } else {
                    *limit <= index
                };
                if go_on {
                    self.stack[r].set_number(index);
                    self.stack[r + 3].set_number(index);
                }
                go_on
            }
            _ => false, // FORPREP made all three integers or all three floats
        }
    }
    // ANCHOR_END: for_prep
}

// ANCHOR: fb2int
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
// ANCHOR_END: fb2int

// ANCHOR: locate
/// Completes a runtime error raised by the instruction at `pc`: the name of
/// the variable it is about, if the message has a place for one and the
/// bytecode tells, then the position. Only string messages are changed.
fn locate(error: &LuaError, proto: &Proto, pc: usize) -> LuaError {
    let Value::String(_) = error.value() else {
        return error.clone().into_located();
    };
    let mut message = error.message();
    if let Some(blame) = error.blame()
        && let Some(info) = variable_info(proto, pc, blame.operand)
        && message.is_char_boundary(blame.at)
    {
        message.insert_str(blame.at, &info);
    }
    let at = position(proto.source.as_deref(), proto.line(pc));
    LuaError::located(format!("{at} {message}"))
}

/// " (local 'x')" and the like, for operand `operand` of the instruction
/// at `pc` (`varinfo`): registers are named by `object_name`, upvalues by
/// their names, and constants are not named at all.
fn variable_info(proto: &Proto, pc: usize, operand: usize) -> Option<String> {
    let i = Instruction(*proto.code.get(pc)?);
    let op = i.opcode()?;
    let register = |r: u32| if r & BITRK != 0 { None } else { Some(r) };
    let reg = match op {
        op if op.is_binary_arith() => register(if operand == 0 { i.b() } else { i.c() })?,
        OpCode::Unm | OpCode::BNot | OpCode::Len | OpCode::GetTable | OpCode::Self_ => i.b(),
        OpCode::Concat => i.b() + operand as u32,
        OpCode::SetTable | OpCode::Call | OpCode::TailCall => i.a(),
        OpCode::TForCall => i.a() + 3,
        OpCode::GetTabUp => {
            return Some(format!(
                " (upvalue '{}')",
                upvalue_name(proto, i.b() as usize)
            ));
        }
        OpCode::SetTabUp => {
            return Some(format!(
                " (upvalue '{}')",
                upvalue_name(proto, i.a() as usize)
            ));
        }
        _ => return None,
    };
    let (kind, name) = object_name(proto, pc, reg)?;
    Some(format!(" ({kind} '{name}')"))
}
// ANCHOR_END: locate

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
/// The operator of an arithmetic or bitwise instruction.
pub(super) fn arith_op(op: OpCode) -> ArithOp {
    match op {
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
    }
}

// ANCHOR: fast_arith
/// The common cases of MOD, POW, DIV and IDIV, on numbers, without the
/// general function (ADD, SUB and MUL have theirs in the loop); `None` for
/// everything else (strings to convert, metamethods, integer division by
/// zero or by a negative number, bitwise operators).
fn fast_arith(op: OpCode, x: &Value, y: &Value) -> Option<Numeral> {
    use Value::{Integer, Number};
    Some(match (x, y) {
        (Integer(x), Integer(y)) => Numeral::Integer(match op {
            OpCode::Mod if *y > 0 => x.rem_euclid(*y),
            OpCode::IDiv if *y > 0 => x.div_euclid(*y),
            OpCode::Div => return Some(Numeral::Float(*x as f64 / *y as f64)),
            OpCode::Pow => return Some(Numeral::Float((*x as f64).powf(*y as f64))),
            _ => return None,
        }),
        (Number(_), Number(_)) | (Integer(_), Number(_)) | (Number(_), Integer(_)) => {
            let (x, y) = (float(x), float(y));
            Numeral::Float(match op {
                OpCode::Div => x / y,
                OpCode::Pow => x.powf(y),
                OpCode::IDiv => (x / y).floor(),
                OpCode::Mod => {
                    let m = x % y;
                    if m * y < 0.0 { m + y } else { m }
                }
                _ => return None,
            })
        }
        _ => return None,
    })
}
// ANCHOR_END: fast_arith

// ANCHOR: set_in_place
/// `t[key] = value` done at once when no metamethod can take part: `t` is
/// a table without a metatable, so without `__newindex`. `None` sends the
/// assignment the general way.
fn set_in_place(t: &Value, key: &Value, value: &Value) -> Option<Result<(), LuaError>> {
    match t {
        Value::Table(t) if !t.has_metatable() => Some(t.set(key, value.clone())),
        _ => None,
    }
}
// ANCHOR_END: set_in_place

fn float(v: &Value) -> f64 {
    match v {
        Value::Integer(i) => *i as f64,
        Value::Number(x) => *x,
        _ => f64::NAN,
    }
}
// ANCHOR_END: binary_arith
