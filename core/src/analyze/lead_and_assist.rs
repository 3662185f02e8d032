//! Q0505 `lead-and-collaborator`: a unit that both leads and assists one scenario.
//!
//! ## What it does
//!
//! For each scenario, compares its lead with each collaborator: the same role written twice
//! (the same name, the same `handler ITEM`, the same level), or two names that resolve to one
//! unit from some county where the topic is asked. Reported once per scenario and unit, with a
//! county as the witness.
//!
//! ## Why it matters
//!
//! 牵头 and 协同 are different responsibilities: the lead answers for the case and the
//! collaborators for their part of it. One unit in both roles hides who else should assist
//! and usually comes from copying a row of the list. `duties` lists both roles for that unit,
//! so the published 履职清单 shows the doubling too.
//!
//! ## Example
//!
//! ```qz
//! scenario CW-02 "运输" on 建筑垃圾 {
//!   when 环节 == 运输  lead 综合行政执法局  assist 综合行政执法局, 公安江北分局
//! }
//! ```
//!
//! ## Fix
//!
//! Remove the lead from the collaborators, or name the unit that really assists.

use super::context::Context;
use super::Check;
use crate::diagnostic::{Diagnostic, Severity};
use crate::ids::{PlaceId, UnitId};
use crate::model::scenario::Role;
use crate::names::Resolution;

pub(super) const CHECK: Check = Check {
    code: "Q0505",
    name: "lead-and-collaborator",
    severity: Severity::Warning,
    summary: "a unit that both leads and assists one scenario",
    source: include_str!("lead_and_assist.rs"),
};

/// The unit a named role resolves to from a place, if exactly one.
fn unit_of(cx: &Context<'_>, role: &Role, place: PlaceId) -> Option<UnitId> {
    match role {
        Role::Named(name) => match cx.rs.resolve_unit(name, Some(place)) {
            Resolution::Found(u) => Some(u),
            Resolution::Ambiguous(_) | Resolution::NotFound { .. } => None,
        },
        Role::HandlerOf(_) | Role::Level(_) | Role::Lead => None,
    }
}

pub(super) fn run(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for s in &cx.rs.decls().scenarios {
        let Some(lead) = &s.lead else { continue };
        let mut reported: Vec<String> = Vec::new();
        for assist in &s.assist {
            let witness = if assist == lead {
                Some(String::new())
            } else {
                cx.counties.iter().find_map(|county| {
                    let (a, l) = (unit_of(cx, assist, *county), unit_of(cx, lead, *county));
                    (a.is_some() && a == l).then(|| format!("in `{}`", cx.place_name(*county)))
                })
            };
            let Some(witness) = witness else { continue };
            let words = crate::plain::role(cx.rs, assist);
            if reported.contains(&words) {
                continue;
            }
            let mut diagnostic = CHECK
                .at(
                    format!(
                        "{words} both leads and assists scenario `{}` \"{}\"",
                        s.id, s.name
                    ),
                    s.span,
                )
                .with_help(
                    "remove the lead from the collaborators, or name the unit that really assists",
                );
            if !witness.is_empty() {
                diagnostic = diagnostic.with_witness(witness);
            }
            out.push(diagnostic);
            reported.push(words);
        }
    }
}
