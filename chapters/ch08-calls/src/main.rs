// ANCHOR: main
use std::process::ExitCode;

fn main() -> ExitCode {
    ch08::cli::main()
}
// ANCHOR_END: main
