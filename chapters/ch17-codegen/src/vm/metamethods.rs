//! Metatables and metamethods (`ltm.c`, and the slow paths of `lvm.c`).
//!
//! Every operation on values first tries its primitive meaning (numbers
//! added, a table indexed). Where that has none (adding tables, indexing a
//! missing key, calling a table), Lua looks for a *metamethod*: a field
//! such as `__add` in the metatable of an operand, and calls it.

use crate::error::LuaError;
use crate::lua_string::LuaString;
use crate::operators::{self, ArithOp};
use crate::state::LuaState;
use crate::table::LuaTable;
use crate::value::{LuaType, Value};

// ANCHOR: events
/// The events a metatable can handle, in `ltm.h`'s order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Event {
    Index,
    NewIndex,
    Len,
    Eq,
    Add,
    Sub,
    Mul,
    Mod,
    Pow,
    Div,
    IDiv,
    BAnd,
    BOr,
    BXor,
    Shl,
    Shr,
    Unm,
    BNot,
    Lt,
    Le,
    Concat,
    Call,
}

/// The field names, by event.
pub const EVENT_NAMES: [&str; 22] = [
    "__index",
    "__newindex",
    "__len",
    "__eq",
    "__add",
    "__sub",
    "__mul",
    "__mod",
    "__pow",
    "__div",
    "__idiv",
    "__band",
    "__bor",
    "__bxor",
    "__shl",
    "__shr",
    "__unm",
    "__bnot",
    "__lt",
    "__le",
    "__concat",
    "__call",
];

impl Event {
    /// The event of an arithmetic or bitwise operator.
    pub fn of(op: ArithOp) -> Event {
        match op {
            ArithOp::Add => Event::Add,
            ArithOp::Sub => Event::Sub,
            ArithOp::Mul => Event::Mul,
            ArithOp::Mod => Event::Mod,
            ArithOp::Pow => Event::Pow,
            ArithOp::Div => Event::Div,
            ArithOp::IDiv => Event::IDiv,
            ArithOp::BAnd => Event::BAnd,
            ArithOp::BOr => Event::BOr,
            ArithOp::BXor => Event::BXor,
            ArithOp::Shl => Event::Shl,
            ArithOp::Shr => Event::Shr,
            ArithOp::Unm => Event::Unm,
            ArithOp::BNot => Event::BNot,
        }
    }
}
// ANCHOR_END: events

/// How many `__index` or `__newindex` tables a lookup follows before it
/// gives up (`MAXTAGLOOP`).
const MAX_TAG_LOOP: usize = 2000;

impl LuaState {
    // ANCHOR: metatable_of
    /// The metatable of a value: a table's own, or the one shared by all
    /// values of its type (strings get theirs from the string library).
    pub fn metatable_of(&self, value: &Value) -> Option<LuaTable> {
        match value {
            Value::Table(t) => t.metatable(),
            other => self.type_metatables[other.type_of() as usize].clone(),
        }
    }

    /// Sets the metatable shared by all values of a type other than table.
    pub fn set_type_metatable(&mut self, t: LuaType, metatable: Option<LuaTable>) {
        if let Some(slot) = self.type_metatables.get_mut(t as usize) {
            *slot = metatable;
        }
    }

    /// The metamethod for `event` of a value, or nil.
    pub fn metamethod(&self, value: &Value, event: Event) -> Value {
        match self.metatable_of(value) {
            Some(metatable) => metatable.get_str(&self.event_names[event as usize]),
            None => Value::Nil,
        }
    }

    /// The name of an event, as the string the metatable field is named by.
    pub fn event_name(&self, event: Event) -> &LuaString {
        &self.event_names[event as usize]
    }

    // ANCHOR: call_metamethod
    /// Calls a metamethod with `args` and returns its first result. This is
    /// a call from Rust into Lua: it nests the Rust stack, as metamethod
    /// calls nest the C stack in real Lua.
    pub fn call_metamethod(&mut self, f: Value, args: &[Value]) -> Result<Value, LuaError> {
        // A Lua instruction is calling out: its frame's position must be
        // known to whatever runs (for error positions and tracebacks).
        let current_pc = self.current_pc;
        if let Some(frame) = self.frames.last_mut()
            && frame.closure.is_some()
        {
            frame.pc = current_pc;
        }
        let func = self.top;
        self.ensure_slots(func + args.len() + 1);
        self.push(f);
        for arg in args {
            self.push(arg.clone());
        }
        self.call(args.len(), 1)?;
        let result = std::mem::take(&mut self.stack[func]);
        self.top = func;
        Ok(result)
    }
    // ANCHOR_END: call_metamethod
    // ANCHOR_END: metatable_of

