//! Numbers as Lua writes and reads them.
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

// ANCHOR: float_to_integer
/// A float's exact integer value, if it has one that fits in an `i64`.
/// The range test is on floats: -2^63 is representable exactly, 2^63 is
/// not, so `x < 2^63` is the exact upper bound.
pub fn float_to_integer(x: f64) -> Option<i64> {
    (x.floor() == x && (-TWO_POW_63..TWO_POW_63).contains(&x)).then_some(x as i64)
}
// ANCHOR_END: float_to_integer

/// 2^63 as a float: one more than the largest integer.
pub const TWO_POW_63: f64 = 9_223_372_036_854_775_808.0;

// ANCHOR: str_to_number
/// A numeral as Lua converts a string to a number (`luaO_str2num`): an
/// integer if the text is a decimal integer that fits in 64 bits or any
/// hexadecimal integer (which wraps around), otherwise a float if the text
/// is a decimal or hexadecimal float numeral. Spaces around it are allowed;
/// anything else, including `inf`, `nan` and an embedded zero byte, is not.
pub fn str_to_number(text: &[u8]) -> Option<Numeral> {
    if let Some(i) = str_to_integer(text) {
        Some(Numeral::Integer(i))
    } else {
        str_to_float(text).map(Numeral::Float)
    }
}

/// A number read from a string, in its subtype.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Numeral {
    Integer(i64),
    Float(f64),
}
// ANCHOR_END: str_to_number

/// C's `isspace` in the "C" locale.
fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\x0b' | b'\x0c' | b'\r')
}

fn trim_spaces(mut text: &[u8]) -> &[u8] {
    while let [first, rest @ ..] = text
        && is_space(*first)
    {
        text = rest;
    }
    while let [rest @ .., last] = text
        && is_space(*last)
    {
        text = rest;
    }
    text
}

/// An optional sign, as `isneg` in lobject.c reads it: '-' or '+'.
fn split_sign(text: &[u8]) -> (bool, &[u8]) {
    match text {
        [b'-', rest @ ..] => (true, rest),
        [b'+', rest @ ..] => (false, rest),
        _ => (false, text),
    }
}

fn split_hex_prefix(text: &[u8]) -> Option<&[u8]> {
    match text {
        [b'0', b'x' | b'X', rest @ ..] => Some(rest),
        _ => None,
    }
}

// ANCHOR: str_to_integer
/// `l_str2int`: a decimal integer that fits, or a hexadecimal integer of
/// any length, wrapping around modulo 2^64 as Lua's integers do.
fn str_to_integer(text: &[u8]) -> Option<i64> {
    let (negative, digits) = split_sign(trim_spaces(text));
    let magnitude: u64 = if let Some(hex) = split_hex_prefix(digits) {
        if hex.is_empty() {
            return None;
        }
        hex.iter().try_fold(0u64, |acc, &b| {
            let digit = char::from(b).to_digit(16)?;
            Some(acc.wrapping_mul(16).wrapping_add(u64::from(digit)))
        })?
    } else {
        if digits.is_empty() {
            return None;
        }
        // A decimal numeral that does not fit is not an integer: it is
        // read again as a float. -2^63 fits only with its minus sign.
        let limit = if negative {
            1u64 << 63
        } else {
            i64::MAX as u64
        };
        let value = digits.iter().try_fold(0u64, |acc, &b| {
            let digit = char::from(b).to_digit(10)?;
            acc.checked_mul(10)?.checked_add(u64::from(digit))
        })?;
        if value > limit {
            return None;
        }
        value
    };
    let value = if negative {
        0u64.wrapping_sub(magnitude)
    } else {
        magnitude
    };
    Some(value as i64)
}
// ANCHOR_END: str_to_integer

// ANCHOR: str_to_float
/// `l_str2d`: what C's `strtod` accepts, except `inf` and `nan`, with only
/// spaces around it.
fn str_to_float(text: &[u8]) -> Option<f64> {
    let text = trim_spaces(text);
    // Lua rejects anything with an 'n' in it: "inf", "nan", "infinity".
    if text.iter().any(|b| b.eq_ignore_ascii_case(&b'n')) {
        return None;
    }
    let (negative, body) = split_sign(text);
    let magnitude = match split_hex_prefix(body) {
        Some(hex) => hex_float(hex)?,
        None => decimal_float(body)?,
    };
    Some(if negative { -magnitude } else { magnitude })
}

