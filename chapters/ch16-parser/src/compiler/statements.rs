//! Statements and blocks: the half of the grammar that chapter 15 left
//! out, in the order lparser.c reads it, with the scopes each statement
//! opens and closes.

use crate::error::LuaError;

use super::ast::{Block, Expr, ExprList, Function, FunctionName, IfClause, Name, Stat};
use super::parser::{MAX_LEVELS, Parser};
use super::scope::FunctionScope;
use super::token::Token;

impl Parser<'_> {
    // ANCHOR: block
    /// Whether the current token ends a block. `until` ends a block but
    /// not its scope, so some callers do not count it.
    pub(super) fn block_follow(&self, with_until: bool) -> bool {
        match self.token {
            Token::Else | Token::Elseif | Token::End | Token::Eof => true,
            Token::Until => with_until,
            _ => false,
        }
    }

    /// Statements up to a token that ends a block (`statlist`). A `return`
    /// must be the last of them.
    pub(super) fn statements(&mut self) -> Result<Block, LuaError> {
        let mut stats = Vec::new();
        while !self.block_follow(true) {
            let is_return = self.token == Token::Return;
            self.statement(&mut stats)?;
            if is_return {
                break;
            }
        }
        Ok(Block {
            stats,
            end_line: self.last_line,
        })
    }

    /// A block with a scope of its own (`block`).
    fn block(&mut self) -> Result<Block, LuaError> {
        self.enter_block(false);
        let block = self.statements()?;
        self.leave_block()?;
        Ok(block)
    }
    // ANCHOR_END: block

    // ANCHOR: statement
    /// One statement, pushed onto `stats`. A label reads the no-op
    /// statements after it too, so it may push several.
    fn statement(&mut self, stats: &mut Vec<Stat>) -> Result<(), LuaError> {
        let line = self.line();
        self.enter_level()?;
        let stat = match self.token {
            Token::Char(b';') => {
                self.advance()?;
                Stat::Empty { line }
            }
            Token::If => self.if_stat(line)?,
            Token::While => self.while_stat(line)?,
            Token::Do => {
                self.advance()?;
                let body = self.block()?;
                let end_line = self.line();
                self.check_match(&Token::End, &Token::Do, line)?;
                Stat::Do {
                    line,
                    body,
                    end_line,
                }
            }
            Token::For => self.for_stat(line)?,
            Token::Repeat => self.repeat_stat(line)?,
            Token::Function => self.function_stat(line)?,
            Token::Local => {
                self.advance()?;
                if self.test_next(&Token::Function)? {
                    self.local_function()?
                } else {
                    self.local_stat()?
                }
            }
            Token::DbColon => {
                self.advance()?;
                let label = self.check_name()?;
                return self.label_stat(label, line, stats);
            }
            Token::Return => {
                self.advance()?;
                self.return_stat(line)?
            }
            Token::Break | Token::Goto => self.goto_stat()?,
            _ => self.expr_stat()?,
        };
        stats.push(stat);
        self.leave_level();
        Ok(())
    }
    // ANCHOR_END: statement

    // ANCHOR: if_stat
    // ANCHOR: if_stat_fn
    /// `if cond then block {elseif cond then block} [else block] end`.
    fn if_stat(&mut self, line: u32) -> Result<Stat, LuaError> {
        let mut clauses = vec![self.test_then_block()?];
        while self.token == Token::Elseif {
            clauses.push(self.test_then_block()?);
        }
        let else_block = if self.test_next(&Token::Else)? {
            Some(self.block()?)
        } else {
            None
        };
        let end_line = self.line();
        self.check_match(&Token::End, &Token::If, line)?;
        Ok(Stat::If {
            clauses,
            else_block,
            end_line,
        })
    }
    // ANCHOR_END: if_stat_fn

    // ANCHOR: test_then_block
    /// `if cond then block` or `elseif cond then block`. A block that
    /// starts with `goto` or `break` is read as luac reads it, the jump
    /// first and the `;` after it skipped, because luac compiles that case
    /// into a single conditional jump.
    fn test_then_block(&mut self) -> Result<IfClause, LuaError> {
        let line = self.line();
        self.advance()?;
        let cond = self.expr()?;
        let then_line = self.line();
        self.check_next(&Token::Then)?;
        self.enter_block(false);
        let body = if matches!(self.token, Token::Goto | Token::Break) {
            let mut stats = vec![self.goto_stat()?];
            while self.token == Token::Char(b';') {
                stats.push(Stat::Empty { line: self.line() });
                self.advance()?;
            }
            if !self.block_follow(false) {
                stats.extend(self.statements()?.stats);
            }
            Block {
                stats,
                end_line: self.last_line,
            }
        } else {
            self.statements()?
        };
        self.leave_block()?;
        Ok(IfClause {
            line,
            cond,
            then_line,
            body,
        })
    }
    // ANCHOR_END: test_then_block
    // ANCHOR_END: if_stat

    // ANCHOR: loops
    // ANCHOR: while_repeat
    /// `while cond do block end`.
    fn while_stat(&mut self, line: u32) -> Result<Stat, LuaError> {
        self.advance()?;
        let cond = self.expr()?;
        self.enter_block(true);
        self.check_next(&Token::Do)?;
        let body = self.block()?;
        let end_line = self.line();
        self.check_match(&Token::End, &Token::While, line)?;
        self.leave_block()?;
        Ok(Stat::While {
            line,
            cond,
            body,
            end_line,
        })
    }

    /// `repeat block until cond`: the condition is inside the block's
    /// scope, so it sees the block's locals.
    fn repeat_stat(&mut self, line: u32) -> Result<Stat, LuaError> {
        self.enter_block(true); // the loop
        self.enter_block(false); // the scope
        self.advance()?;
        let body = self.statements()?;
        self.check_match(&Token::Until, &Token::Repeat, line)?;
        let cond = self.expr()?;
        self.leave_block()?;
        self.leave_block()?;
        Ok(Stat::Repeat { line, body, cond })
    }
    // ANCHOR_END: while_repeat

    // ANCHOR: for_stat
    /// `for name = ...` or `for names in ...`. The loop's hidden control
    /// variables are locals, declared before the loop's own, as luac
    /// declares them (they count towards the limit of 200).
    fn for_stat(&mut self, line: u32) -> Result<Stat, LuaError> {
        self.enter_block(true);
        self.advance()?;
        let var = self.check_name()?;
        let stat = match self.token {
            Token::Char(b'=') => self.numeric_for(line, var)?,
            Token::Char(b',') | Token::In => self.generic_for(line, var)?,
            _ => return Err(self.error("'=' or 'in' expected")),
        };
        self.leave_block()?;
        Ok(stat)
    }
    // ANCHOR_END: for_stat

    // ANCHOR: numeric_for
    fn numeric_for(&mut self, line: u32, var: Name) -> Result<Stat, LuaError> {
        for hidden in ["(for index)", "(for limit)", "(for step)"] {
            self.new_local(hidden.as_bytes())?;
        }
        self.new_local(&var.name)?;
        self.check_next(&Token::Char(b'='))?;
        let start = Box::new(self.expr()?);
        self.check_next(&Token::Char(b','))?;
        let limit = Box::new(self.expr()?);
        let step = if self.test_next(&Token::Char(b','))? {
            Some(Box::new(self.expr()?))
        } else {
            None
        };
        let (do_line, body, end_line) = self.for_body(line, 1)?;
        Ok(Stat::NumericFor {
            line,
            var,
            start,
            limit,
            step,
            do_line,
            body,
            end_line,
        })
    }
    // ANCHOR_END: numeric_for

    // ANCHOR: generic_for
    fn generic_for(&mut self, line: u32, first: Name) -> Result<Stat, LuaError> {
        for hidden in ["(for generator)", "(for state)", "(for control)"] {
            self.new_local(hidden.as_bytes())?;
        }
        self.new_local(&first.name)?;
        let mut names = vec![first];
        while self.test_next(&Token::Char(b','))? {
            let name = self.check_name()?;
            self.new_local(&name.name)?;
            names.push(name);
        }
        self.check_next(&Token::In)?;
        let call_line = self.line();
        let values = self.expr_list()?;
        let (do_line, body, end_line) = self.for_body(line, names.len())?;
        Ok(Stat::GenericFor {
            line,
            names,
            values,
            call_line,
            do_line,
            body,
            end_line,
        })
    }
    // ANCHOR_END: generic_for

    // ANCHOR: for_body
    /// `do block end` of a `for`: the control variables become visible,
    /// then the loop's own in a scope of their own (`forbody`). Returns
    /// the lines of the `do` and of the `end` with the block.
    fn for_body(&mut self, line: u32, vars: usize) -> Result<(u32, Block, u32), LuaError> {
        self.activate_locals(3);
        let do_line = self.line();
        self.check_next(&Token::Do)?;
        self.enter_block(false);
        self.activate_locals(vars);
        let body = self.block()?;
        self.leave_block()?;
        let end_line = self.line();
        self.check_match(&Token::End, &Token::For, line)?;
        Ok((do_line, body, end_line))
    }
    // ANCHOR_END: for_body
    // ANCHOR_END: loops

    // ANCHOR: functions
    // ANCHOR: function_stat
    /// `function a.b.c:m body`. The name is resolved like any variable;
    /// the definition happens on the line of the `function` keyword.
    fn function_stat(&mut self, line: u32) -> Result<Stat, LuaError> {
        self.advance()?;
        let first = self.check_name()?;
        self.resolve_variable(&first)?;
        let mut name = FunctionName {
            path: vec![first],
            method: None,
        };
        while self.test_next(&Token::Char(b'.'))? {
            name.path.push(self.check_name()?);
        }
        if self.test_next(&Token::Char(b':'))? {
            name.method = Some(self.check_name()?);
        }
        let function = self.body(line, name.method.is_some())?;
        Ok(Stat::Function {
            line,
            name,
            function,
        })
    }
    // ANCHOR_END: function_stat

    // ANCHOR: local_function
    /// `local function name body`: the name is visible inside the body,
    /// so the function can call itself.
    fn local_function(&mut self) -> Result<Stat, LuaError> {
        let name = self.check_name()?;
        self.new_local(&name.name)?;
        self.activate_locals(1);
        let line = self.line();
        let function = self.body(line, false)?;
        Ok(Stat::LocalFunction { name, function })
    }
    // ANCHOR_END: local_function

    // ANCHOR: body
    /// A function body, after `function` and any name: a function scope of
    /// its own, the parameters (with `self` first for a method), the
    /// block and `end`. `line` is where it is defined.
    pub(super) fn body(&mut self, line: u32, is_method: bool) -> Result<Function, LuaError> {
        self.functions.push(FunctionScope::new(line, false));
        self.enter_block(false);
        self.check_next(&Token::Char(b'('))?;
        if is_method {
            self.new_local(b"self")?;
            self.activate_locals(1);
        }
        let mut params = Vec::new();
        let mut is_vararg = false;
        if self.token != Token::Char(b')') {
            loop {
                match self.token {
                    Token::Name(_) => {
                        let param = self.check_name()?;
                        self.new_local(&param.name)?;
                        params.push(param);
                    }
                    Token::Dots => {
                        self.advance()?;
                        is_vararg = true;
                    }
                    _ => return Err(self.error("<name> or '...' expected")),
                }
                if is_vararg || !self.test_next(&Token::Char(b','))? {
                    break;
                }
            }
        }
        self.activate_locals(params.len());
        self.functions.last_mut().expect("just pushed").is_vararg = is_vararg;
        self.check_next(&Token::Char(b')'))?;
        let body = self.statements()?;
        let end_line = self.line();
        self.check_match(&Token::End, &Token::Function, line)?;
        self.leave_block()?;
        self.functions.pop();
        Ok(Function {
            line,
            params,
            is_vararg,
            body,
            end_line,
        })
    }
    // ANCHOR_END: body
    // ANCHOR_END: functions

    // ANCHOR: local_stat
    /// `local names [= values]`: the names become visible after the
    /// values.
    fn local_stat(&mut self) -> Result<Stat, LuaError> {
        let mut names = Vec::new();
        loop {
            let name = self.check_name()?;
            self.new_local(&name.name)?;
            names.push(name);
            if !self.test_next(&Token::Char(b','))? {
                break;
            }
        }
        let values = if self.test_next(&Token::Char(b'='))? {
            Some(self.expr_list()?)
        } else {
            None
        };
        self.activate_locals(names.len());
        Ok(Stat::Local { names, values })
    }
    // ANCHOR_END: local_stat

    // ANCHOR: expr_stat
    /// A call or an assignment: both start with a suffixed expression, and
    /// only the token after it tells them apart (`exprstat`).
    fn expr_stat(&mut self) -> Result<Stat, LuaError> {
        let first = self.suffixed_expr()?;
        if !matches!(self.token, Token::Char(b'=' | b',')) {
            if !matches!(first, Expr::Call { .. } | Expr::MethodCall { .. }) {
                return Err(self.error("syntax error"));
            }
            return Ok(Stat::Call(first));
        }
        // Each target must be a variable, which the token after it shows:
        // `f() = 1` and `(a) = 1` are refused at the `=`.
        let mut targets = vec![first];
        loop {
            let last = targets.last().expect("one target at least");
            if !matches!(
                last,
                Expr::Name(_) | Expr::Index { .. } | Expr::Field { .. }
            ) {
                return Err(self.error("syntax error"));
            }
            if !self.test_next(&Token::Char(b','))? {
                break;
            }
            let target = self.suffixed_expr()?;
            // luac reads the targets by recursion, one C level each.
            if targets.len() as u32 + self.levels > MAX_LEVELS {
                return Err(self.error_limit(MAX_LEVELS, "C levels"));
            }
            targets.push(target);
        }
        self.check_next(&Token::Char(b'='))?;
        let values = self.expr_list()?;
        Ok(Stat::Assign { targets, values })
    }
    // ANCHOR_END: expr_stat

    // ANCHOR: return_stat
    /// `return [values] [;]`, the last statement of its block.
    fn return_stat(&mut self, line: u32) -> Result<Stat, LuaError> {
        let values = if self.block_follow(true) || self.token == Token::Char(b';') {
            ExprList {
                exprs: Vec::new(),
                comma_lines: Vec::new(),
            }
        } else {
            self.expr_list()?
        };
        let semicolon_line = if self.token == Token::Char(b';') {
            let line = self.line();
            self.advance()?;
            Some(line)
        } else {
            None
        };
        Ok(Stat::Return {
            line,
            values,
            semicolon_line,
        })
    }
    // ANCHOR_END: return_stat

    // ANCHOR: goto_stat
    // ANCHOR: goto_fn
    /// `goto name` or `break` (a `goto` to the loop's end).
    fn goto_stat(&mut self) -> Result<Stat, LuaError> {
        let line = self.line();
        let line_before = self.last_line;
        if self.test_next(&Token::Goto)? {
            let label = self.check_name()?;
            self.add_goto(&label.name, line)?;
            Ok(Stat::Goto {
                line,
                line_before,
                label,
            })
        } else {
            self.advance()?;
            self.add_goto(b"break", line)?;
            Ok(Stat::Break { line, line_before })
        }
    }
    // ANCHOR_END: goto_fn

    // ANCHOR: label_stat
    /// `::name::`, and the no-op statements after it (`;` and other
    /// labels), which decide whether the label ends its block.
    fn label_stat(
        &mut self,
        label: Name,
        line: u32,
        stats: &mut Vec<Stat>,
    ) -> Result<(), LuaError> {
        self.check_repeated_label(&label.name)?;
        let end_line = self.line();
        self.check_next(&Token::DbColon)?;
        let index = self.add_label(&label.name, line);
        stats.push(Stat::Label {
            line,
            label,
            end_line,
        });
        while matches!(self.token, Token::Char(b';') | Token::DbColon) {
            self.statement(stats)?;
        }
        let at_block_end = self.block_follow(false);
        self.finish_label(index, at_block_end)?;
        self.leave_level();
        Ok(())
    }
    // ANCHOR_END: label_stat
    // ANCHOR_END: goto_stat
}

