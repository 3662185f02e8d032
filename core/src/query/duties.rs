//! `duties(unit, date)`: a unit's responsibility list, grouped as a township publishes its
//! 履职事项清单 — 基本履职 (items held, items received by an active delegation with their mode),
//! 配合履职 (territorial cooperation duties of a township, scenario roles), 上级部门收回 (items
//! revoked from the township and not delegated again on the date). Scans the declarations: it
//! lists a whole unit, it does not route a case.

use super::delegation::{self, State};
use super::prove::Builder;
use super::{resolve, QueryError};
use crate::answer::{
    BasicDuty, CooperationDuty, DutiesAnswer, HandleMode, RevokedDuty, ScenarioRole,
};
use crate::ids::{ItemId, PlaceId, RevocationId, ScenarioId, UnitId};
use crate::model::delegation::Mode;
use crate::model::item::{Holder, Item};
use crate::model::jurisdiction::PlaceLevel;
use crate::model::scenario::Role;
use crate::names::Resolution;
use crate::proof::{Claim, DeclRef, Proof, Query, Rule};
use crate::ruleset::RuleSet;
use rustc_hash::FxHashMap;
use time::Date;

/// The responsibility list of `unit` on `date`.
pub fn duties(rs: &RuleSet, unit: UnitId, date: Date) -> Result<DutiesAnswer, QueryError> {
    resolve::unit(rs, unit)?;
    Ok(answer(rs, unit, date))
}

/// [`duties`] with its proof.
pub fn duties_proved(
    rs: &RuleSet,
    unit: UnitId,
    date: Date,
) -> Result<(DutiesAnswer, Proof), QueryError> {
    resolve::unit(rs, unit)?;
    let answer = answer(rs, unit, date);
    let mut b = Builder::new(rs);
    let mut premises = Vec::new();
    let township = governed(rs, unit, PlaceLevel::Township);
    for duty in &answer.basic {
        match (duty.delegation, township) {
            (Some(d), Some(t)) if !duty.conflict => {
                premises.push(b.delegated(duty.item, t, date, d)?)
            }
            (Some(_), Some(t)) => {
                if let State::Conflict(ds) = delegation::state(rs, duty.item, t, date) {
                    let step = b.conflict(duty.item, t, date, &ds)?;
                    if !premises.contains(&step) {
                        premises.push(step);
                    }
                }
            }
            _ => {}
        }
    }
    for duty in &answer.cooperating {
        if let CooperationDuty::Territorial { item, .. } = duty {
            let decl = resolve::item(rs, *item)?;
            premises.push(b.territorial(*item, decl)?.1);
        }
    }
    for duty in &answer.revoked {
        premises.push(b.revocation(duty.revocation)?);
    }
    let cite = b.cite(DeclRef::Unit(unit))?;
    // duties_answer
    let claim = Claim::DutiesResult {
        unit,
        date,
        answer: answer.clone(),
    };
    let last = b.add(claim, Rule::DutiesAnswer, premises, Some(cite));
    Ok((answer, b.finish(last, Query::Duties { unit, date })))
}

/// The place at `level` the unit governs, if it governs one.
fn governed(rs: &RuleSet, unit: UnitId, level: PlaceLevel) -> Option<PlaceId> {
    let seat = rs.unit(unit)?.seat;
    rs.place(seat)
        .filter(|p| p.level == level && p.unit == Some(unit))
        .map(|_| seat)
}

fn mode(mode: Mode) -> HandleMode {
    match mode {
        Mode::Grant => HandleMode::Grant,
        Mode::Entrust => HandleMode::Entrust,
        Mode::Statutory => HandleMode::Statutory,
    }
}

fn answer(rs: &RuleSet, unit: UnitId, date: Date) -> DutiesAnswer {
    let mut list = List::new(rs, unit);
    for (i, item) in rs.decls().items.iter().enumerate() {
        list.add(ItemId::from_index(i), item, date);
    }
    let roles = scenario_roles(rs, unit, list.township.is_some());
    list.finish(roles)
}

