//! Scopes: which local variables are visible, which names of enclosing
//! functions a function captures (its upvalues), and where each `goto` may
//! jump.
//!
//! lparser.c keeps this in its `FuncState`, `BlockCnt` and `Dyndata`, and
//! uses it twice at once: to check the program (limits, labels) and to
//! generate code (registers, upvalue descriptors, jumps). Our compiler
//! parses first and generates afterwards, so both stages use this module,
//! the same code in the same order: the parser for the errors, at the
//! moments luac reports them, and the code generator for the rest. A
//! goto's jump is patched through [`Patch`]es, which the parser ignores.

// ANCHOR: types
/// The most local variables one function may have in scope at once,
/// counting those a `local` statement is still declaring (`MAXVARS`).
pub const MAX_LOCALS: usize = 200;

/// The most upvalues one function may have (`MAXUPVAL`).
pub const MAX_UPVALUES: usize = 255;

/// All the functions being compiled, innermost last.
pub struct Scopes {
    functions: Vec<FunctionScope>,
}

/// What is known about one function being compiled.
pub struct FunctionScope {
    /// The line it is defined on; 0 for the main function.
    pub line: u32,
    pub is_vararg: bool,
    /// Its local variables, in the order they were declared: the active
    /// ones first (local `i` lives in register `i`), then those a `local`
    /// statement is declaring.
    locals: Vec<Local>,
    /// How many of `locals` are active: visible to the code being read.
    active: usize,
    /// How many local variables it has declared in all: the index of the
    /// next one in its debug information.
    declared: usize,
    /// The names it captures, in the order it first used them.
    pub upvalues: Vec<UpvalueDesc>,
    /// The blocks it is inside, innermost last.
    blocks: Vec<BlockScope>,
    /// The labels visible so far, of every block it is inside.
    labels: Vec<Label>,
    /// The `goto`s (and `break`s) that have not found their label yet.
    gotos: Vec<Label>,
}

/// An active or declared local variable.
struct Local {
    name: Vec<u8>,
    /// Its index in the function's debug information (`LocVar`s).
    debug_index: usize,
}

// ANCHOR: upvalue_desc
/// Where a closure finds an upvalue when it is created: a register of the
/// enclosing function (`in_stack`) or one of its upvalues.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UpvalueDesc {
    pub name: Vec<u8>,
    pub in_stack: bool,
    pub index: u8,
}
// ANCHOR_END: upvalue_desc

/// A block being compiled.
struct BlockScope {
    /// How many locals were active when it began.
    active: usize,
    /// Where its labels and its pending gotos start in the function's lists.
    first_label: usize,
    first_goto: usize,
    /// Whether it is a loop, which a `break` leaves.
    is_loop: bool,
    /// Whether a closure captures one of its locals, so that leaving it
    /// must close upvalues.
    has_upvalue: bool,
}

/// A label, or a `goto` waiting for one (a `break` is a `goto break`).
struct Label {
    name: Vec<u8>,
    line: u32,
    /// How many locals were active where it stands.
    active: usize,
    /// A label's instruction index; a goto's list of jumps to patch.
    pc: i32,
}

/// What a name refers to (`singlevaraux`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Var {
    /// A local of the innermost function: its register.
    Local(usize),
    /// One of the innermost function's upvalues, by index.
    Upvalue(usize),
    /// No local or upvalue of that name: a field of `_ENV`.
    Global,
}

/// Why a program is refused, before the parser words it.
pub enum ScopeError {
    /// `too many local variables (limit is 200) in function at line 3`:
    /// the limit, what it counts, and the line of the function.
    Limit {
        function_line: u32,
        limit: usize,
        what: &'static str,
    },
    /// A message about labels, which names no token.
    Semantic(String),
}

// ANCHOR: patch
/// A change a goto's resolution makes to the code, which the code
/// generator applies and the parser ignores.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Patch {
    /// The jumps in `list` close the upvalues from register `level` on
    /// (`luaK_patchclose`).
    Close { list: i32, level: usize },
    /// The jumps in `list` go to `target` (`luaK_patchlist`).
    Jump { list: i32, target: i32 },
}
// ANCHOR_END: patch
// ANCHOR_END: types

impl FunctionScope {
    fn new(line: u32) -> FunctionScope {
        FunctionScope {
            line,
            is_vararg: false,
            locals: Vec::new(),
            active: 0,
            declared: 0,
            upvalues: Vec::new(),
            blocks: Vec::new(),
            labels: Vec::new(),
            gotos: Vec::new(),
        }
    }

