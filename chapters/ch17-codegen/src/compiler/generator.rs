//! The code generator: the syntax tree in, chapter 2's prototype out. It
//! walks the tree in the order lparser.c reads the source and makes the
//! calls into `code.rs` that lparser.c makes into `lcode.c`, at the same
//! moments, so that its instructions are luac's one for one.
//!
//! Two things make a tree walk behave like a one-pass compiler. The scopes
//! are walked again with the parser's own code (`scope.rs`), now with
//! real instruction numbers. And every instruction gets the line of the
//! last token luac would have read when it emitted it: the walk moves
//! `last_line` forward through the lines the tree keeps, as the lexer
//! would have moved it through the tokens.

use crate::binary_chunk::{LocVar, Prototype, Upvalue};
use crate::debug::chunk_id;
use crate::error::LuaError;
use crate::instruction::Instruction;
use crate::opcodes::OpCode;

use super::ast::{
    Args, Block, Chunk, Expr, ExprList, FieldKind, Function, FunctionName, IfClause, Name, Stat,
    Table,
};
use super::code::{ExpDesc, ExpKind, FuncState, MULTRET, NO_JUMP};
use super::parser::PARSER_STACK;
use super::scope::{Patch, ScopeError, Scopes, Var};

// ANCHOR: generate
/// Compiles a parsed chunk into its main function's prototype.
pub fn generate(chunk: &Chunk, chunkname: &str) -> Result<Prototype, LuaError> {
    // The walk nests as deeply as the tree, which the parser limited.
    stacker::maybe_grow(PARSER_STACK, 2 * PARSER_STACK, || {
        let mut generator = Generator {
            chunk_id: chunk_id(chunkname.as_bytes()),
            source: chunkname.as_bytes().to_vec(),
            functions: vec![FuncState::new(&chunk_id(chunkname.as_bytes()), 1)],
            scopes: Scopes::new(),
            patches: Vec::new(),
        };
        generator.enter_block(false);
        generator.statements(&chunk.body, false)?;
        generator.close_function(0, 0, 0)
    })
}

struct Generator {
    chunk_id: String,
    /// The chunk's name, which every prototype records as its source.
    source: Vec<u8>,
    /// The code of the functions being generated, innermost last.
    functions: Vec<FuncState>,
    scopes: Scopes,
    /// The jumps that the scopes say gotos need, applied as they come.
    patches: Vec<Patch>,
}
// ANCHOR_END: generate

/// What a constructor has read so far (`ConsControl`).
struct Constructor {
    /// The last positional item, not yet in its register.
    pending: ExpDesc,
    /// The register of the table.
    table: u32,
    /// How many record fields and positional items it has.
    hash_size: u32,
    array_size: u32,
    /// How many positional items wait in registers for a SETLIST.
    to_store: u32,
}

// ANCHOR: int2fb
/// `luaO_int2fb`: a size as a "floating point byte" for NEWTABLE.
fn int2fb(mut x: u32) -> u32 {
    if x < 8 {
        return x;
    }
    let mut e = 0;
    while x >= 8 << 4 {
        x = (x + 0xf) >> 4;
        e += 4;
    }
    while x >= 8 << 1 {
        x = x.div_ceil(2);
        e += 1;
    }
    ((e + 1) << 3) | (x - 8)
}
// ANCHOR_END: int2fb

impl Generator {
    // ANCHOR: state
    fn fs(&mut self) -> &mut FuncState {
        self.functions.last_mut().expect("inside a function")
    }

    // ANCHOR: set_line
    /// The last token read was on `line`: what luac's lexer would have
    /// recorded as `lastline`.
    fn set_line(&mut self, line: u32) {
        self.fs().last_line = line;
    }
    // ANCHOR_END: set_line

    fn scope_error(&self, error: ScopeError) -> LuaError {
        let message = match error {
            ScopeError::Limit { limit, what, .. } => format!("too many {what} (limit is {limit})"),
            ScopeError::Semantic(message) => message,
        };
        LuaError::new(format!("{}: {message}", self.chunk_id))
    }

    // ANCHOR: apply_patches
    /// Applies the patches a goto's resolution asked for.
    fn apply_patches(&mut self) -> Result<(), LuaError> {
        for patch in std::mem::take(&mut self.patches) {
            match patch {
                Patch::Close { list, level } => self.fs().patch_close(list, level as u32),
                Patch::Jump { list, target } => self.fs().patch_list(list, target)?,
            }
        }
        Ok(())
    }
    // ANCHOR_END: apply_patches
    // ANCHOR_END: state

    // ANCHOR: locals
    // ANCHOR: activate_locals
    /// Declares a local, and its debug information (`new_localvar`).
    fn new_local(&mut self, name: &[u8]) -> Result<(), LuaError> {
        self.scopes
            .new_local(name)
            .map_err(|e| self.scope_error(e))?;
        self.fs().loc_vars.push(LocVar {
            name: name.to_vec(),
            start_pc: 0,
            end_pc: 0,
        });
        Ok(())
    }

    /// Makes the last `count` locals visible: their lives start here
    /// (`adjustlocalvars`).
    fn activate_locals(&mut self, count: usize) {
        let started = self.scopes.activate_locals(count);
        let active = self.scopes.active() as u32;
        let fs = self.fs();
        let pc = fs.pc() as u32;
        for index in started {
            fs.loc_vars[index].start_pc = pc;
        }
        fs.active = active;
    }
    // ANCHOR_END: activate_locals

    fn enter_block(&mut self, is_loop: bool) {
        self.scopes.enter_block(is_loop);
    }