#[cfg(test)]
mod tests {
    use crate::compiler::parser::parse;
    use crate::compiler::printer::chunk_to_source;
    use pretty_assertions::assert_eq;

    fn error(source: &str) -> String {
        parse(source.as_bytes(), "=t").unwrap_err().message()
    }

    fn printed(source: &str) -> String {
        chunk_to_source(&parse(source.as_bytes(), "=t").unwrap())
    }

    #[test]
    fn statements_print_back_as_written() {
        assert_eq!(
            printed("local a, b = 1 a, b = b, a if a then elseif b then else end"),
            "local a, b = 1\na, b = b, a\nif a then\nelseif b then\nelse\nend\n"
        );
        assert_eq!(
            printed("function a.b:c(x, ...) return x, ...; end"),
            "function a.b:c(x, ...)\n  return x, ...;\nend\n"
        );
        assert_eq!(
            printed("for i = 1, 2 do ::l:: goto l end repeat break until 1"),
            "for i = 1, 2 do\n  ::l::\n  goto l\nend\nrepeat\n  break\nuntil 1\n"
        );
    }

    #[test]
    fn errors_are_worded_as_luac_words_them() {
        // Each message checked with `luac5.3 -p`.
        let cases = [
            ("x = = 1", "t:1: unexpected symbol near '='"),
            ("local 1 = 2", "t:1: <name> expected near '1'"),
            ("for i do end", "t:1: '=' or 'in' expected near 'do'"),
            ("a:b = 1", "t:1: function arguments expected near '='"),
            ("x, y() = 1, 2", "t:1: syntax error near '='"),
            ("(a) = 1", "t:1: syntax error near '='"),
            ("return 1 print(2)", "t:1: <eof> expected near 'print'"),
            (
                "function f()\n  local x = 1\n\n",
                "t:4: 'end' expected (to close 'function' at line 1) near <eof>",
            ),
            (
                "if x then\n\n",
                "t:3: 'end' expected (to close 'if' at line 1) near <eof>",
            ),
            ("while x print(1) end", "t:1: 'do' expected near 'print'"),
            (
                "repeat x = 1\n",
                "t:2: 'until' expected (to close 'repeat' at line 1) near <eof>",
            ),
            (
                "f = function() return ... end",
                "t:1: cannot use '...' outside a vararg function near '...'",
            ),
        ];
        for (source, message) in cases {
            assert_eq!(error(source), message, "{source:?}");
        }
    }

