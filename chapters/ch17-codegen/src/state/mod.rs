//! The Lua state and its API.
//!
//! The API mirrors Lua's C API (`lua_gettop`, `lua_pushvalue`, ...) with
//! Rust names (`get_top`, `push_value`, ...). Like the C API, it works on a
//! stack of values and addresses them by index: 1 is the bottom of the
//! current frame, -1 the top. Unlike the C API, misuse is an error, never
//! undefined behaviour: a bad index returns `Err`, or counts as "no value"
//! where the C API is defined to accept it.

mod access;
mod calls;
mod operators;
mod push;
mod stack;
mod table;

use std::io::Write;

use crate::table::LuaTable;
use crate::value::Value;
use crate::vm::{CallInfo, Hook};

pub use stack::LUAI_MAXSTACK;

/// The free slots a Rust function can count on (`LUA_MINSTACK`).
pub const LUA_MINSTACK: usize = 20;
/// How deeply calls from Rust into Lua may nest (`LUAI_MAXCCALLS`).
pub const LUAI_MAXCCALLS: u32 = 200;
/// The pseudo-index of the registry (`LUA_REGISTRYINDEX`): not a stack
/// slot, but accepted wherever an index is.
pub const LUA_REGISTRYINDEX: i32 = -(LUAI_MAXSTACK as i32) - 1000;
/// Where the registry keeps the table of global variables.
pub const LUA_RIDX_GLOBALS: i64 = 2;

// ANCHOR: state
/// A Lua state: a stack of values, and the frames of the calls in progress.
pub struct LuaState {
    /// The stack's slots. Its length is how much is allocated: slots at
    /// and above `top` hold no live value.
    pub(crate) stack: Vec<Value>,
    /// The first free slot. Not the length of `stack`: a function's
    /// registers stay allocated while a call it makes moves the top.
    pub(crate) top: usize,
    /// The calls in progress, innermost last. The first is the base frame,
    /// where the API works when no function is running.
    pub(crate) frames: Vec<CallInfo>,
    /// The current frame's base, kept here because every register access
    /// needs it.
    pub(crate) base: usize,
    /// The registry: a table only Rust code can reach, where the state
    /// keeps what it must find again, such as the table of globals.
    pub(crate) registry: Value,
    /// How many calls from Rust into Lua are in progress, one inside the
    /// other.
    pub(crate) rust_calls: u32,
    /// The open upvalues, by increasing stack slot: at most one per slot,
    /// so that closures capturing the same variable share it.
    pub(crate) open_upvalues: Vec<crate::closure::UpvalueCell>,
    /// The metatables shared by all values of each type but table, by
    /// `LuaType` number.
    pub(crate) type_metatables: [Option<LuaTable>; 9],
    /// Whether errors record a traceback (`lua` asks for one for the errors
    /// of a script), and how many `pcall`s are running, inside which
    /// errors are caught and need none.
    pub traceback_on_error: bool,
    /// The position after the running Lua instruction, set by the loop
    /// (`LuaState::run`) before each instruction.
    pub(crate) current_pc: usize,
    pub(crate) protected_calls: u32,
    /// The metamethod names (`__index`...) as Lua strings, made once.
    pub(crate) event_names: Vec<crate::lua_string::LuaString>,
    /// Where `print` and the other output functions write. Output goes
    /// through the state, so that a test can capture everything a program
    /// prints.
    pub(crate) output: Box<dyn Write>,
    // ANCHOR: hook_field
    /// Called after every instruction of every Lua function running on
    /// this state, however it was called (`lua_sethook`): tests use it to
    /// stop programs that run too long.
    pub(crate) hook: Option<Box<dyn Hook>>,
    // ANCHOR_END: hook_field
}

impl LuaState {
    pub fn new() -> LuaState {
        // Slot 0 stands where a function would be, as in every frame; the
        // base frame's values start at slot 1.
        let mut stack = Vec::with_capacity(stack::BASIC_STACK_SIZE);
        stack.push(Value::Nil);
        LuaState {
            stack,
            top: 1,
            frames: vec![CallInfo::base_frame()],
            base: 1,
            registry: Value::Nil,
            rust_calls: 0,
            open_upvalues: Vec::new(),
            type_metatables: Default::default(),
            traceback_on_error: false,
            current_pc: 0,
            protected_calls: 0,
            event_names: crate::vm::EVENT_NAMES
                .iter()
                .map(|&name| name.into())
                .collect(),
            output: Box::new(std::io::stdout()),
            hook: None,
        }
        .with_registry()
    }

    /// The registry, holding the table of globals at `LUA_RIDX_GLOBALS`.
    fn with_registry(mut self) -> LuaState {
        let registry = LuaTable::new(2, 0).expect("a small table");
        let globals = LuaTable::new(0, 0).expect("an empty table");
        registry
            .set_int(LUA_RIDX_GLOBALS, Value::Table(globals))
            .expect("an integer key");
        self.registry = Value::Table(registry);
        self
    }

    /// What the registry holds at `LUA_RIDX_GLOBALS`: the table of global
    /// variables, unless the host has put something else there.
    pub fn globals_value(&self) -> Value {
        match &self.registry {
            Value::Table(registry) => registry.get_int(LUA_RIDX_GLOBALS),
            _ => Value::Nil,
        }
    }

    /// The table of global variables, if the registry still holds one.
    pub fn globals(&self) -> Option<LuaTable> {
        match self.globals_value() {
            Value::Table(globals) => Some(globals),
            _ => None,
        }
    }

    /// Sends what the program prints to `output` instead of the process's
    /// standard output, returning the previous destination.
    pub fn set_output(&mut self, output: Box<dyn Write>) -> Box<dyn Write> {
        std::mem::replace(&mut self.output, output)
    }

    /// Sets the hook that every Lua function running on this state runs
    /// under, returning the previous one (`lua_sethook`).
    pub fn set_hook(&mut self, hook: Option<Box<dyn Hook>>) -> Option<Box<dyn Hook>> {
        std::mem::replace(&mut self.hook, hook)
    }

    /// The slot that index 1 refers to: the bottom of the current frame.
    pub(crate) fn base(&self) -> usize {
        self.base
    }
}
// ANCHOR_END: state

impl Default for LuaState {
    fn default() -> Self {
        LuaState::new()
    }
}

impl LuaState {
    // ANCHOR: show_stack
    /// The current frame's values, bottom first: `[1][2.5]["x"][nil]`.
    pub fn show_stack(&self) -> String {
        self.show_stack_brief(usize::MAX)
    }

    /// The same, with each value cut to `width` characters, for traces
    /// that would otherwise copy huge strings into every line.
    pub fn show_stack_brief(&self, width: usize) -> String {
        let base = self.base();
        if self.top <= base {
            return "(empty)".into();
        }
        let brief = |value: &Value| {
            let text = value.show();
            match text.char_indices().nth(width) {
                Some((cut, _)) => format!("{}...", &text[..cut]),
                None => text,
            }
        };
        self.stack[base..self.top]
            .iter()
            .map(|value| format!("[{}]", brief(value)))
            .collect()
    }
    // ANCHOR_END: show_stack
}
