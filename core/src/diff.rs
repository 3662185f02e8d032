//! What changed between two rule sets on a date, in terms of answers: every (item, township)
//! whose handler, mode or in-whose-name changed, every scenario whose lead, collaborators or
//! township duties changed in some county, every unit whose duty list changed. Each change
//! names the declarations responsible on each side.
//!
//! Both sides are walked once: items × townships through [`who_handles`], scenarios × counties
//! resolving roles from each county, units through [`duties`]. Everything is keyed by names
//! (codes, paths, scenario ids), never by ids, which differ between the two sides; the keyed
//! maps are ordered, so the result is deterministic.

use crate::answer::{CooperationDuty, DutiesAnswer, Handling, ScenarioRole, WhoAnswer};
use crate::ids::{ItemId, PlaceId, UnitId};
use crate::model::jurisdiction::PlaceLevel;
use crate::model::scenario::Role;
use crate::names::Resolution;
use crate::query::{duties, who_handles};
use crate::ruleset::RuleSet;
use crate::span::{Location, Span};
use crate::view::mode_name;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use time::Date;

/// Every change between two rule sets, by kind; all empty when the answers agree.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct RuleSetDiff {
    pub handling: Vec<HandlingChange>,
    pub scenarios: Vec<ScenarioChange>,
    pub duties: Vec<DutyChange>,
}

impl RuleSetDiff {
    pub fn is_empty(&self) -> bool {
        self.handling.is_empty() && self.scenarios.is_empty() && self.duties.is_empty()
    }
}

/// Who handles an item at a township, on one side.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct HandlingSide {
    /// The handler's path; candidates joined by ` | ` for a conflict.
    pub handler: String,
    /// `own`, `grant`, `entrust`, `statutory`, `territorial`, `reserved` or `conflict`.
    pub mode: String,
    /// In whose name the handler acts.
    pub in_name_of: String,
    /// The declarations that decide it: the delegations that apply, revocations in force, or
    /// the item itself when nothing moved it.
    pub declarations: Vec<Location>,
}

/// An (item, township) whose answer differs; a side is `None` where the item does not apply.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct HandlingChange {
    pub item: String,
    pub township: String,
    pub old: Option<HandlingSide>,
    pub new: Option<HandlingSide>,
}

/// A scenario's roles as resolved in one county.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ScenarioSide {
    pub lead: Option<String>,
    pub assist: Vec<String>,
    pub township_duties: Vec<String>,
    pub declaration: Option<Location>,
}

/// A scenario whose roles differ in a county; a side is `None` where the scenario is absent.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ScenarioChange {
    pub scenario: String,
    /// The county the roles were resolved from (empty when the rule set has none).
    pub county: String,
    pub old: Option<ScenarioSide>,
    pub new: Option<ScenarioSide>,
}

/// A unit whose duty list changed: the entries only one side has.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DutyChange {
    pub unit: String,
    pub removed: Vec<String>,
    pub added: Vec<String>,
    pub old_declaration: Option<Location>,
    pub new_declaration: Option<Location>,
}

/// Compares the answers of two rule sets on `date`.
pub fn diff(old: &RuleSet, new: &RuleSet, date: Date) -> RuleSetDiff {
    RuleSetDiff {
        handling: pair(handlings(old, date), handlings(new, date), same_handling)
            .map(|((item, township), old, new)| HandlingChange {
                item,
                township,
                old,
                new,
            })
            .collect(),
        scenarios: pair(scenarios(old), scenarios(new), same_scenario)
            .map(|((scenario, county), old, new)| ScenarioChange {
                scenario,
                county,
                old,
                new,
            })
            .collect(),
        duties: duty_changes(old, new, date),
    }
}

