//! Build Lua in Rust, chapter 1: the command line.
//!
//! This chapter cannot run Lua yet. Its program is the skeleton every later
//! chapter grows from: it takes the same options as the standalone `lua`,
//! finds the script, reads it, and reports what it found.

pub mod cli;
pub mod error;
pub mod inspect;

pub use error::LuaError;

// ANCHOR: run_chunk
/// What this chapter does with a script: describe it. Every chapter has this
/// function; it is the one place where a chapter's step shows.
pub fn run_chunk(
    chunkname: &str,
    bytes: &[u8],
    script: &cli::Script,
    out: &mut dyn std::io::Write,
) -> Result<(), LuaError> {
    out.write_all(inspect::describe(chunkname, bytes, script).as_bytes())?;
    Ok(())
}
// ANCHOR_END: run_chunk
