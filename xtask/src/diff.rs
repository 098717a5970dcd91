//! `cargo xtask chapter-diff NN`: what chapter NN changed in the program of
//! chapter NN-1, as the Markdown section each chapter page includes.
//!
//! The section is generated from the two crates, never written by hand, so
//! it cannot go stale: `cargo xtask book` regenerates it for every chapter.

use std::fmt::Write;
use std::path::{Path, PathBuf};

use similar::{ChangeTag, TextDiff};

use crate::chapters::{self, Chapter};
use crate::{Result, chapter_number, workspace_root};

pub fn command(args: &[String]) -> Result<()> {
    let number = chapter_number(args.first())?;
    let root = workspace_root();
    let chapter = chapters::find(&root, number)?;
    let previous = chapters::find(&root, number - 1)?;
    print!("{}", changes_markdown(&previous, &chapter)?);
    Ok(())
}

#[derive(Debug, PartialEq, Eq)]
enum Change {
    Added,
    Removed,
    Changed,
}

/// The Markdown section: a table of the files added, removed and changed in
/// the crate (snapshots summarised in one line), and the whole diff folded
/// under it.
pub fn changes_markdown(previous: &Chapter, chapter: &Chapter) -> Result<String> {
    let old_files = chapters::files(&previous.dir)?;
    let new_files = chapters::files(&chapter.dir)?;
    let mut all: Vec<&PathBuf> = old_files.iter().chain(&new_files).collect();
    all.sort();
    all.dedup();

    let mut table = String::from("| file | change | lines |\n|---|---|---|\n");
    let mut snapshots = [0usize; 3]; // added, removed, changed
    let mut diff_text = String::new();
    for file in all {
        let old = read_text(&previous.dir, file, &old_files);
        let new = read_text(&chapter.dir, file, &new_files);
        // Compare with the old file renamed, so the diff shows what the
        // chapter changed rather than the crate's new name.
        // Anchor markers are the book's machinery, not the program: leave
        // them out of the comparison and the diff.
        let old = old.map(|text| without_anchors(&renamed(&text, previous, chapter)));
        let new = new.map(|text| without_anchors(&text));
        let change = match (&old, &new) {
            (None, Some(_)) => Change::Added,
            (Some(_), None) => Change::Removed,
            (Some(a), Some(b)) if a != b => Change::Changed,
            _ => continue,
        };
        let is_snapshot = file.extension().is_some_and(|e| e == "snap");
        if is_snapshot {
            let slot = match change {
                Change::Added => 0,
                Change::Removed => 1,
                Change::Changed => 2,
            };
            snapshots[slot] += 1;
            continue;
        }
        let old = old.unwrap_or_default();
        let new = new.unwrap_or_default();
        let diff = TextDiff::from_lines(&old, &new);
        let (mut plus, mut minus) = (0, 0);
        for change in diff.iter_all_changes() {
            match change.tag() {
                ChangeTag::Insert => plus += 1,
                ChangeTag::Delete => minus += 1,
                ChangeTag::Equal => {}
            }
        }
        let name = file.display().to_string().replace('\\', "/");
        let what = match change {
            Change::Added => "added",
            Change::Removed => "removed",
            Change::Changed => "changed",
        };
        let _ = writeln!(table, "| `{name}` | {what} | +{plus} −{minus} |");
        // As `diff -N` labels them: a file that one side lacks is /dev/null.
        let old_label = match change {
            Change::Added => "/dev/null".to_string(),
            _ => format!("chapters/{}/{name}", previous.dir_name),
        };
        let new_label = match change {
            Change::Removed => "/dev/null".to_string(),
            _ => format!("chapters/{}/{name}", chapter.dir_name),
        };
        let _ = write!(
            diff_text,
            "{}",
            diff.unified_diff()
                .context_radius(3)
                .header(&old_label, &new_label)
        );
    }

    let mut out = table;
    let [added, removed, changed] = snapshots;
    if added + removed + changed > 0 {
        let _ = writeln!(
            out,
            "\nSnapshots (`tests/snapshots/`): {added} added, {changed} changed, {removed} removed."
        );
    }
    let fence = "`".repeat(longest_backtick_run(&diff_text).max(2) + 1);
    let _ = write!(
        out,
        "\n<details>\n<summary>The whole diff from chapters/{} to chapters/{} (snapshots left out)</summary>\n\n{fence}diff\n{diff_text}{fence}\n\n</details>\n",
        previous.dir_name, chapter.dir_name
    );
    Ok(out)
}

fn read_text(dir: &Path, file: &PathBuf, present: &[PathBuf]) -> Option<String> {
    if !present.contains(file) {
        return None;
    }
    let bytes = std::fs::read(dir.join(file)).ok()?;
    Some(String::from_utf8(bytes).unwrap_or_else(|_| "(binary file)\n".into()))
}

/// The previous chapter's text with its crate renamed as `new-chapter`
/// renames it, so that a file differing only in the crate's name does not
/// count as changed.
fn renamed(text: &str, previous: &Chapter, chapter: &Chapter) -> String {
    crate::new_chapter::rename_crate(
        text,
        &previous.package(),
        &chapter.package(),
        &previous.dir_name,
        &chapter.dir_name,
    )
}

fn without_anchors(text: &str) -> String {
    text.lines()
        .filter(|line| {
            let comment = line.trim_start().trim_start_matches("//").trim_start();
            !comment.starts_with("ANCHOR: ") && !comment.starts_with("ANCHOR_END: ")
        })
        .flat_map(|line| [line, "\n"])
        .collect()
}

fn longest_backtick_run(text: &str) -> usize {
    text.split(|c| c != '`').map(str::len).max().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_file_is_diffed_against_dev_null() {
        let root = std::env::temp_dir().join(format!("xtask-diff-{}", std::process::id()));
        let chapter = |number: u32, dir_name: &str| {
            let dir = root.join(dir_name);
            std::fs::create_dir_all(dir.join("src")).unwrap();
            Chapter {
                number,
                dir_name: dir_name.to_string(),
                dir,
            }
        };
        let (old, new) = (chapter(1, "ch01-a"), chapter(2, "ch02-b"));
        std::fs::write(old.dir.join("src/kept.rs"), "fn a() {}\n").unwrap();
        std::fs::write(new.dir.join("src/kept.rs"), "fn a() {}\n").unwrap();
        std::fs::write(new.dir.join("src/new.rs"), "fn b() {}\n").unwrap();
        let text = changes_markdown(&old, &new).unwrap();
        std::fs::remove_dir_all(&root).unwrap();
        assert!(text.contains("| `src/new.rs` | added | +1 −0 |"), "{text}");
        assert!(
            text.contains("--- /dev/null\n+++ chapters/ch02-b/src/new.rs"),
            "{text}"
        );
        assert!(!text.contains("kept.rs"), "{text}");
    }
}
