// ANCHOR: main
use std::process::ExitCode;

fn main() -> ExitCode {
    ch10::cli::main()
}
// ANCHOR_END: main
