//! Chapter 14's lexer against the reference: every lexical error it
//! reports is the message real Lua's `load` gives for the same source, and
//! a source it reads to the end has no lexical error for the reference
//! either (a syntax error, which the parser of chapter 16 finds, is fine).

use ch14::compiler::lexer::Lexer;
use ch14::compiler::token::Token;

/// Our lexer's first error on `source`, if any.
fn lexer_error(source: &[u8], chunkname: &str) -> Option<String> {
    let mut lexer = Lexer::new(source, chunkname);
    loop {
        match lexer.next_token() {
            Ok(Token::Eof) => return None,
            Ok(_) => {}
            Err(error) => return Some(error.message().to_string()),
        }
    }
}

/// What `llex.c` says, and nothing else does.
const LEXICAL: [&str; 11] = [
    "malformed number",
    "unfinished string",
    "unfinished long string",
    "unfinished long comment",
    "invalid escape sequence",
    "decimal escape too large",
    "hexadecimal digit expected",
    "missing '{'",
    "missing '}'",
    "UTF-8 value too large",
    "invalid long string delimiter",
];

fn check(source: &[u8], chunkname: &str) -> Result<(), String> {
    let reference = oracle::compile(source, chunkname, false).err();
    match (lexer_error(source, chunkname), reference) {
        (Some(ours), Some(theirs)) if ours == theirs => Ok(()),
        (None, None) => Ok(()),
        (None, Some(theirs)) if !LEXICAL.iter().any(|m| theirs.contains(m)) => Ok(()),
        (ours, theirs) => Err(format!(
            "{:?}:\n  ours      {ours:?}\n  reference {theirs:?}",
            String::from_utf8_lossy(source)
        )),
    }
}

#[test]
fn lexical_errors_are_the_references() {
    let cases: &[&[u8]] = &[
        b"x = \"abc",
        b"x = \"a\\0b",
        b"x = \"a\0b",
        b"x = \"a\0b\n\"",
        b"x = \"abc\ny\"",
        b"x = 'abc\r\n'",
        br#"x = "\q""#,
        br#"x = "\300""#,
        br#"x = "\256""#,
        br#"x = "\255\0\00""#,
        br#"x = "\u{800000}""#,
        br#"x = "\u{110000}""#,
        br#"x = "\u{10FFFF}\u{0}\u{7FF}\u{800}""#,
        br#"x = "\u{0000000041}""#,
        br#"x = "\xZ""#,
        br#"x = "\x5""#,
        br#"x = "\x"#,
        br#"x = "\u1""#,
        br#"x = "\u{12""#,
        br#"x = "\u{}""#,
        br#"x = "\u{zz}""#,
        br#"x = "\z   "#,
        b"x = \"\\",
        b"x = [[\nab",
        b"x = [==[\nab]=]",
        b"--[[\nab",
        b"--[==[ x ]] ]==] y = 1",
        b"x = [==x",
        b"x = [=",
        b"x = [ [",
        b"x = 3..2",
        b"x = 0x",
        b"x = 0x.p1",
        b"x = 1e+",
        b"x = 1e",
        b"x = 12abc",
        b"x = 0x1p",
        b"x = 1.2.3",
        b"x = .5e-3",
        b"x = 0xep1",
        b"x = 08",
        b"x = 1e309",
        b"x = 0x1P-1074",
        b"x = 9223372036854775808",
        b"x = 0xffffffffffffffffff",
        b"x = a..b...c",
        b"x = ~= <= >= == // :: >> <<",
        b"x = \"\\\n\\\r\\\r\n\\\n\r\"",
        b"x = 1 -- comment\n--[[ long\ncomment ]] y = 2",
        b"x = '\x01\x7f\xff'",
        b"x = @",
        b"x = $",
        b"x = \x80",
    ];
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|case| check(case, "=t").err())
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_sample_lexes_as_the_reference_lexes_it() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut failures = Vec::new();
    for chapter in 1..=14 {
        let dir = format!("lua-samples/ch{chapter:02}");
        let Ok(entries) = std::fs::read_dir(root.join(&dir)) else {
            continue;
        };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if !name.ends_with(".lua") {
                continue;
            }
            let source = std::fs::read(entry.path()).unwrap();
            // The samples have no `#` first line but the one of comments.lua,
            // which `load` would not skip: lex what follows it.
            let source = match source.strip_prefix(b"#") {
                Some(rest) => &rest[rest.iter().position(|&b| b == b'\n').unwrap_or(0)..],
                None => &source[..],
            };
            if let Err(failure) = check(source, &format!("@{dir}/{name}")) {
                failures.push(failure);
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