    // ANCHOR: leave_block
    /// Leaves a block (`leaveblock`): a JMP closes the upvalues of its
    /// locals if a closure captured one, their lives end, and the gotos
    /// it resolves are patched.
    fn leave_block(&mut self) -> Result<(), LuaError> {
        if self.scopes.block_needs_close() {
            let level = self.scopes.block_start() as u32;
            let fs = self.fs();
            let j = fs.jump()?;
            fs.patch_close(j, level);
            fs.patch_to_here(j)?;
        }
        let pc = self.fs().pc();
        let ended = self
            .scopes
            .leave_block(pc, &mut self.patches)
            .map_err(|e| self.scope_error(e))?;
        let active = self.scopes.active() as u32;
        let fs = self.fs();
        for index in ended {
            fs.loc_vars[index].end_pc = pc as u32;
        }
        fs.active = active;
        fs.free_reg = active;
        self.apply_patches()
    }
    // ANCHOR_END: leave_block
    // ANCHOR_END: locals

    // ANCHOR: functions
    // ANCHOR: close_function
    /// Finishes the innermost function (`close_func`): the final RETURN,
    /// the outermost block left, and its prototype.
    fn close_function(
        &mut self,
        line_defined: u32,
        last_line_defined: u32,
        num_params: u8,
    ) -> Result<Prototype, LuaError> {
        self.fs().ret(0, 0)?;
        self.leave_block()?;
        let mut fs = self.functions.pop().expect("inside a function");
        let scope = self.scopes.close_function().expect("inside a function");
        if let Some(parent) = self.functions.last_mut() {
            parent.last_line = fs.last_line;
            parent.constant_index = std::mem::take(&mut fs.constant_index);
        }
        Ok(Prototype {
            source: Some(self.source.clone()),
            line_defined,
            last_line_defined,
            num_params,
            is_vararg: scope.is_vararg,
            max_stack_size: fs.max_stack as u8,
            code: fs.code.iter().map(|i| i.0).collect(),
            constants: fs.constants,
            upvalues: scope
                .upvalues
                .iter()
                .map(|u| Upvalue {
                    in_stack: u.in_stack,
                    index: u.index,
                })
                .collect(),
            protos: fs.protos,
            line_info: fs.lines,
            loc_vars: fs.loc_vars,
            upvalue_names: scope.upvalues.into_iter().map(|u| u.name).collect(),
        })
    }
    // ANCHOR_END: close_function

    // ANCHOR: function_body
    /// A function body, compiled into a prototype of its own; in the
    /// enclosing function, a CLOSURE in the next register (`body` and
    /// `codeclosure`).
    fn function(&mut self, f: &Function, is_method: bool) -> Result<ExpDesc, LuaError> {
        let last_line = self.fs().last_line;
        let mut child = FuncState::new(&self.chunk_id, last_line);
        child.constant_index = std::mem::take(&mut self.fs().constant_index);
        self.functions.push(child);
        self.scopes.open_function(f.line);
        self.enter_block(false);
        if is_method {
            self.new_local(b"self")?;
            self.activate_locals(1);
        }
        for param in &f.params {
            self.new_local(&param.name)?;
        }
        self.activate_locals(f.params.len());
        if f.is_vararg {
            self.scopes.set_vararg();
        }
        let num_params = self.scopes.active();
        self.fs().reserve_regs(num_params as u32)?;
        self.statements(&f.body, false)?;
        self.set_line(f.end_line);
        // The CLOSURE goes in the enclosing function before this one is
        // finished, as luac emits it.
        let index = self.functions[self.functions.len() - 2].protos.len() as u32;
        let parent = self.functions.len() - 2;
        self.functions[parent].last_line = f.end_line;
        let pc = self.functions[parent].emit_abx(OpCode::Closure, 0, index)?;
        let mut closure = ExpDesc::new(ExpKind::Relocable(pc));
        self.functions[parent].exp_to_next_reg(&mut closure)?;
        let proto = self.close_function(f.line, f.end_line, num_params as u8)?;
        self.fs().protos.push(proto);
        Ok(closure)
    }
    // ANCHOR_END: function_body
    // ANCHOR_END: functions

    // ANCHOR: statements
    /// The statements of a block, without a scope of their own
    /// (`statlist`). `until` says whether the block ends with `until`,
    /// which a label at its end needs to know.
    fn statements(&mut self, block: &Block, until: bool) -> Result<(), LuaError> {
        let mut i = 0;
        while i < block.stats.len() {
            i = self.statement(&block.stats, i, until)?;
        }
        self.set_line(block.end_line);
        Ok(())
    }

    /// A block with a scope of its own (`block`).
    fn block(&mut self, block: &Block) -> Result<(), LuaError> {
        self.enter_block(false);
        self.statements(block, false)?;
        self.leave_block()
    }

