// ANCHOR: main
use std::process::ExitCode;

fn main() -> ExitCode {
    ch06::cli::main()
}
// ANCHOR_END: main
