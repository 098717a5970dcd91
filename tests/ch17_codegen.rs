//! Chapter 17's compiler against the reference's: for every sample, the
//! chunk our compiler writes lists exactly as the reference's does
//! (chapter 3's listing, `luac -l -l`), stripped and unstripped, and it
//! loads in the reference Lua and prints what the reference's own
//! compilation prints.

use ch17::binary_chunk::{dump, undump};
use ch17::compiler::compile;
use ch17::listing::list_chunk;
use common::{Tokens, Xorshift, lua_sources};

mod common;

/// Our chunk for `source`, or our syntax error.
fn ours(source: &[u8], chunkname: &str, strip: bool) -> Result<Vec<u8>, String> {
    let main = compile(source, chunkname).map_err(|e| e.message())?;
    Ok(dump(&main, 1, strip))
}

fn listing(chunk: &[u8]) -> String {
    list_chunk(&undump(chunk, "=listing").unwrap())
}

/// The first line where two listings differ, with a little context.
fn first_difference(ours: &str, theirs: &str) -> String {
    let (a, b): (Vec<&str>, Vec<&str>) = (ours.lines().collect(), theirs.lines().collect());
    let at = a
        .iter()
        .zip(&b)
        .position(|(x, y)| x != y)
        .unwrap_or(a.len().min(b.len()));
    let from = at.saturating_sub(3);
    format!(
        "ours:\n{}\nreference:\n{}",
        a[from..(at + 3).min(a.len())].join("\n"),
        b[from..(at + 3).min(b.len())].join("\n")
    )
}

#[test]
fn listings_equal_the_references_for_every_sample() {
    let mut failures = Vec::new();
    let mut compared = 0;
    for (name, source) in lua_sources() {
        for strip in [false, true] {
            let theirs = oracle::compile(&source, &name, strip);
            match (ours(&source, &name, strip), theirs) {
                (Ok(ours), Ok(theirs)) => {
                    compared += 1;
                    let (a, b) = (listing(&ours), listing(&theirs));
                    if a != b {
                        failures.push(format!(
                            "{name} (strip {strip}):\n{}",
                            first_difference(&a, &b)
                        ));
                    } else if ours != theirs {
                        failures.push(format!("{name} (strip {strip}): same listing, other bytes"));
                    }
                }
                (Err(ours), Err(theirs)) if ours == theirs => {}
                (ours, theirs) => failures.push(format!(
                    "{name}: ours {:?}, reference {:?}",
                    ours.map(|_| "a chunk"),
                    theirs.map(|_| "a chunk")
                )),
            }
        }
    }
    assert!(compared > 200, "only {compared} compared");
    assert!(
        failures.is_empty(),
        "{} of {compared} differ:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

/// A chunk our compiler writes loads in the reference Lua and does what
/// the reference's own compilation does: the same output, the same error.
#[test]
fn our_chunks_run_in_the_reference_as_its_own() {
    let mut failures = Vec::new();
    for (name, source) in lua_sources() {
        let Ok(chunk) = ours(&source, &name, false) else {
            continue;
        };
        let from_ours = oracle::run(&chunk, &name);
        let from_source = oracle::run(&source, &name);
        if from_ours.output != from_source.output || from_ours.error != from_source.error {
            failures.push(format!(
                "{name}:\n  our chunk {:?} {:?}\n  source    {:?} {:?}",
                String::from_utf8_lossy(&from_ours.output),
                from_ours.error,
                String::from_utf8_lossy(&from_source.output),
                from_source.error
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// More than 2^18 constants: beyond what LOADK's 18 bits hold, LOADKX
/// and EXTRAARG load them; the chunk is still the reference's.
#[test]
fn constants_beyond_two_to_the_eighteen_use_loadkx() {
    let count = (1 << 18) + 10;
    let mut source = String::from("local t = {");
    for i in 0..count {
        source.push_str(&format!("{i}.5,"));
    }
    source.push_str("}\nreturn t[1], t[#t], #t\n");
    let theirs = oracle::compile(source.as_bytes(), "=big", false).unwrap();
    let mine = ours(source.as_bytes(), "=big", false).unwrap();
    assert!(mine == theirs, "the chunks differ");
    let listing = listing(&mine);
    assert!(listing.contains("LOADKX"), "no LOADKX");
    assert!(listing.contains("EXTRAARG"), "no EXTRAARG");
}

/// How many positions of each earlier chapter's sample are mutated; the
/// samples of chapter 17 are mutated at every position.
const POSITIONS_PER_SAMPLE: usize = 8;

/// The limits luac's code generator finds while it parses. Our generator
/// runs after the whole chunk is parsed, so it finds them only if nothing
/// later in the chunk is a syntax error, and it cannot name the token luac
/// was looking at: those mutants must be refused, but not in those words.
const CODE_GENERATOR_LIMITS: [&str; 2] = [
    "function or expression needs too many registers",
    "control structure too long",
];

/// One token deleted, doubled, or swapped with the next: our compiler
/// refuses the mutant with the reference's message, or writes the
/// reference's chunk, byte for byte.
#[test]
fn token_mutants_compile_as_in_the_reference() {
    let mut random = Xorshift(0x5eed_1717);
    let mut failures = Vec::new();
    let (mut mutants, mut compiled, mut limits) = (0, 0, 0);
    for (name, source) in lua_sources() {
        let tokens = Tokens::of(&source);
        if tokens.len() < 2 {
            continue;
        }
        let own = name.starts_with("@lua-samples/ch17/");
        for i in tokens.positions(own, POSITIONS_PER_SAMPLE, &mut random) {
            for text in tokens.mutants_at(i) {
                mutants += 1;
                let theirs = oracle::compile(&text, &name, false);
                match (ours(&text, &name, false), theirs) {
                    (Ok(a), Ok(b)) if a == b => compiled += 1,
                    (Err(a), Err(b)) if a == b => {}
                    (Err(_), Err(b)) if CODE_GENERATOR_LIMITS.iter().any(|m| b.contains(m)) => {
                        limits += 1;
                    }
                    (a, b) => failures.push(format!(
                        "{name} {:?}:\n  ours      {:?}\n  reference {:?}",
                        String::from_utf8_lossy(&text[..text.len().min(200)]),
                        a.map(|_| "a chunk"),
                        b.map(|_| "a chunk")
                    )),
                }
            }
        }
    }
    assert!(
        mutants > 1000 && compiled > 100,
        "{mutants} mutants, {compiled} compiled"
    );
    assert!(
        limits * 1000 < mutants,
        "{limits} of {mutants} hit a code generator limit"
    );
    assert!(
        failures.is_empty(),
        "{} of {mutants}:\n{}",
        failures.len(),
        failures[..failures.len().min(20)].join("\n")
    );
}
