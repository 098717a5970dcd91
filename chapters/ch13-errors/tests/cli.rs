//! The command line of this chapter on every sample chunk, run in-process as
//! a reader runs it from the workspace root: `cargo run -p chNN -- FILE`.

mod common;

use common::{own_sample_chunks, transcript, workspace_root};

#[test]
fn runs_every_sample_chunk_of_the_chapter() {
    let chunks = own_sample_chunks();
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
    let chunk = std::fs::read(workspace_root().join("lua-samples/ch02/hello.luac")).unwrap();
    let path = std::env::temp_dir().join(format!("{}-truncated.luac", env!("CARGO_PKG_NAME")));
    std::fs::write(&path, &chunk[..chunk.len() / 2]).unwrap();
    let text = transcript(&[path.to_str().unwrap()]);
    let expected = format!(
        "{}: {}: truncated precompiled chunk\n",
        env!("CARGO_PKG_NAME"),
        path.display()
    );
    assert!(text.ends_with(&expected), "{text}");
}
