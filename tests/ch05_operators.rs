//! Chapter 5's operators against the reference Lua, over a matrix of
//! operands: every operator, every pair, every expected result (value or
//! error message) computed by the reference in the same run. Nothing here
//! is typed in by hand but the operands.

use ch05::number::{Numeral, format_float, str_to_number};
use ch05::operators::{ArithOp, CompareOp};
use ch05::{LuaState, Value};
use oracle::{Reference, Val};

/// The operands, as Lua expressions the reference evaluates: integers at
/// the limits, floats (negative zero, NaN, infinities, 2^53, 2^63),
/// numeric and non-numeric strings, and the other basic values.
const OPERANDS: &[&str] = &[
    "nil",
    "true",
    "false",
    "0",
    "1",
    "-1",
    "2",
    "3",
    "7",
    "-7",
    "63",
    "64",
    "-64",
    "math.maxinteger",
    "math.mininteger",
    "math.maxinteger - 1",
    "math.mininteger + 1",
    "2^53",
    "2^53 + 1",
    "(2^53 | 0) + 1",
    "2^63",
    "-2^63",
    "0.0",
    "-0.0",
    "0.5",
    "1.5",
    "-1.5",
    "2.0",
    "3.0",
    "-7.25",
    "1e308",
    "1e-310",
    "1/0",
    "-1/0",
    "0/0",
    "-(0/0)",
    "'10'",
    "'3.0'",
    "' 0x10 '",
    "'1e2'",
    "'0x1p4'",
    "'-0'",
    "'9223372036854775808'",
    "'0xffffffffffffffff'",
    "'abc'",
    "''",
    "'1e'",
    "'0x'",
    "' 12 '",
];

const BINARY: &[&str] = &[
    "+", "-", "*", "/", "%", "^", "//", "&", "|", "~", "<<", ">>", "..", "==", "<", "<=",
];
const UNARY: &[&str] = &["-", "~", "#", "not "];

fn to_value(v: &Val) -> Value {
    match v {
        Val::Nil => Value::Nil,
        Val::Bool(b) => Value::Boolean(*b),
        Val::Int(i) => Value::Integer(*i),
        Val::Float(x) => Value::Number(*x),
        Val::Str(s) => Value::String(s.clone().into()),
        Val::Other(t) => panic!("no {t} operands in chapter 5"),
    }
}

fn to_val(v: &Value) -> Val {
    match v {
        Value::Nil => Val::Nil,
        Value::Boolean(b) => Val::Bool(*b),
        Value::Integer(i) => Val::Int(*i),
        Value::Number(x) => Val::Float(*x),
        Value::String(s) => Val::Str(s.as_bytes().to_vec()),
    }
}

/// Runs one operator through chapter 5's API, as a program would.
fn ours(op: &str, operands: &[&Value]) -> Result<Val, String> {
    let mut state = LuaState::new();
    for v in operands {
        state.push((*v).clone());
    }
    let arith = |op| -> Option<ArithOp> {
        use ArithOp::*;
        Some(match op {
            "+" => Add,
            "-" if operands.len() == 1 => Unm,
            "-" => Sub,
            "*" => Mul,
            "/" => Div,
            "%" => Mod,
            "^" => Pow,
            "//" => IDiv,
            "&" => BAnd,
            "|" => BOr,
            "~" if operands.len() == 1 => BNot,
            "~" => BXor,
            "<<" => Shl,
            ">>" => Shr,
            _ => return None,
        })
    };
    let result = if let Some(op) = arith(op) {
        state.arith(op).map(|()| state.get_top())
    } else {
        match op {
            ".." => state.concat(2).map(|()| state.get_top()),
            "#" => state.len(1).map(|()| state.get_top()),
            "not " => {
                let b = !state.to_boolean(1);
                state.push_boolean(b);
                Ok(state.get_top())
            }
            "==" | "<" | "<=" => {
                let op = match op {
                    "==" => CompareOp::Eq,
                    "<" => CompareOp::Lt,
                    _ => CompareOp::Le,
                };
                state.compare(1, 2, op).map(|b| {
                    state.push_boolean(b);
                    state.get_top()
                })
            }
            _ => unreachable!("operator {op}"),
        }
    };
    match result {
        // The result is on top of the stack.
        Ok(_) => Ok(to_val(&state_top(&mut state).unwrap_or(Value::Nil))),
        Err(e) => Err(e.message().to_string()),
    }
}

/// The value on top of the stack, read back through the API.
fn state_top(state: &mut LuaState) -> Option<Value> {
    Some(match state.type_of(-1) {
        ch05::LuaType::Nil => Value::Nil,
        ch05::LuaType::Boolean => Value::Boolean(state.to_boolean(-1)),
        ch05::LuaType::Number if state.is_integer(-1) => Value::Integer(state.to_integer(-1)),
        ch05::LuaType::Number => Value::Number(state.to_number(-1)),
        ch05::LuaType::String => Value::String(state.to_string(-1)),
        _ => return None,
    })
}

