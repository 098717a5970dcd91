//! The reference oracle: PUC-Rio Lua 5.3.6, built from source by cargo.
//!
//! Everything the project compares itself with goes through this crate:
//! binary chunks for the chapters that run before the book has a compiler,
//! and the output and error message of running a program. It is used only by
//! `xtask` and by the root package's tests, never by a chapter crate.

pub mod generated;
mod reference;
pub mod samples;

pub use reference::{Reference, Val};

use std::path::Path;

use mlua::{Function, Lua, MultiValue, Value};

/// What running a program on the reference printed, and how it ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// Everything the program wrote with `print` and `io.write`, as bytes.
    pub output: Vec<u8>,
    /// The error message if the program failed to compile or raised an error,
    /// converted to text the way the standalone `lua` does before printing it.
    pub error: Option<String>,
}

/// The chunk name `lua` and `luac` give a file: `@` followed by the path as
/// typed. Paths are written with `/` so that chunks do not depend on the OS.
pub fn chunkname_for(path: &Path) -> String {
    let shown = path.to_string_lossy().replace('\\', "/");
    format!("@{shown}")
}

/// Compiles `source` with the reference compiler and returns the binary chunk
/// that `luac` (or `string.dump`) would write, stripped of debug information
/// when `strip` is set. A syntax error comes back as its message.
pub fn compile(source: &[u8], chunkname: &str, strip: bool) -> Result<Vec<u8>, String> {
    let lua = Lua::new();
    let function = load(&lua, source, chunkname)?;
    Ok(function.dump(strip))
}

/// Compiles the file at `path` (relative to the current directory, and named
/// in the chunk as given) like `luac [-s] path` does.
pub fn compile_file(path: &Path, strip: bool) -> Result<Vec<u8>, String> {
    let source = std::fs::read(path).map_err(|e| format!("cannot open {}: {e}", path.display()))?;
    compile(&source, &chunkname_for(path), strip)
}

/// Runs `source` (Lua text or a binary chunk) on the reference with the
/// standard libraries, capturing what it prints.
pub fn run(source: &[u8], chunkname: &str) -> Outcome {
    let lua = Lua::new();
    let captured = std::rc::Rc::new(std::cell::RefCell::new(Vec::new()));
    if let Err(error) = install_capture(&lua, &captured) {
        return Outcome {
            output: Vec::new(),
            error: Some(format!("oracle setup failed: {error}")),
        };
    }
    let error = match load(&lua, source, chunkname) {
        Err(message) => Some(message),
        Ok(function) => run_protected(&lua, function),
    };
    let output = captured.borrow().clone();
    Outcome { output, error }
}

/// Runs the file at `path` like `lua path` does.
pub fn run_file(path: &Path) -> Outcome {
    match std::fs::read(path) {
        Ok(source) => run(&source, &chunkname_for(path)),
        Err(e) => Outcome {
            output: Vec::new(),
            error: Some(format!("cannot open {}: {e}", path.display())),
        },
    }
}

/// Loads `source` as `luac` and `lua` load a file: from inside a C function
/// that `lua_pcall` called. That call counts as one level of C calls, and
/// the parser's nesting limit ("too many C levels") counts from it, so a
/// chunk nested as deep as luac allows loads here too, and one level
/// deeper fails with luac's message.
fn load(lua: &Lua, source: &[u8], chunkname: &str) -> Result<Function, String> {
    let (source, chunkname) = (source.to_vec(), chunkname.to_string());
    let loader = lua
        .create_function(move |lua, ()| {
            lua.load(source.as_slice())
                .set_name(chunkname.as_str())
                .into_function()
        })
        .map_err(|e| plain_message(&e))?;
    loader.call::<Function>(()).map_err(|e| plain_message(&e))
}

