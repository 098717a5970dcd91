//! The command line, shaped like the standalone `lua` program's.
//!
//! Every chapter's `main.rs` calls [`main`]. The options are parsed exactly
//! as `lua.c` parses them, and errors are printed the way `lua` prints them
//! (`progname: message`, then the usage text for a bad option), with the
//! same exit codes. What the chapter does with a script is [`crate::run_chunk`].

use std::ffi::OsString;
use std::io::{IsTerminal, Read, Write};
use std::process::ExitCode;

use crate::error::LuaError;

// ANCHOR: options
/// What the command line asked for, in the terms `lua.c` uses.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Options {
    /// `-e stat` and `-l name`, in the order they were given.
    pub actions: Vec<Action>,
    /// `-i`: enter interactive mode after running the script.
    pub interactive: bool,
    /// `-v`: print the version line.
    pub version: bool,
    /// `-E`: ignore the `LUA_INIT` environment variables.
    pub ignore_env: bool,
    /// The script and its arguments, if one was named.
    pub script: Option<Script>,
}

/// An `-e` or `-l` option.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    Execute(String),
    Require(String),
}

/// The script to run: a file, or standard input for `-`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Script {
    /// The path as typed, or `-` for standard input.
    pub path: String,
    /// The arguments after the script: `arg[1]`, `arg[2]`, ...
    pub args: Vec<String>,
}
// ANCHOR_END: options

/// A command line that `lua` would refuse, with the message it prints.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UsageError(pub String);

// ANCHOR: parse
/// Parses the arguments after the program name, as `collectargs` in `lua.c`.
pub fn parse_args(args: &[String]) -> Result<Options, UsageError> {
    let mut options = Options::default();
    let mut i = 0;
    while i < args.len() {
        let arg = &args[i];
        if !arg.starts_with('-') {
            break; // the script name: options end here
        }
        match arg.as_str() {
            "-" => break, // the script is standard input
            "--" => {
                i += 1; // options end; what follows is the script
                break;
            }
            "-i" => {
                options.interactive = true;
                options.version = true; // `-i` implies `-v`, as in lua.c
            }
            "-v" => options.version = true,
            "-E" => options.ignore_env = true,
            _ if arg.starts_with("-e") || arg.starts_with("-l") => {
                // The argument may be glued on (`-eprint(1)`) or the next word.
                let value = if arg.len() > 2 {
                    arg[2..].to_string()
                } else {
                    i += 1;
                    match args.get(i) {
                        Some(next) if !next.starts_with('-') => next.clone(),
                        _ => return Err(UsageError(format!("'{arg}' needs argument"))),
                    }
                };
                options.actions.push(if arg.starts_with("-e") {
                    Action::Execute(value)
                } else {
                    Action::Require(value)
                });
            }
            _ => return Err(UsageError(format!("unrecognized option '{arg}'"))),
        }
        i += 1;
    }
    if let Some(path) = args.get(i) {
        options.script = Some(Script {
            path: path.clone(),
            args: args[i + 1..].to_vec(),
        });
    }
    Ok(options)
}
// ANCHOR_END: parse

/// The usage text `lua` prints after a bad option.
pub fn usage(progname: &str) -> String {
    format!(
        "usage: {progname} [options] [script [args]]\n\
         Available options are:\n\
         \x20 -e stat  execute string 'stat'\n\
         \x20 -i       enter interactive mode after executing 'script'\n\
         \x20 -l name  require library 'name' into global 'name'\n\
         \x20 -v       show version information\n\
         \x20 -E       ignore environment variables\n\
         \x20 --       stop handling options\n\
         \x20 -        stop handling options and execute stdin\n"
    )
}

/// The line `-v` prints. Each chapter names itself, so a reader always knows
/// which step of the book is answering.
pub fn version_line() -> String {
    format!(
        "Rua 0.1 ({}) -- Lua 5.3 in Rust, from the book Build Lua in Rust",
        env!("CARGO_PKG_NAME")
    )
}

