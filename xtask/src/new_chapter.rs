//! `cargo xtask new-chapter NN slug`: start a chapter as a copy of the one
//! before it. A chapter is never started from scratch: chapter N is chapter
//! N-1 plus one step, and the copy is what makes that true.

use std::path::Path;

use crate::chapters::{self, package_name};
use crate::{Result, chapter_number, workspace_root};

pub fn command(args: &[String]) -> Result<()> {
    let number = chapter_number(args.first())?;
    let slug = args
        .get(1)
        .ok_or("usage: cargo xtask new-chapter NN slug")?;
    if slug.is_empty()
        || !slug
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    {
        return Err(format!(
            "the slug must be lowercase words joined by '-', got {slug:?}"
        ));
    }
    let root = workspace_root();
    let previous = chapters::find(&root, number - 1)?;
    if chapters::all(&root)?.iter().any(|c| c.number >= number) {
        return Err(format!("chapter {number:02} or a later one already exists"));
    }
    let dir_name = format!("{}-{slug}", package_name(number));
    let dest = root.join("chapters").join(&dir_name);
    let (old, new) = (previous.package(), package_name(number));

    for file in chapters::files(&previous.dir)? {
        let source = previous.dir.join(&file);
        let target = dest.join(&file);
        std::fs::create_dir_all(target.parent().unwrap_or(&dest))
            .map_err(|e| format!("cannot create {}: {e}", dest.display()))?;
        let bytes =
            std::fs::read(&source).map_err(|e| format!("cannot read {}: {e}", source.display()))?;
        let bytes = match String::from_utf8(bytes) {
            Ok(text) => rename_crate(&text, &old, &new, &previous.dir_name, &dir_name).into_bytes(),
            Err(binary) => binary.into_bytes(),
        };
        std::fs::write(&target, bytes)
            .map_err(|e| format!("cannot write {}: {e}", target.display()))?;
    }
    point_root_at(&root, &old, &new, &dir_name)?;
    add_page(&root, number, &dir_name)?;
    println!(
        "created chapters/{dir_name} from chapters/{}",
        previous.dir_name
    );
    println!(
        "next: make the step, run `cargo test -p {new}`, review snapshots, write book/src/{dir_name}.md"
    );
    Ok(())
}

/// Renames the crate in a copied file: the package name, paths of the form
/// `chPP::`, the string `"chPP"`, and the chapter directory. Sample paths
/// such as `lua-samples/ch01/` are left alone: samples belong to the chapter
/// that introduced them.
pub fn rename_crate(text: &str, old: &str, new: &str, old_dir: &str, new_dir: &str) -> String {
    text.replace(old_dir, new_dir)
        .replace(&format!("name = \"{old}\""), &format!("name = \"{new}\""))
        .replace(&format!("{old}-luac"), &format!("{new}-luac"))
        .replace(&format!("-p {old} "), &format!("-p {new} "))
        .replace(&format!("{old}::"), &format!("{new}::"))
        .replace(&format!("\"{old}\""), &format!("\"{new}\""))
        .replace(&format!("$ {old} "), &format!("$ {new} "))
}

/// The root package runs the newest chapter and tests every chapter: the
/// previous newest chapter moves to the dev-dependencies, the new one takes
/// its place as the dependency `src/main.rs` calls.
fn point_root_at(root: &Path, old: &str, new: &str, dir_name: &str) -> Result<()> {
    let manifest = root.join("Cargo.toml");
    let text =
        std::fs::read_to_string(&manifest).map_err(|e| format!("cannot read Cargo.toml: {e}"))?;
    let old_line = text
        .lines()
        .find(|l| l.starts_with(&format!("{old} = ")))
        .ok_or_else(|| format!("Cargo.toml has no dependency line for {old}"))?
        .to_string();
    let mut lines: Vec<String> = Vec::new();
    for line in text.lines() {
        if line == old_line {
            lines.push(format!("{new} = {{ path = \"chapters/{dir_name}\" }}"));
        } else {
            lines.push(line.to_string());
        }
        if line == "[dev-dependencies]" {
            lines.push(old_line.clone());
        }
    }
    std::fs::write(&manifest, lines.join("\n") + "\n")
        .map_err(|e| format!("cannot write Cargo.toml: {e}"))?;
    // The root's programs, `rua` and `ruac`, call the newest chapter's.
    for program in ["src/main.rs", "src/ruac.rs"] {
        let path = root.join(program);
        if !path.exists() {
            continue;
        }
        let text =
            std::fs::read_to_string(&path).map_err(|e| format!("cannot read {program}: {e}"))?;
        std::fs::write(
            &path,
            text.replace(&format!("{old}::"), &format!("{new}::")),
        )
        .map_err(|e| format!("cannot write {program}: {e}"))?;
    }
    Ok(())
}

/// Turns the chapter's draft entry in SUMMARY.md into a link and creates the
/// page with its generated "what changed" section.
fn add_page(root: &Path, number: u32, dir_name: &str) -> Result<()> {
    let summary_path = root.join("book/src/SUMMARY.md");
    let summary = std::fs::read_to_string(&summary_path)
        .map_err(|e| format!("cannot read SUMMARY.md: {e}"))?;
    let prefix = format!("- [{number}. ");
    let mut title = None;
    let updated: Vec<String> = summary
        .lines()
        .map(|line| match line.trim_start().strip_prefix(&prefix) {
            Some(rest) if line.trim_end().ends_with("]()") => {
                let name = rest.trim_end().trim_end_matches("]()").to_string();
                title = Some(name.clone());
                line.replace("]()", &format!("]({dir_name}.md)"))
            }
            _ => line.to_string(),
        })
        .collect();
    let title = title.ok_or_else(|| format!("SUMMARY.md has no draft entry '{prefix}...]()'"))?;
    std::fs::write(&summary_path, updated.join("\n") + "\n")
        .map_err(|e| format!("cannot write SUMMARY.md: {e}"))?;
    let page = root.join("book/src").join(format!("{dir_name}.md"));
    if !page.exists() {
        let text = format!(
            "# {number}. {title}\n\n## What changed since chapter {}\n\n{{{{#include generated/{}-changes.md}}}}\n",
            number - 1,
            package_name(number)
        );
        std::fs::write(&page, text).map_err(|e| format!("cannot write {}: {e}", page.display()))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renames_the_crate_but_not_sample_paths() {
        let text = "use ch02::cli;\nname = \"ch02\"\nrun(\"ch02\", \"lua-samples/ch02/x.lua\")\n# chapters/ch02-binary-chunk/src\n";
        assert_eq!(
            rename_crate(
                text,
                "ch02",
                "ch03",
                "ch02-binary-chunk",
                "ch03-instructions"
            ),
            "use ch03::cli;\nname = \"ch03\"\nrun(\"ch03\", \"lua-samples/ch02/x.lua\")\n# chapters/ch03-instructions/src\n"
        );
    }

    #[test]
    fn renames_the_luac_binary_and_its_command() {
        let text = "name = \"ch17-luac\"\n# cargo run -p ch17 --bin ch17-luac -- -l\n";
        assert_eq!(
            rename_crate(text, "ch17", "ch18", "ch17-codegen", "ch18-basic-library"),
            "name = \"ch18-luac\"\n# cargo run -p ch18 --bin ch18-luac -- -l\n"
        );
    }
}
