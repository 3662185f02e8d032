//! `quanze duties PATH --unit U --date D` and `quanze accept PATH --item ID --resident P --date D`.

use super::common::{self, refuse, Output};
use quanze_core::{query, view};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args, Debug)]
pub struct DutiesArgs {
    /// The rule-set directory, a .qz file, or a snapshot compiled by `quanze compile` (.qzc)
    pub path: PathBuf,
    /// The unit whose list to publish, e.g. 慈城镇
    #[arg(long)]
    pub unit: String,
    /// The date, YYYY-MM-DD
    #[arg(long)]
    pub date: String,
    #[command(flatten)]
    pub output: Output,
}

pub fn duties(args: DutiesArgs) -> anyhow::Result<ExitCode> {
    let rules = common::load(&args.path)?;
    let date = common::date(&args.date)?;
    let unit = rules.lookup_unit(&args.unit).map_err(refuse)?;
    let (answer, proof) = if args.output.wants_proof() {
        let (a, p) = query::duties_proved(&rules, unit, date).map_err(refuse)?;
        (a, Some(p))
    } else {
        (query::duties(&rules, unit, date).map_err(refuse)?, None)
    };
    let title = format!("duties of {} on {date}", args.unit);
    common::print(
        &rules,
        args.output,
        &title,
        &answer,
        view::duties(&rules, &answer),
        proof.as_ref(),
    )
}

#[derive(clap::Args, Debug)]
pub struct AcceptArgs {
    /// The rule-set directory, a .qz file, or a snapshot compiled by `quanze compile` (.qzc)
    pub path: PathBuf,
    /// The item's code
    #[arg(long)]
    pub item: String,
    /// Where the resident lives
    #[arg(long)]
    pub resident: String,
    /// The date, YYYY-MM-DD
    #[arg(long)]
    pub date: String,
    #[command(flatten)]
    pub output: Output,
}

pub fn accept(args: AcceptArgs) -> anyhow::Result<ExitCode> {
    let rules = common::load(&args.path)?;
    let date = common::date(&args.date)?;
    let item = rules.lookup_item(&args.item).map_err(refuse)?;
    let place = rules.lookup_place(&args.resident).map_err(refuse)?;
    let (answer, proof) = if args.output.wants_proof() {
        let (a, p) = query::accept_points_proved(&rules, item, place, date).map_err(refuse)?;
        (a, Some(p))
    } else {
        (
            query::accept_points(&rules, item, place, date).map_err(refuse)?,
            None,
        )
    };
    let title = format!(
        "where a resident of {} hands in {} on {date}",
        args.resident, args.item
    );
    common::print(
        &rules,
        args.output,
        &title,
        &answer,
        view::accept(&rules, &answer),
        proof.as_ref(),
    )
}
