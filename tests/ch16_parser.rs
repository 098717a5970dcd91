//! Chapter 16's parser against the reference: on every sample, and on
//! mutants of every sample's tokens (one token deleted, doubled, or
//! swapped with the next), it accepts what the reference's `load` accepts
//! and refuses the rest with the reference's message, word for word.

mod common;

use ch16::compiler::parser::parse;
use common::{Tokens, Xorshift, lua_sources};

fn compare(source: &[u8], chunkname: &str) -> Result<(), String> {
    let ours = parse(source, chunkname).err().map(|e| e.message());
    let theirs = oracle::compile(source, chunkname, false).err();
    if ours == theirs {
        return Ok(());
    }
    Err(format!(
        "{chunkname} {:?}:\n  ours      {ours:?}\n  reference {theirs:?}",
        String::from_utf8_lossy(&source[..source.len().min(300)])
    ))
}

#[test]
fn every_sample_parses_as_in_the_reference() {
    let failures: Vec<String> = lua_sources()
        .iter()
        .filter_map(|(name, source)| compare(source, name).err())
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// How many positions of each earlier chapter's sample are mutated; the
/// samples of chapter 16 itself are mutated at every position.
const POSITIONS_PER_SAMPLE: usize = 12;

#[test]
fn token_mutants_fail_as_in_the_reference() {
    let mut random = Xorshift(0x5eed_1616);
    let mut failures = Vec::new();
    let mut mutants = 0;
    for (name, source) in lua_sources() {
        let tokens = Tokens::of(&source);
        if tokens.len() < 2 {
            continue;
        }
        let own = name.starts_with("@lua-samples/ch16/");
        for i in tokens.positions(own, POSITIONS_PER_SAMPLE, &mut random) {
            for mutant in tokens.mutants_at(i) {
                mutants += 1;
                failures.extend(compare(&mutant, &name).err());
            }
        }
    }
    assert!(mutants > 1000, "only {mutants} mutants");
    assert!(
        failures.is_empty(),
        "{} of {mutants}:\n{}",
        failures.len(),
        failures[..failures.len().min(20)].join("\n")
    );
}
