//! Q0311 `enforcement-without-team`: an enforcement item granted to a township with no
//! enforcement team.
//!
//! ## What it does
//!
//! Reports a `grant` of an enforcement item (on the 行政执法 list, or of power type 行政处罚)
//! that reaches a township with no unit of kind `enforcement-team` (belonging to the township
//! government or seated in the township). A warning: whether a township can receive a power is
//! a judgement; the team is the evidence the rule set can show.
//!
//! ## Why it matters
//!
//! Penalty powers may be granted only to townships that can effectively receive them
//! ("能够有效承接", 行政处罚法 第24条; DOMAIN.md L2): in Zhejiang that means a comprehensive
//! enforcement team (镇队合一).
//!
//! ## Example
//!
//! ```qz
//! township 孔浦街道 class 一般 { unit 综合信息指挥室 kind office }
//! grant 330205-CF-001 to 孔浦街道 since 2023-03-01 basis "江北区赋权目录"
//! ```
//!
//! ## Fix
//!
//! Declare the township's team (`unit 综合行政执法队 kind enforcement-team` inside the township)
//! and route enforcement to it, or narrow the grant to townships that have one.

use super::context::{short_list, Context};
use super::Check;
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::delegation::Mode;
use crate::model::item::{ListKind, PowerType};

pub(super) const CHECK: Check = Check {
    code: "Q0311",
    name: "enforcement-without-team",
    severity: Severity::Warning,
    summary: "an enforcement item granted to a township with no enforcement team",
    source: include_str!("enforcement_without_team.rs"),
};

pub(super) fn run(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (_, d) in cx.delegations() {
        let Some(item) = cx.item(d.item) else {
            continue;
        };
        let enforcement =
            item.list == ListKind::Enforcement || item.power_type == Some(PowerType::Penalty);
        if d.mode != Mode::Grant || !enforcement {
            continue;
        }
        let lacking: Vec<_> = cx
            .covered(&d.target)
            .into_iter()
            .filter(|t| !cx.has_enforcement_team(*t))
            .collect();
        let Some(first) = lacking.first().copied() else {
            continue;
        };
        let names: Vec<String> = lacking
            .iter()
            .map(|t| cx.place_name(*t).to_owned())
            .collect();
        let mut diagnostic = CHECK
            .at(
                format!(
                    "`{}` is granted to `{}`, which has no enforcement team",
                    item.code,
                    cx.place_name(first)
                ),
                d.span,
            )
            .with_label_here(format!("granted to {}", cx.target_words(&d.target)))
            .with_witness(format!("at {}", short_list(&names, 3)))
            .with_help(
                "declare the township's `kind enforcement-team` unit (能够有效承接, 行政处罚法 第24条), or narrow the grant",
            );
        if let Some(place) = cx.rs.place(first) {
            diagnostic = diagnostic.with_label(place.span, "declared here without a team");
        }
        out.push(diagnostic);
    }
}
