//! Lua 5.3 binary chunks: what `luac` writes and `string.dump` returns.
//!
//! A binary chunk is a header followed by the main function's prototype,
//! which holds its nested prototypes, recursively. The layout is the one
//! `ldump.c` writes and `lundump.c` reads in Lua 5.3.6. The reader is in
//! [`reader`], the writer in [`writer`]; this module defines what they
//! read and write.

mod reader;
mod writer;

pub use reader::undump;
pub use writer::dump;

// ANCHOR: header_constants
/// `LUA_SIGNATURE`: every binary chunk starts with ESC followed by "Lua".
pub const LUA_SIGNATURE: &[u8; 4] = b"\x1bLua";
/// `LUAC_VERSION`: major version × 16 + minor version.
pub const LUAC_VERSION: u8 = 0x53;
/// `LUAC_FORMAT`: 0 is the official format.
pub const LUAC_FORMAT: u8 = 0;
/// `LUAC_DATA`: bytes that a text-mode transfer would mangle.
pub const LUAC_DATA: &[u8; 6] = b"\x19\x93\r\n\x1a\n";
/// The sizes, in bytes, of C's `int`, `size_t`, `Instruction`, `lua_Integer`
/// and `lua_Number` on the machine that wrote the chunk.
pub const CINT_SIZE: u8 = 4;
pub const CSIZET_SIZE: u8 = 8;
pub const INSTRUCTION_SIZE: u8 = 4;
pub const LUA_INTEGER_SIZE: u8 = 8;
pub const LUA_NUMBER_SIZE: u8 = 8;
/// `LUAC_INT`: an integer whose bytes reveal the writer's byte order.
pub const LUAC_INT: i64 = 0x5678;
/// `LUAC_NUM`: a float whose bytes reveal the writer's float format.
pub const LUAC_NUM: f64 = 370.5;
// ANCHOR_END: header_constants

// ANCHOR: constant_tags
/// The type tags of constants in a chunk (`lua.h`, `lobject.h`): the basic
/// type in the low four bits, the variant above them.
pub const TAG_NIL: u8 = 0x00;
pub const TAG_BOOLEAN: u8 = 0x01;
pub const TAG_NUMBER: u8 = 0x03; // float
pub const TAG_INTEGER: u8 = 0x13; // LUA_TNUMBER | (1 << 4)
pub const TAG_SHORT_STRING: u8 = 0x04;
pub const TAG_LONG_STRING: u8 = 0x14; // LUA_TSTRING | (1 << 4)
// ANCHOR_END: constant_tags

// ANCHOR: chunk
/// A whole binary chunk.
#[derive(Debug, Clone, PartialEq)]
pub struct BinaryChunk {
    pub header: Header,
    /// How many upvalues the main closure has (always 1 for a chunk
    /// compiled from source: `_ENV`).
    pub main_upvalues: u8,
    pub main: Prototype,
}

/// The header, as read. [`undump`] accepts only the values Lua 5.3 on a
/// 64-bit little-endian machine writes, so these are those constants; the
/// chapter's program prints them to show what the bytes mean.
#[derive(Debug, Clone, PartialEq)]
pub struct Header {
    pub signature: [u8; 4],
    pub version: u8,
    pub format: u8,
    pub luac_data: [u8; 6],
    pub cint_size: u8,
    pub csizet_size: u8,
    pub instruction_size: u8,
    pub lua_integer_size: u8,
    pub lua_number_size: u8,
    pub luac_int: i64,
    pub luac_num: f64,
}
// ANCHOR_END: chunk

// ANCHOR: prototype
/// A function prototype: everything the compiler knows about one function.
#[derive(Debug, Clone, PartialEq)]
pub struct Prototype {
    /// The chunk name (`@file.lua`, `=stdin`, or the source text itself),
    /// or `None` when the chunk was stripped. A nested prototype whose
    /// source is the same as its parent's inherits it, as in `lundump.c`.
    pub source: Option<Vec<u8>>,
    /// First and last line of the function's definition; 0 for a main chunk.
    pub line_defined: u32,
    pub last_line_defined: u32,
    pub num_params: u8,
    pub is_vararg: bool,
    /// The number of registers the function needs.
    pub max_stack_size: u8,
    /// The instructions, as 32-bit words.
    pub code: Vec<u32>,
    pub constants: Vec<Constant>,
    pub upvalues: Vec<Upvalue>,
    pub protos: Vec<Prototype>,
    // Debug information, absent from stripped chunks.
    /// The source line of each instruction.
    pub line_info: Vec<u32>,
    pub loc_vars: Vec<LocVar>,
    pub upvalue_names: Vec<Vec<u8>>,
}

/// A constant in a prototype's constant table.
#[derive(Debug, Clone, PartialEq)]
pub enum Constant {
    Nil,
    Boolean(bool),
    Integer(i64),
    Number(f64),
    /// Short and long strings differ only in how Lua stores them; both are
    /// bytes, not necessarily UTF-8.
    String(Vec<u8>),
}

/// Where a closure finds an upvalue when it is created: in a register of
/// the enclosing function (`in_stack`), or among the enclosing function's
/// own upvalues.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Upvalue {
    pub in_stack: bool,
    pub index: u8,
}

/// A local variable's name and the range of instructions (0-based, end
/// exclusive) where it is alive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocVar {
    pub name: Vec<u8>,
    pub start_pc: u32,
    pub end_pc: u32,
}
// ANCHOR_END: prototype

impl Prototype {
    /// The name of upvalue `index`, if the chunk kept it.
    pub fn upvalue_name(&self, index: usize) -> Option<&[u8]> {
        self.upvalue_names.get(index).map(Vec::as_slice)
    }

    /// The source line of the instruction at `pc` (0-based), if known.
    pub fn line(&self, pc: usize) -> Option<u32> {
        self.line_info.get(pc).copied()
    }
}

/// The name under which errors report a chunk, as `lundump.c` derives it
/// from the chunk name: without the leading `@` or `=`, and "binary string"
/// for a chunk whose name is itself binary.
pub fn display_name(chunkname: &str) -> &str {
    if let Some(rest) = chunkname.strip_prefix(['@', '=']) {
        rest
    } else if chunkname.as_bytes().first() == Some(&LUA_SIGNATURE[0]) {
        "binary string"
    } else {
        chunkname
    }
}
