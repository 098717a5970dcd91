//! The printer: a syntax tree written back as Lua source. What it writes
//! parses to the same tree again, lines apart: the tree keeps every
//! parenthesis and every `;` of the source, so the printer never has to
//! add one to keep the meaning. Comments and spacing are not in the tree,
//! and the printer lays the code out its own way.
//!
//! For a reader who wants to see how the parser grouped an expression, it
//! can also put every operator in parentheses of its own.

use crate::listing::quote;

use super::ast::{
    Args, Block, Chunk, Expr, ExprList, Field, FieldKind, Function, FunctionName, Name, Stat,
    Table, UnaryOp,
};

// ANCHOR: printer
/// Writes source text into a string.
pub struct Printer {
    out: String,
    indent: usize,
    /// Whether every binary and unary operation gets parentheses.
    grouping: bool,
}

/// A chunk as Lua source, one statement a line, blocks indented by two
/// spaces.
pub fn chunk_to_source(chunk: &Chunk) -> String {
    let mut printer = Printer::new(false);
    printer.block(&chunk.body);
    printer.out
}

/// An expression as Lua source; with `grouping`, every operation in
/// parentheses, to show how the parser grouped it.
pub fn expr_to_source(expr: &Expr, grouping: bool) -> String {
    let mut printer = Printer::new(grouping);
    printer.expr(expr);
    printer.out
}
// ANCHOR_END: printer

impl Printer {
    fn new(grouping: bool) -> Printer {
        Printer {
            out: String::new(),
            indent: 0,
            grouping,
        }
    }

    fn write(&mut self, text: &str) {
        self.out.push_str(text);
    }

    fn name(&mut self, name: &Name) {
        self.out.push_str(&String::from_utf8_lossy(&name.name));
    }

    // ANCHOR: statements
    /// Starts a new line at the current indentation.
    fn line(&mut self) {
        for _ in 0..self.indent {
            self.out.push_str("  ");
        }
    }

    /// The statements of a block, each on its line, one level deeper.
    fn indented(&mut self, block: &Block) {
        self.indent += 1;
        self.block(block);
        self.indent -= 1;
    }

    /// The statements of a block, each on a line of its own but a `;`,
    /// which goes at the end of the statement before it, if any.
    fn block(&mut self, block: &Block) {
        for (i, stat) in block.stats.iter().enumerate() {
            if i > 0 && matches!(stat, Stat::Empty { .. }) {
                self.out.pop();
            } else {
                self.line();
            }
            self.stat(stat);
            self.out.push('\n');
        }
    }

    /// `end` on a line of its own, at the indentation of the statement.
    fn end(&mut self) {
        self.line();
        self.write("end");
    }

    fn stat(&mut self, stat: &Stat) {
        match stat {
            Stat::Empty { .. } => self.write(";"),
            Stat::Local { names, values } => {
                self.write("local ");
                self.names(names);
                if let Some(values) = values {
                    self.write(" = ");
                    self.expr_list(values);
                }
            }
            Stat::LocalFunction { name, function } => {
                self.write("local function ");
                self.name(name);
                self.function_body(function);
            }
            Stat::Assign { targets, values } => {
                for (i, target) in targets.iter().enumerate() {
                    if i > 0 {
                        self.write(", ");
                    }
                    self.expr(target);
                }
                self.write(" = ");
                self.expr_list(values);
            }
            Stat::Call(call) => self.expr(call),
            Stat::Do { body, .. } => {
                self.write("do\n");
                self.indented(body);
                self.end();
            }
            Stat::While { cond, body, .. } => {
                self.write("while ");
                self.expr(cond);
                self.write(" do\n");
                self.indented(body);
                self.end();
            }
            Stat::Repeat { body, cond, .. } => {
                self.write("repeat\n");
                self.indented(body);
                self.line();
                self.write("until ");
                self.expr(cond);
            }
            Stat::If {
                clauses,
                else_block,
                ..
            } => {
                for (i, clause) in clauses.iter().enumerate() {
                    if i > 0 {
                        self.line();
                        self.write("else");
                    }
                    self.write("if ");
                    self.expr(&clause.cond);
                    self.write(" then\n");
                    self.indented(&clause.body);
                }
                if let Some(block) = else_block {
                    self.line();
                    self.write("else\n");
                    self.indented(block);
                }
                self.end();
            }
            Stat::NumericFor {
                var,
                start,
                limit,
                step,
                body,
                ..
            } => {
                self.write("for ");
                self.name(var);
                self.write(" = ");
                self.expr(start);
                self.write(", ");
                self.expr(limit);
                if let Some(step) = step {
                    self.write(", ");
                    self.expr(step);
                }
                self.write(" do\n");
                self.indented(body);
                self.end();
            }
            Stat::GenericFor {
                names,
                values,
                body,
                ..
            } => {
                self.write("for ");
                self.names(names);
                self.write(" in ");
                self.expr_list(values);
                self.write(" do\n");
                self.indented(body);
                self.end();
            }
            Stat::Function { name, function, .. } => {
                self.write("function ");
                self.function_name(name);
                self.function_body(function);
            }
            Stat::Return {
                values,
                semicolon_line,
                ..
            } => {
                self.write("return");
                if !values.exprs.is_empty() {
                    self.write(" ");
                    self.expr_list(values);
                }
                if semicolon_line.is_some() {
                    self.write(";");
                }
            }
            Stat::Break { .. } => self.write("break"),
            Stat::Goto { label, .. } => {
                self.write("goto ");
                self.name(label);
            }
            Stat::Label { label, .. } => {
                self.write("::");
                self.name(label);
                self.write("::");
            }
        }
    }

