//! The parser: tokens in, a syntax tree out, by recursive descent in the
//! order lparser.c reads them, with its error messages word for word.
//!
//! This file holds the parser's state, its error messages, and the
//! expressions, with lparser.c's table of operator priorities; the
//! statements are in `statements.rs`, and what the parser knows about
//! names and scopes in `scope.rs`.

use crate::error::LuaError;

use super::ast::{
    Args, BinaryOp, Chunk, Expr, ExprList, Field, FieldKind, Name, Separator, Table, UnaryOp,
};
use super::lexer::Lexer;
use super::scope::{Patch, ScopeError, Scopes, Var};
use super::token::Token;

// ANCHOR: priorities
/// The priority of a unary operator: above every binary one but `^`.
const UNARY_PRIORITY: u8 = 12;

/// The left and right priorities of each binary operator (lparser.c's
/// `priority` table). An operator whose right priority is lower than its
/// left one is right-associative: `..` and `^`.
fn priority(op: BinaryOp) -> (u8, u8) {
    use BinaryOp::*;
    match op {
        Or => (1, 1),
        And => (2, 2),
        Lt | Gt | Le | Ge | Ne | Eq => (3, 3),
        BOr => (4, 4),
        BXor => (5, 5),
        BAnd => (6, 6),
        Shl | Shr => (7, 7),
        Concat => (9, 8),
        Add | Sub => (10, 10),
        Mul | Div | IDiv | Mod => (11, 11),
        Pow => (14, 13),
    }
}

/// The binary operator a token stands for, if any.
fn binary_op(token: &Token) -> Option<BinaryOp> {
    use BinaryOp::*;
    Some(match token {
        Token::Char(b'+') => Add,
        Token::Char(b'-') => Sub,
        Token::Char(b'*') => Mul,
        Token::Char(b'%') => Mod,
        Token::Char(b'^') => Pow,
        Token::Char(b'/') => Div,
        Token::IDiv => IDiv,
        Token::Char(b'&') => BAnd,
        Token::Char(b'|') => BOr,
        Token::Char(b'~') => BXor,
        Token::Shl => Shl,
        Token::Shr => Shr,
        Token::Concat => Concat,
        Token::Ne => Ne,
        Token::Eq => Eq,
        Token::Char(b'<') => Lt,
        Token::Le => Le,
        Token::Char(b'>') => Gt,
        Token::Ge => Ge,
        Token::And => And,
        Token::Or => Or,
        _ => return None,
    })
}

fn unary_op(token: &Token) -> Option<UnaryOp> {
    Some(match token {
        Token::Not => UnaryOp::Not,
        Token::Char(b'-') => UnaryOp::Minus,
        Token::Char(b'~') => UnaryOp::BNot,
        Token::Char(b'#') => UnaryOp::Len,
        _ => return None,
    })
}
// ANCHOR_END: priorities

/// How deeply the parser may nest expressions and statements inside one
/// another (`LUAI_MAXCCALLS`). luac counts one level already in use when
/// it starts parsing: the C function that called the parser.
pub(super) const MAX_LEVELS: u32 = 200;

/// The stack the parser and the code generator need for 200 levels of
/// nesting, with room to spare (they need under 2 MiB in a debug build).
pub const PARSER_STACK: usize = 4 * 1024 * 1024;

// ANCHOR: parser
/// The parser's state over one chunk.
pub struct Parser<'a> {
    lexer: Lexer<'a>,
    /// The current token: the next one to be consumed.
    pub(super) token: Token,
    /// A token read ahead of the current one, which only a table
    /// constructor asks for (to tell `{x = 1}` from `{x}`).
    ahead: Option<Token>,
    /// The line of the last token consumed (`lastline`).
    pub(super) last_line: u32,
    /// How deeply the parser is nested, counted as luac counts C calls.
    pub(super) levels: u32,
    /// The scopes of the functions being parsed.
    pub(super) scopes: Scopes,
    /// The goto patches the scopes report, which the parser has no use
    /// for: it generates no code.
    patches: Vec<Patch>,
}
// ANCHOR_END: parser