    /// Statement `i` of `stats`; returns the index of the next one (a
    /// label takes the no-op statements after it along).
    fn statement(&mut self, stats: &[Stat], i: usize, until: bool) -> Result<usize, LuaError> {
        let mut next = i + 1;
        match &stats[i] {
            // ANCHOR: stat_simple
            Stat::Empty { line } => self.set_line(*line),
            Stat::Local { names, values } => self.local(names, values.as_ref())?,
            Stat::LocalFunction { name, function } => {
                self.set_line(name.line);
                self.new_local(&name.name)?;
                self.activate_locals(1);
                let closure = self.function(function, false)?;
                // The local's life starts after the CLOSURE, as luac says.
                if let ExpKind::NonReloc(reg) = closure.kind
                    && let Some(index) = self.scopes.debug_index(reg as usize)
                {
                    let fs = self.fs();
                    fs.loc_vars[index].start_pc = fs.pc() as u32;
                }
            }
            Stat::Assign { targets, values } => self.assign(targets, values)?,
            Stat::Call(call) => {
                let e = self.expr(call)?;
                if let ExpKind::Call(pc) = e.kind {
                    let fs = self.fs();
                    let i = fs.code[pc as usize].with_c(1);
                    fs.code[pc as usize] = i;
                }
            }
            // ANCHOR_END: stat_simple
            Stat::Do { body, end_line, .. } => {
                self.block(body)?;
                self.set_line(*end_line);
            }
            Stat::While {
                cond,
                body,
                end_line,
                ..
            } => self.while_stat(cond, body, *end_line)?,
            Stat::Repeat { body, cond, .. } => self.repeat_stat(body, cond)?,
            Stat::If {
                clauses,
                else_block,
                end_line,
            } => self.if_stat(clauses, else_block.as_ref(), *end_line)?,
            // ANCHOR: stat_numeric_for
            Stat::NumericFor {
                line,
                var,
                start,
                limit,
                step,
                do_line,
                body,
                end_line,
            } => {
                self.enter_block(true);
                let base = self.fs().free_reg;
                for hidden in ["(for index)", "(for limit)", "(for step)"] {
                    self.new_local(hidden.as_bytes())?;
                }
                self.new_local(&var.name)?;
                self.exp1(start)?;
                self.exp1(limit)?;
                match step {
                    Some(step) => self.exp1(step)?,
                    None => {
                        let fs = self.fs();
                        let k = fs.integer_constant(1)?;
                        fs.emit_constant(fs.free_reg, k)?;
                        fs.reserve_regs(1)?;
                    }
                }
                self.for_body(base, *line, 1, false, *do_line, body)?;
                self.set_line(*end_line);
                self.leave_block()?;
            }
            // ANCHOR_END: stat_numeric_for
            // ANCHOR: stat_generic_for
            Stat::GenericFor {
                names,
                values,
                call_line,
                do_line,
                body,
                end_line,
                ..
            } => {
                self.enter_block(true);
                let base = self.fs().free_reg;
                for hidden in ["(for generator)", "(for state)", "(for control)"] {
                    self.new_local(hidden.as_bytes())?;
                }
                for name in names {
                    self.new_local(&name.name)?;
                }
                let e = self.expr_list(values)?;
                self.adjust_assign(3, values.exprs.len(), e)?;
                self.fs().check_stack(3)?;
                self.for_body(base, *call_line, names.len(), true, *do_line, body)?;
                self.set_line(*end_line);
                self.leave_block()?;
            }
            // ANCHOR_END: stat_generic_for
            // ANCHOR: stat_function
            Stat::Function {
                line,
                name,
                function,
            } => {
                let var = self.function_name(name)?;
                let mut closure = self.function(function, name.method.is_some())?;
                self.fs().store_var(&var, &mut closure)?;
                // The definition "happens" on the line of `function`.
                self.fs().fix_line(*line);
            }
            // ANCHOR_END: stat_function
            // ANCHOR: stat_return
            Stat::Return {
                line,
                values,
                semicolon_line,
            } => {
                self.set_line(*line);
                self.return_stat(values)?;
                if let Some(line) = semicolon_line {
                    self.set_line(*line);
                }
            }
            // ANCHOR_END: stat_return
            // ANCHOR: stat_break_goto
            Stat::Break { line, line_before } => {
                self.set_line(*line_before);
                let pc = self.fs().jump()?;
                self.set_line(*line);
                self.add_goto(b"break", *line, pc)?;
            }
            Stat::Goto {
                line,
                line_before,
                label,
            } => {
                self.set_line(*line_before);
                let pc = self.fs().jump()?;
                self.set_line(label.line);
                self.add_goto(&label.name, *line, pc)?;
            }
            // ANCHOR_END: stat_break_goto
            // ANCHOR: stat_label
            Stat::Label {
                line,
                label,
                end_line,
            } => {
                self.set_line(*end_line);
                let pc = self.fs().label();
                let index = self.scopes.add_label(&label.name, *line, pc);
                // The no-op statements after it, which decide whether it
                // ends its block (`skipnoopstat`).
                while next < stats.len()
                    && matches!(stats[next], Stat::Empty { .. } | Stat::Label { .. })
                {
                    next = self.statement(stats, next, until)?;
                }
                let at_block_end = next == stats.len() && !until;
                self.scopes
                    .finish_label(index, at_block_end, &mut self.patches)
                    .map_err(|e| self.scope_error(e))?;
                self.apply_patches()?;
            }
        }
        let fs = self.fs();
        fs.free_reg = fs.active;
        Ok(next)
        // ANCHOR_END: stat_label
    }
    // ANCHOR_END: statements

    // ANCHOR: goto
    /// A goto (or break) whose jumps are the list at `pc`.
    fn add_goto(&mut self, name: &[u8], line: u32, pc: i32) -> Result<(), LuaError> {
        self.scopes
            .add_goto(name, line, pc, &mut self.patches)
            .map_err(|e| self.scope_error(e))?;
        self.apply_patches()
    }
    // ANCHOR_END: goto

    // ANCHOR: local
    // ANCHOR: local_stat
    /// `local names [= values]` (`localstat`).
    fn local(&mut self, names: &[Name], values: Option<&ExprList>) -> Result<(), LuaError> {
        for name in names {
            self.set_line(name.line);
            self.new_local(&name.name)?;
        }
        let (count, e) = match values {
            Some(list) => (list.exprs.len(), self.expr_list(list)?),
            None => (0, ExpDesc::new(ExpKind::Void)),
        };
        self.adjust_assign(names.len(), count, e)?;
        self.activate_locals(names.len());
        Ok(())
    }
    // ANCHOR_END: local_stat

