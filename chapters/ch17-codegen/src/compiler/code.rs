//! The code buffer of one function and the operations that fill it, as
//! `lcode.c` has them: expression descriptors, registers, constants,
//! jump lists, constant folding. The code generator (`generator.rs`)
//! walks the tree and calls these in the order lparser.c calls them, so
//! that the instructions are luac's, one for one.

use std::collections::HashMap;

use crate::binary_chunk::{Constant, LocVar, Prototype};
use crate::error::LuaError;
use crate::instruction::{
    BITRK, Instruction, LFIELDS_PER_FLUSH, MAXARG_AX, MAXARG_BX, MAXARG_C, MAXARG_SBX,
};
use crate::opcodes::OpCode;
use crate::operators::{ArithOp, arith};
use crate::value::Value;

use super::ast::{BinaryOp, UnaryOp};

// ANCHOR: limits
/// The end of a jump list: a jump whose offset is this jumps nowhere yet.
pub const NO_JUMP: i32 = -1;
/// "No register" for a TESTSET: it becomes a TEST.
const NO_REG: u32 = 255;
/// The most registers a function may use (`MAXREGS`).
const MAX_REGS: u32 = 255;
/// The largest constant index an RK operand can hold (`MAXINDEXRK`).
const MAX_INDEX_RK: u32 = BITRK - 1;
/// "All the values there are", for a call's results or a SETLIST's count.
pub const MULTRET: i32 = -1;
// ANCHOR_END: limits

// ANCHOR: expdesc
/// Where an expression's value is, or will be: lparser.c's `expdesc`. An
/// expression is compiled as late as possible, so that its consumer can
/// choose where the value goes: a constant may end up in an RK operand, a
/// local is read in place, a relocatable instruction gets its target
/// register filled in last.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ExpKind {
    /// No value (an empty list of expressions).
    Void,
    Nil,
    True,
    False,
    /// A constant, by index in the constant table.
    K(u32),
    Float(f64),
    Int(i64),
    /// In a register that is not free to be reused as the target.
    NonReloc(u32),
    /// A local variable, in its register.
    Local(u32),
    /// An upvalue, by index.
    Upvalue(u32),
    /// `table[key]`, with the table in a register or an upvalue and the
    /// key an RK operand.
    Indexed {
        table: u32,
        key: u32,
        in_upvalue: bool,
    },
    /// A comparison: the jump at this pc follows its test.
    Jmp(i32),
    /// The instruction at this pc computes the value; its A is still to
    /// be chosen.
    Relocable(i32),
    /// A call at this pc, whose number of results is still open.
    Call(i32),
    /// A VARARG at this pc, whose number of results is still open.
    Vararg(i32),
}

/// An expression descriptor: the kind, and two jump lists, of the jumps
/// to take when the expression turns out true (`t`) and false (`f`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ExpDesc {
    pub kind: ExpKind,
    pub t: i32,
    pub f: i32,
}

impl ExpDesc {
    pub fn new(kind: ExpKind) -> ExpDesc {
        ExpDesc {
            kind,
            t: NO_JUMP,
            f: NO_JUMP,
        }
    }

    fn has_jumps(&self) -> bool {
        self.t != self.f
    }

    /// A call or `...`, whose number of values is open.
    pub fn has_multret(&self) -> bool {
        matches!(self.kind, ExpKind::Call(_) | ExpKind::Vararg(_))
    }

    /// The numeral this is, for constant folding (`tonumeral`).
    fn numeral(&self) -> Option<Value> {
        if self.has_jumps() {
            return None;
        }
        match self.kind {
            ExpKind::Int(i) => Some(Value::Integer(i)),
            ExpKind::Float(x) => Some(Value::Number(x)),
            _ => None,
        }
    }
}
// ANCHOR_END: expdesc

// ANCHOR: constant_index
/// Where each constant of a chunk was last added, by kind: Lua compares
/// constants raw, so an integer and a float are different constants, and
/// a float is known by its value.
#[derive(Debug, Default)]
pub struct ConstantIndex {
    strings: HashMap<Vec<u8>, u32>,
    integers: HashMap<i64, u32>,
    floats: HashMap<u64, u32>,
    booleans: [Option<u32>; 2],
    nil: Option<u32>,
}
// ANCHOR_END: constant_index

// ANCHOR: func_state
/// The code of one function as it is generated (`FuncState`).
pub struct FuncState {
    pub code: Vec<Instruction>,
    /// The line of each instruction.
    pub lines: Vec<u32>,
    pub constants: Vec<Constant>,
    /// Where each constant was last added, in this function or another:
    /// the innermost function holds it.
    pub constant_index: ConstantIndex,
    pub protos: Vec<Prototype>,
    pub loc_vars: Vec<LocVar>,
    /// The first free register.
    pub free_reg: u32,
    /// How many registers the function needs.
    pub max_stack: u32,
    /// How many locals are active (they hold registers 0 to this).
    pub active: u32,
    /// The list of jumps to the next instruction, to be patched when it is
    /// emitted (`jpc`).
    jpc: i32,
    /// The last instruction some jump goes to: no instruction before it
    /// may be merged with the next (`lasttarget`).
    last_target: i32,
    /// The line of the last token read: every instruction gets it.
    pub last_line: u32,
    chunk_id: String,
}
// ANCHOR_END: func_state

impl FuncState {
    pub fn new(chunk_id: &str, last_line: u32) -> FuncState {
        FuncState {
            code: Vec::new(),
            lines: Vec::new(),
            constants: Vec::new(),
            constant_index: ConstantIndex::default(),
            protos: Vec::new(),
            loc_vars: Vec::new(),
            free_reg: 0,
            max_stack: 2, // registers 0 and 1 are always valid
            active: 0,
            jpc: NO_JUMP,
            last_target: 0,
            last_line,
            chunk_id: chunk_id.to_string(),
        }
    }

