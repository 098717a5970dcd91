//! `cargo xtask bench [--chapter NN] [--runs N]`: times the programs in
//! `lua-samples/bench/` on a chapter's release build and on the reference
//! Lua 5.3.6 (also a release build), alternating runs in one session, and
//! prints the median times, their ratio per program, and the geometric mean
//! of the ratios. From chapter 17 on, it also times the compiler: our
//! `chNN-luac -p` against the reference's compiler on a generated source of
//! 10,000 lines. Performance claims come from here, never from tests.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use crate::chapters;
use crate::{Result, workspace_root};

pub fn command(args: &[String]) -> Result<()> {
    let root = workspace_root();
    let mut chapter = None;
    let mut runs = 5usize;
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        match arg.as_str() {
            "--chapter" => chapter = Some(crate::chapter_number(rest.next())?),
            "--runs" => {
                runs = rest
                    .next()
                    .and_then(|n| n.parse().ok())
                    .filter(|&n| n > 0)
                    .ok_or("--runs needs a number")?
            }
            _ => {
                return Err(format!(
                    "unknown argument {arg}; usage: cargo xtask bench [--chapter NN] [--runs N]"
                ));
            }
        }
    }
    let chapter = match chapter {
        Some(n) => chapters::find(&root, n)?,
        None => chapters::all(&root)?.pop().ok_or("no chapters")?,
    };
    let package = chapter.package();
    println!("building {package} and the reference in release mode...");
    cargo(
        &root,
        &["build", "--release", "--quiet", "--package", &package],
    )?;
    cargo(
        &root,
        &[
            "build",
            "--release",
            "--quiet",
            "--package",
            "oracle",
            "--bin",
            "reference-lua",
        ],
    )?;
    let ours = root.join("target/release").join(&package);
    let reference = root.join("target/release/reference-lua");

    let programs = bench_programs(&root)?;
    let out_dir = root.join("target/bench");
    std::fs::create_dir_all(&out_dir)
        .map_err(|e| format!("cannot create {}: {e}", out_dir.display()))?;
    println!(
        "{:<14} {:>10} {:>10} {:>7}",
        "program",
        package.as_str(),
        "lua 5.3",
        "ratio"
    );
    let mut log_sum = 0.0;
    let mut measured = 0;
    for source in &programs {
        let name = source
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        // Chapters before the compiler read binary chunks: give both the
        // same chunk, compiled by the reference.
        let chunk = out_dir.join(format!("{name}.luac"));
        let bytes = oracle::compile_file(source, false)?;
        std::fs::write(&chunk, bytes)
            .map_err(|e| format!("cannot write {}: {e}", chunk.display()))?;

        let expected = run_once(&reference, &[chunk.as_os_str()])?;
        let (mut ours_times, mut ref_times) = (Vec::new(), Vec::new());
        let mut failure = None;
        for _ in 0..runs {
            match timed(&ours, &chunk, &expected.0) {
                Ok(t) => ours_times.push(t),
                Err(e) => {
                    failure = Some(e);
                    break;
                }
            }
            ref_times.push(timed(&reference, &chunk, &expected.0)?);
        }
        if let Some(reason) = failure {
            println!(
                "{name:<14} {:>10} {:>10.3} {:>7}   ({reason})",
                "-",
                median(&mut ref_times),
                "-"
            );
            continue;
        }
        let (ours_median, ref_median) = (median(&mut ours_times), median(&mut ref_times));
        let ratio = ours_median / ref_median;
        log_sum += ratio.ln();
        measured += 1;
        println!("{name:<14} {ours_median:>9.3}s {ref_median:>9.3}s {ratio:>6.2}x");
    }
    if measured > 0 {
        println!(
            "geometric mean of the ratios over {measured} programs: {:.2}x",
            (log_sum / measured as f64).exp()
        );
    }
    let luac = root.join("target/release").join(format!("{package}-luac"));
    if luac.exists() {
        bench_compiler(&luac, &reference, &out_dir, runs)?;
    }
    Ok(())
}

/// How many lines the generated source for the compiler's benchmark has.
const COMPILE_LINES: usize = 10_000;

