//! Chapter 2's program: print everything a binary chunk contains.
//!
//! Instructions are shown as raw 32-bit words here; chapter 3 decodes them.

use std::fmt::Write;

use crate::binary_chunk::{BinaryChunk, Constant, Header, Prototype};
use crate::number::format_float;

// ANCHOR: print_chunk
/// The whole chunk: the header, then every function, depth first.
pub fn print_chunk(chunk: &BinaryChunk) -> String {
    let mut out = String::new();
    print_header(&mut out, &chunk.header);
    let _ = writeln!(out, "main closure upvalues: {}", chunk.main_upvalues);
    print_function(&mut out, &chunk.main, "main");
    out
}
// ANCHOR_END: print_chunk

// ANCHOR: print_header
fn print_header(out: &mut String, header: &Header) {
    let fields = [
        (
            "signature",
            format!("{}  {}", hex(&header.signature), quote(&header.signature)),
        ),
        ("version", format!("{:#04x}", header.version)),
        ("format", header.format.to_string()),
        (
            "LUAC_DATA",
            format!("{}  {}", hex(&header.luac_data), quote(&header.luac_data)),
        ),
        ("sizeof(int)", header.cint_size.to_string()),
        ("sizeof(size_t)", header.csizet_size.to_string()),
        ("sizeof(Instruction)", header.instruction_size.to_string()),
        ("sizeof(lua_Integer)", header.lua_integer_size.to_string()),
        ("sizeof(lua_Number)", header.lua_number_size.to_string()),
        ("LUAC_INT", format!("{:#x}", header.luac_int)),
        ("LUAC_NUM", format_float(header.luac_num)),
    ];
    let _ = writeln!(out, "header");
    for (name, value) in fields {
        let _ = writeln!(out, "  {name:<20} {value}");
    }
}
// ANCHOR_END: print_header

// ANCHOR: print_function
/// One function and, after it, its nested functions. `path` names it by its
/// position in the tree: `main`, `main/1`, `main/1/2`, ...
fn print_function(out: &mut String, f: &Prototype, path: &str) {
    let source = f
        .source
        .as_deref()
        .map_or_else(|| "(stripped)".to_string(), quote);
    let _ = writeln!(
        out,
        "\nfunction {path}, lines {}-{}",
        f.line_defined, f.last_line_defined
    );
    let _ = writeln!(out, "  source      {source}");
    let vararg = if f.is_vararg { " + vararg" } else { "" };
    let _ = writeln!(out, "  params      {}{vararg}", f.num_params);
    let _ = writeln!(out, "  registers   {}", f.max_stack_size);

    let _ = writeln!(out, "  code ({})", f.code.len());
    for (pc, word) in f.code.iter().enumerate() {
        let line = f
            .line(pc)
            .map_or_else(|| "-".to_string(), |l| l.to_string());
        let _ = writeln!(out, "    {:<5} [{line}]\t{word:#010x}", pc + 1);
    }

    let _ = writeln!(out, "  constants ({})", f.constants.len());
    for (i, constant) in f.constants.iter().enumerate() {
        let _ = writeln!(out, "    {:<5} {}", i + 1, describe_constant(constant));
    }

    let _ = writeln!(out, "  locals ({})", f.loc_vars.len());
    for (i, var) in f.loc_vars.iter().enumerate() {
        let name = String::from_utf8_lossy(&var.name);
        let _ = writeln!(
            out,
            "    {i:<5} {name:<12} pc {}..{}",
            var.start_pc + 1,
            var.end_pc + 1
        );
    }

    let _ = writeln!(out, "  upvalues ({})", f.upvalues.len());
    for (i, upvalue) in f.upvalues.iter().enumerate() {
        let name = f
            .upvalue_name(i)
            .map_or_else(|| "-".into(), String::from_utf8_lossy);
        let place = if upvalue.in_stack {
            "register"
        } else {
            "upvalue"
        };
        let _ = writeln!(
            out,
            "    {i:<5} {name:<12} from the enclosing function's {place} {}",
            upvalue.index
        );
    }

    let _ = writeln!(out, "  functions ({})", f.protos.len());
    for (i, proto) in f.protos.iter().enumerate() {
        print_function(out, proto, &format!("{path}/{}", i + 1));
    }
}
// ANCHOR_END: print_function

// ANCHOR: describe_constant
fn describe_constant(constant: &Constant) -> String {
    match constant {
        Constant::Nil => "nil".into(),
        Constant::Boolean(b) => format!("boolean  {b}"),
        Constant::Integer(i) => format!("integer  {i}"),
        Constant::Number(x) => format!("float    {}", format_float(*x)),
        Constant::String(bytes) => format!("string   {}", quote(bytes)),
    }
}
// ANCHOR_END: describe_constant

fn hex(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect::<Vec<_>>()
        .join(" ")
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
