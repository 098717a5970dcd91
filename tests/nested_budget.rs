//! From chapter 9 on, Rust calls back into Lua: a Rust function calling
//! its argument, a metamethod, `print` calling `__tostring`, `pcall`. Each
//! such call starts a run of the loop inside the first one. The hook
//! belongs to the state, so every run is hooked: an instruction budget must
//! stop a loop that never ends inside a nested run just as it stops one in
//! the main chunk.

#[macro_use]
mod common;

use std::sync::mpsc;
use std::time::Duration;

/// How long a program may take to run out of its budget before the test
/// decides that the budget never reached the loop.
const TIMEOUT: Duration = Duration::from_secs(30);

/// The instructions a program may run.
const BUDGET: u64 = 100_000;

/// A Rust function calling the Lua function passed to it: `call_it(f)`.
const CALL_IT: &str = "call_it(function() while true do end end)";
/// An `__index` function looping forever.
const INDEX: &str = "local _ = setmetatable({}, {__index = function() while true do end end}).x";
/// A `__tostring` function looping forever, called by `print`.
const TOSTRING: &str = "print(setmetatable({}, {__tostring = function() while true do end end}))";
/// A protected call of a function looping forever. `pcall` catches the
/// budget's error, and the next instruction of the main chunk, with the
/// budget spent, raises it again.
const PCALL: &str = "pcall(function() while true do end end)\nreturn 'not stopped'";

macro_rules! budget_stops_a_nested_loop {
    ($test:ident, $chapter:ident, $source:expr) => {
        #[test]
        fn $test() {
            use $chapter::vm::Proto;
            use $chapter::{LuaError, LuaState, base_lib};

            instruction_budget!($chapter);

            /// Calls its argument, from Rust.
            fn call_it(state: &mut LuaState) -> Result<usize, LuaError> {
                state.push_value(1);
                state.call(0, 0)?;
                Ok(0)
            }

            let bytes = oracle::compile($source.as_bytes(), "=nested", false).unwrap();
            // The program runs on a thread of its own, so that a budget that
            // does not reach the loop fails the test instead of hanging it.
            let (sender, receiver) = mpsc::channel();
            std::thread::spawn(move || {
                let chunk = $chapter::binary_chunk::undump(&bytes, "=nested").unwrap();
                let proto = Proto::load(&chunk.main).unwrap();
                let mut state = LuaState::new();
                base_lib::open(&mut state).unwrap();
                state.register("call_it", call_it).unwrap();
                state.set_output(Box::new(std::io::sink()));
                state.set_hook(Some(Box::new(Budget(BUDGET))));
                let result = state.execute(&proto).map(|values| values.len());
                let _ = sender.send(result.map_err(|error| error.message().to_string()));
            });
            let result = receiver
                .recv_timeout(TIMEOUT)
                .expect("the budget did not stop the loop");
            match result {
                Err(message) => assert!(
                    message.contains("instruction budget exhausted"),
                    "{message}"
                ),
                Ok(n) => panic!("the program ended normally, returning {n} values"),
            }
        }
    };
}

budget_stops_a_nested_loop!(chapter_09_rust_function_calling_lua, ch09, CALL_IT);
budget_stops_a_nested_loop!(chapter_10_rust_function_calling_lua, ch10, CALL_IT);
budget_stops_a_nested_loop!(chapter_11_rust_function_calling_lua, ch11, CALL_IT);
budget_stops_a_nested_loop!(chapter_11_index_metamethod, ch11, INDEX);
budget_stops_a_nested_loop!(chapter_11_tostring_called_by_print, ch11, TOSTRING);
budget_stops_a_nested_loop!(chapter_12_rust_function_calling_lua, ch12, CALL_IT);
budget_stops_a_nested_loop!(chapter_12_index_metamethod, ch12, INDEX);
budget_stops_a_nested_loop!(chapter_12_tostring_called_by_print, ch12, TOSTRING);
budget_stops_a_nested_loop!(chapter_13_rust_function_calling_lua, ch13, CALL_IT);
budget_stops_a_nested_loop!(chapter_13_index_metamethod, ch13, INDEX);
budget_stops_a_nested_loop!(chapter_13_tostring_called_by_print, ch13, TOSTRING);
budget_stops_a_nested_loop!(chapter_13_pcall, ch13, PCALL);
budget_stops_a_nested_loop!(chapter_14_rust_function_calling_lua, ch14, CALL_IT);
budget_stops_a_nested_loop!(chapter_14_index_metamethod, ch14, INDEX);
budget_stops_a_nested_loop!(chapter_14_tostring_called_by_print, ch14, TOSTRING);
budget_stops_a_nested_loop!(chapter_14_pcall, ch14, PCALL);
budget_stops_a_nested_loop!(chapter_15_rust_function_calling_lua, ch15, CALL_IT);
budget_stops_a_nested_loop!(chapter_15_index_metamethod, ch15, INDEX);
budget_stops_a_nested_loop!(chapter_15_tostring_called_by_print, ch15, TOSTRING);
budget_stops_a_nested_loop!(chapter_15_pcall, ch15, PCALL);
budget_stops_a_nested_loop!(chapter_16_rust_function_calling_lua, ch16, CALL_IT);
budget_stops_a_nested_loop!(chapter_16_index_metamethod, ch16, INDEX);
budget_stops_a_nested_loop!(chapter_16_tostring_called_by_print, ch16, TOSTRING);
budget_stops_a_nested_loop!(chapter_16_pcall, ch16, PCALL);
budget_stops_a_nested_loop!(chapter_17_rust_function_calling_lua, ch17, CALL_IT);
budget_stops_a_nested_loop!(chapter_17_index_metamethod, ch17, INDEX);
budget_stops_a_nested_loop!(chapter_17_tostring_called_by_print, ch17, TOSTRING);
budget_stops_a_nested_loop!(chapter_17_pcall, ch17, PCALL);