    /// The number of the next instruction.
    pub fn pc(&self) -> i32 {
        self.code.len() as i32
    }

    /// An error the code generator finds (luac reports these as syntax
    /// errors at the line it is on).
    pub fn error(&self, message: &str) -> LuaError {
        LuaError::new(format!("{}:{}: {message}", self.chunk_id, self.last_line))
    }

    // ANCHOR: emit
    // ANCHOR: emit_code
    /// Appends an instruction with the current line, first patching the
    /// jumps waiting for it (`luaK_code`).
    pub fn emit(&mut self, i: Instruction) -> Result<i32, LuaError> {
        self.discharge_jpc()?;
        self.code.push(i);
        self.lines.push(self.last_line);
        Ok(self.pc() - 1)
    }

    pub fn emit_abc(&mut self, op: OpCode, a: u32, b: u32, c: u32) -> Result<i32, LuaError> {
        self.emit(Instruction::abc(op, a, b, c))
    }

    pub fn emit_abx(&mut self, op: OpCode, a: u32, bx: u32) -> Result<i32, LuaError> {
        self.emit(Instruction::abx(op, a, bx))
    }

    /// Loads constant `k` into `reg`: LOADK, or LOADKX and EXTRAARG for
    /// an index beyond 18 bits (`luaK_codek`).
    pub fn emit_constant(&mut self, reg: u32, k: u32) -> Result<i32, LuaError> {
        if k <= MAXARG_BX {
            return self.emit_abx(OpCode::LoadK, reg, k);
        }
        let pc = self.emit_abx(OpCode::LoadKx, reg, 0)?;
        self.emit(Instruction::iax(OpCode::ExtraArg, k))?;
        Ok(pc)
    }

    /// Gives the last instruction another line (`luaK_fixline`).
    pub fn fix_line(&mut self, line: u32) {
        if let Some(last) = self.lines.last_mut() {
            *last = line;
        }
    }
    // ANCHOR_END: emit_code

    fn instruction(&mut self, pc: i32) -> &mut Instruction {
        &mut self.code[pc as usize]
    }

    // ANCHOR: emit_nil
    /// Sets registers `from` to `from + n - 1` to nil, merging with a
    /// LOADNIL just before when no jump lands between (`luaK_nil`):
    /// `local a; local b` is one instruction.
    pub fn emit_nil(&mut self, from: u32, n: u32) -> Result<(), LuaError> {
        let mut from = from;
        let mut last = from + n - 1;
        if self.pc() > self.last_target {
            let previous = *self.instruction(self.pc() - 1);
            if previous.opcode() == Some(OpCode::LoadNil) {
                let (pfrom, plast) = (previous.a(), previous.a() + previous.b());
                if (pfrom <= from && from <= plast + 1) || (from <= pfrom && pfrom <= last + 1) {
                    from = from.min(pfrom);
                    last = last.max(plast);
                    let merged = previous.with_a(from).with_b(last - from);
                    *self.instruction(self.pc() - 1) = merged;
                    return Ok(());
                }
            }
        }
        self.emit_abc(OpCode::LoadNil, from, n - 1, 0)?;
        Ok(())
    }
    // ANCHOR_END: emit_nil
    // ANCHOR_END: emit

    // ANCHOR: jumps
    // ANCHOR: jump_lists
    /// The target of the jump at `pc`, or `NO_JUMP` at the end of its list.
    fn jump_target(&self, pc: i32) -> i32 {
        let offset = self.code[pc as usize].sbx();
        if offset == NO_JUMP {
            NO_JUMP
        } else {
            pc + 1 + offset
        }
    }

    /// Makes the jump at `pc` go to `dest` (`fixjump`).
    fn fix_jump(&mut self, pc: i32, dest: i32) -> Result<(), LuaError> {
        let offset = dest - (pc + 1);
        if offset.abs() > MAXARG_SBX {
            return Err(self.error("control structure too long"));
        }
        let jump = self.instruction(pc).with_sbx(offset);
        *self.instruction(pc) = jump;
        Ok(())
    }

    /// Appends jump list `l2` to jump list `l1` (`luaK_concat`). A list is
    /// threaded through the jumps' own offsets: each points to the next.
    pub fn concat(&mut self, l1: &mut i32, l2: i32) -> Result<(), LuaError> {
        if l2 == NO_JUMP {
            return Ok(());
        }
        if *l1 == NO_JUMP {
            *l1 = l2;
            return Ok(());
        }
        let mut list = *l1;
        loop {
            let next = self.jump_target(list);
            if next == NO_JUMP {
                break;
            }
            list = next;
        }
        self.fix_jump(list, l2)
    }
    // ANCHOR_END: jump_lists

    // ANCHOR: jump
    /// A JMP to be patched later, which takes over the jumps waiting for
    /// the current instruction: they will go where it goes (`luaK_jump`).
    pub fn jump(&mut self) -> Result<i32, LuaError> {
        let waiting = std::mem::replace(&mut self.jpc, NO_JUMP);
        let mut j = self.emit(Instruction::asbx(OpCode::Jmp, 0, NO_JUMP))?;
        self.concat(&mut j, waiting)?;
        Ok(j)
    }

    pub fn ret(&mut self, first: u32, count: i32) -> Result<(), LuaError> {
        self.emit_abc(OpCode::Return, first, (count + 1) as u32, 0)?;
        Ok(())
    }

