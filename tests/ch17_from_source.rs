//! From chapter 17 on, programs run from source. Every `.lua` sample of
//! chapters 6 to 13, and of chapter 17, compiled by chapter 17 and run on
//! it, prints what the reference Lua prints for the same source and stops
//! with the same error, if any.

use std::path::Path;

use ch17::cli::SharedOutput;
use ch17::vm::Proto;
use ch17::{LuaState, base_lib};

#[test]
fn samples_run_from_source_as_in_the_reference() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut failures = Vec::new();
    let mut count = 0;
    for chapter in (6..=13).chain([17]) {
        let dir = format!("lua-samples/ch{chapter:02}");
        let mut files: Vec<_> = std::fs::read_dir(root.join(&dir))
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "lua"))
            .collect();
        files.sort();
        for path in files {
            let source = std::fs::read(&path).unwrap();
            let name = format!("@{dir}/{}", path.file_name().unwrap().to_string_lossy());
            let expected = oracle::run(&source, &name);

            let output = SharedOutput::default();
            let mut state = LuaState::new();
            base_lib::open(&mut state).unwrap();
            state.set_output(Box::new(output.clone()));
            let result = ch17::compiler::compile(&source, &name)
                .and_then(|main| Proto::load(&main))
                .and_then(|proto| state.execute(&proto));
            let error = result.err().map(|e| ch17::error_message(&mut state, &e));
            let printed = output.contents();
            count += 1;
            if printed != expected.output || error != expected.error {
                failures.push(format!(
                    "{name}:\n  ours      {:?} {error:?}\n  reference {:?} {:?}",
                    String::from_utf8_lossy(&printed),
                    String::from_utf8_lossy(&expected.output),
                    expected.error
                ));
            }
        }
    }
    assert!(count > 100, "only {count} samples");
    assert!(
        failures.is_empty(),
        "{} of {count} samples differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
