//! The checker's own reading of the declaration tables: region walks, target coverage,
//! intervals and revocations, routes. Written against `Decls` and the checker's own grouping of
//! them by item and unit ([`Tables`]), by exhaustive scan of each group; it shares no code with
//! the query engine or its indexes.

use super::tables::Tables;
use crate::answer::{Failure, Scanned};
use crate::ids::{DelegationId, ItemId, PlaceId, RevocationId, UnitId};
use crate::model::delegation::{Delegation, Specificity, Target};
use crate::model::item::{Holder, Item, ListKind};
use crate::model::jurisdiction::PlaceLevel;
use crate::model::unit::{RouteKey, UnitKind};
use crate::proof::Rule;
use crate::ruleset::Decls;
use time::Date;

/// The place and its ancestors, nearest first (bounded by the table's size).
pub(super) fn chain(decls: &Decls, place: PlaceId) -> Vec<PlaceId> {
    let mut out = Vec::new();
    let mut current = Some(place);
    while let Some(p) = current {
        if out.len() > decls.places.len() {
            break;
        }
        let Some(decl) = decls.places.get(p.index()) else {
            break;
        };
        out.push(p);
        current = decl.parent;
    }
    out
}

pub(super) fn level(decls: &Decls, place: PlaceId) -> Option<PlaceLevel> {
    decls.places.get(place.index()).map(|p| p.level)
}

pub(super) fn ancestor_at(decls: &Decls, place: PlaceId, at: PlaceLevel) -> Option<PlaceId> {
    chain(decls, place)
        .into_iter()
        .find(|p| level(decls, *p) == Some(at))
}

pub(super) fn is_within(decls: &Decls, place: PlaceId, region: PlaceId) -> bool {
    chain(decls, place).contains(&region)
}

pub(super) fn governing(decls: &Decls, place: PlaceId) -> Option<UnitId> {
    decls.places.get(place.index()).and_then(|p| p.unit)
}

/// Whether a delegation or revocation target reaches the township.
pub(super) fn covers(decls: &Decls, target: &Target, township: PlaceId) -> bool {
    let Some(t) = decls.places.get(township.index()) else {
        return false;
    };
    if t.level != PlaceLevel::Township {
        return false;
    }
    let above = |region: PlaceId| region != township && is_within(decls, township, region);
    match target {
        Target::Township(p) => *p == township,
        Target::County(c) => above(*c),
        Target::Class { county, class } => above(*county) && t.class == Some(*class),
        Target::Group {
            region,
            class,
            kinds,
        } => above(*region) && class.is_none_or(|c| t.class == Some(c)) && kinds.selects(t.kind),
    }
}

/// Territorial, flagged non-delegable, or held by a stationed agency: delegations have no effect.
pub(super) fn undelegable(decls: &Decls, item: &Item) -> bool {
    item.list == ListKind::Territorial
        || item.non_delegable
        || matches!(item.holder, Holder::Unit(u)
            if decls.units.get(u.index()).is_some_and(|u| u.kind == UnitKind::Stationed))
}

/// Where an item applies: its holding unit's seat, or a level holder's declared region.
pub(super) fn scope(decls: &Decls, item: &Item) -> Option<PlaceId> {
    match &item.holder {
        Holder::Unit(u) => decls.units.get(u.index()).map(|u| u.seat),
        Holder::EachTownship | Holder::EachVillage => item.region,
    }
}

/// Whether an item held by each township (village) of some kinds is held at the place: its
/// township (village), if it has one, is of one of the kinds.
pub(super) fn kind_holds(decls: &Decls, item: &Item, place: PlaceId) -> bool {
    let level = match item.holder {
        Holder::EachTownship => PlaceLevel::Township,
        Holder::EachVillage => PlaceLevel::Village,
        Holder::Unit(_) => return true,
    };
    item.holder_kinds.is_any()
        || ancestor_at(decls, place, level).is_none_or(|p| {
            item.holder_kinds
                .selects(decls.places.get(p.index()).and_then(|p| p.kind))
        })
}

/// Whether an item applies at a place: the place lies in the item's scope, or the place is at
/// county level or above and contains the scope (answered by the holder).
pub(super) fn in_scope(decls: &Decls, item: &Item, place: PlaceId) -> bool {
    kind_holds(decls, item, place)
        && scope(decls, item).is_none_or(|region| {
            is_within(decls, place, region)
                || (ancestor_at(decls, place, PlaceLevel::Township).is_none()
                    && is_within(decls, region, place))
        })
}