    fn names(&mut self, names: &[Name]) {
        for (i, name) in names.iter().enumerate() {
            if i > 0 {
                self.write(", ");
            }
            self.name(name);
        }
    }

    fn function_name(&mut self, name: &FunctionName) {
        for (i, part) in name.path.iter().enumerate() {
            if i > 0 {
                self.write(".");
            }
            self.name(part);
        }
        if let Some(method) = &name.method {
            self.write(":");
            self.name(method);
        }
    }

    /// `(params)`, the body and `end`.
    fn function_body(&mut self, function: &Function) {
        self.write("(");
        self.names(&function.params);
        if function.is_vararg {
            self.write(if function.params.is_empty() {
                "..."
            } else {
                ", ..."
            });
        }
        self.write(")\n");
        self.indented(&function.body);
        self.end();
    }
    // ANCHOR_END: statements

    // ANCHOR: expressions
    fn expr_list(&mut self, list: &ExprList) {
        for (i, expr) in list.exprs.iter().enumerate() {
            if i > 0 {
                self.write(", ");
            }
            self.expr(expr);
        }
    }

    fn expr(&mut self, expr: &Expr) {
        match expr {
            Expr::Nil { .. } => self.write("nil"),
            Expr::True { .. } => self.write("true"),
            Expr::False { .. } => self.write("false"),
            Expr::Vararg { .. } => self.write("..."),
            Expr::Integer { value, .. } => self.write(&integer_to_source(*value)),
            Expr::Float { value, .. } => self.write(&float_to_source(*value)),
            Expr::String { value, .. } => self.write(&quote(value)),
            Expr::Function(function) => {
                self.write("function");
                self.function_body(function);
            }
            Expr::Table(table) => self.table(table),
            Expr::Binary {
                op, left, right, ..
            } => {
                self.open_group();
                self.expr(left);
                self.write(" ");
                self.write(op.symbol());
                self.write(" ");
                self.expr(right);
                self.close_group();
            }
            Expr::Unary { op, operand, .. } => {
                self.open_group();
                self.write(op.symbol());
                let start = self.out.len();
                self.expr(operand);
                // `not` is a word; `- -x` must not become the comment `--x`.
                if *op == UnaryOp::Not || self.out[start..].starts_with('-') {
                    self.out.insert(start, ' ');
                }
                self.close_group();
            }
            Expr::Name(name) => self.name(name),
            Expr::Index { table, key, .. } => {
                self.expr(table);
                self.write("[");
                self.expr(key);
                self.write("]");
            }
            Expr::Field { table, name } => {
                self.expr(table);
                self.write(".");
                self.name(name);
            }
            Expr::Call { callee, args, .. } => {
                self.expr(callee);
                self.args(args);
            }
            Expr::MethodCall {
                object,
                method,
                args,
                ..
            } => {
                self.expr(object);
                self.write(":");
                self.name(method);
                self.args(args);
            }
            // With grouping, an operation's own parentheses are the ones
            // written around it.
            Expr::Paren { inner, .. }
                if self.grouping && matches!(**inner, Expr::Binary { .. } | Expr::Unary { .. }) =>
            {
                self.expr(inner);
            }
            Expr::Paren { inner, .. } => {
                self.write("(");
                self.expr(inner);
                self.write(")");
            }
        }
    }