// ANCHOR: streams
/// Where the program reads and writes. `main` passes the process's own
/// streams; tests pass buffers and capture everything. Standard output is
/// owned (boxed), because from this chapter on the Lua state writes to it
/// while the program runs.
pub struct Streams<'a> {
    pub stdin: &'a mut dyn Read,
    pub stdin_is_terminal: bool,
    pub stdout: Box<dyn Write>,
    pub stderr: &'a mut dyn Write,
}

/// An output that can be read back: a test gives a clone of it to the
/// program and reads what the program wrote through the other.
#[derive(Clone, Default)]
pub struct SharedOutput(std::rc::Rc<std::cell::RefCell<Vec<u8>>>);

impl SharedOutput {
    pub fn contents(&self) -> Vec<u8> {
        self.0.borrow().clone()
    }
}

impl Write for SharedOutput {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}
// ANCHOR_END: streams

// ANCHOR: main
/// The entry point of every chapter's binary.
pub fn main() -> ExitCode {
    let mut args = std::env::args_os();
    let progname = program_name(args.next(), env!("CARGO_PKG_NAME"));
    let args: Vec<String> = args.map(|a| a.to_string_lossy().into_owned()).collect();
    let stdin = std::io::stdin();
    let stdin_is_terminal = stdin.is_terminal();
    let mut stderr = std::io::stderr().lock();
    let status = run(
        &progname,
        &args,
        &mut Streams {
            stdin: &mut stdin.lock(),
            stdin_is_terminal,
            stdout: Box::new(std::io::stdout()),
            stderr: &mut stderr,
        },
    );
    ExitCode::from(status)
}
// ANCHOR_END: main

/// `lua` names itself by `argv[0]`; we keep only the file name so that
/// `cargo run` prints `ch01: ...` rather than `target/debug/ch01: ...`.
pub(crate) fn program_name(argv0: Option<OsString>, default: &str) -> String {
    argv0
        .as_deref()
        .map(std::path::Path::new)
        .and_then(|p| p.file_stem())
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| default.to_string())
}

// ANCHOR: run
/// Runs a command line and returns the process exit status: 0 on success,
/// 1 on any error, like `lua`.
pub fn run(progname: &str, args: &[String], io: &mut Streams) -> u8 {
    let options = match parse_args(args) {
        Ok(options) => options,
        Err(UsageError(message)) => {
            let _ = write!(io.stderr, "{progname}: {message}\n{}", usage(progname));
            let _ = io.stderr.flush();
            return 1;
        }
    };
    let result = run_options(&options, io);
    let _ = io.stdout.flush();
    match result {
        Ok(()) => 0,
        Err(error) => {
            let _ = writeln!(io.stderr, "{progname}: {error}");
            let _ = io.stderr.flush();
            1
        }
    }
}

fn run_options(options: &Options, io: &mut Streams) -> Result<(), LuaError> {
    if options.version {
        writeln!(io.stdout, "{}", version_line())?;
    }
    if let Some(action) = options.actions.first() {
        let option = match action {
            Action::Execute(_) => "option '-e'",
            Action::Require(_) => "option '-l'",
        };
        return Err(not_yet(option));
    }
    match &options.script {
        Some(script) => run_script(script, io)?,
        None if options.version || options.interactive => {}
        None if io.stdin_is_terminal => return Err(not_yet("interactive mode")),
        // Like `lua`, with no script and no terminal, run standard input.
        None => run_script(
            &Script {
                path: "-".into(),
                args: Vec::new(),
            },
            io,
        )?,
    }
    if options.interactive {
        return Err(not_yet("interactive mode"));
    }
    Ok(())
}
// ANCHOR_END: run

/// The error for a feature of `lua` that a later chapter of the book brings.
fn not_yet(feature: &str) -> LuaError {
    LuaError::new(format!(
        "{feature} is not available yet in {}",
        env!("CARGO_PKG_NAME")
    ))
}