    /// A test or comparison and the jump after it (`condjump`).
    fn cond_jump(&mut self, op: OpCode, a: u32, b: u32, c: u32) -> Result<i32, LuaError> {
        self.emit_abc(op, a, b, c)?;
        self.jump()
    }

    /// The current pc, marked as a jump target (`luaK_getlabel`).
    pub fn label(&mut self) -> i32 {
        self.last_target = self.pc();
        self.pc()
    }
    // ANCHOR_END: jump

    // ANCHOR: patch_test
    /// The instruction that decides the jump at `pc`: the test before it,
    /// or the jump itself (`getjumpcontrol`).
    fn jump_control(&self, pc: i32) -> i32 {
        if pc >= 1
            && self.code[pc as usize - 1]
                .opcode()
                .is_some_and(|op| op.info().test)
        {
            pc - 1
        } else {
            pc
        }
    }

    /// Sets where the TESTSET deciding jump `node` copies its value: to
    /// `reg`, or nowhere, which makes it a TEST (`patchtestreg`). False if
    /// the jump is not decided by a TESTSET.
    fn patch_test_reg(&mut self, node: i32, reg: u32) -> bool {
        let control = self.jump_control(node);
        let i = *self.instruction(control);
        if i.opcode() != Some(OpCode::TestSet) {
            return false;
        }
        *self.instruction(control) = if reg != NO_REG && reg != i.b() {
            i.with_a(reg)
        } else {
            Instruction::abc(OpCode::Test, i.b(), 0, i.c())
        };
        true
    }

    /// Makes every test in `list` produce no value (`removevalues`).
    fn remove_values(&mut self, mut list: i32) {
        while list != NO_JUMP {
            self.patch_test_reg(list, NO_REG);
            list = self.jump_target(list);
        }
    }
    // ANCHOR_END: patch_test

    // ANCHOR: patch_lists
    /// Patches every jump in `list`: those whose TESTSET can put its value
    /// in `reg` go to `value_target`, the others to `default_target`
    /// (`patchlistaux`).
    fn patch_list_aux(
        &mut self,
        mut list: i32,
        value_target: i32,
        reg: u32,
        default_target: i32,
    ) -> Result<(), LuaError> {
        while list != NO_JUMP {
            let next = self.jump_target(list);
            if self.patch_test_reg(list, reg) {
                self.fix_jump(list, value_target)?;
            } else {
                self.fix_jump(list, default_target)?;
            }
            list = next;
        }
        Ok(())
    }

    /// The jumps waiting for the next instruction go to it (`dischargejpc`).
    fn discharge_jpc(&mut self) -> Result<(), LuaError> {
        let list = std::mem::replace(&mut self.jpc, NO_JUMP);
        self.patch_list_aux(list, self.pc(), NO_REG, self.pc())
    }

    /// The jumps in `list` go to the next instruction (`luaK_patchtohere`).
    pub fn patch_to_here(&mut self, list: i32) -> Result<(), LuaError> {
        self.label();
        let mut jpc = self.jpc;
        self.concat(&mut jpc, list)?;
        self.jpc = jpc;
        Ok(())
    }

    /// The jumps in `list` go to `target` (`luaK_patchlist`).
    pub fn patch_list(&mut self, list: i32, target: i32) -> Result<(), LuaError> {
        if target == self.pc() {
            self.patch_to_here(list)
        } else {
            self.patch_list_aux(list, target, NO_REG, target)
        }
    }
    // ANCHOR_END: patch_lists

    // ANCHOR: patch_close
    /// The jumps in `list` close the upvalues from register `level` on:
    /// a JMP's A is that register plus one (`luaK_patchclose`).
    pub fn patch_close(&mut self, mut list: i32, level: u32) {
        while list != NO_JUMP {
            let jump = self.instruction(list).with_a(level + 1);
            *self.instruction(list) = jump;
            list = self.jump_target(list);
        }
    }
    // ANCHOR_END: patch_close
    // ANCHOR_END: jumps

    // ANCHOR: registers
    /// Makes room for `n` more registers above the free ones
    /// (`luaK_checkstack`).
    pub fn check_stack(&mut self, n: u32) -> Result<(), LuaError> {
        let needed = self.free_reg + n;
        if needed > self.max_stack {
            if needed >= MAX_REGS {
                return Err(self.error("function or expression needs too many registers"));
            }
            self.max_stack = needed;
        }
        Ok(())
    }

    pub fn reserve_regs(&mut self, n: u32) -> Result<(), LuaError> {
        self.check_stack(n)?;
        self.free_reg += n;
        Ok(())
    }

    /// Frees `reg` if it is a temporary: registers are allocated like a
    /// stack, so it is always the last one taken (`freereg`).
    fn free_register(&mut self, reg: u32) {
        if reg & BITRK == 0 && reg >= self.active {
            self.free_reg -= 1;
        }
    }

    fn free_exp(&mut self, e: &ExpDesc) {
        if let ExpKind::NonReloc(reg) = e.kind {
            self.free_register(reg);
        }
    }

    /// Frees the registers of two expressions, the higher first.
    fn free_exps(&mut self, e1: &ExpDesc, e2: &ExpDesc) {
        let r1 = if let ExpKind::NonReloc(r) = e1.kind {
            Some(r)
        } else {
            None
        };
        let r2 = if let ExpKind::NonReloc(r) = e2.kind {
            Some(r)
        } else {
            None
        };
        let (first, second) = if r1 > r2 { (r1, r2) } else { (r2, r1) };
        for reg in [first, second].into_iter().flatten() {
            self.free_register(reg);
        }
    }
    // ANCHOR_END: registers