    // ANCHOR: adjust_assign
    /// Makes `count` values fill `vars` registers: the last value, if it
    /// is a call or `...`, gives as many as are missing; otherwise the
    /// missing ones are nil, and extra ones are dropped (`adjust_assign`).
    fn adjust_assign(&mut self, vars: usize, count: usize, mut e: ExpDesc) -> Result<(), LuaError> {
        let fs = self.fs();
        let mut extra = vars as i32 - count as i32;
        if e.has_multret() {
            extra = (extra + 1).max(0);
            fs.set_returns(&e, extra)?;
            if extra > 1 {
                fs.reserve_regs(extra as u32 - 1)?;
            }
        } else {
            if e.kind != ExpKind::Void {
                fs.exp_to_next_reg(&mut e)?;
            }
            if extra > 0 {
                let reg = fs.free_reg;
                fs.reserve_regs(extra as u32)?;
                fs.emit_nil(reg, extra as u32)?;
            }
        }
        if count > vars {
            fs.free_reg -= (count - vars) as u32;
        }
        Ok(())
    }
    // ANCHOR_END: adjust_assign
    // ANCHOR_END: local

    // ANCHOR: assign
    // ANCHOR: assign_fn
    /// `targets = values` (`restassign`): the targets are read left to
    /// right, the values stored right to left, the last target first.
    fn assign(&mut self, targets: &[Expr], values: &ExprList) -> Result<(), LuaError> {
        let mut vars: Vec<ExpDesc> = Vec::with_capacity(targets.len());
        for target in targets {
            let var = self.expr(target)?;
            if !vars.is_empty() && !matches!(var.kind, ExpKind::Indexed { .. }) {
                self.check_conflict(&mut vars, &var)?;
            }
            vars.push(var);
        }
        let mut e = self.expr_list(values)?;
        let last = vars.len() - 1;
        if values.exprs.len() == vars.len() {
            self.fs().set_one_ret(&mut e);
            self.fs().store_var(&vars[last], &mut e)?;
        } else {
            self.adjust_assign(vars.len(), values.exprs.len(), e)?;
            let reg = self.fs().free_reg - 1;
            self.fs()
                .store_var(&vars[last], &mut ExpDesc::new(ExpKind::NonReloc(reg)))?;
        }
        for var in vars[..last].iter().rev() {
            let reg = self.fs().free_reg - 1;
            self.fs()
                .store_var(var, &mut ExpDesc::new(ExpKind::NonReloc(reg)))?;
        }
        Ok(())
    }
    // ANCHOR_END: assign_fn

    // ANCHOR: check_conflict
    /// In `a[i], i = ...`, the store into `a[i]` comes after `i` has
    /// changed; if an earlier target indexes with (or into) the local or
    /// upvalue `var` now assigned, it uses a copy taken before
    /// (`check_conflict`).
    fn check_conflict(&mut self, vars: &mut [ExpDesc], var: &ExpDesc) -> Result<(), LuaError> {
        let fs = self.fs();
        let extra = fs.free_reg;
        let mut conflict = false;
        for previous in vars.iter_mut().rev() {
            if let ExpKind::Indexed {
                table,
                key,
                in_upvalue,
            } = &mut previous.kind
            {
                let same_table = match var.kind {
                    ExpKind::Upvalue(index) => *in_upvalue && *table == index,
                    ExpKind::Local(reg) => !*in_upvalue && *table == reg,
                    _ => false,
                };
                if same_table {
                    conflict = true;
                    *in_upvalue = false;
                    *table = extra;
                }
                if matches!(var.kind, ExpKind::Local(reg) if *key == reg) {
                    conflict = true;
                    *key = extra;
                }
            }
        }
        if conflict {
            match var.kind {
                ExpKind::Local(reg) => fs.emit_abc(OpCode::Move, extra, reg, 0)?,
                ExpKind::Upvalue(index) => fs.emit_abc(OpCode::GetUpval, extra, index, 0)?,
                _ => return Ok(()),
            };
            fs.reserve_regs(1)?;
        }
        Ok(())
    }
    // ANCHOR_END: check_conflict
    // ANCHOR_END: assign

    // ANCHOR: conditionals
    // ANCHOR: cond_while
    /// A condition: code that goes on when it is true; returns the list of
    /// jumps taken when it is false (`cond`).
    fn cond(&mut self, cond: &Expr) -> Result<i32, LuaError> {
        let mut e = self.expr(cond)?;
        if e.kind == ExpKind::Nil {
            e.kind = ExpKind::False; // all falses are equal here
        }
        self.fs().go_if_true(&mut e)?;
        Ok(e.f)
    }

    fn while_stat(&mut self, cond: &Expr, body: &Block, end_line: u32) -> Result<(), LuaError> {
        let start = self.fs().label();
        let exit = self.cond(cond)?;
        self.enter_block(true);
        self.block(body)?;
        let fs = self.fs();
        let back = fs.jump()?;
        fs.patch_list(back, start)?;
        self.set_line(end_line);
        self.leave_block()?;
        self.fs().patch_to_here(exit)
    }
    // ANCHOR_END: cond_while

    // ANCHOR: repeat_stat
    /// `repeat block until cond`: the condition is inside the block's
    /// scope; if a closure captured one of its locals, the jump back closes
    /// them.
    fn repeat_stat(&mut self, body: &Block, cond: &Expr) -> Result<(), LuaError> {
        let start = self.fs().label();
        self.enter_block(true);
        self.enter_block(false);
        self.statements(body, true)?;
        let exit = self.cond(cond)?;
        if self.scopes.block_has_upvalue() {
            let level = self.scopes.block_start() as u32;
            self.fs().patch_close(exit, level);
        }
        self.leave_block()?;
        self.fs().patch_list(exit, start)?;
        self.leave_block()
    }
    // ANCHOR_END: repeat_stat