    /// The innermost active local named `name` (`searchvar`).
    fn find_local(&self, name: &[u8]) -> Option<usize> {
        self.locals[..self.active]
            .iter()
            .rposition(|local| local.name == name)
    }

    // ANCHOR: mark_captured
    /// Marks the block where local `index` was declared as captured
    /// (`markupval`).
    fn mark_captured(&mut self, index: usize) {
        if let Some(block) = self.blocks.iter_mut().rev().find(|b| b.active <= index) {
            block.has_upvalue = true;
        }
    }
    // ANCHOR_END: mark_captured

    fn first_label(&self) -> usize {
        self.blocks.last().map_or(0, |b| b.first_label)
    }
}

impl Default for Scopes {
    fn default() -> Self {
        Scopes::new()
    }
}

impl Scopes {
    // ANCHOR: functions
    /// The main function's scope: a vararg function whose one upvalue is
    /// `_ENV`, found in register 0 of whoever loads the chunk.
    pub fn new() -> Scopes {
        let mut main = FunctionScope::new(0);
        main.is_vararg = true;
        main.upvalues.push(UpvalueDesc {
            name: b"_ENV".to_vec(),
            in_stack: true,
            index: 0,
        });
        Scopes {
            functions: vec![main],
        }
    }

    /// Enters a function defined on `line` (`open_func`).
    pub fn open_function(&mut self, line: u32) {
        self.functions.push(FunctionScope::new(line));
    }

    /// Leaves the innermost function and gives back its scope, whose
    /// upvalues its prototype lists.
    pub fn close_function(&mut self) -> Option<FunctionScope> {
        self.functions.pop()
    }

    pub fn current(&self) -> &FunctionScope {
        self.functions.last().expect("inside a function")
    }

    fn current_mut(&mut self) -> &mut FunctionScope {
        self.functions.last_mut().expect("inside a function")
    }

    pub fn set_vararg(&mut self) {
        self.current_mut().is_vararg = true;
    }

    /// How many locals are active: the first free register.
    pub fn active(&self) -> usize {
        self.current().active
    }
    // ANCHOR_END: functions

    // ANCHOR: locals
    /// Declares a local variable, not yet visible (`new_localvar`), and
    /// returns its index in the function's debug information.
    pub fn new_local(&mut self, name: &[u8]) -> Result<usize, ScopeError> {
        let scope = self.current_mut();
        let debug_index = scope.declared;
        scope.declared += 1;
        if scope.locals.len() + 1 > MAX_LOCALS {
            return Err(ScopeError::Limit {
                function_line: scope.line,
                limit: MAX_LOCALS,
                what: "local variables",
            });
        }
        scope.locals.push(Local {
            name: name.to_vec(),
            debug_index,
        });
        Ok(debug_index)
    }

    /// Makes the last `count` locals declared visible (`adjustlocalvars`),
    /// and returns their indices in the debug information, so that the
    /// code generator can note where their life starts. `local x = x`
    /// reads the outer `x`, because the new one becomes visible only after
    /// its value.
    pub fn activate_locals(&mut self, count: usize) -> Vec<usize> {
        let scope = self.current_mut();
        let first = scope.active;
        scope.active += count;
        scope.locals[first..scope.active]
            .iter()
            .map(|local| local.debug_index)
            .collect()
    }

    /// The debug index of the active local in `register`.
    pub fn debug_index(&self, register: usize) -> Option<usize> {
        self.current().locals.get(register).map(|l| l.debug_index)
    }
    // ANCHOR_END: locals

    // ANCHOR: resolve
    /// Finds what `name` refers to from the innermost function, creating
    /// the upvalues that reach it through every function in between.
    pub fn resolve(&mut self, name: &[u8]) -> Result<Var, ScopeError> {
        let innermost = self.functions.len() - 1;
        self.resolve_in(innermost, name, true)
    }

