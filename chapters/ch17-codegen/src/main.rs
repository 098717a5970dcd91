// ANCHOR: main
use std::process::ExitCode;

fn main() -> ExitCode {
    ch17::cli::main()
}
// ANCHOR_END: main
