//! Chapter 1's program: say what a script is, and what `arg` would hold.

use crate::cli::Script;

// ANCHOR: binary_mark
/// The first byte of every binary chunk: the escape character that starts
/// the signature `"\x1bLua"`. `lua` uses it to tell bytecode from source.
pub const BINARY_CHUNK_MARK: u8 = 0x1b;
// ANCHOR_END: binary_mark

// ANCHOR: describe
/// Describes the script: its chunk name, whether it is source text or a
/// precompiled binary chunk, its size, and the `arg` table `lua` would build.
pub fn describe(chunkname: &str, bytes: &[u8], script: &Script) -> String {
    let kind = if bytes.first() == Some(&BINARY_CHUNK_MARK) {
        "a binary chunk".to_string()
    } else {
        let lines = bytes
            .split(|&b| b == b'\n')
            .filter(|l| !l.is_empty())
            .count();
        format!("Lua source, {lines} non-empty line{}", plural(lines))
    };
    let mut text = format!(
        "chunk {chunkname}: {kind}, {} byte{}\n",
        bytes.len(),
        plural(bytes.len())
    );
    // `lua` puts the script name at arg[0] and its arguments at arg[1..].
    text.push_str(&format!("arg[0] = {}\n", script.path));
    for (i, arg) in script.args.iter().enumerate() {
        text.push_str(&format!("arg[{}] = {arg}\n", i + 1));
    }
    text
}
// ANCHOR_END: describe

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

#[cfg(test)]
mod tests {
    use super::*;
    use pretty_assertions::assert_eq;

    #[test]
    fn tells_source_from_binary() {
        let script = Script {
            path: "x".into(),
            args: vec!["a".into()],
        };
        assert_eq!(
            describe("@x", b"print(1)\n\nprint(2)\n", &script),
            "chunk @x: Lua source, 2 non-empty lines, 19 bytes\narg[0] = x\narg[1] = a\n"
        );
        assert_eq!(
            describe("=stdin", b"\x1bLua", &script),
            "chunk =stdin: a binary chunk, 4 bytes\narg[0] = x\narg[1] = a\n"
        );
    }
}
