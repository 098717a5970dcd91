//! `cargo xtask compare-luac`: check chapter 3's listings against the real
//! `luac -l -l`, for a developer who has `luac5.3` installed (Debian's
//! `lua5.3` package). The tests never need it: this is how the listing
//! snapshots were checked before they were accepted.
//!
//! Function addresses differ by nature (chapter 3 prints stand-ins), so both
//! listings have each distinct address renamed by order of first appearance
//! before comparing: the same function must appear in the same places.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::{Result, workspace_root};

pub fn command(args: &[String]) -> Result<()> {
    let luac = std::env::var("LUAC").unwrap_or_else(|_| "luac5.3".into());
    if !args.is_empty() {
        return Err("usage: cargo xtask compare-luac (set LUAC to name the luac program)".into());
    }
    let root = workspace_root();
    let status = Command::new("cargo")
        .args(["build", "--quiet", "--package", "ch03"])
        .current_dir(&root)
        .status()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    if !status.success() {
        return Err("building ch03 failed".into());
    }
    let lister = root.join("target/debug/ch03");

    let mut chunks = Vec::new();
    for chapter in ["ch02", "ch03"] {
        let dir = root.join("lua-samples").join(chapter);
        let mut found: Vec<PathBuf> = std::fs::read_dir(&dir)
            .map_err(|e| format!("cannot list {}: {e}", dir.display()))?
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "luac"))
            .collect();
        found.sort();
        chunks.extend(found);
    }
    chunks.extend(generated_chunks(&root)?);

    let mut failures = 0;
    for chunk in &chunks {
        let ours = output_of(Command::new(&lister).arg(chunk))?;
        let theirs = output_of(Command::new(&luac).args(["-l", "-l", "-p"]).arg(chunk))?;
        let (ours, theirs) = (normalise_addresses(&ours), normalise_addresses(&theirs));
        let shown = chunk.strip_prefix(&root).unwrap_or(chunk).display();
        if ours == theirs {
            println!("same     {shown}");
        } else {
            failures += 1;
            println!("DIFFERS  {shown}");
            let diff = similar::TextDiff::from_lines(&theirs, &ours);
            print!(
                "{}",
                diff.unified_diff().context_radius(2).header(&luac, "ch03")
            );
        }
    }
    match failures {
        0 => Ok(()),
        n => Err(format!(
            "{n} of {} listings differ from {luac}",
            chunks.len()
        )),
    }
}

/// The generated samples (too big to commit), compiled into target/.
fn generated_chunks(root: &Path) -> Result<Vec<PathBuf>> {
    let dir = root.join("target/compare-luac");
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let mut chunks = Vec::new();
    for (name, source) in [
        ("many_constants", oracle::generated::many_constants()),
        ("big_table", oracle::generated::big_table()),
    ] {
        let chunk = oracle::compile(source.as_bytes(), &format!("@{name}.lua"), false)?;
        let path = dir.join(format!("{name}.luac"));
        std::fs::write(&path, chunk)
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        chunks.push(path);
    }
    Ok(chunks)
}

fn output_of(command: &mut Command) -> Result<String> {
    let output = command
        .output()
        .map_err(|e| format!("cannot run {command:?}: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "{command:?} failed: {}",
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}

/// Renames every `0x…` address to `ADDRESS-n`, n counting distinct
/// addresses in order of first appearance.
pub fn normalise_addresses(listing: &str) -> String {
    let mut seen: Vec<String> = Vec::new();
    let mut out = String::with_capacity(listing.len());
    let mut rest = listing;
    while let Some(start) = rest.find("0x") {
        out.push_str(&rest[..start]);
        let digits = rest[start + 2..]
            .bytes()
            .take_while(u8::is_ascii_hexdigit)
            .count();
        let address = &rest[start..start + 2 + digits];
        let n = match seen.iter().position(|a| a == address) {
            Some(n) => n,
            None => {
                seen.push(address.to_string());
                seen.len() - 1
            }
        };
        out.push_str(&format!("ADDRESS-{n}"));
        rest = &rest[start + 2 + digits..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_are_renamed_by_first_appearance() {
        assert_eq!(
            normalise_addresses("at 0x55aa\n; 0x77bb\nfor 0x55aa 0x77bb"),
            "at ADDRESS-0\n; ADDRESS-1\nfor ADDRESS-0 ADDRESS-1"
        );
    }
}
