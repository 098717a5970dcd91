// ANCHOR: main
use std::process::ExitCode;

fn main() -> ExitCode {
    ch16::cli::main()
}
// ANCHOR_END: main
