//! `reference-lua FILE`: runs a Lua file (source or binary chunk) on the
//! reference Lua 5.3.6, printing to standard output. The benchmarks build
//! it in release mode to time the reference the way a `lua` binary runs.

use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(path) = std::env::args_os().nth(1) else {
        eprintln!("usage: reference-lua FILE");
        return ExitCode::FAILURE;
    };
    let outcome = oracle::run_file(std::path::Path::new(&path));
    let mut stdout = std::io::stdout().lock();
    let _ = stdout.write_all(&outcome.output);
    let _ = stdout.flush();
    match outcome.error {
        None => ExitCode::SUCCESS,
        Some(message) => {
            eprintln!("reference-lua: {message}");
            ExitCode::FAILURE
        }
    }
}
