//! The parser and the printer on the samples: every sample that parses
//! prints back as source that parses to the same tree, every sample of
//! the chapters before the compiler's parses, and no mutant of a sample's
//! tokens makes the parser panic.

mod common;

use ch17::compiler::ast::Chunk;
use ch17::compiler::lexer::Lexer;
use ch17::compiler::parser::parse;
use ch17::compiler::printer::{chunk_to_source, float_to_source, integer_to_source};
use ch17::compiler::token::Token;
use ch17::listing::quote;
use common::{sample_sources, workspace_root};

fn own_sources() -> Vec<(String, Vec<u8>)> {
    let own = format!("lua-samples/ch{}/", &env!("CARGO_PKG_NAME")[2..]);
    let sources: Vec<_> = sample_sources()
        .into_iter()
        .filter(|source| source.starts_with(&own))
        .map(|source| {
            let bytes = std::fs::read(workspace_root().join(&source)).unwrap();
            (source, bytes)
        })
        .collect();
    assert!(!sources.is_empty());
    sources
}

/// The tree's debug text without its line numbers, which printing
/// changes: the value of every field whose name has `line` in it (a
/// number, `Some(n)` or a list) becomes `_`.
fn without_lines(chunk: &Chunk) -> String {
    let text = format!("{chunk:?}");
    let mut out = String::with_capacity(text.len());
    let mut rest = text.as_str();
    while let Some(at) = rest.find(": ") {
        let (before, after) = rest.split_at(at);
        let after = &after[2..];
        out.push_str(before);
        out.push_str(": ");
        let field = before
            .rsplit(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .next()
            .unwrap_or("");
        if !field.contains("line") {
            rest = after;
            continue;
        }
        let end = if after.starts_with('[') || after.starts_with("Some(") {
            after.find([']', ')']).map_or(after.len(), |i| i + 1)
        } else {
            after
                .find(|c: char| !c.is_ascii_digit())
                .unwrap_or(after.len())
        };
        out.push('_');
        rest = &after[end..];
    }
    out.push_str(rest);
    out
}

#[test]
fn without_lines_hides_lines_and_nothing_else() {
    let tree = |source: &str| without_lines(&parse(source.as_bytes(), "=t").unwrap());
    let spread = "f(a,\n\nb, {x = 1;\n}, ...)\n(g)(-1)";
    assert_eq!(tree(spread), tree("f(a, b, {x = 1;}, ...)(g)(-1)"));
    assert_ne!(tree(spread), tree("f(a, b, {x = 2;}, ...)(g)(-1)"));
    assert_ne!(tree(spread), tree("f(a, b, {x = 1,}, ...)(g)(-1)"));
}

fn all_sources() -> Vec<(String, Vec<u8>)> {
    sample_sources()
        .into_iter()
        .map(|source| {
            let bytes = std::fs::read(workspace_root().join(&source)).unwrap();
            (source, bytes)
        })
        .collect()
}

#[test]
fn printed_samples_parse_to_the_same_tree() {
    let mut count = 0;
    for (name, source) in all_sources() {
        let Ok(tree) = parse(&source, &name) else {
            continue; // the samples of syntax errors
        };
        let printed = chunk_to_source(&tree);
        let again = parse(printed.as_bytes(), "=printed")
            .unwrap_or_else(|e| panic!("{name}: {e}\n{printed}"));
        assert_eq!(without_lines(&tree), without_lines(&again), "{name}");
        assert_eq!(printed, chunk_to_source(&again), "{name}");
        count += 1;
    }
    assert!(count > 100, "only {count} samples parsed");
}

/// Every sample of the chapters before the compiler's is a valid program.
#[test]
fn every_earlier_sample_parses() {
    for (name, source) in all_sources() {
        let chapter: u32 = name["lua-samples/ch".len()..][..2].parse().unwrap();
        if chapter < 14 {
            parse(&source, &name).unwrap_or_else(|e| panic!("{e}"));
        }
    }
}

/// A token written back as source.
fn token_source(token: &Token) -> String {
    match token {
        Token::Name(name) => String::from_utf8_lossy(name).into_owned(),
        Token::String(bytes) => quote(bytes),
        Token::Integer(i) => integer_to_source(*i),
        Token::Float(x) => float_to_source(*x),
        other => other.kind(),
    }
}

fn tokens(source: &[u8]) -> Vec<Token> {
    let mut lexer = Lexer::new(source, "=t");
    let mut tokens = Vec::new();
    loop {
        match lexer.next_token() {
            Ok(Token::Eof) | Err(_) => return tokens,
            Ok(token) => tokens.push(token),
        }
    }
}

fn render(tokens: &[Token]) -> String {
    let texts: Vec<String> = tokens.iter().map(token_source).collect();
    texts.join(" ")
}

/// Each token deleted, doubled, or swapped with the next: the parser
/// gives a tree or an error, never a panic.
#[test]
fn token_mutants_never_panic() {
    for (name, source) in own_sources() {
        let tokens = tokens(&source);
        for i in 0..tokens.len() {
            let mut deleted = tokens.clone();
            deleted.remove(i);
            let mut doubled = tokens.clone();
            doubled.insert(i, tokens[i].clone());
            let mut mutants = vec![deleted, doubled];
            if i + 1 < tokens.len() {
                let mut swapped = tokens.clone();
                swapped.swap(i, i + 1);
                mutants.push(swapped);
            }
            for mutant in mutants {
                let text = render(&mutant);
                if let Ok(tree) = parse(text.as_bytes(), &name) {
                    let _ = chunk_to_source(&tree);
                }
            }
        }
    }
}
