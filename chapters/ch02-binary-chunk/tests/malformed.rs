//! No input may panic the reader: every prefix of every sample chunk is
//! truncated and must say so, and every chunk with one bit flipped must be
//! either read or refused with an error, never crash.

use ch02::binary_chunk::undump;
use ch02::tree::print_chunk;

fn sample_chunks() -> Vec<(String, Vec<u8>)> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../lua-samples/ch02");
    let mut chunks: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "luac"))
        .map(|path| (path.display().to_string(), std::fs::read(&path).unwrap()))
        .collect();
    chunks.sort();
    assert!(!chunks.is_empty());
    chunks
}

#[test]
fn every_sample_chunk_reads() {
    for (name, bytes) in sample_chunks() {
        if let Err(e) = undump(&bytes, "=sample") {
            panic!("{name}: {e}");
        }
    }
}

#[test]
fn every_prefix_is_truncated() {
    for (name, bytes) in sample_chunks() {
        for len in 0..bytes.len() {
            match undump(&bytes[..len], "=sample") {
                Err(e) => assert_eq!(e.message(), "sample: truncated precompiled chunk", "{name}[..{len}]"),
                Ok(_) => panic!("{name}[..{len}] was read as a whole chunk"),
            }
        }
    }
}

#[test]
fn flipped_bits_never_panic() {
    for (_, bytes) in sample_chunks() {
        let mut corrupted = bytes.clone();
        for position in 0..bytes.len() {
            for bit in 0..8 {
                corrupted[position] ^= 1 << bit;
                if let Ok(chunk) = undump(&corrupted, "=sample") {
                    print_chunk(&chunk);
                }
                corrupted[position] ^= 1 << bit;
            }
        }
    }
}
