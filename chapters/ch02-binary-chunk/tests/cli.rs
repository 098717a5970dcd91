//! The command line of chapter 2, run in-process from the workspace root as
//! a reader runs it: `cargo run -p ch02 -- ARGS`.

use ch02::cli::{self, Streams};

fn transcript(args: &[&str]) -> String {
    std::env::set_current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")).unwrap();
    let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
    let (mut stdout, mut stderr) = (Vec::new(), Vec::new());
    let status = cli::run(
        "ch02",
        &args,
        &mut Streams { stdin: &mut &b""[..], stdin_is_terminal: false, stdout: &mut stdout, stderr: &mut stderr },
    );
    format!(
        "$ ch02 {}\nexit status: {status}\n--- stdout\n{}--- stderr\n{}",
        args.join(" "),
        String::from_utf8_lossy(&stdout),
        String::from_utf8_lossy(&stderr)
    )
}

/// Every binary chunk among the samples this chapter can read.
fn sample_chunks() -> Vec<String> {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
    let mut chunks = Vec::new();
    for chapter in ["ch02"] {
        let dir = format!("{root}/lua-samples/{chapter}");
        for entry in std::fs::read_dir(&dir).unwrap() {
            let name = entry.unwrap().file_name().to_string_lossy().into_owned();
            if name.ends_with(".luac") {
                chunks.push(format!("lua-samples/{chapter}/{name}"));
            }
        }
    }
    chunks.sort();
    chunks
}

#[test]
fn prints_every_sample_chunk() {
    let chunks = sample_chunks();
    assert!(!chunks.is_empty());
    for chunk in chunks {
        let name = chunk.trim_start_matches("lua-samples/").replace('/', "__");
        insta::assert_snapshot!(name, transcript(&[&chunk]));
    }
}

#[test]
fn source_text_is_refused_with_a_hint() {
    insta::assert_snapshot!(transcript(&["lua-samples/ch02/hello.lua"]));
}

#[test]
fn a_truncated_chunk_is_an_error_like_lua() {
    let path = std::env::temp_dir().join("ch02-truncated.luac");
    let chunk = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../../lua-samples/ch02/hello.luac")).unwrap();
    std::fs::write(&path, &chunk[..chunk.len() / 2]).unwrap();
    let text = transcript(&[path.to_str().unwrap()]);
    let expected = format!("ch02: {}: truncated precompiled chunk\n", path.display());
    assert!(text.ends_with(&expected), "{text}");
}
