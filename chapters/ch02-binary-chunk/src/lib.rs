//! Build Lua in Rust, chapter 2: the binary chunk.
//!
//! This chapter reads what the Lua 5.3 compiler writes: the header, and the
//! tree of function prototypes with their code, constants, upvalues and
//! debug information. Its program prints all of it.

pub mod binary_chunk;
pub mod cli;
pub mod error;
pub mod number;
pub mod tree;

pub use error::LuaError;

// ANCHOR: run_chunk
/// What this chapter does with a script: read it as a binary chunk and print
/// its contents. Source text needs a compiler, which arrives in chapter 17;
/// until then `cargo xtask luac` compiles with the reference Lua.
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
    out.write_all(tree::print_chunk(&chunk).as_bytes())?;
    Ok(())
}
// ANCHOR_END: run_chunk
