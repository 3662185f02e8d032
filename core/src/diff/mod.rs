//! What changed between two rule sets on a date, in terms of answers: every (item, township)
//! whose handler, mode or in-whose-name changed, every scenario whose lead, collaborators or
//! township duties changed in some county, every unit whose duty list changed. Each change
//! names the declarations responsible on each side.
//!
//! Everything is keyed by names (codes, paths, scenario ids), never by ids, which differ
//! between the two sides, and reported in key order, so the result is deterministic.
//!
//! The comparison streams: item codes are merged in order, and each item is asked
//! [`who_handles`] only at the townships inside its scope on either side (elsewhere it does not
//! apply), comparing the answers by name without building anything; only a pair that differs
//! is written out with its declarations. Duty lists are compared unit by unit, in path order,
//! each built from tables that give a unit only the items that can concern it
//! (`query::DutyTables`) instead of scanning every item per unit.
//! [`diff_exhaustive`] asks every question of both sides and keeps every answer: the
//! reference the streaming comparison is tested against.

mod exhaustive;
#[cfg(test)]
mod tests;

pub use exhaustive::diff_exhaustive;

use crate::answer::{CooperationDuty, DutiesAnswer, Handling, ScenarioRole, WhoAnswer};
use crate::ids::{ItemId, PlaceId, ScenarioId, UnitId};
use crate::model::jurisdiction::PlaceLevel;
use crate::model::scenario::{Role, Scenario};
use crate::names::Resolution;
use crate::query::{duties_listed, governs_township, who_handles, DutyTables};
use crate::ruleset::RuleSet;
use crate::span::{Location, Span};
use crate::view::mode_name;
use rustc_hash::FxHashMap;
use serde::Serialize;
use std::borrow::Cow;
use std::cmp::Ordering;
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
        handling: handling_changes(old, new, date),
        scenarios: scenario_changes(old, new),
        duties: duty_changes(old, new, date),
    }
}

/// The keys whose values differ, in key order, with each side's value.
/// `same` compares answers only: where each side was declared is reported, never compared.
pub(super) fn pair<K: Ord + Clone, V: Clone>(
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

pub(super) fn same_handling(a: &HandlingSide, b: &HandlingSide) -> bool {
    a.handler == b.handler && a.mode == b.mode && a.in_name_of == b.in_name_of
}

fn same_scenario(a: &ScenarioSide, b: &ScenarioSide) -> bool {
    a.lead == b.lead && a.assist == b.assist && a.township_duties == b.township_duties
}

pub(super) fn locate(rs: &RuleSet, span: Span) -> Option<Location> {
    rs.sources().locate(span)
}

fn unit_path(rs: &RuleSet, unit: UnitId) -> String {
    rs.unit(unit)
        .map_or_else(|| unit.to_string(), |u| u.path.clone())
}

pub(super) fn townships(rs: &RuleSet) -> Vec<(PlaceId, &str)> {
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

pub(super) fn handling_side(
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

fn role_text<'a>(rs: &'a RuleSet, role: &Role, county: Option<PlaceId>) -> Cow<'a, str> {
    match role {
        Role::Named(name) => match rs.resolve_unit(name, county) {
            Resolution::Found(u) => rs.unit(u).map_or_else(
                || Cow::Owned(u.to_string()),
                |u| Cow::Borrowed(u.path.as_str()),
            ),
            Resolution::Ambiguous(_) => Cow::Owned(format!("{name} (ambiguous)")),
            Resolution::NotFound { .. } => Cow::Owned(format!("{name} (unknown)")),
        },
        Role::HandlerOf(item) => Cow::Owned(format!(
            "handler of {}",
            rs.item(*item).map_or("?", |i| i.code.as_str())
        )),
        Role::Level(level) => Cow::Borrowed(level.english()),
        Role::Lead => Cow::Borrowed("lead"),
    }
}

/// A scenario's roles as resolved from a county (`None`: a rule set without counties).
pub(super) fn scenario_side(rs: &RuleSet, s: &Scenario, county: Option<PlaceId>) -> ScenarioSide {
    ScenarioSide {
        lead: s
            .lead
            .as_ref()
            .map(|r| role_text(rs, r, county).into_owned()),
        assist: s
            .assist
            .iter()
            .map(|r| role_text(rs, r, county).into_owned())
            .collect(),
        township_duties: s.township_duties.clone(),
        declaration: locate(rs, s.span),
    }
}

/// Whether two scenarios resolved from their counties give the same [`ScenarioSide`] (bar the
/// declaration), without building either.
fn same_roles(
    (a_rs, a, a_county): (&RuleSet, &Scenario, Option<PlaceId>),
    (b_rs, b, b_county): (&RuleSet, &Scenario, Option<PlaceId>),
) -> bool {
    let same_role =
        |x: &Role, y: &Role| role_text(a_rs, x, a_county) == role_text(b_rs, y, b_county);
    let same_lead = match (&a.lead, &b.lead) {
        (None, None) => true,
        (Some(x), Some(y)) => same_role(x, y),
        _ => false,
    };
    same_lead
        && a.assist.len() == b.assist.len()
        && a.assist.iter().zip(&b.assist).all(|(x, y)| same_role(x, y))
        && a.township_duties == b.township_duties
}

/// The counties roles are resolved from, by path; a single unnamed `None` when there is none.
pub(super) fn counties(rs: &RuleSet) -> Vec<(&str, Option<PlaceId>)> {
    let mut counties: Vec<(&str, Option<PlaceId>)> = places_at(rs, PlaceLevel::County)
        .into_iter()
        .map(|(id, path)| (path, Some(id)))
        .collect();
    if counties.is_empty() {
        counties.push(("", None));
    }
    counties.sort_unstable();
    counties
}

/// The scenario ids, sorted.
fn scenario_ids(rs: &RuleSet) -> Vec<(&str, ScenarioId)> {
    let mut ids: Vec<(&str, ScenarioId)> = rs
        .decls()
        .scenarios
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id.as_str(), ScenarioId::from_index(i)))
        .collect();
    ids.sort_unstable();
    ids
}