    // ANCHOR: constants
    // ANCHOR: constant_lookup
    /// The index where `constant` was last added, if that slot of this
    /// function holds it (`addk`'s check). The index is shared by every
    /// function of the chunk, as luac's is (a table of the lexer's): it
    /// may name a slot of another function, and then the constant is
    /// added again even if this function has it already elsewhere.
    fn cached(&self, index: Option<u32>, constant: &Constant) -> Option<u32> {
        index.filter(|&k| self.constants.get(k as usize) == Some(constant))
    }

    /// Appends a constant and returns its index.
    fn push_constant(&mut self, constant: Constant) -> Result<u32, LuaError> {
        let k = self.constants.len() as u32;
        if k > MAXARG_AX {
            return Err(self.error("too many constants"));
        }
        self.constants.push(constant);
        Ok(k)
    }
    // ANCHOR_END: constant_lookup

    pub fn string_constant(&mut self, s: &[u8]) -> Result<u32, LuaError> {
        let index = self.constant_index.strings.get(s).copied();
        let cached = index.filter(
            |&k| matches!(self.constants.get(k as usize), Some(Constant::String(c)) if c == s),
        );
        if let Some(k) = cached {
            return Ok(k);
        }
        let k = self.push_constant(Constant::String(s.to_vec()))?;
        match self.constant_index.strings.get_mut(s) {
            Some(slot) => *slot = k,
            None => {
                self.constant_index.strings.insert(s.to_vec(), k);
            }
        }
        Ok(k)
    }

    // ANCHOR: integer_constant
    pub fn integer_constant(&mut self, i: i64) -> Result<u32, LuaError> {
        let index = self.constant_index.integers.get(&i).copied();
        if let Some(k) = self.cached(index, &Constant::Integer(i)) {
            return Ok(k);
        }
        let k = self.push_constant(Constant::Integer(i))?;
        self.constant_index.integers.insert(i, k);
        Ok(k)
    }
    // ANCHOR_END: integer_constant

    fn float_constant(&mut self, x: f64) -> Result<u32, LuaError> {
        let index = self.constant_index.floats.get(&x.to_bits()).copied();
        if let Some(k) = self.cached(index, &Constant::Number(x)) {
            return Ok(k);
        }
        let k = self.push_constant(Constant::Number(x))?;
        self.constant_index.floats.insert(x.to_bits(), k);
        Ok(k)
    }

    fn boolean_constant(&mut self, b: bool) -> Result<u32, LuaError> {
        let index = self.constant_index.booleans[usize::from(b)];
        if let Some(k) = self.cached(index, &Constant::Boolean(b)) {
            return Ok(k);
        }
        let k = self.push_constant(Constant::Boolean(b))?;
        self.constant_index.booleans[usize::from(b)] = Some(k);
        Ok(k)
    }

    fn nil_constant(&mut self) -> Result<u32, LuaError> {
        if let Some(k) = self.cached(self.constant_index.nil, &Constant::Nil) {
            return Ok(k);
        }
        let k = self.push_constant(Constant::Nil)?;
        self.constant_index.nil = Some(k);
        Ok(k)
    }
    // ANCHOR_END: constants

    // ANCHOR: discharge
    // ANCHOR: set_returns
    /// Fixes a call or `...` to give `n` results, or all of them for
    /// [`MULTRET`] (`luaK_setreturns`).
    pub fn set_returns(&mut self, e: &ExpDesc, n: i32) -> Result<(), LuaError> {
        match e.kind {
            ExpKind::Call(pc) => {
                let call = self.instruction(pc).with_c((n + 1) as u32);
                *self.instruction(pc) = call;
            }
            ExpKind::Vararg(pc) => {
                let free = self.free_reg;
                let vararg = self.instruction(pc).with_b((n + 1) as u32).with_a(free);
                *self.instruction(pc) = vararg;
                self.reserve_regs(1)?;
            }
            _ => {}
        }
        Ok(())
    }

    /// Fixes a call or `...` to give one result (`luaK_setoneret`).
    pub fn set_one_ret(&mut self, e: &mut ExpDesc) {
        match e.kind {
            ExpKind::Call(pc) => e.kind = ExpKind::NonReloc(self.code[pc as usize].a()),
            ExpKind::Vararg(pc) => {
                let vararg = self.instruction(pc).with_b(2);
                *self.instruction(pc) = vararg;
                e.kind = ExpKind::Relocable(pc);
            }
            _ => {}
        }
    }
    // ANCHOR_END: set_returns

    // ANCHOR: discharge_vars
    /// Makes a variable an ordinary value: reads an upvalue or a table
    /// field into a register still to be chosen (`luaK_dischargevars`).
    pub fn discharge_vars(&mut self, e: &mut ExpDesc) -> Result<(), LuaError> {
        match e.kind {
            ExpKind::Local(reg) => e.kind = ExpKind::NonReloc(reg),
            ExpKind::Upvalue(index) => {
                e.kind = ExpKind::Relocable(self.emit_abc(OpCode::GetUpval, 0, index, 0)?);
            }
            ExpKind::Indexed {
                table,
                key,
                in_upvalue,
            } => {
                self.free_register(key);
                let op = if in_upvalue {
                    OpCode::GetTabUp
                } else {
                    self.free_register(table);
                    OpCode::GetTable
                };
                e.kind = ExpKind::Relocable(self.emit_abc(op, 0, table, key)?);
            }
            ExpKind::Call(_) | ExpKind::Vararg(_) => self.set_one_ret(e),
            _ => {}
        }
        Ok(())
    }
    // ANCHOR_END: discharge_vars

