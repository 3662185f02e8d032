//! Check of `duties_answer`: the three lists recomputed by exhaustive scan of the declarations,
//! and the premises exactly the delegation, conflict, territorial and revocation steps behind
//! them.

use super::super::decls;
use super::super::{ensure, Checker, Verdict};
use crate::answer::{
    BasicDuty, CooperationDuty, DutiesAnswer, HandleMode, RevokedDuty, ScenarioRole,
};
use crate::ids::{ItemId, PlaceId, RevocationId, ScenarioId, UnitId};
use crate::model::delegation::Mode;
use crate::model::item::Holder;
use crate::model::jurisdiction::PlaceLevel;
use crate::model::scenario::Role;
use crate::names::Resolution;
use crate::proof::{Claim, DeclRef, Step};

fn mode(mode: Mode) -> HandleMode {
    match mode {
        Mode::Grant => HandleMode::Grant,
        Mode::Entrust => HandleMode::Entrust,
        Mode::Statutory => HandleMode::Statutory,
    }
}

impl Checker<'_> {
    pub(in crate::checker) fn duties(
        &self,
        step: &Step,
        unit: UnitId,
        date: time::Date,
        answer: &DutiesAnswer,
    ) -> Verdict {
        let d = self.rs.decls();
        let u = d.units.get(unit.index()).ok_or("unknown unit")?;
        let governed = |level: PlaceLevel| {
            d.places
                .get(u.seat.index())
                .filter(|p| p.level == level && p.unit == Some(unit))
                .map(|_| u.seat)
        };
        let (township, village) = (
            governed(PlaceLevel::Township),
            governed(PlaceLevel::Village),
        );
        let region_ok = |region: Option<PlaceId>, place: PlaceId| {
            region.is_none_or(|r| decls::is_within(d, place, r))
        };
        let mut basic = Vec::new();
        let mut cooperating = Vec::new();
        let mut revoked = Vec::new();
        let mut premises: Vec<Claim> = Vec::new();
        for (i, item) in d.items.iter().enumerate() {
            let id = ItemId::from_index(i);
            let own = match &item.holder {
                Holder::Unit(h) => *h == unit,
                Holder::EachTownship => township
                    .is_some_and(|t| region_ok(item.region, t) && decls::kind_holds(d, item, t)),
                Holder::EachVillage => village
                    .is_some_and(|v| region_ok(item.region, v) && decls::kind_holds(d, item, v)),
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
            if decls::undelegable(d, item) {
                if let (Some(terr), true) = (&item.territorial, decls::in_scope(d, item, t)) {
                    cooperating.push(CooperationDuty::Territorial {
                        item: id,
                        primary: terr.primary,
                        duties: terr.township_duties.clone(),
                    });
                    premises.push(Claim::TerritorialItem {
                        item: id,
                        primary: terr.primary,
                        duties: terr.township_duties.clone(),
                    });
                }
                continue;
            }
            let active = decls::active(d, self.rs.checker_tables(), id, t, date);
            let top = active.iter().map(|(_, s)| *s).max();
            let best: Vec<_> = active
                .iter()
                .filter(|(_, s)| Some(*s) == top)
                .map(|(x, _)| *x)
                .collect();
            let conflict = best.len() > 1;
            for dl in &best {
                let m = d
                    .delegations
                    .get(dl.index())
                    .map(|x| mode(x.mode))
                    .ok_or("unknown delegation")?;
                basic.push(BasicDuty {
                    item: id,
                    mode: m,
                    delegation: Some(*dl),
                    conflict,
                });
            }
            match best.as_slice() {
                [] => {
                    let revocation = d
                        .revocations
                        .iter()
                        .position(|r| {
                            r.item == id
                                && r.since <= date
                                && decls::covers(d, &r.target, t)
                                && decls::ended_by(d, self.rs.checker_tables(), id, t, r.since)
                        })
                        .map(RevocationId::from_index);
                    if let Some(r) = revocation {
                        revoked.push(RevokedDuty {
                            item: id,
                            revocation: r,
                        });
                    }
                }
                [one] => premises.push(Claim::Delegated {
                    item: id,
                    township: t,
                    date,
                    delegation: *one,
                }),
                many => premises.push(Claim::Conflict {
                    item: id,
                    township: t,
                    date,
                    delegations: many.to_vec(),
                }),
            }
        }
        let names = |role: &Role| match role {
            Role::Named(name) => {
                self.rs.resolve_unit(name, Some(u.seat)) == Resolution::Found(unit)
            }
            _ => false,
        };
        for (i, s) in d.scenarios.iter().enumerate() {
            let scenario = ScenarioId::from_index(i);
            if s.lead.as_ref().is_some_and(names) {
                cooperating.push(CooperationDuty::Scenario {
                    scenario,
                    role: ScenarioRole::Lead,
                    duties: Vec::new(),
                });
            }
            if s.assist.iter().any(names) {
                cooperating.push(CooperationDuty::Scenario {
                    scenario,
                    role: ScenarioRole::Assist,
                    duties: Vec::new(),
                });
            }
            if township.is_some() && !s.township_duties.is_empty() {
                cooperating.push(CooperationDuty::Scenario {
                    scenario,
                    role: ScenarioRole::Township,
                    duties: s.township_duties.clone(),
                });
            }
        }
        // Premises: delegation and conflict steps in item order, then territorial, then revocations.
        let mut want: Vec<Claim> = premises
            .iter()
            .filter(|c| !matches!(c, Claim::TerritorialItem { .. }))
            .cloned()
            .collect();
        want.extend(
            premises
                .iter()
                .filter(|c| matches!(c, Claim::TerritorialItem { .. }))
                .cloned(),
        );
        for r in &revoked {
            let decl = d
                .revocations
                .get(r.revocation.index())
                .ok_or("unknown revocation")?;
            want.push(Claim::Revocation {
                revocation: r.revocation,
                item: decl.item,
                target: decl.target.clone(),
                since: decl.since,
            });
        }
        self.premise_count(step, want.len())?;
        for (k, claim) in want.iter().enumerate() {
            ensure(
                self.premise_claim(step, k)? == claim,
                &format!("premise {k} is not the step behind the list"),
            )?;
        }
        let expected = DutiesAnswer {
            basic,
            cooperating,
            revoked,
        };
        ensure(
            expected == *answer,
            "the lists do not follow from the declarations",
        )?;
        self.cites(step, DeclRef::Unit(unit))
    }
}
