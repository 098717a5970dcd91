// ANCHOR: main
use std::process::ExitCode;

fn main() -> ExitCode {
    ch07::cli::main()
}
// ANCHOR_END: main
