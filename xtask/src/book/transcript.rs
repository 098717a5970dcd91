//! `{{#transcript PATH}}` and `{{#transcript PATH:FROM:TO}}`: a snapshot of
//! a chapter's command line, shown as the reader's terminal shows it.
//!
//! A chapter's CLI snapshots record the command, the exit status and both
//! streams under insta's front matter:
//!
//! ```text
//! ---
//! source: chapters/ch08-calls/tests/cli.rs
//! expression: "transcript(&[&chunk])"
//! ---
//! $ ch08 lua-samples/ch08/overflow.luac
//! exit status: 1
//! --- stdout
//! --- stderr
//! ch08: lua-samples/ch08/overflow.lua:4: stack overflow
//! ```
//!
//! The page shows the `cargo run` command a reader types and what it
//! prints, with none of the harness.

/// A parsed transcript snapshot.
#[derive(Debug, PartialEq)]
pub struct Transcript {
    /// The program, as the snapshot names it: `ch08`, `ch17-luac`, `rua`.
    pub program: String,
    /// The arguments, as one string.
    pub args: String,
    /// Standard output, then standard error, line by line.
    pub output: Vec<String>,
}

impl Transcript {
    /// Reads a snapshot file's text; `None` if it is not a transcript.
    pub fn parse(snapshot: &str) -> Option<Transcript> {
        let body = strip_front_matter(snapshot);
        let mut lines = body.lines();
        let command = lines.next()?.strip_prefix("$ ")?;
        let (program, args) = command.split_once(' ').unwrap_or((command, ""));
        lines.next()?.strip_prefix("exit status: ")?;
        if lines.next()? != "--- stdout" {
            return None;
        }
        let mut output = Vec::new();
        let mut seen_stderr = false;
        for line in lines {
            if line == "--- stderr" && !seen_stderr {
                seen_stderr = true;
            } else {
                output.push(line.to_string());
            }
        }
        if !seen_stderr {
            return None;
        }
        Some(Transcript {
            program: program.to_string(),
            args: args.to_string(),
            output,
        })
    }

    /// The command a reader types to run the same thing from the workspace
    /// root.
    pub fn command_line(&self) -> String {
        let run = match self.program.as_str() {
            "rua" => "cargo run --".to_string(),
            "ruac" => "cargo run --bin ruac --".to_string(),
            program => match program.split_once('-') {
                Some((package, _)) => format!("cargo run -p {package} --bin {program} --"),
                None => format!("cargo run -p {program} --"),
            },
        };
        if self.args.is_empty() {
            run
        } else {
            format!("{run} {}", self.args)
        }
    }

    /// The fenced block for the page: the command, then the output lines
    /// `range` selects (1-based, inclusive), with `…` for what is left out.
    pub fn render(&self, range: Option<(usize, Option<usize>)>) -> Result<String, String> {
        let count = self.output.len();
        let (from, to) = match range {
            None => (1, count),
            Some((from, to)) => (from, to.unwrap_or(count)),
        };
        if count > 0 && (from == 0 || from > to || to > count) {
            return Err(format!(
                "lines {from} to {to} are not in an output of {count} line(s)"
            ));
        }
        let mut block = format!("```text\n$ {}\n", self.command_line());
        if from > 1 {
            block.push_str("…\n");
        }
        for line in self.output.iter().take(to).skip(from.saturating_sub(1)) {
            block.push_str(line);
            block.push('\n');
        }
        if to < count {
            block.push_str("…\n");
        }
        block.push_str("```\n");
        Ok(block)
    }
}

/// The text after insta's `---` … `---` header, if there is one.
fn strip_front_matter(snapshot: &str) -> &str {
    if let Some(rest) = snapshot.strip_prefix("---\n")
        && let Some(end) = rest.find("\n---\n")
    {
        return &rest[end + "\n---\n".len()..];
    }
    snapshot
}

/// A `{{#transcript PATH[:FROM:[TO]]}}` directive alone on a line.
#[derive(Debug, PartialEq)]
pub struct Directive {
    pub path: String,
    pub range: Option<(usize, Option<usize>)>,
}

impl Directive {
    /// Parses a line; `Ok(None)` if the line is not a directive.
    pub fn parse(line: &str) -> Result<Option<Directive>, String> {
        let Some(spec) = line
            .trim()
            .strip_prefix("{{#transcript ")
            .and_then(|s| s.strip_suffix("}}"))
        else {
            return Ok(None);
        };
        let spec = spec.trim();
        let bad = || format!("malformed directive {{{{#transcript {spec}}}}}");
        let mut parts = spec.split(':');
        let path = parts.next().filter(|p| !p.is_empty()).ok_or_else(bad)?;
        let number = |text: &str| text.parse::<usize>().map_err(|_| bad());
        let range = match (parts.next(), parts.next(), parts.next()) {
            (None, None, None) => None,
            (Some(from), None, None) => Some((number(from)?, Some(number(from)?))),
            (Some(from), Some(""), None) => Some((number(from)?, None)),
            (Some(from), Some(to), None) => Some((number(from)?, Some(number(to)?))),
            _ => return Err(bad()),
        };
        Ok(Some(Directive {
            path: path.to_string(),
            range,
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SNAPSHOT: &str = "---\nsource: chapters/ch08-calls/tests/cli.rs\nexpression: \"transcript(&[&chunk])\"\n---\n$ ch08 lua-samples/ch08/x.luac\nexit status: 1\n--- stdout\none\ntwo\n--- stderr\nch08: boom\n";

    #[test]
    fn a_transcript_becomes_the_command_and_its_output() {
        let transcript = Transcript::parse(SNAPSHOT).unwrap();
        assert_eq!(
            transcript.render(None).unwrap(),
            "```text\n$ cargo run -p ch08 -- lua-samples/ch08/x.luac\none\ntwo\nch08: boom\n```\n"
        );
    }

    #[test]
    fn a_range_marks_what_it_leaves_out() {
        let transcript = Transcript::parse(SNAPSHOT).unwrap();
        assert_eq!(
            transcript.render(Some((2, Some(2)))).unwrap(),
            "```text\n$ cargo run -p ch08 -- lua-samples/ch08/x.luac\n…\ntwo\n…\n```\n"
        );
        assert!(transcript.render(Some((2, Some(9)))).is_err());
    }

    #[test]
    fn programs_map_to_the_commands_a_reader_types() {
        let named = |program: &str| Transcript {
            program: program.into(),
            args: "-v".into(),
            output: vec![],
        };
        assert_eq!(named("rua").command_line(), "cargo run -- -v");
        assert_eq!(
            named("ch17-luac").command_line(),
            "cargo run -p ch17 --bin ch17-luac -- -v"
        );
    }

    #[test]
    fn other_snapshots_are_not_transcripts() {
        assert_eq!(
            Transcript::parse("---\nsource: x\n---\nmain <x:0,0>\n"),
            None
        );
    }

    #[test]
    fn directives_take_optional_line_ranges() {
        let parse = |line: &str| Directive::parse(line).unwrap().unwrap();
        assert_eq!(parse("{{#transcript a.snap}}").range, None);
        assert_eq!(
            parse("{{#transcript a.snap:3:7}}").range,
            Some((3, Some(7)))
        );
        assert_eq!(parse("{{#transcript a.snap:3:}}").range, Some((3, None)));
        assert_eq!(parse("{{#transcript a.snap:4}}").range, Some((4, Some(4))));
        assert!(Directive::parse("{{#transcript a.snap:x}}").is_err());
        assert_eq!(Directive::parse("text").unwrap(), None);
    }
}
