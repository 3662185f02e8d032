//! Q0701 `ladder-missing-level`: an escalation ladder that points at a level it does not have.
//!
//! ## What it does
//!
//! Reports, in each `ladder`:
//! - a `next` naming a severity the ladder does not declare;
//! - a level closed at `grid`, `village` or `township` when no place of that level lies under
//!   the ladder's region;
//! - a level closed by a named unit that no declaration has.
//!
//! ## Why it matters
//!
//! "微事不出格、小事不出村、大事不出乡": each severity must reach a level that exists and can
//! close it, and what a level cannot close must go somewhere. Otherwise `escalate` stops with
//! nobody to close the matter.
//!
//! ## Example
//!
//! ```qz
//! ladder 江北区分级处置 at 江北区 {
//!   level 小   closes village   within 3d  next 一般
//!   level 大   closes township  within 7d
//! }
//! ```
//!
//! `next 一般` names no level of the ladder.
//!
//! ## Fix
//!
//! Declare the missing level, correct the `next` name, or close the level where a place or
//! unit exists.

use super::context::Context;
use super::Check;
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::jurisdiction::PlaceLevel;
use crate::model::ladder::CloseAt;
use crate::names::Resolution;

pub(super) const CHECK: Check = Check {
    code: "Q0701",
    name: "ladder-missing-level",
    severity: Severity::Error,
    summary: "an escalation ladder whose `next` or closing level does not exist",
    source: include_str!("ladder_missing_level.rs"),
};

pub(super) fn run(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let places = &cx.rs.decls().places;
    for ladder in &cx.rs.decls().ladders {
        let severities: Vec<&str> = ladder.levels.iter().map(|l| l.severity.as_str()).collect();
        for level in &ladder.levels {
            if let Some(next) = &level.next {
                if !severities.contains(&next.as_str()) {
                    out.push(
                        CHECK
                            .at(
                                format!("`next {next}` names no level of ladder `{}`", ladder.name),
                                level.span,
                            )
                            .with_label_here(format!("level `{}`", level.severity))
                            .with_label(
                                ladder.span,
                                format!("its levels: {}", severities.join(", ")),
                            )
                            .with_witness(format!("{} → {next}", level.severity))
                            .with_help(format!(
                                "declare `level {next} …` in the ladder, or name one of {}",
                                severities.join(", ")
                            )),
                    );
                }
            }
            let needed = match &level.closes {
                CloseAt::Grid => Some(PlaceLevel::Grid),
                CloseAt::Village => Some(PlaceLevel::Village),
                CloseAt::Township => Some(PlaceLevel::Township),
                CloseAt::Department => None,
                CloseAt::Unit(name) => {
                    if matches!(
                        cx.rs.resolve_unit(name, Some(ladder.region)),
                        Resolution::NotFound { .. }
                    ) {
                        out.push(
                            CHECK
                                .at(
                                    format!(
                                        "level `{}` closes at `{name}`, which is not a unit",
                                        level.severity
                                    ),
                                    level.span,
                                )
                                .with_label_here("closed here")
                                .with_witness(format!("{} closes at {name}", level.severity))
                                .with_help("declare the unit, or correct its name"),
                        );
                    }
                    None
                }
            };
            let Some(needed) = needed else { continue };
            let exists = places.iter().enumerate().any(|(i, p)| {
                p.level == needed && cx.within(crate::ids::PlaceId::from_index(i), ladder.region)
            });
            if !exists {
                out.push(
                    CHECK
                        .at(
                            format!(
                                "level `{}` closes at the {} level, but `{}` has no {}",
                                level.severity,
                                needed.english(),
                                cx.place_name(ladder.region),
                                needed.english()
                            ),
                            level.span,
                        )
                        .with_label_here("closed here")
                        .with_witness(format!("{} closes at {}", level.severity, needed.english()))
                        .with_help(format!(
                            "declare the {} places under `{}`, or close the level elsewhere",
                            needed.english(),
                            cx.place_name(ladder.region)
                        )),
                );
            }
        }
    }
}