    // ANCHOR: discharge_to_reg
    /// Puts the value in `reg` (`discharge2reg`).
    fn discharge_to_reg(&mut self, e: &mut ExpDesc, reg: u32) -> Result<(), LuaError> {
        self.discharge_vars(e)?;
        match e.kind {
            ExpKind::Nil => self.emit_nil(reg, 1)?,
            ExpKind::False | ExpKind::True => {
                let b = u32::from(e.kind == ExpKind::True);
                self.emit_abc(OpCode::LoadBool, reg, b, 0)?;
            }
            ExpKind::K(k) => {
                self.emit_constant(reg, k)?;
            }
            ExpKind::Float(x) => {
                let k = self.float_constant(x)?;
                self.emit_constant(reg, k)?;
            }
            ExpKind::Int(i) => {
                let k = self.integer_constant(i)?;
                self.emit_constant(reg, k)?;
            }
            ExpKind::Relocable(pc) => {
                let i = self.instruction(pc).with_a(reg);
                *self.instruction(pc) = i;
            }
            ExpKind::NonReloc(r) => {
                if r != reg {
                    self.emit_abc(OpCode::Move, reg, r, 0)?;
                }
            }
            // A comparison: its jumps produce the value later.
            _ => return Ok(()),
        }
        e.kind = ExpKind::NonReloc(reg);
        Ok(())
    }

    /// Puts the value in some register (`discharge2anyreg`).
    fn discharge_to_any_reg(&mut self, e: &mut ExpDesc) -> Result<(), LuaError> {
        if !matches!(e.kind, ExpKind::NonReloc(_)) {
            self.reserve_regs(1)?;
            self.discharge_to_reg(e, self.free_reg - 1)?;
        }
        Ok(())
    }
    // ANCHOR_END: discharge_to_reg

    // ANCHOR: exp_to_reg
    fn emit_load_bool(&mut self, a: u32, b: u32, jump: u32) -> Result<i32, LuaError> {
        self.label(); // these may be jump targets
        self.emit_abc(OpCode::LoadBool, a, b, jump)
    }

    /// Whether some jump in `list` produces no value of its own: it is not
    /// decided by a TESTSET (`need_value`).
    fn need_value(&self, mut list: i32) -> bool {
        while list != NO_JUMP {
            let control = self.code[self.jump_control(list) as usize];
            if control.opcode() != Some(OpCode::TestSet) {
                return true;
            }
            list = self.jump_target(list);
        }
        false
    }

    /// Puts the whole value, jumps included, in `reg` (`exp2reg`): the
    /// jumps that test a value copy it there; those that only know true or
    /// false go to a LOADBOOL.
    fn exp_to_reg(&mut self, e: &mut ExpDesc, reg: u32) -> Result<(), LuaError> {
        self.discharge_to_reg(e, reg)?;
        if let ExpKind::Jmp(pc) = e.kind {
            let mut t = e.t;
            self.concat(&mut t, pc)?;
            e.t = t;
        }
        if e.has_jumps() {
            let mut load_false = NO_JUMP;
            let mut load_true = NO_JUMP;
            if self.need_value(e.t) || self.need_value(e.f) {
                let skip = if matches!(e.kind, ExpKind::Jmp(_)) {
                    NO_JUMP
                } else {
                    self.jump()?
                };
                load_false = self.emit_load_bool(reg, 0, 1)?;
                load_true = self.emit_load_bool(reg, 1, 0)?;
                self.patch_to_here(skip)?;
            }
            let end = self.label();
            self.patch_list_aux(e.f, end, reg, load_false)?;
            self.patch_list_aux(e.t, end, reg, load_true)?;
        }
        e.t = NO_JUMP;
        e.f = NO_JUMP;
        e.kind = ExpKind::NonReloc(reg);
        Ok(())
    }
    // ANCHOR_END: exp_to_reg

    // ANCHOR: exp_to_next_reg
    /// Puts the value in the next free register (`luaK_exp2nextreg`).
    pub fn exp_to_next_reg(&mut self, e: &mut ExpDesc) -> Result<(), LuaError> {
        self.discharge_vars(e)?;
        self.free_exp(e);
        self.reserve_regs(1)?;
        self.exp_to_reg(e, self.free_reg - 1)
    }

    /// Puts the value in a register, the one it is in if it can stay, and
    /// returns it (`luaK_exp2anyreg`).
    pub fn exp_to_any_reg(&mut self, e: &mut ExpDesc) -> Result<u32, LuaError> {
        self.discharge_vars(e)?;
        if let ExpKind::NonReloc(reg) = e.kind {
            if !e.has_jumps() {
                return Ok(reg);
            }
            if reg >= self.active {
                self.exp_to_reg(e, reg)?;
                return Ok(reg);
            }
        }
        self.exp_to_next_reg(e)?;
        match e.kind {
            ExpKind::NonReloc(reg) => Ok(reg),
            _ => Err(self.error("expression not in a register")),
        }
    }

    /// A register or an upvalue: what a table being indexed may be in
    /// (`luaK_exp2anyregup`).
    pub fn exp_to_any_reg_up(&mut self, e: &mut ExpDesc) -> Result<(), LuaError> {
        if !matches!(e.kind, ExpKind::Upvalue(_)) || e.has_jumps() {
            self.exp_to_any_reg(e)?;
        }
        Ok(())
    }

    /// A register or a constant (`luaK_exp2val`).
    pub fn exp_to_val(&mut self, e: &mut ExpDesc) -> Result<(), LuaError> {
        if e.has_jumps() {
            self.exp_to_any_reg(e)?;
            Ok(())
        } else {
            self.discharge_vars(e)
        }
    }
    // ANCHOR_END: exp_to_next_reg

