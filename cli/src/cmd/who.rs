//! `quanze who PATH --item ID --place P --date D [--part PART]`: who handles this item here, now.

use super::common::{self, refuse, Output};
use quanze_core::{query, view};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The rule-set directory, a .qz file, or a snapshot compiled by `quanze compile` (.qzc)
    pub path: PathBuf,
    /// The item's code, e.g. 330205-CF-001
    #[arg(long)]
    pub item: String,
    /// The place: a township or anything below it (a county answers the holder)
    #[arg(long)]
    pub place: String,
    /// The date, YYYY-MM-DD
    #[arg(long)]
    pub date: String,
    /// A named part of the item, e.g. 没收较大数额财物
    #[arg(long)]
    pub part: Option<String>,
    #[command(flatten)]
    pub output: Output,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let rules = common::load(&args.path)?;
    let date = common::date(&args.date)?;
    let item = rules.lookup_item(&args.item).map_err(refuse)?;
    let place = rules.lookup_place(&args.place).map_err(refuse)?;
    let part = args.part.as_deref();
    let (answer, proof) = if args.output.wants_proof() {
        let (a, p) =
            query::who_handles_part_proved(&rules, item, place, date, part).map_err(refuse)?;
        (a, Some(p))
    } else {
        (
            query::who_handles_part(&rules, item, place, date, part).map_err(refuse)?,
            None,
        )
    };
    let title = format!("who handles {} at {} on {date}", args.item, args.place);
    common::print(
        &rules,
        args.output,
        &title,
        &answer,
        view::who(&rules, &answer),
        proof.as_ref(),
    )
}
