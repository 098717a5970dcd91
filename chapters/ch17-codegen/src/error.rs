//! The error type of the interpreter.
//!
//! Errors travel as `Result<_, LuaError>` and never as panics. In Lua any
//! value can be an error (`error({code = 2})`), so an error holds a value;
//! most are strings, messages worded as real Lua words them.

use std::fmt;

use crate::lua_string::LuaString;
use crate::value::Value;

// ANCHOR: error
/// An error raised while loading or running Lua. It is one pointer wide:
/// every fallible operation of the interpreter returns a `Result`, and a
/// small error keeps those results small enough to travel in registers.
#[derive(Debug, Clone)]
pub struct LuaError(Box<ErrorData>);

#[derive(Debug, Clone)]
struct ErrorData {
    /// The error object: what `pcall` returns and `error` was given.
    value: Value,
    /// Whether the error is complete. The virtual machine prefixes
    /// `chunkname:line:` to a message that is not, naming the instruction
    /// that was running, and, if the error says which operand it is about,
    /// the variable that held it: `(local 'x')`.
    located: bool,
    blame: Option<Blame>,
    /// The stack at the moment of the error, as `lua` prints it, when the
    /// state was asked to record one (see `LuaState::traceback`).
    traceback: Option<String>,
}

/// Which operand of the failing instruction an error is about, and where
/// in the message the variable's description goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Blame {
    pub operand: usize,
    pub at: usize,
}

impl LuaError {
    /// A runtime error with a message; the position is added where it is
    /// raised.
    pub fn new(message: impl Into<String>) -> Self {
        LuaError::from_parts(string_value(message.into()), false, None)
    }

    /// An error whose message is complete: no position will be added.
    pub fn located(message: impl Into<String>) -> Self {
        LuaError::from_parts(string_value(message.into()), true, None)
    }

    /// A runtime error about operand `operand` of the instruction that
    /// raises it; the variable's description goes at byte `at`.
    pub fn blaming(message: impl Into<String>, operand: usize, at: usize) -> Self {
        let blame = Some(Blame { operand, at });
        LuaError::from_parts(string_value(message.into()), false, blame)
    }

    /// An error with any value as its object (`error(v)`), taken as it is.
    pub fn from_value(value: Value) -> Self {
        LuaError::from_parts(value, true, None)
    }

    fn from_parts(value: Value, located: bool, blame: Option<Blame>) -> Self {
        LuaError(Box::new(ErrorData {
            value,
            located,
            blame,
            traceback: None,
        }))
    }

    pub fn value(&self) -> &Value {
        &self.0.value
    }

    pub fn is_located(&self) -> bool {
        self.0.located
    }

    pub fn blame(&self) -> Option<Blame> {
        self.0.blame
    }

    pub fn traceback(&self) -> Option<&str> {
        self.0.traceback.as_deref()
    }

    pub fn with_traceback(mut self, traceback: String) -> Self {
        self.0.traceback = Some(traceback);
        self
    }

    /// The same error, marked as complete without adding a position.
    pub fn into_located(mut self) -> Self {
        self.0.located = true;
        self
    }

    /// The message as `lua` shows an uncaught error: a string or a number
    /// as it is, any other value as "(error object is a T value)".
    pub fn message(&self) -> String {
        match &self.0.value {
            Value::String(s) => String::from_utf8_lossy(s.as_bytes()).into_owned(),
            Value::Integer(_) | Value::Number(_) => self.0.value.show(),
            other => format!("(error object is a {} value)", other.type_name()),
        }
    }
}
// ANCHOR_END: error

fn string_value(message: String) -> Value {
    Value::String(LuaString::from(message.as_str()))
}

impl fmt::Display for LuaError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

impl std::error::Error for LuaError {}

/// Writing the program's output can fail (a closed pipe); that is an error
/// like any other, never a panic.
impl From<std::io::Error> for LuaError {
    fn from(error: std::io::Error) -> Self {
        LuaError::new(format!("output error: {error}"))
    }
}
