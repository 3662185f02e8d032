//! `quanze scenario PATH --topic T --place P --fact k=v … --date D`: which collaborative
//! scenario applies, with its lead, collaborators, township duties and workflow.

use super::common::{self, refuse, Output};
use quanze_core::{query, view};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The rule-set directory, a .qz file, or a snapshot compiled by `quanze compile` (.qzc)
    pub path: PathBuf,
    /// The topic, e.g. 建筑垃圾
    #[arg(long)]
    pub topic: String,
    /// The place where it happens
    #[arg(long)]
    pub place: String,
    /// A fact as NAME=VALUE, e.g. 环节=运输 (repeat for each fact)
    #[arg(long = "fact")]
    pub facts: Vec<String>,
    /// The date, YYYY-MM-DD
    #[arg(long)]
    pub date: String,
    #[command(flatten)]
    pub output: Output,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let rules = common::load(&args.path)?;
    let date = common::date(&args.date)?;
    let topic = rules.lookup_topic(&args.topic).map_err(refuse)?;
    let place = rules.lookup_place(&args.place).map_err(refuse)?;
    let facts = common::facts(&args.facts)?;
    let (answer, proof) = if args.output.wants_proof() {
        let (a, p) = query::scenario_proved(&rules, topic, place, &facts, date).map_err(refuse)?;
        (a, Some(p))
    } else {
        (
            query::scenario(&rules, topic, place, &facts, date).map_err(refuse)?,
            None,
        )
    };
    let title = format!("scenario of {} at {} on {date}", args.topic, args.place);
    common::print(
        &rules,
        args.output,
        &title,
        &answer,
        view::scenario(&rules, &answer),
        proof.as_ref(),
    )
}