/// Scenarios × counties, streamed: scenario ids merged in order, then county paths, each pair
/// compared in place; only a pair that differs is written out.
fn scenario_changes(old: &RuleSet, new: &RuleSet) -> Vec<ScenarioChange> {
    let (old_counties, new_counties) = (counties(old), counties(new));
    let mut out = Vec::new();
    merge_runs(
        &scenario_ids(old),
        &scenario_ids(new),
        |id, old_run, new_run| {
            // The last scenario of an id and the last county of a path, as a map keyed by them
            // keeps them.
            let a = old_run.last().and_then(|(_, s)| old.scenario(*s));
            let b = new_run.last().and_then(|(_, s)| new.scenario(*s));
            let a_counties = if a.is_some() { &old_counties[..] } else { &[] };
            let b_counties = if b.is_some() { &new_counties[..] } else { &[] };
            merge_runs(a_counties, b_counties, |county, a_run, b_run| {
                let x = a.zip(a_run.last().map(|(_, c)| *c));
                let y = b.zip(b_run.last().map(|(_, c)| *c));
                match (x, y) {
                    (None, None) => return,
                    (Some((s, c)), Some((t, d))) if same_roles((old, s, c), (new, t, d)) => return,
                    _ => {}
                }
                out.push(ScenarioChange {
                    scenario: id.to_owned(),
                    county: county.to_owned(),
                    old: x.map(|(s, c)| scenario_side(old, s, c)),
                    new: y.map(|(s, c)| scenario_side(new, s, c)),
                });
            });
        },
    );
    out
}

/// One entry of a duty list before it is written as a line, borrowing its names: equal
/// entries give equal lines, so two lists that agree here agree as lines.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Line<'a> {
    /// Item code, mode, whether the delegations conflict.
    Basic(&'a str, &'static str, bool),
    /// Item code, cooperation duties.
    Cooperate(&'a str, &'a [String]),
    /// Scenario id, role, township duties.
    Scenario(&'a str, &'static str, &'a [String]),
    /// Item code.
    Revoked(&'a str),
}

impl Line<'_> {
    /// The line as the diff shows it, e.g. `basic 330205-CF-001 grant`.
    fn text(&self) -> String {
        match self {
            Line::Basic(code, mode, conflict) => {
                let conflict = if *conflict { " (conflict)" } else { "" };
                format!("basic {code} {mode}{conflict}")
            }
            Line::Cooperate(code, duties) => format!("cooperate {code} [{}]", duties.join(", ")),
            Line::Scenario(id, role, duties) => {
                format!("scenario {id} {role} [{}]", duties.join(", "))
            }
            Line::Revoked(code) => format!("revoked {code}"),
        }
    }
}