// ANCHOR: parse
/// Parses a whole chunk of source, named `chunkname` as `load` names it:
/// the body of the main function, up to the end of the source.
pub fn parse(source: &[u8], chunkname: &str) -> Result<Chunk, LuaError> {
    // The nesting is limited to 200 levels, but in a debug build those
    // take most of the 2 MiB a thread gets by default: the parser makes
    // sure it has room for them first.
    stacker::maybe_grow(PARSER_STACK, 2 * PARSER_STACK, || {
        let mut parser = Parser {
            lexer: Lexer::new(source, chunkname),
            token: Token::Eof,
            ahead: None,
            last_line: 1,
            levels: 1,
            scopes: Scopes::new(),
            patches: Vec::new(),
        };
        parser.enter_block(false);
        parser.advance()?;
        let body = parser.statements()?;
        parser.check(&Token::Eof)?;
        parser.leave_block()?;
        Ok(Chunk { body })
    })
}
// ANCHOR_END: parse

impl Parser<'_> {
    // ANCHOR: advance
    /// Consumes the current token and reads the next (`luaX_next`).
    pub(super) fn advance(&mut self) -> Result<(), LuaError> {
        self.last_line = self.lexer.line();
        self.token = match self.ahead.take() {
            Some(token) => token,
            None => self.lexer.next_token()?,
        };
        Ok(())
    }

    /// The token after the current one, read but not consumed.
    fn look_ahead(&mut self) -> Result<&Token, LuaError> {
        if self.ahead.is_none() {
            self.ahead = Some(self.lexer.next_token()?);
        }
        Ok(self.ahead.as_ref().expect("just read"))
    }

    /// The line the lexer is on, which messages give (`linenumber`): the
    /// line of the current token, or of the token read ahead.
    pub(super) fn line(&self) -> u32 {
        self.lexer.line()
    }
    // ANCHOR_END: advance

    // ANCHOR: errors
    /// `chunk:line: message near 'token'`, naming the current token as
    /// luac does: a name, string or numeral by its text as written.
    pub(super) fn error(&self, message: &str) -> LuaError {
        let near = match &self.token {
            Token::Name(_) | Token::String(_) | Token::Integer(_) | Token::Float(_) => {
                self.lexer.quoted_text()
            }
            token => quoted(token),
        };
        LuaError::new(format!(
            "{}:{}: {message} near {near}",
            self.lexer.chunk_id(),
            self.line()
        ))
    }

    /// A message about names rather than tokens, which names no token
    /// (`semerror`): `label 'a' already defined on line 1`.
    pub(super) fn semantic_error(&self, message: &str) -> LuaError {
        LuaError::new(format!(
            "{}:{}: {message}",
            self.lexer.chunk_id(),
            self.line()
        ))
    }

    /// "'then' expected", when the current token is not `expected`.
    pub(super) fn error_expected(&self, expected: &Token) -> LuaError {
        self.error(&format!("{} expected", quoted(expected)))
    }

    /// `too many C levels (limit is 200) in main function`, about the
    /// function being parsed.
    pub(super) fn error_limit(&self, limit: u32, what: &str) -> LuaError {
        self.error_limit_at(self.scopes.current().line, limit, what)
    }

    /// The same, about the function defined on `line` (0 for the main
    /// function).
    pub(super) fn error_limit_at(&self, line: u32, limit: u32, what: &str) -> LuaError {
        let place = if line == 0 {
            "main function".to_string()
        } else {
            format!("function at line {line}")
        };
        self.error(&format!("too many {what} (limit is {limit}) in {place}"))
    }

    pub(super) fn check(&self, expected: &Token) -> Result<(), LuaError> {
        if &self.token == expected {
            Ok(())
        } else {
            Err(self.error_expected(expected))
        }
    }

    /// Consumes the current token if it is `token`.
    pub(super) fn test_next(&mut self, token: &Token) -> Result<bool, LuaError> {
        if &self.token == token {
            self.advance()?;
            Ok(true)
        } else {
            Ok(false)
        }
    }

    pub(super) fn check_next(&mut self, token: &Token) -> Result<(), LuaError> {
        self.check(token)?;
        self.advance()
    }

    /// Consumes `what`, which closes the `who` opened on line `line`; the
    /// message names the opener when it is on another line.
    pub(super) fn check_match(
        &mut self,
        what: &Token,
        who: &Token,
        line: u32,
    ) -> Result<(), LuaError> {
        if self.test_next(what)? {
            return Ok(());
        }
        if line == self.line() {
            return Err(self.error_expected(what));
        }
        Err(self.error(&format!(
            "{} expected (to close {} at line {line})",
            quoted(what),
            quoted(who)
        )))
    }

    pub(super) fn check_name(&mut self) -> Result<Name, LuaError> {
        let Token::Name(name) = &mut self.token else {
            return Err(self.error_expected(&Token::Name(Vec::new())));
        };
        // The token is consumed: its bytes move into the tree.
        let name = Name {
            name: std::mem::take(name),
            line: self.lexer.line(),
        };
        self.advance()?;
        Ok(name)
    }
    // ANCHOR_END: errors

    // ANCHOR: scopes
    /// A scope's refusal, worded as luac words it at the current token.
    fn scope_error(&self, error: ScopeError) -> LuaError {
        match error {
            ScopeError::Limit {
                function_line,
                limit,
                what,
            } => self.error_limit_at(function_line, limit as u32, what),
            ScopeError::Semantic(message) => self.semantic_error(&message),
        }
    }

    /// The scope operations the statements need, with their errors worded.
    pub(super) fn new_local(&mut self, name: &[u8]) -> Result<(), LuaError> {
        match self.scopes.new_local(name) {
            Ok(_) => Ok(()),
            Err(error) => Err(self.scope_error(error)),
        }
    }

    pub(super) fn activate_locals(&mut self, count: usize) {
        self.scopes.activate_locals(count);
    }

    pub(super) fn enter_block(&mut self, is_loop: bool) {
        self.scopes.enter_block(is_loop);
    }

    pub(super) fn leave_block(&mut self) -> Result<(), LuaError> {
        let result = self.scopes.leave_block(0, &mut self.patches);
        self.patches.clear();
        match result {
            Ok(_) => Ok(()),
            Err(error) => Err(self.scope_error(error)),
        }
    }

    pub(super) fn add_goto(&mut self, name: &[u8], line: u32) -> Result<(), LuaError> {
        let result = self.scopes.add_goto(name, line, 0, &mut self.patches);
        self.patches.clear();
        result.map_err(|error| self.scope_error(error))
    }

    pub(super) fn check_repeated_label(&self, name: &[u8]) -> Result<(), LuaError> {
        let result = self.scopes.check_repeated_label(name);
        result.map_err(|error| self.scope_error(error))
    }

    pub(super) fn add_label(&mut self, name: &[u8], line: u32) -> usize {
        self.scopes.add_label(name, line, 0)
    }

    pub(super) fn finish_label(
        &mut self,
        index: usize,
        at_block_end: bool,
    ) -> Result<(), LuaError> {
        let result = self
            .scopes
            .finish_label(index, at_block_end, &mut self.patches);
        self.patches.clear();
        result.map_err(|error| self.scope_error(error))
    }

    /// Resolves a variable as `singlevar` does: a global name is looked up
    /// in `_ENV`, which must itself be resolved (it is a local or an
    /// upvalue: the main function has it as its first upvalue).
    pub(super) fn resolve_variable(&mut self, name: &Name) -> Result<(), LuaError> {
        let result = match self.scopes.resolve(&name.name) {
            Ok(Var::Global) => self.scopes.resolve(b"_ENV").map(|_| ()),
            Ok(_) => Ok(()),
            Err(error) => Err(error),
        };
        result.map_err(|error| self.scope_error(error))
    }
    // ANCHOR_END: scopes

    // ANCHOR: levels
    /// Enters one more level of nesting (`enterlevel`): this is what keeps
    /// a million `(` from overflowing the stack.
    pub(super) fn enter_level(&mut self) -> Result<(), LuaError> {
        self.levels += 1;
        if self.levels > MAX_LEVELS {
            return Err(self.error_limit(MAX_LEVELS, "C levels"));
        }
        Ok(())
    }

    pub(super) fn leave_level(&mut self) {
        self.levels -= 1;
    }
    // ANCHOR_END: levels

    // ANCHOR: expr_list
    /// `expr {, expr}`.
    pub(super) fn expr_list(&mut self) -> Result<ExprList, LuaError> {
        let mut list = ExprList {
            exprs: vec![self.expr()?],
            comma_lines: Vec::new(),
        };
        while self.token == Token::Char(b',') {
            list.comma_lines.push(self.line());
            self.advance()?;
            list.exprs.push(self.expr()?);
        }
        Ok(list)
    }
    // ANCHOR_END: expr_list

    // ANCHOR: primary
    /// A name or a parenthesized expression: what every chain of
    /// indexing and calls starts with.
    fn primary_expr(&mut self) -> Result<Expr, LuaError> {
        match self.token {
            Token::Char(b'(') => {
                let line = self.line();
                self.advance()?;
                let inner = self.expr()?;
                let close_line = self.line();
                self.check_match(&Token::Char(b')'), &Token::Char(b'('), line)?;
                Ok(Expr::Paren {
                    inner: Box::new(inner),
                    close_line,
                })
            }
            Token::Name(_) => {
                let name = self.check_name()?;
                self.resolve_variable(&name)?;
                Ok(Expr::Name(name))
            }
            _ => Err(self.error("unexpected symbol")),
        }
    }

    /// A primary expression and any `.name`, `[key]`, `:name args` and
    /// `args` after it.
    pub(super) fn suffixed_expr(&mut self) -> Result<Expr, LuaError> {
        let line = self.line();
        let mut expr = self.primary_expr()?;
        loop {
            expr = match self.token {
                Token::Char(b'.') => {
                    self.advance()?;
                    Expr::Field {
                        table: Box::new(expr),
                        name: self.check_name()?,
                    }
                }
                Token::Char(b'[') => {
                    self.advance()?;
                    let key = self.expr()?;
                    let close_line = self.line();
                    self.check_next(&Token::Char(b']'))?;
                    Expr::Index {
                        table: Box::new(expr),
                        key: Box::new(key),
                        close_line,
                    }
                }
                Token::Char(b':') => {
                    self.advance()?;
                    let method = self.check_name()?;
                    Expr::MethodCall {
                        object: Box::new(expr),
                        method,
                        args: self.args(line)?,
                        line,
                    }
                }
                Token::Char(b'(' | b'{') | Token::String(_) => Expr::Call {
                    callee: Box::new(expr),
                    args: self.args(line)?,
                    line,
                },
                _ => return Ok(expr),
            };
        }
    }

    /// A call's arguments: `(exprs)`, a table or a string. `line` is where
    /// the call started, which the message names if the `)` is missing.
    fn args(&mut self, line: u32) -> Result<Args, LuaError> {
        match &self.token {
            Token::Char(b'(') => {
                self.advance()?;
                let list = if self.token == Token::Char(b')') {
                    ExprList {
                        exprs: Vec::new(),
                        comma_lines: Vec::new(),
                    }
                } else {
                    self.expr_list()?
                };
                let close_line = self.line();
                self.check_match(&Token::Char(b')'), &Token::Char(b'('), line)?;
                Ok(Args::List { list, close_line })
            }
            Token::Char(b'{') => Ok(Args::Table(Box::new(self.table()?))),
            Token::String(value) => {
                let args = Args::String {
                    value: value.clone(),
                    line: self.line(),
                };
                self.advance()?;
                Ok(args)
            }
            _ => Err(self.error("function arguments expected")),
        }
    }
    // ANCHOR_END: primary

    // ANCHOR: table
    /// A table constructor: `{`, fields separated by `,` or `;` (one may
    /// end the list), `}`.
    fn table(&mut self) -> Result<Table, LuaError> {
        let line = self.line();
        let line_before = self.last_line;
        self.check_next(&Token::Char(b'{'))?;
        let mut fields = Vec::new();
        while self.token != Token::Char(b'}') {
            let kind = self.field()?;
            let separator = match self.token {
                Token::Char(c @ (b',' | b';')) => Some(Separator {
                    semicolon: c == b';',
                    line: self.line(),
                }),
                _ => None,
            };
            fields.push(Field { kind, separator });
            if separator.is_none() {
                break;
            }
            self.advance()?;
        }
        let close_line = self.line();
        self.check_match(&Token::Char(b'}'), &Token::Char(b'{'), line)?;
        Ok(Table {
            line,
            line_before,
            fields,
            close_line,
        })
    }

    /// One field: `name = value`, `[key] = value` or a value. A name
    /// followed by `=` is told from an expression by reading one token
    /// ahead.
    fn field(&mut self) -> Result<FieldKind, LuaError> {
        let is_named =
            matches!(self.token, Token::Name(_)) && self.look_ahead()? == &Token::Char(b'=');
        match self.token {
            Token::Name(_) if is_named => {
                let name = self.check_name()?;
                let eq_line = self.line();
                self.check_next(&Token::Char(b'='))?;
                Ok(FieldKind::Named {
                    name,
                    eq_line,
                    value: self.expr()?,
                })
            }
            Token::Char(b'[') => {
                self.advance()?;
                let key = self.expr()?;
                let close_line = self.line();
                self.check_next(&Token::Char(b']'))?;
                let eq_line = self.line();
                self.check_next(&Token::Char(b'='))?;
                Ok(FieldKind::Keyed {
                    key,
                    close_line,
                    eq_line,
                    value: self.expr()?,
                })
            }
            _ => Ok(FieldKind::Positional(self.expr()?)),
        }
    }
    // ANCHOR_END: table

    // ANCHOR: simple
    /// A constant, `...`, a constructor, a function, or a suffixed
    /// expression.
    fn simple_expr(&mut self) -> Result<Expr, LuaError> {
        let line = self.line();
        let expr = match &self.token {
            Token::Float(value) => Expr::Float {
                value: *value,
                line,
            },
            Token::Integer(value) => Expr::Integer {
                value: *value,
                line,
            },
            Token::String(value) => Expr::String {
                value: value.clone(),
                line,
            },
            Token::Nil => Expr::Nil { line },
            Token::True => Expr::True { line },
            Token::False => Expr::False { line },
            Token::Dots => {
                if !self.scopes.current().is_vararg {
                    return Err(self.error("cannot use '...' outside a vararg function"));
                }
                Expr::Vararg {
                    line,
                    line_before: self.last_line,
                }
            }
            Token::Char(b'{') => return Ok(Expr::Table(Box::new(self.table()?))),
            Token::Function => {
                self.advance()?;
                let line = self.line();
                return Ok(Expr::Function(Box::new(self.body(line, false)?)));
            }
            _ => return self.suffixed_expr(),
        };
        self.advance()?;
        Ok(expr)
    }
    // ANCHOR_END: simple

    // ANCHOR: subexpr
    /// An expression (`expr`).
    pub(super) fn expr(&mut self) -> Result<Expr, LuaError> {
        Ok(self.subexpr(0)?.0)
    }

    /// An expression whose binary operators all have a left priority
    /// above `limit`, and the operator that stopped it, if any
    /// (`subexpr`).
    fn subexpr(&mut self, limit: u8) -> Result<(Expr, Option<BinaryOp>), LuaError> {
        self.enter_level()?;
        let mut left = match unary_op(&self.token) {
            Some(op) => {
                let line = self.line();
                self.advance()?;
                let (operand, _) = self.subexpr(UNARY_PRIORITY)?;
                Expr::Unary {
                    op,
                    line,
                    operand: Box::new(operand),
                }
            }
            None => self.simple_expr()?,
        };
        let mut op = binary_op(&self.token);
        while let Some(current) = op.filter(|&op| priority(op).0 > limit) {
            let line = self.line();
            self.advance()?;
            let (right, next) = self.subexpr(priority(current).1)?;
            left = Expr::Binary {
                op: current,
                line,
                left: Box::new(left),
                right: Box::new(right),
            };
            op = next;
        }
        self.leave_level();
        Ok((left, op))
    }
    // ANCHOR_END: subexpr
}

