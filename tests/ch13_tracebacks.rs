//! Tracebacks come from `lua.c`'s message handler, which the oracle (a Lua
//! state inside this process) does not run, so these expectations are the
//! text that PUC-Rio Lua 5.3.6's `lua` prints for the same chunks, checked
//! with `lua5.3` by hand; the chunks themselves come from the reference
//! compiler here.

use ch13::cli::{SharedOutput, Streams, run};

/// What chapter 13's command line writes to stderr for a chunk.
fn stderr_of(chunk: &[u8], name: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    std::fs::write(&path, chunk).unwrap();
    let mut stderr = Vec::new();
    run(
        "ch13",
        &[path.display().to_string()],
        &mut Streams {
            stdin: &mut &b""[..],
            stdin_is_terminal: false,
            stdout: Box::new(SharedOutput::default()),
            stderr: &mut stderr,
        },
    );
    String::from_utf8(stderr).unwrap()
}

#[test]
fn a_stripped_chunk_has_no_lines_in_its_traceback() {
    // luaL_traceback writes a frame's line only when it knows one; the
    // message itself says -1, as luaG_addinfo does.
    let source = std::fs::read("lua-samples/ch13/uncaught.lua").unwrap();
    let chunk = oracle::compile(&source, "@lua-samples/ch13/uncaught.lua", true).unwrap();
    pretty_assertions::assert_eq!(
        stderr_of(&chunk, "uncaught.s.luac"),
        "ch13: ?:-1: attempt to index a nil value\n\
         stack traceback:\n\
         \t?: in upvalue '?'\n\
         \t?: in function <?:7>\n\
         \t?: in main chunk\n\
         \t[C]: in ?\n"
    );
}