    // ANCHOR: exp_to_rk
    /// An RK operand: a constant's index with the RK bit if it fits in 8
    /// bits, a register otherwise (`luaK_exp2RK`).
    pub fn exp_to_rk(&mut self, e: &mut ExpDesc) -> Result<u32, LuaError> {
        self.exp_to_val(e)?;
        let k = match e.kind {
            ExpKind::True => Some(self.boolean_constant(true)?),
            ExpKind::False => Some(self.boolean_constant(false)?),
            ExpKind::Nil => Some(self.nil_constant()?),
            ExpKind::Int(i) => Some(self.integer_constant(i)?),
            ExpKind::Float(x) => Some(self.float_constant(x)?),
            ExpKind::K(k) => Some(k),
            _ => None,
        };
        if let Some(k) = k {
            e.kind = ExpKind::K(k);
            if k <= MAX_INDEX_RK {
                return Ok(k | BITRK);
            }
        }
        self.exp_to_any_reg(e)
    }
    // ANCHOR_END: exp_to_rk
    // ANCHOR_END: discharge

    // ANCHOR: store
    // ANCHOR: store_var
    /// Stores `ex` into the variable `var` (`luaK_storevar`).
    pub fn store_var(&mut self, var: &ExpDesc, ex: &mut ExpDesc) -> Result<(), LuaError> {
        match var.kind {
            ExpKind::Local(reg) => {
                self.free_exp(ex);
                return self.exp_to_reg(ex, reg);
            }
            ExpKind::Upvalue(index) => {
                let e = self.exp_to_any_reg(ex)?;
                self.emit_abc(OpCode::SetUpval, e, index, 0)?;
            }
            ExpKind::Indexed {
                table,
                key,
                in_upvalue,
            } => {
                let op = if in_upvalue {
                    OpCode::SetTabUp
                } else {
                    OpCode::SetTable
                };
                let e = self.exp_to_rk(ex)?;
                self.emit_abc(op, table, key, e)?;
            }
            _ => return Err(self.error("cannot assign to this expression")),
        }
        self.free_exp(ex);
        Ok(())
    }
    // ANCHOR_END: store_var

    // ANCHOR: self_call
    /// `e:key(...)`: SELF puts the method and `e` in two new registers
    /// (`luaK_self`).
    pub fn self_call(&mut self, e: &mut ExpDesc, key: &mut ExpDesc) -> Result<(), LuaError> {
        let object = self.exp_to_any_reg(e)?;
        self.free_exp(e);
        let base = self.free_reg;
        e.kind = ExpKind::NonReloc(base);
        self.reserve_regs(2)?;
        let key_rk = self.exp_to_rk(key)?;
        self.emit_abc(OpCode::Self_, base, object, key_rk)?;
        self.free_exp(key);
        Ok(())
    }
    // ANCHOR_END: self_call

    // ANCHOR: indexed
    /// `table[key]`, with the table already in a register or an upvalue
    /// (`luaK_indexed`).
    pub fn indexed(&mut self, t: &mut ExpDesc, k: &mut ExpDesc) -> Result<(), LuaError> {
        let (table, in_upvalue) = match t.kind {
            ExpKind::Upvalue(index) => (index, true),
            ExpKind::Local(reg) | ExpKind::NonReloc(reg) => (reg, false),
            _ => return Err(self.error("indexed value not in a register")),
        };
        let key = self.exp_to_rk(k)?;
        t.kind = ExpKind::Indexed {
            table,
            key,
            in_upvalue,
        };
        Ok(())
    }
    // ANCHOR_END: indexed
    // ANCHOR_END: store

    // ANCHOR: conditions
    // ANCHOR: jump_on_cond
    /// Inverts the comparison that decides the jump of `e` (its A).
    fn negate_condition(&mut self, e: &ExpDesc) {
        if let ExpKind::Jmp(pc) = e.kind {
            let control = self.jump_control(pc);
            let i = *self.instruction(control);
            *self.instruction(control) = i.with_a(u32::from(i.a() == 0));
        }
    }

    /// A test of `e` and a jump taken when it is `cond`. `not x` is tested
    /// as `x` with the condition inverted, its NOT taken back
    /// (`jumponcond`).
    fn jump_on_cond(&mut self, e: &mut ExpDesc, cond: bool) -> Result<i32, LuaError> {
        if let ExpKind::Relocable(pc) = e.kind {
            let i = self.code[pc as usize];
            if i.opcode() == Some(OpCode::Not) {
                self.code.pop();
                self.lines.pop();
                return self.cond_jump(OpCode::Test, i.b(), 0, u32::from(!cond));
            }
        }
        self.discharge_to_any_reg(e)?;
        self.free_exp(e);
        let ExpKind::NonReloc(reg) = e.kind else {
            return Err(self.error("test of a value not in a register"));
        };
        self.cond_jump(OpCode::TestSet, NO_REG, reg, u32::from(cond))
    }
    // ANCHOR_END: jump_on_cond

    // ANCHOR: go_if
    /// Code that goes on if `e` is true and jumps if it is false: the jump
    /// joins the false list (`luaK_goiftrue`).
    pub fn go_if_true(&mut self, e: &mut ExpDesc) -> Result<(), LuaError> {
        self.discharge_vars(e)?;
        let pc = match e.kind {
            ExpKind::Jmp(pc) => {
                self.negate_condition(e);
                pc
            }
            ExpKind::K(_) | ExpKind::Float(_) | ExpKind::Int(_) | ExpKind::True => NO_JUMP,
            _ => self.jump_on_cond(e, false)?,
        };
        let mut f = e.f;
        self.concat(&mut f, pc)?;
        e.f = f;
        self.patch_to_here(e.t)?;
        e.t = NO_JUMP;
        Ok(())
    }

