//! `quanze compile PATH -o FILE.qzc`: compile a rule set into a snapshot that every query
//! command (and the Python package) loads without parsing.

use super::common::{self, Refused};
use anyhow::Context;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The rule-set directory or .qz file
    pub path: PathBuf,
    /// Where to write the snapshot (by convention `NAME.qzc`)
    #[arg(short, long)]
    pub output: PathBuf,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let rules = common::load(&args.path)?;
    let bytes = rules
        .to_bytes()
        .map_err(|e| Refused(format!("cannot write a snapshot: {e}")))?;
    std::fs::write(&args.output, &bytes)
        .with_context(|| format!("writing `{}`", args.output.display()))?;
    println!(
        "compiled {} into {} ({} bytes, {})",
        args.path.display(),
        args.output.display(),
        bytes.len(),
        rules.content_hash()
    );
    Ok(ExitCode::SUCCESS)
}
