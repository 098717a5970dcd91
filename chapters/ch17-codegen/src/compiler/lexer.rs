//! The lexer: source bytes in, tokens out, one at a time, as `llex.c`
//! reads them, with its error messages word for word.

use crate::debug::chunk_id;
use crate::error::LuaError;
use crate::number::{Numeral, str_to_number};

use super::token::{Token, reserved};

// ANCHOR: lexer
/// The state of the lexer over one chunk of source.
pub struct Lexer<'a> {
    source: &'a [u8],
    /// The index of the current byte, the one the lexer looks at next.
    pos: usize,
    /// The line of the current byte, counted from 1.
    line: u32,
    /// The chunk's name as messages show it (`file.lua`, `[string "..."]`).
    chunk_id: String,
    /// The text of the token being read: the bytes of a name, a numeral or
    /// a string, and, when something goes wrong, what the message quotes
    /// after "near".
    buffer: Vec<u8>,
}
// ANCHOR_END: lexer

/// What an error message quotes after "near", as `lexerror`'s token says.
enum Near {
    /// Nothing: the message stands alone.
    Nothing,
    /// `<eof>`.
    Eof,
    /// The text of the token read so far, in quotes.
    Text,
}

/// Lines are counted in an `int` in C; a chunk may have fewer.
const MAX_LINES: u32 = i32::MAX as u32;

/// The largest code point a `\u{...}` escape may name in Lua 5.3.6.
const MAX_UTF8: u32 = 0x10_FFFF;

