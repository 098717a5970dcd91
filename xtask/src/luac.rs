//! `cargo xtask luac`: the reference compiler, for readers with only cargo.

use std::path::{Path, PathBuf};

use oracle::samples::chunk_samples;

use crate::{Result, workspace_root};

pub fn command(args: &[String]) -> Result<()> {
    if args.iter().any(|a| a == "--all") {
        if args.len() != 1 {
            return Err("--all takes no other arguments".into());
        }
        return regenerate_all();
    }
    let mut strip = false;
    let mut output: Option<PathBuf> = None;
    let mut inputs = Vec::new();
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        match arg.as_str() {
            "-s" => strip = true,
            "-o" => output = Some(rest.next().ok_or("'-o' needs argument")?.into()),
            _ if arg.starts_with('-') => return Err(format!("unrecognized option '{arg}'")),
            _ => inputs.push(PathBuf::from(arg)),
        }
    }
    match (inputs.as_slice(), output) {
        ([], _) => Err("usage: cargo xtask luac FILE.lua... [-o OUT] [-s] | --all".into()),
        ([input], Some(output)) => compile(input, &output, strip),
        (_, Some(_)) => Err("'-o' takes one input file".into()),
        (inputs, None) => {
            for input in inputs {
                compile(input, &input.with_extension("luac"), strip)?;
            }
            Ok(())
        }
    }
}

/// Compiles one file, naming the chunk by the path as typed, like `luac`.
fn compile(input: &Path, output: &Path, strip: bool) -> Result<()> {
    let chunk = oracle::compile_file(input, strip)?;
    std::fs::write(output, chunk).map_err(|e| format!("cannot write {}: {e}", output.display()))
}

/// Rewrites every committed sample chunk from its source.
fn regenerate_all() -> Result<()> {
    let root = workspace_root();
    std::env::set_current_dir(&root)
        .map_err(|e| format!("cannot enter {}: {e}", root.display()))?;
    let samples = chunk_samples(Path::new(".")).map_err(|e| format!("cannot list samples: {e}"))?;
    let mut written = 0;
    for sample in &samples {
        let chunk = oracle::compile_file(&sample.source, sample.strip)?;
        if std::fs::read(&sample.chunk).ok().as_deref() != Some(&chunk[..]) {
            std::fs::write(&sample.chunk, chunk)
                .map_err(|e| format!("cannot write {}: {e}", sample.chunk.display()))?;
            println!("wrote {}", sample.chunk.display());
            written += 1;
        }
    }
    println!("{} sample chunks, {written} rewritten", samples.len());
    Ok(())
}
