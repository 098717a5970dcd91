//! The chunk writer: a prototype out as the bytes `luac` writes, the
//! inverse of [`super::undump`], as `ldump.c` writes them.

use super::*;

/// The longest string Lua stores as a short string (`LUAI_MAXSHORTLEN`);
/// the two kinds differ only in their tag.
const MAX_SHORT_STRING: usize = 40;

// ANCHOR: dump
/// The binary chunk of `main`, a main function with `upvalues` upvalues
/// (1, `_ENV`, for a chunk compiled from source). With `strip`, the debug
/// information is left out: the source, the lines, the local variables
/// and the upvalue names.
pub fn dump(main: &Prototype, upvalues: u8, strip: bool) -> Vec<u8> {
    let mut writer = Writer {
        out: Vec::new(),
        strip,
    };
    writer.header();
    writer.byte(upvalues);
    writer.function(main, None);
    writer.out
}
// ANCHOR_END: dump

struct Writer {
    out: Vec<u8>,
    strip: bool,
}

impl Writer {
    fn byte(&mut self, b: u8) {
        self.out.push(b);
    }

    fn int(&mut self, n: u32) {
        self.out.extend_from_slice(&n.to_le_bytes());
    }

    fn size(&mut self, n: usize) {
        self.int(u32::try_from(n).unwrap_or(u32::MAX));
    }

    // ANCHOR: string
    /// A string: its length plus one in a byte, or 0xFF and the length plus
    /// one as a `size_t` when that does not fit; nothing more for `None`
    /// (length 0).
    fn string(&mut self, s: Option<&[u8]>) {
        let Some(s) = s else {
            self.byte(0);
            return;
        };
        let size = s.len() + 1;
        if size < 0xFF {
            self.byte(size as u8);
        } else {
            self.byte(0xFF);
            self.out.extend_from_slice(&(size as u64).to_le_bytes());
        }
        self.out.extend_from_slice(s);
    }
    // ANCHOR_END: string

    fn header(&mut self) {
        self.out.extend_from_slice(LUA_SIGNATURE);
        self.byte(LUAC_VERSION);
        self.byte(LUAC_FORMAT);
        self.out.extend_from_slice(LUAC_DATA);
        for size in [
            CINT_SIZE,
            CSIZET_SIZE,
            INSTRUCTION_SIZE,
            LUA_INTEGER_SIZE,
            LUA_NUMBER_SIZE,
        ] {
            self.byte(size);
        }
        self.out.extend_from_slice(&LUAC_INT.to_le_bytes());
        self.out.extend_from_slice(&LUAC_NUM.to_le_bytes());
    }

    // ANCHOR: function
    /// A prototype. Its source is written only if it differs from its
    /// parent's (`parent_source`), which is how luac writes it once.
    fn function(&mut self, f: &Prototype, parent_source: Option<&[u8]>) {
        let source = f.source.as_deref();
        if self.strip || source == parent_source {
            self.string(None);
        } else {
            self.string(source);
        }
        self.int(f.line_defined);
        self.int(f.last_line_defined);
        self.byte(f.num_params);
        self.byte(u8::from(f.is_vararg));
        self.byte(f.max_stack_size);
        self.size(f.code.len());
        for &word in &f.code {
            self.int(word);
        }
        self.size(f.constants.len());
        for constant in &f.constants {
            self.constant(constant);
        }
        self.size(f.upvalues.len());
        for upvalue in &f.upvalues {
            self.byte(u8::from(upvalue.in_stack));
            self.byte(upvalue.index);
        }
        self.size(f.protos.len());
        for proto in &f.protos {
            self.function(proto, source);
        }
        self.debug(f);
    }
    // ANCHOR_END: function

    fn constant(&mut self, constant: &Constant) {
        match constant {
            Constant::Nil => self.byte(TAG_NIL),
            Constant::Boolean(b) => {
                self.byte(TAG_BOOLEAN);
                self.byte(u8::from(*b));
            }
            Constant::Number(x) => {
                self.byte(TAG_NUMBER);
                self.out.extend_from_slice(&x.to_le_bytes());
            }
            Constant::Integer(i) => {
                self.byte(TAG_INTEGER);
                self.out.extend_from_slice(&i.to_le_bytes());
            }
            Constant::String(s) => {
                self.byte(if s.len() <= MAX_SHORT_STRING {
                    TAG_SHORT_STRING
                } else {
                    TAG_LONG_STRING
                });
                self.string(Some(s));
            }
        }
    }

    /// The debug information, or three empty lists when stripping.
    fn debug(&mut self, f: &Prototype) {
        if self.strip {
            self.size(0);
            self.size(0);
            self.size(0);
            return;
        }
        self.size(f.line_info.len());
        for &line in &f.line_info {
            self.int(line);
        }
        self.size(f.loc_vars.len());
        for var in &f.loc_vars {
            self.string(Some(&var.name));
            self.int(var.start_pc);
            self.int(var.end_pc);
        }
        self.size(f.upvalue_names.len());
        for name in &f.upvalue_names {
            self.string(Some(name));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every committed sample chunk, read and written back, is the same
    /// bytes: the writer is the reader's exact inverse.
    #[test]
    fn every_sample_chunk_is_written_back_byte_for_byte() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../lua-samples");
        let mut count = 0;
        for dir in std::fs::read_dir(&root).unwrap().flatten() {
            for file in std::fs::read_dir(dir.path()).unwrap().flatten() {
                let path = file.path();
                if path.extension().is_some_and(|e| e == "luac") {
                    let bytes = std::fs::read(&path).unwrap();
                    let chunk = undump(&bytes, "=t").unwrap();
                    let stripped = path.to_string_lossy().ends_with(".s.luac");
                    let written = dump(&chunk.main, chunk.main_upvalues, stripped);
                    assert!(written == bytes, "{}", path.display());
                    count += 1;
                }
            }
        }
        assert!(count > 50, "only {count} chunks");
    }
}
