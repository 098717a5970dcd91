//! The chapter crates under `chapters/`, named `chNN-slug`.

use std::path::{Path, PathBuf};

use crate::Result;

#[derive(Debug, Clone)]
pub struct Chapter {
    pub number: u32,
    /// The directory name, `chNN-slug`.
    pub dir_name: String,
    pub dir: PathBuf,
}

impl Chapter {
    /// The package name, `chNN`.
    pub fn package(&self) -> String {
        package_name(self.number)
    }
}

pub fn package_name(number: u32) -> String {
    format!("ch{number:02}")
}

/// Every chapter crate, in order.
pub fn all(root: &Path) -> Result<Vec<Chapter>> {
    let dir = root.join("chapters");
    let entries =
        std::fs::read_dir(&dir).map_err(|e| format!("cannot list {}: {e}", dir.display()))?;
    let mut chapters = Vec::new();
    for entry in entries.flatten() {
        let dir_name = entry.file_name().to_string_lossy().into_owned();
        let number = dir_name
            .strip_prefix("ch")
            .and_then(|rest| rest.get(..2))
            .and_then(|digits| digits.parse().ok());
        if let (Some(number), true) = (number, entry.path().is_dir()) {
            chapters.push(Chapter {
                number,
                dir_name,
                dir: entry.path(),
            });
        }
    }
    chapters.sort_by_key(|c| c.number);
    Ok(chapters)
}

pub fn find(root: &Path, number: u32) -> Result<Chapter> {
    all(root)?
        .into_iter()
        .find(|c| c.number == number)
        .ok_or_else(|| format!("there is no chapter {number:02} under chapters/"))
}

/// The files of a chapter crate that are part of it (not build output or
/// snapshots waiting for review), as paths relative to its directory, sorted.
pub fn files(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    collect(dir, Path::new(""), &mut found)?;
    found.sort();
    Ok(found)
}

fn collect(base: &Path, relative: &Path, found: &mut Vec<PathBuf>) -> Result<()> {
    let dir = base.join(relative);
    let entries =
        std::fs::read_dir(&dir).map_err(|e| format!("cannot list {}: {e}", dir.display()))?;
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name_text = name.to_string_lossy();
        if name_text == "target"
            || name_text.ends_with(".snap.new")
            || name_text.ends_with(".pending-snap")
        {
            continue;
        }
        let path = relative.join(&name);
        if entry.path().is_dir() {
            collect(base, &path, found)?;
        } else {
            found.push(path);
        }
    }
    Ok(())
}
