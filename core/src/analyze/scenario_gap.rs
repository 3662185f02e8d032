//! Q0501 `scenario-gap`: combinations of a topic's facts that no scenario covers.
//!
//! ## What it does
//!
//! For each topic without an `otherwise` scenario, looks for combinations of fact values on
//! which no scenario is selected (none matches, or every match is overridden). Each gap is
//! reported as a region ("环节=运输, 地点 in [公路, 水路]", other facts free) with a concrete
//! witness combination, the number of combinations it holds and the number uncovered in all;
//! up to eight regions per topic.
//! The analysis is exact and never enumerates the product of the domains (see
//! `coverage/mod.rs`).
//!
//! ## Why it matters
//!
//! A case that matches no scenario has no lead department: "看得见的管不着". The `scenario`
//! query answers `no-match` there, and the hotline ticket stalls.
//!
//! ## Example
//!
//! ```qz
//! topic 建筑垃圾 { fact 环节: 产生 | 运输 | 消纳 }
//! scenario CW-01 "工地" on 建筑垃圾 { when 环节 == 产生  lead 住房和城乡建设局 }
//! scenario CW-02 "运输" on 建筑垃圾 { when 环节 == 运输  lead 综合行政执法局 }
//! ```
//!
//! Here `环节=消纳` is a gap.
//!
//! ## Fix
//!
//! Add a scenario for the region, widen a condition, or add a catch-all
//! `scenario … otherwise { lead … }`.

use super::context::Context;
use super::coverage::{combination, describe, TopicCoverage};
use super::Check;
use crate::diagnostic::{Diagnostic, Severity};
use crate::ids::TopicId;

pub(super) const CHECK: Check = Check {
    code: "Q0501",
    name: "scenario-gap",
    severity: Severity::Warning,
    summary: "combinations of a topic's facts that no scenario covers",
    source: include_str!("scenario_gap.rs"),
};

/// Gap regions reported per topic.
const MAX_GAPS: usize = 8;

pub(super) fn run(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for index in 0..cx.rs.decls().topics.len() {
        let Some(mut cov) = TopicCoverage::new(cx.rs, TopicId::from_index(index)) else {
            continue;
        };
        if !cov.otherwise.is_empty() {
            continue;
        }
        let topic = cov.topic;
        let found = cov.unselected(MAX_GAPS);
        let count = found.cubes.len();
        for (i, cube) in found.cubes.iter().enumerate() {
            let size = cov.space.size(topic, cube);
            let more = if found.more && i + 1 == count {
                "; more gaps follow once these are fixed"
            } else {
                ""
            };
            out.push(
                CHECK
                    .at(
                        format!(
                            "no scenario of `{}` covers {} ({size} combination{})",
                            topic.name,
                            describe(&cov.space, topic, cube),
                            if size == 1 { "" } else { "s" }
                        ),
                        topic.span,
                    )
                    .with_label_here("the facts of this topic")
                    .with_witness(format!(
                        "{} ({} uncovered combination{} in all)",
                        combination(topic, &cov.space.witness(cube)),
                        found.count,
                        if found.count == 1 { "" } else { "s" }
                    ))
                    .with_help(format!(
                        "add a scenario for these facts, widen a condition, or add a catch-all `otherwise` scenario{more}"
                    )),
            );
        }
        if found.undecided {
            out.push(Diagnostic {
                severity: Severity::Note,
                ..CHECK
                    .at(
                        format!(
                            "the coverage of `{}` could not be decided within the step budget",
                            topic.name
                        ),
                        topic.span,
                    )
                    .with_help("simplify the conditions; the findings above may be incomplete")
            });
        }
    }
}
