// ANCHOR: main
use std::process::ExitCode;

fn main() -> ExitCode {
    ch13::cli::main()
}
// ANCHOR_END: main
