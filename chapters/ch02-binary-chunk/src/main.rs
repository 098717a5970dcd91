// ANCHOR: main
use std::process::ExitCode;

fn main() -> ExitCode {
    ch02::cli::main()
}
// ANCHOR_END: main