    // ANCHOR: if_stat
    fn if_stat(
        &mut self,
        clauses: &[IfClause],
        else_block: Option<&Block>,
        end_line: u32,
    ) -> Result<(), LuaError> {
        let mut escape = NO_JUMP;
        for (i, clause) in clauses.iter().enumerate() {
            let followed = i + 1 < clauses.len() || else_block.is_some();
            self.test_then_block(clause, followed, &mut escape)?;
        }
        if let Some(block) = else_block {
            self.block(block)?;
        }
        self.set_line(end_line);
        self.fs().patch_to_here(escape)
    }
    // ANCHOR_END: if_stat

    // ANCHOR: test_then_block
    /// `if cond then block` (`test_then_block`). A block that starts with
    /// `goto` or `break` makes the condition's jump the goto's own.
    fn test_then_block(
        &mut self,
        clause: &IfClause,
        followed: bool,
        escape: &mut i32,
    ) -> Result<(), LuaError> {
        let mut v = self.expr(&clause.cond)?;
        self.set_line(clause.then_line);
        let stats = &clause.body.stats;
        let skip_then;
        if let Some(Stat::Goto { .. } | Stat::Break { .. }) = stats.first() {
            self.fs().go_if_false(&mut v)?;
            self.enter_block(false);
            match &stats[0] {
                Stat::Goto { line, label, .. } => {
                    self.set_line(label.line);
                    self.add_goto(&label.name, *line, v.t)?;
                }
                Stat::Break { line, .. } => {
                    self.set_line(*line);
                    self.add_goto(b"break", *line, v.t)?;
                }
                _ => {}
            }
            let mut rest = 1;
            while let Some(Stat::Empty { line }) = stats.get(rest) {
                self.set_line(*line);
                rest += 1;
            }
            if rest == stats.len() {
                // The goto is the whole block.
                return self.leave_block();
            }
            skip_then = self.fs().jump()?;
            let mut i = rest;
            while i < stats.len() {
                i = self.statement(stats, i, false)?;
            }
            self.set_line(clause.body.end_line);
        } else {
            self.fs().go_if_true(&mut v)?;
            self.enter_block(false);
            skip_then = v.f;
            self.statements(&clause.body, false)?;
        }
        self.leave_block()?;
        if followed {
            let fs = self.fs();
            let j = fs.jump()?;
            fs.concat(escape, j)?;
        }
        self.fs().patch_to_here(skip_then)
    }
    // ANCHOR_END: test_then_block
    // ANCHOR_END: conditionals

    // ANCHOR: for_body
    /// An expression in the next register, for a `for`'s control values
    /// (`exp1`).
    fn exp1(&mut self, e: &Expr) -> Result<(), LuaError> {
        let mut e = self.expr(e)?;
        self.fs().exp_to_next_reg(&mut e)
    }

    /// The body of a `for` (`forbody`): the control variables become
    /// visible, FORPREP (or a jump to the iterator's call) at the `do`,
    /// the loop's own variables in a block of their own, then FORLOOP, or
    /// TFORCALL and TFORLOOP, back to the start.
    fn for_body(
        &mut self,
        base: u32,
        line: u32,
        vars: usize,
        generic: bool,
        do_line: u32,
        body: &Block,
    ) -> Result<(), LuaError> {
        self.activate_locals(3);
        self.set_line(do_line);
        let prep = if !generic {
            self.fs()
                .emit(Instruction::asbx(OpCode::ForPrep, base, NO_JUMP))?
        } else {
            self.fs().jump()?
        };
        self.enter_block(false);
        self.activate_locals(vars);
        self.fs().reserve_regs(vars as u32)?;
        self.block(body)?;
        self.leave_block()?;
        let fs = self.fs();
        fs.patch_to_here(prep)?;
        let end = if !generic {
            fs.emit(Instruction::asbx(OpCode::ForLoop, base, NO_JUMP))?
        } else {
            fs.emit_abc(OpCode::TForCall, base, 0, vars as u32)?;
            fs.fix_line(line);
            fs.emit(Instruction::asbx(OpCode::TForLoop, base + 2, NO_JUMP))?
        };
        fs.patch_list(end, prep + 1)?;
        fs.fix_line(line);
        Ok(())
    }
    // ANCHOR_END: for_body

    // ANCHOR: function_name
    /// The variable a `function` statement assigns: a name, then fields
    /// (`funcname`).
    fn function_name(&mut self, name: &FunctionName) -> Result<ExpDesc, LuaError> {
        let mut var = self.variable(&name.path[0])?;
        for field in name.path[1..].iter().chain(&name.method) {
            self.field(&mut var, field)?;
        }
        Ok(var)
    }

    /// `.name` after `var` (`fieldsel`).
    fn field(&mut self, var: &mut ExpDesc, name: &Name) -> Result<(), LuaError> {
        self.fs().exp_to_any_reg_up(var)?;
        self.set_line(name.line);
        let fs = self.fs();
        let mut key = ExpDesc::new(ExpKind::K(fs.string_constant(&name.name)?));
        fs.indexed(var, &mut key)
    }
    // ANCHOR_END: function_name