    fn open_group(&mut self) {
        if self.grouping {
            self.write("(");
        }
    }

    fn close_group(&mut self) {
        if self.grouping {
            self.write(")");
        }
    }

    fn args(&mut self, args: &Args) {
        match args {
            Args::List { list, .. } => {
                self.write("(");
                self.expr_list(list);
                self.write(")");
            }
            Args::Table(table) => self.table(table),
            Args::String { value, .. } => self.write(&quote(value)),
        }
    }

    /// A constructor on one line, each field with the separator written
    /// after it, if any.
    fn table(&mut self, table: &Table) {
        self.write("{");
        for (i, Field { kind, separator }) in table.fields.iter().enumerate() {
            if i > 0 {
                self.write(" ");
            }
            match kind {
                FieldKind::Positional(value) => self.expr(value),
                FieldKind::Named { name, value, .. } => {
                    self.name(name);
                    self.write(" = ");
                    self.expr(value);
                }
                FieldKind::Keyed { key, value, .. } => {
                    self.write("[");
                    self.expr(key);
                    self.write("] = ");
                    self.expr(value);
                }
            }
            if let Some(separator) = separator {
                self.write(if separator.semicolon { ";" } else { "," });
            }
        }
        self.write("}");
    }
    // ANCHOR_END: expressions
}

// ANCHOR: numerals
/// An integer as a numeral that reads back as the same integer. A
/// negative one can only have come from a hexadecimal numeral that
/// wrapped around (`0xffffffffffffffff` is -1), and is written that way:
/// `-1` would be a unary minus applied to 1.
pub fn integer_to_source(value: i64) -> String {
    if value < 0 {
        format!("0x{:x}", value as u64)
    } else {
        value.to_string()
    }
}

/// A float as a numeral that reads back as the same float: Rust writes the
/// shortest digits that do, always with a point or an exponent, so the
/// lexer reads a float and not an integer. An infinity, from a numeral
/// too large such as `1e309`, is written as one.
pub fn float_to_source(value: f64) -> String {
    if value.is_infinite() {
        "1e999".to_string()
    } else {
        format!("{value:?}")
    }
}
// ANCHOR_END: numerals

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compiler::parser::parse;
    use pretty_assertions::assert_eq;

    fn printed(source: &str) -> String {
        chunk_to_source(&parse(source.as_bytes(), "=t").unwrap())
    }

    #[test]
    fn numerals_read_back_as_the_same_numbers() {
        assert_eq!(integer_to_source(42), "42");
        assert_eq!(integer_to_source(-1), "0xffffffffffffffff");
        assert_eq!(integer_to_source(i64::MIN), "0x8000000000000000");
        assert_eq!(float_to_source(3.0), "3.0");
        assert_eq!(float_to_source(0.1), "0.1");
        assert_eq!(float_to_source(1e300), "1e300");
        assert_eq!(float_to_source(f64::INFINITY), "1e999");
        assert_eq!(
            printed("f(0xffffffffffffffff, 1e309, 2^63, 0x10p-2)"),
            "f(0xffffffffffffffff, 1e999, 2 ^ 63, 4.0)\n"
        );
    }

    #[test]
    fn what_was_written_is_kept() {
        assert_eq!(printed("f{1;2,x=3,[4]=5;}"), "f{1; 2, x = 3, [4] = 5;}\n");
        assert_eq!(printed("f((a))(b);(c)()"), "f((a))(b);\n(c)()\n");
        assert_eq!(printed("o:m'x' o.n[[y]]"), "o:m\"x\"\no.n\"y\"\n");
        assert_eq!(
            printed("f(a - -b, - -c, not not d, -(-e))"),
            "f(a - -b, - -c, not not d, -(-e))\n"
        );
    }

    #[test]
    fn functions_are_laid_out_as_blocks() {
        assert_eq!(
            printed("f(function(a, ...) g(a) h(function() end) end)"),
            "f(function(a, ...)\n  g(a)\n  h(function()\n  end)\nend)\n"
        );
    }
}
