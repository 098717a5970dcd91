//! Numbers as Lua writes them.
//!
//! Lua 5.3 formats floats with C's `printf("%.14g")` and then, if the result
//! looks like an integer, appends ".0" so that floats and integers stay
//! distinguishable (`1.0` against `1`). `luac` lists float constants the same
//! way. Rust's formatting differs from C's `%g`, so we build `%g` here.

// ANCHOR: format_float
/// Formats a float exactly as Lua 5.3 does (`LUAI_NUMFFORMAT` is "%.14g").
pub fn format_float(x: f64) -> String {
    let mut text = format_g(x, 14);
    // lobject.c: "looks like an int?" -- only digits and a minus sign.
    if text.bytes().all(|b| b == b'-' || b.is_ascii_digit()) {
        text.push_str(".0");
    }
    text
}
// ANCHOR_END: format_float

// ANCHOR: format_g
/// C's `%.{precision}g` for a double, as glibc prints it: `inf`, `-inf`,
/// `nan` and `-nan` (the sign of a NaN shows), otherwise `precision`
/// significant digits in fixed or exponent notation, whichever `%g` picks,
/// without trailing zeros.
pub fn format_g(x: f64, precision: usize) -> String {
    if x.is_nan() {
        return if x.is_sign_negative() { "-nan" } else { "nan" }.to_string();
    }
    if x.is_infinite() {
        return if x < 0.0 { "-inf" } else { "inf" }.to_string();
    }
    let precision = precision.max(1);
    // Round to `precision` significant digits first: the exponent that
    // decides between the two notations is the one after rounding.
    let scientific = format!("{:.*e}", precision - 1, x);
    let (mantissa, exponent) = scientific.split_once('e').unwrap_or((&scientific, "0"));
    let exponent: i32 = exponent.parse().unwrap_or(0);
    if exponent < -4 || exponent >= precision as i32 {
        let mantissa = trim_fraction_zeros(mantissa);
        let sign = if exponent < 0 { '-' } else { '+' };
        format!("{mantissa}e{sign}{:02}", exponent.unsigned_abs())
    } else {
        let decimals = (precision as i32 - 1 - exponent) as usize;
        trim_fraction_zeros(&format!("{x:.decimals$}")).to_string()
    }
}
// ANCHOR_END: format_g

/// Removes trailing zeros after a decimal point, and the point if nothing
/// is left after it, as `%g` does.
fn trim_fraction_zeros(text: &str) -> &str {
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.')
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use pretty_assertions::assert_eq;

    #[test]
    fn formats_like_lua() {
        let cases: &[(f64, &str)] = &[
            (0.0, "0.0"),
            (-0.0, "-0.0"),
            (1.0, "1.0"),
            (-2.5, "-2.5"),
            (370.5, "370.5"),
            (0.1, "0.1"),
            (1.0 / 3.0, "0.33333333333333"),
            (1e15, "1e+15"),
            (1e14, "1e+14"),
            (123456789012345.0, "1.2345678901234e+14"),
            (12345678901234.0, "12345678901234.0"),
            (1e-4, "0.0001"),
            (1e-5, "1e-05"),
            (2f64.powi(63), "9.2233720368548e+18"),
            (1e100, "1e+100"),
            (5e-324, "4.9406564584125e-324"),
            (f64::INFINITY, "inf"),
            (f64::NEG_INFINITY, "-inf"),
            (f64::NAN, "nan"),
            (-f64::NAN, "-nan"),
            (99999999999999.5, "1e+14"),
        ];
        for &(x, expected) in cases {
            assert_eq!(format_float(x), expected, "formatting {x:?}");
        }
    }
}
