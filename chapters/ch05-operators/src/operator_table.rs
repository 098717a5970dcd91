//! Chapter 5's program: apply every operator to the constants of a chunk.

use std::fmt::Write;

use crate::binary_chunk::Prototype;
use crate::error::LuaError;
use crate::operators::{ArithOp, concat, len, less_equal, less_than, raw_equals};
use crate::value::Value;

const BINARY: [ArithOp; 12] = {
    use ArithOp::*;
    [
        Add, Sub, Mul, Div, Mod, IDiv, Pow, BAnd, BOr, BXor, Shl, Shr,
    ]
};

// ANCHOR: table
/// For each constant and the one after it, every binary operator; for each
/// constant, every unary one. Errors are results too.
pub fn operator_table(f: &Prototype) -> String {
    let values: Vec<Value> = f.constants.iter().map(Value::from_constant).collect();
    let mut out = String::new();
    for (i, a) in values.iter().enumerate() {
        let _ = writeln!(out, "{}", a.show());
        let unary = [
            ("-", crate::operators::arith(ArithOp::Unm, a, a)),
            ("~", crate::operators::arith(ArithOp::BNot, a, a)),
            ("#", len(a)),
            ("not ", Ok(Value::Boolean(!a.is_truthy()))),
        ];
        for (symbol, result) in unary {
            let _ = writeln!(out, "  {symbol}{} = {}", a.show(), show(result));
        }
        let Some(b) = values.get(i + 1) else { continue };
        let (x, y) = (a.show(), b.show());
        for op in BINARY {
            let result = crate::operators::arith(op, a, b);
            let _ = writeln!(out, "  {x} {} {y} = {}", op.symbol(), show(result));
        }
        let _ = writeln!(
            out,
            "  {x} .. {y} = {}",
            show(concat(&[a.clone(), b.clone()]))
        );
        let _ = writeln!(out, "  {x} == {y} = {}", raw_equals(a, b));
        let _ = writeln!(
            out,
            "  {x} < {y} = {}",
            show(less_than(a, b).map(Value::Boolean))
        );
        let _ = writeln!(
            out,
            "  {x} <= {y} = {}",
            show(less_equal(a, b).map(Value::Boolean))
        );
    }
    out
}

fn show(result: Result<Value, LuaError>) -> String {
    match result {
        Ok(value) => value.show(),
        Err(error) => format!("error: {error}"),
    }
}
// ANCHOR_END: table
