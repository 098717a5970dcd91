//! Reading a binary chunk, as `lundump.c` does.
//!
//! Every read is checked: a chunk that ends early is "truncated", a header
//! that does not match is reported by the field that differs, and counts
//! that cannot fit in the bytes that are left are refused before anything
//! is allocated. No input makes the reader panic.

use super::*;
use crate::error::LuaError;

/// Nested functions deeper than this cannot come from Lua's compiler, which
/// stops at 200 nesting levels; refusing them keeps the reader's recursion
/// (one Rust call per level) bounded whatever the input.
const MAX_NESTING: usize = 200;

// ANCHOR: undump
/// Reads a binary chunk. `chunkname` names it in error messages, as
/// `lua_load`'s chunk name does ("@file.luac" reports as "file.luac").
pub fn undump(bytes: &[u8], chunkname: &str) -> Result<BinaryChunk, LuaError> {
    let mut reader = Reader {
        bytes,
        pos: 0,
        name: display_name(chunkname),
    };
    let header = reader.header()?;
    let main_upvalues = reader.byte()?;
    let main = reader.function(None, 0)?;
    if usize::from(main_upvalues) != main.upvalues.len() {
        return Err(reader.corrupt("main closure upvalue count differs from its prototype's"));
    }
    Ok(BinaryChunk {
        header,
        main_upvalues,
        main,
    })
}
// ANCHOR_END: undump

struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
    name: &'a str,
}

impl<'a> Reader<'a> {
    /// The error `lundump.c` raises: "NAME: WHY precompiled chunk".
    fn error(&self, why: &str) -> LuaError {
        LuaError::new(format!("{}: {why} precompiled chunk", self.name))
    }

    /// An inconsistency that real Lua does not check for (it trusts the
    /// chunk, and may crash); we name it instead.
    fn corrupt(&self, what: &str) -> LuaError {
        LuaError::new(format!(
            "{}: corrupted precompiled chunk ({what})",
            self.name
        ))
    }

