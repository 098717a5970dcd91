//! From chapter 6 on, the chapters run programs. Every sample of a chapter
//! that runs programs is run by that chapter and by every later one, and
//! what it returns (or the error it stops with) must be exactly what the
//! reference Lua 5.3 returns for the same chunk.

use std::path::Path;

use oracle::{Reference, Val};

#[macro_use]
mod common;

use common::{samples, without_variable_info};

/// Runs `$proto` on a new state of `$chapter` under the hook `$budget`.
/// Chapters 6 to 8 pass the hook to `execute`; from chapter 9 on, where Rust
/// calls Lua and runs nest, the hook belongs to the state.
macro_rules! execute_with_budget {
    (ch06, $proto:expr, $budget:expr) => {
        ch06::LuaState::new().execute($proto, Some(&mut $budget))
    };
    (ch07, $proto:expr, $budget:expr) => {
        ch07::LuaState::new().execute($proto, Some(&mut $budget))
    };
    (ch08, $proto:expr, $budget:expr) => {
        ch08::LuaState::new().execute($proto, Some(&mut $budget))
    };
    ($chapter:ident, $proto:expr, $budget:expr) => {{
        let mut state = $chapter::LuaState::new();
        state.set_hook(Some(Box::new($budget)));
        state.execute($proto)
    }};
}

/// Runs every sample of chapters 6 to `$last` on chapter `$chapter` and
/// compares with the reference.
macro_rules! returns_match_reference {
    ($test:ident, $chapter:ident, $last:expr) => {
        returns_match_reference!($test, $chapter, $last, without_variable_info);
    };
    ($test:ident, $chapter:ident, $last:expr, exact) => {
        returns_match_reference!($test, $chapter, $last, String::from);
    };
    ($test:ident, $chapter:ident, $last:expr, $expected_error:expr) => {
        #[test]
        fn $test() {
            use $chapter::Value;
            use $chapter::vm::Proto;

            instruction_budget!($chapter);

            fn to_val(value: &Value) -> Val {
                match value {
                    Value::Nil => Val::Nil,
                    Value::Boolean(b) => Val::Bool(*b),
                    Value::Integer(i) => Val::Int(*i),
                    Value::Number(x) => Val::Float(*x),
                    Value::String(s) => Val::Str(s.as_bytes().to_vec()),
                    #[allow(unreachable_patterns)] // later chapters have more types
                    other => Val::Other(other.type_of().name().to_string()),
                }
            }

            let root = Path::new(env!("CARGO_MANIFEST_DIR"));
            let reference = Reference::new();
            let samples = samples(6, $last);
            assert!(!samples.is_empty());
            let mut failures = Vec::new();
            for sample in &samples {
                let bytes = std::fs::read(root.join(sample)).unwrap();
                let chunkname = format!("@{}", sample.trim_end_matches('c'));
                let expected = reference
                    .returns(&bytes, &chunkname)
                    .map_err(|e| $expected_error(&e));
                let chunk = $chapter::binary_chunk::undump(&bytes, &chunkname).unwrap();
                let ours = Proto::load(&chunk.main)
                    .and_then(|proto| execute_with_budget!($chapter, &proto, Budget(50_000_000)));
                let ours = ours
                    .map(|values| values.iter().map(to_val).collect::<Vec<_>>())
                    .map_err(|e| e.message().to_string());
                if ours != expected {
                    failures.push(format!(
                        "{sample}:\n  ours      {ours:?}\n  reference {expected:?}"
                    ));
                }
            }
            assert!(
                failures.is_empty(),
                "{} of {} samples differ:\n{}",
                failures.len(),
                samples.len(),
                failures.join("\n")
            );
        }
    };
}

returns_match_reference!(chapter_06_matches_the_reference, ch06, 6);
returns_match_reference!(chapter_07_matches_the_reference, ch07, 7);
returns_match_reference!(chapter_08_matches_the_reference, ch08, 8);
returns_match_reference!(chapter_09_matches_the_reference, ch09, 8);
returns_match_reference!(chapter_10_matches_the_reference, ch10, 8);
returns_match_reference!(chapter_11_matches_the_reference, ch11, 8);
returns_match_reference!(chapter_12_matches_the_reference, ch12, 8);
returns_match_reference!(chapter_13_matches_the_reference, ch13, 8, exact);
returns_match_reference!(chapter_14_matches_the_reference, ch14, 8, exact);
returns_match_reference!(chapter_15_matches_the_reference, ch15, 8, exact);
returns_match_reference!(chapter_16_matches_the_reference, ch16, 8, exact);
returns_match_reference!(chapter_17_matches_the_reference, ch17, 8, exact);

#[test]
fn variable_info_is_removed_from_messages() {
    assert_eq!(
        without_variable_info("x.lua:4: attempt to index a nil value (local 'missing')"),
        "x.lua:4: attempt to index a nil value"
    );
    assert_eq!(
        without_variable_info("number (local 'b') has no integer representation"),
        "number has no integer representation"
    );
}

/// The generated functions too big to keep as samples (LOADKX, and SETLIST
/// with its batch number in EXTRAARG) run on chapter 7 as on the reference.
#[test]
fn chapter_07_runs_the_generated_giants() {
    use ch07::LuaState;
    use ch07::vm::Proto;

    let reference = Reference::new();
    for (name, source) in [
        ("many_constants", oracle::generated::many_constants()),
        ("big_table", oracle::generated::big_table()),
    ] {
        let chunkname = format!("@{name}.lua");
        let bytes = oracle::compile(source.as_bytes(), &chunkname, false).unwrap();
        let expected = reference.returns(&bytes, &chunkname).unwrap();
        let chunk = ch07::binary_chunk::undump(&bytes, &chunkname).unwrap();
        let proto = Proto::load(&chunk.main).unwrap();
        let ours = LuaState::new().execute(&proto, None).unwrap();
        let ours: Vec<Val> = ours
            .iter()
            .map(|v| match v {
                ch07::Value::Integer(i) => Val::Int(*i),
                ch07::Value::String(s) => Val::Str(s.as_bytes().to_vec()),
                other => Val::Other(other.type_of().name().to_string()),
            })
            .collect();
        assert_eq!(ours, expected, "{name}");
    }
}
