//! Scopes: what the parser must know about names to report what luac
//! reports while it parses. Which local variables are visible, how many a
//! function has, which names of enclosing functions a function captures
//! (its upvalues), and where each `goto` may jump.
//!
//! lparser.c keeps this in its `FuncState`, `BlockCnt` and `Dyndata`; the
//! checks here are its checks, made at the same moments, so that a chunk
//! with several errors is reported with the same first one.

use crate::error::LuaError;

use super::ast::Name;
use super::parser::Parser;

/// The most local variables one function may have in scope at once,
/// counting those a `local` statement is still declaring (`MAXVARS`).
const MAX_LOCALS: usize = 200;

/// The most upvalues one function may have (`MAXUPVAL`).
const MAX_UPVALUES: usize = 255;

// ANCHOR: function_scope
/// What the parser knows about one function it is inside.
pub struct FunctionScope {
    /// The line it is defined on; 0 for the main function.
    pub line: u32,
    pub is_vararg: bool,
    /// The names of its local variables, in the order they were declared:
    /// the active ones first, then those a `local` statement is declaring.
    locals: Vec<Vec<u8>>,
    /// How many of `locals` are active: visible to the code being parsed.
    active: usize,
    /// The names it captures from enclosing functions, in the order it
    /// first used them. The main function's only upvalue is `_ENV`.
    upvalues: Vec<Vec<u8>>,
    /// The blocks it is inside, innermost last.
    blocks: Vec<BlockScope>,
    /// The labels visible so far, of every block it is inside.
    labels: Vec<Label>,
    /// The `goto`s (and `break`s) that have not found their label yet.
    gotos: Vec<Label>,
}

/// A block the parser is inside.
struct BlockScope {
    /// How many locals were active when it began.
    active: usize,
    /// Where its labels and its pending gotos start in the function's lists.
    first_label: usize,
    first_goto: usize,
    /// Whether it is a loop, which a `break` leaves.
    is_loop: bool,
}

/// A label, or a `goto` waiting for one (a `break` is a `goto break`).
struct Label {
    name: Vec<u8>,
    line: u32,
    /// How many locals were active where it stands.
    active: usize,
}
// ANCHOR_END: function_scope

impl FunctionScope {
    /// A function's scope before its parameters: no local, no upvalue.
    pub fn new(line: u32, is_vararg: bool) -> FunctionScope {
        FunctionScope {
            line,
            is_vararg,
            locals: Vec::new(),
            active: 0,
            upvalues: Vec::new(),
            blocks: Vec::new(),
            labels: Vec::new(),
            gotos: Vec::new(),
        }
    }

    // ANCHOR: main_scope
    /// The main function: a vararg function whose one upvalue is `_ENV`.
    pub fn main() -> FunctionScope {
        let mut main = FunctionScope::new(0, true);
        main.upvalues.push(b"_ENV".to_vec());
        main
    }
    // ANCHOR_END: main_scope

    // ANCHOR: find_local
    /// The innermost active local named `name` (`searchvar`).
    fn find_local(&self, name: &[u8]) -> Option<usize> {
        self.locals[..self.active].iter().rposition(|n| n == name)
    }
    // ANCHOR_END: find_local
}

// ANCHOR: var
/// Where a name refers to: what `singlevaraux` finds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Var {
    /// The function's own local, by index among its active locals.
    Local(usize),
    /// One of the function's upvalues, by index.
    Upvalue(usize),
    /// No local or upvalue of that name: a field of `_ENV`.
    Global,
}
// ANCHOR_END: var