    // ANCHOR: return_stat
    /// `return values` (`retstat`): one value from wherever it is, several
    /// from consecutive registers, and an open call as a tail call.
    fn return_stat(&mut self, values: &ExprList) -> Result<(), LuaError> {
        if values.exprs.is_empty() {
            return self.fs().ret(0, 0);
        }
        let mut e = self.expr_list(values)?;
        let count = values.exprs.len();
        let fs = self.fs();
        let (first, count) = if e.has_multret() {
            fs.set_returns(&e, MULTRET)?;
            if let (ExpKind::Call(pc), 1) = (e.kind, count) {
                let tail = fs.code[pc as usize].with_opcode(OpCode::TailCall);
                fs.code[pc as usize] = tail;
            }
            (fs.active, MULTRET)
        } else if count == 1 {
            (fs.exp_to_any_reg(&mut e)?, 1)
        } else {
            fs.exp_to_next_reg(&mut e)?;
            (fs.active, count as i32)
        };
        fs.ret(first, count)
    }
    // ANCHOR_END: return_stat

    // ANCHOR: expr_list
    /// Expressions separated by commas: every one but the last in the next
    /// register, as each comma is read; the last left open (`explist`).
    fn expr_list(&mut self, list: &ExprList) -> Result<ExpDesc, LuaError> {
        let mut e = self.expr(&list.exprs[0])?;
        for (expr, &comma) in list.exprs[1..].iter().zip(&list.comma_lines) {
            self.set_line(comma);
            self.fs().exp_to_next_reg(&mut e)?;
            e = self.expr(expr)?;
        }
        Ok(e)
    }
    // ANCHOR_END: expr_list

    // ANCHOR: expr
    /// An expression, compiled as far as lparser.c compiles it before its
    /// consumer decides where the value goes.
    fn expr(&mut self, expr: &Expr) -> Result<ExpDesc, LuaError> {
        let kind = match expr {
            // ANCHOR: expr_leaves
            Expr::Nil { line } => {
                self.set_line(*line);
                ExpKind::Nil
            }
            Expr::True { line } => {
                self.set_line(*line);
                ExpKind::True
            }
            Expr::False { line } => {
                self.set_line(*line);
                ExpKind::False
            }
            Expr::Integer { value, line } => {
                self.set_line(*line);
                ExpKind::Int(*value)
            }
            Expr::Float { value, line } => {
                self.set_line(*line);
                ExpKind::Float(*value)
            }
            Expr::String { value, line } => {
                let k = self.fs().string_constant(value)?;
                self.set_line(*line);
                ExpKind::K(k)
            }
            Expr::Vararg { line, line_before } => {
                self.set_line(*line_before);
                let pc = self.fs().emit_abc(OpCode::VarArg, 0, 1, 0)?;
                self.set_line(*line);
                ExpKind::Vararg(pc)
            }
            // ANCHOR_END: expr_leaves
            // ANCHOR: expr_operators
            Expr::Function(function) => return self.function(function, false),
            Expr::Table(table) => return self.table(table),
            Expr::Binary {
                op,
                line,
                left,
                right,
            } => {
                let mut e1 = self.expr(left)?;
                self.set_line(*line);
                self.fs().infix(*op, &mut e1)?;
                let mut e2 = self.expr(right)?;
                self.fs().posfix(*op, &mut e1, &mut e2, *line)?;
                return Ok(e1);
            }
            Expr::Unary { op, line, operand } => {
                self.set_line(*line);
                let mut e = self.expr(operand)?;
                self.fs().prefix(*op, &mut e, *line)?;
                return Ok(e);
            }
            // ANCHOR_END: expr_operators
            // ANCHOR: expr_suffixes
            Expr::Name(name) => return self.variable(name),
            Expr::Index {
                table,
                key,
                close_line,
            } => {
                let mut t = self.expr(table)?;
                self.fs().exp_to_any_reg_up(&mut t)?;
                let mut k = self.expr(key)?;
                self.fs().exp_to_val(&mut k)?;
                self.set_line(*close_line);
                self.fs().indexed(&mut t, &mut k)?;
                return Ok(t);
            }
            Expr::Field { table, name } => {
                let mut t = self.expr(table)?;
                self.field(&mut t, name)?;
                return Ok(t);
            }
            Expr::Call { callee, args, line } => {
                let mut f = self.expr(callee)?;
                self.fs().exp_to_next_reg(&mut f)?;
                return self.call(f, args, *line);
            }
            Expr::MethodCall {
                object,
                method,
                args,
                line,
            } => {
                let mut o = self.expr(object)?;
                self.set_line(method.line);
                let fs = self.fs();
                let mut key = ExpDesc::new(ExpKind::K(fs.string_constant(&method.name)?));
                fs.self_call(&mut o, &mut key)?;
                return self.call(o, args, *line);
            }
            Expr::Paren { inner, close_line } => {
                let mut e = self.expr(inner)?;
                self.set_line(*close_line);
                self.fs().discharge_vars(&mut e)?;
                return Ok(e);
            }
        };
        Ok(ExpDesc::new(kind))
        // ANCHOR_END: expr_suffixes
    }

    // ANCHOR: variable
    /// A variable by name (`singlevar`): a local, an upvalue, or a field
    /// of `_ENV`.
    fn variable(&mut self, name: &Name) -> Result<ExpDesc, LuaError> {
        self.set_line(name.line);
        let var = self
            .scopes
            .resolve(&name.name)
            .map_err(|e| self.scope_error(e))?;
        if let Some(kind) = Self::var_kind(var) {
            return Ok(ExpDesc::new(kind));
        }
        let env = self
            .scopes
            .resolve(b"_ENV")
            .map_err(|e| self.scope_error(e))?;
        // `_ENV` is always a local or an upvalue: the main function has it.
        let mut env = ExpDesc::new(Self::var_kind(env).unwrap_or(ExpKind::Upvalue(0)));
        let fs = self.fs();
        let mut key = ExpDesc::new(ExpKind::K(fs.string_constant(&name.name)?));
        fs.indexed(&mut env, &mut key)?;
        Ok(env)
    }

