//! Where an error happened and what it was about: chunk names, source
//! positions (`luaO_chunkid`, `luaG_addinfo`) and the names of variables
//! worked out from the bytecode (`getobjname` in `ldebug.c`).

use crate::instruction::{BITRK, Instruction};
use crate::opcodes::OpCode;
use crate::value::Value;
use crate::vm::Proto;

// ANCHOR: chunk_id
/// The most characters a chunk's name takes in a message (`LUA_IDSIZE`,
/// counting C's terminating zero).
const LUA_IDSIZE: usize = 60;

/// How a message names a chunk: a file (`@name`) by its name, shortened
/// from the left to its last characters if long; a literal name (`=name`)
/// as it is, cut if long; and source text as `[string "first line..."]`.
pub fn chunk_id(source: &[u8]) -> String {
    let text = |bytes: &[u8]| String::from_utf8_lossy(bytes).into_owned();
    match source.split_first() {
        Some((b'=', name)) => text(&name[..name.len().min(LUA_IDSIZE - 1)]),
        Some((b'@', name)) => {
            if name.len() < LUA_IDSIZE {
                text(name)
            } else {
                // "..." and the last characters that fit.
                let keep = LUA_IDSIZE - 4;
                format!("...{}", text(&name[name.len() - keep..]))
            }
        }
        _ => {
            const ROOM: usize = LUA_IDSIZE - "[string \"...\"]".len() - 1;
            let first_line = source.split(|&b| b == b'\n').next().unwrap_or_default();
            if first_line.len() == source.len() && source.len() < ROOM {
                format!("[string \"{}\"]", text(source))
            } else {
                let cut = &first_line[..first_line.len().min(ROOM)];
                format!("[string \"{}...\"]", text(cut))
            }
        }
    }
}
// ANCHOR_END: chunk_id

// ANCHOR: position
/// `chunkname:line:`, the prefix of a runtime error raised by Lua code.
/// Without debug information the chunk is `?` and the line -1, as in Lua.
pub fn position(source: Option<&[u8]>, line: Option<u32>) -> String {
    let name = source.map_or_else(|| "?".to_string(), chunk_id);
    let line = line.map_or(-1, i64::from);
    format!("{name}:{line}:")
}
// ANCHOR_END: position

// ANCHOR: getobjname
// ANCHOR: local_name
/// The name of the `n`-th local variable (1-based) active at `pc`
/// (`luaF_getlocalname`).
pub fn local_name(proto: &Proto, n: usize, pc: usize) -> Option<&[u8]> {
    let mut remaining = n;
    for var in proto
        .loc_vars
        .iter()
        .take_while(|v| v.start_pc as usize <= pc)
    {
        if pc < var.end_pc as usize {
            remaining -= 1;
            if remaining == 0 {
                return Some(&var.name);
            }
        }
    }
    None
}

/// An upvalue's name, or "?" in a stripped chunk.
pub fn upvalue_name(proto: &Proto, index: usize) -> String {
    proto
        .upvalue_names
        .get(index)
        .map_or_else(|| "?".into(), |n| String::from_utf8_lossy(n).into_owned())
}
// ANCHOR_END: local_name

