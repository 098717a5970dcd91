//! Chapter 3's program: list a chunk exactly as `luac -l -l` does.
//!
//! The format is `PrintFunction` in Lua 5.3's `luac.c`, line for line. The
//! one difference is the function addresses (`%p` in C): a real address
//! changes from run to run, so each function gets a fixed stand-in, its
//! position in the tree (main is 1, then its nested functions depth first).

use std::fmt::Write;

use crate::binary_chunk::{BinaryChunk, Constant, LUA_SIGNATURE, Prototype};
use crate::instruction::{BITRK, Instruction};
use crate::number::format_float;
use crate::opcodes::{OpArgMode, OpCode, OpMode};

// ANCHOR: list_chunk
/// The listing of a whole chunk: every function, depth first.
pub fn list_chunk(chunk: &BinaryChunk) -> String {
    list_function(&chunk.main, true)
}

/// The listing of a function and those nested in it, as `luac -l` prints
/// it; `full` adds the constants, locals and upvalues, as `luac -l -l`.
pub fn list_function(main: &Prototype, full: bool) -> String {
    let mut lister = Lister {
        out: String::new(),
        next_address: 1,
        full,
    };
    lister.function(main);
    lister.out
}
// ANCHOR_END: list_chunk

struct Lister {
    out: String,
    /// The stand-in address the next function listed will get.
    next_address: usize,
    /// Whether to list the constants, locals and upvalues too.
    full: bool,
}

// ANCHOR: describe_instruction
/// One instruction as `luac -l` shows it, without its number and line:
/// `LOADK     0 -1 ; 0`, with single spaces where luac puts tabs. The
/// virtual machine's trace uses it.
pub fn describe_instruction(f: &Prototype, pc: usize) -> String {
    if pc >= f.code.len() {
        return format!("? (no instruction at pc {pc})");
    }
    let mut lister = Lister {
        out: String::new(),
        next_address: 1,
        full: false,
    };
    let children: Vec<String> = (0..f.protos.len())
        .map(|i| format!("function {}", i + 1))
        .collect();
    lister.instruction(f, pc, &children);
    lister.out.replace('\t', " ")
}
// ANCHOR_END: describe_instruction

/// A function's stand-in address, printed where `luac` prints `%p`.
fn address(n: usize) -> String {
    format!("0x{n:012x}")
}

impl Lister {
    // ANCHOR: function
    fn function(&mut self, f: &Prototype) {
        let me = address(self.next_address);
        self.next_address += 1;
        // Nested functions are numbered before they are listed, so that
        // CLOSURE can name the function it creates.
        let first_child = self.next_address;
        let children: Vec<String> = (0..f.protos.len())
            .map(|i| address(first_child + subtree_sizes(&f.protos[..i])))
            .collect();
        self.header(f, &me);
        self.code(f, &children);
        if self.full {
            self.debug(f, &me);
        }
        for proto in &f.protos {
            self.function(proto);
        }
    }
    // ANCHOR_END: function

    // ANCHOR: header
    fn header(&mut self, f: &Prototype, me: &str) {
        let source = f.source.as_deref().unwrap_or(b"=?");
        let name = match source.first() {
            Some(b'@' | b'=') => String::from_utf8_lossy(&source[1..]).into_owned(),
            Some(&c) if c == LUA_SIGNATURE[0] => "(bstring)".into(),
            _ => "(string)".into(),
        };
        let kind = if f.line_defined == 0 {
            "main"
        } else {
            "function"
        };
        let n = f.code.len();
        let _ = writeln!(
            self.out,
            "\n{kind} <{name}:{},{}> ({n} instruction{} at {me})",
            f.line_defined,
            f.last_line_defined,
            plural(n)
        );
        let params = usize::from(f.num_params);
        let slots = usize::from(f.max_stack_size);
        let ups = f.upvalues.len();
        let _ = write!(
            self.out,
            "{params}{} param{}, {slots} slot{}, {ups} upvalue{}, ",
            if f.is_vararg { "+" } else { "" },
            plural(params),
            plural(slots),
            plural(ups)
        );
        let (locals, constants, functions) = (f.loc_vars.len(), f.constants.len(), f.protos.len());
        let _ = writeln!(
            self.out,
            "{locals} local{}, {constants} constant{}, {functions} function{}",
            plural(locals),
            plural(constants),
            plural(functions)
        );
    }
    // ANCHOR_END: header

