//! No input may panic the reader: every prefix of every sample chunk is
//! truncated and must say so, and every chunk with a corrupted byte must be
//! either read or refused with an error, never crash; and whatever is read
//! is verified and run (for a while: a corrupted jump can loop forever)
//! without crashing either.

mod common;

use ch13::binary_chunk::undump;
use ch13::vm::{Hook, Proto};
use ch13::{LuaError, LuaState};
use common::{sample_chunks, workspace_root};

fn chunks() -> Vec<(String, Vec<u8>)> {
    sample_chunks()
        .into_iter()
        .map(|name| {
            let bytes = std::fs::read(workspace_root().join(&name)).unwrap();
            (name, bytes)
        })
        .collect()
}

#[test]
fn every_sample_chunk_reads() {
    for (name, bytes) in chunks() {
        if let Err(e) = undump(&bytes, "=sample") {
            panic!("{name}: {e}");
        }
    }
}

#[test]
fn every_prefix_is_truncated() {
    for (name, bytes) in chunks() {
        for len in 0..bytes.len() {
            match undump(&bytes[..len], "=sample") {
                Err(e) => assert_eq!(
                    e.message(),
                    "sample: truncated precompiled chunk",
                    "{name}[..{len}]"
                ),
                Ok(_) => panic!("{name}[..{len}] was read as a whole chunk"),
            }
        }
    }
}

#[test]
fn corrupted_bytes_never_panic() {
    for (_, bytes) in chunks() {
        let mut corrupted = bytes.clone();
        for position in 0..bytes.len() {
            // Two corruptions per byte keep the test quick in a debug build:
            // one flipped bit (a different bit at each position) and a byte
            // of all ones (a huge count, a negative int, an unknown tag).
            for replacement in [bytes[position] ^ (1 << (position % 8)), 0xFF] {
                corrupted[position] = replacement;
                if let Ok(chunk) = undump(&corrupted, "=sample") {
                    run_briefly(&chunk.main);
                }
            }
            corrupted[position] = bytes[position];
        }
    }
}

/// Stops a program after a few thousand instructions.
struct Budget(u32);

impl Hook for Budget {
    fn after_instruction(&mut self, _: &LuaState, _: &Proto, _: usize) -> Result<(), LuaError> {
        self.0 = self
            .0
            .checked_sub(1)
            .ok_or_else(|| LuaError::new("out of budget"))?;
        Ok(())
    }
}

fn run_briefly(main: &ch13::binary_chunk::Prototype) {
    if let Ok(proto) = Proto::load(main) {
        let _ = LuaState::new().execute(&proto, Some(&mut Budget(5_000)));
    }
}
