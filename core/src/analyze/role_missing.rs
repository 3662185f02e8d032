//! Q0504 `role-missing-in-county`: a scenario's lead, collaborator or workflow actor that does
//! not exist in a county where the topic can be asked.
//!
//! ## What it does
//!
//! A scenario list serves every county: named roles resolve at query time from the place
//! outward and must name a unit of the place's county or a body seated above it (the city's,
//! the province's). For every county of the rule set and
//! every township in it (the county itself when it has none), resolves each named lead,
//! collaborator and workflow actor as the `scenario` query would, and each `handler ITEM` role
//! against the item's scope. A role that is unknown there, ambiguous, or a unit of another
//! county is reported once per scenario and role, with the places as the witness.
//!
//! A county where *no* named role of a topic resolves is one the topic's list does not serve
//! (a rule set that joins two counties, each with its own topics): it gets one note instead of
//! an error per role, so the real findings are not buried.
//!
//! ## Why it matters
//!
//! The `scenario` answer for such a place names nobody for that role: the case reaches no
//! department ("部门报到" fails).
//!
//! ## Example
//!
//! ```qz
//! region 宁波市 city {
//!   department 宁波海事局
//!   region 江北区 county { department 交通运输局 township 庄桥街道 class 特大 }
//!   region 鄞州区 county { department 鄞州区交通运输局 township 姜山镇 class 特大 }
//! }
//! scenario CW-06 "…" on 建筑垃圾 { when 地点 == 海域  lead 交通运输局  assist 宁波海事局 }
//! ```
//!
//! `交通运输局` exists in `江北区` only, so at `姜山镇` the lead names nobody. `宁波海事局`, a body
//! of the city, resolves in both counties: roles resolve from the place upward.
//!
//! ## Fix
//!
//! Declare the unit in each county (a county branch), name a unit that exists there, or a body
//! of the city or province above it.

use super::context::{short_list, Context};
use super::Check;
use crate::diagnostic::{Diagnostic, Severity};
use crate::ids::PlaceId;
use crate::model::item::Holder;
use crate::model::scenario::{Role, Scenario};
use crate::names::Resolution;

pub(super) const CHECK: Check = Check {
    code: "Q0504",
    name: "role-missing-in-county",
    severity: Severity::Error,
    summary: "a scenario role that names no unit of a county where the topic can be asked",
    source: include_str!("role_missing.rs"),
};

/// Why a role fails at a place of a county, or `None` when it resolves.
fn failure(cx: &Context<'_>, role: &Role, place: PlaceId, county: PlaceId) -> Option<String> {
    match role {
        Role::Named(name) => match cx.rs.resolve_unit(name, Some(place)) {
            Resolution::Found(u) => {
                let unit = cx.rs.unit(u)?;
                (!cx.within(unit.seat, county) && !cx.within(place, unit.seat)).then(|| {
                    format!(
                        "`{}` sits in `{}`, outside `{}`",
                        unit.path,
                        cx.place_path(unit.seat),
                        cx.place_name(county)
                    )
                })
            }
            Resolution::Ambiguous(_) => Some(format!("`{name}` is ambiguous there")),
            Resolution::NotFound { .. } => Some(format!(
                "no unit `{name}` exists in `{}`",
                cx.place_name(county)
            )),
        },
        Role::HandlerOf(item) => {
            let decl = cx.item(*item)?;
            let scope = match decl.holder {
                Holder::Unit(u) => cx.rs.unit(u).map(|u| u.seat),
                Holder::EachTownship | Holder::EachVillage => decl.region,
            }?;
            (!cx.within(place, scope)).then(|| {
                format!(
                    "`{}` applies inside `{}` only",
                    decl.code,
                    cx.place_name(scope)
                )
            })
        }
        Role::Level(_) | Role::Lead => None,
    }
}

