//! The syntax tree: one Rust type for each construct of Lua 5.3, as the
//! parser finds it in the source. Nothing is rewritten on the way in: an
//! `elseif` stays an `elseif`, `a:m()` stays a method call, a `;` stays a
//! statement, and parentheses stay where they were written, because each of
//! these makes a difference to the code the compiler must emit.
//!
//! Every node keeps the lines the later stages need. Error messages need
//! some of them (`'end' expected (to close 'while' at line 3)`). The code
//! generator needs the rest: luac gives each instruction the line of the
//! last token it had read when it emitted that instruction, and the tree
//! has to say which line that was.

// ANCHOR: name
/// A name as written, with its line: a variable, a field after `.`, a
/// method after `:`, a parameter, a label.
#[derive(Debug, Clone, PartialEq)]
pub struct Name {
    pub name: Vec<u8>,
    pub line: u32,
}
// ANCHOR_END: name

// ANCHOR: function
/// A function body: `function (params) block end`, from an expression, a
/// `function` statement or a `local function`.
#[derive(Debug, Clone, PartialEq)]
pub struct Function {
    /// The line the function is defined on, as luac counts it: the line of
    /// the `function` keyword for a `function` statement, the line of the
    /// `(` for the other two forms.
    pub line: u32,
    /// The parameters as written: a method's `self` is not among them,
    /// since the `:` in its name declares it.
    pub params: Vec<Name>,
    /// Whether the parameter list ends with `...`.
    pub is_vararg: bool,
    pub body: Block,
    /// The line of the closing `end`.
    pub end_line: u32,
}
// ANCHOR_END: function

// ANCHOR: block
/// A sequence of statements, the body of a function, a loop or a branch.
#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    pub stats: Vec<Stat>,
    /// The line of the block's last token, or of the token before the
    /// block when it is empty (`do`, `then`, the `)` of the parameters):
    /// what luac has just read when it emits the code that ends a block.
    pub end_line: u32,
}
// ANCHOR_END: block

// ANCHOR: expr_list
/// Expressions separated by commas: the values of an assignment, a
/// `local`, a `return`, a generic `for` or a call's arguments.
#[derive(Debug, Clone, PartialEq)]
pub struct ExprList {
    pub exprs: Vec<Expr>,
    /// The line of each comma: `comma_lines[i]` follows `exprs[i]`. luac
    /// moves each value but the last into its register when it reads the
    /// comma after it.
    pub comma_lines: Vec<u32>,
}
// ANCHOR_END: expr_list

// ANCHOR: expr
/// An expression.
#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    Nil {
        line: u32,
    },
    True {
        line: u32,
    },
    False {
        line: u32,
    },
    /// `...`. luac emits its instruction before it moves past the token,
    /// so the instruction takes the line of the token before it.
    Vararg {
        line: u32,
        line_before: u32,
    },
    Integer {
        value: i64,
        line: u32,
    },
    Float {
        value: f64,
        line: u32,
    },
    /// A string constant: bytes, not UTF-8, escapes already replaced.
    String {
        value: Vec<u8>,
        line: u32,
    },
    /// `function (params) block end`.
    Function(Box<Function>),
    /// `{ fields }`.
    Table(Box<Table>),
    /// `left op right`, with the line of the operator.
    Binary {
        op: BinaryOp,
        line: u32,
        left: Box<Expr>,
        right: Box<Expr>,
    },
    /// `op operand`, with the line of the operator.
    Unary {
        op: UnaryOp,
        line: u32,
        operand: Box<Expr>,
    },
    /// A variable: local, upvalue or global, which the parser does not
    /// decide.
    Name(Name),
    /// `table[key]`, with the line of the `]`.
    Index {
        table: Box<Expr>,
        key: Box<Expr>,
        close_line: u32,
    },
    /// `table.name`: the same as `table["name"]`, but written differently,
    /// and the tree keeps what was written.
    Field {
        table: Box<Expr>,
        name: Name,
    },
    /// `callee args`. The line is the one luac gives the call: where the
    /// whole expression that ends in this call starts (`a.b\n.c()` is a
    /// call on line 1).
    Call {
        callee: Box<Expr>,
        args: Args,
        line: u32,
    },
    /// `object:name args`, with the line as for a call.
    MethodCall {
        object: Box<Expr>,
        method: Name,
        args: Args,
        line: u32,
    },
    /// `( inner )`, with the line of the `)`. Parentheses cut a call or
    /// `...` down to one value, and make an expression no longer a
    /// variable one may assign to.
    Paren {
        inner: Box<Expr>,
        close_line: u32,
    },
}
// ANCHOR_END: expr

// ANCHOR: args
/// The arguments of a call, in the three forms Lua allows.
#[derive(Debug, Clone, PartialEq)]
pub enum Args {
    /// `( exprs )`, with the line of the `)`.
    List { list: ExprList, close_line: u32 },
    /// `f{ ... }`.
    Table(Box<Table>),
    /// `f"text"` or `f[[text]]`.
    String { value: Vec<u8>, line: u32 },
}
// ANCHOR_END: args

// ANCHOR: table
/// A table constructor.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// The line of the `{`, for the message when the `}` is missing.
    pub line: u32,
    /// The line of the token before the `{`: luac emits NEWTABLE before
    /// it moves past the brace.
    pub line_before: u32,
    pub fields: Vec<Field>,
    /// The line of the `}`.
    pub close_line: u32,
}

