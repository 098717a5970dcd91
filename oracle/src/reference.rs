//! One long-lived reference Lua state for tests that ask it many small
//! questions: what `a + b` is, what `tostring(x)` prints, what a chunk
//! returns. Values cross between it and the tests as [`Val`], a plain
//! description that no chapter's types depend on.

use std::collections::HashMap;

use mlua::{Function, Lua, MultiValue, Value};

/// A Lua value as the tests compare them.
#[derive(Debug, Clone)]
pub enum Val {
    Nil,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(Vec<u8>),
    /// A value of another type, by its type name (`table`, `function`...).
    Other(String),
}

/// Floats are equal when their bits are: `-0.0` is not `0.0`, and a NaN
/// equals a NaN with the same sign, which is what Lua prints.
impl PartialEq for Val {
    fn eq(&self, other: &Val) -> bool {
        match (self, other) {
            (Val::Nil, Val::Nil) => true,
            (Val::Bool(a), Val::Bool(b)) => a == b,
            (Val::Int(a), Val::Int(b)) => a == b,
            (Val::Float(a), Val::Float(b)) => {
                a.to_bits() == b.to_bits()
                    || (a.is_nan() && b.is_nan() && a.is_sign_negative() == b.is_sign_negative())
            }
            (Val::Str(a), Val::Str(b)) => a == b,
            (Val::Other(a), Val::Other(b)) => a == b,
            _ => false,
        }
    }
}

pub struct Reference {
    lua: Lua,
    /// `pcall(f, ...)`, returning the status and the first result.
    protected_call: Function,
    /// A compiled `function(a, b) return a OP b end` per operator.
    operators: HashMap<String, Function>,
}

impl Default for Reference {
    fn default() -> Self {
        Reference::new()
    }
}

impl Reference {
    pub fn new() -> Reference {
        let lua = Lua::new();
        let protected_call = lua
            .load("return function(f, ...) return pcall(f, ...) end")
            .set_name("=reference")
            .eval()
            .expect("the reference's own helper compiles");
        Reference {
            lua,
            protected_call,
            operators: HashMap::new(),
        }
    }

    /// The value of a Lua expression, such as `math.mininteger` or `0/0`.
    pub fn value(&self, expression: &str) -> Result<Val, String> {
        let f = self.compile(&format!("return {expression}"), expression)?;
        self.call(&f, MultiValue::new())
    }

    /// `a OP b` for a binary operator as Lua writes it (`+`, `..`, `<=`).
    pub fn binary(&mut self, op: &str, a: &Val, b: &Val) -> Result<Val, String> {
        let f = self.operator(op, &format!("return function(a, b) return a {op} b end"))?;
        let args = MultiValue::from_vec(vec![self.to_lua(a)?, self.to_lua(b)?]);
        self.call(&f, args)
    }

    /// `OP a` for a unary operator (`-`, `~`, `#`, `not `).
    pub fn unary(&mut self, op: &str, a: &Val) -> Result<Val, String> {
        let f = self.operator(
            &format!("unary {op}"),
            &format!("return function(a) return {op} a end"),
        )?;
        let args = MultiValue::from_vec(vec![self.to_lua(a)?]);
        self.call(&f, args)
    }

    /// A global function of the reference applied to one value, such as
    /// `tostring` or `tonumber`.
    pub fn apply(&mut self, function: &str, a: &Val) -> Result<Val, String> {
        let f = self.operator(
            &format!("apply {function}"),
            &format!("return function(a) return {function}(a) end"),
        )?;
        let args = MultiValue::from_vec(vec![self.to_lua(a)?]);
        self.call(&f, args)
    }

    /// Everything a chunk (source or binary) returns, or its error message.
    pub fn returns(&self, chunk: &[u8], chunkname: &str) -> Result<Vec<Val>, String> {
        let f = self
            .lua
            .load(chunk)
            .set_name(chunkname)
            .into_function()
            .map_err(|e| e.to_string())?;
        let results: MultiValue = self.protected_call.call(f).map_err(|e| e.to_string())?;
        let mut results = results.into_iter();
        match results.next() {
            Some(Value::Boolean(true)) => Ok(results.map(|v| from_lua(&v)).collect()),
            _ => Err(results.next().map(|v| message_of(&v)).unwrap_or_default()),
        }
    }

    fn operator(&mut self, key: &str, source: &str) -> Result<Function, String> {
        if let Some(f) = self.operators.get(key) {
            return Ok(f.clone());
        }
        let f: Function = self
            .compile(source, "op")?
            .call(())
            .map_err(|e| e.to_string())?;
        self.operators.insert(key.to_string(), f.clone());
        Ok(f)
    }

    fn compile(&self, source: &str, name: &str) -> Result<Function, String> {
        self.lua
            .load(source)
            .set_name(format!("={name}"))
            .into_function()
            .map_err(|e| e.to_string())
    }

    fn call(&self, f: &Function, args: MultiValue) -> Result<Val, String> {
        let mut all = vec![Value::Function(f.clone())];
        all.extend(args);
        let results: MultiValue = self
            .protected_call
            .call(MultiValue::from_vec(all))
            .map_err(|e| e.to_string())?;
        let mut results = results.into_iter();
        let ok = matches!(results.next(), Some(Value::Boolean(true)));
        let first = results.next().unwrap_or(Value::Nil);
        if ok {
            Ok(from_lua(&first))
        } else {
            Err(message_of(&first))
        }
    }

    fn to_lua(&self, value: &Val) -> Result<Value, String> {
        Ok(match value {
            Val::Nil => Value::Nil,
            Val::Bool(b) => Value::Boolean(*b),
            Val::Int(i) => Value::Integer(*i),
            Val::Float(x) => Value::Number(*x),
            Val::Str(bytes) => {
                Value::String(self.lua.create_string(bytes).map_err(|e| e.to_string())?)
            }
            Val::Other(t) => return Err(format!("cannot pass a {t} to the reference")),
        })
    }
}

fn from_lua(value: &Value) -> Val {
    match value {
        Value::Nil => Val::Nil,
        Value::Boolean(b) => Val::Bool(*b),
        Value::Integer(i) => Val::Int(*i),
        Value::Number(x) => Val::Float(*x),
        Value::String(s) => Val::Str(s.as_bytes().to_vec()),
        other => Val::Other(other.type_name().to_string()),
    }
}

fn message_of(value: &Value) -> String {
    match value {
        Value::String(s) => String::from_utf8_lossy(&s.as_bytes()).into_owned(),
        other => format!("(error object is a {} value)", other.type_name()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_questions_about_lua() {
        let mut reference = Reference::new();
        assert_eq!(reference.value("1 + 1"), Ok(Val::Int(2)));
        assert_eq!(
            reference.binary("..", &Val::Int(1), &Val::Float(2.0)),
            Ok(Val::Str(b"12.0".to_vec()))
        );
        assert_eq!(
            reference.binary("//", &Val::Int(1), &Val::Int(0)),
            Err("op:1: attempt to divide by zero".to_string())
        );
        assert_eq!(
            reference.unary("#", &Val::Str(b"abc".to_vec())),
            Ok(Val::Int(3))
        );
        assert_eq!(
            reference.apply("tostring", &Val::Float(1e15)),
            Ok(Val::Str(b"1e+15".to_vec()))
        );
        assert_eq!(
            reference.returns(b"return 1, 'x'", "=t"),
            Ok(vec![Val::Int(1), Val::Str(b"x".to_vec())])
        );
        assert_ne!(Val::Float(0.0), Val::Float(-0.0));
    }
}