    /// Code that goes on if `e` is false and jumps if it is true
    /// (`luaK_goiffalse`).
    pub fn go_if_false(&mut self, e: &mut ExpDesc) -> Result<(), LuaError> {
        self.discharge_vars(e)?;
        let pc = match e.kind {
            ExpKind::Jmp(pc) => pc,
            ExpKind::Nil | ExpKind::False => NO_JUMP,
            _ => self.jump_on_cond(e, true)?,
        };
        let mut t = e.t;
        self.concat(&mut t, pc)?;
        e.t = t;
        self.patch_to_here(e.f)?;
        e.f = NO_JUMP;
        Ok(())
    }
    // ANCHOR_END: go_if

    // ANCHOR: code_not
    /// `not e`, folded for constants (`codenot`).
    fn code_not(&mut self, e: &mut ExpDesc) -> Result<(), LuaError> {
        self.discharge_vars(e)?;
        match e.kind {
            ExpKind::Nil | ExpKind::False => e.kind = ExpKind::True,
            ExpKind::K(_) | ExpKind::Float(_) | ExpKind::Int(_) | ExpKind::True => {
                e.kind = ExpKind::False;
            }
            ExpKind::Jmp(_) => self.negate_condition(e),
            ExpKind::Relocable(_) | ExpKind::NonReloc(_) => {
                self.discharge_to_any_reg(e)?;
                self.free_exp(e);
                let ExpKind::NonReloc(reg) = e.kind else {
                    return Err(self.error("operand not in a register"));
                };
                e.kind = ExpKind::Relocable(self.emit_abc(OpCode::Not, 0, reg, 0)?);
            }
            _ => return Err(self.error("cannot negate this expression")),
        }
        std::mem::swap(&mut e.t, &mut e.f);
        self.remove_values(e.f);
        self.remove_values(e.t);
        Ok(())
    }
    // ANCHOR_END: code_not
    // ANCHOR_END: conditions

    // ANCHOR: folding
    /// Replaces `e1` by `e1 op e2` when both are numerals and the result is
    /// safe to compute now (`constfolding`): no division by zero, no
    /// bitwise operation on a float without an integer value, no NaN or
    /// zero float (which could be -0.0).
    fn fold(&mut self, op: ArithOp, e1: &mut ExpDesc, e2: &ExpDesc) -> bool {
        let (Some(v1), Some(v2)) = (e1.numeral(), e2.numeral()) else {
            return false;
        };
        let valid = if op.is_bitwise() {
            v1.to_integer().is_some() && v2.to_integer().is_some()
        } else if matches!(op, ArithOp::Div | ArithOp::IDiv | ArithOp::Mod) {
            v2.to_float() != Some(0.0)
        } else {
            true
        };
        if !valid {
            return false;
        }
        match arith(op, &v1, &v2) {
            Ok(Value::Integer(i)) => e1.kind = ExpKind::Int(i),
            Ok(Value::Number(x)) if !x.is_nan() && x != 0.0 => e1.kind = ExpKind::Float(x),
            _ => return false,
        }
        true
    }
    // ANCHOR_END: folding

    // ANCHOR: operators
    // ANCHOR: code_binary
    /// A unary operator's instruction on a register (`codeunexpval`).
    fn code_unary(&mut self, op: OpCode, e: &mut ExpDesc, line: u32) -> Result<(), LuaError> {
        let r = self.exp_to_any_reg(e)?;
        self.free_exp(e);
        e.kind = ExpKind::Relocable(self.emit_abc(op, 0, r, 0)?);
        self.fix_line(line);
        Ok(())
    }

    /// A binary operator's instruction on two RK operands, the second
    /// made first because it holds the newer registers
    /// (`codebinexpval`).
    fn code_binary(
        &mut self,
        op: OpCode,
        e1: &mut ExpDesc,
        e2: &mut ExpDesc,
        line: u32,
    ) -> Result<(), LuaError> {
        let rk2 = self.exp_to_rk(e2)?;
        let rk1 = self.exp_to_rk(e1)?;
        self.free_exps(e1, e2);
        e1.kind = ExpKind::Relocable(self.emit_abc(op, 0, rk1, rk2)?);
        self.fix_line(line);
        Ok(())
    }
    // ANCHOR_END: code_binary

    // ANCHOR: code_compare
    /// A comparison and its jump. `a > b` is `b < a`, and `a ~= b` is
    /// `a == b` with the condition inverted (`codecomp`).
    fn code_compare(
        &mut self,
        op: BinaryOp,
        e1: &mut ExpDesc,
        e2: &mut ExpDesc,
    ) -> Result<(), LuaError> {
        let rk1 = match e1.kind {
            ExpKind::K(k) => k | BITRK,
            ExpKind::NonReloc(reg) => reg,
            _ => return Err(self.error("comparison operand not in a register")),
        };
        let rk2 = self.exp_to_rk(e2)?;
        self.free_exps(e1, e2);
        let pc = match op {
            BinaryOp::Ne => self.cond_jump(OpCode::Eq, 0, rk1, rk2)?,
            BinaryOp::Gt => self.cond_jump(OpCode::Lt, 1, rk2, rk1)?,
            BinaryOp::Ge => self.cond_jump(OpCode::Le, 1, rk2, rk1)?,
            BinaryOp::Eq => self.cond_jump(OpCode::Eq, 1, rk1, rk2)?,
            BinaryOp::Lt => self.cond_jump(OpCode::Lt, 1, rk1, rk2)?,
            _ => self.cond_jump(OpCode::Le, 1, rk1, rk2)?,
        };
        e1.kind = ExpKind::Jmp(pc);
        Ok(())
    }
    // ANCHOR_END: code_compare

