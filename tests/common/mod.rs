//! What the root tests that run samples share.

use std::path::Path;

/// The `.luac` samples (not stripped) of chapters `first..=last`.
#[allow(dead_code)] // not every test file runs samples
pub fn samples(first: u32, last: u32) -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut found = Vec::new();
    for chapter in first..=last {
        let dir = format!("lua-samples/ch{chapter:02}");
        let Ok(entries) = std::fs::read_dir(root.join(&dir)) else {
            continue;
        };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.ends_with(".luac") && !name.ends_with(".s.luac") {
                found.push(format!("{dir}/{name}"));
            }
        }
    }
    found.sort();
    found
}

/// The reference's error message without the name of the variable that
/// held the culprit, which the chapters work out only from chapter 13 on.
#[allow(dead_code)]
pub fn without_variable_info(message: &str) -> String {
    let mut out = message.to_string();
    for kind in ["local", "global", "upvalue", "field", "method", "constant"] {
        let marker = format!(" ({kind} '");
        while let Some(start) = out.find(&marker) {
            let Some(end) = out[start + marker.len()..].find("')") else {
                break;
            };
            out.replace_range(start..start + marker.len() + end + 2, "");
        }
    }
    out
}

/// Declares `Budget`, an instruction hook of chapter `$chapter` that stops a
/// program once it has run as many instructions as it holds, with the error
/// "instruction budget exhausted": a bug that loops fails a test instead of
/// hanging it.
#[allow(unused_macros)] // not every test file runs programs
macro_rules! instruction_budget {
    ($chapter:ident) => {
        struct Budget(u64);

        impl $chapter::vm::Hook for Budget {
            fn after_instruction(
                &mut self,
                _: &$chapter::LuaState,
                _: &$chapter::vm::Proto,
                _: usize,
            ) -> Result<(), $chapter::LuaError> {
                self.0 = self
                    .0
                    .checked_sub(1)
                    .ok_or_else(|| $chapter::LuaError::new("instruction budget exhausted"))?;
                Ok(())
            }
        }
    };
}

/// Every Lua source among the chapters' samples, sorted, each with the
/// chunk name `lua` gives it (`@lua-samples/chNN/name.lua`).
#[allow(dead_code)]
pub fn lua_sources() -> Vec<(String, Vec<u8>)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
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

/// A small fixed-seed generator, so that what a test samples is the same
/// in every run.
#[allow(dead_code)]
pub struct Xorshift(pub u64);

#[allow(dead_code)]
impl Xorshift {
    pub fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

/// The tokens of a source (as far as it lexes), each with the line the
/// lexer was on after it, for making mutants of the source.
#[allow(dead_code)]
pub struct Tokens(Vec<(ch17::compiler::token::Token, u32)>);

#[allow(dead_code)]
impl Tokens {
    pub fn of(source: &[u8]) -> Tokens {
        use ch17::compiler::token::Token;
        let mut lexer = ch17::compiler::lexer::Lexer::new(source, "=t");
        let mut tokens = Vec::new();
        while let Ok(token) = lexer.next_token() {
            if token == Token::Eof {
                break;
            }
            tokens.push((token, lexer.line()));
        }
        Tokens(tokens)
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Where to mutate: every token, or `sampled` tokens drawn from
    /// `random`.
    pub fn positions(&self, every: bool, sampled: usize, random: &mut Xorshift) -> Vec<usize> {
        if every {
            (0..self.len()).collect()
        } else {
            (0..sampled).map(|_| random.below(self.len())).collect()
        }
    }

    /// The three mutants at token `i`: deleted, doubled, and swapped with
    /// the next (the first, for the last), written back as source.
    pub fn mutants_at(&self, i: usize) -> [Vec<u8>; 3] {
        let all: Vec<usize> = (0..self.0.len()).collect();
        let mut deleted = all.clone();
        deleted.remove(i);
        let mut doubled = all.clone();
        doubled.insert(i, i);
        let mut swapped = all;
        swapped.swap(i, (i + 1) % self.0.len());
        [deleted, doubled, swapped].map(|order| self.render(&order))
    }

    /// The tokens in `order`, each on its original line, so that a message
    /// names the line it named in the sample.
    fn render(&self, order: &[usize]) -> Vec<u8> {
        use ch17::compiler::printer::{float_to_source, integer_to_source};
        use ch17::compiler::token::Token;
        let mut out = String::new();
        let mut line = 1;
        for &i in order {
            let (token, token_line) = &self.0[i];
            while line < *token_line {
                out.push('\n');
                line += 1;
            }
            out.push_str(&match token {
                Token::Name(name) => String::from_utf8_lossy(name).into_owned(),
                Token::String(bytes) => ch17::listing::quote(bytes),
                Token::Integer(i) => integer_to_source(*i),
                Token::Float(x) => float_to_source(*x),
                other => other.kind(),
            });
            out.push(' ');
        }
        out.into_bytes()
    }
}