// ANCHOR: object_name
/// What the value in register `reg` at instruction `last_pc` is, as a
/// kind and a name: `("local", "x")`, `("global", "print")`, `("field",
/// "y")`, `("upvalue", "u")`, `("method", "m")`, `("constant", "s")`. Lua
/// works this out from the bytecode alone (`getobjname`): a local variable
/// is named by the debug information; anything else by finding the
/// instruction that last set the register and looking at what it loaded.
pub fn object_name(proto: &Proto, last_pc: usize, reg: u32) -> Option<(&'static str, String)> {
    if let Some(name) = local_name(proto, reg as usize + 1, last_pc) {
        return Some(("local", String::from_utf8_lossy(name).into_owned()));
    }
    let pc = find_set_register(proto, last_pc, reg)?;
    let i = Instruction(proto.code[pc]);
    match i.opcode()? {
        OpCode::Move if i.b() < i.a() => object_name(proto, pc, i.b()),
        OpCode::GetTabUp | OpCode::GetTable => {
            let op = i.opcode()?;
            let table_name = if op == OpCode::GetTable {
                local_name(proto, i.b() as usize + 1, pc)
                    .map(|n| String::from_utf8_lossy(n).into_owned())
            } else {
                Some(upvalue_name(proto, i.b() as usize))
            };
            let key = key_name(proto, pc, i.c());
            let kind = if table_name.as_deref() == Some("_ENV") {
                "global"
            } else {
                "field"
            };
            Some((kind, key))
        }
        OpCode::GetUpval => Some(("upvalue", upvalue_name(proto, i.b() as usize))),
        OpCode::LoadK | OpCode::LoadKx => {
            let index = if i.opcode()? == OpCode::LoadK {
                i.bx() as usize
            } else {
                Instruction(*proto.code.get(pc + 1)?).ax() as usize
            };
            match proto.constants.get(index)? {
                Value::String(s) => Some((
                    "constant",
                    String::from_utf8_lossy(s.as_bytes()).into_owned(),
                )),
                _ => None,
            }
        }
        OpCode::Self_ => Some(("method", key_name(proto, pc, i.c()))),
        _ => None,
    }
}
// ANCHOR_END: object_name

// ANCHOR: key_name
/// The name of a key operand: a string constant, or a register holding one
/// (`kname`); "?" otherwise.
fn key_name(proto: &Proto, pc: usize, operand: u32) -> String {
    if operand & BITRK != 0 {
        if let Some(Value::String(s)) = proto.constants.get((operand & !BITRK) as usize) {
            return String::from_utf8_lossy(s.as_bytes()).into_owned();
        }
    } else if let Some(("constant", name)) = object_name(proto, pc, operand) {
        return name;
    }
    "?".into()
}
// ANCHOR_END: key_name

// ANCHOR: find_set_register
/// The last instruction before `last_pc` that set register `reg`, if it
/// certainly did (`findsetreg`): an instruction skipped over by a forward
/// jump might not have run, so it does not count.
fn find_set_register(proto: &Proto, last_pc: usize, reg: u32) -> Option<usize> {
    let mut set_by = None;
    let mut jump_target = 0;
    let filter = |pc: usize, jump_target: usize| if pc < jump_target { None } else { Some(pc) };
    for (pc, &word) in proto.code.iter().enumerate().take(last_pc) {
        let i = Instruction(word);
        let Some(op) = i.opcode() else { continue };
        let a = i.a();
        match op {
            OpCode::LoadNil if a <= reg && reg <= a + i.b() => set_by = filter(pc, jump_target),
            OpCode::TForCall if reg >= a + 2 => set_by = filter(pc, jump_target),
            OpCode::Call | OpCode::TailCall if reg >= a => set_by = filter(pc, jump_target),
            OpCode::Jmp => {
                let dest = pc as i64 + 1 + i64::from(i.sbx());
                // A forward jump that does not skip last_pc makes the code
                // up to its target conditional.
                if (pc as i64) < dest && dest <= last_pc as i64 && dest as usize > jump_target {
                    jump_target = dest as usize;
                }
            }
            OpCode::LoadNil | OpCode::TForCall | OpCode::Call | OpCode::TailCall => {}
            _ if op.info().sets_a && reg == a => set_by = filter(pc, jump_target),
            _ => {}
        }
    }
    set_by
}
// ANCHOR_END: find_set_register
// ANCHOR_END: getobjname

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunk_ids_follow_lobject_c() {
        assert_eq!(chunk_id(b"@x.lua"), "x.lua");
        assert_eq!(chunk_id(b"=stdin"), "stdin");
        assert_eq!(chunk_id(b"print(1)"), "[string \"print(1)\"]");
        assert_eq!(chunk_id(b"a\nb"), "[string \"a...\"]");
        let long_file = format!("@{}", "d/".repeat(40));
        assert_eq!(
            chunk_id(long_file.as_bytes()),
            format!("...{}", "d/".repeat(28))
        );
        let long_source = "x".repeat(50);
        assert_eq!(
            chunk_id(long_source.as_bytes()),
            format!("[string \"{}...\"]", "x".repeat(45))
        );
        assert_eq!(position(None, None), "?:-1:");
    }
}
