//! Build Lua in Rust, chapter 3: instructions.
//!
//! This chapter decodes the 32-bit instruction words of a binary chunk into
//! opcodes and operands, and its program lists a chunk the way `luac -l -l`
//! does.

pub mod binary_chunk;
pub mod cli;
pub mod error;
pub mod instruction;
pub mod listing;
pub mod number;
pub mod opcodes;

pub use error::LuaError;

// ANCHOR: run_chunk
/// What this chapter does with a script: read it as a binary chunk and list
/// it like `luac -l -l`. Source text needs a compiler, which arrives in
/// chapter 17; until then `cargo xtask luac` compiles with the reference Lua.
pub fn run_chunk(
    chunkname: &str,
    bytes: &[u8],
    _script: &cli::Script,
    out: &mut dyn std::io::Write,
) -> Result<(), LuaError> {
    if bytes.first() != Some(&binary_chunk::LUA_SIGNATURE[0]) {
        return Err(LuaError::new(format!(
            "{}: not a binary chunk (compile it first: cargo xtask luac FILE.lua)",
            binary_chunk::display_name(chunkname)
        )));
    }
    let chunk = binary_chunk::undump(bytes, chunkname)?;
    out.write_all(listing::list_chunk(&chunk).as_bytes())?;
    Ok(())
}
// ANCHOR_END: run_chunk
