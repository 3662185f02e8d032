//! `quanze test PATH`: runs the rule set's `test` blocks and prints one line per expectation,
//! then `N passed, N failed`. A failure names its place as `file:line:column`: the name that did
//! not resolve, or the expectation. Exit status 1 when any expectation failed.

use super::common;
use quanze_core::testing::{run_tests, Verdict};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// A rule-set directory (every .qz file under it) or one .qz file
    pub path: PathBuf,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let rules = common::load(&args.path)?;
    let results = run_tests(&rules);
    let mut failed = 0usize;
    for r in &results {
        // Where the failure is: the name that did not resolve, or the expectation.
        let at = rules.sources().locate(r.at).map_or_else(String::new, |l| {
            format!("{}:{}:{}", l.file, l.line, l.column)
        });
        match &r.verdict {
            Verdict::Passed => println!("ok      {}: {}", r.test, r.expectation),
            Verdict::Failed { expected, actual } => {
                failed += 1;
                println!(
                    "FAILED  {}: {} ({at}): expected {expected}, got {actual}",
                    r.test, r.expectation
                );
            }
        }
    }
    println!("{} passed, {failed} failed", results.len() - failed);
    Ok(if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
