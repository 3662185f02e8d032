//! Q0402 `duty-not-approved`: a cooperation duty laid on a township that is not on its approved
//! list.
//!
//! ## What it does
//!
//! Collects the approved duties of each township: every `approved-duties [...]` list declared
//! at the township or one of its ancestor regions (a city list and a county's additions both
//! count). Then checks the township duties of every territorial item (for the townships where
//! the item applies) and of every scenario (for every township: a scenario list serves every
//! county). A duty missing from the approved lists of a township is reported once per item or
//! scenario, with the townships as the witness. Townships with no approved list are not checked.
//!
//! ## Why it matters
//!
//! 职责准入: a duty may be laid on a township only through the approved list ("清单之外无事项";
//! 莲都, 临县; DOMAIN.md L10).
//!
//! ## Example
//!
//! ```qz
//! region 宁波市 city { approved-duties [发现, 劝阻, 报告] … }
//! territorial 330205-SD-032 "河道内倾倒渣土泥浆的发现报告" {
//!   primary 水利局   township [发现, 报告, 清淤]
//! }
//! ```
//!
//! ## Fix
//!
//! Drop the duty, or have it approved and add it to the region's `approved-duties` list.

use super::context::{short_list, Context};
use super::Check;
use crate::diagnostic::{Diagnostic, Severity};
use crate::ids::PlaceId;
use crate::model::item::Holder;
use crate::model::org::OrgRule;
use crate::span::Span;
use std::collections::BTreeMap;

pub(super) const CHECK: Check = Check {
    code: "Q0402",
    name: "duty-not-approved",
    severity: Severity::Error,
    summary: "a township cooperation duty that is not on the township's approved list",
    source: include_str!("duty_not_approved.rs"),
};

/// Per township: the approved lists that apply there, as (rule span, duties).
type Approved<'a> = BTreeMap<PlaceId, Vec<(Span, &'a [String])>>;

fn approved<'a>(cx: &Context<'a>) -> Approved<'a> {
    let mut out = Approved::new();
    for rule in &cx.rs.decls().org_rules {
        let OrgRule::ApprovedDuties {
            region,
            duties,
            span,
        } = rule
        else {
            continue;
        };
        for t in townships_in(cx, Some(*region)) {
            out.entry(t).or_default().push((*span, duties.as_slice()));
        }
    }
    out
}

/// The townships inside a region (the region's own township when it lies at or below one);
/// every township for `None`.
fn townships_in(cx: &Context<'_>, region: Option<PlaceId>) -> Vec<PlaceId> {
    match region {
        None => cx.townships.clone(),
        Some(r) => match cx.township_of(r) {
            Some(t) => vec![t],
            None => cx.rs.index().townships_under(r).to_vec(),
        },
    }
}

/// Checks `duties` against the approved lists of `townships`; `span_of(i)` is where the `i`-th
/// duty is written.
fn check(
    cx: &Context<'_>,
    approved: &Approved<'_>,
    what: &str,
    span_of: impl Fn(usize) -> Span,
    duties: &[String],
    townships: &[PlaceId],
    out: &mut Vec<Diagnostic>,
) {
    for (i, duty) in duties.iter().enumerate() {
        let mut missing: Vec<String> = Vec::new();
        let mut rule_span = None;
        for t in townships {
            let Some(lists) = approved.get(t) else {
                continue;
            };
            let Some((first_span, _)) = lists.first() else {
                continue;
            };
            if !lists.iter().any(|(_, ds)| ds.contains(duty)) {
                missing.push(cx.place_name(*t).to_owned());
                rule_span.get_or_insert(*first_span);
            }
        }
        let (Some(first), Some(rule_span)) = (missing.first(), rule_span) else {
            continue;
        };
        out.push(
            CHECK
                .at(
                    format!("{what} lays `{duty}` on `{first}`, but `{duty}` is not on its approved list"),
                    span_of(i),
                )
                .with_label_here(format!("lays `{duty}` on the township"))
                .with_label(rule_span, "the approved duties")
                .with_witness(format!("`{duty}` at {}", short_list(&missing, 3)))
                .with_help(format!(
                    "职责准入: drop `{duty}`, or have it approved and add it to `approved-duties`"
                )),
        );
    }
}

pub(super) fn run(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let decls = cx.rs.decls();
    let any_list = decls
        .org_rules
        .iter()
        .any(|r| matches!(r, OrgRule::ApprovedDuties { .. }));
    if !any_list {
        return;
    }
    let approved = approved(cx);
    for item in &decls.items {
        let Some(t) = &item.territorial else { continue };
        // The item applies where its holder sits (or in the region it was declared in).
        let scope = match item.holder {
            Holder::Unit(u) => cx
                .rs
                .unit(u)
                .map(|u| cx.county_of(u.seat).unwrap_or(u.seat)),
            Holder::EachTownship | Holder::EachVillage => item.region,
        };
        let townships = townships_in(cx, scope);
        let what = format!("territorial item `{}`", item.code);
        check(
            cx,
            &approved,
            &what,
            |i| t.duty_span(i, item.span),
            &t.township_duties,
            &townships,
            out,
        );
    }
    for s in &decls.scenarios {
        let what = format!("scenario `{}`", s.id);
        check(
            cx,
            &approved,
            &what,
            |i| s.duty_span(i),
            &s.township_duties,
            &cx.townships,
            out,
        );
    }
}