    #[test]
    fn gotos_see_labels_as_luac_sees_them() {
        // Each message checked with `luac5.3 -p`.
        let cases = [
            (
                "goto nowhere",
                "t:1: no visible label 'nowhere' for <goto> at line 1",
            ),
            (
                "do local a ::l:: end goto l",
                "t:1: no visible label 'l' for <goto> at line 1",
            ),
            (
                "goto l; local a; ::l:: print(a)",
                "t:1: <goto l> at line 1 jumps into the scope of local 'a'",
            ),
            ("::a:: ::a::", "t:1: label 'a' already defined on line 1"),
            ("break", "t:1: <break> at line 1 not inside a loop"),
            (
                "function f()\ngoto x\nend\n\nprint(1)",
                "t:5: no visible label 'x' for <goto> at line 2",
            ),
        ];
        for (source, message) in cases {
            assert_eq!(error(source), message, "{source:?}");
        }
        // A label at the end of its block is past its locals; an enclosing
        // block's label is visible; `until` still sees the body's locals.
        for source in [
            "goto l; local a; ::l::",
            "do goto l end ::l::",
            "::top:: do goto top end",
            "::a:: do ::a:: end",
            "while x do break end",
            "repeat local x; goto l; ::l:: until x",
        ] {
            assert!(parse(source.as_bytes(), "=t").is_ok(), "{source}");
        }
        assert_eq!(
            error("repeat goto l; local y; ::l:: until y"),
            "t:1: <goto l> at line 1 jumps into the scope of local 'y'"
        );
    }