    // ANCHOR: index
    /// `t[k]` with `__index`: a table that has the key, or has no
    /// metatable, answers by itself; anything else goes to
    /// [`Self::finish_index`].
    pub fn index(&mut self, t: Value, key: &Value) -> Result<Value, LuaError> {
        if let Value::Table(table) = &t
            && let Some(value) = table.get_raw_answer(key)
        {
            return Ok(value);
        }
        self.finish_index(t, key)
    }

    /// `luaV_finishget`: `t[k]` for a table that lacks the key but has a
    /// metatable, or for a value that is not a table. The `__index`
    /// metamethod answers: a function is called with `(t, k)`; a table is
    /// indexed in turn.
    pub fn finish_index(&mut self, mut t: Value, key: &Value) -> Result<Value, LuaError> {
        for round in 0..MAX_TAG_LOOP {
            let handler = match &t {
                Value::Table(table) => table.metamethod(self.event_name(Event::Index)),
                other => {
                    let handler = self.metamethod(other, Event::Index);
                    if matches!(handler, Value::Nil) {
                        return Err(index_error(other, round));
                    }
                    handler
                }
            };
            if matches!(handler, Value::Nil) {
                return Ok(Value::Nil);
            }
            if is_function(&handler) {
                return self.call_metamethod(handler, &[t, key.clone()]);
            }
            if let Value::Table(table) = &handler
                && let Some(value) = table.get_raw_answer(key)
            {
                return Ok(value);
            }
            t = handler;
        }
        Err(LuaError::new("'__index' chain too long; possible loop"))
    }

    /// `t[k] = v` with `__newindex` (`luaV_finishset`): only an assignment
    /// to a key a table does not have goes to the metamethod.
    pub fn set_index(&mut self, mut t: Value, key: Value, value: Value) -> Result<(), LuaError> {
        for round in 0..MAX_TAG_LOOP {
            let handler = match &t {
                Value::Table(table) => {
                    let handler = if matches!(table.get(&key), Value::Nil) {
                        table.metamethod(self.event_name(Event::NewIndex))
                    } else {
                        Value::Nil
                    };
                    if matches!(handler, Value::Nil) {
                        return table.set(&key, value);
                    }
                    handler
                }
                other => {
                    let handler = self.metamethod(other, Event::NewIndex);
                    if matches!(handler, Value::Nil) {
                        return Err(index_error(other, round));
                    }
                    handler
                }
            };
            if is_function(&handler) {
                self.call_metamethod(handler, &[t, key, value])?;
                return Ok(());
            }
            t = handler;
        }
        Err(LuaError::new("'__newindex' chain too long; possible loop"))
    }
    // ANCHOR_END: index

    // ANCHOR: arith
    /// An arithmetic or bitwise operation with metamethods
    /// (`luaT_trybinTM`): operands that are not numbers (or, for bitwise
    /// operators, not integers) go to the metamethod of the first operand
    /// that has one.
    pub fn arith_values(&mut self, op: ArithOp, a: &Value, b: &Value) -> Result<Value, LuaError> {
        let numeric = if matches!(
            op,
            ArithOp::BAnd
                | ArithOp::BOr
                | ArithOp::BXor
                | ArithOp::Shl
                | ArithOp::Shr
                | ArithOp::BNot
        ) {
            a.to_integer().is_some() && b.to_integer().is_some()
        } else {
            a.to_float().is_some() && b.to_float().is_some()
        };
        if numeric {
            return operators::arith(op, a, b);
        }
        let event = Event::of(op);
        let handler = match self.metamethod(a, event) {
            Value::Nil => self.metamethod(b, event),
            handler => handler,
        };
        if matches!(handler, Value::Nil) {
            // No metamethod: the primitive operation's own error.
            return operators::arith(op, a, b);
        }
        self.call_metamethod(handler, &[a.clone(), b.clone()])
    }
    // ANCHOR_END: arith

    // ANCHOR: compare
    /// `a == b` (`luaV_equalobj`): only two tables that are not the same
    /// table try `__eq`, from either operand.
    pub fn equals(&mut self, a: &Value, b: &Value) -> Result<bool, LuaError> {
        let (Value::Table(x), Value::Table(y)) = (a, b) else {
            return Ok(operators::raw_equals(a, b));
        };
        if LuaTable::ptr_eq(x, y) {
            return Ok(true);
        }
        let handler = match x.metamethod(self.event_name(Event::Eq)) {
            Value::Nil => y.metamethod(self.event_name(Event::Eq)),
            handler => handler,
        };
        if matches!(handler, Value::Nil) {
            return Ok(false);
        }
        Ok(self
            .call_metamethod(handler, &[a.clone(), b.clone()])?
            .is_truthy())
    }