    // ANCHOR: prefix_infix
    /// A unary operator applied to `e` (`luaK_prefix`).
    pub fn prefix(&mut self, op: UnaryOp, e: &mut ExpDesc, line: u32) -> Result<(), LuaError> {
        let zero = ExpDesc::new(ExpKind::Int(0));
        match op {
            UnaryOp::Minus if self.fold(ArithOp::Unm, e, &zero) => Ok(()),
            UnaryOp::BNot if self.fold(ArithOp::BNot, e, &zero) => Ok(()),
            UnaryOp::Minus => self.code_unary(OpCode::Unm, e, line),
            UnaryOp::BNot => self.code_unary(OpCode::BNot, e, line),
            UnaryOp::Len => self.code_unary(OpCode::Len, e, line),
            UnaryOp::Not => self.code_not(e),
        }
    }

    /// The first operand of a binary operator, before the second is read
    /// (`luaK_infix`): `and` and `or` branch on it, `..` needs it in the
    /// next register, arithmetic keeps a numeral for folding.
    pub fn infix(&mut self, op: BinaryOp, v: &mut ExpDesc) -> Result<(), LuaError> {
        match op {
            BinaryOp::And => self.go_if_true(v),
            BinaryOp::Or => self.go_if_false(v),
            BinaryOp::Concat => self.exp_to_next_reg(v),
            _ if arith_op(op).is_some() => {
                if v.numeral().is_none() {
                    self.exp_to_rk(v)?;
                }
                Ok(())
            }
            _ => {
                self.exp_to_rk(v)?;
                Ok(())
            }
        }
    }
    // ANCHOR_END: prefix_infix

    // ANCHOR: posfix
    /// The operation, once both operands are read (`luaK_posfix`). In
    /// `a .. b .. c`, the second CONCAT is merged into the first.
    pub fn posfix(
        &mut self,
        op: BinaryOp,
        e1: &mut ExpDesc,
        e2: &mut ExpDesc,
        line: u32,
    ) -> Result<(), LuaError> {
        match op {
            BinaryOp::And => {
                self.discharge_vars(e2)?;
                let mut f = e2.f;
                self.concat(&mut f, e1.f)?;
                e2.f = f;
                *e1 = *e2;
            }
            BinaryOp::Or => {
                self.discharge_vars(e2)?;
                let mut t = e2.t;
                self.concat(&mut t, e1.t)?;
                e2.t = t;
                *e1 = *e2;
            }
            BinaryOp::Concat => {
                self.exp_to_val(e2)?;
                if let ExpKind::Relocable(pc) = e2.kind
                    && self.code[pc as usize].opcode() == Some(OpCode::Concat)
                {
                    self.free_exp(e1);
                    let ExpKind::NonReloc(first) = e1.kind else {
                        return Err(self.error("concatenation operand not in a register"));
                    };
                    let merged = self.instruction(pc).with_b(first);
                    *self.instruction(pc) = merged;
                    e1.kind = ExpKind::Relocable(pc);
                } else {
                    self.exp_to_next_reg(e2)?;
                    self.code_binary(OpCode::Concat, e1, e2, line)?;
                }
            }
            _ => match arith_op(op) {
                Some((arith, opcode)) => {
                    if !self.fold(arith, e1, e2) {
                        self.code_binary(opcode, e1, e2, line)?;
                    }
                }
                None => self.code_compare(op, e1, e2)?,
            },
        }
        Ok(())
    }
    // ANCHOR_END: posfix
    // ANCHOR_END: operators

    // ANCHOR: set_list
    /// Stores the `to_store` values above the table in `base` into it,
    /// after `count - to_store` already stored (`luaK_setlist`). C counts
    /// batches of 50 from 1; beyond what 9 bits hold, it goes in an
    /// EXTRAARG.
    pub fn set_list(&mut self, base: u32, count: u32, to_store: i32) -> Result<(), LuaError> {
        let c = (count.saturating_sub(1)) / LFIELDS_PER_FLUSH + 1;
        let b = if to_store == MULTRET {
            0
        } else {
            to_store as u32
        };
        if c <= MAXARG_C {
            self.emit_abc(OpCode::SetList, base, b, c)?;
        } else if c <= MAXARG_AX {
            self.emit_abc(OpCode::SetList, base, b, 0)?;
            self.emit(Instruction::iax(OpCode::ExtraArg, c))?;
        } else {
            return Err(self.error("constructor too long"));
        }
        self.free_reg = base + 1;
        Ok(())
    }
    // ANCHOR_END: set_list
}

/// The arithmetic or bitwise operation and opcode of a binary operator.
fn arith_op(op: BinaryOp) -> Option<(ArithOp, OpCode)> {
    Some(match op {
        BinaryOp::Add => (ArithOp::Add, OpCode::Add),
        BinaryOp::Sub => (ArithOp::Sub, OpCode::Sub),
        BinaryOp::Mul => (ArithOp::Mul, OpCode::Mul),
        BinaryOp::Mod => (ArithOp::Mod, OpCode::Mod),
        BinaryOp::Pow => (ArithOp::Pow, OpCode::Pow),
        BinaryOp::Div => (ArithOp::Div, OpCode::Div),
        BinaryOp::IDiv => (ArithOp::IDiv, OpCode::IDiv),
        BinaryOp::BAnd => (ArithOp::BAnd, OpCode::BAnd),
        BinaryOp::BOr => (ArithOp::BOr, OpCode::BOr),
        BinaryOp::BXor => (ArithOp::BXor, OpCode::BXor),
        BinaryOp::Shl => (ArithOp::Shl, OpCode::Shl),
        BinaryOp::Shr => (ArithOp::Shr, OpCode::Shr),
        _ => return None,
    })
}