    // ANCHOR: primitives
    fn take(&mut self, n: usize) -> Result<&'a [u8], LuaError> {
        let bytes = self.bytes;
        match bytes.get(self.pos..).and_then(|rest| rest.get(..n)) {
            Some(taken) => {
                self.pos += n;
                Ok(taken)
            }
            None => Err(self.error("truncated")),
        }
    }

    fn array<const N: usize>(&mut self) -> Result<[u8; N], LuaError> {
        let mut array = [0; N];
        array.copy_from_slice(self.take(N)?);
        Ok(array)
    }

    fn byte(&mut self) -> Result<u8, LuaError> {
        Ok(self.array::<1>()?[0])
    }

    /// A C `int`: 4 bytes, little-endian (the header has checked both).
    fn int(&mut self) -> Result<i32, LuaError> {
        Ok(i32::from_le_bytes(self.array()?))
    }

    fn integer(&mut self) -> Result<i64, LuaError> {
        Ok(i64::from_le_bytes(self.array()?))
    }

    fn number(&mut self) -> Result<f64, LuaError> {
        Ok(f64::from_le_bytes(self.array()?))
    }

    fn instruction(&mut self) -> Result<u32, LuaError> {
        Ok(u32::from_le_bytes(self.array()?))
    }

    /// A string: its size plus one in a byte, or 0xFF and then the size plus
    /// one as a `size_t`; size 0 stands for no string at all (NULL).
    fn string(&mut self) -> Result<Option<Vec<u8>>, LuaError> {
        let mut size = u64::from(self.byte()?);
        if size == 0xFF {
            size = u64::from_le_bytes(self.array()?);
        }
        if size == 0 {
            return Ok(None);
        }
        let len = usize::try_from(size - 1).map_err(|_| self.error("truncated"))?;
        Ok(Some(self.take(len)?.to_vec()))
    }

    /// A count of things that follow, each at least `min_size` bytes long.
    /// Checking it against what is left means a corrupted count cannot make
    /// us allocate gigabytes before discovering the chunk is short.
    fn count(&mut self, min_size: usize, what: &str) -> Result<usize, LuaError> {
        let n = self.int()?;
        let n =
            usize::try_from(n).map_err(|_| self.corrupt(&format!("negative {what} count {n}")))?;
        if n.saturating_mul(min_size) > self.bytes.len() - self.pos {
            return Err(self.error("truncated"));
        }
        Ok(n)
    }
    // ANCHOR_END: primitives

    // ANCHOR: header
    /// Checks the header field by field, in the order and with the words of
    /// `checkHeader` in `lundump.c`.
    fn header(&mut self) -> Result<Header, LuaError> {
        let signature: [u8; 4] = self.array()?;
        if &signature != LUA_SIGNATURE {
            return Err(self.error("not a"));
        }
        let version = self.byte()?;
        if version != LUAC_VERSION {
            return Err(self.error("version mismatch in"));
        }
        let format = self.byte()?;
        if format != LUAC_FORMAT {
            return Err(self.error("format mismatch in"));
        }
        let luac_data: [u8; 6] = self.array()?;
        if &luac_data != LUAC_DATA {
            return Err(self.error("corrupted"));
        }
        let cint_size = self.size_byte(CINT_SIZE, "int")?;
        let csizet_size = self.size_byte(CSIZET_SIZE, "size_t")?;
        let instruction_size = self.size_byte(INSTRUCTION_SIZE, "Instruction")?;
        let lua_integer_size = self.size_byte(LUA_INTEGER_SIZE, "lua_Integer")?;
        let lua_number_size = self.size_byte(LUA_NUMBER_SIZE, "lua_Number")?;
        let luac_int = self.integer()?;
        if luac_int != LUAC_INT {
            return Err(self.error("endianness mismatch in"));
        }
        let luac_num = self.number()?;
        if luac_num != LUAC_NUM {
            return Err(self.error("float format mismatch in"));
        }
        Ok(Header {
            signature,
            version,
            format,
            luac_data,
            cint_size,
            csizet_size,
            instruction_size,
            lua_integer_size,
            lua_number_size,
            luac_int,
            luac_num,
        })
    }

    fn size_byte(&mut self, expected: u8, type_name: &str) -> Result<u8, LuaError> {
        let size = self.byte()?;
        if size != expected {
            return Err(self.error(&format!("{type_name} size mismatch in")));
        }
        Ok(size)
    }
    // ANCHOR_END: header

    // ANCHOR: function
    /// A function prototype, in the order `DumpFunction` writes it.
    fn function(
        &mut self,
        parent_source: Option<&[u8]>,
        depth: usize,
    ) -> Result<Prototype, LuaError> {
        if depth > MAX_NESTING {
            return Err(self.corrupt("functions nested too deeply"));
        }
        // A nested function with the same source as its parent stores none.
        let source = self.string()?.or_else(|| parent_source.map(<[u8]>::to_vec));
        let line_defined = self.unsigned()?;
        let last_line_defined = self.unsigned()?;
        let num_params = self.byte()?;
        let is_vararg = self.byte()? != 0;
        let max_stack_size = self.byte()?;

        let n = self.count(4, "instruction")?;
        let code = (0..n)
            .map(|_| self.instruction())
            .collect::<Result<_, _>>()?;

        let n = self.count(1, "constant")?;
        let constants = (0..n).map(|_| self.constant()).collect::<Result<_, _>>()?;

        let n = self.count(2, "upvalue")?;
        let upvalues = (0..n)
            .map(|_| {
                Ok(Upvalue {
                    in_stack: self.byte()? != 0,
                    index: self.byte()?,
                })
            })
            .collect::<Result<Vec<_>, LuaError>>()?;

        let n = self.count(1, "function")?;
        let mut protos = Vec::with_capacity(n);
        for _ in 0..n {
            protos.push(self.function(source.as_deref(), depth + 1)?);
        }

        let n = self.count(4, "line info")?;
        let line_info = (0..n).map(|_| self.unsigned()).collect::<Result<_, _>>()?;

        let n = self.count(9, "local variable")?;
        let loc_vars = (0..n).map(|_| self.loc_var()).collect::<Result<_, _>>()?;

        let n = self.count(1, "upvalue name")?;
        if n > upvalues.len() {
            return Err(self.corrupt("more upvalue names than upvalues"));
        }
        let upvalue_names = (0..n)
            .map(|_| Ok(self.string()?.unwrap_or_default()))
            .collect::<Result<_, LuaError>>()?;

        Ok(Prototype {
            source,
            line_defined,
            last_line_defined,
            num_params,
            is_vararg,
            max_stack_size,
            code,
            constants,
            upvalues,
            protos,
            line_info,
            loc_vars,
            upvalue_names,
        })
    }

    fn constant(&mut self) -> Result<Constant, LuaError> {
        let tag = self.byte()?;
        Ok(match tag {
            TAG_NIL => Constant::Nil,
            TAG_BOOLEAN => Constant::Boolean(self.byte()? != 0),
            TAG_NUMBER => Constant::Number(self.number()?),
            TAG_INTEGER => Constant::Integer(self.integer()?),
            TAG_SHORT_STRING | TAG_LONG_STRING => match self.string()? {
                Some(bytes) => Constant::String(bytes),
                None => return Err(self.corrupt("missing string constant")),
            },
            _ => return Err(self.corrupt(&format!("unknown constant type {tag:#04x}"))),
        })
    }
    // ANCHOR_END: function

    fn loc_var(&mut self) -> Result<LocVar, LuaError> {
        let name = self.string()?.unwrap_or_default();
        let start_pc = self.unsigned()?;
        let end_pc = self.unsigned()?;
        Ok(LocVar {
            name,
            start_pc,
            end_pc,
        })
    }

    /// A line number or an instruction index: a C `int` never negative.
    fn unsigned(&mut self) -> Result<u32, LuaError> {
        let n = self.int()?;
        u32::try_from(n).map_err(|_| self.corrupt(&format!("negative line or pc {n}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use pretty_assertions::assert_eq;

    /// The header every valid chunk starts with.
    fn header() -> Vec<u8> {
        let mut bytes = LUA_SIGNATURE.to_vec();
        bytes.extend([LUAC_VERSION, LUAC_FORMAT]);
        bytes.extend(LUAC_DATA);
        bytes.extend([4, 8, 4, 8, 8]);
        bytes.extend(LUAC_INT.to_le_bytes());
        bytes.extend(LUAC_NUM.to_le_bytes());
        bytes
    }

    fn int(n: i32) -> [u8; 4] {
        n.to_le_bytes()
    }

    /// A minimal main function: source "=t", one RETURN, no debug info.
    fn minimal_chunk() -> Vec<u8> {
        let mut bytes = header();
        bytes.push(1); // main closure upvalues
        bytes.extend([3, b'=', b't']); // source
        bytes.extend(int(0));
        bytes.extend(int(0));
        bytes.extend([0, 1, 2]); // params, vararg, max stack
        bytes.extend(int(1));
        bytes.extend(0x0080_0026u32.to_le_bytes()); // RETURN 0 1
        bytes.extend(int(2)); // constants
        bytes.extend([TAG_INTEGER]);
        bytes.extend(7i64.to_le_bytes());
        bytes.extend([TAG_LONG_STRING, 0xFF]);
        bytes.extend(3u64.to_le_bytes());
        bytes.extend(b"hi");
        bytes.extend(int(1));
        bytes.extend([1, 0]); // upvalue: in stack, register 0
        bytes.extend(int(0)); // protos
        bytes.extend(int(0)); // line info
        bytes.extend(int(0)); // locals
        bytes.extend(int(0)); // upvalue names
        bytes
    }

    #[test]
    fn reads_a_minimal_chunk() {
        let chunk = undump(&minimal_chunk(), "=t").unwrap();
        assert_eq!(chunk.main_upvalues, 1);
        assert_eq!(chunk.main.source.as_deref(), Some(&b"=t"[..]));
        assert_eq!(chunk.main.code, vec![0x0080_0026]);
        assert_eq!(
            chunk.main.constants,
            vec![Constant::Integer(7), Constant::String(b"hi".to_vec())]
        );
        assert_eq!(
            chunk.main.upvalues,
            vec![Upvalue {
                in_stack: true,
                index: 0
            }]
        );
        assert!(chunk.main.is_vararg);
    }

    #[test]
    fn header_errors_use_lundump_words() {
        let error = |bytes: Vec<u8>| undump(&bytes, "@x.luac").unwrap_err().to_string();
        let mut bad = minimal_chunk();
        bad[1] = b'X';
        assert_eq!(error(bad), "x.luac: not a precompiled chunk");
        let mut bad = minimal_chunk();
        bad[4] = 0x54;
        assert_eq!(error(bad), "x.luac: version mismatch in precompiled chunk");
        let mut bad = minimal_chunk();
        bad[5] = 1;
        assert_eq!(error(bad), "x.luac: format mismatch in precompiled chunk");
        let mut bad = minimal_chunk();
        bad[8] = b'\n';
        assert_eq!(error(bad), "x.luac: corrupted precompiled chunk");
        let mut bad = minimal_chunk();
        bad[13] = 4;
        assert_eq!(
            error(bad),
            "x.luac: size_t size mismatch in precompiled chunk"
        );
        let mut bad = minimal_chunk();
        bad[17] = 0x56; // LUAC_INT with its bytes swapped
        bad[18] = 0x78;
        assert_eq!(
            error(bad),
            "x.luac: endianness mismatch in precompiled chunk"
        );
        let mut bad = minimal_chunk();
        bad[25 + 7] ^= 0x80; // LUAC_NUM negated
        assert_eq!(
            error(bad),
            "x.luac: float format mismatch in precompiled chunk"
        );
        assert_eq!(
            error(b"\x1bLu".to_vec()),
            "x.luac: truncated precompiled chunk"
        );
    }

    #[test]
    fn chunk_names_are_shown_as_lua_shows_them() {
        assert_eq!(display_name("@a/b.lua"), "a/b.lua");
        assert_eq!(display_name("=stdin"), "stdin");
        assert_eq!(display_name("\x1bLua..."), "binary string");
        assert_eq!(display_name("return 1"), "return 1");
    }

    #[test]
    fn impossible_counts_are_refused_before_allocating() {
        let mut bad = minimal_chunk();
        let code_count = header().len() + 1 + 3 + 4 + 4 + 3;
        bad[code_count..code_count + 4].copy_from_slice(&int(i32::MAX));
        assert_eq!(
            undump(&bad, "=t").unwrap_err().to_string(),
            "t: truncated precompiled chunk"
        );
        bad[code_count..code_count + 4].copy_from_slice(&int(-1));
        assert_eq!(
            undump(&bad, "=t").unwrap_err().to_string(),
            "t: corrupted precompiled chunk (negative instruction count -1)"
        );
    }

    #[test]
    fn unknown_constant_tags_are_named() {
        let mut bad = minimal_chunk();
        let position = bad.iter().position(|&b| b == TAG_INTEGER).unwrap();
        bad[position] = 0x07;
        assert_eq!(
            undump(&bad, "=t").unwrap_err().to_string(),
            "t: corrupted precompiled chunk (unknown constant type 0x07)"
        );
    }

    #[test]
    fn deep_nesting_is_refused_without_recursing_forever() {
        // A function whose only content is a nested function, repeated: the
        // shape is valid, only the depth is impossible.
        let mut bytes = header();
        bytes.push(0);
        let depth = MAX_NESTING + 5;
        for _ in 0..depth {
            bytes.push(0); // no source
            bytes.extend(int(0));
            bytes.extend(int(0));
            bytes.extend([0, 0, 2]);
            bytes.extend(int(0)); // code
            bytes.extend(int(0)); // constants
            bytes.extend(int(0)); // upvalues
            bytes.extend(int(1)); // one nested function
        }
        bytes.extend(vec![0; depth * 16]);
        assert_eq!(
            undump(&bytes, "=t").unwrap_err().to_string(),
            "t: corrupted precompiled chunk (functions nested too deeply)"
        );
    }
}
