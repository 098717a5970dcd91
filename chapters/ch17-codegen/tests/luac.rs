//! The chapter's `luac` as a reader runs it: `cargo run -p ch17 --bin
//! ch17-luac -- ARGS`, in-process. Each transcript was compared with what
//! `luac5.3` prints for the same command line, the program's name, the
//! functions' addresses and `-v`'s line apart.

mod common;

use common::{luac_transcript, workspace_root};

#[test]
fn lists_a_chunk() {
    insta::assert_snapshot!(luac_transcript(
        &["-l", "-p", "lua-samples/ch17/conditions.lua"],
        b""
    ));
}

#[test]
fn lists_a_chunk_in_full() {
    insta::assert_snapshot!(luac_transcript(
        &["-l", "-l", "-p", "lua-samples/ch10/blocks.lua"],
        b""
    ));
}

#[test]
fn combines_several_files_into_one_main_function() {
    insta::assert_snapshot!(luac_transcript(
        &[
            "-l",
            "-p",
            "lua-samples/ch02/hello.lua",
            "lua-samples/ch09/hello.lua"
        ],
        b""
    ));
}

#[test]
fn reads_standard_input() {
    insta::assert_snapshot!(luac_transcript(
        &["-l", "-p", "-"],
        b"local x = ...\nreturn x"
    ));
}

#[test]
fn reports_a_syntax_error() {
    insta::assert_snapshot!(luac_transcript(
        &["-p", "lua-samples/ch16/end_expected.lua"],
        b""
    ));
}

#[test]
fn refuses_bad_command_lines() {
    insta::assert_snapshot!("no_files", luac_transcript(&[], b""));
    insta::assert_snapshot!("bad_option", luac_transcript(&["-x"], b""));
    insta::assert_snapshot!("o_needs_argument", luac_transcript(&["-o"], b""));
    insta::assert_snapshot!(
        "missing_file",
        luac_transcript(&["-p", "no/such/file.lua"], b"")
    );
}

#[test]
fn shows_its_version() {
    insta::assert_snapshot!(luac_transcript(&["-v"], b""));
}

/// What `-o` writes is what the reference luac writes, byte for byte:
/// the committed chunks are the reference's.
#[test]
fn writes_the_chunk_luac_writes() {
    let dir = std::env::temp_dir().join(format!("{}-luac", env!("CARGO_PKG_NAME")));
    std::fs::create_dir_all(&dir).unwrap();
    let cases = [
        (
            false,
            "lua-samples/ch12/clearing.lua",
            "lua-samples/ch12/clearing.luac",
        ),
        (
            true,
            "lua-samples/ch02/hello.lua",
            "lua-samples/ch02/hello.s.luac",
        ),
    ];
    for (strip, source, reference) in cases {
        let out = dir.join(if strip { "s.luac" } else { "u.luac" });
        let out_arg = out.to_str().unwrap().to_string();
        let mut args = vec!["-o", &out_arg, source];
        if strip {
            args.insert(0, "-s");
        }
        let text = luac_transcript(&args, b"");
        assert!(text.contains("exit status: 0"), "{text}");
        let written = std::fs::read(&out).unwrap();
        let reference = std::fs::read(workspace_root().join(reference)).unwrap();
        assert!(written == reference, "{source}, strip {strip}");
    }
}
