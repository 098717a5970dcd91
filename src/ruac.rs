//! `ruac`: the compiler as it stands at the newest chapter of the book,
//! with the command line of `luac`.

// ANCHOR: main
use std::process::ExitCode;

fn main() -> ExitCode {
    // `cargo xtask new-chapter` points this at the chapter it creates.
    ch17::luac::main()
}
// ANCHOR_END: main