    /// Where a resolved variable is: in a register or an upvalue, or, for
    /// a global, nowhere yet.
    fn var_kind(var: Var) -> Option<ExpKind> {
        match var {
            Var::Local(reg) => Some(ExpKind::Local(reg as u32)),
            Var::Upvalue(index) => Some(ExpKind::Upvalue(index as u32)),
            Var::Global => None,
        }
    }
    // ANCHOR_END: variable
    // ANCHOR_END: expr

    // ANCHOR: call
    /// A call of `f`, already in its register, with `args` (`funcargs`):
    /// the arguments go in the registers after it, and the call leaves one
    /// result there unless its consumer asks for another number.
    fn call(&mut self, f: ExpDesc, args: &Args, line: u32) -> Result<ExpDesc, LuaError> {
        let mut args = match args {
            Args::List { list, close_line } => {
                let e = if list.exprs.is_empty() {
                    ExpDesc::new(ExpKind::Void)
                } else {
                    let e = self.expr_list(list)?;
                    if e.has_multret() {
                        self.fs().set_returns(&e, MULTRET)?;
                    }
                    e
                };
                self.set_line(*close_line);
                e
            }
            Args::Table(table) => self.table(table)?,
            Args::String { value, line } => {
                let k = self.fs().string_constant(value)?;
                self.set_line(*line);
                ExpDesc::new(ExpKind::K(k))
            }
        };
        let ExpKind::NonReloc(base) = f.kind else {
            return Err(self.fs().error("called value not in a register"));
        };
        let fs = self.fs();
        let count = if args.has_multret() {
            MULTRET
        } else {
            if args.kind != ExpKind::Void {
                fs.exp_to_next_reg(&mut args)?;
            }
            (fs.free_reg - (base + 1)) as i32
        };
        let pc = fs.emit_abc(OpCode::Call, base, (count + 1) as u32, 2)?;
        fs.fix_line(line);
        fs.free_reg = base + 1;
        Ok(ExpDesc::new(ExpKind::Call(pc)))
    }
    // ANCHOR_END: call

    // ANCHOR: table
    // ANCHOR: table_fn
    /// A table constructor (`constructor`): NEWTABLE, record fields stored
    /// one by one, positional items gathered in registers and stored 50 at
    /// a time by SETLIST; the sizes patched into NEWTABLE at the end.
    fn table(&mut self, table: &Table) -> Result<ExpDesc, LuaError> {
        self.set_line(table.line_before);
        let fs = self.fs();
        let pc = fs.emit_abc(OpCode::NewTable, 0, 0, 0)?;
        let mut t = ExpDesc::new(ExpKind::Relocable(pc));
        fs.exp_to_next_reg(&mut t)?;
        let ExpKind::NonReloc(reg) = t.kind else {
            return Err(fs.error("table not in a register"));
        };
        let mut cc = Constructor {
            pending: ExpDesc::new(ExpKind::Void),
            table: reg,
            hash_size: 0,
            array_size: 0,
            to_store: 0,
        };
        for field in &table.fields {
            self.close_list_field(&mut cc)?;
            match &field.kind {
                FieldKind::Positional(value) => {
                    cc.pending = self.expr(value)?;
                    cc.array_size += 1;
                    cc.to_store += 1;
                }
                FieldKind::Named {
                    name,
                    eq_line,
                    value,
                } => {
                    let k = self.fs().string_constant(&name.name)?;
                    self.set_line(name.line);
                    let key = ExpDesc::new(ExpKind::K(k));
                    self.record_field(&mut cc, key, *eq_line, value)?;
                }
                FieldKind::Keyed {
                    key,
                    close_line,
                    eq_line,
                    value,
                } => {
                    let free = self.fs().free_reg;
                    let mut k = self.expr(key)?;
                    self.fs().exp_to_val(&mut k)?;
                    self.set_line(*close_line);
                    self.record_field(&mut cc, k, *eq_line, value)?;
                    // The key's register, if any, is free again.
                    self.fs().free_reg = free;
                }
            }
            if let Some(separator) = field.separator {
                self.set_line(separator.line);
            }
        }
        self.set_line(table.close_line);
        self.last_list_field(&mut cc)?;
        let fs = self.fs();
        let sized = fs.code[pc as usize]
            .with_b(int2fb(cc.array_size))
            .with_c(int2fb(cc.hash_size));
        fs.code[pc as usize] = sized;
        Ok(t)
    }
    // ANCHOR_END: table_fn

    // ANCHOR: record_field
    /// `key = value` in a constructor (`recfield`).
    fn record_field(
        &mut self,
        cc: &mut Constructor,
        mut key: ExpDesc,
        eq_line: u32,
        value: &Expr,
    ) -> Result<(), LuaError> {
        let free = self.fs().free_reg;
        cc.hash_size += 1;
        self.set_line(eq_line);
        let rk_key = self.fs().exp_to_rk(&mut key)?;
        let mut v = self.expr(value)?;
        let fs = self.fs();
        let rk_value = fs.exp_to_rk(&mut v)?;
        fs.emit_abc(OpCode::SetTable, cc.table, rk_key, rk_value)?;
        fs.free_reg = free;
        Ok(())
    }
    // ANCHOR_END: record_field

    // ANCHOR: list_fields
    /// Before the next field: the pending item goes to its register, and
    /// 50 items waiting are stored (`closelistfield`).
    fn close_list_field(&mut self, cc: &mut Constructor) -> Result<(), LuaError> {
        if cc.pending.kind == ExpKind::Void {
            return Ok(());
        }
        let fs = self.fs();
        fs.exp_to_next_reg(&mut cc.pending)?;
        cc.pending = ExpDesc::new(ExpKind::Void);
        if cc.to_store == crate::instruction::LFIELDS_PER_FLUSH {
            fs.set_list(cc.table, cc.array_size, cc.to_store as i32)?;
            cc.to_store = 0;
        }
        Ok(())
    }

