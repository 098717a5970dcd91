//! Chapter 4's program: put the API through its paces, printing the stack
//! after every step.

use std::fmt::Write;

use crate::binary_chunk::Prototype;
use crate::error::LuaError;
use crate::state::LuaState;
use crate::value::Value;

// ANCHOR: push_constants
/// Pushes every constant of a function, printing the stack after each push.
pub fn push_constants(state: &mut LuaState, f: &Prototype, out: &mut String) {
    let _ = writeln!(
        out,
        "the main function's {} constants, pushed in order:",
        f.constants.len()
    );
    for constant in &f.constants {
        let value = Value::from_constant(constant);
        let step = format!("push({})", value.show());
        state.push(value);
        let _ = writeln!(out, "  {step:<28} {}", state.show_stack());
    }
}
// ANCHOR_END: push_constants

// ANCHOR: demo
/// The classic tour of the stack API: each step and the stack after it.
/// The last steps misuse the API on purpose: they are errors, not crashes.
pub fn stack_tour(state: &mut LuaState, out: &mut String) {
    type Step = (&'static str, fn(&mut LuaState) -> Result<(), LuaError>);
    let steps: [Step; 12] = [
        ("set_top(0)", |s| s.set_top(0)),
        ("push_boolean(true)", |s| {
            s.push_boolean(true);
            Ok(())
        }),
        ("push_integer(10)", |s| {
            s.push_integer(10);
            Ok(())
        }),
        ("push_nil()", |s| {
            s.push_nil();
            Ok(())
        }),
        ("push_string(\"hello\")", |s| {
            s.push_string("hello");
            Ok(())
        }),
        ("push_value(-4)", |s| {
            s.push_value(-4);
            Ok(())
        }),
        ("replace(3)", |s| s.replace(3)),
        ("set_top(6)", |s| s.set_top(6)),
        ("remove(-3)", |s| s.remove(-3)),
        ("set_top(-5)", |s| s.set_top(-5)),
        ("replace(7)", |s| s.replace(7)),
        ("pop(5)", |s| s.pop(5)),
    ];
    let _ = writeln!(out, "the stack tour:");
    for (name, step) in steps {
        match step(state) {
            Ok(()) => {
                let _ = writeln!(out, "  {name:<28} {}", state.show_stack());
            }
            Err(error) => {
                let _ = writeln!(out, "  {name:<28} error: {error}");
            }
        }
    }
}
// ANCHOR_END: demo
