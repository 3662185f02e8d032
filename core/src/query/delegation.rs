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
    revocation_in_index(rs, d.item, d.interval.since, township, date)
}

/// [`revocation_for`] from the index alone, for a delegation of `item` that began on `since`.
fn revocation_in_index(
    rs: &RuleSet,
    item: ItemId,
    since: Date,
    township: PlaceId,
    date: Date,
) -> Option<(RevocationId, Date)> {
    let mut best: Option<(RevocationId, Date)> = None;
    for r in rs.index().revocations_at(item, township) {
        if since < r.since && r.since <= date && best.is_none_or(|(_, first)| r.since < first) {
            best = Some((r.id, r.since));
        }
    }
    best
}

/// The first delegation of `item` (in declaration order) that a revocation from `since` ended
/// at the township: one reaching it that began before `since`, had not expired by then and was
/// not ended by an earlier revocation. `None`: the revocation ended nothing there.
pub(crate) fn ended_by_revocation(
    rs: &RuleSet,
    item: ItemId,
    township: PlaceId,
    since: Date,
) -> Option<DelegationId> {
    rs.index()
        .delegations_at(item, township)
        .find(|e| revocation_ends(rs, item, township, e.since, e.until, since))
        .map(|e| e.id)
}

/// Whether a revocation of `item` from `since` at the township ends a delegation (reaching it)
/// that runs over `[begun, until)`: it began before, had not expired, and no earlier revocation
/// had ended it.
pub(crate) fn revocation_ends(
    rs: &RuleSet,
    item: ItemId,
    township: PlaceId,
    begun: Date,
    until: Option<Date>,
    since: Date,
) -> bool {
    begun < since
        && until.is_none_or(|until| since < until)
        && revocation_in_index(rs, item, begun, township, since)
            .is_some_and(|(_, first)| first == since)
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

/// Active delegations of the item at the township (from the index) with their specificity,
/// in declaration order. Reads the index only: the same tests as [`failure`], on its entries.
pub(crate) fn active(
    rs: &RuleSet,
    item: ItemId,
    township: PlaceId,
    date: Date,
) -> impl Iterator<Item = (DelegationId, Specificity)> + '_ {
    rs.index()
        .delegations_at(item, township)
        .filter(move |e| {
            e.since <= date
                && e.until.is_none_or(|until| date < until)
                && revocation_in_index(rs, item, e.since, township, date).is_none()
        })
        .map(|e| (e.id, e.specificity))
}

/// The delegation that applies: the single most specific active one, or a conflict. Allocates
/// only for a conflict.
pub(crate) fn state(rs: &RuleSet, item: ItemId, township: PlaceId, date: Date) -> State {
    let mut top: Option<(Specificity, DelegationId)> = None;
    let mut tied = false;
    for (id, spec) in active(rs, item, township, date) {
        match top {
            Some((best, _)) if spec < best => {}
            Some((best, _)) if spec == best => tied = true,
            _ => {
                top = Some((spec, id));
                tied = false;
            }
        }
    }
    match top {
        None => State::None,
        Some((_, one)) if !tied => State::One(one),
        Some((best, _)) => State::Conflict(
            active(rs, item, township, date)
                .filter(|(_, s)| *s == best)
                .map(|(d, _)| d)
                .collect(),
        ),
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
    let mut scanned = Vec::new();
    for (did, reaches) in rs.index().delegations_of(item, township) {
        let d = rs.decls().delegations.get(did.index())?;
        let failure = failure(rs, d, reaches, township, date)?;
        scanned.push(Scanned {
            delegation: did,
            failure,
        });
    }
    Some(scanned)
}
