//! `quanze can` and `quanze why-not`: may this unit exercise this item here, now, and if not,
//! why not.

use super::common::{self, refuse, Output};
use quanze_core::{query, view};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The rule-set directory, a .qz file, or a snapshot compiled by `quanze compile` (.qzc)
    pub path: PathBuf,
    /// The unit, e.g. 综合行政执法局 or 江北区/综合行政执法局
    #[arg(long)]
    pub unit: String,
    /// The item's code
    #[arg(long)]
    pub item: String,
    /// The place
    #[arg(long)]
    pub place: String,
    /// The date, YYYY-MM-DD
    #[arg(long)]
    pub date: String,
    #[command(flatten)]
    pub output: Output,
}

pub fn run(args: Args, explain: bool) -> anyhow::Result<ExitCode> {
    let rules = common::load(&args.path)?;
    let date = common::date(&args.date)?;
    let unit = rules.lookup_unit(&args.unit).map_err(refuse)?;
    let item = rules.lookup_item(&args.item).map_err(refuse)?;
    let place = rules.lookup_place(&args.place).map_err(refuse)?;
    let proved = args.output.wants_proof();
    if explain {
        let title = format!(
            "why not {} for {} at {} on {date}",
            args.unit, args.item, args.place
        );
        let (answer, proof) = if proved {
            let (a, p) = query::why_not_proved(&rules, unit, item, place, date).map_err(refuse)?;
            (a, Some(p))
        } else {
            (
                query::why_not(&rules, unit, item, place, date).map_err(refuse)?,
                None,
            )
        };
        return common::print(
            &rules,
            args.output,
            &title,
            &answer,
            view::why_not(&rules, &answer),
            proof.as_ref(),
        );
    }
    let title = format!(
        "can {} exercise {} at {} on {date}",
        args.unit, args.item, args.place
    );
    let (answer, proof) = if proved {
        let (a, p) = query::can_proved(&rules, unit, item, place, date).map_err(refuse)?;
        (a, Some(p))
    } else {
        (
            query::can(&rules, unit, item, place, date).map_err(refuse)?,
            None,
        )
    };
    common::print(
        &rules,
        args.output,
        &title,
        &answer,
        view::can(&rules, &answer),
        proof.as_ref(),
    )
}
