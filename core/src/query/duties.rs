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
use crate::model::item::Holder;
use crate::model::jurisdiction::PlaceLevel;
use crate::model::scenario::Role;
use crate::names::Resolution;
use crate::proof::{Claim, DeclRef, Proof, Query, Rule};
use crate::ruleset::RuleSet;
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
    let township = governed(rs, unit, PlaceLevel::Township);
    let village = governed(rs, unit, PlaceLevel::Village);
    let applies = |item: &crate::model::item::Item, place: PlaceId| {
        item.region
            .is_none_or(|region| resolve::is_within(rs, place, region))
    };
    let mut basic = Vec::new();
    let mut cooperating = Vec::new();
    let mut revoked = Vec::new();
    for (i, item) in rs.decls().items.iter().enumerate() {
        let id = ItemId::from_index(i);
        let own = match &item.holder {
            Holder::Unit(u) => *u == unit,
            Holder::EachTownship => township.is_some_and(|t| applies(item, t)),
            Holder::EachVillage => village.is_some_and(|v| applies(item, v)),
        };
        if own {
            basic.push(BasicDuty {
                item: id,
                mode: HandleMode::Own,
                delegation: None,
                conflict: false,
            });
        }
        let Some(t) = township else { continue };
        if resolve::undelegable(item) {
            let in_scope =
                resolve::scope(rs, item).is_none_or(|region| resolve::is_within(rs, t, region));
            if let (Some(terr), true) = (&item.territorial, in_scope) {
                cooperating.push(CooperationDuty::Territorial {
                    item: id,
                    primary: terr.primary,
                    duties: terr.township_duties.clone(),
                });
            }
            continue;
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
            State::One(d) => basic.extend(delegated(*d, false)),
            State::Conflict(ds) => basic.extend(ds.iter().filter_map(|d| delegated(*d, true))),
            State::None => {
                if let Some(r) = revocation(rs, id, t, date) {
                    revoked.push(RevokedDuty {
                        item: id,
                        revocation: r,
                    });
                }
            }
        }
    }
    cooperating.extend(scenario_roles(rs, unit, township.is_some()));
    DutiesAnswer {
        basic,
        cooperating,
        revoked,
    }
}

/// The first revocation of the item from the township in force on the date.
fn revocation(rs: &RuleSet, item: ItemId, township: PlaceId, date: Date) -> Option<RevocationId> {
    rs.index()
        .revocations_at(item, township)
        .find(|r| r.since <= date)
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
        } else if s.assist.iter().any(names) {
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
