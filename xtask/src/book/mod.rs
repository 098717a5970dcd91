//! `cargo xtask book [--check]`: build the book with mdbook used as a
//! library, so that nothing needs installing.
//!
//! Before building, the "what changed" section of every chapter is generated
//! from the chapter crates into `book/src/generated/`. While building, every
//! code listing included from a crate gets a caption naming its file, and
//! every `{{#transcript …}}` directive becomes the terminal session a
//! snapshot records (see `transcript`). With `--check`, the build fails on an
//! include or transcript whose file, anchor or lines are missing, on a
//! figure that does not exist, on anchor markers left in the rendered pages,
//! and on a chapter crate without a page of its own that shows its code.

use std::path::{Component, Path, PathBuf};

use mdbook_driver::MDBook;
use mdbook_driver::book::{Book, BookItem};
use mdbook_preprocessor::{Preprocessor, PreprocessorContext};

mod transcript;

use transcript::{Directive, Transcript};

use crate::chapters;
use crate::diff::changes_markdown;
use crate::{Result, workspace_root};

pub fn command(args: &[String]) -> Result<()> {
    let check = match args {
        [] => false,
        [flag] if flag == "--check" => true,
        _ => return Err("usage: cargo xtask book [--check]".into()),
    };
    let root = workspace_root();
    let book_dir = root.join("book");
    generate_changes(&root)?;
    let mut problems = Vec::new();
    if check {
        problems.extend(check_includes(&book_dir.join("src"))?);
        problems.extend(check_transcripts(&book_dir.join("src"))?);
        problems.extend(check_figures(&book_dir.join("src"))?);
        problems.extend(check_chapter_pages(&root)?);
    }
    let mut book = MDBook::load(&book_dir).map_err(|e| format!("cannot load the book: {e:#}"))?;
    book.with_preprocessor(BookPreprocessor { root: root.clone() });
    book.with_preprocessor(Dedent);
    match book.build() {
        Ok(()) if check => problems.extend(check_rendered(&book_dir.join("build"))?),
        Ok(()) => {}
        // With --check, the problems found so far explain the failure best.
        Err(e) if check => problems.push(format!("building the book failed: {e:#}")),
        Err(e) => return Err(format!("building the book failed: {e:#}")),
    }
    if !problems.is_empty() {
        return Err(format!(
            "the book has {} problem(s):\n  {}",
            problems.len(),
            problems.join("\n  ")
        ));
    }
    println!(
        "book written to {}",
        book_dir.join("build/index.html").display()
    );
    Ok(())
}

/// Writes `book/src/generated/chNN-changes.md` for every chapter after the
/// first.
fn generate_changes(root: &Path) -> Result<()> {
    let dir = root.join("book/src/generated");
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let all = chapters::all(root)?;
    for pair in all.windows(2) {
        let text = changes_markdown(&pair[0], &pair[1])?;
        let path = dir.join(format!("{}-changes.md", pair[1].package()));
        if std::fs::read_to_string(&path).ok().as_deref() != Some(&text) {
            std::fs::write(&path, text)
                .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        }
    }
    Ok(())
}

/// An `{{#include PATH}}` or `{{#include PATH:ANCHOR}}` directive.
struct Include {
    path: String,
    anchor: Option<String>,
}

/// Every include directive in a Markdown text, with the line it is on.
fn includes(text: &str) -> Vec<(usize, Include)> {
    let mut found = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let mut rest = line;
        while let Some(start) = rest.find("{{#include ") {
            let after = &rest[start + "{{#include ".len()..];
            let Some(end) = after.find("}}") else { break };
            let spec = after[..end].trim();
            let (path, anchor) = match spec.split_once(':') {
                Some((path, anchor)) => (path, Some(anchor.to_string())),
                None => (spec, None),
            };
            found.push((
                n + 1,
                Include {
                    path: path.to_string(),
                    anchor,
                },
            ));
            rest = &after[end..];
        }
    }
    found
}

