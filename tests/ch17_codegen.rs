//! Chapter 17's compiler against the reference's: for every sample, the
//! chunk our compiler writes lists exactly as the reference's does
//! (chapter 3's listing, `luac -l -l`), stripped and unstripped, and it
//! loads in the reference Lua and prints what the reference's own
//! compilation prints.

use ch17::binary_chunk::{dump, undump};
use ch17::compiler::compile;
use ch17::listing::list_chunk;

/// Every Lua source among the samples, with its chunk name.
fn sources() -> Vec<(String, Vec<u8>)> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut found = Vec::new();
    for entry in std::fs::read_dir(root.join("lua-samples"))
        .unwrap()
        .flatten()
    {
        let dir = entry.path();
        if !dir.file_name().unwrap().to_string_lossy().starts_with("ch") {
            continue;
        }
        for file in std::fs::read_dir(&dir).unwrap().flatten() {
            let path = file.path();
            if path.extension().is_some_and(|e| e == "lua") {
                let name = path
                    .strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                found.push((format!("@{name}"), std::fs::read(&path).unwrap()));
            }
        }
    }
    found.sort();
    assert!(found.len() > 100);
    found
}

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
    for (name, source) in sources() {
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
