// ANCHOR: main
use std::process::ExitCode;

fn main() -> ExitCode {
    ch15::cli::main()
}
// ANCHOR_END: main
