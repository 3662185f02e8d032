//! Q0309 `target-outside-county`: a delegation to a township or county outside the delegating
//! unit's county.
//!
//! ## What it does
//!
//! Reports a delegation whose target (a township, a county, or a class of townships in a
//! county) does not lie within the county of the delegating unit (or, for a unit seated above
//! county level, within its seat).
//!
//! ## Why it matters
//!
//! A county department's powers stop at its county's border; it cannot hand their exercise to
//! a township of another county (行政处罚法 第22条: jurisdiction follows the place of the act).
//!
//! ## Example
//!
//! ```qz
//! region 宁波市 city {
//!   region 江北区 county { department 综合行政执法局 }
//!   region 鄞州区 county { township 姜山镇 class 特大 }
//! }
//! grant 330205-CF-001 to 姜山镇 since 2023-03-01 basis "江北区赋权目录"
//! ```
//!
//! ## Fix
//!
//! Delegate from the department of the township's own county, or correct the target.

use super::context::Context;
use super::Check;
use crate::diagnostic::{Diagnostic, Severity};

pub(super) const CHECK: Check = Check {
    code: "Q0309",
    name: "target-outside-county",
    severity: Severity::Error,
    summary: "a delegation to a place outside the delegating unit's county",
    source: include_str!("target_outside_county.rs"),
};

pub(super) fn run(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (_, d) in cx.delegations() {
        let Some(from) = cx.rs.unit(d.from) else {
            continue;
        };
        let region = cx.county_of(from.seat).unwrap_or(from.seat);
        let target = Context::target_place(&d.target);
        if cx.within(target, region) {
            continue;
        }
        out.push(
            CHECK
                .at(
                    format!(
                        "`{}` lies outside `{}`, where `{}` sits",
                        cx.place_path(target),
                        cx.place_path(region),
                        cx.unit_path(d.from)
                    ),
                    d.span,
                )
                .with_label_here(format!("delegated to {}", cx.target_words(&d.target)))
                .with_label(from.span, format!("`{}` is a unit of `{}`", from.name, cx.place_name(region)))
                .with_witness(format!("target `{}`", cx.place_path(target)))
                .with_help(
                    "delegate from the department of the target's own county, or correct the target",
                ),
        );
    }
}