    #[test]
    fn limits_are_luacs() {
        let locals = format!(
            "local {} = 1",
            (0..201)
                .map(|i| format!("v{i}"))
                .collect::<Vec<_>>()
                .join(", ")
        );
        assert_eq!(
            error(&locals),
            "t:1: too many local variables (limit is 200) in main function near '='"
        );
        let params = format!(
            "function f({}) end",
            (0..201)
                .map(|i| format!("p{i}"))
                .collect::<Vec<_>>()
                .join(", ")
        );
        assert_eq!(
            error(&params),
            "t:1: too many local variables (limit is 200) in function at line 1 near ')'"
        );
        let targets = format!(
            "{} = 1",
            (0..300)
                .map(|i| format!("a{i}"))
                .collect::<Vec<_>>()
                .join(", ")
        );
        assert_eq!(
            error(&targets),
            "t:1: too many C levels (limit is 200) in main function near ','"
        );
        let blocks = format!("{}{}", "do ".repeat(300), "end ".repeat(300));
        assert_eq!(
            error(&blocks),
            "t:1: too many C levels (limit is 200) in main function near 'do'"
        );
        let scoped: String = (0..300).map(|i| format!("do local v{i} end\n")).collect();
        assert!(
            parse(scoped.as_bytes(), "=t").is_ok(),
            "locals leave with their block"
        );
    }
}
