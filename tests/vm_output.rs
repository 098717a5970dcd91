//! From chapter 9 on, programs print. Every sample of chapters 9 and later
//! is run on every chapter that can run it, in-process, and what it prints
//! and the error it stops with (if any) must be byte for byte what the
//! reference Lua 5.3 prints and reports for the same chunk.

use std::path::Path;

mod common;

use common::{samples, without_variable_info};

/// Runs every sample of chapters 9 to `$last` on chapter `$chapter`,
/// capturing its output, and compares with the reference.
macro_rules! output_matches_reference {
    ($test:ident, $chapter:ident, $last:expr) => {
        output_matches_reference!($test, $chapter, $last, without_variable_info, |_, e: &$chapter::LuaError| e.message().to_string());
    };
    ($test:ident, $chapter:ident, $last:expr, exact) => {
        output_matches_reference!($test, $chapter, $last, String::from, $chapter::error_message);
    };
    ($test:ident, $chapter:ident, $last:expr, $expected_error:expr, $our_message:expr) => {
        #[test]
        fn $test() {
            use $chapter::cli::SharedOutput;
            use $chapter::vm::Proto;
            use $chapter::{LuaState, base_lib};

            let root = Path::new(env!("CARGO_MANIFEST_DIR"));
            let samples = samples(9, $last);
            assert!(!samples.is_empty());
            let mut failures = Vec::new();
            for sample in &samples {
                let bytes = std::fs::read(root.join(sample)).unwrap();
                let chunkname = format!("@{}", sample.trim_end_matches('c'));
                let expected = oracle::run(&bytes, &chunkname);
                let expected_error = expected.error.as_deref().map($expected_error);

                let output = SharedOutput::default();
                let mut state = LuaState::new();
                base_lib::open(&mut state).unwrap();
                state.set_output(Box::new(output.clone()));
                let chunk = $chapter::binary_chunk::undump(&bytes, &chunkname).unwrap();
                let result = Proto::load(&chunk.main).and_then(|proto| state.execute(&proto));
                let error = result.err().map(|e| $our_message(&mut state, &e));
                let printed = output.contents();

                if printed != expected.output || error != expected_error {
                    failures.push(format!(
                        "{sample}:\n  ours      {:?} {error:?}\n  reference {:?} {expected_error:?}",
                        String::from_utf8_lossy(&printed),
                        String::from_utf8_lossy(&expected.output)
                    ));
                }
            }
            assert!(failures.is_empty(), "{} of {} samples differ:\n{}", failures.len(), samples.len(), failures.join("\n"));
        }
    };
}

output_matches_reference!(chapter_09_matches_the_reference, ch09, 9);
output_matches_reference!(chapter_10_matches_the_reference, ch10, 10);
output_matches_reference!(chapter_11_matches_the_reference, ch11, 11);
output_matches_reference!(chapter_12_matches_the_reference, ch12, 12);
output_matches_reference!(chapter_13_matches_the_reference, ch13, 13, exact);
output_matches_reference!(chapter_14_matches_the_reference, ch14, 13, exact);
output_matches_reference!(chapter_15_matches_the_reference, ch15, 13, exact);
output_matches_reference!(chapter_16_matches_the_reference, ch16, 13, exact);
output_matches_reference!(chapter_17_matches_the_reference, ch17, 13, exact);
