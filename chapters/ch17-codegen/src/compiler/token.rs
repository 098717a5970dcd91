//! Tokens: the words of Lua's grammar, as `llex.h` numbers them.

use std::fmt;

use crate::listing::quote;
use crate::number::format_float;

// ANCHOR: token
/// One token. Reserved words and symbols carry nothing; names and strings
/// carry their bytes (a Lua string is bytes, not UTF-8), numerals their
/// value, already converted.
#[derive(Debug, Clone, PartialEq)]
pub enum Token {
    // Reserved words.
    And,
    Break,
    Do,
    Else,
    Elseif,
    End,
    False,
    For,
    Function,
    Goto,
    If,
    In,
    Local,
    Nil,
    Not,
    Or,
    Repeat,
    Return,
    Then,
    True,
    Until,
    While,
    // Symbols of more than one character.
    IDiv,
    Concat,
    Dots,
    Eq,
    Ge,
    Le,
    Ne,
    Shl,
    Shr,
    DbColon,
    /// A symbol of one character: `+ - * / % ^ # & ~ | < > = ( ) { } [ ]
    /// ; : , .`, or any other byte the lexer does not know, which the
    /// parser will refuse.
    Char(u8),
    /// The end of the source.
    Eof,
    Float(f64),
    Integer(i64),
    Name(Vec<u8>),
    String(Vec<u8>),
}
// ANCHOR_END: token

// ANCHOR: reserved
/// The reserved words, in `luaX_tokens` order, with their tokens.
pub const RESERVED: [(&str, Token); 22] = [
    ("and", Token::And),
    ("break", Token::Break),
    ("do", Token::Do),
    ("else", Token::Else),
    ("elseif", Token::Elseif),
    ("end", Token::End),
    ("false", Token::False),
    ("for", Token::For),
    ("function", Token::Function),
    ("goto", Token::Goto),
    ("if", Token::If),
    ("in", Token::In),
    ("local", Token::Local),
    ("nil", Token::Nil),
    ("not", Token::Not),
    ("or", Token::Or),
    ("repeat", Token::Repeat),
    ("return", Token::Return),
    ("then", Token::Then),
    ("true", Token::True),
    ("until", Token::Until),
    ("while", Token::While),
];

/// The token for `word` if it is reserved.
pub fn reserved(word: &[u8]) -> Option<Token> {
    RESERVED
        .iter()
        .find(|(text, _)| text.as_bytes() == word)
        .map(|(_, token)| token.clone())
}
// ANCHOR_END: reserved

impl Token {
    // ANCHOR: kind
    /// The token as `luaX_token2str` names it in messages, without quotes:
    /// the word or symbol itself, or `<eof>`, `<number>`, `<integer>`,
    /// `<name>`, `<string>` for the tokens that carry a value.
    pub fn kind(&self) -> String {
        let fixed = match self {
            Token::IDiv => "//",
            Token::Concat => "..",
            Token::Dots => "...",
            Token::Eq => "==",
            Token::Ge => ">=",
            Token::Le => "<=",
            Token::Ne => "~=",
            Token::Shl => "<<",
            Token::Shr => ">>",
            Token::DbColon => "::",
            Token::Eof => "<eof>",
            Token::Float(_) => "<number>",
            Token::Integer(_) => "<integer>",
            Token::Name(_) => "<name>",
            Token::String(_) => "<string>",
            Token::Char(c) => return char::from(*c).to_string(),
            word => {
                return RESERVED
                    .iter()
                    .find(|(_, token)| token == word)
                    .map_or("?", |(text, _)| text)
                    .to_string();
            }
        };
        fixed.to_string()
    }
    // ANCHOR_END: kind
}

// ANCHOR: display
/// How the chapter's program prints a token: its kind, then the value it
/// carries (strings quoted as `luac -l` quotes constants).
impl fmt::Display for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Token::Name(name) => write!(f, "<name> {}", String::from_utf8_lossy(name)),
            Token::String(bytes) => write!(f, "<string> {}", quote(bytes)),
            Token::Integer(i) => write!(f, "<integer> {i}"),
            Token::Float(x) => write!(f, "<number> {}", format_float(*x)),
            Token::Char(c) if !c.is_ascii_graphic() => write!(f, "<\\{c}>"),
            other => f.write_str(&other.kind()),
        }
    }
}
// ANCHOR_END: display

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reserved_words_are_known_by_their_text() {
        assert_eq!(reserved(b"while"), Some(Token::While));
        assert_eq!(reserved(b"While"), None);
        assert_eq!(Token::Elseif.kind(), "elseif");
        assert_eq!(Token::Char(b'+').kind(), "+");
        assert_eq!(Token::Name(b"x".to_vec()).to_string(), "<name> x");
        assert_eq!(Token::Float(1e15).to_string(), "<number> 1e+15");
    }
}