/// The keys whose values differ, in key order, with each side's value.
/// `same` compares answers only: where each side was declared is reported, never compared.
fn pair<K: Ord + Clone, V: Clone>(
    old: BTreeMap<K, V>,
    new: BTreeMap<K, V>,
    same: fn(&V, &V) -> bool,
) -> impl Iterator<Item = (K, Option<V>, Option<V>)> {
    let keys: BTreeSet<K> = old.keys().chain(new.keys()).cloned().collect();
    keys.into_iter().filter_map(move |k| {
        let (o, n) = (old.get(&k).cloned(), new.get(&k).cloned());
        let unchanged = match (&o, &n) {
            (Some(a), Some(b)) => same(a, b),
            (None, None) => true,
            _ => false,
        };
        (!unchanged).then_some((k, o, n))
    })
}

fn same_handling(a: &HandlingSide, b: &HandlingSide) -> bool {
    a.handler == b.handler && a.mode == b.mode && a.in_name_of == b.in_name_of
}

fn same_scenario(a: &ScenarioSide, b: &ScenarioSide) -> bool {
    a.lead == b.lead && a.assist == b.assist && a.township_duties == b.township_duties
}

fn locate(rs: &RuleSet, span: Span) -> Option<Location> {
    rs.sources().locate(span)
}

fn unit_path(rs: &RuleSet, unit: UnitId) -> String {
    rs.unit(unit)
        .map_or_else(|| unit.to_string(), |u| u.path.clone())
}

fn townships(rs: &RuleSet) -> Vec<(PlaceId, &str)> {
    places_at(rs, PlaceLevel::Township)
}

fn places_at(rs: &RuleSet, level: PlaceLevel) -> Vec<(PlaceId, &str)> {
    rs.decls()
        .places
        .iter()
        .enumerate()
        .filter(|(_, p)| p.level == level)
        .map(|(i, p)| (PlaceId::from_index(i), p.path.as_str()))
        .collect()
}

/// Key for handling: (item code, township path).
fn handlings(rs: &RuleSet, date: Date) -> BTreeMap<(String, String), HandlingSide> {
    let mut out = BTreeMap::new();
    let towns = townships(rs);
    for (i, item) in rs.decls().items.iter().enumerate() {
        let id = ItemId::from_index(i);
        for (township, path) in &towns {
            let Ok(answer) = who_handles(rs, id, *township, date) else {
                continue;
            };
            let side = handling_side(rs, id, *township, date, &answer);
            out.insert((item.code.clone(), (*path).to_owned()), side);
        }
    }
    out
}

fn handling_side(
    rs: &RuleSet,
    item: ItemId,
    township: PlaceId,
    date: Date,
    answer: &WhoAnswer,
) -> HandlingSide {
    let handlings: Vec<&Handling> = match answer {
        WhoAnswer::Handled(h) => vec![h],
        WhoAnswer::Conflict { candidates, .. } => candidates.iter().collect(),
    };
    let join = |f: &dyn Fn(&Handling) -> String| {
        handlings
            .iter()
            .map(|h| f(h))
            .collect::<Vec<_>>()
            .join(" | ")
    };
    let mode = match answer {
        WhoAnswer::Handled(h) => mode_name(h.mode).to_owned(),
        WhoAnswer::Conflict { .. } => "conflict".to_owned(),
    };
    let mut declarations: Vec<Location> = handlings
        .iter()
        .filter_map(|h| h.delegation)
        .filter_map(|d| rs.decls().delegations.get(d.index()))
        .filter_map(|d| locate(rs, d.span))
        .collect();
    for r in rs.index().revocations_at(item, township) {
        if let Some(rev) = rs.decls().revocations.get(r.id.index()) {
            if rev.since <= date {
                declarations.extend(locate(rs, rev.span));
            }
        }
    }
    if declarations.is_empty() {
        declarations.extend(rs.item(item).and_then(|i| locate(rs, i.span)));
    }
    HandlingSide {
        handler: join(&|h| unit_path(rs, h.handler)),
        mode,
        in_name_of: join(&|h| unit_path(rs, h.legal_subject)),
        declarations,
    }
}

