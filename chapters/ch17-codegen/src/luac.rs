//! The chapter's second program, a `luac`: the options, messages and exit
//! codes of `luac.c` in Lua 5.3, with our compiler and chunk writer.
//!
//! `luac [options] [filenames]` compiles each file (source or a binary
//! chunk), combines several into one main function that calls each in
//! turn, lists the result with `-l` and writes it to `luac.out`, or to the
//! file `-o` names.

use std::io::Write;
use std::process::ExitCode;

use crate::binary_chunk::{Prototype, Upvalue, dump};
use crate::cli::{Streams, os_message, read_script, version_line};
use crate::compiler::compile;
use crate::error::LuaError;
use crate::listing::list_function;

/// Where the chunk goes when `-o` does not say (`luac.out`).
const DEFAULT_OUTPUT: &str = "luac.out";

// ANCHOR: options
/// What the command line asked for, in the terms of `luac.c`.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Options {
    /// `-l` once for the instructions, twice for the full listing.
    pub listing: u32,
    /// Whether to write a chunk: `-p` says not to.
    pub dumping: bool,
    /// `-s`: leave out the debug information.
    pub stripping: bool,
    /// `-o`: the output file, `None` for standard output (`-o -`).
    pub output: Option<String>,
    /// How many times `-v` was given.
    pub version: u32,
    /// The files to compile; `-` is standard input.
    pub files: Vec<String>,
}

/// Parses the arguments after the program name as `doargs` does. An error
/// is the message `usage` prints before the usage text.
pub fn parse_args(args: &[String]) -> Result<Options, String> {
    let mut options = Options {
        dumping: true,
        output: Some(DEFAULT_OUTPUT.to_string()),
        ..Options::default()
    };
    let mut i = 0;
    while i < args.len() {
        let arg = args[i].as_str();
        if !arg.starts_with('-') {
            break; // the first file name
        }
        match arg {
            "--" => {
                i += 1;
                if options.version > 0 {
                    options.version += 1;
                }
                break;
            }
            "-" => break, // standard input is the first file
            "-l" => options.listing += 1,
            "-o" => {
                i += 1;
                match args.get(i).map(String::as_str) {
                    None | Some("") => return Err("'-o' needs argument".into()),
                    Some(name) if name.starts_with('-') && name != "-" => {
                        return Err("'-o' needs argument".into());
                    }
                    Some("-") => options.output = None,
                    Some(name) => options.output = Some(name.to_string()),
                }
            }
            "-p" => options.dumping = false,
            "-s" => options.stripping = true,
            "-v" => options.version += 1,
            _ => return Err(format!("unrecognized option '{arg}'")),
        }
        i += 1;
    }
    options.files = args[i..].to_vec();
    // With no file, `-l` or `-p` lists or checks luac.out itself.
    if options.files.is_empty() && (options.listing > 0 || !options.dumping) {
        options.dumping = false;
        options.files.push(DEFAULT_OUTPUT.to_string());
    }
    Ok(options)
}
// ANCHOR_END: options

/// The usage text after a bad command line.
fn usage(progname: &str) -> String {
    format!(
        "usage: {progname} [options] [filenames]\n\
         Available options are:\n\
         \x20 -l       list (use -l -l for full listing)\n\
         \x20 -o name  output to file 'name' (default is \"{DEFAULT_OUTPUT}\")\n\
         \x20 -p       parse only\n\
         \x20 -s       strip debug information\n\
         \x20 -v       show version information\n\
         \x20 --       stop handling options\n\
         \x20 -        stop handling options and process stdin\n"
    )
}

/// The entry point of the `chNN-luac` binaries.
pub fn main() -> ExitCode {
    let mut args = std::env::args_os();
    let progname = crate::cli::program_name(args.next(), "luac");
    let args: Vec<String> = args.map(|a| a.to_string_lossy().into_owned()).collect();
    let mut stderr = std::io::stderr().lock();
    let stdin = std::io::stdin();
    let status = run(
        &progname,
        &args,
        &mut Streams {
            stdin: &mut stdin.lock(),
            stdin_is_terminal: false,
            stdout: Box::new(std::io::stdout()),
            stderr: &mut stderr,
        },
    );
    ExitCode::from(status)
}

