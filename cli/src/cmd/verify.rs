//! `quanze verify PATH ANSWER.json`: check a proof with the independent checker. The file is
//! what a query's `--json` prints: `{"answer": …, "proof": …}`.

use super::common::{self, Refused};
use quanze_core::answer::*;
use quanze_core::checker;
use quanze_core::proof::{Proof, Query};
use serde::de::DeserializeOwned;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The rule-set directory or .qz file the proof claims to rest on
    pub path: PathBuf,
    /// A JSON file with the answer and its proof, as `--json` prints them
    pub proof: PathBuf,
}

fn answer<A: DeserializeOwned>(value: &serde_json::Value) -> anyhow::Result<A> {
    serde_json::from_value(value.clone())
        .map_err(|e| Refused(format!("the answer does not fit the proof's query: {e}")).into())
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let rules = common::load(&args.path)?;
    let text = std::fs::read_to_string(&args.proof)
        .map_err(|e| Refused(format!("cannot read `{}`: {e}", args.proof.display())))?;
    let document: serde_json::Value = serde_json::from_str(&text)
        .map_err(|e| Refused(format!("`{}` is not JSON: {e}", args.proof.display())))?;
    let proof_value = document
        .get("proof")
        .ok_or_else(|| Refused("the file has no `proof`".to_owned()))?;
    let proof: Proof = serde_json::from_value(proof_value.clone())
        .map_err(|e| Refused(format!("the proof is malformed: {e}")))?;
    let answer_value = document
        .get("answer")
        .ok_or_else(|| Refused("the file has no `answer`".to_owned()))?;
    let verdict = match &proof.receipt.query {
        Query::WhoHandles { .. } => {
            checker::check(&rules, &answer::<WhoAnswer>(answer_value)?, &proof)
        }
        Query::Can { .. } => checker::check(&rules, &answer::<CanAnswer>(answer_value)?, &proof),
        Query::WhyNot { .. } => {
            checker::check(&rules, &answer::<WhyNotAnswer>(answer_value)?, &proof)
        }
        Query::Scenario { .. } => {
            checker::check(&rules, &answer::<ScenarioAnswer>(answer_value)?, &proof)
        }
        Query::Escalate { .. } => {
            checker::check(&rules, &answer::<EscalationAnswer>(answer_value)?, &proof)
        }
        Query::Duties { .. } => {
            checker::check(&rules, &answer::<DutiesAnswer>(answer_value)?, &proof)
        }
        Query::AcceptPoints { .. } => {
            checker::check(&rules, &answer::<AcceptAnswer>(answer_value)?, &proof)
        }
    };
    match verdict {
        Ok(()) => {
            println!(
                "proof holds: {} steps against {}",
                proof.steps.len(),
                rules.content_hash()
            );
            Ok(ExitCode::SUCCESS)
        }
        Err(error) => {
            println!("proof refused: {error}");
            Ok(ExitCode::from(1))
        }
    }
}
