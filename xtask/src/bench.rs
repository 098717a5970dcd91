//! `cargo xtask bench [--chapter NN] [--runs N]`: times the programs in
//! `lua-samples/bench/` on a chapter's release build and on the reference
//! Lua 5.3.6 (also a release build), alternating runs in one session, and
//! prints the median times, their ratio per program, and the geometric mean
//! of the ratios. Performance claims come from here, never from tests.

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

        let expected = run_once(&reference, &chunk)?;
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
    Ok(())
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

/// One run: the output, and whether it succeeded.
fn run_once(program: &Path, chunk: &Path) -> Result<(Vec<u8>, Duration)> {
    let start = Instant::now();
    let output = Command::new(program)
        .arg(chunk)
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
    let (output, elapsed) = run_once(program, chunk)?;
    if output != expected {
        return Err("output differs from the reference".into());
    }
    Ok(elapsed.as_secs_f64())
}

fn median(times: &mut [f64]) -> f64 {
    times.sort_by(f64::total_cmp);
    times.get(times.len() / 2).copied().unwrap_or(f64::NAN)
}
