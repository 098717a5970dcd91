//! Lua's operators on values: arithmetic, bitwise, comparison, length and
//! concatenation, with Lua 5.3's semantics exactly (`lvm.c`, `lobject.c`).
//!
//! These functions are the operators without metamethods: chapter 11 adds
//! those on top, for the cases where these report an error.

use crate::error::LuaError;
use crate::lua_string::LuaString;
use crate::value::Value;

// ANCHOR: ops
/// The arithmetic and bitwise operators, in the order of `lua.h`'s
/// `LUA_OPADD`...`LUA_OPBNOT`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ArithOp {
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
}

/// The comparison operators of `lua_compare`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CompareOp {
    Eq,
    Lt,
    Le,
}
// ANCHOR_END: ops

impl ArithOp {
    /// Whether the operator takes one operand.
    pub fn is_unary(self) -> bool {
        matches!(self, ArithOp::Unm | ArithOp::BNot)
    }

    pub fn is_bitwise(self) -> bool {
        use ArithOp::*;
        matches!(self, BAnd | BOr | BXor | Shl | Shr | BNot)
    }

    /// The operator as Lua source writes it.
    pub fn symbol(self) -> &'static str {
        use ArithOp::*;
        match self {
            Add => "+",
            Sub => "-",
            Mul => "*",
            Mod => "%",
            Pow => "^",
            Div => "/",
            IDiv => "//",
            BAnd => "&",
            BOr => "|",
            BXor => "~",
            Shl => "<<",
            Shr => ">>",
            Unm => "-",
            BNot => "~",
        }
    }
}

// ANCHOR: arith
/// `a op b` (for a unary operator, `b` is ignored: pass `a` again, as the
/// virtual machine does). Integers stay integers where Lua keeps them so;
/// strings that read as numbers take part as numbers.
pub fn arith(op: ArithOp, a: &Value, b: &Value) -> Result<Value, LuaError> {
    use ArithOp::*;
    if op.is_bitwise() {
        return match (a.to_integer(), b.to_integer()) {
            (Some(x), Some(y)) => Ok(Value::Integer(integer_bitwise(op, x, y))),
            _ => Err(bitwise_error(a, b)),
        };
    }
    // Integer arithmetic only for two actual integers: a string that reads
    // as an integer still takes part as a float ("10" + 1 is 11.0).
    if let (Value::Integer(x), Value::Integer(y), false) = (a, b, matches!(op, Div | Pow)) {
        return integer_arith(op, *x, *y).map(Value::Integer);
    }
    match (a.to_float(), b.to_float()) {
        (Some(x), Some(y)) => Ok(Value::Number(float_arith(op, x, y))),
        _ => Err(arith_error(a, b)),
    }
}
// ANCHOR_END: arith

// ANCHOR: integer_arith
/// Integer arithmetic wraps around on overflow; floor division and modulo
/// round towards minus infinity, and dividing by zero is an error.
fn integer_arith(op: ArithOp, x: i64, y: i64) -> Result<i64, LuaError> {
    use ArithOp::*;
    Ok(match op {
        Add => x.wrapping_add(y),
        Sub => x.wrapping_sub(y),
        Mul => x.wrapping_mul(y),
        Unm => 0i64.wrapping_sub(x),
        IDiv => {
            if y == 0 {
                return Err(LuaError::new("attempt to divide by zero"));
            }
            // div_euclid is not floor division for negative divisors;
            // wrapping division handles minint // -1, which overflows.
            let q = x.wrapping_div(y);
            if x.wrapping_rem(y) != 0 && (x ^ y) < 0 {
                q - 1
            } else {
                q
            }
        }
        Mod => {
            if y == 0 {
                return Err(LuaError::new("attempt to perform 'n%0'"));
            }
            let r = x.wrapping_rem(y);
            if r != 0 && (x ^ y) < 0 { r + y } else { r }
        }
        _ => unreachable!("{op:?} is not integer arithmetic"),
    })
}
// ANCHOR_END: integer_arith

// ANCHOR: float_arith
/// Float arithmetic is IEEE 754, with Lua's floor division and modulo.
fn float_arith(op: ArithOp, x: f64, y: f64) -> f64 {
    use ArithOp::*;
    match op {
        Add => x + y,
        Sub => x - y,
        Mul => x * y,
        Div => x / y,
        Unm => -x,
        Pow => x.powf(y),
        IDiv => (x / y).floor(),
        Mod => {
            // C's fmod (Rust's %) has the sign of x; Lua's modulo has the
            // sign of y (`luai_nummod`).
            let m = x % y;
            if m * y < 0.0 { m + y } else { m }
        }
        _ => unreachable!("{op:?} is not float arithmetic"),
    }
}
// ANCHOR_END: float_arith