/// The scenario's roles that resolve by name or item, once each, with what they are.
fn roles(s: &Scenario) -> Vec<(&'static str, &Role)> {
    let mut out: Vec<(&'static str, &Role)> = Vec::new();
    let all = s
        .lead
        .iter()
        .map(|r| ("lead", r))
        .chain(s.assist.iter().map(|r| ("collaborator", r)))
        .chain(
            s.flow
                .iter()
                .filter_map(|st| st.actor.as_ref().map(|r| ("workflow actor", r))),
        );
    for (what, role) in all {
        if matches!(role, Role::Named(_) | Role::HandlerOf(_))
            && !out.iter().any(|(_, r)| *r == role)
        {
            out.push((what, role));
        }
    }
    out
}

fn role_words(cx: &Context<'_>, role: &Role) -> String {
    match role {
        Role::Named(name) => format!("`{name}`"),
        Role::HandlerOf(item) => format!("the handler of `{}`", cx.code(*item)),
        Role::Level(_) | Role::Lead => String::new(),
    }
}

/// The places a topic is asked at in a county: its townships, or the county itself.
fn places_of(cx: &Context<'_>, county: PlaceId) -> Vec<(PlaceId, PlaceId)> {
    let under = cx.rs.index().townships_under(county);
    if under.is_empty() {
        vec![(county, county)]
    } else {
        under.iter().map(|t| (*t, county)).collect()
    }
}

pub(super) fn run(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (index, topic) in cx.rs.decls().topics.iter().enumerate() {
        let id = crate::ids::TopicId::from_index(index);
        let scenarios: Vec<&Scenario> = cx
            .rs
            .decls()
            .scenarios
            .iter()
            .filter(|s| s.topic == id)
            .collect();
        let mut places = Vec::new();
        // A topic scoped to a region serves the counties in it (or the one it lies in).
        let serves = |county: PlaceId| {
            topic
                .region
                .is_none_or(|r| cx.within(county, r) || cx.within(r, county))
        };
        for county in cx.counties.iter().filter(|c| serves(**c)) {
            let here: Vec<(PlaceId, PlaceId)> = places_of(cx, *county)
                .into_iter()
                .filter(|(p, _)| topic.region.is_none_or(|r| cx.within(*p, r)))
                .collect();
            let named: Vec<&Role> = scenarios
                .iter()
                .flat_map(|s| roles(s))
                .filter(|(_, r)| matches!(r, Role::Named(_)))
                .map(|(_, r)| r)
                .collect();
            let served = named.is_empty()
                || named
                    .iter()
                    .any(|r| here.iter().any(|(p, c)| failure(cx, r, *p, *c).is_none()));
            if served {
                places.extend(here);
            } else {
                out.push(Diagnostic {
                    severity: Severity::Note,
                    ..CHECK
                        .at(
                            format!(
                                "no scenario role of topic `{}` names a unit of `{}`; its scenarios are not checked there",
                                topic.name,
                                cx.place_name(*county)
                            ),
                            topic.span,
                        )
                        .with_witness(format!("county `{}`", cx.place_path(*county)))
                        .with_help(
                            "if the topic serves that county, declare its units there; a query there names nobody for these roles",
                        )
                });
            }
        }
        check_topic(cx, &scenarios, &places, out);
    }
}

fn check_topic(
    cx: &Context<'_>,
    scenarios: &[&Scenario],
    places: &[(PlaceId, PlaceId)],
    out: &mut Vec<Diagnostic>,
) {
    for s in scenarios {
        for (what, role) in roles(s) {
            let mut failing: Vec<String> = Vec::new();
            let mut first_reason = None;
            for (place, county) in places {
                if let Some(reason) = failure(cx, role, *place, *county) {
                    failing.push(format!(
                        "{} ({})",
                        cx.place_name(*place),
                        cx.place_name(*county)
                    ));
                    first_reason.get_or_insert(reason);
                }
            }
            let (Some(first), Some(reason)) = (failing.first(), first_reason) else {
                continue;
            };
            out.push(
                CHECK
                    .at(
                        format!(
                            "{}, the {what} of `{}`, names no unit at `{first}`: {reason}",
                            role_words(cx, role),
                            s.id
                        ),
                        s.span,
                    )
                    .with_label_here(format!("{what} {}", role_words(cx, role)))
                    .with_witness(format!("at {}", short_list(&failing, 3)))
                    .with_help(
                        "declare the unit in each county where the topic is asked, or name one that exists there",
                    ),
            );
        }
    }
}