    // ANCHOR: code
    fn code(&mut self, f: &Prototype, children: &[String]) {
        let mut pc = 0;
        while pc < f.code.len() {
            let _ = write!(self.out, "\t{}\t", pc + 1);
            match f.line(pc) {
                Some(line) if line > 0 => {
                    let _ = write!(self.out, "[{line}]\t");
                }
                _ => self.out.push_str("[-]\t"),
            }
            pc = self.instruction(f, pc, children);
            self.out.push('\n');
            pc += 1;
        }
    }

    /// One instruction: its name, operands and comment. Returns the pc of
    /// the last word it consumed.
    fn instruction(&mut self, f: &Prototype, pc: usize, children: &[String]) -> usize {
        let i = Instruction(f.code[pc]);
        let Some(op) = i.opcode() else {
            // Not an instruction Lua 5.3 has; luac would read past its
            // table of names. Show the raw word instead.
            let _ = write!(self.out, "{:<9}\t{:#010x}", "?", i.0);
            return pc;
        };
        let _ = write!(self.out, "{:<9}\t", op.name());
        self.operands(op, i);
        self.comment(f, op, i, pc, children)
    }

    /// The operands in the order luac prints them; a constant operand is
    /// shown as a negative number, -1 for the first constant.
    fn operands(&mut self, op: OpCode, i: Instruction) {
        let info = op.info();
        let rk = |x: u32| {
            if x & BITRK != 0 {
                -1 - (x & !BITRK) as i64
            } else {
                i64::from(x)
            }
        };
        match info.mode {
            OpMode::IABC => {
                let _ = write!(self.out, "{}", i.a());
                if info.b != OpArgMode::N {
                    let _ = write!(self.out, " {}", rk(i.b()));
                }
                if info.c != OpArgMode::N {
                    let _ = write!(self.out, " {}", rk(i.c()));
                }
            }
            OpMode::IABx => {
                let _ = write!(self.out, "{}", i.a());
                if info.b == OpArgMode::K {
                    let _ = write!(self.out, " {}", -1 - i64::from(i.bx()));
                } else if info.b == OpArgMode::U {
                    let _ = write!(self.out, " {}", i.bx());
                }
            }
            OpMode::IAsBx => {
                let _ = write!(self.out, "{} {}", i.a(), i.sbx());
            }
            OpMode::IAx => {
                let _ = write!(self.out, "{}", -1 - i64::from(i.ax()));
            }
        }
    }
    // ANCHOR_END: code

    // ANCHOR: comment
    /// The comment after the operands: constants, upvalue names, jump
    /// targets, the function a CLOSURE creates. Returns the pc of the last
    /// instruction consumed (SETLIST with C = 0 consumes the next word).
    fn comment(
        &mut self,
        f: &Prototype,
        op: OpCode,
        i: Instruction,
        pc: usize,
        children: &[String],
    ) -> usize {
        use OpCode::*;
        let (a, b, c) = (i.a(), i.b(), i.c());
        match op {
            LoadK => {
                self.out.push_str("\t; ");
                self.constant(f, i.bx());
            }
            GetUpval | SetUpval => {
                let _ = write!(self.out, "\t; {}", upvalue_name(f, b));
            }
            GetTabUp => {
                let _ = write!(self.out, "\t; {}", upvalue_name(f, b));
                self.spaced_constant_if_k(f, c);
            }
            SetTabUp => {
                let _ = write!(self.out, "\t; {}", upvalue_name(f, a));
                self.spaced_constant_if_k(f, b);
                self.spaced_constant_if_k(f, c);
            }
            GetTable | Self_ if is_k(c) => {
                self.out.push_str("\t; ");
                self.constant(f, c & !BITRK);
            }
            SetTable | Add | Sub | Mul | Mod | Pow | Div | IDiv | BAnd | BOr | BXor | Shl | Shr
            | Eq | Lt | Le
                if is_k(b) || is_k(c) =>
            {
                self.out.push_str("\t; ");
                self.constant_or_dash(f, b);
                self.out.push(' ');
                self.constant_or_dash(f, c);
            }
            Jmp | ForLoop | ForPrep | TForLoop => {
                let target = i.sbx() as i64 + pc as i64 + 2;
                let _ = write!(self.out, "\t; to {target}");
            }
            Closure => {
                let child = children.get(i.bx() as usize).map_or("?", String::as_str);
                let _ = write!(self.out, "\t; {child}");
            }
            SetList if c == 0 => {
                // The batch number did not fit in C; it is the next word.
                let extra = f.code.get(pc + 1).copied().unwrap_or(0);
                let _ = write!(self.out, "\t; {}", extra as i32);
                return pc + 1;
            }
            SetList => {
                let _ = write!(self.out, "\t; {c}");
            }
            ExtraArg => {
                self.out.push_str("\t; ");
                self.constant(f, i.ax());
            }
            _ => {}
        }
        pc
    }
    // ANCHOR_END: comment