/// digits [. digits] [e [sign] digits], with a digit on at least one side
/// of the point. Rust's parser rounds correctly, as glibc's `strtod` does,
/// once we have checked the text is in C's grammar (Rust's is different).
fn decimal_float(text: &[u8]) -> Option<f64> {
    let mantissa_len = text
        .iter()
        .position(|b| matches!(b, b'e' | b'E'))
        .unwrap_or(text.len());
    let (mantissa, exponent) = text.split_at(mantissa_len);
    let digits = mantissa.iter().filter(|b| b.is_ascii_digit()).count();
    let dots = mantissa.iter().filter(|&&b| b == b'.').count();
    if digits == 0 || dots > 1 || digits + dots != mantissa.len() {
        return None;
    }
    if let [_e, rest @ ..] = exponent {
        let (_, exp_digits) = split_sign(rest);
        if exp_digits.is_empty() || !exp_digits.iter().all(u8::is_ascii_digit) {
            return None;
        }
    }
    std::str::from_utf8(text).ok()?.parse().ok()
}

/// hexdigits [. hexdigits] [p [sign] decimal digits], as `strtod` reads
/// hexadecimal floats: the value is exact when it fits in 53 bits, and
/// rounded to nearest otherwise.
fn hex_float(text: &[u8]) -> Option<f64> {
    let mantissa_len = text
        .iter()
        .position(|b| matches!(b, b'p' | b'P'))
        .unwrap_or(text.len());
    let (mantissa, exponent) = text.split_at(mantissa_len);
    let mut significand: u128 = 0;
    let mut exponent_adjust: i64 = 0;
    let (mut digits, mut seen_dot, mut sticky) = (0, false, false);
    for &b in mantissa {
        if b == b'.' {
            if seen_dot {
                return None;
            }
            seen_dot = true;
            continue;
        }
        let digit = char::from(b).to_digit(16)?;
        digits += 1;
        if significand >> 120 == 0 {
            significand = significand * 16 + u128::from(digit);
            if seen_dot {
                exponent_adjust -= 4;
            }
        } else {
            // More digits than we can hold: they only decide rounding.
            sticky |= digit != 0;
            if !seen_dot {
                exponent_adjust += 4;
            }
        }
    }
    if digits == 0 {
        return None;
    }
    let mut exp: i64 = 0;
    if let [_p, rest @ ..] = exponent {
        let (negative, exp_digits) = split_sign(rest);
        if exp_digits.is_empty() {
            return None;
        }
        for &b in exp_digits {
            let d = char::from(b).to_digit(10)?;
            exp = exp.saturating_mul(10).saturating_add(i64::from(d));
        }
        if negative {
            exp = -exp;
        }
    }
    let significand = significand | u128::from(sticky);
    // Beyond +-5000 every significand we can hold is already 0 or inf.
    let total = exp.saturating_add(exponent_adjust).clamp(-5000, 5000);
    Some(rounded_float(significand, total))
}

/// `significand * 2^exp` rounded once, to the nearest double (ties to
/// even), as `strtod` does. Converting the significand to `f64` first
/// and scaling after would round twice where the result is subnormal
/// (below 2^-1022), which keeps fewer than 53 bits.
fn rounded_float(significand: u128, exp: i64) -> f64 {
    if significand == 0 {
        return 0.0;
    }
    let bits = 128 - i64::from(significand.leading_zeros());
    // The value lies in [2^top, 2^(top + 1)), and keeps `keep` bits: 53,
    // or fewer in the subnormal range, down to the bit of 2^-1074.
    let top = bits - 1 + exp;
    let keep = (top + 1075).min(53);
    let shift = bits - keep;
    if shift <= 0 {
        // Every bit fits: the scaling below is exact.
        return scale_by_power_of_two(significand as f64, exp);
    }
    if shift > 128 {
        // Less than half the smallest subnormal.
        return 0.0;
    }
    let (kept, dropped) = if shift == 128 {
        (0, significand)
    } else {
        (significand >> shift, significand & ((1u128 << shift) - 1))
    };
    let half = 1u128 << (shift - 1);
    let rounded = if dropped > half || (dropped == half && kept & 1 == 1) {
        kept + 1
    } else {
        kept
    };
    // At most 54 bits, so exact as a float, and exactly representable
    // once scaled.
    scale_by_power_of_two(rounded as f64, exp + shift)
}