impl Parser<'_> {
    fn scope(&mut self) -> &mut FunctionScope {
        self.functions.last_mut().expect("inside a function")
    }

    // ANCHOR: locals
    /// Declares a local variable, not yet visible (`new_localvar`).
    pub(super) fn new_local(&mut self, name: &[u8]) -> Result<(), LuaError> {
        if self.scope().locals.len() + 1 > MAX_LOCALS {
            return Err(self.error_limit(MAX_LOCALS as u32, "local variables"));
        }
        self.scope().locals.push(name.to_vec());
        Ok(())
    }

    /// Makes the last `count` locals declared visible (`adjustlocalvars`):
    /// `local x = x` reads the outer `x`, because the new one becomes
    /// visible only after its value.
    pub(super) fn activate_locals(&mut self, count: usize) {
        self.scope().active += count;
    }
    // ANCHOR_END: locals

    // ANCHOR: resolve
    /// Finds what `name` refers to from the innermost function, creating
    /// the upvalues that reach it through every function in between.
    pub(super) fn resolve(&mut self, name: &[u8]) -> Result<Var, LuaError> {
        let innermost = self.functions.len() - 1;
        self.resolve_in(innermost, name)
    }

    /// `singlevaraux` on function `level`: a local of its own, an upvalue
    /// it already has, or, when an enclosing function has the name, a new
    /// upvalue.
    fn resolve_in(&mut self, level: usize, name: &[u8]) -> Result<Var, LuaError> {
        let function = &self.functions[level];
        if let Some(index) = function.find_local(name) {
            return Ok(Var::Local(index));
        }
        if let Some(index) = function.upvalues.iter().position(|n| n == name) {
            return Ok(Var::Upvalue(index));
        }
        if level == 0 || self.resolve_in(level - 1, name)? == Var::Global {
            return Ok(Var::Global);
        }
        let count = self.functions[level].upvalues.len();
        if count + 1 > MAX_UPVALUES {
            // The message names the function that has too many.
            let line = self.functions[level].line;
            return Err(self.error_limit_at(line, MAX_UPVALUES as u32, "upvalues"));
        }
        self.functions[level].upvalues.push(name.to_vec());
        Ok(Var::Upvalue(count))
    }

    /// Resolves a variable as `singlevar` does: a global name is looked up
    /// in `_ENV`, which must itself be resolved (it is a local or an
    /// upvalue: the main function has it as its first upvalue).
    pub(super) fn resolve_variable(&mut self, name: &Name) -> Result<(), LuaError> {
        if self.resolve(&name.name)? == Var::Global {
            self.resolve(b"_ENV")?;
        }
        Ok(())
    }
    // ANCHOR_END: resolve

    // ANCHOR: blocks
    // ANCHOR: enter_block
    /// Enters a block (`enterblock`).
    pub(super) fn enter_block(&mut self, is_loop: bool) {
        let scope = self.scope();
        let block = BlockScope {
            active: scope.active,
            first_label: scope.labels.len(),
            first_goto: scope.gotos.len(),
            is_loop,
        };
        scope.blocks.push(block);
    }
    // ANCHOR_END: enter_block

    // ANCHOR: leave_block_loop
    /// Leaves a block (`leaveblock`): its locals and labels go out of
    /// scope, a loop's `break`s find their label, and the gotos still
    /// pending move out to the enclosing block, where they may find a
    /// label already defined. At the end of a function, a goto still
    /// pending has no label it can see.
    pub(super) fn leave_block(&mut self) -> Result<(), LuaError> {
        let block = self.scope().blocks.pop().expect("inside a block");
        if block.is_loop {
            // The loop's end is a label named `break`.
            let label = Label {
                name: b"break".to_vec(),
                line: 0,
                active: self.scope().active,
            };
            self.scope().labels.push(label);
            let index = self.scope().labels.len() - 1;
            self.close_pending_gotos(index, block.first_goto)?;
        }
        // ANCHOR_END: leave_block_loop
        // ANCHOR: leave_block_scope
        let scope = self.scope();
        scope.locals.truncate(block.active);
        scope.active = block.active;
        scope.labels.truncate(block.first_label);
        if scope.blocks.is_empty() {
            if let Some(goto) = scope.gotos.get(block.first_goto) {
                let message = if goto.name == b"break" {
                    format!("<break> at line {} not inside a loop", goto.line)
                } else {
                    format!(
                        "no visible label '{}' for <goto> at line {}",
                        String::from_utf8_lossy(&goto.name),
                        goto.line
                    )
                };
                return Err(self.semantic_error(&message));
            }
            return Ok(());
        }
        // ANCHOR_END: leave_block_scope
        // ANCHOR: move_gotos_out
        // `movegotosout`: a goto leaving the block no longer sees its
        // locals, and may now match a label of the enclosing block.
        let mut i = block.first_goto;
        while i < self.scope().gotos.len() {
            let goto = &mut self.scope().gotos[i];
            goto.active = goto.active.min(block.active);
            if !self.close_with_visible_label(i)? {
                i += 1;
            }
        }
        Ok(())
    }
    // ANCHOR_END: move_gotos_out
    // ANCHOR_END: blocks

    // ANCHOR: gotos
    // ANCHOR: add_goto
    /// A `goto name` (or a `break`, with the name `break`) at `line`: it
    /// jumps back to a label of its block already defined, or waits for
    /// one (`gotostat`).
    pub(super) fn add_goto(&mut self, name: &[u8], line: u32) -> Result<(), LuaError> {
        let active = self.scope().active;
        self.scope().gotos.push(Label {
            name: name.to_vec(),
            line,
            active,
        });
        let last = self.scope().gotos.len() - 1;
        self.close_with_visible_label(last)?;
        Ok(())
    }

    /// Closes pending goto `index` if a label of the current block has its
    /// name (`findlabel`).
    fn close_with_visible_label(&mut self, index: usize) -> Result<bool, LuaError> {
        let scope = self.scope();
        let first = scope.blocks.last().map_or(0, |b| b.first_label);
        let name = &scope.gotos[index].name;
        match (first..scope.labels.len()).find(|&l| &scope.labels[l].name == name) {
            Some(label) => {
                self.close_goto(index, label)?;
                Ok(true)
            }
            None => Ok(false),
        }
    }
    // ANCHOR_END: add_goto

    // ANCHOR: labels
    /// Before a label `::name::` (`checkrepeated`): no other label of the
    /// current block may have its name.
    pub(super) fn check_repeated_label(&mut self, name: &[u8]) -> Result<(), LuaError> {
        let scope = self.scope();
        let first = scope.blocks.last().map_or(0, |b| b.first_label);
        if let Some(label) = scope.labels[first..].iter().find(|l| l.name == name) {
            let message = format!(
                "label '{}' already defined on line {}",
                String::from_utf8_lossy(name),
                label.line
            );
            return Err(self.semantic_error(&message));
        }
        Ok(())
    }

    /// Defines label `name` at `line`, where the locals active now are in
    /// scope (`newlabelentry`). Returns its index for `finish_label`.
    pub(super) fn add_label(&mut self, name: &[u8], line: u32) -> usize {
        let active = self.scope().active;
        self.scope().labels.push(Label {
            name: name.to_vec(),
            line,
            active,
        });
        self.scope().labels.len() - 1
    }

    /// Once the no-op statements after label `index` are read.
    /// `at_block_end` says whether its block ends there, in which case the
    /// block's locals count as gone already: a goto may jump to it past
    /// their declarations. Then the block's pending gotos with its name
    /// jump to it (`findgotos`).
    pub(super) fn finish_label(
        &mut self,
        index: usize,
        at_block_end: bool,
    ) -> Result<(), LuaError> {
        if at_block_end {
            let active = self.scope().blocks.last().map_or(0, |b| b.active);
            self.scope().labels[index].active = active;
        }
        let first_goto = self.scope().blocks.last().map_or(0, |b| b.first_goto);
        self.close_pending_gotos(index, first_goto)
    }
    // ANCHOR_END: labels

    // ANCHOR: close_goto
    /// Every pending goto from `first_goto` on that names label `label`
    /// jumps to it (`findgotos`).
    fn close_pending_gotos(&mut self, label: usize, first_goto: usize) -> Result<(), LuaError> {
        let mut i = first_goto;
        while i < self.scope().gotos.len() {
            let scope = self.scope();
            if scope.gotos[i].name == scope.labels[label].name {
                self.close_goto(i, label)?;
            } else {
                i += 1;
            }
        }
        Ok(())
    }

    /// Goto `index` jumps to `label`, and is no longer pending
    /// (`closegoto`). A goto may not jump forward into the scope of a
    /// local declared between the two.
    fn close_goto(&mut self, index: usize, label: usize) -> Result<(), LuaError> {
        let scope = self.scope();
        let goto = &scope.gotos[index];
        if goto.active < scope.labels[label].active {
            let message = format!(
                "<goto {}> at line {} jumps into the scope of local '{}'",
                String::from_utf8_lossy(&goto.name),
                goto.line,
                String::from_utf8_lossy(&scope.locals[goto.active])
            );
            return Err(self.semantic_error(&message));
        }
        scope.gotos.remove(index);
        Ok(())
    }
    // ANCHOR_END: close_goto
    // ANCHOR_END: gotos
}
