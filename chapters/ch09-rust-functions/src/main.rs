// ANCHOR: main
use std::process::ExitCode;

fn main() -> ExitCode {
    ch09::cli::main()
}
// ANCHOR_END: main