/// Replaces `print` and `io.write` with versions that append to `captured`.
/// `print` is written in Lua, so that errors inside it behave as in the C
/// original: `tostring` is called through `pcall` (a C function, so an
/// error it raises gets no position from the wrapper) and re-raised as it
/// is, and the wrapper's own error blames its caller (level 2), as
/// `luaL_error` in C `print` does.
fn install_capture(
    lua: &Lua,
    captured: &std::rc::Rc<std::cell::RefCell<Vec<u8>>>,
) -> mlua::Result<()> {
    let sink = captured.clone();
    let write_bytes = lua.create_function(move |_, text: mlua::LuaString| {
        sink.borrow_mut().extend_from_slice(&text.as_bytes());
        Ok(())
    })?;
    const PRINT: &str = r##"
        local write, tostring, pcall, error, select = ...
        return function(...)
          local n = select("#", ...)
          for i = 1, n do
            local ok, s = pcall(tostring, (select(i, ...)))
            if not ok then error(s, 0) end
            if type(s) ~= "string" and type(s) ~= "number" then
              error("'tostring' must return a string to 'print'", 2)
            end
            if i > 1 then write("\t") end
            write(s)
          end
          write("\n")
        end
    "##;
    let globals = lua.globals();
    let make_print = lua.load(PRINT).set_name("=print").into_function()?;
    let print: Function = make_print.call((
        write_bytes,
        globals.get::<Function>("tostring")?,
        globals.get::<Function>("pcall")?,
        globals.get::<Function>("error")?,
        globals.get::<Function>("select")?,
    ))?;
    globals.set("print", print)?;

    let sink = captured.clone();
    let tostring: Function = globals.get("tostring")?;
    let io: mlua::Table = globals.get("io")?;
    let write = lua.create_function(move |_, args: MultiValue| {
        for value in args {
            match value {
                Value::String(s) => sink.borrow_mut().extend_from_slice(&s.as_bytes()),
                Value::Integer(_) | Value::Number(_) => {
                    let text: mlua::LuaString = tostring.call(value)?;
                    sink.borrow_mut().extend_from_slice(&text.as_bytes());
                }
                other => {
                    return Err(mlua::Error::runtime(format!(
                        "bad argument to 'write' (string expected, got {})",
                        other.type_name()
                    )));
                }
            }
        }
        Ok(())
    })?;
    io.set("write", write)?;
    Ok(())
}

/// Calls `function` under Lua's own `pcall`, so the error value is exactly
/// what the program raised, and turns it into text the way `lua.c`'s message
/// handler does: strings and numbers as they are, values with `__tostring`
/// through it, anything else as "(error object is a X value)".
fn run_protected(lua: &Lua, function: Function) -> Option<String> {
    const RUNNER: &str = r#"
        local f = ...
        local ok, e = pcall(f)
        if ok then return nil end
        local t = type(e)
        if t == "string" or t == "number" then return tostring(e) end
        local mt = getmetatable(e)
        if mt and mt.__tostring then return tostring(e) end
        return "(error object is a " .. t .. " value)"
    "#;
    let runner = match lua.load(RUNNER).set_name("=oracle").into_function() {
        Ok(runner) => runner,
        Err(e) => return Some(format!("oracle setup failed: {e}")),
    };
    match runner.call::<Option<mlua::LuaString>>(function) {
        Ok(message) => message.map(|m| String::from_utf8_lossy(&m.as_bytes()).into_owned()),
        Err(e) => Some(plain_message(&e)),
    }
}

/// The message of an mlua error without the decorations mlua adds.
fn plain_message(error: &mlua::Error) -> String {
    match error {
        mlua::Error::CallbackError { cause, .. } => plain_message(cause),
        mlua::Error::SyntaxError { message, .. } => message.clone(),
        mlua::Error::RuntimeError(message) => message.clone(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn print_is_captured_with_lua_formatting() {
        let outcome = run(b"print(1, 2.0, 'x', nil, true) io.write(3, 'y')", "=t");
        assert_eq!(outcome.output, b"1\t2.0\tx\tnil\ttrue\n3y");
        assert_eq!(outcome.error, None);
    }

    #[test]
    fn errors_carry_lua_messages() {
        let outcome = run(b"print('a')\nlocal t = nil\nreturn t.x", "@e.lua");
        assert_eq!(outcome.output, b"a\n");
        assert_eq!(
            outcome.error.as_deref(),
            Some("e.lua:3: attempt to index a nil value (local 't')")
        );
        let outcome = run(b"error({})", "=t");
        assert_eq!(
            outcome.error.as_deref(),
            Some("(error object is a table value)")
        );
        let outcome = run(b"x = = 1", "=t");
        assert_eq!(
            outcome.error.as_deref(),
            Some("t:1: unexpected symbol near '='")
        );
    }

    #[test]
    fn compiled_chunks_are_lua_53_and_strip_removes_debug_info() {
        let full = compile(b"local a = 1 return a", "@x.lua", false).unwrap();
        let stripped = compile(b"local a = 1 return a", "@x.lua", true).unwrap();
        assert_eq!(&full[..5], b"\x1bLua\x53");
        assert!(stripped.len() < full.len());
        // The chunk runs on the reference and gives the same result.
        assert_eq!(run(&full, "=x").error, None);
    }
}
