//! What the tests of this chapter share: where the samples are, and running
//! the chapter's command line in-process as a reader runs it.

use std::path::{Path, PathBuf};

/// The workspace root: samples are named relative to it, as a reader types
/// them after `cargo run -p chNN --`.
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// This chapter's number, from its package name `chNN`.
fn chapter() -> u32 {
    env!("CARGO_PKG_NAME")[2..]
        .parse()
        .expect("package names are chNN")
}

/// The samples of this chapter and the ones before it (a sample's folder is
/// the chapter that introduced it) whose names end with `suffix`, as paths
/// relative to the workspace root, sorted.
fn samples_ending_with(suffix: &str) -> Vec<String> {
    let mut samples = Vec::new();
    for chapter in 1..=chapter() {
        let dir = format!("lua-samples/ch{chapter:02}");
        let Ok(entries) = std::fs::read_dir(workspace_root().join(&dir)) else {
            continue;
        };
        for entry in entries {
            let name = entry.unwrap().file_name().to_string_lossy().into_owned();
            if name.ends_with(suffix) {
                samples.push(format!("{dir}/{name}"));
            }
        }
    }
    samples.sort();
    samples
}

/// Every binary chunk among the samples (`lua-samples/chNN/*.luac`).
pub fn sample_chunks() -> Vec<String> {
    let chunks = samples_ending_with(".luac");
    assert!(!chunks.is_empty(), "no sample chunks found");
    chunks
}

/// Every Lua source among the samples (`lua-samples/chNN/*.lua`).
#[allow(dead_code)] // not every test file reads sources
pub fn sample_sources() -> Vec<String> {
    samples_ending_with(".lua")
}

/// The sample chunks of this chapter alone: `lua-samples/chNN/*.luac`.
#[allow(dead_code)] // not every test file snapshots the program
pub fn own_sample_chunks() -> Vec<String> {
    let own = format!("lua-samples/ch{:02}/", chapter());
    sample_chunks()
        .into_iter()
        .filter(|chunk| chunk.starts_with(&own))
        .collect()
}

/// Runs the chapter's command line from the workspace root with `args` and
/// shows everything it did: the command, the exit status, both streams.
#[allow(dead_code)] // not every test file runs the command line
pub fn transcript(args: &[&str]) -> String {
    // Every test wants the same directory, so setting it from several
    // threads is harmless.
    std::env::set_current_dir(workspace_root()).unwrap();
    let program = env!("CARGO_PKG_NAME");
    let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
    let stdout = ch17::cli::SharedOutput::default();
    let mut stderr = Vec::new();
    let status = ch17::cli::run(
        program,
        &args,
        &mut ch17::cli::Streams {
            stdin: &mut &b""[..],
            stdin_is_terminal: false,
            stdout: Box::new(stdout.clone()),
            stderr: &mut stderr,
        },
    );
    let stdout = stdout.contents();
    let text = format!(
        "$ {program} {}\nexit status: {status}\n--- stdout\n{}--- stderr\n{}",
        shell_words(&args),
        String::from_utf8_lossy(&stdout),
        String::from_utf8_lossy(&stderr)
    );
    normalise_addresses(&text)
}

/// The same for the chapter's `luac`, with `stdin` as its standard input.
#[allow(dead_code)]
pub fn luac_transcript(args: &[&str], stdin: &[u8]) -> String {
    std::env::set_current_dir(workspace_root()).unwrap();
    let program = format!("{}-luac", env!("CARGO_PKG_NAME"));
    let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
    let stdout = ch17::cli::SharedOutput::default();
    let mut stderr = Vec::new();
    let status = ch17::luac::run(
        &program,
        &args,
        &mut ch17::cli::Streams {
            stdin: &mut &stdin[..],
            stdin_is_terminal: false,
            stdout: Box::new(stdout.clone()),
            stderr: &mut stderr,
        },
    );
    let stdout = stdout.contents();
    format!(
        "$ {program} {}\nexit status: {status}\n--- stdout\n{}--- stderr\n{}",
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

/// Addresses change from run to run: `table: 0x55d0c2a4e2b0` becomes
/// `table: 0x000000000001`, numbering distinct addresses in order of first
/// appearance, so a snapshot still shows which values are the same object.
fn normalise_addresses(text: &str) -> String {
    let mut seen: Vec<&str> = Vec::new();
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find(": 0x") {
        let digits = rest[start + 4..]
            .bytes()
            .take_while(u8::is_ascii_hexdigit)
            .count();
        let address = &rest[start + 2..start + 4 + digits];
        let n = seen.iter().position(|a| *a == address).unwrap_or_else(|| {
            seen.push(address);
            seen.len() - 1
        });
        out.push_str(&rest[..start]);
        out.push_str(&format!(": 0x{:012x}", n + 1));
        rest = &rest[start + 4 + digits..];
    }
    out.push_str(rest);
    out
}
