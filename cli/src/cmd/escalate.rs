//! `quanze escalate PATH --place P --severity S [--item ID | --topic T --fact k=v …] --date D`:
//! the ladder from the grid up to the unit that closes a matter of this severity; above the
//! township, the department responsible (吹哨报到).

use super::common::{self, refuse, Output};
use quanze_core::proof::Subject;
use quanze_core::{query, view};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The rule-set directory, a .qz file, or a snapshot compiled by `quanze compile` (.qzc)
    pub path: PathBuf,
    /// Where the matter arises
    #[arg(long)]
    pub place: String,
    /// The severity level, e.g. 微, 小, 一般, 重大
    #[arg(long)]
    pub severity: String,
    /// The item concerned (names the responsible department)
    #[arg(long, conflicts_with = "topic")]
    pub item: Option<String>,
    /// The scenario topic concerned (its facts select the lead department)
    #[arg(long)]
    pub topic: Option<String>,
    /// A fact of the topic's case as NAME=VALUE, e.g. 环节=运输 (repeat for each fact)
    #[arg(long = "fact", requires = "topic")]
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
    let facts = common::facts(&args.facts)?;
    let place = rules.lookup_place(&args.place).map_err(refuse)?;
    let subject = match (&args.item, &args.topic) {
        (Some(item), _) => Some(Subject::Item(rules.lookup_item(item).map_err(refuse)?)),
        (None, Some(topic)) => Some(Subject::Topic(rules.lookup_topic(topic).map_err(refuse)?)),
        (None, None) => None,
    };
    let (answer, proof) = if args.output.wants_proof() {
        let (a, p) = query::escalate_proved(&rules, place, &args.severity, subject, &facts, date)
            .map_err(refuse)?;
        (a, Some(p))
    } else {
        (
            query::escalate(&rules, place, &args.severity, subject, &facts, date)
                .map_err(refuse)?,
            None,
        )
    };
    let title = format!(
        "escalation of a {} matter at {} on {date}",
        args.severity, args.place
    );
    common::print(
        &rules,
        args.output,
        &title,
        &answer,
        view::escalate(&rules, &answer),
        proof.as_ref(),
    )
}
