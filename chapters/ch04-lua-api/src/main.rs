// ANCHOR: main
use std::process::ExitCode;

fn main() -> ExitCode {
    ch04::cli::main()
}
// ANCHOR_END: main