impl<'a> Lexer<'a> {
    /// A lexer at the start of `source`, named `chunkname` (`@file.lua`,
    /// `=stdin`, or the text itself) as `load` names chunks.
    pub fn new(source: &'a [u8], chunkname: &str) -> Lexer<'a> {
        Lexer {
            source,
            pos: 0,
            line: 1,
            chunk_id: chunk_id(chunkname.as_bytes()),
            buffer: Vec::new(),
        }
    }

    /// The line the lexer is on: after a token, the line where it ended.
    pub fn line(&self) -> u32 {
        self.line
    }

    /// The chunk's name as messages show it.
    pub fn chunk_id(&self) -> &str {
        &self.chunk_id
    }

    // ANCHOR: cursor
    /// The current byte, or `None` at the end of the source (C's `EOZ`).
    fn current(&self) -> Option<u8> {
        self.source.get(self.pos).copied()
    }

    fn next(&mut self) {
        self.pos += 1;
    }

    fn save(&mut self, c: u8) {
        self.buffer.push(c);
    }

    /// Keeps the current byte in the buffer and moves past it.
    fn save_and_next(&mut self) {
        if let Some(c) = self.current() {
            self.save(c);
        }
        self.next();
    }

    /// Moves past the current byte if it is `c`, keeping it.
    fn check_next(&mut self, c: u8) -> bool {
        if self.current() == Some(c) {
            self.save_and_next();
            true
        } else {
            false
        }
    }

    fn at_newline(&self) -> bool {
        matches!(self.current(), Some(b'\n' | b'\r'))
    }

    /// Moves past a line break: `\n`, `\r`, `\r\n` or `\n\r`, each one
    /// break (`inclinenumber`).
    fn new_line(&mut self) -> Result<(), LuaError> {
        let old = self.current();
        self.next();
        if self.at_newline() && self.current() != old {
            self.next();
        }
        self.line += 1;
        if self.line >= MAX_LINES {
            return Err(self.error("chunk has too many lines", Near::Nothing));
        }
        Ok(())
    }
    // ANCHOR_END: cursor

    // ANCHOR: error
    /// `chunk:line: message near 'text'`, as `lexerror` words it.
    fn error(&self, message: &str, near: Near) -> LuaError {
        let near = match near {
            Near::Nothing => String::new(),
            Near::Eof => " near <eof>".to_string(),
            Near::Text => format!(" near {}", self.quoted_text()),
        };
        LuaError::new(format!("{}:{}: {message}{near}", self.chunk_id, self.line))
    }

    /// The token's text in quotes, as C's `'%s'` writes it: up to the
    /// first zero byte, where a C string ends.
    pub fn quoted_text(&self) -> String {
        let end = self
            .buffer
            .iter()
            .position(|&b| b == 0)
            .unwrap_or(self.buffer.len());
        format!("'{}'", String::from_utf8_lossy(&self.buffer[..end]))
    }
    // ANCHOR_END: error

    // ANCHOR: next_token
    /// Reads the next token (`llex`). At the end of the source it returns
    /// [`Token::Eof`], as often as it is asked.
    pub fn next_token(&mut self) -> Result<Token, LuaError> {
        self.buffer.clear();
        loop {
            let Some(c) = self.current() else {
                return Ok(Token::Eof);
            };
            match c {
                b'\n' | b'\r' => self.new_line()?,
                b' ' | b'\x0c' | b'\t' | b'\x0b' => self.next(),
                b'-' => {
                    self.next();
                    if self.current() != Some(b'-') {
                        return Ok(Token::Char(b'-'));
                    }
                    self.next();
                    self.skip_comment()?;
                }
                b'[' => {
                    let sep = self.skip_sep();
                    if sep >= 2 {
                        return self.read_long_string(true, sep).map(Token::String);
                    } else if sep == 0 {
                        return Err(self.error("invalid long string delimiter", Near::Text));
                    }
                    return Ok(Token::Char(b'['));
                }
                b'=' => return Ok(self.symbol(b'=', [(b'=', Token::Eq)])),
                b'<' => return Ok(self.symbol(b'<', [(b'=', Token::Le), (b'<', Token::Shl)])),
                b'>' => return Ok(self.symbol(b'>', [(b'=', Token::Ge), (b'>', Token::Shr)])),
                b'/' => return Ok(self.symbol(b'/', [(b'/', Token::IDiv)])),
                b'~' => return Ok(self.symbol(b'~', [(b'=', Token::Ne)])),
                b':' => return Ok(self.symbol(b':', [(b':', Token::DbColon)])),
                b'"' | b'\'' => return self.read_string(c).map(Token::String),
                b'.' => {
                    self.save_and_next();
                    if self.check_next(b'.') {
                        return Ok(if self.check_next(b'.') {
                            Token::Dots
                        } else {
                            Token::Concat
                        });
                    }
                    if !self.current().is_some_and(|c| c.is_ascii_digit()) {
                        return Ok(Token::Char(b'.'));
                    }
                    return self.read_numeral();
                }
                b'0'..=b'9' => return self.read_numeral(),
                c if c.is_ascii_alphabetic() || c == b'_' => {
                    while self
                        .current()
                        .is_some_and(|c| c.is_ascii_alphanumeric() || c == b'_')
                    {
                        self.save_and_next();
                    }
                    return Ok(
                        reserved(&self.buffer).unwrap_or_else(|| Token::Name(self.buffer.clone()))
                    );
                }
                c => {
                    self.next();
                    return Ok(Token::Char(c));
                }
            }
        }
    }
    // ANCHOR_END: next_token

    // ANCHOR: symbol
    /// The symbol that starts with `first`, the current byte: the first
    /// of `longer` whose second byte follows, or `first` alone. Like
    /// `check_next1` in llex.c, it passes over the bytes without saving
    /// them: a symbol needs no text.
    fn symbol<const N: usize>(&mut self, first: u8, longer: [(u8, Token); N]) -> Token {
        self.next();
        for (second, token) in longer {
            if self.current() == Some(second) {
                self.next();
                return token;
            }
        }
        Token::Char(first)
    }
    // ANCHOR_END: symbol

    // ANCHOR: skip_comment
    /// After `--`: a long comment `--[==[ ... ]==]`, or a short one to the
    /// end of the line.
    fn skip_comment(&mut self) -> Result<(), LuaError> {
        if self.current() == Some(b'[') {
            let sep = self.skip_sep();
            self.buffer.clear();
            if sep >= 2 {
                self.read_long_string(false, sep)?;
                self.buffer.clear();
                return Ok(());
            }
        }
        while !self.at_newline() && self.current().is_some() {
            self.next();
        }
        Ok(())
    }
    // ANCHOR_END: skip_comment

    // ANCHOR: skip_sep
    /// At a `[` or `]`: reads it and the `=` signs after it. Returns the
    /// level plus 2 if the same bracket follows (`[==[` is 4), 1 if there
    /// were no `=` and no second bracket (a lone `[`), and 0 for `[=` with
    /// no second bracket, which is an error for `[` (`skip_sep`).
    fn skip_sep(&mut self) -> usize {
        let bracket = self.current();
        self.save_and_next();
        let mut count = 0;
        while self.current() == Some(b'=') {
            self.save_and_next();
            count += 1;
        }
        if self.current() == bracket {
            count + 2
        } else if count == 0 {
            1
        } else {
            0
        }
    }
    // ANCHOR_END: skip_sep

    // ANCHOR: long_string
    /// The rest of a long string or comment whose opening bracket of level
    /// `sep - 2` has been read: everything up to the closing bracket of the
    /// same level, with a first line break skipped and every line break
    /// stored as `\n`. A comment keeps nothing.
    fn read_long_string(&mut self, keep: bool, sep: usize) -> Result<Vec<u8>, LuaError> {
        let first_line = self.line;
        self.save_and_next(); // the second '['
        if self.at_newline() {
            self.new_line()?;
        }
        loop {
            match self.current() {
                None => {
                    let what = if keep { "string" } else { "comment" };
                    let message = format!("unfinished long {what} (starting at line {first_line})");
                    return Err(self.error(&message, Near::Eof));
                }
                Some(b']') => {
                    if self.skip_sep() == sep {
                        self.save_and_next(); // the second ']'
                        break;
                    }
                }
                Some(b'\n' | b'\r') => {
                    self.save(b'\n');
                    self.new_line()?;
                    if !keep {
                        self.buffer.clear();
                    }
                }
                Some(_) if keep => self.save_and_next(),
                Some(_) => self.next(),
            }
        }
        if !keep {
            return Ok(Vec::new());
        }
        Ok(self.buffer[sep..self.buffer.len() - sep].to_vec())
    }
    // ANCHOR_END: long_string

    // ANCHOR: read_string
    /// A short string, from its opening quote `delimiter` to the matching
    /// one, escapes replaced by what they stand for (`read_string`). The
    /// buffer keeps the opening quote and every escape as written until it
    /// is decoded, so that an error can quote the string as far as it got.
    fn read_string(&mut self, delimiter: u8) -> Result<Vec<u8>, LuaError> {
        self.save_and_next();
        while self.current() != Some(delimiter) {
            match self.current() {
                None => return Err(self.error("unfinished string", Near::Eof)),
                Some(b'\n' | b'\r') => return Err(self.error("unfinished string", Near::Text)),
                Some(b'\\') => self.read_escape()?,
                Some(_) => self.save_and_next(),
            }
        }
        self.save_and_next();
        Ok(self.buffer[1..self.buffer.len() - 1].to_vec())
    }
    // ANCHOR_END: read_string

    // ANCHOR: read_escape
    /// An escape sequence, at its backslash: leaves what it stands for in
    /// the buffer in place of what was written.
    fn read_escape(&mut self) -> Result<(), LuaError> {
        self.save_and_next(); // keep the '\' for error messages
        let simple = match self.current() {
            Some(b'a') => Some(0x07),
            Some(b'b') => Some(0x08),
            Some(b'f') => Some(0x0c),
            Some(b'n') => Some(b'\n'),
            Some(b'r') => Some(b'\r'),
            Some(b't') => Some(b'\t'),
            Some(b'v') => Some(0x0b),
            Some(c @ (b'\\' | b'"' | b'\'')) => Some(c),
            _ => None,
        };
        if let Some(c) = simple {
            self.next();
            self.replace_escape(c);
            return Ok(());
        }
        match self.current() {
            Some(b'x') => {
                let high = self.hex_digit()?;
                let low = self.hex_digit()?;
                // The 'x' and the two digits, then the '\'.
                self.buffer.truncate(self.buffer.len() - 2);
                self.next();
                self.replace_escape((high << 4) | low);
            }
            Some(b'u') => self.utf8_escape()?,
            Some(b'\n' | b'\r') => {
                self.new_line()?;
                self.replace_escape(b'\n');
            }
            // The loop of `read_string` reports the unfinished string.
            None => {}
            Some(b'z') => {
                self.buffer.pop(); // the '\'
                self.next();
                while self
                    .current()
                    .is_some_and(|c| c.is_ascii_whitespace() || c == 0x0b)
                {
                    if self.at_newline() {
                        self.new_line()?;
                    } else {
                        self.next();
                    }
                }
            }
            Some(c) if c.is_ascii_digit() => {
                let value = self.decimal_escape()?;
                self.replace_escape(value);
            }
            Some(_) => return self.escape_error("invalid escape sequence"),
        }
        Ok(())
    }

    /// Takes the escape's backslash, the last byte saved, off the buffer
    /// and saves `c`, the byte the escape stands for, instead.
    fn replace_escape(&mut self, c: u8) {
        self.buffer.pop();
        self.save(c);
    }

    /// `esccheck`'s failure: the message quotes the string as far as it
    /// got, with the offending byte.
    fn escape_error<T>(&mut self, message: &str) -> Result<T, LuaError> {
        if self.current().is_some() {
            self.save_and_next();
        }
        Err(self.error(message, Near::Text))
    }
    // ANCHOR_END: read_escape

    // ANCHOR: numeric_escapes
    /// Saves the current byte and reads the next as a hexadecimal digit
    /// (`gethexa`).
    fn hex_digit(&mut self) -> Result<u8, LuaError> {
        self.save_and_next();
        match self.current().and_then(|c| char::from(c).to_digit(16)) {
            Some(digit) => Ok(digit as u8),
            None => self.escape_error("hexadecimal digit expected"),
        }
    }

    /// `\ddd`: up to three decimal digits, at most 255 (`readdecesc`).
    fn decimal_escape(&mut self) -> Result<u8, LuaError> {
        let mut value: u32 = 0;
        let mut digits = 0;
        while digits < 3
            && let Some(c) = self.current().filter(u8::is_ascii_digit)
        {
            value = value * 10 + u32::from(c - b'0');
            self.save_and_next();
            digits += 1;
        }
        if value > 255 {
            return self.escape_error("decimal escape too large");
        }
        self.buffer.truncate(self.buffer.len() - digits);
        Ok(value as u8)
    }

    /// `\u{XXX}`: a code point, saved as its UTF-8 bytes (`utf8esc`).
    fn utf8_escape(&mut self) -> Result<(), LuaError> {
        // The '\', 'u', '{' and digits are saved as they are read, for
        // error messages, and removed at the end.
        let mut saved = 4;
        self.save_and_next(); // the 'u'
        if self.current() != Some(b'{') {
            return self.escape_error("missing '{'");
        }
        let mut value = u32::from(self.hex_digit()?);
        loop {
            self.save_and_next();
            let Some(digit) = self.current().and_then(|c| char::from(c).to_digit(16)) else {
                break;
            };
            saved += 1;
            value = (value << 4) + digit;
            if value > MAX_UTF8 {
                return self.escape_error("UTF-8 value too large");
            }
        }
        if self.current() != Some(b'}') {
            return self.escape_error("missing '}'");
        }
        self.next();
        self.buffer.truncate(self.buffer.len() - saved);
        let mut utf8 = [0; 4];
        let code = char::from_u32(value).map_or_else(
            || surrogate_utf8(value),
            |c| c.encode_utf8(&mut utf8).as_bytes().to_vec(),
        );
        self.buffer.extend_from_slice(&code);
        Ok(())
    }
    // ANCHOR_END: numeric_escapes

    // ANCHOR: read_numeral
    /// A numeral: the longest run of what could belong to one (digits,
    /// hexadecimal digits, points, an exponent with its sign), then
    /// converted as `tonumber` converts strings (`read_numeral`). `3..2` is
    /// read whole, and refused.
    fn read_numeral(&mut self) -> Result<Token, LuaError> {
        let first = self.current();
        self.save_and_next();
        let mut exponent = [b'E', b'e'];
        if first == Some(b'0') && (self.check_next(b'x') || self.check_next(b'X')) {
            exponent = [b'P', b'p'];
        }
        loop {
            if self.check_next(exponent[0]) || self.check_next(exponent[1]) {
                let _ = self.check_next(b'-') || self.check_next(b'+');
            }
            match self.current() {
                Some(c) if c.is_ascii_hexdigit() || c == b'.' => self.save_and_next(),
                _ => break,
            }
        }
        match str_to_number(&self.buffer) {
            Some(Numeral::Integer(i)) => Ok(Token::Integer(i)),
            Some(Numeral::Float(x)) => Ok(Token::Float(x)),
            None => Err(self.error("malformed number", Near::Text)),
        }
    }
    // ANCHOR_END: read_numeral
}

/// The bytes `luaO_utf8esc` writes for a code point that is not a Rust
/// `char` (a surrogate, D800 to DFFF): the same three-byte pattern as any
/// other code point of that size.
fn surrogate_utf8(value: u32) -> Vec<u8> {
    vec![
        0xE0 | (value >> 12) as u8,
        0x80 | ((value >> 6) & 0x3F) as u8,
        0x80 | (value & 0x3F) as u8,
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use pretty_assertions::assert_eq;

    fn tokens(source: &str) -> Result<Vec<Token>, String> {
        let mut lexer = Lexer::new(source.as_bytes(), "=t");
        let mut out = Vec::new();
        loop {
            match lexer.next_token() {
                Ok(Token::Eof) => return Ok(out),
                Ok(token) => out.push(token),
                Err(e) => return Err(e.message().to_string()),
            }
        }
    }

    fn string(source: &str) -> Vec<u8> {
        match tokens(source).unwrap().as_slice() {
            [Token::String(s)] => s.clone(),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn symbols_take_the_longest_match() {
        use Token::*;
        assert_eq!(
            tokens("a.b..c...d//e/f==g=h<=<<<>=>>>~=~::: #").unwrap(),
            vec![
                Name(b"a".to_vec()),
                Char(b'.'),
                Name(b"b".to_vec()),
                Concat,
                Name(b"c".to_vec()),
                Dots,
                Name(b"d".to_vec()),
                IDiv,
                Name(b"e".to_vec()),
                Char(b'/'),
                Name(b"f".to_vec()),
                Eq,
                Name(b"g".to_vec()),
                Char(b'='),
                Name(b"h".to_vec()),
                Le,
                Shl,
                Char(b'<'),
                Ge,
                Shr,
                Char(b'>'),
                Ne,
                Char(b'~'),
                DbColon,
                Char(b':'),
                Char(b'#'),
            ]
        );
    }

    #[test]
    fn numerals_are_read_as_lua_reads_them() {
        use Token::*;
        assert_eq!(
            tokens("3 3.0 2.5 250e-2 0.25E1 34e1 0x0.1E 0xA23p-4 0X1.921FB54442D18P+1 .5").unwrap(),
            vec![
                Integer(3),
                Float(3.0),
                Float(2.5),
                Float(2.5),
                Float(2.5),
                Float(340.0),
                Float(0.1171875),
                Float(162.1875),
                Float(std::f64::consts::PI),
                Float(0.5),
            ]
        );
        assert_eq!(
            tokens("0xff 0x7fffffffffffffff 0xffffffffffffffffff").unwrap(),
            vec![Integer(255), Integer(i64::MAX), Integer(-1)]
        );
        assert_eq!(
            tokens("9223372036854775808").unwrap(),
            vec![Float(2f64.powi(63))]
        );
        assert_eq!(tokens("1e309").unwrap(), vec![Float(f64::INFINITY)]);
        assert_eq!(
            tokens("3..2").unwrap_err(),
            "t:1: malformed number near '3..2'"
        );
        assert_eq!(tokens("0x").unwrap_err(), "t:1: malformed number near '0x'");
        assert_eq!(
            tokens("1e+").unwrap_err(),
            "t:1: malformed number near '1e+'"
        );
        assert_eq!(
            tokens("12abc").unwrap_err(),
            "t:1: malformed number near '12abc'"
        );
    }

    #[test]
    fn escapes_stand_for_bytes() {
        assert_eq!(
            string(r#""\a\b\f\n\r\t\v\\\"\'""#),
            b"\x07\x08\x0c\n\r\t\x0b\\\"'"
        );
        assert_eq!(string(r#"'\x41\x7a\065\10\0009'"#), b"AzA\n\x009");
        assert_eq!(
            string(r#""\u{48}\u{e9}\u{20AC}\u{10FFFF}""#),
            "Hé€\u{10FFFF}".as_bytes()
        );
        assert_eq!(string("\"a\\z  \n\t  b\""), b"ab");
        assert_eq!(string("\"a\\\nb\""), b"a\nb");
        assert_eq!(string("\"a\\\r\nb\""), b"a\nb");
        assert_eq!(string(r#""\u{D800}""#), b"\xED\xA0\x80");
    }

    #[test]
    fn long_strings_skip_their_first_line_break() {
        assert_eq!(string("[[\nhello\r\nworld]]"), b"hello\nworld");
        assert_eq!(string("[==[a]]b]=]c]==]"), b"a]]b]=]c");
        assert_eq!(
            tokens("--[[ a\n comment ]] x").unwrap(),
            vec![Token::Name(b"x".to_vec())]
        );
        assert_eq!(
            tokens("--[==\n x").unwrap(),
            vec![Token::Name(b"x".to_vec())]
        );
        assert_eq!(tokens("a[b]").unwrap().len(), 4);
    }

    #[test]
    fn errors_are_worded_as_llex_words_them() {
        let cases = [
            ("x = \"abc", "t:1: unfinished string near <eof>"),
            ("x = \"abc\ny\"", "t:1: unfinished string near '\"abc'"),
            (r#"x = "\q""#, r#"t:1: invalid escape sequence near '"\q'"#),
            (
                r#"x = "\300""#,
                r#"t:1: decimal escape too large near '"\300"'"#,
            ),
            (
                r#"x = "\u{800000}""#,
                r#"t:1: UTF-8 value too large near '"\u{800000'"#,
            ),
            (
                r#"x = "\xZ""#,
                r#"t:1: hexadecimal digit expected near '"\xZ'"#,
            ),
            (
                r#"x = "\x5""#,
                r#"t:1: hexadecimal digit expected near '"\x5"'"#,
            ),
            (r#"x = "\u1""#, r#"t:1: missing '{' near '"\u1'"#),
            (r#"x = "\u{12""#, r#"t:1: missing '}' near '"\u{12"'"#),
            (
                r#"x = "\u{}""#,
                r#"t:1: hexadecimal digit expected near '"\u{}'"#,
            ),
            (
                "x = [[\nab",
                "t:2: unfinished long string (starting at line 1) near <eof>",
            ),
            (
                "--[[\nab",
                "t:2: unfinished long comment (starting at line 1) near <eof>",
            ),
            ("x = [==x", "t:1: invalid long string delimiter near '[=='"),
        ];
        for (source, message) in cases {
            assert_eq!(tokens(source).unwrap_err(), message, "{source:?}");
        }
    }

    #[test]
    fn every_line_break_counts_once() {
        let mut lexer = Lexer::new(b"a\nb\r\nc\n\rd\re\n\nf", "=t");
        let mut lines = Vec::new();
        while lexer.next_token().unwrap() != Token::Eof {
            lines.push(lexer.line());
        }
        assert_eq!(lines, vec![1, 2, 3, 4, 5, 7]);
    }
}
