//! An instruction with B = 0 (CALL, TAILCALL, RETURN, SETLIST) takes its
//! values "up to the top", trusting that the instruction before set the
//! top above its register. A chunk made by hand can break that promise:
//! here the reference compiles a call `z(...)`, and its `VARARG 4 0` is
//! turned into `VARARG 0 0`, so the top ends below the function in R3.
//! Every chapter from 8 on must refuse that with a Lua error, never panic.

/// `OP_VARARG` in lopcodes.h.
const OPCODE_VARARG: u32 = 45;

/// The reference's chunk for `source` with the first `VARARG A B` made
/// `VARARG 0 B`.
fn vararg_to_register_0(source: &str) -> Vec<u8> {
    let mut chunk = oracle::compile(source.as_bytes(), "=open_top", true).unwrap();
    // Instructions are not aligned to 4 bytes in a chunk, so look for the
    // word at every byte offset; stripped, the chunk holds little else.
    let at = (0..chunk.len() - 4)
        .find(|&i| {
            let word = u32::from_le_bytes(chunk[i..i + 4].try_into().unwrap());
            word & 0x3f == OPCODE_VARARG && (word >> 6) & 0xff == 4
        })
        .expect("the chunk has a VARARG 4");
    let word = u32::from_le_bytes(chunk[at..at + 4].try_into().unwrap());
    chunk[at..at + 4].copy_from_slice(&(word & !(0xff << 6)).to_le_bytes());
    chunk
}

/// Runs `$proto` on `$state`, with no hook: chapter 8's `execute` takes the
/// hook as a parameter, later chapters keep it in the state.
macro_rules! execute {
    (ch08, $state:ident, $proto:expr) => {
        $state.execute($proto, None)
    };
    ($chapter:ident, $state:ident, $proto:expr) => {
        $state.execute($proto)
    };
}

macro_rules! refuses_an_open_call_below_its_function {
    ($test:ident, $chapter:ident, $source:expr, $setup:expr) => {
        #[test]
        fn $test() {
            let chunk = vararg_to_register_0($source);
            let chunk = $chapter::binary_chunk::undump(&chunk, "=open_top").unwrap();
            let proto = $chapter::vm::Proto::load(&chunk.main).unwrap();
            let mut state = $chapter::LuaState::new();
            let setup: fn(&mut $chapter::LuaState) = $setup;
            setup(&mut state);
            let error = execute!($chapter, state, &proto).unwrap_err();
            assert!(
                error
                    .message()
                    .contains("an open call's arguments end below its function"),
                "{}",
                error.message()
            );
        }
    };
}

const PLAIN: &str = "local x, y, z = 1, 2, function(...) end\nz(...)";
const CALLABLE: &str =
    "local x, y, z = 1, 2, setmetatable({}, {__call = function(...) end})\nz(...)";

refuses_an_open_call_below_its_function!(chapter_08, ch08, PLAIN, |_| {});
refuses_an_open_call_below_its_function!(chapter_09, ch09, PLAIN, |_| {});
refuses_an_open_call_below_its_function!(chapter_10, ch10, PLAIN, |_| {});
refuses_an_open_call_below_its_function!(chapter_11, ch11, CALLABLE, |state| {
    ch11::base_lib::open(state).unwrap()
});
refuses_an_open_call_below_its_function!(chapter_12, ch12, CALLABLE, |state| {
    ch12::base_lib::open(state).unwrap()
});
refuses_an_open_call_below_its_function!(chapter_13, ch13, CALLABLE, |state| {
    ch13::base_lib::open(state).unwrap()
});
refuses_an_open_call_below_its_function!(chapter_14, ch14, CALLABLE, |state| {
    ch14::base_lib::open(state).unwrap()
});
refuses_an_open_call_below_its_function!(chapter_15, ch15, CALLABLE, |state| {
    ch15::base_lib::open(state).unwrap()
});
refuses_an_open_call_below_its_function!(chapter_16, ch16, CALLABLE, |state| {
    ch16::base_lib::open(state).unwrap()
});
refuses_an_open_call_below_its_function!(chapter_17, ch17, CALLABLE, |state| {
    ch17::base_lib::open(state).unwrap()
});
