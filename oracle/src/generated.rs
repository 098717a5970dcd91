//! Samples too big to commit, written by a program instead.
//!
//! Two instructions only appear in functions of unusual size: `LOADKX`, when
//! a function has more than 2^18 constants (the largest index `LOADK`'s Bx
//! can hold is 262143), and `SETLIST` with its count in an `EXTRAARG`, when a
//! table constructor has more than 511 × 50 items. The source that triggers
//! the first is megabytes long, the second's tens of kilobytes, and their
//! listings far longer, so the tests generate them from these functions
//! rather than keep them in `lua-samples/`.

/// The number of constants after which `LOADK` cannot address a constant.
pub const MAX_LOADK_INDEX: usize = (1 << 18) - 1;

/// A function with more constants than `LOADK` can reach: a table of
/// 262145 distinct integers, then a string that lands past the limit and so
/// is loaded with `LOADKX` + `EXTRAARG`.
pub fn many_constants() -> String {
    let count = MAX_LOADK_INDEX + 2;
    let mut source = String::with_capacity(count * 8);
    source.push_str("local t = {\n");
    for i in 0..count {
        source.push_str(&i.to_string());
        source.push_str(if i % 16 == 15 { ",\n" } else { "," });
    }
    source.push_str("}\nlocal last = \"past the LOADK limit\"\nreturn #t, last\n");
    source
}

/// A table constructor with more items than `SETLIST`'s C operand can count
/// in batches of 50 (511 batches), so the batch number goes in `EXTRAARG`.
pub fn big_table() -> String {
    let count = 512 * 50 + 7;
    let mut source = String::with_capacity(count * 2 + 64);
    source.push_str("local t = {\n");
    for i in 0..count {
        source.push_str(if i % 40 == 39 { "0,\n" } else { "0," });
    }
    source.push_str("}\nreturn #t\n");
    source
}