// ANCHOR: run_script
/// Reads the script (a file, or standard input for `-`) and hands it to the
/// chapter's program under the chunk name `lua` would give it.
fn run_script(script: &Script, io: &mut Streams) -> Result<(), LuaError> {
    let (chunkname, bytes) = read_script(&script.path, io.stdin).map_err(LuaError::new)?;
    crate::run_chunk(&chunkname, &bytes, script, &mut io.stdout)
}

/// A script's chunk name and bytes, read as `luaL_loadfile` reads them:
/// `path`, or standard input for `-`, with the message `lua` and `luac`
/// print when it cannot be read.
pub fn read_script(path: &str, stdin: &mut dyn Read) -> Result<(String, Vec<u8>), String> {
    if path == "-" {
        let mut bytes = Vec::new();
        stdin
            .read_to_end(&mut bytes)
            .map_err(|e| format!("cannot read stdin: {}", os_message(&e)))?;
        return Ok(("=stdin".to_string(), bytes));
    }
    let bytes = std::fs::read(path).map_err(|e| {
        // `lua` says "open" when the file cannot be found or opened and
        // "read" when it opened but could not be read (a directory).
        let what = if e.kind() == std::io::ErrorKind::IsADirectory {
            "read"
        } else {
            "open"
        };
        format!("cannot {what} {path}: {}", os_message(&e))
    })?;
    Ok((format!("@{path}"), bytes))
}
// ANCHOR_END: run_script

/// The C library's wording of an OS error ("No such file or directory"),
/// which is what `lua` prints, without Rust's " (os error 2)" suffix.
pub(crate) fn os_message(error: &std::io::Error) -> String {
    let text = error.to_string();
    match text.find(" (os error") {
        Some(end) => text[..end].to_string(),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use pretty_assertions::assert_eq;

    fn strings(args: &[&str]) -> Vec<String> {
        args.iter().map(|s| s.to_string()).collect()
    }

    fn script(path: &str, args: &[&str]) -> Option<Script> {
        Some(Script {
            path: path.into(),
            args: strings(args),
        })
    }

    #[test]
    fn options_stop_at_the_script() {
        let options = parse_args(&strings(&["-v", "x.lua", "-e", "1"])).unwrap();
        assert!(options.version);
        assert_eq!(options.script, script("x.lua", &["-e", "1"]));
    }

    #[test]
    fn dash_dash_and_dash() {
        assert_eq!(
            parse_args(&strings(&["--", "-x"])).unwrap().script,
            script("-x", &[])
        );
        assert_eq!(
            parse_args(&strings(&["-", "a"])).unwrap().script,
            script("-", &["a"])
        );
        assert_eq!(parse_args(&strings(&["--"])).unwrap().script, None);
    }

    #[test]
    fn execute_and_require_take_an_argument_glued_or_next() {
        let options = parse_args(&strings(&["-eprint(1)", "-l", "m", "-i"])).unwrap();
        assert_eq!(
            options.actions,
            vec![
                Action::Execute("print(1)".into()),
                Action::Require("m".into())
            ]
        );
        assert!(options.interactive && options.version);
    }

    #[test]
    fn bad_options_are_refused_as_lua_refuses_them() {
        let refused = |args: &[&str]| parse_args(&strings(args)).unwrap_err().0;
        assert_eq!(refused(&["-x"]), "unrecognized option '-x'");
        assert_eq!(refused(&["-vx"]), "unrecognized option '-vx'");
        assert_eq!(refused(&["--x"]), "unrecognized option '--x'");
        assert_eq!(refused(&["-e"]), "'-e' needs argument");
        assert_eq!(refused(&["-l", "-v"]), "'-l' needs argument");
    }

    #[test]
    fn program_name_is_the_file_stem_of_argv0() {
        let argv0 = concat!("target/debug/", env!("CARGO_PKG_NAME"));
        assert_eq!(
            program_name(Some(argv0.into()), "x"),
            env!("CARGO_PKG_NAME")
        );
        assert_eq!(program_name(None, "luac"), "luac");
    }
}