/// x * 2^exp, in steps small enough that no intermediate overflows early.
fn scale_by_power_of_two(mut x: f64, mut exp: i64) -> f64 {
    while exp > 1000 {
        x *= 2f64.powi(1000);
        exp -= 1000;
    }
    while exp < -1000 {
        x *= 2f64.powi(-1000);
        exp += 1000;
    }
    x * 2f64.powi(exp as i32)
}
// ANCHOR_END: str_to_float

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
    fn floats_convert_to_integers_only_when_exact() {
        assert_eq!(float_to_integer(3.0), Some(3));
        assert_eq!(float_to_integer(-0.0), Some(0));
        assert_eq!(float_to_integer(3.5), None);
        assert_eq!(float_to_integer(-TWO_POW_63), Some(i64::MIN));
        assert_eq!(float_to_integer(TWO_POW_63), None);
        assert_eq!(float_to_integer(f64::NAN), None);
        assert_eq!(float_to_integer(f64::INFINITY), None);
    }

    #[test]
    fn reads_numerals_as_lua_does() {
        use Numeral::{Float, Integer};
        let cases: &[(&str, Option<Numeral>)] = &[
            ("10", Some(Integer(10))),
            ("  -7\t\n", Some(Integer(-7))),
            ("+5", Some(Integer(5))),
            ("0x10", Some(Integer(16))),
            ("0XfF", Some(Integer(255))),
            ("0xffffffffffffffff", Some(Integer(-1))),
            ("0x10000000000000000", Some(Integer(0))),
            ("9223372036854775807", Some(Integer(i64::MAX))),
            ("9223372036854775808", Some(Float(TWO_POW_63))),
            ("-9223372036854775808", Some(Integer(i64::MIN))),
            ("1e2", Some(Float(100.0))),
            ("1.", Some(Float(1.0))),
            (".5", Some(Float(0.5))),
            ("3.0", Some(Float(3.0))),
            ("0x1p4", Some(Float(16.0))),
            ("0x.8", Some(Float(0.5))),
            ("0xA.8p-1", Some(Float(5.25))),
            ("0x1p99999999999999999999", Some(Float(f64::INFINITY))),
            ("0x1p-99999999999999999999", Some(Float(0.0))),
            // Subnormal results are rounded once, as strtod rounds them.
            ("0x1.000000000000001p-1075", Some(Float(f64::from_bits(1)))),
            ("0x1p-1075", Some(Float(0.0))),
            ("0x3p-1076", Some(Float(f64::from_bits(1)))),
            ("0x1.8p-1074", Some(Float(f64::from_bits(2)))),
            (
                "0x1.fffffffffffff8p-1023",
                Some(Float(f64::from_bits(1 << 52))),
            ),
            (
                "0x1.fffffffffffff7p0",
                Some(Float(f64::from_bits(0x3FFF_FFFF_FFFF_FFFF))),
            ),
            ("1e400", Some(Float(f64::INFINITY))),
            ("", None),
            ("  ", None),
            ("1e", None),
            ("1e+", None),
            ("0x", None),
            ("0x1p", None),
            ("0x.", None),
            (".", None),
            ("- 1", None),
            ("1 2", None),
            ("inf", None),
            ("nan", None),
            ("1.5.2", None),
            ("abc", None),
            ("1\x002", None),
        ];
        for &(text, expected) in cases {
            assert_eq!(str_to_number(text.as_bytes()), expected, "reading {text:?}");
        }
        // Leading zeros after the point count against a huge exponent.
        let tiny_digits = format!("0x.{}1p120000", "0".repeat(30_000));
        assert_eq!(str_to_number(tiny_digits.as_bytes()), Some(Float(0.0625)));
    }

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
