//! Chapter 16's parser against the reference: on every sample, and on
//! mutants of every sample's tokens (one token deleted, doubled, or
//! swapped with the next), it accepts what the reference's `load` accepts
//! and refuses the rest with the reference's message, word for word.

use ch16::compiler::lexer::Lexer;
use ch16::compiler::parser::parse;
use ch16::compiler::printer::{float_to_source, integer_to_source};
use ch16::compiler::token::Token;
use ch16::listing::quote;

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
    let failures: Vec<String> = sources()
        .iter()
        .filter_map(|(name, source)| compare(source, name).err())
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A token of a source, with the line the lexer was on after it.
struct Located {
    token: Token,
    line: u32,
}

fn tokens(source: &[u8]) -> Vec<Located> {
    let mut lexer = Lexer::new(source, "=t");
    let mut tokens = Vec::new();
    while let Ok(token) = lexer.next_token() {
        if token == Token::Eof {
            break;
        }
        tokens.push(Located {
            token,
            line: lexer.line(),
        });
    }
    tokens
}

/// Tokens written back as source, each on its original line, so that the
/// messages name the lines they named in the sample.
fn render(tokens: &[&Located]) -> Vec<u8> {
    let mut out = String::new();
    let mut line = 1;
    for located in tokens {
        while line < located.line {
            out.push('\n');
            line += 1;
        }
        out.push_str(&match &located.token {
            Token::Name(name) => String::from_utf8_lossy(name).into_owned(),
            Token::String(bytes) => quote(bytes),
            Token::Integer(i) => integer_to_source(*i),
            Token::Float(x) => float_to_source(*x),
            other => other.kind(),
        });
        out.push(' ');
    }
    out.into_bytes()
}

/// A small fixed-seed generator, so that the sampled mutants are the same
/// in every run.
struct Xorshift(u64);

impl Xorshift {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

/// How many positions of each earlier chapter's sample are mutated; the
/// samples of chapter 16 itself are mutated at every position.
const POSITIONS_PER_SAMPLE: usize = 12;

#[test]
fn token_mutants_fail_as_in_the_reference() {
    let mut random = Xorshift(0x5eed_1616);
    let mut failures = Vec::new();
    let mut mutants = 0;
    for (name, source) in sources() {
        let tokens = tokens(&source);
        if tokens.len() < 2 {
            continue;
        }
        let positions: Vec<usize> = if name.starts_with("@lua-samples/ch16/") {
            (0..tokens.len()).collect()
        } else {
            (0..POSITIONS_PER_SAMPLE)
                .map(|_| random.below(tokens.len()))
                .collect()
        };
        for i in positions {
            let all: Vec<&Located> = tokens.iter().collect();
            let mut deleted = all.clone();
            deleted.remove(i);
            let mut doubled = all.clone();
            doubled.insert(i, all[i]);
            let mut swapped = all.clone();
            swapped.swap(i, (i + 1) % all.len());
            for mutant in [deleted, doubled, swapped] {
                mutants += 1;
                failures.extend(compare(&render(&mutant), &name).err());
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