// ANCHOR: run
/// Runs a command line; returns the exit status: 0, or 1 after a message
/// (`progname: message`), as `luac` exits.
pub fn run(progname: &str, args: &[String], io: &mut Streams) -> u8 {
    let options = match parse_args(args) {
        Ok(options) => options,
        Err(message) => {
            let _ = write!(io.stderr, "{progname}: {message}\n{}", usage(progname));
            return 1;
        }
    };
    if options.version > 0 {
        let _ = writeln!(io.stdout, "{}", version_line());
        if options.version as usize == args.len() {
            let _ = io.stdout.flush();
            return 0;
        }
    }
    if options.files.is_empty() {
        let _ = write!(
            io.stderr,
            "{progname}: no input files given\n{}",
            usage(progname)
        );
        return 1;
    }
    let result = compile_files(&options, io);
    let _ = io.stdout.flush();
    match result {
        Ok(()) => 0,
        Err(message) => {
            let _ = writeln!(io.stderr, "{progname}: {message}");
            1
        }
    }
}

// ANCHOR: compile_files
fn compile_files(options: &Options, io: &mut Streams) -> Result<(), String> {
    let mut mains = Vec::new();
    for file in &options.files {
        mains.push(load_file(file, io)?);
    }
    let combined = mains.len() > 1;
    let mut main = combine(mains).map_err(|e| e.message())?;
    if options.listing > 0 {
        let listing = list_function(&main, options.listing > 1);
        io.stdout
            .write_all(listing.as_bytes())
            .map_err(|e| e.to_string())?;
    }
    if options.dumping {
        // luac.c sets the combined main function's count of lines to 0:
        // its listing still shows them, its chunk has none.
        if combined {
            main.line_info.clear();
        }
        let chunk = dump(&main, 1, options.stripping);
        match &options.output {
            None => io.stdout.write_all(&chunk).map_err(|e| e.to_string())?,
            Some(path) => std::fs::write(path, &chunk)
                .map_err(|e| format!("cannot open {path}: {}", os_message(&e)))?,
        }
    }
    Ok(())
}
// ANCHOR_END: compile_files
// ANCHOR_END: run

// ANCHOR: load_file
// ANCHOR: load_file_fn
/// Compiles one file as `luaL_loadfile` loads it: source text, or a binary
/// chunk, with a first `#` line skipped; `-` is standard input.
fn load_file(file: &str, io: &mut Streams) -> Result<Prototype, String> {
    let (chunkname, bytes) = read_script(file, io.stdin)?;
    crate::load(&chunkname, &bytes).map_err(|e| e.message())
}
// ANCHOR_END: load_file_fn

// ANCHOR: combine
/// One file's main function as it is; several combined as `luac.c`'s
/// `combine` does: a main function that calls each in turn, compiled from
/// `(function()end)();` repeated, whose functions are then replaced by the
/// files' own. Each then finds `_ENV` among the main function's upvalues.
fn combine(mut mains: Vec<Prototype>) -> Result<Prototype, LuaError> {
    if mains.len() == 1 {
        return Ok(mains.remove(0));
    }
    let calls = "(function()end)();".repeat(mains.len());
    let mut main = compile(calls.as_bytes(), "=(luac)")?;
    for (slot, mut function) in main.protos.iter_mut().zip(mains) {
        if let Some(env) = function.upvalues.first_mut() {
            *env = Upvalue {
                in_stack: false,
                index: env.index,
            };
        }
        *slot = function;
    }
    Ok(main)
}
// ANCHOR_END: combine
// ANCHOR_END: load_file

#[cfg(test)]
mod tests {
    use super::*;
    use pretty_assertions::assert_eq;

    fn args(text: &str) -> Vec<String> {
        text.split_whitespace().map(String::from).collect()
    }

    #[test]
    fn options_are_read_as_luac_reads_them() {
        let o = parse_args(&args("-l -l -s -o out.luac a.lua b.lua")).unwrap();
        assert_eq!(o.listing, 2);
        assert!(o.stripping && o.dumping);
        assert_eq!(o.output.as_deref(), Some("out.luac"));
        assert_eq!(o.files, args("a.lua b.lua"));
        let o = parse_args(&args("-p -")).unwrap();
        assert!(!o.dumping);
        assert_eq!(o.files, args("-"));
        let o = parse_args(&args("-o - -- -x.lua")).unwrap();
        assert_eq!((o.output, o.files), (None, args("-x.lua")));
        // With no file, -l lists luac.out.
        let o = parse_args(&args("-l")).unwrap();
        assert_eq!((o.dumping, o.files), (false, args("luac.out")));
        assert_eq!(
            parse_args(&args("-x")).unwrap_err(),
            "unrecognized option '-x'"
        );
        assert_eq!(parse_args(&args("-o")).unwrap_err(), "'-o' needs argument");
        assert_eq!(
            parse_args(&args("-o -l")).unwrap_err(),
            "'-o' needs argument"
        );
    }
}
