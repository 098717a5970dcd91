// ANCHOR: main
use std::process::ExitCode;

fn main() -> ExitCode {
    ch01::cli::main()
}
// ANCHOR_END: main