/// A duty list being built, item after item in id order.
struct List<'a> {
    rs: &'a RuleSet,
    unit: UnitId,
    township: Option<PlaceId>,
    village: Option<PlaceId>,
    answer: DutiesAnswer,
}

impl<'a> List<'a> {
    fn new(rs: &'a RuleSet, unit: UnitId) -> List<'a> {
        List {
            rs,
            unit,
            township: governed(rs, unit, PlaceLevel::Township),
            village: governed(rs, unit, PlaceLevel::Village),
            answer: DutiesAnswer {
                basic: Vec::new(),
                cooperating: Vec::new(),
                revoked: Vec::new(),
            },
        }
    }

    /// Whether an item held by each township (village) applies at the place.
    fn applies(&self, item: &Item, place: PlaceId) -> bool {
        item.region
            .is_none_or(|region| resolve::is_within(self.rs, place, region))
    }

    /// What the item adds to the list, if anything.
    fn add(&mut self, id: ItemId, item: &Item, date: Date) {
        let rs = self.rs;
        let own = match &item.holder {
            Holder::Unit(u) => *u == self.unit,
            Holder::EachTownship => self
                .township
                .is_some_and(|t| self.applies(item, t) && resolve::kind_holds(rs, item, t)),
            Holder::EachVillage => self
                .village
                .is_some_and(|v| self.applies(item, v) && resolve::kind_holds(rs, item, v)),
        };
        if own {
            self.answer.basic.push(BasicDuty {
                item: id,
                mode: HandleMode::Own,
                delegation: None,
                conflict: false,
            });
        }
        let Some(t) = self.township else { return };
        if resolve::undelegable(rs, item) {
            let in_scope =
                resolve::scope(rs, item).is_none_or(|region| resolve::is_within(rs, t, region));
            if let (Some(terr), true) = (&item.territorial, in_scope) {
                self.answer.cooperating.push(CooperationDuty::Territorial {
                    item: id,
                    primary: terr.primary,
                    duties: terr.township_duties.clone(),
                });
            }
            return;
        }
        let state = delegation::state(rs, id, t, date);
        let delegated = |d: crate::DelegationId, conflict| {
            rs.decls().delegations.get(d.index()).map(|del| BasicDuty {
                item: id,
                mode: mode(del.mode),
                delegation: Some(d),
                conflict,
            })
        };
        match &state {
            State::One(d) => self.answer.basic.extend(delegated(*d, false)),
            State::Conflict(ds) => self
                .answer
                .basic
                .extend(ds.iter().filter_map(|d| delegated(*d, true))),
            State::None => {
                if let Some(r) = revocation(rs, id, t, date) {
                    self.answer.revoked.push(RevokedDuty {
                        item: id,
                        revocation: r,
                    });
                }
            }
        }
    }

    fn finish(mut self, roles: Vec<CooperationDuty>) -> DutiesAnswer {
        self.answer.cooperating.extend(roles);
        self.answer
    }
}

/// What listing the duties of every unit reads instead of every item per unit: per unit,
/// township and village, the only items that can add to its list (an item adds nothing to a
/// unit that neither holds it, nor governs a place it applies in, nor governs a township one
/// of its delegations or revocations reaches), and the scenarios naming each unit. One pass
/// over the declarations builds it; [`duties_listed`] then gives [`duties`]' answers.
pub(crate) struct DutyTables {
    /// Per unit: the items it holds.
    held: Vec<Vec<ItemId>>,
    /// Items held by each township, by the region they apply in (`None`: everywhere).
    each_township: FxHashMap<Option<PlaceId>, Vec<ItemId>>,
    /// Items held by each village, by the region they apply in.
    each_village: FxHashMap<Option<PlaceId>, Vec<ItemId>>,
    /// Territorial items whose delegations queries ignore, by scope.
    territorial: FxHashMap<Option<PlaceId>, Vec<ItemId>>,
    /// Per township: the items a delegation or a revocation reaches it with (repeats allowed).
    reached: FxHashMap<PlaceId, Vec<ItemId>>,
    /// Per unit: the scenarios naming it as lead or collaborator, in scenario order.
    named: FxHashMap<UnitId, Vec<(ScenarioId, ScenarioRole)>>,
    /// The scenarios with township duties, in order.
    township_scenarios: Vec<ScenarioId>,
}

impl DutyTables {
    pub(crate) fn build(rs: &RuleSet) -> DutyTables {
        let mut held: Vec<Vec<ItemId>> = vec![Vec::new(); rs.decls().units.len()];
        let mut each_township: FxHashMap<Option<PlaceId>, Vec<ItemId>> = FxHashMap::default();
        let mut each_village: FxHashMap<Option<PlaceId>, Vec<ItemId>> = FxHashMap::default();
        let mut territorial: FxHashMap<Option<PlaceId>, Vec<ItemId>> = FxHashMap::default();
        let mut reached: FxHashMap<PlaceId, Vec<ItemId>> = FxHashMap::default();
        for (i, item) in rs.decls().items.iter().enumerate() {
            let id = ItemId::from_index(i);
            match &item.holder {
                Holder::Unit(u) => {
                    if let Some(list) = held.get_mut(u.index()) {
                        list.push(id);
                    }
                }
                Holder::EachTownship => each_township.entry(item.region).or_default().push(id),
                Holder::EachVillage => each_village.entry(item.region).or_default().push(id),
            }
            if resolve::undelegable(rs, item) && item.territorial.is_some() {
                territorial
                    .entry(resolve::scope(rs, item))
                    .or_default()
                    .push(id);
            }
            rs.index()
                .reached_townships(id, |t| reached.entry(t).or_default().push(id));
        }
        let mut named: FxHashMap<UnitId, Vec<(ScenarioId, ScenarioRole)>> = FxHashMap::default();
        let mut township_scenarios = Vec::new();
        for (i, s) in rs.decls().scenarios.iter().enumerate() {
            let scenario = ScenarioId::from_index(i);
            let leads = s
                .lead
                .as_ref()
                .map_or_else(Vec::new, |role| units_named(rs, role));
            let mut assists: Vec<UnitId> = s
                .assist
                .iter()
                .flat_map(|role| units_named(rs, role))
                .collect();
            assists.sort_unstable();
            assists.dedup();
            for (units, role) in [(leads, ScenarioRole::Lead), (assists, ScenarioRole::Assist)] {
                for u in units {
                    named.entry(u).or_default().push((scenario, role));
                }
            }
            if !s.township_duties.is_empty() {
                township_scenarios.push(scenario);
            }
        }
        DutyTables {
            held,
            each_township,
            each_village,
            territorial,
            reached,
            named,
            township_scenarios,
        }
    }
}

/// The units a role names as seen from their own seat, as [`scenario_roles`] decides.
fn units_named(rs: &RuleSet, role: &Role) -> Vec<UnitId> {
    let Role::Named(name) = role else {
        return Vec::new();
    };
    let mut units = rs.units_matching(name);
    units.retain(|u| {
        rs.unit(*u)
            .is_some_and(|unit| rs.resolve_unit(name, Some(unit.seat)) == Resolution::Found(*u))
    });
    units.sort_unstable();
    units.dedup();
    units
}

/// Whether the unit governs a township (its list then carries every scenario's township
/// duties).
pub(crate) fn governs_township(rs: &RuleSet, unit: UnitId) -> bool {
    governed(rs, unit, PlaceLevel::Township).is_some()
}

/// [`duties`], from tables built once for the rule set: the same answer, in the same order,
/// reading only the items that can add to the unit's list. Without `township_scenarios`, a
/// township government's list leaves out the township duties of scenarios, which every
/// township government carries alike.
pub(crate) fn duties_listed(
    rs: &RuleSet,
    tables: &DutyTables,
    unit: UnitId,
    date: Date,
    township_scenarios: bool,
) -> Result<DutiesAnswer, QueryError> {
    resolve::unit(rs, unit)?;
    let mut list = List::new(rs, unit);
    let mut ids: Vec<ItemId> = tables.held.get(unit.index()).cloned().unwrap_or_default();
    // The region keys an item applying at `place` can have: everywhere, the place, its ancestors.
    let regions = |place: PlaceId| std::iter::once(None).chain(rs.ancestors(place).map(Some));
    let mut take = |table: &FxHashMap<Option<PlaceId>, Vec<ItemId>>, key| {
        if let Some(found) = table.get(&key) {
            ids.extend_from_slice(found);
        }
    };
    if let Some(t) = list.township {
        for region in regions(t) {
            take(&tables.each_township, region);
            take(&tables.territorial, region);
        }
    }
    if let Some(v) = list.village {
        for region in regions(v) {
            take(&tables.each_village, region);
        }
    }
    if let Some(found) = list.township.and_then(|t| tables.reached.get(&t)) {
        ids.extend_from_slice(found);
    }
    ids.sort_unstable();
    ids.dedup();
    for id in ids {
        if let Some(item) = rs.item(id) {
            list.add(id, item, date);
        }
    }
    let township = township_scenarios && list.township.is_some();
    let roles = listed_roles(rs, tables, unit, township);
    Ok(list.finish(roles))
}

/// [`scenario_roles`] from the tables: each scenario's lead or collaborator entry, then its
/// township entry (when `is_township`), in scenario order.
fn listed_roles(
    rs: &RuleSet,
    tables: &DutyTables,
    unit: UnitId,
    is_township: bool,
) -> Vec<CooperationDuty> {
    let mut named = tables
        .named
        .get(&unit)
        .map_or(&[][..], Vec::as_slice)
        .iter()
        .peekable();
    let mut township = if is_township {
        tables.township_scenarios.as_slice()
    } else {
        &[]
    }
    .iter()
    .peekable();
    let mut out = Vec::new();
    loop {
        let named_first = match (named.peek(), township.peek()) {
            (None, None) => break,
            (Some(_), None) => true,
            (None, Some(_)) => false,
            (Some((s, _)), Some(t)) => s <= *t,
        };
        if named_first {
            if let Some((scenario, role)) = named.next() {
                out.push(CooperationDuty::Scenario {
                    scenario: *scenario,
                    role: *role,
                    duties: Vec::new(),
                });
            }
        } else if let Some(scenario) = township.next() {
            out.push(CooperationDuty::Scenario {
                scenario: *scenario,
                role: ScenarioRole::Township,
                duties: rs
                    .scenario(*scenario)
                    .map(|s| s.township_duties.clone())
                    .unwrap_or_default(),
            });
        }
    }
    out
}

/// The first revocation of the item from the township in force on the date.
/// The first declared revocation in force on the date that ended an active delegation of the
/// item at the township (a revocation that ended nothing puts nothing on the list).
fn revocation(rs: &RuleSet, item: ItemId, township: PlaceId, date: Date) -> Option<RevocationId> {
    rs.index()
        .revocations_at(item, township)
        .find(|r| {
            r.since <= date
                && delegation::ended_by_revocation(rs, item, township, r.since).is_some()
        })
        .map(|r| r.id)
}

/// Scenarios naming the unit as lead or collaborator (resolved from its seat), and for a
/// township government every scenario with township duties.
fn scenario_roles(rs: &RuleSet, unit: UnitId, is_township: bool) -> Vec<CooperationDuty> {
    let seat = rs.unit(unit).map(|u| u.seat);
    let names = |role: &Role| match role {
        Role::Named(name) => rs.resolve_unit(name, seat) == Resolution::Found(unit),
        _ => false,
    };
    let mut out = Vec::new();
    for (i, s) in rs.decls().scenarios.iter().enumerate() {
        let scenario = ScenarioId::from_index(i);
        if s.lead.as_ref().is_some_and(names) {
            out.push(CooperationDuty::Scenario {
                scenario,
                role: ScenarioRole::Lead,
                duties: Vec::new(),
            });
        }
        // A unit that both leads and assists one scenario holds both roles (Q0506 warns).
        if s.assist.iter().any(names) {
            out.push(CooperationDuty::Scenario {
                scenario,
                role: ScenarioRole::Assist,
                duties: Vec::new(),
            });
        }
        if is_township && !s.township_duties.is_empty() {
            out.push(CooperationDuty::Scenario {
                scenario,
                role: ScenarioRole::Township,
                duties: s.township_duties.clone(),
            });
        }
    }
    out
}
