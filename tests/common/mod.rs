//! What the root tests that run samples share.

use std::path::Path;

/// The `.luac` samples (not stripped) of chapters `first..=last`.
#[allow(dead_code)] // not every test file runs samples
pub fn samples(first: u32, last: u32) -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut found = Vec::new();
    for chapter in first..=last {
        let dir = format!("lua-samples/ch{chapter:02}");
        let Ok(entries) = std::fs::read_dir(root.join(&dir)) else {
            continue;
        };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.ends_with(".luac") && !name.ends_with(".s.luac") {
                found.push(format!("{dir}/{name}"));
            }
        }
    }
    found.sort();
    found
}

/// The reference's error message without the name of the variable that
/// held the culprit, which the chapters work out only from chapter 13 on.
#[allow(dead_code)]
pub fn without_variable_info(message: &str) -> String {
    let mut out = message.to_string();
    for kind in ["local", "global", "upvalue", "field", "method", "constant"] {
        let marker = format!(" ({kind} '");
        while let Some(start) = out.find(&marker) {
            let Some(end) = out[start + marker.len()..].find("')") else {
                break;
            };
            out.replace_range(start..start + marker.len() + end + 2, "");
        }
    }
    out
}

/// Declares `Budget`, an instruction hook of chapter `$chapter` that stops a
/// program once it has run as many instructions as it holds, with the error
/// "instruction budget exhausted": a bug that loops fails a test instead of
/// hanging it.
#[allow(unused_macros)] // not every test file runs programs
macro_rules! instruction_budget {
    ($chapter:ident) => {
        struct Budget(u64);

        impl $chapter::vm::Hook for Budget {
            fn after_instruction(
                &mut self,
                _: &$chapter::LuaState,
                _: &$chapter::vm::Proto,
                _: usize,
            ) -> Result<(), $chapter::LuaError> {
                self.0 = self
                    .0
                    .checked_sub(1)
                    .ok_or_else(|| $chapter::LuaError::new("instruction budget exhausted"))?;
                Ok(())
            }
        }
    };
}
