//! Which delegation of an item applies at a township on a date: intervals, revocations and the
//! specificity order, answered from the (item, township) index.

use crate::answer::{Failure, Scanned};
use crate::ids::{DelegationId, ItemId, PlaceId, RevocationId};
use crate::model::delegation::{Delegation, Specificity};
use crate::ruleset::RuleSet;
use time::Date;

/// The delegations of an item at one township on one date.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum State {
    None,
    One(DelegationId),
    /// Two or more of equal, highest specificity: in id order.
    Conflict(Vec<DelegationId>),
}

/// The revocation that ends `d` at the township on or before `date`: the earliest in force,
/// ties to the first declared. Only a revocation later than the delegation's start counts: a
/// delegation beginning on or after a revocation is a new one.
pub(crate) fn revocation_for(
    rs: &RuleSet,
    d: &Delegation,
    township: PlaceId,
    date: Date,
) -> Option<(RevocationId, Date)> {
    let mut best: Option<(RevocationId, Date)> = None;
    for rid in rs.index().revocations_at(d.item, township) {
        let Some(r) = rs.decls().revocations.get(rid.index()) else {
            continue;
        };
        if d.interval.since < r.since
            && r.since <= date
            && best.is_none_or(|(_, since)| r.since < since)
        {
            best = Some((*rid, r.since));
        }
    }
    best
}

/// Whether `d` is in force at the township on the date; `covered` says whether its target
/// reaches the township.
pub(crate) fn failure(
    rs: &RuleSet,
    d: &Delegation,
    covered: bool,
    township: PlaceId,
    date: Date,
) -> Option<Failure> {
    if !covered {
        return Some(Failure::OtherTarget);
    }
    if date < d.interval.since {
        return Some(Failure::NotYetInForce {
            since: d.interval.since,
        });
    }
    if let Some(until) = d.interval.until.filter(|until| *until <= date) {
        return Some(Failure::Expired { until });
    }
    revocation_for(rs, d, township, date).map(|(by, since)| Failure::Revoked { by, since })
}

/// Active delegations of the item at the township (from the index) with their specificity.
pub(crate) fn active(
    rs: &RuleSet,
    item: ItemId,
    township: PlaceId,
    date: Date,
) -> Vec<(DelegationId, Specificity)> {
    let mut out = Vec::new();
    for did in rs.index().delegations_at(item, township) {
        let Some(d) = rs.decls().delegations.get(did.index()) else {
            continue;
        };
        if failure(rs, d, true, township, date).is_none() {
            out.push((*did, d.target.specificity()));
        }
    }
    out
}

/// The delegation that applies: the single most specific active one, or a conflict.
pub(crate) fn state(rs: &RuleSet, item: ItemId, township: PlaceId, date: Date) -> State {
    let active = active(rs, item, township, date);
    let Some(top) = active.iter().map(|(_, s)| *s).max() else {
        return State::None;
    };
    let best: Vec<DelegationId> = active
        .iter()
        .filter(|(_, s)| *s == top)
        .map(|(d, _)| *d)
        .collect();
    match best.as_slice() {
        [one] => State::One(*one),
        _ => State::Conflict(best),
    }
}

/// Every delegation of the item, each with why it fails at the township on the date. Scans the
/// item's delegations: for negative proofs and `why_not`, never on the `who_handles` path.
pub(crate) fn scan(
    rs: &RuleSet,
    item: ItemId,
    township: PlaceId,
    date: Date,
) -> Option<Vec<Scanned>> {
    let reaching = rs.index().delegations_at(item, township);
    let mut scanned = Vec::new();
    for did in rs.index().delegations_of(item) {
        let d = rs.decls().delegations.get(did.index())?;
        let failure = failure(rs, d, reaching.contains(did), township, date)?;
        scanned.push(Scanned {
            delegation: *did,
            failure,
        });
    }
    Some(scanned)
}