/// The reference's message without the position ("op:1: ") and the name
/// of the variable (" (local 'a')"), which come in chapter 13.
fn core_message(message: &str) -> String {
    let message = message.strip_prefix("op:1: ").unwrap_or(message);
    message
        .replace(" (local 'a')", "")
        .replace(" (local 'b')", "")
}

fn expected(result: Result<Val, String>) -> Result<Val, String> {
    result.map_err(|e| core_message(&e))
}

#[test]
fn every_operator_on_every_pair_matches_the_reference() {
    let mut reference = Reference::new();
    let operands: Vec<(String, Val)> = OPERANDS
        .iter()
        .map(|e| (e.to_string(), reference.value(e).expect(e)))
        .collect();
    let mut checked = 0;
    let mut mismatches = Vec::new();
    for (a_text, a) in &operands {
        let a_value = to_value(a);
        for op in UNARY {
            let want = expected(reference.unary(op, a));
            let got = ours(op, &[&a_value]);
            checked += 1;
            if got != want {
                mismatches.push(format!("{op}({a_text}): ours {got:?}, reference {want:?}"));
            }
        }
        for (b_text, b) in &operands {
            let b_value = to_value(b);
            for op in BINARY {
                let want = expected(reference.binary(op, a, b));
                let got = ours(op, &[&a_value, &b_value]);
                checked += 1;
                if got != want {
                    mismatches.push(format!(
                        "{a_text} {op} {b_text}: ours {got:?}, reference {want:?}"
                    ));
                }
            }
        }
    }
    assert!(checked > 30_000, "only {checked} cases");
    assert!(
        mismatches.is_empty(),
        "{} of {checked} cases differ from the reference:\n{}",
        mismatches.len(),
        mismatches
            .iter()
            .take(40)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[test]
fn floats_print_as_the_reference_prints_them() {
    let mut reference = Reference::new();
    let mut floats: Vec<f64> = vec![
        0.0,
        -0.0,
        1.0,
        -1.0,
        0.1,
        1.0 / 3.0,
        2.0 / 3.0,
        100.0,
        1e14,
        1e15,
        1e16,
    ];
    floats.extend([
        123456789012345.0,
        12345678901234.5,
        1e-4,
        1e-5,
        5e-324,
        f64::MAX,
        f64::MIN_POSITIVE,
    ]);
    floats.extend([
        2f64.powi(53),
        2f64.powi(63),
        -2f64.powi(63),
        99999999999999.5,
        0.1 + 0.2,
    ]);
    floats.extend([
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::NAN,
        -f64::NAN,
        std::f64::consts::PI,
        1e100,
        123e-20,
    ]);
    for i in 0..200 {
        // Powers of 7 scaled across the exponent range.
        floats.push(7f64.powi(i - 100) * if i % 2 == 0 { 1.0 } else { -1.0 });
    }
    for x in floats {
        let want = reference.apply("tostring", &Val::Float(x)).unwrap();
        assert_eq!(
            Val::Str(format_float(x).into_bytes()),
            want,
            "tostring({x:?})"
        );
    }
}

#[test]
fn strings_read_as_numbers_as_tonumber_reads_them() {
    let mut reference = Reference::new();
    let texts = [
        "10",
        " 10 ",
        "-10",
        "+10",
        "- 10",
        "0x10",
        "0X1f",
        "-0x10",
        "0x",
        "0x.",
        "0x.8",
        "0x8.",
        "0x1p4",
        "0x1P-2",
        "0x1p",
        "0x1.8p+1",
        "0xA.Bp2",
        "1e2",
        "1E+2",
        "1e-2",
        "1e",
        "1e+",
        ".5",
        "5.",
        ".",
        "",
        "  ",
        "1.5.2",
        "1 2",
        "inf",
        "nan",
        "-inf",
        "infinity",
        "0x1n",
        "9223372036854775807",
        "9223372036854775808",
        "-9223372036854775808",
        "-9223372036854775809",
        "0xffffffffffffffff",
        "0x1ffffffffffffffff",
        "1e400",
        "-1e400",
        "1e-400",
        "00012",
        "0012.5",
        "\t\n\x0b\x0c\r7\r",
        "7\0",
        "0x123456789abcdef0123456789",
        "0x1.fffffffffffff8p0",
        "123456789012345678901234567890",
        "0.1e1",
        "1..",
        "e1",
        "+-1",
        "--1",
        "0x-1",
        "1f",
        // Subnormal results, rounded once as strtod rounds them.
        "0x1.000000000000001p-1075",
        "0x1p-1075",
        "0x3p-1076",
        "0x1.8p-1074",
        "0x1.fffffffffffff8p-1023",
        "0x0.00000000000017ffp-1022",
    ];
    for text in texts {
        let want = reference
            .apply("tonumber", &Val::Str(text.as_bytes().to_vec()))
            .unwrap();
        let got = match str_to_number(text.as_bytes()) {
            Some(Numeral::Integer(i)) => Val::Int(i),
            Some(Numeral::Float(x)) => Val::Float(x),
            None => Val::Nil,
        };
        assert_eq!(got, want, "tonumber({text:?})");
    }
}