// ANCHOR: integer_bitwise
fn integer_bitwise(op: ArithOp, x: i64, y: i64) -> i64 {
    use ArithOp::*;
    match op {
        BAnd => x & y,
        BOr => x | y,
        BXor => x ^ y,
        BNot => !x,
        Shl => shift_left(x, y),
        Shr => shift_left(x, 0i64.wrapping_sub(y)),
        _ => unreachable!("{op:?} is not bitwise"),
    }
}

/// `luaV_shiftl`: a negative shift goes right; shifts are logical (zeros
/// come in), and shifting by 64 or more leaves nothing.
pub fn shift_left(x: i64, y: i64) -> i64 {
    if y <= -64 || y >= 64 {
        0
    } else if y >= 0 {
        ((x as u64) << y) as i64
    } else {
        ((x as u64) >> -y) as i64
    }
}
// ANCHOR_END: integer_bitwise

// ANCHOR: errors
/// The error for arithmetic on a value that is not a number: Lua blames the
/// first operand that is not one (`luaG_opinterror`).
pub fn arith_error(a: &Value, b: &Value) -> LuaError {
    let culprit = if a.to_float().is_none() { 0 } else { 1 };
    type_error(
        if culprit == 0 { a } else { b },
        "perform arithmetic on",
        culprit,
    )
}

/// For bitwise operators, two numbers of which one is not an integer get a
/// message of their own (`luaG_tointerror`), with the variable's name after
/// "number".
pub fn bitwise_error(a: &Value, b: &Value) -> LuaError {
    if a.to_float().is_some() && b.to_float().is_some() {
        let culprit = if a.to_integer().is_none() { 0 } else { 1 };
        LuaError::blaming(
            "number has no integer representation",
            culprit,
            "number".len(),
        )
    } else {
        let culprit = if a.to_float().is_none() { 0 } else { 1 };
        type_error(
            if culprit == 0 { a } else { b },
            "perform bitwise operation on",
            culprit,
        )
    }
}

/// "attempt to OP a TYPE value" (`luaG_typeerror`), about operand
/// `operand` of the instruction: the virtual machine adds the name of the
/// variable that held the value, if it can tell.
pub fn type_error(value: &Value, operation: &str, operand: usize) -> LuaError {
    let message = format!("attempt to {operation} a {} value", value.type_name());
    let at = message.len();
    LuaError::blaming(message, operand, at)
}

/// "attempt to compare two T values" or "attempt to compare T1 with T2".
pub fn order_error(a: &Value, b: &Value) -> LuaError {
    let (t1, t2) = (a.type_name(), b.type_name());
    if t1 == t2 {
        LuaError::new(format!("attempt to compare two {t1} values"))
    } else {
        LuaError::new(format!("attempt to compare {t1} with {t2}"))
    }
}
// ANCHOR_END: errors

// ANCHOR: equals
/// Raw equality (`==` without metamethods): numbers are equal by value
/// whatever their subtype, strings by content, tables and functions by
/// identity.
pub fn raw_equals(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Nil, Value::Nil) => true,
        (Value::Boolean(x), Value::Boolean(y)) => x == y,
        (Value::Integer(x), Value::Integer(y)) => x == y,
        (Value::Number(x), Value::Number(y)) => x == y,
        (Value::Integer(i), Value::Number(f)) | (Value::Number(f), Value::Integer(i)) => {
            crate::number::float_to_integer(*f) == Some(*i)
        }
        (Value::String(x), Value::String(y)) => x == y,
        (Value::Table(x), Value::Table(y)) => crate::table::LuaTable::ptr_eq(x, y),
        (Value::LuaFunction(x), Value::LuaFunction(y)) => crate::heap::Gc::ptr_eq(x, y),
        (Value::RustFunction(x), Value::RustFunction(y)) => std::ptr::fn_addr_eq(*x, *y),
        _ => false,
    }
}
// ANCHOR_END: equals

// ANCHOR: order
/// `a < b`: numbers by value, exactly, whatever their subtypes; strings
/// byte by byte; anything else is an error.
pub fn less_than(a: &Value, b: &Value) -> Result<bool, LuaError> {
    match (a, b) {
        (Value::Integer(x), Value::Integer(y)) => Ok(x < y),
        (Value::Number(x), Value::Number(y)) => Ok(x < y),
        (Value::Integer(i), Value::Number(f)) => Ok(int_lt_float(*i, *f)),
        // Without NaN, f < i is not (i <= f).
        (Value::Number(f), Value::Integer(i)) => Ok(!f.is_nan() && !int_le_float(*i, *f)),
        (Value::String(x), Value::String(y)) => Ok(x.as_bytes() < y.as_bytes()),
        _ => Err(order_error(a, b)),
    }
}