fn role_name(role: ScenarioRole) -> &'static str {
    match role {
        ScenarioRole::Lead => "lead",
        ScenarioRole::Assist => "assist",
        ScenarioRole::Township => "township",
    }
}

/// The entries of a duty list, sorted, each once.
fn lines<'a>(rs: &'a RuleSet, answer: &'a DutiesAnswer) -> Vec<Line<'a>> {
    let code = |item: ItemId| rs.item(item).map_or("?", |i| i.code.as_str());
    let basic = answer
        .basic
        .iter()
        .map(|d| Line::Basic(code(d.item), mode_name(d.mode), d.conflict));
    let cooperating = answer.cooperating.iter().map(|c| match c {
        CooperationDuty::Territorial { item, duties, .. } => Line::Cooperate(code(*item), duties),
        CooperationDuty::Scenario {
            scenario,
            role,
            duties,
        } => {
            let id = rs.scenario(*scenario).map_or("?", |s| s.id.as_str());
            Line::Scenario(id, role_name(*role), duties)
        }
    });
    let revoked = answer.revoked.iter().map(|r| Line::Revoked(code(r.item)));
    let mut out: Vec<Line<'a>> = basic.chain(cooperating).chain(revoked).collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// A duty list as comparable lines, e.g. `basic 330205-CF-001 grant`.
pub(super) fn duty_lines(rs: &RuleSet, answer: &DutiesAnswer) -> BTreeSet<String> {
    lines(rs, answer).iter().map(Line::text).collect()
}

/// A unit's duty lines and where it is declared, as one side of a [`DutyChange`].
pub(super) type DutySide = (BTreeSet<String>, Option<Location>);

/// The change of one unit's duty list, if the lines differ (a missing side has none).
pub(super) fn duty_change(
    unit: &str,
    old: Option<DutySide>,
    new: Option<DutySide>,
) -> Option<DutyChange> {
    let (o, od) = old.unwrap_or_default();
    let (n, nd) = new.unwrap_or_default();
    if o == n {
        return None;
    }
    Some(DutyChange {
        unit: unit.to_owned(),
        removed: o.difference(&n).cloned().collect(),
        added: n.difference(&o).cloned().collect(),
        old_declaration: od,
        new_declaration: nd,
    })
}

/// Calls `f` once per key of either list, in key order, with the run of entries under that key
/// on each side (one may be empty). Both lists must be sorted by key.
fn merge_runs<'k, A, B>(
    a: &[(&'k str, A)],
    b: &[(&'k str, B)],
    mut f: impl FnMut(&'k str, &[(&'k str, A)], &[(&'k str, B)]),
) {
    let (mut a, mut b) = (a, b);
    loop {
        let key = match (a.first(), b.first()) {
            (None, None) => return,
            (Some((k, _)), None) | (None, Some((k, _))) => *k,
            (Some((x, _)), Some((y, _))) => match x.cmp(y) {
                Ordering::Greater => *y,
                _ => *x,
            },
        };
        let (run_a, rest_a) = a.split_at(a.iter().take_while(|(k, _)| *k == key).count());
        let (run_b, rest_b) = b.split_at(b.iter().take_while(|(k, _)| *k == key).count());
        f(key, run_a, run_b);
        (a, b) = (rest_a, rest_b);
    }
}

/// One side of the handling comparison: its item codes in order, and for each scope met so
/// far the townships inside it, sorted by path.
struct Side<'a> {
    rs: &'a RuleSet,
    items: Vec<(&'a str, ItemId)>,
    townships: FxHashMap<Option<PlaceId>, Vec<(&'a str, PlaceId)>>,
}

impl<'a> Side<'a> {
    fn new(rs: &'a RuleSet) -> Side<'a> {
        let mut items: Vec<(&str, ItemId)> = rs
            .decls()
            .items
            .iter()
            .enumerate()
            .map(|(i, item)| (item.code.as_str(), ItemId::from_index(i)))
            .collect();
        items.sort_unstable();
        Side {
            rs,
            items,
            townships: FxHashMap::default(),
        }
    }

    /// The townships where the item can apply: those inside its scope (its holding unit's
    /// seat, or a level holder's region; everywhere without one). `who_handles` answers
    /// `OutsideScope` at every other township.
    fn townships_of(&mut self, item: ItemId) -> &[(&'a str, PlaceId)] {
        let rs = self.rs;
        let Some(entry) = rs.index().item(item) else {
            return &[];
        };
        self.townships.entry(entry.scope()).or_insert_with(|| {
            let path = |p: PlaceId| rs.place(p).map(|pl| (pl.path.as_str(), p));
            let mut found: Vec<(&str, PlaceId)> = match entry.scope() {
                None => townships(rs)
                    .into_iter()
                    .map(|(p, path)| (path, p))
                    .collect(),
                Some(region) => {
                    let itself = rs
                        .place(region)
                        .filter(|p| p.level == PlaceLevel::Township)
                        .map(|_| region);
                    itself
                        .iter()
                        .chain(rs.index().townships_under(region))
                        .filter_map(|p| path(*p))
                        .collect()
                }
            };
            found.sort_unstable();
            found
        })
    }
}

/// The answer at the last township of a run (one path) where the item applies, as a map keyed
/// by path keeps it.
fn answer_at(
    rs: &RuleSet,
    item: Option<ItemId>,
    run: &[(&str, PlaceId)],
    date: Date,
) -> Option<(PlaceId, WhoAnswer)> {
    let item = item?;
    run.iter()
        .rev()
        .find_map(|(_, t)| Some((*t, who_handles(rs, item, *t, date).ok()?)))
}

fn answer_mode(answer: &WhoAnswer) -> &'static str {
    match answer {
        WhoAnswer::Handled(h) => mode_name(h.mode),
        WhoAnswer::Conflict { .. } => "conflict",
    }
}

fn handlings(answer: &WhoAnswer) -> &[Handling] {
    match answer {
        WhoAnswer::Handled(h) => std::slice::from_ref(h),
        WhoAnswer::Conflict { candidates, .. } => candidates,
    }
}

/// Whether two answers surely give the same [`HandlingSide`] (bar the declarations): same
/// mode, and handlers and legal subjects with the same paths, candidate by candidate. `false`
/// means only that the sides must be built to tell.
fn same_answer(a_rs: &RuleSet, a: &WhoAnswer, b_rs: &RuleSet, b: &WhoAnswer) -> bool {
    let paths_match = |unit: fn(&Handling) -> UnitId| {
        let (x, y) = (handlings(a), handlings(b));
        x.len() == y.len()
            && x.iter()
                .zip(y)
                .all(|(x, y)| match (a_rs.unit(unit(x)), b_rs.unit(unit(y))) {
                    (Some(p), Some(q)) => p.path == q.path,
                    _ => false,
                })
    };
    answer_mode(a) == answer_mode(b)
        && paths_match(|h| h.handler)
        && paths_match(|h| h.legal_subject)
}

fn handling_changes(old: &RuleSet, new: &RuleSet, date: Date) -> Vec<HandlingChange> {
    let mut old_side = Side::new(old);
    let mut new_side = Side::new(new);
    let old_items = std::mem::take(&mut old_side.items);
    let new_items = std::mem::take(&mut new_side.items);
    let mut out = Vec::new();
    merge_runs(&old_items, &new_items, |code, old_item, new_item| {
        // Item codes are unique on each side.
        let old_item = old_item.first().map(|(_, id)| *id);
        let new_item = new_item.first().map(|(_, id)| *id);
        let old_towns = old_item.map_or(&[][..], |id| old_side.townships_of(id));
        let new_towns = new_item.map_or(&[][..], |id| new_side.townships_of(id));
        merge_runs(old_towns, new_towns, |township, old_run, new_run| {
            let a = answer_at(old, old_item, old_run, date);
            let b = answer_at(new, new_item, new_run, date);
            let build = |rs, item: Option<ItemId>, answer: Option<(PlaceId, WhoAnswer)>| {
                let (t, answer) = answer?;
                Some(handling_side(rs, item?, t, date, &answer))
            };
            let (before, after) = match (&a, &b) {
                (None, None) => return,
                (Some((_, x)), Some((_, y))) if same_answer(old, x, new, y) => return,
                _ => (build(old, old_item, a), build(new, new_item, b)),
            };
            if let (Some(x), Some(y)) = (&before, &after) {
                if same_handling(x, y) {
                    return;
                }
            }
            out.push(HandlingChange {
                item: code.to_owned(),
                township: township.to_owned(),
                old: before,
                new: after,
            });
        });
    });
    out
}

/// The units by path, in path order (ties in declaration order).
fn units_by_path(rs: &RuleSet) -> Vec<(&str, UnitId)> {
    let mut units: Vec<(&str, UnitId)> = rs
        .decls()
        .units
        .iter()
        .enumerate()
        .map(|(i, u)| (u.path.as_str(), UnitId::from_index(i)))
        .collect();
    units.sort_unstable();
    units
}

/// The last unit of a run (one path), as a map keyed by path keeps it.
fn last_unit(run: &[(&str, UnitId)]) -> Option<UnitId> {
    run.last().map(|(_, u)| *u)
}

/// The duty side of a unit, its full list written as lines.
fn listed_side(
    rs: &RuleSet,
    tables: &DutyTables,
    unit: Option<UnitId>,
    date: Date,
) -> Option<DutySide> {
    let unit = unit?;
    let answer = duties_listed(rs, tables, unit, date, true).ok()?;
    let declaration = rs.unit(unit).and_then(|u| locate(rs, u.span));
    Some((duty_lines(rs, &answer), declaration))
}

/// The entries every township government's list carries: the township duties of every
/// scenario that has some.
fn township_lines(rs: &RuleSet) -> Vec<Line<'_>> {
    let mut out: Vec<Line<'_>> = rs
        .decls()
        .scenarios
        .iter()
        .filter(|s| !s.township_duties.is_empty())
        .map(|s| Line::Scenario(&s.id, role_name(ScenarioRole::Township), &s.township_duties))
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// Whether a unit's list is surely the same on both sides, without writing it as lines. A
/// township government's list is its own entries plus the entries every township government
/// carries: when those agree between the sides (`township_same`), comparing the rest
/// suffices. `false` means only that the lines must be compared.
fn same_duties(
    (old, old_tables, a): (&RuleSet, &DutyTables, UnitId),
    (new, new_tables, b): (&RuleSet, &DutyTables, UnitId),
    township_same: bool,
    date: Date,
) -> bool {
    let (x_township, y_township) = (governs_township(old, a), governs_township(new, b));
    if x_township != y_township || (x_township && !township_same) {
        return false;
    }
    let (Ok(x), Ok(y)) = (
        duties_listed(old, old_tables, a, date, false),
        duties_listed(new, new_tables, b, date, false),
    ) else {
        return false;
    };
    lines(old, &x) == lines(new, &y)
}

fn duty_changes(old: &RuleSet, new: &RuleSet, date: Date) -> Vec<DutyChange> {
    let (old_tables, new_tables) = (DutyTables::build(old), DutyTables::build(new));
    let township_same = township_lines(old) == township_lines(new);
    let mut out = Vec::new();
    merge_runs(
        &units_by_path(old),
        &units_by_path(new),
        |unit, old_run, new_run| {
            let (a, b) = (last_unit(old_run), last_unit(new_run));
            if let (Some(a), Some(b)) = (a, b) {
                let old_side = (old, &old_tables, a);
                let new_side = (new, &new_tables, b);
                if same_duties(old_side, new_side, township_same, date) {
                    return;
                }
            }
            out.extend(duty_change(
                unit,
                listed_side(old, &old_tables, a, date),
                listed_side(new, &new_tables, b, date),
            ));
        },
    );
    out
}
