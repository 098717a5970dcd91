//! `reference-lua FILE`: runs a Lua file (source or binary chunk) on the
//! reference Lua 5.3.6, printing to standard output. The benchmarks build
//! it in release mode to time the reference the way a `lua` binary runs.
//!
//! `reference-lua -p FILE` only compiles the file, as `luac -p` does: the
//! benchmarks time the reference's compiler with it.

use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<_> = std::env::args_os().skip(1).collect();
    let (compile_only, path) = match args.as_slice() {
        [path] => (false, path),
        [flag, path] if flag == "-p" => (true, path),
        _ => {
            eprintln!("usage: reference-lua [-p] FILE");
            return ExitCode::FAILURE;
        }
    };
    let path = std::path::Path::new(path);
    if compile_only {
        return match oracle::compile_file(path, false) {
            Ok(_) => ExitCode::SUCCESS,
            Err(message) => {
                eprintln!("reference-lua: {message}");
                ExitCode::FAILURE
            }
        };
    }
    let outcome = oracle::run_file(path);
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