/// `a <= b`, as [`less_than`].
pub fn less_equal(a: &Value, b: &Value) -> Result<bool, LuaError> {
    match (a, b) {
        (Value::Integer(x), Value::Integer(y)) => Ok(x <= y),
        (Value::Number(x), Value::Number(y)) => Ok(x <= y),
        (Value::Integer(i), Value::Number(f)) => Ok(int_le_float(*i, *f)),
        (Value::Number(f), Value::Integer(i)) => Ok(!f.is_nan() && !int_lt_float(*i, *f)),
        (Value::String(x), Value::String(y)) => Ok(x.as_bytes() <= y.as_bytes()),
        _ => Err(order_error(a, b)),
    }
}

/// Integers up to 2^53 in magnitude convert to floats exactly, and compare
/// as floats. Larger ones do not; then the float decides by its range, and
/// inside the integer range it converts to an integer exactly (all floats
/// that large are integers). This is `LTintfloat` in `lvm.c`.
fn int_lt_float(i: i64, f: f64) -> bool {
    if fits_in_float(i) {
        (i as f64) < f
    } else if f >= crate::number::TWO_POW_63 {
        true
    } else if f > -crate::number::TWO_POW_63 {
        i < f as i64
    } else {
        false // f <= minint <= i, or f is NaN
    }
}

/// `LEintfloat`, the same reasoning for `i <= f`.
fn int_le_float(i: i64, f: f64) -> bool {
    if fits_in_float(i) {
        (i as f64) <= f
    } else if f >= crate::number::TWO_POW_63 {
        true
    } else if f >= -crate::number::TWO_POW_63 {
        i <= f as i64
    } else {
        false
    }
}

fn fits_in_float(i: i64) -> bool {
    const LIMIT: i64 = 1 << 53;
    (-LIMIT..=LIMIT).contains(&i)
}
// ANCHOR_END: order

// ANCHOR: len
/// `#v` without metamethods: the length of a string in bytes, or a border
/// of a table.
pub fn len(value: &Value) -> Result<Value, LuaError> {
    match value {
        Value::String(s) => Ok(Value::Integer(s.len() as i64)),
        Value::Table(t) => Ok(Value::Integer(t.border())),
        _ => Err(type_error(value, "get length of", 0)),
    }
}
// ANCHOR_END: len

/// The longest string concatenation makes (1 GiB).
pub const MAX_STRING_SIZE: usize = 1 << 30;

// ANCHOR: concat
/// `v1 .. v2 .. ... .. vn`: strings and numbers (converted as `tostring`
/// converts them). Lua works from the right, so the error names the
/// rightmost pair that cannot be joined, and in it the left operand
/// unless that one is a string or a number (`luaG_concaterror`).
pub fn concat(values: &[Value]) -> Result<Value, LuaError> {
    let Some((last, rest)) = values.split_last() else {
        return Ok(Value::String(LuaString::from("")));
    };
    let mut pieces: Vec<LuaString> = Vec::with_capacity(values.len());
    let mut right = last;
    let mut right_string = last.to_lua_string();
    for left in rest.iter().rev() {
        let left_string = left.to_lua_string();
        match (&left_string, &right_string) {
            (Some(_), Some(_)) => {}
            (Some(_), None) => return Err(type_error(right, "concatenate", 0)),
            (None, _) => return Err(type_error(left, "concatenate", 0)),
        }
        if let Some(s) = right_string.take() {
            pieces.push(s);
        }
        right = left;
        right_string = left_string;
    }
    match right_string {
        Some(s) => pieces.push(s),
        None => return Err(type_error(right, "concatenate", 0)),
    }
    let total = pieces
        .iter()
        .try_fold(0usize, |sum, piece| sum.checked_add(piece.len()));
    let mut bytes = Vec::new();
    // A program can ask for an absurd string ("x" doubled 50 times): that
    // is Lua's memory error, not an abort of the process. Asking the system
    // is not enough: Linux promises memory it does not have and kills the
    // process when it is touched, so strings have a size limit of our own.
    let too_big = |total: usize| total > MAX_STRING_SIZE || bytes.try_reserve_exact(total).is_err();
    if total.is_none_or(too_big) {
        return Err(LuaError::new("not enough memory"));
    }
    for piece in pieces.iter().rev() {
        bytes.extend_from_slice(piece.as_bytes());
    }
    Ok(Value::String(LuaString::from(bytes)))
}
// ANCHOR_END: concat

#[cfg(test)]
mod tests {
    use super::*;
    use pretty_assertions::assert_eq;

    fn int(i: i64) -> Value {
        Value::Integer(i)
    }

    fn float(x: f64) -> Value {
        Value::Number(x)
    }