/// Whether a revocation of `item` from `since` ended a delegation active at the township the
/// day before: one covering it that began before `since`, had not expired, and that no earlier
/// revocation had ended.
pub(super) fn ended_by(
    decls: &Decls,
    tables: &Tables,
    item: ItemId,
    township: PlaceId,
    since: Date,
) -> bool {
    tables.delegations_of(item).iter().any(|id| {
        decls.delegations.get(id.index()).is_some_and(|dl| {
            dl.item == item
                && covers(decls, &dl.target, township)
                && dl.interval.since < since
                && dl.interval.until.is_none_or(|until| since < until)
                && revocation_for(decls, tables, dl, township, since)
                    .is_some_and(|(_, first)| first == since)
        })
    })
}

/// The earliest revocation ending `d` at the township on or before `date`.
fn revocation_for(
    decls: &Decls,
    tables: &Tables,
    d: &Delegation,
    township: PlaceId,
    date: Date,
) -> Option<(RevocationId, Date)> {
    let mut best: Option<(RevocationId, Date)> = None;
    for rid in tables.revocations_of(d.item) {
        let Some(r) = decls.revocations.get(rid.index()) else {
            continue;
        };
        let applies = r.item == d.item
            && covers(decls, &r.target, township)
            && d.interval.since < r.since
            && r.since <= date;
        if applies && best.is_none_or(|(_, since)| r.since < since) {
            best = Some((*rid, r.since));
        }
    }
    best
}

/// Why a delegation does not apply at the township on the date (`None`: it is active).
pub(super) fn failure(
    decls: &Decls,
    tables: &Tables,
    d: &Delegation,
    township: PlaceId,
    date: Date,
) -> Option<Failure> {
    if !covers(decls, &d.target, township) {
        return Some(Failure::OtherTarget);
    }
    if date < d.interval.since {
        return Some(Failure::NotYetInForce {
            since: d.interval.since,
        });
    }
    if let Some(until) = d.interval.until.filter(|u| *u <= date) {
        return Some(Failure::Expired { until });
    }
    revocation_for(decls, tables, d, township, date)
        .map(|(by, since)| Failure::Revoked { by, since })
}

/// Every delegation of the item with its failure; `None` if one of them is active.
pub(super) fn scan(
    decls: &Decls,
    tables: &Tables,
    item: ItemId,
    township: PlaceId,
    date: Date,
) -> Option<Vec<Scanned>> {
    let mut out = Vec::new();
    for id in tables.delegations_of(item) {
        let Some(d) = decls.delegations.get(id.index()).filter(|d| d.item == item) else {
            continue;
        };
        let failure = failure(decls, tables, d, township, date)?;
        out.push(Scanned {
            delegation: *id,
            failure,
        });
    }
    Some(out)
}

/// The active delegations of a delegable item at the township, in id order.
pub(super) fn active(
    decls: &Decls,
    tables: &Tables,
    item: ItemId,
    township: PlaceId,
    date: Date,
) -> Vec<(DelegationId, Specificity)> {
    let delegable = decls
        .items
        .get(item.index())
        .is_some_and(|i| !undelegable(decls, i));
    if !delegable {
        return Vec::new();
    }
    tables
        .delegations_of(item)
        .iter()
        .filter_map(|id| Some((*id, decls.delegations.get(id.index())?)))
        .filter(|(_, d)| d.item == item && failure(decls, tables, d, township, date).is_none())
        .map(|(id, d)| (id, d.target.specificity()))
        .collect()
}

/// The office that executes `item` for `unit`, the route rule that says so and the route used.
pub(super) fn route(
    decls: &Decls,
    tables: &Tables,
    unit: UnitId,
    item: &Item,
) -> (UnitId, Rule, Option<u32>) {
    let find = |key: RouteKey| {
        tables.routes_of(unit).iter().find_map(|i| {
            let r = decls.routes.get(*i as usize)?;
            (r.unit == unit && r.key == key).then_some((r.to, *i))
        })
    };
    if let Some((to, i)) = item.power_type.and_then(|p| find(RouteKey::PowerType(p))) {
        return (to, Rule::RoutePowerType, Some(i));
    }
    if let Some((to, i)) = find(RouteKey::List(item.list)) {
        return (to, Rule::RouteList, Some(i));
    }
    (unit, Rule::RouteNone, None)
}
