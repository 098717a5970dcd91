// ANCHOR: main
use std::process::ExitCode;

fn main() -> ExitCode {
    ch11::cli::main()
}
// ANCHOR_END: main
