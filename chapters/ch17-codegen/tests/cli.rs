//! The command line of this chapter on every sample, run in-process as a
//! reader runs it from the workspace root: `cargo run -p chNN -- FILE`.

mod common;

use common::{sample_sources, transcript, workspace_root};

/// The chapter's own samples are Lua source: its program compiles and
/// runs each one, as `lua` runs it.
#[test]
fn runs_every_sample_of_the_chapter_from_source() {
    let own = format!("lua-samples/ch{}/", &env!("CARGO_PKG_NAME")[2..]);
    let sources: Vec<String> = sample_sources()
        .into_iter()
        .filter(|source| source.starts_with(&own))
        .collect();
    assert!(!sources.is_empty());
    for source in sources {
        let name = source.trim_start_matches("lua-samples/").replace('/', "__");
        insta::assert_snapshot!(name, transcript(&[&source]));
    }
}

/// A binary chunk still runs, as in chapter 13.
#[test]
fn runs_a_binary_chunk_as_before() {
    insta::assert_snapshot!(transcript(&["lua-samples/ch13/uncaught.luac"]));
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