/// Every include in every page must name a file that exists and, for a
/// named anchor, a file that has both its `ANCHOR` and `ANCHOR_END` markers.
fn check_includes(src: &Path) -> Result<Vec<String>> {
    let mut problems = Vec::new();
    for Page {
        path: page,
        shown,
        text,
    } in pages(src)?
    {
        for (line, include) in includes(&text) {
            let target = page.parent().unwrap_or(src).join(&include.path);
            let Ok(content) = std::fs::read_to_string(&target) else {
                problems.push(format!(
                    "{shown}:{line}: included file {} does not exist",
                    include.path
                ));
                continue;
            };
            // Anchors made of digits and ':' are line ranges, not names.
            if let Some(anchor) = include
                .anchor
                .filter(|a| !a.chars().all(|c| c.is_ascii_digit() || c == ':'))
            {
                let has = |marker: &str| {
                    content.lines().any(|l| {
                        l.trim_start()
                            .trim_start_matches("//")
                            .trim_start_matches('#')
                            .trim()
                            .strip_prefix(marker)
                            == Some(anchor.as_str())
                    })
                };
                if !has("ANCHOR: ") || !has("ANCHOR_END: ") {
                    problems.push(format!(
                        "{shown}:{line}: {} has no anchor '{anchor}'",
                        include.path
                    ));
                }
            }
        }
    }
    Ok(problems)
}

/// Every transcript directive names a transcript snapshot that has the
/// lines it asks for.
fn check_transcripts(src: &Path) -> Result<Vec<String>> {
    let mut problems = Vec::new();
    for Page {
        path: page,
        shown,
        text,
    } in pages(src)?
    {
        let dir = page.parent().unwrap_or(src);
        for (n, line) in text.lines().enumerate() {
            if let Err(problem) = render_transcript(line, dir) {
                problems.push(format!("{shown}:{}: {problem}", n + 1));
            }
        }
    }
    Ok(problems)
}

/// `Ok(None)` if `line` is not a transcript directive, else the fenced
/// block it stands for, or what is wrong with it.
fn render_transcript(line: &str, page_dir: &Path) -> std::result::Result<Option<String>, String> {
    let Some(directive) = Directive::parse(line)? else {
        return Ok(None);
    };
    let snapshot = std::fs::read_to_string(page_dir.join(&directive.path))
        .map_err(|_| format!("transcript {} does not exist", directive.path))?;
    let transcript = Transcript::parse(&snapshot)
        .ok_or_else(|| format!("{} is not a transcript snapshot", directive.path))?;
    transcript
        .render(directive.range)
        .map(Some)
        .map_err(|e| format!("{}: {e}", directive.path))
}

/// Every figure a page shows (`figures/NAME.svg`) exists and is an SVG
/// drawing with a view box, so that the page can scale it.
fn check_figures(src: &Path) -> Result<Vec<String>> {
    let mut problems = Vec::new();
    for Page {
        path: page,
        shown,
        text,
    } in pages(src)?
    {
        for (n, line) in text.lines().enumerate() {
            for name in figure_references(line) {
                let file = page.parent().unwrap_or(src).join(&name);
                match std::fs::read_to_string(&file) {
                    Err(_) => {
                        problems.push(format!("{shown}:{}: figure {name} does not exist", n + 1))
                    }
                    Ok(svg) if !(svg.contains("<svg") && svg.contains("viewBox")) => {
                        problems.push(format!(
                            "{shown}:{}: figure {name} is not an SVG with a viewBox",
                            n + 1
                        ))
                    }
                    Ok(_) => {}
                }
            }
        }
    }
    Ok(problems)
}

/// The `figures/….svg` paths a line of Markdown or HTML refers to.
fn figure_references(line: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = line;
    while let Some(start) = rest.find("figures/") {
        // Include what leads up to `figures/` in the same path (`../`).
        let before = &rest[..start];
        let lead = before.rfind(['"', '\'', '(', ' ']).map_or(0, |i| i + 1);
        let after = &rest[start..];
        let end = after.find(['"', '\'', ')', ' ']).unwrap_or(after.len());
        let path = format!("{}{}", &before[lead..], &after[..end]);
        if path.ends_with(".svg") {
            found.push(path);
        }
        rest = &after[end..];
    }
    found
}

/// A page of the book's source, read.
struct Page {
    path: PathBuf,
    /// The path relative to `book/src`, for messages.
    shown: String,
    text: String,
}

/// Every Markdown page under `src`, read.
fn pages(src: &Path) -> Result<Vec<Page>> {
    markdown_files(src)?
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(&path)
                .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            let shown = path
                .strip_prefix(src)
                .unwrap_or(&path)
                .display()
                .to_string();
            Ok(Page { path, shown, text })
        })
        .collect()
}