    /// `singlevaraux` on function `level`: a local of its own, an upvalue
    /// it already has, or, when an enclosing function has the name, a new
    /// upvalue. `base` is false when an inner function asks: the local it
    /// finds is then captured.
    fn resolve_in(&mut self, level: usize, name: &[u8], base: bool) -> Result<Var, ScopeError> {
        let function = &mut self.functions[level];
        if let Some(index) = function.find_local(name) {
            if !base {
                function.mark_captured(index);
            }
            return Ok(Var::Local(index));
        }
        if let Some(index) = function.upvalues.iter().position(|u| u.name == name) {
            return Ok(Var::Upvalue(index));
        }
        if level == 0 {
            return Ok(Var::Global);
        }
        let (in_stack, index) = match self.resolve_in(level - 1, name, false)? {
            Var::Global => return Ok(Var::Global),
            Var::Local(index) => (true, index),
            Var::Upvalue(index) => (false, index),
        };
        let function = &mut self.functions[level];
        if function.upvalues.len() + 1 > MAX_UPVALUES {
            // The message names the function that has too many.
            return Err(ScopeError::Limit {
                function_line: function.line,
                limit: MAX_UPVALUES,
                what: "upvalues",
            });
        }
        function.upvalues.push(UpvalueDesc {
            name: name.to_vec(),
            in_stack,
            index: index as u8,
        });
        Ok(Var::Upvalue(function.upvalues.len() - 1))
    }
    // ANCHOR_END: resolve

    // ANCHOR: blocks
    /// Enters a block (`enterblock`).
    pub fn enter_block(&mut self, is_loop: bool) {
        let scope = self.current_mut();
        let block = BlockScope {
            active: scope.active,
            first_label: scope.labels.len(),
            first_goto: scope.gotos.len(),
            is_loop,
            has_upvalue: false,
        };
        scope.blocks.push(block);
    }

    // ANCHOR: block_close
    /// Whether leaving the innermost block must close upvalues: it is not
    /// a function's outermost block (whose RETURN closes them), and a
    /// closure captures one of its locals.
    pub fn block_needs_close(&self) -> bool {
        let scope = self.current();
        scope.blocks.len() > 1 && scope.blocks.last().is_some_and(|b| b.has_upvalue)
    }

    /// Whether a closure captures a local of the innermost block.
    pub fn block_has_upvalue(&self) -> bool {
        self.current().blocks.last().is_some_and(|b| b.has_upvalue)
    }

    /// How many locals were active when the innermost block began: the
    /// first register of its own locals.
    pub fn block_start(&self) -> usize {
        self.current().blocks.last().map_or(0, |b| b.active)
    }
    // ANCHOR_END: block_close