    fn string(s: &str) -> Value {
        Value::String(LuaString::from(s))
    }

    fn shown(result: Result<Value, LuaError>) -> String {
        match result {
            Ok(v) => v.show(),
            Err(e) => format!("error: {e}"),
        }
    }

    #[test]
    fn floor_division_and_modulo_follow_the_divisor() {
        use ArithOp::{IDiv, Mod};
        assert_eq!(shown(arith(IDiv, &int(7), &int(-2))), "-4");
        assert_eq!(shown(arith(Mod, &int(7), &int(-2))), "-1");
        assert_eq!(shown(arith(Mod, &int(-7), &int(2))), "1");
        assert_eq!(
            shown(arith(IDiv, &int(i64::MIN), &int(-1))),
            i64::MIN.to_string()
        );
        assert_eq!(shown(arith(Mod, &int(i64::MIN), &int(-1))), "0");
        assert_eq!(shown(arith(Mod, &float(-7.0), &float(2.0))), "1.0");
        assert_eq!(shown(arith(Mod, &float(5.5), &float(f64::INFINITY))), "5.5");
        assert_eq!(
            shown(arith(Mod, &float(-5.5), &float(f64::INFINITY))),
            "inf"
        );
        assert_eq!(
            shown(arith(IDiv, &int(1), &int(0))),
            "error: attempt to divide by zero"
        );
        assert_eq!(
            shown(arith(Mod, &int(1), &int(0))),
            "error: attempt to perform 'n%0'"
        );
        assert_eq!(shown(arith(IDiv, &float(1.0), &int(0))), "inf");
    }

    #[test]
    fn strings_take_part_as_floats() {
        assert_eq!(shown(arith(ArithOp::Add, &string("10"), &int(1))), "11.0");
        assert_eq!(shown(arith(ArithOp::BAnd, &string("0xff"), &int(15))), "15");
        assert_eq!(
            shown(arith(ArithOp::Add, &string("1e"), &int(1))),
            "error: attempt to perform arithmetic on a string value"
        );
        assert_eq!(
            shown(arith(ArithOp::BOr, &string("1.5"), &int(1))),
            "error: number has no integer representation"
        );
    }

    #[test]
    fn shifts_past_the_width_give_zero() {
        assert_eq!(shift_left(1, 63), i64::MIN);
        assert_eq!(shift_left(1, 64), 0);
        assert_eq!(shift_left(-1, -1), i64::MAX);
        assert_eq!(shift_left(-1, -64), 0);
        assert_eq!(shift_left(5, i64::MIN), 0);
        assert_eq!(shown(arith(ArithOp::Shr, &int(8), &int(i64::MIN))), "0");
    }

    #[test]
    fn integer_float_comparisons_are_exact() {
        let two_53 = 9_007_199_254_740_992_i64;
        assert!(less_than(&int(two_53 + 1), &float(two_53 as f64 + 2.0)).unwrap());
        assert!(!less_than(&float(two_53 as f64), &int(two_53)).unwrap());
        assert!(less_than(&int(i64::MAX), &float(crate::number::TWO_POW_63)).unwrap());
        assert!(!less_equal(&int(i64::MIN), &float(-9.3e18)).unwrap());
        assert!(!less_than(&int(1), &float(f64::NAN)).unwrap());
        assert!(!less_equal(&float(f64::NAN), &int(1)).unwrap());
        assert!(raw_equals(&int(1), &float(1.0)));
        assert!(!raw_equals(&int(i64::MAX), &float(i64::MAX as f64)));
        assert!(!raw_equals(&string("1"), &int(1)));
    }

    #[test]
    fn comparison_errors_name_both_types() {
        assert_eq!(
            less_than(&int(1), &Value::Nil).unwrap_err().message(),
            "attempt to compare number with nil"
        );
        assert_eq!(
            less_equal(&Value::Boolean(true), &Value::Boolean(false))
                .unwrap_err()
                .message(),
            "attempt to compare two boolean values"
        );
        assert!(less_than(&string("a"), &string("b")).unwrap());
        assert!(less_than(&string("a\0b"), &string("a\0c")).unwrap());
        assert!(less_than(&string(""), &string("\0")).unwrap());
    }

    #[test]
    fn concat_converts_numbers_and_blames_like_lua() {
        assert_eq!(
            shown(concat(&[string("a"), int(1), float(2.0)])),
            "\"a12.0\""
        );
        assert_eq!(shown(concat(&[])), "\"\"");
        assert_eq!(
            shown(concat(&[Value::Nil, string("x"), Value::Boolean(true)])),
            "error: attempt to concatenate a boolean value"
        );
        assert_eq!(
            shown(concat(&[Value::Nil, string("x")])),
            "error: attempt to concatenate a nil value"
        );
    }
}