/// Every chapter crate has a page, linked from SUMMARY.md, that includes
/// code from that crate.
fn check_chapter_pages(root: &Path) -> Result<Vec<String>> {
    let src = root.join("book/src");
    let summary = std::fs::read_to_string(src.join("SUMMARY.md"))
        .map_err(|e| format!("cannot read SUMMARY.md: {e}"))?;
    let mut problems = Vec::new();
    for chapter in chapters::all(root)? {
        let page_name = format!("{}.md", chapter.dir_name);
        if !summary.contains(&format!("]({page_name})")) {
            problems.push(format!(
                "chapter {} has no entry linking {page_name} in SUMMARY.md",
                chapter.dir_name
            ));
            continue;
        }
        let page = std::fs::read_to_string(src.join(&page_name)).unwrap_or_default();
        let own_code = format!("chapters/{}/", chapter.dir_name);
        if !includes(&page)
            .iter()
            .any(|(_, include)| include.path.contains(&own_code))
        {
            problems.push(format!(
                "{page_name} includes no code from chapters/{}",
                chapter.dir_name
            ));
        }
    }
    Ok(problems)
}

/// No anchor marker may survive into a rendered page: that would mean an
/// include took a whole file, or an anchor was mistyped inside a listing.
/// Nor may the snapshot harness: a line of its own that reads `--- stdout`,
/// `--- stderr` or `exit status: N` is a snapshot included raw, where the
/// reader's terminal (a `{{#transcript}}`) belongs.
fn check_rendered(build: &Path) -> Result<Vec<String>> {
    let mut problems = Vec::new();
    for page in files_with_extension(build, "html")? {
        let text = std::fs::read_to_string(&page).unwrap_or_default();
        let shown = page
            .strip_prefix(build)
            .unwrap_or(&page)
            .display()
            .to_string();
        if text.contains("ANCHOR:") || text.contains("ANCHOR_END:") {
            problems.push(format!("rendered page {shown} shows an ANCHOR marker"));
        }
        if text.lines().any(is_harness_line) {
            problems.push(format!(
                "rendered page {shown} shows a snapshot's harness lines (use {{{{#transcript}}}})"
            ));
        }
    }
    Ok(problems)
}

/// A line of a transcript snapshot that is the harness, not the program's
/// output. Markup around it (the start of a `<code>` block) is ignored.
fn is_harness_line(line: &str) -> bool {
    let line = line.rsplit('>').next().unwrap_or(line).trim();
    line == "--- stdout"
        || line == "--- stderr"
        || line
            .strip_prefix("exit status: ")
            .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
}

fn markdown_files(dir: &Path) -> Result<Vec<PathBuf>> {
    files_with_extension(dir, "md")
}

fn files_with_extension(dir: &Path, extension: &str) -> Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        let entries =
            std::fs::read_dir(&dir).map_err(|e| format!("cannot list {}: {e}", dir.display()))?;
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == extension) {
                found.push(path);
            }
        }
    }
    found.sort();
    Ok(found)
}

/// The book's own preprocessor. It runs before mdbook's `links`
/// preprocessor (book.toml orders it), while the include directives are
/// still in the text. It expands `{{#transcript …}}` directives into the
/// terminal session they record, and gives a code block whose first line is
/// an include a caption line above it naming the file, relative to the
/// repository root, so the reader knows where the code goes.
struct BookPreprocessor {
    root: PathBuf,
}

impl Preprocessor for BookPreprocessor {
    fn name(&self) -> &str {
        "captions"
    }

    fn run(
        &self,
        ctx: &PreprocessorContext,
        mut book: Book,
    ) -> mdbook_preprocessor::errors::Result<Book> {
        let src = ctx.root.join(&ctx.config.book.src);
        let mut problems = Vec::new();
        book.for_each_mut(|item| {
            if let BookItem::Chapter(chapter) = item {
                let dir = chapter
                    .path
                    .as_ref()
                    .and_then(|p| p.parent())
                    .map(|p| src.join(p))
                    .unwrap_or(src.clone());
                match expand_transcripts(&chapter.content, &dir) {
                    Ok(text) => chapter.content = caption_listings(&text, &dir, &self.root),
                    Err(problem) => problems.push(format!("{}: {problem}", chapter.name)),
                }
            }
        });
        if !problems.is_empty() {
            return Err(mdbook_preprocessor::errors::Error::msg(problems.join("\n")));
        }
        Ok(book)
    }
}

fn expand_transcripts(text: &str, page_dir: &Path) -> std::result::Result<String, String> {
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        match render_transcript(line, page_dir)? {
            Some(block) => out.push_str(&block),
            None => {
                out.push_str(line);
                out.push('\n');
            }
        }
    }
    Ok(out)
}