    /// `a < b`: numbers and strings directly, anything else through `__lt`.
    pub fn less_than(&mut self, a: &Value, b: &Value) -> Result<bool, LuaError> {
        if both_numbers_or_strings(a, b) {
            return operators::less_than(a, b);
        }
        match self.order_metamethod(a, b, Event::Lt)? {
            Some(result) => Ok(result),
            None => Err(operators::order_error(a, b)),
        }
    }

    /// `a <= b`: through `__le`, or, as Lua 5.3 allows, `not (b < a)`
    /// through `__lt`.
    pub fn less_equal(&mut self, a: &Value, b: &Value) -> Result<bool, LuaError> {
        if both_numbers_or_strings(a, b) {
            return operators::less_equal(a, b);
        }
        if let Some(result) = self.order_metamethod(a, b, Event::Le)? {
            return Ok(result);
        }
        match self.order_metamethod(b, a, Event::Lt)? {
            Some(result) => Ok(!result),
            None => Err(operators::order_error(a, b)),
        }
    }

    fn order_metamethod(
        &mut self,
        a: &Value,
        b: &Value,
        event: Event,
    ) -> Result<Option<bool>, LuaError> {
        let handler = match self.metamethod(a, event) {
            Value::Nil => self.metamethod(b, event),
            handler => handler,
        };
        if matches!(handler, Value::Nil) {
            return Ok(None);
        }
        Ok(Some(
            self.call_metamethod(handler, &[a.clone(), b.clone()])?
                .is_truthy(),
        ))
    }
    // ANCHOR_END: compare

    // ANCHOR: len_concat
    /// `#v` (`luaV_objlen`): strings directly, tables through `__len` if
    /// they have one, anything else only through `__len`.
    pub fn length(&mut self, value: &Value) -> Result<Value, LuaError> {
        if let Value::String(_) = value {
            return operators::len(value);
        }
        let handler = self.metamethod(value, Event::Len);
        match (value, handler) {
            (Value::Table(_), Value::Nil) => operators::len(value),
            (_, Value::Nil) => Err(operators::type_error(value, "get length of", 0)),
            // Like every unary event, `__len` gets its operand twice
            // (`luaT_callTM(L, tm, rb, rb, ...)` in lvm.c).
            (_, handler) => self.call_metamethod(handler, &[value.clone(), value.clone()]),
        }
    }

    /// `v1 .. v2 .. ... .. vn` (`luaV_concat`): from the right, joining
    /// each run of strings and numbers at once, and calling `__concat` on
    /// any pair that is not.
    pub fn concat_values(&mut self, values: &[Value]) -> Result<Value, LuaError> {
        let Some(mut i) = values.len().checked_sub(1) else {
            return operators::concat(values);
        };
        let mut right = values[i].clone();
        while i > 0 {
            let left = &values[i - 1];
            if joinable(left) && joinable(&right) {
                // The longest run of joinable values ending here.
                let mut start = i - 1;
                while start > 0 && joinable(&values[start - 1]) {
                    start -= 1;
                }
                let mut run = values[start..i].to_vec();
                run.push(right);
                right = operators::concat(&run)?;
                i = start;
            } else {
                let handler = match self.metamethod(left, Event::Concat) {
                    Value::Nil => self.metamethod(&right, Event::Concat),
                    handler => handler,
                };
                if matches!(handler, Value::Nil) {
                    let (culprit, operand) = if joinable(left) {
                        (&right, i)
                    } else {
                        (left, i - 1)
                    };
                    return Err(operators::type_error(culprit, "concatenate", operand));
                }
                right = self.call_metamethod(handler, &[left.clone(), right])?;
                i -= 1;
            }
        }
        Ok(right)
    }
    // ANCHOR_END: len_concat
}

/// "attempt to index a T value": about the instruction's operand only if
/// the value is the one the instruction indexed, not one an `__index`
/// chain led to.
fn index_error(value: &Value, round: usize) -> LuaError {
    let error = operators::type_error(value, "index", 0);
    if round == 0 {
        error
    } else {
        LuaError::new(error.message())
    }
}

fn is_function(value: &Value) -> bool {
    matches!(value, Value::LuaFunction(_) | Value::RustFunction(_))
}

/// Strings and numbers concatenate without a metamethod.
fn joinable(value: &Value) -> bool {
    matches!(
        value,
        Value::String(_) | Value::Integer(_) | Value::Number(_)
    )
}

fn both_numbers_or_strings(a: &Value, b: &Value) -> bool {
    let number = |v: &Value| matches!(v, Value::Integer(_) | Value::Number(_));
    (number(a) && number(b)) || matches!((a, b), (Value::String(_), Value::String(_)))
}