fn role_text(rs: &RuleSet, role: &Role, county: Option<PlaceId>) -> String {
    match role {
        Role::Named(name) => match rs.resolve_unit(name, county) {
            Resolution::Found(u) => unit_path(rs, u),
            Resolution::Ambiguous(_) => format!("{name} (ambiguous)"),
            Resolution::NotFound { .. } => format!("{name} (unknown)"),
        },
        Role::HandlerOf(item) => format!(
            "handler of {}",
            rs.item(*item).map_or("?", |i| i.code.as_str())
        ),
        Role::Level(level) => level.english().to_owned(),
        Role::Lead => "lead".to_owned(),
    }
}

/// Key for scenarios: (scenario id, county path).
fn scenarios(rs: &RuleSet) -> BTreeMap<(String, String), ScenarioSide> {
    let mut counties: Vec<(Option<PlaceId>, String)> = places_at(rs, PlaceLevel::County)
        .into_iter()
        .map(|(id, path)| (Some(id), path.to_owned()))
        .collect();
    if counties.is_empty() {
        counties.push((None, String::new()));
    }
    let mut out = BTreeMap::new();
    for s in &rs.decls().scenarios {
        for (county, path) in &counties {
            let side = ScenarioSide {
                lead: s.lead.as_ref().map(|r| role_text(rs, r, *county)),
                assist: s.assist.iter().map(|r| role_text(rs, r, *county)).collect(),
                township_duties: s.township_duties.clone(),
                declaration: locate(rs, s.span),
            };
            out.insert((s.id.clone(), path.clone()), side);
        }
    }
    out
}

/// A duty list as comparable lines, e.g. `basic 330205-CF-001 grant`.
fn duty_lines(rs: &RuleSet, answer: &DutiesAnswer) -> BTreeSet<String> {
    let code = |item: ItemId| rs.item(item).map_or("?", |i| i.code.as_str()).to_owned();
    let mut out = BTreeSet::new();
    for d in &answer.basic {
        let conflict = if d.conflict { " (conflict)" } else { "" };
        out.insert(format!(
            "basic {} {}{conflict}",
            code(d.item),
            mode_name(d.mode)
        ));
    }
    for c in &answer.cooperating {
        out.insert(match c {
            CooperationDuty::Territorial { item, duties, .. } => {
                format!("cooperate {} [{}]", code(*item), duties.join(", "))
            }
            CooperationDuty::Scenario {
                scenario,
                role,
                duties,
            } => {
                let id = rs.scenario(*scenario).map_or("?", |s| s.id.as_str());
                let role = match role {
                    ScenarioRole::Lead => "lead",
                    ScenarioRole::Assist => "assist",
                    ScenarioRole::Township => "township",
                };
                format!("scenario {id} {role} [{}]", duties.join(", "))
            }
        });
    }
    for r in &answer.revoked {
        out.insert(format!("revoked {}", code(r.item)));
    }
    out
}

fn unit_duties(rs: &RuleSet, date: Date) -> BTreeMap<String, (BTreeSet<String>, Option<Location>)> {
    rs.decls()
        .units
        .iter()
        .enumerate()
        .filter_map(|(i, unit)| {
            let answer = duties(rs, UnitId::from_index(i), date).ok()?;
            Some((
                unit.path.clone(),
                (duty_lines(rs, &answer), locate(rs, unit.span)),
            ))
        })
        .collect()
}

fn duty_changes(old: &RuleSet, new: &RuleSet, date: Date) -> Vec<DutyChange> {
    let old = unit_duties(old, date);
    let new = unit_duties(new, date);
    let units: BTreeSet<&String> = old.keys().chain(new.keys()).collect();
    let empty = BTreeSet::new();
    units
        .into_iter()
        .filter_map(|unit| {
            let (o, od) = old
                .get(unit)
                .map_or((&empty, None), |(l, d)| (l, d.clone()));
            let (n, nd) = new
                .get(unit)
                .map_or((&empty, None), |(l, d)| (l, d.clone()));
            if o == n {
                return None;
            }
            Some(DutyChange {
                unit: unit.clone(),
                removed: o.difference(n).cloned().collect(),
                added: n.difference(o).cloned().collect(),
                old_declaration: od,
                new_declaration: nd,
            })
        })
        .collect()
}
