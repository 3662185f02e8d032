//! Q0401 `territorial-primary-township`: the main responsibility of a territorial item laid on a
//! township.
//!
//! ## What it does
//!
//! Reports a territorial item whose `primary` unit is a township government or a unit at or
//! below it (an office, an enforcement team, a village committee, a grid post).
//!
//! ## Why it matters
//!
//! 权责对等: a township never holds the main responsibility (enforce, approve, dispose) of an
//! item whose power it does not hold (DOMAIN.md L10). Territorial items cannot be delegated, so
//! a township never holds their power; it carries cooperation duties only.
//!
//! ## Example
//!
//! ```qz
//! territorial 330205-SD-031 "建筑垃圾乱倒的日常巡查发现和劝阻" {
//!   primary 甬江街道   township [发现, 劝阻, 报告]
//! }
//! ```
//!
//! ## Fix
//!
//! Name the department that holds the power as `primary` and keep the township's part in the
//! `township [...]` clause. If the township really exercises the power, declare a power item
//! and grant it with a basis decision.

use super::context::Context;
use super::Check;
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::unit::UnitKind;

pub(super) const CHECK: Check = Check {
    code: "Q0401",
    name: "territorial-primary-township",
    severity: Severity::Error,
    summary:
        "the main responsibility of a territorial item laid on a township that lacks the power",
    source: include_str!("territorial_primary.rs"),
};

pub(super) fn run(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for item in &cx.rs.decls().items {
        let Some(t) = &item.territorial else { continue };
        let Some(unit) = cx.rs.unit(t.primary) else {
            continue;
        };
        let township_level = matches!(
            unit.kind,
            UnitKind::TownshipGovernment
                | UnitKind::Office
                | UnitKind::EnforcementTeam
                | UnitKind::VillageCommittee
                | UnitKind::GridPost
        );
        if !township_level {
            continue;
        }
        out.push(
            CHECK
                .at(
                    format!(
                        "the main responsibility of `{}` is laid on `{}`, which does not hold its power",
                        item.code, unit.path
                    ),
                    t.primary_span,
                )
                .with_label_here(format!("the main responsibility of `{}`", item.code))
                .with_label(unit.span, format!("`{}` is a {}", unit.name, unit.kind.english()))
                .with_witness(format!("primary `{}`", unit.path))
                .with_help(
                    "权责对等: name the department holding the power as `primary`; the township's part goes in `township [...]`",
                ),
        );
    }
}
