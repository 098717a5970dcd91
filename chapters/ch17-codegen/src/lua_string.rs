//! Lua strings: immutable sequences of bytes, shared by reference.
//!
//! A Lua string can hold any byte, including zero, and has no encoding, so
//! it is never a Rust `String`. Its hash is computed once, when it is made,
//! because strings are the most common table keys.

use std::fmt;
use std::hash::{Hash, Hasher};

use crate::heap::Gc;

// ANCHOR: lua_string
/// A Lua string.
#[derive(Clone)]
pub struct LuaString(Gc<StringObject>);

/// The heap object behind a [`LuaString`].
pub struct StringObject {
    hash: u64,
    bytes: Box<[u8]>,
}

impl LuaString {
    pub fn new(bytes: impl Into<Box<[u8]>>) -> LuaString {
        let bytes = bytes.into();
        LuaString(Gc::new(StringObject {
            hash: hash_bytes(&bytes),
            bytes,
        }))
    }

    pub fn as_bytes(&self) -> &[u8] {
        &self.0.bytes
    }

    pub fn len(&self) -> usize {
        self.0.bytes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.bytes.is_empty()
    }
}
// ANCHOR_END: lua_string

// ANCHOR: hash
/// How many bytes of a string its hash reads, at most.
const HASHED_BYTES: usize = 32;

/// FNV-1a: simple, fast on short strings, and good enough for table keys.
/// Of a longer string it reads 32 bytes spread over its length, and the
/// length, as `luaS_hash` does: building a long string by concatenation
/// would otherwise spend most of its time hashing it, and equal hashes
/// are always confirmed by comparing the bytes.
fn hash_bytes(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325 ^ bytes.len() as u64;
    let step = bytes.len() / HASHED_BYTES + 1;
    for &b in bytes.iter().step_by(step) {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}
// ANCHOR_END: hash

impl PartialEq for LuaString {
    fn eq(&self, other: &LuaString) -> bool {
        // The same object, or two objects with the same bytes: the hash
        // rules most unequal pairs out without looking at the bytes.
        Gc::ptr_eq(&self.0, &other.0)
            || (self.0.hash == other.0.hash && self.0.bytes == other.0.bytes)
    }
}

impl Eq for LuaString {}

impl Hash for LuaString {
    fn hash<H: Hasher>(&self, state: &mut H) {
        state.write_u64(self.0.hash);
    }
}

impl From<&[u8]> for LuaString {
    fn from(bytes: &[u8]) -> Self {
        LuaString::new(bytes)
    }
}

impl From<&str> for LuaString {
    fn from(text: &str) -> Self {
        LuaString::new(text.as_bytes())
    }
}

impl From<Vec<u8>> for LuaString {
    fn from(bytes: Vec<u8>) -> Self {
        LuaString::new(bytes)
    }
}

impl fmt::Debug for LuaString {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}", String::from_utf8_lossy(self.as_bytes()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_bytes_compared_by_content() {
        let a = LuaString::from(&b"a\0\xff"[..]);
        let b = LuaString::from(vec![b'a', 0, 0xff]);
        assert_eq!(a, b);
        assert_eq!(a.len(), 3);
        assert_ne!(a, LuaString::from("a"));
    }
}
