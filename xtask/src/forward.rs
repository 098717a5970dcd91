//! `cargo xtask forward NN`: carry chapter NN's latest committed change into
//! every later chapter.
//!
//! A fix made in chapter NN belongs in every chapter that still has the code
//! it fixes. For each file the last commit touching chapter NN changed, the
//! change (the file before that commit → the file after it) is merged into
//! the same file of each later chapter with `git merge-file`, a three-way
//! merge. Where the later chapter has changed the same lines, the merge
//! conflicts: that file is left untouched and reported, never guessed.

use std::path::Path;
use std::process::Command;

use crate::chapters::{self, Chapter};
use crate::new_chapter::rename_crate;
use crate::{Result, chapter_number, workspace_root};

pub fn command(args: &[String]) -> Result<()> {
    let number = chapter_number(args.first())?;
    let root = workspace_root();
    let chapter = chapters::find(&root, number)?;
    let later: Vec<Chapter> = chapters::all(&root)?
        .into_iter()
        .filter(|c| c.number > number)
        .collect();
    let crate_path = format!("chapters/{}", chapter.dir_name);
    let commit = git(&root, &["log", "-1", "--format=%H", "--", &crate_path])?;
    let commit = commit.trim();
    if commit.is_empty() {
        return Err(format!("no commit touches {crate_path}"));
    }
    let changed = git(
        &root,
        &[
            "diff",
            "--name-status",
            "--no-renames",
            &format!("{commit}^"),
            commit,
            "--",
            &crate_path,
        ],
    )?;
    println!(
        "carrying {} of chapter {number:02} forward",
        &commit[..12.min(commit.len())]
    );

    let mut conflicts = Vec::new();
    for line in changed.lines() {
        let Some((status, path)) = line.split_once('\t') else {
            continue;
        };
        let relative = path.trim_start_matches(&format!("{crate_path}/"));
        let before = git_show(&root, &format!("{commit}^:{path}"));
        let after = git_show(&root, &format!("{commit}:{path}"));
        for target in &later {
            let rename = |text: &str| {
                rename_crate(
                    text,
                    &chapter.package(),
                    &target.package(),
                    &chapter.dir_name,
                    &target.dir_name,
                )
            };
            let file = target.dir.join(relative);
            let shown = format!("chapters/{}/{relative}", target.dir_name);
            let current = std::fs::read_to_string(&file).ok();
            match (status, current, &before, &after) {
                // Added in chapter NN: add it where it is missing.
                ("A", None, _, Some(after)) => {
                    write(&file, &rename(after))?;
                    println!("  added    {shown}");
                }
                // Deleted in chapter NN: delete it where it is unchanged.
                ("D", Some(current), Some(before), _) if current == rename(before) => {
                    std::fs::remove_file(&file)
                        .map_err(|e| format!("cannot remove {shown}: {e}"))?;
                    println!("  removed  {shown}");
                }
                ("M", Some(current), Some(before), Some(after)) => {
                    match merge(&current, &rename(before), &rename(after))? {
                        Some(merged) if merged == current => println!("  same     {shown}"),
                        Some(merged) => {
                            write(&file, &merged)?;
                            println!("  merged   {shown}");
                        }
                        None => conflicts.push(shown),
                    }
                }
                _ => println!("  skipped  {shown} (not present, or changed differently there)"),
            }
        }
    }
    if conflicts.is_empty() {
        println!("done: review with `git diff`, run the tests, commit");
        Ok(())
    } else {
        Err(format!(
            "these files conflict and were left untouched; merge them by hand:\n  {}",
            conflicts.join("\n  ")
        ))
    }
}

/// A three-way merge with `git merge-file`: `None` if it conflicts.
fn merge(current: &str, base: &str, changed: &str) -> Result<Option<String>> {
    let dir = std::env::temp_dir().join(format!("xtask-forward-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let paths = [dir.join("current"), dir.join("base"), dir.join("changed")];
    for (path, text) in paths.iter().zip([current, base, changed]) {
        write(path, text)?;
    }
    let output = Command::new("git")
        .arg("merge-file")
        .arg("-p")
        .args(&paths)
        .output()
        .map_err(|e| format!("cannot run git merge-file: {e}"))?;
    let _ = std::fs::remove_dir_all(&dir);
    match output.status.code() {
        Some(0) => Ok(Some(String::from_utf8_lossy(&output.stdout).into_owned())),
        Some(n) if (1..128).contains(&n) => Ok(None),
        _ => Err(format!(
            "git merge-file failed: {}",
            String::from_utf8_lossy(&output.stderr)
        )),
    }
}

fn git(root: &Path, args: &[&str]) -> Result<String> {
    let output = Command::new("git")
        .args(args)
        .current_dir(root)
        .output()
        .map_err(|e| format!("cannot run git: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "git {} failed: {}",
            args.join(" "),
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}

/// A file's content at a revision, or `None` if it did not exist there.
fn git_show(root: &Path, spec: &str) -> Option<String> {
    git(root, &["show", spec]).ok()
}

fn write(path: &Path, text: &str) -> Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)
            .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
    }
    std::fs::write(path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))
}
