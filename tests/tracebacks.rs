//! Tracebacks come from `lua.c`'s message handler, which the oracle (a Lua
//! state inside this process) does not run, so these expectations are the
//! text that PUC-Rio Lua 5.3.6's `lua` prints for the same chunks, checked
//! with `lua5.3` by hand; the chunks themselves come from the reference
//! compiler here. Chapter 13 makes tracebacks, and every later chapter
//! keeps them.

macro_rules! tracebacks_match_lua {
    ($test:ident, $chapter:ident) => {
        #[test]
        fn $test() {
            use $chapter::cli::{SharedOutput, Streams, run};

            let program = stringify!($chapter);
            // What the chapter's command line writes to stderr for a chunk.
            let stderr_of = |chunk: &[u8], name: &str| {
                let path = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"))
                    .join(format!("{program}-{name}"));
                std::fs::write(&path, chunk).unwrap();
                let mut stderr = Vec::new();
                run(
                    program,
                    &[path.display().to_string()],
                    &mut Streams {
                        stdin: &mut &b""[..],
                        stdin_is_terminal: false,
                        stdout: Box::new(SharedOutput::default()),
                        stderr: &mut stderr,
                    },
                );
                String::from_utf8(stderr).unwrap()
            };

            // A stripped chunk: luaL_traceback writes a frame's line only
            // when it knows one; the message itself says -1, as
            // luaG_addinfo does.
            let source = std::fs::read("lua-samples/ch13/uncaught.lua").unwrap();
            let chunk = oracle::compile(&source, "@lua-samples/ch13/uncaught.lua", true).unwrap();
            pretty_assertions::assert_eq!(
                stderr_of(&chunk, "uncaught.s.luac"),
                format!(
                    "{program}: ?:-1: attempt to index a nil value\n\
                     stack traceback:\n\
                     \t?: in upvalue '?'\n\
                     \t?: in function <?:7>\n\
                     \t?: in main chunk\n\
                     \t[C]: in ?\n"
                )
            );
        }
    };
}

tracebacks_match_lua!(chapter_13_stripped_chunk_has_no_lines, ch13);
tracebacks_match_lua!(chapter_14_stripped_chunk_has_no_lines, ch14);
tracebacks_match_lua!(chapter_15_stripped_chunk_has_no_lines, ch15);
tracebacks_match_lua!(chapter_16_stripped_chunk_has_no_lines, ch16);
tracebacks_match_lua!(chapter_17_stripped_chunk_has_no_lines, ch17);
