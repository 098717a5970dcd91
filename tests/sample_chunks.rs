//! The committed binary chunks are what the reference compiler produces now:
//! if a sample's source changes, its `.luac` must be regenerated with
//! `cargo xtask luac --all`.

use std::path::Path;

use oracle::samples::chunk_samples;

#[test]
fn committed_chunks_match_the_reference_compiler() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    // Chunk names are the paths relative to the workspace root.
    std::env::set_current_dir(root).unwrap();
    let samples = chunk_samples(Path::new(".")).unwrap();
    assert!(!samples.is_empty());
    let mut stale = Vec::new();
    for sample in &samples {
        let expected = oracle::compile_file(&sample.source, sample.strip).unwrap();
        if std::fs::read(&sample.chunk).ok() != Some(expected) {
            stale.push(sample.chunk.display().to_string());
        }
    }
    assert!(
        stale.is_empty(),
        "stale or missing chunks (run `cargo xtask luac --all`): {stale:?}"
    );
}
