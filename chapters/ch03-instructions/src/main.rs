// ANCHOR: main
use std::process::ExitCode;

fn main() -> ExitCode {
    ch03::cli::main()
}
// ANCHOR_END: main
