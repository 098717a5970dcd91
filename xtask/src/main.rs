//! `cargo xtask`: the repository's own tooling.
//!
//! Commands:
//!   luac FILE.lua... [-o OUT] [-s]   compile with the reference Lua 5.3
//!   luac --all                       regenerate every committed sample chunk
//!   new-chapter NN slug              start chapter NN as a copy of NN-1
//!   forward NN                       carry chapter NN's latest change forward
//!   chapter-diff NN                  what changed since chapter NN-1
//!   book [--check]                   build (and check) the book
//!   compare-luac                     check listings against a real luac
//!   bench [--chapter NN]             time the benchmarks against the reference

mod bench;
mod book;
mod chapters;
mod compare_luac;
mod diff;
mod forward;
mod luac;
mod new_chapter;

use std::path::PathBuf;
use std::process::ExitCode;

/// An error for the user: printed as it is, exit status 1.
pub type Result<T> = std::result::Result<T, String>;

const USAGE: &str = "usage: cargo xtask <command>

commands:
  luac FILE.lua... [-o OUT] [-s]  compile with the reference Lua 5.3 (like luac)
  luac --all                      regenerate the committed .luac of every sample
                                  that chapters 2-13 read
  new-chapter NN slug             start chapters/chNN-slug as a copy of chapter NN-1
  forward NN                      carry chapter NN's latest committed change into
                                  every later chapter (three-way merge)
  chapter-diff NN                 print the files added and changed since chapter NN-1
  book [--check]                  build the book into book/build; --check also
                                  verifies includes, anchors and chapter pages
  compare-luac                    compare chapter 3's listings with luac5.3 -l -l
                                  (needs Debian's lua5.3; the tests do not)
  bench [--chapter NN] [--runs N] time lua-samples/bench on a chapter's release
                                  build and on the reference Lua, side by side
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("luac") => luac::command(&args[1..]),
        Some("new-chapter") => new_chapter::command(&args[1..]),
        Some("forward") => forward::command(&args[1..]),
        Some("chapter-diff") => diff::command(&args[1..]),
        Some("book") => book::command(&args[1..]),
        Some("compare-luac") => compare_luac::command(&args[1..]),
        Some("bench") => bench::command(&args[1..]),
        Some("-h" | "--help" | "help") => {
            print!("{USAGE}");
            Ok(())
        }
        _ => Err(format!("unknown or missing command\n\n{USAGE}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask: {message}");
            ExitCode::FAILURE
        }
    }
}

/// The workspace root: xtask always works from there, whatever directory
/// `cargo xtask` was typed in.
pub fn workspace_root() -> PathBuf {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    root.canonicalize().unwrap_or(root)
}

/// Parses a chapter number such as `7` or `07`.
pub fn chapter_number(text: Option<&String>) -> Result<u32> {
    text.and_then(|t| t.parse().ok())
        .filter(|n| (1..=99).contains(n))
        .ok_or_else(|| format!("expected a chapter number, got {text:?}"))
}
