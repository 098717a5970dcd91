// ANCHOR: main
use std::process::ExitCode;

fn main() -> ExitCode {
    ch14::cli::main()
}
// ANCHOR_END: main