fn caption_listings(text: &str, page_dir: &Path, root: &Path) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = String::with_capacity(text.len() + 256);
    for (i, line) in lines.iter().enumerate() {
        let opens_code = line.trim_start().starts_with("```");
        if let (true, Some(next)) = (opens_code, lines.get(i + 1))
            && let Some((_, include)) = includes(next).into_iter().next()
            && next.trim_start().starts_with("{{#include")
        {
            let file = normalise(&page_dir.join(&include.path));
            let shown = file
                .strip_prefix(root)
                .unwrap_or(&file)
                .display()
                .to_string()
                .replace('\\', "/");
            out.push_str(&format!(
                "<div class=\"listing-caption\"><code>{shown}</code></div>\n\n"
            ));
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// The preprocessor that runs after mdbook's `links`, once the included
/// code is in the text: every captioned listing loses the indentation that
/// all its lines share, so that a piece of code taken from deep inside a
/// function reads from the left margin.
struct Dedent;

impl Preprocessor for Dedent {
    fn name(&self) -> &str {
        "dedent"
    }

    fn run(
        &self,
        _ctx: &PreprocessorContext,
        mut book: Book,
    ) -> mdbook_preprocessor::errors::Result<Book> {
        book.for_each_mut(|item| {
            if let BookItem::Chapter(chapter) = item {
                chapter.content = dedent_listings(&chapter.content);
            }
        });
        Ok(book)
    }
}

const CAPTION: &str = "<div class=\"listing-caption\">";

fn dedent_listings(text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < lines.len() {
        out.push_str(lines[i]);
        out.push('\n');
        let captioned = lines[i].starts_with(CAPTION);
        i += 1;
        if !captioned {
            continue;
        }
        // The caption, a blank line, then the fence that opens the listing.
        while i < lines.len() && !lines[i].trim_start().starts_with("```") {
            out.push_str(lines[i]);
            out.push('\n');
            i += 1;
        }
        let Some(open) = lines.get(i) else { break };
        out.push_str(open);
        out.push('\n');
        i += 1;
        let start = i;
        while i < lines.len() && !lines[i].trim_start().starts_with("```") {
            i += 1;
        }
        let body = &lines[start..i];
        let common = body
            .iter()
            .filter(|l| !l.trim().is_empty())
            .map(|l| l.len() - l.trim_start().len())
            .min()
            .unwrap_or(0);
        for line in body {
            out.push_str(line.get(common..).unwrap_or("").trim_end_matches(' '));
            out.push('\n');
        }
    }
    out
}

/// Resolves `..` and `.` without touching the file system.
fn normalise(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_includes_with_and_without_anchors() {
        let found =
            includes("a {{#include ../x.rs:main}} b {{#include y.md}}\n{{#include z.rs:3:9}}");
        let shown: Vec<(usize, &str, Option<&str>)> = found
            .iter()
            .map(|(n, i)| (*n, i.path.as_str(), i.anchor.as_deref()))
            .collect();
        assert_eq!(
            shown,
            vec![
                (1, "../x.rs", Some("main")),
                (1, "y.md", None),
                (2, "z.rs", Some("3:9"))
            ]
        );
    }

    #[test]
    fn captioned_listings_lose_their_shared_indentation() {
        let text = "<div class=\"listing-caption\"><code>a.rs</code></div>\n\n```rust\n        x => {\n\n            y\n        }\n```\n    kept\n";
        assert_eq!(
            dedent_listings(text),
            "<div class=\"listing-caption\"><code>a.rs</code></div>\n\n```rust\nx => {\n\n    y\n}\n```\n    kept\n"
        );
    }

    #[test]
    fn harness_lines_are_told_from_code_that_writes_them() {
        assert!(is_harness_line("--- stdout"));
        assert!(is_harness_line(
            "<pre><code class=\"language-text\">exit status: 1"
        ));
        assert!(!is_harness_line(
            r#"        "$ {program} {}\nexit status: {status}\n--- stdout\n{}","#
        ));
        assert!(!is_harness_line("the exit status: 1 of the program"));
    }

    #[test]
    fn figure_references_keep_their_relative_path() {
        assert_eq!(
            figure_references(r#"<img src="figures/ch06-a.svg" alt="x"> ![y](../figures/b.svg)"#),
            vec!["figures/ch06-a.svg", "../figures/b.svg"]
        );
        assert!(figure_references("the figures/ folder").is_empty());
    }

    #[test]
    fn captions_name_the_file_from_the_repository_root() {
        let text =
            "Text\n\n```rust\n{{#include ../../chapters/ch01-hello/src/cli.rs:parse}}\n```\n";
        let out = caption_listings(text, Path::new("/repo/book/src"), Path::new("/repo"));
        assert!(out.contains("<div class=\"listing-caption\"><code>chapters/ch01-hello/src/cli.rs</code></div>\n\n```rust"));
    }
}
