//! Snapshots of chapter 1's program, run in-process as a reader runs it from
//! the workspace root: `cargo run -p ch01 -- ARGS`.

use ch01::cli::{self, Streams};

/// Runs the command line from the workspace root, so paths and chunk names
/// read as the reader types them, and shows everything the program did.
fn transcript(args: &[&str], stdin: &[u8]) -> String {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
    // Every test in this file wants the same directory, so setting it from
    // several threads is harmless.
    std::env::set_current_dir(root).unwrap();
    let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
    let (mut stdout, mut stderr) = (Vec::new(), Vec::new());
    let status = cli::run(
        "ch01",
        &args,
        &mut Streams {
            stdin: &mut &stdin[..],
            stdin_is_terminal: false,
            stdout: &mut stdout,
            stderr: &mut stderr,
        },
    );
    format!(
        "$ ch01 {}\nexit status: {status}\n--- stdout\n{}--- stderr\n{}",
        shell_words(&args),
        String::from_utf8_lossy(&stdout),
        String::from_utf8_lossy(&stderr)
    )
}

/// The arguments as a reader would type them in a shell: an argument with
/// anything but plain characters in it is put in single quotes.
fn shell_words(args: &[String]) -> String {
    let plain = |c: char| c.is_ascii_alphanumeric() || "_./=:,+-@%".contains(c);
    args.iter()
        .map(|arg| {
            if !arg.is_empty() && arg.chars().all(plain) {
                arg.clone()
            } else {
                format!("'{}'", arg.replace('\'', r"'\''"))
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn describes_a_source_script_and_its_arguments() {
    insta::assert_snapshot!(transcript(
        &["lua-samples/ch01/hello.lua", "one", "two"],
        b""
    ));
}

#[test]
fn reads_standard_input_for_dash() {
    insta::assert_snapshot!(transcript(&["-", "x"], b"print('from stdin')\n"));
}

#[test]
fn version_option() {
    insta::assert_snapshot!(transcript(&["-v"], b""));
}

#[test]
fn missing_script_is_an_error_like_lua() {
    insta::assert_snapshot!(transcript(&["lua-samples/no-such-file.lua"], b""));
}

#[test]
fn directory_cannot_be_read() {
    insta::assert_snapshot!(transcript(&["lua-samples"], b""));
}

#[test]
fn bad_option_prints_usage() {
    insta::assert_snapshot!(transcript(&["-x"], b""));
}

#[test]
fn option_without_its_argument() {
    insta::assert_snapshot!(transcript(&["-e"], b""));
}

#[test]
fn features_of_later_chapters_are_refused_clearly() {
    insta::assert_snapshot!(transcript(&["-e", "print(1)"], b""));
}
