//! The error type of the interpreter.
//!
//! Errors travel as `Result<_, LuaError>` and never as panics. For now an
//! error is a message, worded as real Lua words it; the chapter on errors
//! lets any Lua value be an error.

use std::fmt;

// ANCHOR: error
/// An error raised while loading or running Lua.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LuaError {
    message: String,
}

impl LuaError {
    pub fn new(message: impl Into<String>) -> Self {
        LuaError {
            message: message.into(),
        }
    }

    pub fn message(&self) -> &str {
        &self.message
    }
}
// ANCHOR_END: error

impl fmt::Display for LuaError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for LuaError {}

// ANCHOR: from_io_error
/// Writing the program's output can fail (a closed pipe); that is an error
/// like any other, never a panic.
impl From<std::io::Error> for LuaError {
    fn from(error: std::io::Error) -> Self {
        LuaError::new(format!("output error: {error}"))
    }
}
// ANCHOR_END: from_io_error
