//! `why_not(unit, item, place, date)`: the reasons a unit does not handle an item here — another
//! unit handles it (and how), no delegation reaches the township (each candidate with why it
//! fails: other target, not yet in force, expired, revoked), the item cannot be delegated, the
//! unit only cooperates, or delegations conflict.

use super::{can, delegation, resolve, who, QueryError};
use crate::answer::{HandleMode, Reason, WhoAnswer, WhyNotAnswer};
use crate::ids::{ItemId, PlaceId, UnitId};
use crate::proof::{Claim, Proof, Query, Rule};
use crate::ruleset::RuleSet;
use time::Date;

/// Why `unit` does not handle `item` at `place` on `date` (no reasons when it does).
pub fn why_not(
    rs: &RuleSet,
    unit: UnitId,
    item: ItemId,
    place: PlaceId,
    date: Date,
) -> Result<WhyNotAnswer, QueryError> {
    let unit_seat = resolve::unit(rs, unit)?.seat;
    let who = who::answer(rs, item, place, date, None)?;
    let can = can::decide(unit, &who);
    let mut reasons = Vec::new();
    if can.allowed {
        return Ok(WhyNotAnswer {
            allowed: true,
            reasons,
        });
    }
    match &who {
        WhoAnswer::Conflict {
            township,
            candidates,
        } => reasons.push(Reason::Conflict {
            township: *township,
            delegations: candidates.iter().filter_map(|c| c.delegation).collect(),
        }),
        WhoAnswer::Handled(h) => {
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
            let township = resolve::at(rs, place)?.township;
            if let (HandleMode::Own, Some(township)) = (h.mode, township) {
                let item_decl = resolve::item(rs, item)?;
                if resolve::undelegable(rs, item_decl) {
                    reasons.push(Reason::Undelegable);
                } else {
                    let scanned = delegation::scan(rs, item, township, date).ok_or_else(|| {
                        QueryError::Internal(
                            "an active delegation behind a holder's answer".to_owned(),
                        )
                    })?;
                    reasons.push(Reason::NoDelegation { township, scanned });
                }
            }
        }
    }
    // Every reason that holds: a township's unit asked about a place outside its township.
    let unit_township = rs.index().township_of(unit_seat);
    let place_township = resolve::at(rs, place)?.township;
    if let Some(own) = unit_township.filter(|own| Some(*own) != place_township) {
        reasons.push(Reason::OtherTerritory {
            unit_township: own,
            township: place_township,
        });
    }
    Ok(WhyNotAnswer {
        allowed: false,
        reasons,
    })
}

/// [`why_not`] with its proof.
pub fn why_not_proved(
    rs: &RuleSet,
    unit: UnitId,
    item: ItemId,
    place: PlaceId,
    date: Date,
) -> Result<(WhyNotAnswer, Proof), QueryError> {
    let answer = why_not(rs, unit, item, place, date)?;
    let (_, b, can_step) = can::prove(rs, unit, item, place, date)?;
    let mut b = b;
    // The reasons rest on the `can` step and on the negative (or undelegable) step behind a
    // holder's answer, which is already a premise of the `handles` step.
    let mut premises = vec![can_step];
    let handles = b.step(can_step).and_then(|s| s.premises.first().copied());
    if !answer.allowed {
        if let Some(support) = handles.and_then(|h| b.step(h)).map(|s| s.premises.clone()) {
            for p in support {
                if matches!(
                    b.step(p).map(|s| &s.claim),
                    Some(Claim::NoActiveDelegation { .. } | Claim::Undelegable { .. })
                ) {
                    premises.push(p);
                }
            }
        }
    }
    // explain
    let claim = Claim::WhyNot {
        unit,
        item,
        place,
        date,
        answer: answer.clone(),
    };
    let last = b.add(claim, Rule::Explain, premises, None);
    Ok((
        answer,
        b.finish(
            last,
            Query::WhyNot {
                unit,
                item,
                place,
                date,
            },
        ),
    ))
}
