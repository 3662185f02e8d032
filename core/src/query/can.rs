//! `can(unit, item, place, date)`: may this unit exercise this item here, now. Allowed are the
//! handler, the unit in whose name it acts and the executing office; a conflict denies every
//! unit. Answered from `who_handles`, so it costs what that costs.

use super::prove::Builder;
use super::{resolve, who, QueryError};
use crate::answer::{CanAnswer, Capacity, Handling, WhoAnswer};
use crate::ids::{ItemId, PlaceId, UnitId};
use crate::proof::{Claim, Proof, Query, Rule};
use crate::ruleset::RuleSet;
use time::Date;

/// May `unit` exercise `item` at `place` on `date`?
pub fn can(
    rs: &RuleSet,
    unit: UnitId,
    item: ItemId,
    place: PlaceId,
    date: Date,
) -> Result<CanAnswer, QueryError> {
    resolve::unit(rs, unit)?;
    let who = who::answer(rs, item, place, date, None)?;
    Ok(decide(unit, &who))
}

/// [`can`] with its proof.
pub fn can_proved(
    rs: &RuleSet,
    unit: UnitId,
    item: ItemId,
    place: PlaceId,
    date: Date,
) -> Result<(CanAnswer, Proof), QueryError> {
    let (answer, b, last) = prove(rs, unit, item, place, date)?;
    Ok((
        answer,
        b.finish(
            last,
            Query::Can {
                unit,
                item,
                place,
                date,
            },
        ),
    ))
}

/// The capacity in which `unit` takes part in a handling, if any.
pub(crate) fn capacity(unit: UnitId, h: &Handling) -> Option<Capacity> {
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

pub(crate) fn decide(unit: UnitId, who: &WhoAnswer) -> CanAnswer {
    match who {
        WhoAnswer::Handled(h) => {
            let capacity = capacity(unit, h);
            CanAnswer {
                allowed: capacity.is_some(),
                capacity,
                conflict: false,
            }
        }
        WhoAnswer::Conflict { .. } => CanAnswer {
            allowed: false,
            capacity: None,
            conflict: true,
        },
    }
}

/// Builds the answer and its derivation; returns the builder and the last step's id.
pub(crate) fn prove(
    rs: &RuleSet,
    unit: UnitId,
    item: ItemId,
    place: PlaceId,
    date: Date,
) -> Result<(CanAnswer, Builder<'_>, u32), QueryError> {
    resolve::unit(rs, unit)?;
    let who = who::answer(rs, item, place, date, None)?;
    let answer = decide(unit, &who);
    let mut b = Builder::new(rs);
    let handles = who::prove(&mut b, item, place, date, None, &who)?;
    let (claim, rule) = match (&who, answer.capacity) {
        // may
        (_, Some(capacity)) => (
            Claim::May {
                unit,
                item,
                place,
                date,
                capacity,
            },
            Rule::May,
        ),
        // may_not
        (WhoAnswer::Handled(_), None) => (
            Claim::MayNot {
                unit,
                item,
                place,
                date,
                conflict: false,
            },
            Rule::MayNot,
        ),
        // may_not_conflict
        (WhoAnswer::Conflict { .. }, None) => (
            Claim::MayNot {
                unit,
                item,
                place,
                date,
                conflict: true,
            },
            Rule::MayNotConflict,
        ),
    };
    let last = b.add(claim, rule, vec![handles], None);
    Ok((answer, b, last))
}
