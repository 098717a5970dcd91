// ANCHOR: main
use std::process::ExitCode;

fn main() -> ExitCode {
    ch17::luac::main()
}
// ANCHOR_END: main
