// ANCHOR: main
use std::process::ExitCode;

fn main() -> ExitCode {
    ch05::cli::main()
}
// ANCHOR_END: main
