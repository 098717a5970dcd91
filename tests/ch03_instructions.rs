//! Chapter 3 across the corpus: the samples together use every opcode, and
//! the functions too big to keep as samples (LOADKX, SETLIST with EXTRAARG)
//! are listed as `luac -l -l` lists them.

use std::collections::BTreeSet;
use std::path::Path;

use ch03::binary_chunk::{BinaryChunk, Prototype, undump};
use ch03::instruction::Instruction;
use ch03::listing::list_chunk;
use ch03::opcodes::{ALL, OpCode};

fn compile_generated(name: &str, source: &str) -> BinaryChunk {
    let chunkname = format!("@{name}.lua");
    let bytes = oracle::compile(source.as_bytes(), &chunkname, false).unwrap();
    undump(&bytes, &chunkname).unwrap()
}

fn collect_opcodes(f: &Prototype, used: &mut BTreeSet<&'static str>) {
    for &word in &f.code {
        let op = Instruction(word)
            .opcode()
            .expect("the reference writes only valid opcodes");
        used.insert(op.name());
    }
    for proto in &f.protos {
        collect_opcodes(proto, used);
    }
}

#[test]
fn the_samples_use_every_opcode() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut used = BTreeSet::new();
    for chapter in ["ch02", "ch03"] {
        for entry in std::fs::read_dir(root.join("lua-samples").join(chapter)).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "luac") {
                let chunk = undump(&std::fs::read(&path).unwrap(), "=sample").unwrap();
                collect_opcodes(&chunk.main, &mut used);
            }
        }
    }
    for (name, source) in [
        ("many_constants", oracle::generated::many_constants()),
        ("big_table", oracle::generated::big_table()),
    ] {
        collect_opcodes(&compile_generated(name, &source).main, &mut used);
    }
    let missing: Vec<&str> = ALL
        .iter()
        .map(|op| op.name())
        .filter(|name| !used.contains(name))
        .collect();
    assert!(missing.is_empty(), "no sample uses {missing:?}");
}

/// The lines of a listing that show what the generated sample is for, with
/// the function header: the full listing runs to 270,000 lines.
fn interesting_lines(listing: &str) -> String {
    let shown: Vec<&str> = listing
        .lines()
        .filter(|line| {
            line.starts_with("main")
                || line.contains("param")
                || line.contains("LOADKX")
                || line.contains("EXTRAARG")
                || (line.contains("SETLIST") && line.contains(" 0\t;"))
                || line.contains("RETURN")
        })
        .collect();
    shown.join("\n") + "\n"
}

#[test]
fn lists_loadkx_and_extraarg_like_luac() {
    let chunk = compile_generated("many_constants", &oracle::generated::many_constants());
    let listing = list_chunk(&chunk);
    assert_eq!(OpCode::LoadKx.name(), "LOADKX");
    let shown = interesting_lines(&listing);
    // Only the last SETLIST batches carry EXTRAARG lines worth pinning here;
    // keep the snapshot short.
    let tail: Vec<&str> = shown
        .lines()
        .rev()
        .take(12)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    insta::assert_snapshot!(tail.join("\n"));
}

#[test]
fn lists_setlist_with_extraarg_like_luac() {
    let chunk = compile_generated("big_table", &oracle::generated::big_table());
    insta::assert_snapshot!(interesting_lines(&list_chunk(&chunk)));
}
