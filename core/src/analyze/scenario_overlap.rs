//! Q0502 `scenario-overlap`: two scenarios of a topic both apply to some combination of facts,
//! and no `overrides` settles it.
//!
//! ## What it does
//!
//! For each pair of scenarios of a topic, looks for a combination of fact values on which both
//! stay selected: both match and neither is removed by a matching scenario that `overrides`
//! it. Each overlapping pair is reported once, with the region and a witness combination.
//! Several `otherwise` scenarios overlap wherever no other scenario is selected. An overlap
//! that an `overrides` declaration settles is not a finding. The analysis is exact and never
//! enumerates the product of the domains.
//!
//! ## Why it matters
//!
//! Real lists overlap on purpose (a road along a river), but an unsettled overlap leaves two
//! departments, or none, in charge. The `scenario` query answers `ambiguous` with both and the
//! county that must designate one (行政处罚法 第25条; DOMAIN.md L9), even when the leads agree.
//!
//! ## Example
//!
//! ```qz
//! scenario CW-07 "道路偷倒" on 建筑垃圾 { when 地点 in [城市道路, 公路]  lead 综合行政执法局 }
//! scenario CW-08 "公路倾倒" on 建筑垃圾 { when 地点 == 公路  lead 交通运输局 }
//! ```
//!
//! ## Fix
//!
//! Narrow one condition (`地点 == 城市道路`), or declare the exception explicitly:
//! `scenario CW-08 … overrides CW-07`.

use super::context::Context;
use super::coverage::{combination, describe, Outcome, TopicCoverage};
use super::Check;
use crate::diagnostic::{Diagnostic, Severity};
use crate::ids::{ScenarioId, TopicId};
use crate::model::scenario::Role;

pub(super) const CHECK: Check = Check {
    code: "Q0502",
    name: "scenario-overlap",
    severity: Severity::Error,
    summary: "two scenarios apply to the same facts and no `overrides` settles it",
    source: include_str!("scenario_overlap.rs"),
};

fn lead_words(cx: &Context<'_>, s: ScenarioId) -> String {
    match cx.rs.scenario(s).and_then(|s| s.lead.as_ref()) {
        Some(Role::Named(name)) => format!("`{name}`"),
        Some(Role::HandlerOf(item)) => format!("the handler of `{}`", cx.code(*item)),
        Some(Role::Level(level)) => format!("the {}", level.english()),
        Some(Role::Lead) | None => "no lead".to_owned(),
    }
}

fn report(
    cx: &Context<'_>,
    a: ScenarioId,
    b: ScenarioId,
    region: String,
    witness: String,
) -> Option<Diagnostic> {
    let (sa, sb) = (cx.rs.scenario(a)?, cx.rs.scenario(b)?);
    let (la, lb) = (lead_words(cx, a), lead_words(cx, b));
    let leads = if sa.lead == sb.lead {
        format!("both led by {la}")
    } else {
        format!("led by {la} and {lb}")
    };
    Some(
        CHECK
            .at(
                format!("scenarios `{}` and `{}` both apply to {region} ({leads})", sa.id, sb.id),
                sb.span,
            )
            .with_label_here(format!("`{}` applies here", sb.id))
            .with_label(sa.span, format!("and so does `{}`", sa.id))
            .with_witness(witness)
            .with_help(format!(
                "narrow one condition, or declare the exception: `scenario {} … overrides {}`; until then a query answers both and names the county to designate one",
                sb.id, sa.id
            )),
    )
}

pub(super) fn run(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for index in 0..cx.rs.decls().topics.len() {
        let Some(mut cov) = TopicCoverage::new(cx.rs, TopicId::from_index(index)) else {
            continue;
        };
        let topic = cov.topic;
        let mut undecided = false;
        let conditioned = cov.conditioned.clone();
        for (i, a) in conditioned.iter().enumerate() {
            for (j, b) in conditioned.iter().enumerate().skip(i + 1) {
                match cov.overlap(i, j) {
                    Outcome::Found(cube) => {
                        let region = describe(&cov.space, topic, &cube);
                        let witness = combination(topic, &cov.space.witness(&cube));
                        out.extend(report(cx, *a, *b, region, witness));
                    }
                    Outcome::None => {}
                    Outcome::Undecided => undecided = true,
                }
            }
        }
        if cov.otherwise.len() > 1 {
            let found = cov.unselected(1);
            undecided |= found.undecided;
            if let Some(cube) = found.cubes.first() {
                let region = describe(&cov.space, topic, cube);
                let witness = combination(topic, &cov.space.witness(cube));
                let otherwise = cov.otherwise.clone();
                for (i, a) in otherwise.iter().enumerate() {
                    for b in otherwise.iter().skip(i + 1) {
                        out.extend(report(cx, *a, *b, region.clone(), witness.clone()));
                    }
                }
            }
        }
        if undecided {
            out.push(Diagnostic {
                severity: Severity::Note,
                ..CHECK
                    .at(
                        format!(
                            "overlaps between scenarios of `{}` could not all be decided within the step budget",
                            topic.name
                        ),
                        topic.span,
                    )
                    .with_help("simplify the conditions; the findings above may be incomplete")
            });
        }
    }
}