    /// After the last field: the items still waiting are stored, all the
    /// values of a final call or `...` among them (`lastlistfield`).
    fn last_list_field(&mut self, cc: &mut Constructor) -> Result<(), LuaError> {
        if cc.to_store == 0 {
            return Ok(());
        }
        let fs = self.fs();
        if cc.pending.has_multret() {
            fs.set_returns(&cc.pending, MULTRET)?;
            fs.set_list(cc.table, cc.array_size, MULTRET)?;
            cc.array_size -= 1;
        } else {
            if cc.pending.kind != ExpKind::Void {
                fs.exp_to_next_reg(&mut cc.pending)?;
            }
            fs.set_list(cc.table, cc.array_size, cc.to_store as i32)?;
        }
        Ok(())
    }
    // ANCHOR_END: list_fields
    // ANCHOR_END: table
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compiler::compile;
    use crate::listing::list_function;
    use pretty_assertions::assert_eq;

    /// The main function's instructions as `luac -l` lists them, with the
    /// tabs as single spaces.
    fn instructions(source: &str) -> Vec<String> {
        let main = compile(source.as_bytes(), "=t").unwrap();
        let mut main = main;
        main.protos.clear();
        list_function(&main, false)
            .lines()
            .skip(3)
            .map(|line| line.split_whitespace().collect::<Vec<_>>().join(" "))
            .collect()
    }

    /// Each listing below is `luac5.3 -l`'s for the same source.
    #[test]
    fn emits_what_luac_emits() {
        let cases: [(&str, &[&str]); 8] = [
            (
                "local a; local b; local c = nil",
                &["1 [1] LOADNIL 0 2", "2 [1] RETURN 0 1"],
            ),
            (
                "local a, b = f(), nil",
                &[
                    "1 [1] GETTABUP 0 0 -1 ; _ENV \"f\"",
                    "2 [1] CALL 0 1 2",
                    "3 [1] LOADNIL 1 0",
                    "4 [1] RETURN 0 1",
                ],
            ),
            (
                "x = x or {}",
                &[
                    "1 [1] GETTABUP 0 0 -1 ; _ENV \"x\"",
                    "2 [1] TEST 0 1",
                    "3 [1] JMP 0 1 ; to 5",
                    "4 [1] NEWTABLE 0 0 0",
                    "5 [1] SETTABUP 0 -1 0 ; _ENV \"x\"",
                    "6 [1] RETURN 0 1",
                ],
            ),
            (
                "local t, i, j; t[i], t[j] = t[j], t[i]",
                &[
                    "1 [1] LOADNIL 0 2",
                    "2 [1] GETTABLE 3 0 2",
                    "3 [1] GETTABLE 4 0 1",
                    "4 [1] SETTABLE 0 2 4",
                    "5 [1] SETTABLE 0 1 3",
                    "6 [1] RETURN 0 1",
                ],
            ),
            (
                "local a, i = {}, 1; a[i], i = 2, 3",
                &[
                    "1 [1] NEWTABLE 0 0 0",
                    "2 [1] LOADK 1 -1 ; 1",
                    "3 [1] MOVE 2 1",
                    "4 [1] LOADK 3 -2 ; 2",
                    "5 [1] LOADK 1 -3 ; 3",
                    "6 [1] SETTABLE 0 2 3",
                    "7 [1] RETURN 0 1",
                ],
            ),
            (
                "local x = 1 == 1",
                &[
                    "1 [1] EQ 1 -1 -1 ; 1 1",
                    "2 [1] JMP 0 1 ; to 4",
                    "3 [1] LOADBOOL 0 0 1",
                    "4 [1] LOADBOOL 0 1 0",
                    "5 [1] RETURN 0 1",
                ],
            ),
            (
                "return 1 // 0, 0/0, 1.0 - 1.0, 2^53, -0.0, 3 & 5.0",
                &[
                    "1 [1] IDIV 0 -2 -1 ; 1 0",
                    "2 [1] DIV 1 -1 -1 ; 0 0",
                    "3 [1] SUB 2 -3 -3 ; 1.0 1.0",
                    "4 [1] LOADK 3 -4 ; 9.007199254741e+15",
                    "5 [1] LOADK 4 -5 ; 0.0",
                    "6 [1] UNM 4 4",
                    "7 [1] LOADK 5 -2 ; 1",
                    "8 [1] RETURN 0 7",
                    "9 [1] RETURN 0 1",
                ],
            ),
            (
                "local a, b, c; return a and b or c",
                &[
                    "1 [1] LOADNIL 0 2",
                    "2 [1] TEST 0 0",
                    "3 [1] JMP 0 2 ; to 6",
                    "4 [1] TESTSET 3 1 1",
                    "5 [1] JMP 0 1 ; to 7",
                    "6 [1] MOVE 3 2",
                    "7 [1] RETURN 3 2",
                    "8 [1] RETURN 0 1",
                ],
            ),
        ];
        for (source, expected) in cases {
            assert_eq!(instructions(source), expected, "{source}");
        }
    }

    #[test]
    fn sizes_are_floating_point_bytes() {
        for (n, fb) in [
            (0, 0),
            (7, 7),
            (8, 8),
            (9, 9),
            (16, 16),
            (17, 17),
            (100, 37),
            (300, 50),
        ] {
            assert_eq!(int2fb(n), fb, "{n}");
            assert!(crate::vm::fb2int(int2fb(n)) >= n as usize);
        }
    }
}