/// Times compiling a generated source of [`COMPILE_LINES`] lines with our
/// `luac -p` and with the reference's `luaL_loadbuffer`, each in a process
/// of its own that reads the file and compiles it, alternating.
fn bench_compiler(luac: &Path, reference: &Path, out_dir: &Path, runs: usize) -> Result<()> {
    let source = out_dir.join("compile.lua");
    std::fs::write(&source, generated_source(COMPILE_LINES))
        .map_err(|e| format!("cannot write {}: {e}", source.display()))?;
    let (mut ours, mut theirs) = (Vec::new(), Vec::new());
    // More runs than for the programs: one compilation takes milliseconds.
    for _ in 0..runs * 4 {
        ours.push(
            run_once(luac, &["-p".as_ref(), source.as_os_str()])?
                .1
                .as_secs_f64(),
        );
        theirs.push(
            run_once(reference, &["-p".as_ref(), source.as_os_str()])?
                .1
                .as_secs_f64(),
        );
    }
    let (ours, theirs) = (median(&mut ours), median(&mut theirs));
    println!(
        "compiling {COMPILE_LINES} lines: {:.1} ms, the reference {:.1} ms, {:.2}x",
        ours * 1000.0,
        theirs * 1000.0,
        ours / theirs
    );
    Ok(())
}

/// A source of `lines` lines that uses most of the grammar: functions with
/// parameters and varargs, locals, tables with every kind of field,
/// arithmetic, comparisons, `and`/`or`, loops of each kind, string
/// constants and method calls. Each function is different, so that every
/// function has constants of its own.
pub fn generated_source(lines: usize) -> String {
    use std::fmt::Write;
    let mut source = String::new();
    let mut i = 0;
    while source.lines().count() < lines {
        let _ = write!(
            source,
            "function f{i}(a, b, ...)\n\
             \x20 local t = {{a, b, x = {i}, [\"k{i}\"] = a * b + {i}.5, ...}}\n\
             \x20 for j = 1, #t do t[j] = (t[j] or 0) + j // 2 - {i} % 7 end\n\
             \x20 if a and b or not t.x then a = a .. \"s{i}\" elseif b ~= nil then b = -b end\n\
             \x20 while a ~= b and #t < {i} do t[#t + 1] = t[#t] << 1 end\n\
             \x20 local s = string.format(\"%d %s\", {i}, tostring(a)):upper()\n\
             \x20 for k, v in pairs(t) do s = s .. k .. v end\n\
             \x20 repeat local n = #s; s = s:sub(2) until n < {i} or s == \"\"\n\
             \x20 return s, t, function(c) return c + a * {i} end\n\
             end\n"
        );
        i += 1;
    }
    source
}

fn bench_programs(root: &Path) -> Result<Vec<PathBuf>> {
    let dir = root.join("lua-samples/bench");
    let mut programs: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map_err(|e| format!("cannot list {}: {e}", dir.display()))?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "lua"))
        .collect();
    programs.sort();
    Ok(programs)
}

fn cargo(root: &Path, args: &[&str]) -> Result<()> {
    let status = Command::new("cargo")
        .args(args)
        .current_dir(root)
        .status()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("cargo {} failed", args.join(" ")))
    }
}

/// One run of `program` with `args`: its output and how long it took. A
/// run that fails is an error, with what the program said.
fn run_once(program: &Path, args: &[&std::ffi::OsStr]) -> Result<(Vec<u8>, Duration)> {
    let start = Instant::now();
    let output = Command::new(program)
        .args(args)
        .output()
        .map_err(|e| format!("cannot run {}: {e}", program.display()))?;
    let elapsed = start.elapsed();
    if !output.status.success() {
        return Err(format!(
            "{} failed: {}",
            program.display(),
            String::from_utf8_lossy(&output.stderr).trim()
        ));
    }
    Ok((output.stdout, elapsed))
}

/// One timed run, which must print what the reference printed.
fn timed(program: &Path, chunk: &Path, expected: &[u8]) -> Result<f64> {
    let (output, elapsed) = run_once(program, &[chunk.as_os_str()])?;
    if output != expected {
        return Err("output differs from the reference".into());
    }
    Ok(elapsed.as_secs_f64())
}

fn median(times: &mut [f64]) -> f64 {
    times.sort_by(f64::total_cmp);
    times.get(times.len() / 2).copied().unwrap_or(f64::NAN)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The generated source is as long as asked, and valid Lua: the
    /// reference compiles it.
    #[test]
    fn the_generated_source_compiles() {
        let source = generated_source(COMPILE_LINES);
        assert!(source.lines().count() >= COMPILE_LINES);
        oracle::compile(source.as_bytes(), "=compile", false).unwrap();
    }
}
