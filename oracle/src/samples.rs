//! The samples that chapters 2–13 read as binary chunks, before the book has
//! a compiler of its own, and the rule that names their chunks.
//!
//! Every `lua-samples/chNN/NAME.lua` with 2 <= NN <= 13 has `NAME.luac` beside
//! it, compiled by the reference with debug information. The samples of the
//! chunk chapters (2 and 3) also have `NAME.s.luac`, compiled with `-s`, so
//! that stripped chunks are read and listed too. `cargo xtask luac --all`
//! writes them; a root test checks that the committed files are current.

use std::path::{Path, PathBuf};

/// The chapters whose samples are run from precompiled chunks.
pub const CHUNK_CHAPTERS: std::ops::RangeInclusive<u32> = 2..=13;
/// The chapters whose samples also come as stripped chunks.
pub const STRIPPED_CHAPTERS: std::ops::RangeInclusive<u32> = 2..=3;

/// One binary chunk to produce from one sample.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChunkSample {
    /// The Lua source, relative to the workspace root.
    pub source: PathBuf,
    /// The binary chunk written beside it.
    pub chunk: PathBuf,
    /// Whether the chunk is stripped of debug information.
    pub strip: bool,
}

/// Every chunk sample, in a stable order. `root` is the workspace root; the
/// paths returned are relative to it, as chunk names must be.
pub fn chunk_samples(root: &Path) -> std::io::Result<Vec<ChunkSample>> {
    let mut samples = Vec::new();
    for chapter in CHUNK_CHAPTERS {
        let dir = PathBuf::from("lua-samples").join(format!("ch{chapter:02}"));
        for source in lua_files(root, &dir)? {
            samples.push(ChunkSample {
                chunk: source.with_extension("luac"),
                source: source.clone(),
                strip: false,
            });
            if STRIPPED_CHAPTERS.contains(&chapter) {
                samples.push(ChunkSample {
                    chunk: source.with_extension("s.luac"),
                    source,
                    strip: true,
                });
            }
        }
    }
    Ok(samples)
}

/// The `.lua` files directly in `root/dir`, as `dir/NAME.lua`, sorted. A
/// missing directory has none.
pub fn lua_files(root: &Path, dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let entries = match std::fs::read_dir(root.join(dir)) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e),
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(|entry| entry.ok())
        .map(|entry| entry.file_name())
        .filter(|name| name.to_string_lossy().ends_with(".lua"))
        .map(|name| dir.join(name))
        .collect();
    files.sort();
    Ok(files)
}
