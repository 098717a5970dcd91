// ANCHOR: main
use std::process::ExitCode;

fn main() -> ExitCode {
    ch12::cli::main()
}
// ANCHOR_END: main
