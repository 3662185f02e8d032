//! `quanze verify PATH ANSWER.json`: check a proof with the independent checker. The file is
//! what a query's `--json` prints: `{"answer": …, "proof": …}`.

use super::common::{self, Refused};
use quanze_core::request::{self, VerifyError};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The rule-set directory or .qz file the proof claims to rest on
    pub path: PathBuf,
    /// A JSON file with the answer and its proof, as `--json` prints them
    pub proof: PathBuf,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let rules = common::load(&args.path)?;
    let text = std::fs::read_to_string(&args.proof)
        .map_err(|e| Refused(format!("cannot read `{}`: {e}", args.proof.display())))?;
    let document: serde_json::Value = serde_json::from_str(&text)
        .map_err(|e| Refused(format!("`{}` is not JSON: {e}", args.proof.display())))?;
    match request::verify(&rules, &document) {
        Ok(steps) => {
            println!(
                "proof holds: {steps} steps against {}",
                rules.content_hash()
            );
            Ok(ExitCode::SUCCESS)
        }
        Err(VerifyError::Refused(error)) => {
            println!("proof refused: {error}");
            Ok(ExitCode::from(1))
        }
        Err(VerifyError::Malformed(message)) => Err(Refused(message).into()),
    }
}
