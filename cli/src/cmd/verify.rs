//! `quanze verify PATH ANSWER.json [--json]`: check a document as a query's `--json` prints it,
//! `{"answer": …, "named": …, "proof": …}`: the proof with the independent checker, then
//! `named` against the view of the verified answer (`quanze_core::verify`). The receipt's
//! engine version is reported as informational, never checked.

use super::common::{self, Refused};
use quanze_core::verify;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The rule-set directory or .qz file the proof claims to rest on
    pub path: PathBuf,
    /// A JSON file with the answer, its named view and its proof, as `--json` prints them
    pub proof: PathBuf,
    /// Print the verdict as JSON: `holds`, `steps` or `reason`, `named`, `engine`
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let rules = common::load(&args.path)?;
    let text = std::fs::read_to_string(&args.proof)
        .map_err(|e| Refused(format!("cannot read `{}`: {e}", args.proof.display())))?;
    let document: serde_json::Value = serde_json::from_str(&text)
        .map_err(|e| Refused(format!("`{}` is not JSON: {e}", args.proof.display())))?;
    let verdict = verify::verdict(&rules, &document).map_err(Refused)?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&verdict)?);
    } else {
        print!("{}", verdict.to_text());
    }
    Ok(if verdict.holds {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
