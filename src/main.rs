//! `rua`: the interpreter as it stands at the newest chapter of the book.
//!
//! Until the last chapter exists this simply runs the newest chapter's
//! program, so `cargo run -- FILE` always does the most the project can do.

// ANCHOR: main
use std::process::ExitCode;

fn main() -> ExitCode {
    // `cargo xtask new-chapter` points this at the chapter it creates.
    ch17::cli::main()
}
// ANCHOR_END: main
