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
    /// Whether the message already says where the error happened. The
    /// virtual machine prefixes `chunkname:line:` to an error that does not,
    /// naming the instruction that was running: for an error raised by a
    /// Rust function, that is the call, as `luaL_error` does in C.
    located: bool,
}

impl LuaError {
    pub fn new(message: impl Into<String>) -> Self {
        LuaError {
            message: message.into(),
            located: false,
        }
    }

    /// An error whose message is complete: no position will be added.
    pub fn located(message: impl Into<String>) -> Self {
        LuaError {
            message: message.into(),
            located: true,
        }
    }

    pub fn message(&self) -> &str {
        &self.message
    }

    pub fn is_located(&self) -> bool {
        self.located
    }

    /// The same error, marked as complete without adding a position.
    pub fn into_located(self) -> Self {
        LuaError {
            located: true,
            ..self
        }
    }
}
// ANCHOR_END: error

impl fmt::Display for LuaError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
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
