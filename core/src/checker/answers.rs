//! Checks of the rules that conclude `who_handles`, `can` and `why_not`: `by_holder`,
//! `by_holder_above_township`, `by_delegation`, `by_reserve`, `by_candidate`, `territorial`,
//! `territorial_above_township`, `conflict_answer`, `may`, `may_not`, `may_not_conflict`,
//! `explain`.

use super::decls;
use super::{ensure, Checker, Verdict};
use crate::answer::{Capacity, Cooperation, HandleMode, Handling, Reason, WhyNotAnswer};
use crate::ids::{ItemId, PlaceId, UnitId};
use crate::model::delegation::Mode;
use crate::model::jurisdiction::PlaceLevel;
use crate::proof::{Claim, Rule, Step};

fn capacity(unit: UnitId, h: &Handling) -> Option<Capacity> {
    if h.handler == unit {
        Some(Capacity::Handler)
    } else if h.legal_subject == unit {
        Some(Capacity::LegalSubject)
    } else if h.executor == unit {
        Some(Capacity::Executor)
    } else {
        None
    }
}

impl Checker<'_> {
    pub(super) fn answer_rule(&self, step: &Step) -> Verdict {
        self.no_cite(step)?;
        match (&step.rule, &step.claim) {
            (
                _,
                Claim::Handles {
                    item,
                    place,
                    date,
                    part,
                    handling,
                },
            ) => self.handles(step, *item, *place, *date, part.as_deref(), handling),
            // conflict_answer: the conflict and one by_candidate step per conflicting delegation.
            (
                Rule::ConflictAnswer,
                Claim::Contested {
                    item,
                    place,
                    date,
                    part,
                    township,
                    candidates,
                },
            ) => {
                let Claim::Conflict {
                    item: i,
                    township: t,
                    date: dt,
                    delegations,
                } = self.premise_claim(step, 0)?
                else {
                    return Err("premise 0 is not a conflict".to_owned());
                };
                ensure(
                    i == item && t == township && dt == date,
                    "the conflict is about another item, township or date",
                )?;
                ensure(
                    delegations.len() == candidates.len(),
                    "the candidates are not the conflicting delegations",
                )?;
                self.premise_count(step, candidates.len() + 1)?;
                for (k, (candidate, d)) in candidates.iter().zip(delegations).enumerate() {
                    let p = self.premise(step, k + 1)?;
                    let want = Claim::Handles {
                        item: *item,
                        place: *place,
                        date: *date,
                        part: part.clone(),
                        handling: candidate.clone(),
                    };
                    ensure(
                        p.rule == Rule::ByCandidate && p.claim == want,
                        "a candidate lacks its by_candidate step",
                    )?;
                    ensure(
                        candidate.delegation == Some(*d),
                        "a candidate is not the conflicting delegation's",
                    )?;
                }
                Ok(())
            }
            // may: the unit takes part in the handling.
            (
                Rule::May,
                Claim::May {
                    unit,
                    item,
                    place,
                    date,
                    capacity: cap,
                },
            ) => {
                self.premise_count(step, 1)?;
                let h = self.final_handles(step, *item, *place, *date)?;
                ensure(
                    capacity(*unit, h) == Some(*cap),
                    "the unit does not take part in the handling in this capacity",
                )
            }
            // may_not: the unit takes no part in the handling.
            (
                Rule::MayNot,
                Claim::MayNot {
                    unit,
                    item,
                    place,
                    date,
                    conflict,
                },
            ) => {
                self.premise_count(step, 1)?;
                ensure(!conflict, "may_not does not rest on a conflict")?;
                let h = self.final_handles(step, *item, *place, *date)?;
                ensure(
                    capacity(*unit, h).is_none(),
                    "the unit takes part in the handling",
                )
            }
            // may_not_conflict: a conflict denies every unit.
            (
                Rule::MayNotConflict,
                Claim::MayNot {
                    item,
                    place,
                    date,
                    conflict,
                    ..
                },
            ) => {
                self.premise_count(step, 1)?;
                ensure(*conflict, "the claim does not say conflict")?;
                match self.premise_claim(step, 0)? {
                    Claim::Contested {
                        item: i,
                        place: p,
                        date: d,
                        part: None,
                        ..
                    } if i == item && p == place && d == date => Ok(()),
                    _ => Err(
                        "premise 0 is not the conflict answer for this item, place and date"
                            .to_owned(),
                    ),
                }
            }
            // explain: the reasons read off the can step and the support of its handling.
            (
                Rule::Explain,
                Claim::WhyNot {
                    unit,
                    item,
                    place,
                    date,
                    answer,
                },
            ) => self.explain(step, *unit, *item, *place, *date, answer),
            _ => Err("the rule does not derive this kind of claim".to_owned()),
        }
    }

    /// Premise 0 is a `handles` answer (not a candidate) for the item, place and date, no part.
    fn final_handles(
        &self,
        step: &Step,
        item: ItemId,
        place: PlaceId,
        date: time::Date,
    ) -> Result<&Handling, String> {
        let p = self.premise(step, 0)?;
        match &p.claim {
            Claim::Handles {
                item: i,
                place: pl,
                date: d,
                part: None,
                handling,
            } if *i == item && *pl == place && *d == date && p.rule != Rule::ByCandidate => {
                Ok(handling)
            }
            _ => Err("premise 0 is not the handling of this item, place and date".to_owned()),
        }
    }

    fn handles(
        &self,
        step: &Step,
        item: ItemId,
        place: PlaceId,
        date: time::Date,
        part: Option<&str>,
        h: &Handling,
    ) -> Verdict {
        let d = self.rs.decls();
        let decl = d.items.get(item.index()).ok_or("unknown item")?;
        ensure(
            decls::in_scope(d, decl, place),
            "the item does not apply at the place",
        )?;
        ensure(
            part.is_none_or(|p| decl.parts.iter().any(|x| x == p)),
            "the item declares no such part",
        )?;
        let territorial = decls::undelegable(d, decl) && decl.territorial.is_some();
        let township = decls::ancestor_at(d, place, PlaceLevel::Township);
        let within = |k: usize| -> Result<PlaceId, String> {
            match self.premise_claim(step, k)? {
                Claim::Within {
                    place: p,
                    ancestor,
                    level: PlaceLevel::Township,
                } if *p == place => Ok(*ancestor),
                _ => Err(format!(
                    "premise {k} does not place the query in its township"
                )),
            }
        };
        let holds = |k: usize| -> Result<UnitId, String> {
            match self.premise_claim(step, k)? {
                Claim::Holds {
                    unit,
                    item: i,
                    place: p,
                } if *i == item && *p == place => Ok(*unit),
                _ => Err(format!("premise {k} is not the item's holder at the place")),
            }
        };
        let executes = |k: usize, unit: UnitId| -> Result<UnitId, String> {
            match self.premise_claim(step, k)? {
                Claim::Executes {
                    unit: u,
                    item: i,
                    office,
                } if *u == unit && *i == item => Ok(*office),
                _ => Err(format!(
                    "premise {k} is not the executing office of the unit"
                )),
            }
        };
        let governs = |k: usize, township: PlaceId| -> Result<UnitId, String> {
            match self.premise_claim(step, k)? {
                Claim::Governs { unit, place: p } if *p == township => Ok(*unit),
                _ => Err(format!("premise {k} is not the township's government")),
            }
        };
        let delegation = |k: usize| -> Result<(crate::DelegationId, UnitId, Mode), String> {
            match self.premise_claim(step, k)? {
                Claim::Delegation {
                    delegation,
                    item: i,
                    from,
                    mode,
                    ..
                } if *i == item => Ok((*delegation, *from, *mode)),
                _ => Err(format!("premise {k} is not a delegation of the item")),
            }
        };
        let own = |unit: UnitId, executor: UnitId, mode: HandleMode, delegation| Handling {
            handler: unit,
            legal_subject: unit,
            executor,
            mode,
            delegation,
            cooperating: Vec::new(),
        };
        let delegated = |gov: UnitId, from: UnitId, mode: Mode, executor: UnitId, d| Handling {
            handler: gov,
            legal_subject: if mode == Mode::Entrust { from } else { gov },
            executor,
            mode: match mode {
                Mode::Grant => HandleMode::Grant,
                Mode::Entrust => HandleMode::Entrust,
                Mode::Statutory => HandleMode::Statutory,
            },
            delegation: Some(d),
            cooperating: Vec::new(),
        };
        let expected = match step.rule {
            // by_holder_above_township
            Rule::ByHolderAboveTownship => {
                self.premise_count(step, 2)?;
                ensure(
                    township.is_none() && !territorial,
                    "the rule applies above township level to non-territorial items",
                )?;
                let unit = holds(0)?;
                own(unit, executes(1, unit)?, HandleMode::Own, None)
            }
            // by_holder
            Rule::ByHolder => {
                self.premise_count(step, 4)?;
                ensure(
                    !territorial,
                    "a territorial item is answered by its primary unit",
                )?;
                let t = within(0)?;
                let unit = holds(1)?;
                match self.premise_claim(step, 2)? {
                    Claim::NoActiveDelegation {
                        item: i,
                        township: pt,
                        date: pd,
                        ..
                    } if *i == item && *pt == t && *pd == date && !decls::undelegable(d, decl) => {}
                    Claim::Undelegable { item: i } if *i == item => {}
                    _ => {
                        return Err(
                            "premise 2 does not rule out delegations at the township".to_owned()
                        )
                    }
                }
                own(unit, executes(3, unit)?, HandleMode::Own, None)
            }
            // by_delegation
            Rule::ByDelegation => {
                self.premise_count(step, 5)?;
                let t = within(0)?;
                let (del, from, mode) = delegation(2)?;
                match self.premise_claim(step, 1)? {
                    Claim::Delegated {
                        item: i,
                        township: pt,
                        date: pd,
                        delegation: pdel,
                    } if *i == item && *pt == t && *pd == date && *pdel == del => {}
                    _ => return Err("premise 1 is not the applicable delegation".to_owned()),
                }
                let reserve = d
                    .delegations
                    .get(del.index())
                    .map(|x| x.reserve.clone())
                    .unwrap_or_default();
                ensure(
                    part.is_none_or(|p| !reserve.iter().any(|r| r == p)),
                    "the part is reserved to the holder",
                )?;
                let gov = governs(3, t)?;
                delegated(gov, from, mode, executes(4, gov)?, del)
            }
            // by_candidate
            Rule::ByCandidate => {
                self.premise_count(step, 5)?;
                let t = within(0)?;
                let (del, from, mode) = delegation(2)?;
                self.active_premise(step, 1, del, t, date)?;
                let gov = governs(3, t)?;
                delegated(gov, from, mode, executes(4, gov)?, del)
            }
            // by_reserve
            Rule::ByReserve => {
                self.premise_count(step, 5)?;
                let t = within(0)?;
                let unit = holds(1)?;
                let del = match self.premise_claim(step, 2)? {
                    Claim::Delegated {
                        item: i,
                        township: pt,
                        date: pd,
                        delegation,
                    } if *i == item && *pt == t && *pd == date => *delegation,
                    _ => return Err("premise 2 is not the applicable delegation".to_owned()),
                };
                match self.premise_claim(step, 3)? {
                    Claim::Reserved {
                        delegation,
                        part: p,
                    } if *delegation == del && Some(p.as_str()) == part => {}
                    _ => return Err("premise 3 is not the reserve clause for the part".to_owned()),
                }
                own(unit, executes(4, unit)?, HandleMode::Reserved, Some(del))
            }
            // territorial / territorial_above_township
            Rule::Territorial | Rule::TerritorialAboveTownship => {
                let (primary, duties) = match self.premise_claim(step, 0)? {
                    Claim::TerritorialItem {
                        item: i,
                        primary,
                        duties,
                    } if *i == item => (*primary, duties.clone()),
                    _ => return Err("premise 0 is not the item's territorial clause".to_owned()),
                };
                if step.rule == Rule::Territorial {
                    self.premise_count(step, 4)?;
                    let t = within(1)?;
                    let gov = governs(2, t)?;
                    let mut h = own(
                        primary,
                        executes(3, primary)?,
                        HandleMode::Territorial,
                        None,
                    );
                    h.cooperating = vec![Cooperation { unit: gov, duties }];
                    h
                } else {
                    self.premise_count(step, 2)?;
                    ensure(township.is_none(), "the place lies in a township")?;
                    own(
                        primary,
                        executes(1, primary)?,
                        HandleMode::Territorial,
                        None,
                    )
                }
            }
            _ => return Err("the rule does not derive a handles claim".to_owned()),
        };
        ensure(
            expected == *h,
            "the handling does not follow from the premises",
        )
    }

    fn explain(
        &self,
        step: &Step,
        unit: UnitId,
        item: ItemId,
        place: PlaceId,
        date: time::Date,
        answer: &WhyNotAnswer,
    ) -> Verdict {
        let can = self.premise(step, 0)?;
        match &can.claim {
            Claim::May {
                unit: u,
                item: i,
                place: p,
                date: d,
                ..
            } if *u == unit && *i == item && *p == place && *d == date => {
                self.premise_count(step, 1)?;
                return ensure(
                    answer.allowed && answer.reasons.is_empty(),
                    "an allowed unit has no reasons",
                );
            }
            Claim::MayNot {
                unit: u,
                item: i,
                place: p,
                date: d,
                ..
            } if *u == unit && *i == item && *p == place && *d == date => {}
            _ => return Err("premise 0 is not the can answer for this query".to_owned()),
        }
        let basis = self.premise(can, 0)?;
        let mut reasons = Vec::new();
        let mut support = Vec::new();
        match &basis.claim {
            Claim::Contested {
                township,
                candidates,
                ..
            } => reasons.push(Reason::Conflict {
                township: *township,
                delegations: candidates.iter().filter_map(|c| c.delegation).collect(),
            }),
            Claim::Handles { handling: h, .. } => {
                reasons.push(Reason::HandledBy {
                    handler: h.handler,
                    legal_subject: h.legal_subject,
                    mode: h.mode,
                });
                if let Some(c) = h.cooperating.iter().find(|c| c.unit == unit) {
                    reasons.push(Reason::CooperatesOnly {
                        duties: c.duties.clone(),
                    });
                }
                for (k, id) in basis.premises.iter().enumerate() {
                    match self.premise_claim(basis, k)? {
                        Claim::NoActiveDelegation {
                            township, scanned, ..
                        } => {
                            reasons.push(Reason::NoDelegation {
                                township: *township,
                                scanned: scanned.clone(),
                            });
                            support.push(*id);
                        }
                        Claim::Undelegable { .. } => {
                            reasons.push(Reason::Undelegable);
                            support.push(*id);
                        }
                        _ => {}
                    }
                }
            }
            _ => return Err("the can step rests on no answer of who_handles".to_owned()),
        }
        // other_territory: read off the declarations, the unit's seat and the place.
        let d = self.rs.decls();
        let unit_township = d
            .units
            .get(unit.index())
            .and_then(|u| decls::ancestor_at(d, u.seat, PlaceLevel::Township));
        let place_township = decls::ancestor_at(d, place, PlaceLevel::Township);
        if let Some(own) = unit_township.filter(|own| Some(*own) != place_township) {
            reasons.push(Reason::OtherTerritory {
                unit_township: own,
                township: place_township,
            });
        }
        ensure(
            step.premises.get(1..) == Some(support.as_slice()),
            "the reasons' support steps are not the premises",
        )?;
        ensure(
            !answer.allowed && answer.reasons == reasons,
            "the reasons do not follow from the premises",
        )
    }
}