/// One field of a constructor, and the separator after it, if any.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub kind: FieldKind,
    pub separator: Option<Separator>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum FieldKind {
    /// `value`: the next array item.
    Positional(Expr),
    /// `name = value`, with the line of the `=`.
    Named {
        name: Name,
        eq_line: u32,
        value: Expr,
    },
    /// `[key] = value`, with the lines of the `]` and the `=`.
    Keyed {
        key: Expr,
        close_line: u32,
        eq_line: u32,
        value: Expr,
    },
}

/// A `,` or `;` between fields, with its line.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Separator {
    pub semicolon: bool,
    pub line: u32,
}
// ANCHOR_END: table

// ANCHOR: operators
/// The binary operators, in the order of lparser.c's `BinOpr`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinaryOp {
    Add,
    Sub,
    Mul,
    Mod,
    Pow,
    Div,
    IDiv,
    BAnd,
    BOr,
    BXor,
    Shl,
    Shr,
    Concat,
    Ne,
    Eq,
    Lt,
    Le,
    Gt,
    Ge,
    And,
    Or,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnaryOp {
    Minus,
    BNot,
    Not,
    Len,
}

impl BinaryOp {
    /// The operator as it is written.
    pub fn symbol(self) -> &'static str {
        use BinaryOp::*;
        match self {
            Add => "+",
            Sub => "-",
            Mul => "*",
            Mod => "%",
            Pow => "^",
            Div => "/",
            IDiv => "//",
            BAnd => "&",
            BOr => "|",
            BXor => "~",
            Shl => "<<",
            Shr => ">>",
            Concat => "..",
            Ne => "~=",
            Eq => "==",
            Lt => "<",
            Le => "<=",
            Gt => ">",
            Ge => ">=",
            And => "and",
            Or => "or",
        }
    }
}

impl UnaryOp {
    pub fn symbol(self) -> &'static str {
        match self {
            UnaryOp::Minus => "-",
            UnaryOp::BNot => "~",
            UnaryOp::Not => "not",
            UnaryOp::Len => "#",
        }
    }
}
// ANCHOR_END: operators

// ANCHOR: stat
/// A statement.
#[derive(Debug, Clone, PartialEq)]
pub enum Stat {
    /// `;`, which does nothing but is kept: luac reads it like any token.
    Empty { line: u32 },
    /// `local names [= values]`.
    Local {
        names: Vec<Name>,
        values: Option<ExprList>,
    },
    /// `local function name body`.
    LocalFunction { name: Name, function: Function },
    /// `targets = values`. Each target is a name, an index or a field.
    Assign {
        targets: Vec<Expr>,
        values: ExprList,
    },
    /// A call on its own: an `Expr::Call` or an `Expr::MethodCall`.
    Call(Expr),
    /// `do block end`.
    Do {
        line: u32,
        body: Block,
        end_line: u32,
    },
    /// `while cond do block end`.
    While {
        line: u32,
        cond: Expr,
        body: Block,
        end_line: u32,
    },
    /// `repeat block until cond`: the condition sees the block's locals.
    Repeat { line: u32, body: Block, cond: Expr },
    /// `if cond then block {elseif cond then block} [else block] end`.
    If {
        clauses: Vec<IfClause>,
        else_block: Option<Block>,
        end_line: u32,
    },
    /// `for var = start, limit [, step] do block end`. The expressions are
    /// boxed to keep every statement small.
    NumericFor {
        line: u32,
        var: Name,
        start: Box<Expr>,
        limit: Box<Expr>,
        step: Option<Box<Expr>>,
        /// The line of the `do`, where luac puts the loop's first jump.
        do_line: u32,
        body: Block,
        end_line: u32,
    },
    /// `for names in values do block end`. The call line is the one luac
    /// gives the iterator's call: the line where the values start.
    GenericFor {
        line: u32,
        names: Vec<Name>,
        values: ExprList,
        call_line: u32,
        /// The line of the `do`, where luac puts the loop's first jump.
        do_line: u32,
        body: Block,
        end_line: u32,
    },
    /// `function a.b.c:m body`.
    Function {
        line: u32,
        name: FunctionName,
        function: Function,
    },
    /// `return [values] [;]`, with the line of the `;` if there is one.
    Return {
        line: u32,
        values: ExprList,
        semicolon_line: Option<u32>,
    },
    /// `break`. luac emits its jump before it moves past the keyword, so
    /// the jump takes the line of the token before, as for `...`.
    Break { line: u32, line_before: u32 },
    /// `goto label`, with the line of the token before it, as for `break`.
    Goto {
        line: u32,
        line_before: u32,
        label: Name,
    },
    /// `::name::`, with the line of the closing `::`.
    Label {
        line: u32,
        label: Name,
        end_line: u32,
    },
}

/// `if cond then block` or `elseif cond then block`, with the lines of the
/// keyword and of the `then`.
#[derive(Debug, Clone, PartialEq)]
pub struct IfClause {
    pub line: u32,
    pub cond: Expr,
    pub then_line: u32,
    pub body: Block,
}

/// The name in a `function` statement: `a.b.c` and an optional `:m`.
#[derive(Debug, Clone, PartialEq)]
pub struct FunctionName {
    pub path: Vec<Name>,
    pub method: Option<Name>,
}
// ANCHOR_END: stat

/// A whole chunk: the body of its main function, which ends at the end of
/// the source.
#[derive(Debug, Clone, PartialEq)]
pub struct Chunk {
    pub body: Block,
}