    /// Leaves a block (`leaveblock`) at instruction `pc`: its locals and
    /// labels go out of scope, a loop's `break`s find their label, and the
    /// gotos still pending move out to the enclosing block, where they may
    /// find a label already defined. At the end of a function, a goto
    /// still pending has no label it can see. Returns the debug indices of
    /// the locals whose life ends here.
    pub fn leave_block(
        &mut self,
        pc: i32,
        patches: &mut Vec<Patch>,
    ) -> Result<Vec<usize>, ScopeError> {
        let scope = self.current_mut();
        let block = scope.blocks.pop().expect("inside a block");
        if block.is_loop {
            // The loop's end is a label named `break`.
            let label = Label {
                name: b"break".to_vec(),
                line: 0,
                active: scope.active,
                pc,
            };
            scope.labels.push(label);
            let index = scope.labels.len() - 1;
            self.close_pending_gotos(index, block.first_goto, patches)?;
        }
        let scope = self.current_mut();
        let ended = scope.locals[block.active..scope.active]
            .iter()
            .map(|local| local.debug_index)
            .collect();
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
                return Err(ScopeError::Semantic(message));
            }
            return Ok(ended);
        }
        // ANCHOR: move_gotos_out
        // `movegotosout`: a goto leaving the block no longer sees its
        // locals (and must close them if they were captured), and may now
        // match a label of the enclosing block.
        let mut i = block.first_goto;
        while i < self.current().gotos.len() {
            let goto = &mut self.current_mut().gotos[i];
            if goto.active > block.active {
                if block.has_upvalue {
                    patches.push(Patch::Close {
                        list: goto.pc,
                        level: block.active,
                    });
                }
                goto.active = block.active;
            }
            if !self.close_with_visible_label(i, patches)? {
                i += 1;
            }
        }
        Ok(ended)
        // ANCHOR_END: move_gotos_out
    }
    // ANCHOR_END: blocks

    // ANCHOR: gotos
    /// A `goto name` (or a `break`, with the name `break`) at `line`, whose
    /// jumps are the list at `pc`: it jumps back to a label of its block
    /// already defined, or waits for one (`gotostat`).
    pub fn add_goto(
        &mut self,
        name: &[u8],
        line: u32,
        pc: i32,
        patches: &mut Vec<Patch>,
    ) -> Result<(), ScopeError> {
        let scope = self.current_mut();
        let active = scope.active;
        scope.gotos.push(Label {
            name: name.to_vec(),
            line,
            active,
            pc,
        });
        let last = scope.gotos.len() - 1;
        self.close_with_visible_label(last, patches)?;
        Ok(())
    }

    // ANCHOR: close_with_label
    /// Closes pending goto `index` if a label of the current block has its
    /// name (`findlabel`). A backward jump out of the scope of locals
    /// closes their upvalues.
    fn close_with_visible_label(
        &mut self,
        index: usize,
        patches: &mut Vec<Patch>,
    ) -> Result<bool, ScopeError> {
        let scope = self.current();
        let goto = &scope.gotos[index];
        let Some(label) =
            (scope.first_label()..scope.labels.len()).find(|&l| scope.labels[l].name == goto.name)
        else {
            return Ok(false);
        };
        let level = scope.labels[label].active;
        if goto.active > level {
            patches.push(Patch::Close {
                list: goto.pc,
                level,
            });
        }
        self.close_goto(index, label, patches)?;
        Ok(true)
    }
    // ANCHOR_END: close_with_label

    /// Before a label `::name::` (`checkrepeated`): no other label of the
    /// current block may have its name.
    pub fn check_repeated_label(&self, name: &[u8]) -> Result<(), ScopeError> {
        let scope = self.current();
        match scope.labels[scope.first_label()..]
            .iter()
            .find(|l| l.name == name)
        {
            Some(label) => Err(ScopeError::Semantic(format!(
                "label '{}' already defined on line {}",
                String::from_utf8_lossy(name),
                label.line
            ))),
            None => Ok(()),
        }
    }

    /// Defines label `name` at `line`, for instruction `pc`, where the
    /// locals active now are in scope (`newlabelentry`). Returns its index
    /// for `finish_label`.
    pub fn add_label(&mut self, name: &[u8], line: u32, pc: i32) -> usize {
        let scope = self.current_mut();
        let active = scope.active;
        scope.labels.push(Label {
            name: name.to_vec(),
            line,
            active,
            pc,
        });
        scope.labels.len() - 1
    }

    /// Once the no-op statements after label `index` are read.
    /// `at_block_end` says whether its block ends there, in which case the
    /// block's locals count as gone already: a goto may jump to it past
    /// their declarations. Then the block's pending gotos with its name
    /// jump to it (`findgotos`).
    pub fn finish_label(
        &mut self,
        index: usize,
        at_block_end: bool,
        patches: &mut Vec<Patch>,
    ) -> Result<(), ScopeError> {
        let scope = self.current_mut();
        if at_block_end {
            scope.labels[index].active = scope.blocks.last().map_or(0, |b| b.active);
        }
        let first_goto = scope.blocks.last().map_or(0, |b| b.first_goto);
        self.close_pending_gotos(index, first_goto, patches)
    }

    /// Every pending goto from `first_goto` on that names label `label`
    /// jumps to it (`findgotos`).
    fn close_pending_gotos(
        &mut self,
        label: usize,
        first_goto: usize,
        patches: &mut Vec<Patch>,
    ) -> Result<(), ScopeError> {
        let mut i = first_goto;
        while i < self.current().gotos.len() {
            let scope = self.current();
            if scope.gotos[i].name == scope.labels[label].name {
                self.close_goto(i, label, patches)?;
            } else {
                i += 1;
            }
        }
        Ok(())
    }

    // ANCHOR: close_goto
    /// Goto `index` jumps to `label`, and is no longer pending
    /// (`closegoto`). A goto may not jump forward into the scope of a
    /// local declared between the two.
    fn close_goto(
        &mut self,
        index: usize,
        label: usize,
        patches: &mut Vec<Patch>,
    ) -> Result<(), ScopeError> {
        let scope = self.current_mut();
        let goto = &scope.gotos[index];
        let label = &scope.labels[label];
        if goto.active < label.active {
            return Err(ScopeError::Semantic(format!(
                "<goto {}> at line {} jumps into the scope of local '{}'",
                String::from_utf8_lossy(&goto.name),
                goto.line,
                String::from_utf8_lossy(&scope.locals[goto.active].name)
            )));
        }
        patches.push(Patch::Jump {
            list: goto.pc,
            target: label.pc,
        });
        scope.gotos.remove(index);
        Ok(())
    }
    // ANCHOR_END: close_goto
    // ANCHOR_END: gotos
}