// ANCHOR: quoted
/// A token as messages name it (`luaX_token2str`): a symbol or reserved
/// word in quotes, `<eof>`, `<name>`, `<string>`, `<number>`, `<integer>`
/// as they are, and a byte that does not print by its code: `'<\1>'`.
fn quoted(token: &Token) -> String {
    match token {
        Token::Eof | Token::Name(_) | Token::String(_) | Token::Integer(_) | Token::Float(_) => {
            token.kind()
        }
        // `luaO_pushfstring` writes a byte that does not print as its code.
        Token::Char(c) if !(b' '..=b'~').contains(c) => format!("'<\\{c}>'"),
        Token::Char(c) => format!("'{}'", char::from(*c)),
        _ => format!("'{}'", token.kind()),
    }
}
// ANCHOR_END: quoted

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compiler::ast::Stat;
    use crate::compiler::printer::expr_to_source;
    use pretty_assertions::assert_eq;

    /// The argument of the call `f(...)` that `source` is, grouped.
    fn grouped(source: &str) -> String {
        let chunk = parse(format!("f({source})").as_bytes(), "=t").unwrap();
        let [Stat::Call(Expr::Call { args, .. })] = chunk.body.stats.as_slice() else {
            panic!("not one call: {source}");
        };
        let Args::List { list, .. } = args else {
            panic!("{args:?}");
        };
        let texts: Vec<String> = list.exprs.iter().map(|e| expr_to_source(e, true)).collect();
        texts.join(", ")
    }

    fn error(source: &str) -> String {
        parse(source.as_bytes(), "=t").unwrap_err().message()
    }

    #[test]
    fn operators_group_by_priority() {
        let cases = [
            ("a or b and c", "(a or (b and c))"),
            ("a and b == c", "(a and (b == c))"),
            ("a < b | c", "(a < (b | c))"),
            ("a | b ~ c & d", "(a | (b ~ (c & d)))"),
            ("a & b << c", "(a & (b << c))"),
            ("a << b .. c", "(a << (b .. c))"),
            ("a .. b + c", "(a .. (b + c))"),
            ("a + b * c", "(a + (b * c))"),
            ("a * -b", "(a * (-b))"),
            ("-a ^ b", "(-(a ^ b))"),
            ("a - b - c", "((a - b) - c)"),
            ("a // b % c", "((a // b) % c)"),
        ];
        for (source, expected) in cases {
            assert_eq!(grouped(source), expected, "{source}");
        }
    }

    #[test]
    fn concatenation_and_power_are_right_associative() {
        assert_eq!(grouped("a .. b .. c"), "(a .. (b .. c))");
        assert_eq!(grouped("a ^ b ^ c"), "(a ^ (b ^ c))");
        // A unary operator on the right of `^` takes the rest of the power.
        assert_eq!(grouped("2 ^ -3 ^ 2"), "(2 ^ (-(3 ^ 2)))");
        assert_eq!(grouped("not a == not b"), "((not a) == (not b))");
    }

    #[test]
    fn suffixes_chain_left_to_right() {
        assert_eq!(grouped("a.b[c]:d(e)(f)"), "a.b[c]:d(e)(f)");
        assert_eq!(grouped("#t.n + 1"), "((#t.n) + 1)");
        assert_eq!(grouped("(a + b).c"), "(a + b).c");
    }

    #[test]
    fn lines_are_those_luac_uses() {
        let chunk = parse(b"a.b\n.c(\n1 +\n2)", "=t").unwrap();
        let [Stat::Call(Expr::Call { args, line, .. })] = chunk.body.stats.as_slice() else {
            panic!();
        };
        assert_eq!(
            *line, 1,
            "a call is on the line where its expression starts"
        );
        let Args::List { list, close_line } = args else {
            panic!();
        };
        assert_eq!(*close_line, 4);
        assert!(matches!(list.exprs[0], Expr::Binary { line: 3, .. }));
        let chunk = parse(b"f(\n...)", "=t").unwrap();
        let text = format!("{chunk:?}");
        assert!(
            text.contains("Vararg { line: 2, line_before: 1 }"),
            "{text}"
        );
    }

    #[test]
    fn errors_are_worded_as_luac_words_them() {
        // Each message checked with `luac5.3 -p`.
        let cases = [
            ("print(1", "t:1: ')' expected near <eof>"),
            ("print(1,)", "t:1: unexpected symbol near ')'"),
            (
                "f(\n\n1",
                "t:3: ')' expected (to close '(' at line 1) near <eof>",
            ),
            ("a:b", "t:1: function arguments expected near <eof>"),
            ("a.1", "t:1: syntax error near '.1'"),
            ("f\"x\" g", "t:1: syntax error near <eof>"),
            ("f{x=}", "t:1: unexpected symbol near '}'"),
            ("f{[1]}", "t:1: '=' expected near '}'"),
            ("f{a b}", "t:1: '}' expected near 'b'"),
            (
                "f(function(a,1) end)",
                "t:1: <name> or '...' expected near '1'",
            ),
            (
                "f(function() f(...) end)",
                "t:1: cannot use '...' outside a vararg function near '...'",
            ),
            (
                "f(function()\n\n",
                "t:3: 'end' expected (to close 'function' at line 1) near <eof>",
            ),
            ("f() end", "t:1: <eof> expected near 'end'"),
            ("f(1 + [[a]] b)", "t:1: ')' expected near 'b'"),
            ("f(x y)", "t:1: ')' expected near 'y'"),
            ("f(3.0 4)", "t:1: ')' expected near '4'"),
        ];
        for (source, message) in cases {
            assert_eq!(error(source), message, "{source:?}");
        }
    }

    #[test]
    fn a_million_parentheses_are_too_many_levels() {
        let source = format!("f({}", "(".repeat(1_000_000));
        assert_eq!(
            error(&source),
            "t:1: too many C levels (limit is 200) in main function near '('"
        );
        // As deep as luac allows still parses.
        let deepest = format!("f({}1{})", "(".repeat(197), ")".repeat(197));
        assert!(parse(deepest.as_bytes(), "=t").is_ok());
    }
}
