//! Chapter 15's parser against the reference: on every sample of the
//! chapter, and on sources made to break it, its syntax error is the
//! message real Lua's `load` gives, and a source it accepts the reference
//! accepts too.

use ch15::compiler::parser::parse;

fn check(source: &[u8], chunkname: &str) -> Result<(), String> {
    let ours = parse(source, chunkname).err().map(|e| e.message());
    let theirs = oracle::compile(source, chunkname, false).err();
    if ours == theirs {
        return Ok(());
    }
    Err(format!(
        "{:?}:\n  ours      {ours:?}\n  reference {theirs:?}",
        String::from_utf8_lossy(source)
    ))
}

#[test]
fn the_chapter_samples_parse_as_in_the_reference() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("lua-samples/ch15");
    let mut failures = Vec::new();
    let mut count = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "lua") {
            let source = std::fs::read(&path).unwrap();
            let chunkname = format!("@{}", path.file_name().unwrap().to_string_lossy());
            failures.extend(check(&source, &chunkname).err());
            count += 1;
        }
    }
    assert!(count > 0);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn syntax_errors_in_expressions_are_the_references() {
    let cases: &[&str] = &[
        "print(1",
        "print(1,)",
        "f(\n\n1",
        "a:b",
        "a.1",
        "a.b.c",
        "f\"x\" g",
        "f{x=}",
        "f{[1]}",
        "f{[1] 2}",
        "f{a b}",
        "f{a = 1 b}",
        "f{\n1,\n2\n3}",
        "f(function(a,1) end)",
        "f(function(a, ..., b) end)",
        "f(function() f(...) end)",
        "f(function()\n\n",
        "f(function() f() )",
        "f() end",
        "f(1 + [[a]] b)",
        "f(x y)",
        "f(3.0 4)",
        "f(0x10 y)",
        "f(1 +)",
        "f(not)",
        "f(a..)",
        "f(#)",
        "f(-)",
        "f[1",
        "f[1]",
        "f:m",
        "f:1()",
        "(f",
        "(f)",
        "f(\x01)",
        "f(1)\n(2)",
        "f();(g)()",
        "f(1 == == 2)",
        "f({} {})",
        "f(\"a\\0b\" c)",
        "f(\"a\0b\" c)",
    ];
    let mut failures = Vec::new();
    for source in cases {
        failures.extend(check(source.as_bytes(), "=t").err());
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The nesting limit counts levels as the reference does: as deep as it
/// allows parses, one more is the same error, and a million never
/// overflows the stack.
#[test]
fn nesting_stops_where_the_reference_stops() {
    let mut failures = Vec::new();
    for depth in [190, 196, 197, 198, 199, 200, 1_000_000] {
        let parens = format!("f({}1{})", "(".repeat(depth), ")".repeat(depth));
        let minus = format!("f({}1)", "-".repeat(depth));
        let power = format!("f(1{})", " ^ 1".repeat(depth));
        let tables = format!("f({}{})", "{".repeat(depth), "}".repeat(depth));
        for source in [parens, minus, power, tables] {
            failures.extend(check(source.as_bytes(), "=t").err());
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
