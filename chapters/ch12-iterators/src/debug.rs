//! Where an error happened: chunk names and source positions, as Lua's
//! `luaO_chunkid` and `luaG_addinfo` write them.

// ANCHOR: chunk_id
/// The most characters a chunk's name takes in a message (`LUA_IDSIZE`,
/// counting C's terminating zero).
const LUA_IDSIZE: usize = 60;

/// How a message names a chunk: a file (`@name`) by its name, shortened
/// from the left to its last characters if long; a literal name (`=name`)
/// as it is, cut if long; and source text as `[string "first line..."]`.
pub fn chunk_id(source: &[u8]) -> String {
    let text = |bytes: &[u8]| String::from_utf8_lossy(bytes).into_owned();
    match source.split_first() {
        Some((b'=', name)) => text(&name[..name.len().min(LUA_IDSIZE - 1)]),
        Some((b'@', name)) => {
            if name.len() < LUA_IDSIZE {
                text(name)
            } else {
                // "..." and the last characters that fit.
                let keep = LUA_IDSIZE - 4;
                format!("...{}", text(&name[name.len() - keep..]))
            }
        }
        _ => {
            const ROOM: usize = LUA_IDSIZE - "[string \"...\"]".len() - 1;
            let first_line = source.split(|&b| b == b'\n').next().unwrap_or_default();
            if first_line.len() == source.len() && source.len() < ROOM {
                format!("[string \"{}\"]", text(source))
            } else {
                let cut = &first_line[..first_line.len().min(ROOM)];
                format!("[string \"{}...\"]", text(cut))
            }
        }
    }
}
// ANCHOR_END: chunk_id

// ANCHOR: position
/// `chunkname:line:`, the prefix of a runtime error raised by Lua code.
/// Without debug information the chunk is `?` and the line -1, as in Lua.
pub fn position(source: Option<&[u8]>, line: Option<u32>) -> String {
    let name = source.map_or_else(|| "?".to_string(), chunk_id);
    let line = line.map_or(-1, i64::from);
    format!("{name}:{line}:")
}
// ANCHOR_END: position

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunk_ids_follow_lobject_c() {
        assert_eq!(chunk_id(b"@x.lua"), "x.lua");
        assert_eq!(chunk_id(b"=stdin"), "stdin");
        assert_eq!(chunk_id(b"print(1)"), "[string \"print(1)\"]");
        assert_eq!(chunk_id(b"a\nb"), "[string \"a...\"]");
        let long_file = format!("@{}", "d/".repeat(40));
        assert_eq!(
            chunk_id(long_file.as_bytes()),
            format!("...{}", "d/".repeat(28))
        );
        let long_source = "x".repeat(50);
        assert_eq!(
            chunk_id(long_source.as_bytes()),
            format!("[string \"{}...\"]", "x".repeat(45))
        );
        assert_eq!(position(None, None), "?:-1:");
    }
}