    fn spaced_constant_if_k(&mut self, f: &Prototype, operand: u32) {
        if is_k(operand) {
            self.out.push(' ');
            self.constant(f, operand & !BITRK);
        }
    }

    fn constant_or_dash(&mut self, f: &Prototype, operand: u32) {
        if is_k(operand) {
            self.constant(f, operand & !BITRK);
        } else {
            self.out.push('-');
        }
    }

    // ANCHOR: constant
    /// A constant as `PrintConstant` shows it.
    fn constant(&mut self, f: &Prototype, index: u32) {
        match f.constants.get(index as usize) {
            Some(Constant::Nil) => self.out.push_str("nil"),
            Some(Constant::Boolean(b)) => self.out.push_str(if *b { "true" } else { "false" }),
            Some(Constant::Integer(n)) => {
                let _ = write!(self.out, "{n}");
            }
            Some(Constant::Number(x)) => self.out.push_str(&format_float(*x)),
            Some(Constant::String(bytes)) => self.out.push_str(&quote(bytes)),
            // A corrupted chunk can name a constant that does not exist.
            None => {
                let _ = write!(self.out, "? constant {index}");
            }
        }
    }
    // ANCHOR_END: constant

    // ANCHOR: debug
    fn debug(&mut self, f: &Prototype, me: &str) {
        let _ = writeln!(self.out, "constants ({}) for {me}:", f.constants.len());
        for i in 0..f.constants.len() {
            let _ = write!(self.out, "\t{}\t", i + 1);
            self.constant(f, i as u32);
            self.out.push('\n');
        }
        let _ = writeln!(self.out, "locals ({}) for {me}:", f.loc_vars.len());
        for (i, var) in f.loc_vars.iter().enumerate() {
            let name = String::from_utf8_lossy(&var.name);
            let _ = writeln!(
                self.out,
                "\t{i}\t{name}\t{}\t{}",
                var.start_pc + 1,
                var.end_pc + 1
            );
        }
        let _ = writeln!(self.out, "upvalues ({}) for {me}:", f.upvalues.len());
        for (i, upvalue) in f.upvalues.iter().enumerate() {
            let _ = writeln!(
                self.out,
                "\t{i}\t{}\t{}\t{}",
                upvalue_name(f, i as u32),
                u8::from(upvalue.in_stack),
                upvalue.index
            );
        }
    }
    // ANCHOR_END: debug
}

/// How many functions these prototypes hold, themselves included.
fn subtree_sizes(protos: &[Prototype]) -> usize {
    protos.iter().map(|p| 1 + subtree_sizes(&p.protos)).sum()
}

fn is_k(operand: u32) -> bool {
    operand & BITRK != 0
}

/// `UPVALNAME`: the name, or "-" when the chunk was stripped.
fn upvalue_name(f: &Prototype, index: u32) -> String {
    f.upvalue_name(index as usize)
        .map_or_else(|| "-".into(), |n| String::from_utf8_lossy(n).into_owned())
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

// ANCHOR: quote
/// A Lua string in double quotes, escaped as `luac` escapes it: the usual
/// backslash escapes, printable ASCII as itself, any other byte as `\ddd`.
pub fn quote(bytes: &[u8]) -> String {
    let mut text = String::with_capacity(bytes.len() + 2);
    text.push('"');
    for &b in bytes {
        match b {
            b'"' => text.push_str("\\\""),
            b'\\' => text.push_str("\\\\"),
            0x07 => text.push_str("\\a"),
            0x08 => text.push_str("\\b"),
            0x0c => text.push_str("\\f"),
            b'\n' => text.push_str("\\n"),
            b'\r' => text.push_str("\\r"),
            b'\t' => text.push_str("\\t"),
            0x0b => text.push_str("\\v"),
            b' '..=b'~' => text.push(char::from(b)),
            _ => {
                let _ = write!(text, "\\{b:03}");
            }
        }
    }
    text.push('"');
    text
}
// ANCHOR_END: quote

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_like_luac() {
        assert_eq!(
            quote(b"a\"b\\c\n\t\x1b\xff~"),
            "\"a\\\"b\\\\c\\n\\t\\027\\255~\""
        );
    }
}
