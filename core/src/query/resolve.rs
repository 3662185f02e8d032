//! Shared lookups of the query engine: arguments to declarations, a place's township and county,
//! an item's scope and default holder, routing inside a unit. Everything here is O(depth of the
//! region tree) or a hash probe.

use super::QueryError;
use crate::ids::{ItemId, PlaceId, UnitId};
use crate::model::item::{Holder, Item, ListKind, PowerType};
use crate::model::jurisdiction::{Place, PlaceLevel};
use crate::model::unit::{RouteKey, Unit, UnitKind};
use crate::ruleset::RuleSet;

/// A query's place with its township and county.
#[derive(Clone, Copy, Debug)]
pub(crate) struct At<'a> {
    pub id: PlaceId,
    pub place: &'a Place,
    pub township: Option<PlaceId>,
    pub county: Option<PlaceId>,
}

pub(crate) fn at(rs: &RuleSet, place: PlaceId) -> Result<At<'_>, QueryError> {
    let decl = rs.place(place).ok_or(QueryError::UnknownPlace(place))?;
    let index = rs.index();
    Ok(At {
        id: place,
        place: decl,
        township: index.township_of(place),
        county: index.county_of(place),
    })
}

pub(crate) fn item(rs: &RuleSet, item: ItemId) -> Result<&Item, QueryError> {
    rs.item(item).ok_or(QueryError::UnknownItem(item))
}

pub(crate) fn unit(rs: &RuleSet, unit: UnitId) -> Result<&Unit, QueryError> {
    rs.unit(unit).ok_or(QueryError::UnknownUnit(unit))
}

/// Territorial items, items flagged non-delegable and items held by a stationed agency (派驻机构,
/// which stays under its department): queries ignore their delegations, as `check` rejects them.
pub(crate) fn undelegable(rs: &RuleSet, item: &Item) -> bool {
    item.list == ListKind::Territorial
        || item.non_delegable
        || matches!(item.holder, Holder::Unit(u) if rs.unit(u).is_some_and(|u| u.kind == UnitKind::Stationed))
}

/// The region an item applies in: the seat of its holding unit, or for a level holder the
/// region it was declared in (`None`: everywhere).
pub(crate) fn scope(rs: &RuleSet, item: &Item) -> Option<PlaceId> {
    match &item.holder {
        Holder::Unit(u) => rs.unit(*u).map(|u| u.seat),
        Holder::EachTownship | Holder::EachVillage => item.region,
    }
}

/// Whether `region` is `place` or one of its ancestors.
pub(crate) fn is_within(rs: &RuleSet, place: PlaceId, region: PlaceId) -> bool {
    rs.ancestors(place).any(|p| p == region)
}

fn path(rs: &RuleSet, place: PlaceId) -> String {
    rs.place(place)
        .map_or_else(|| place.to_string(), |p| p.path.clone())
}

/// Whether an item applies at a place: the place lies in the item's scope, or the place is at
/// county level or above (it has no township) and contains the scope, where the holder answers.
pub(crate) fn applies(rs: &RuleSet, item: &Item, at: &At<'_>) -> bool {
    scope(rs, item).is_none_or(|region| {
        is_within(rs, at.id, region) || (at.township.is_none() && is_within(rs, region, at.id))
    })
}

/// Whether an item held by each township (village) of some kinds is held where the place lies:
/// the place's township (village) is of one of those kinds. Places above that level are the
/// level holder's business (`NoLevelHolder`).
pub(crate) fn kind_holds(rs: &RuleSet, item: &Item, place: PlaceId) -> bool {
    let level = match item.holder {
        Holder::EachTownship => PlaceLevel::Township,
        Holder::EachVillage => PlaceLevel::Village,
        Holder::Unit(_) => return true,
    };
    item.holder_kinds.is_any()
        || rs
            .ancestor_at(place, level)
            .is_none_or(|p| item.holder_kinds.selects(rs.place(p).and_then(|p| p.kind)))
}

/// Fails with an error naming the item when it does not apply at the place.
pub(crate) fn check_scope(rs: &RuleSet, item: &Item, at: &At<'_>) -> Result<(), QueryError> {
    if !kind_holds(rs, item, at.id) {
        return Err(QueryError::KindNotHolding {
            item: item.code.clone(),
            place: at.place.path.clone(),
            kinds: item.holder_kinds.chinese().unwrap_or_default(),
        });
    }
    match scope(rs, item) {
        Some(region) if !applies(rs, item, at) => Err(QueryError::OutsideScope {
            item: item.code.clone(),
            place: at.place.path.clone(),
            region: path(rs, region),
        }),
        _ => Ok(()),
    }
}

/// The unit governing a place (township government, village committee, grid post).
pub(crate) fn governing(rs: &RuleSet, place: PlaceId) -> Result<UnitId, QueryError> {
    rs.place(place)
        .and_then(|p| p.unit)
        .ok_or_else(|| QueryError::NoGoverningUnit {
            place: path(rs, place),
        })
}

/// The default holder of an item at a place.
pub(crate) fn holder(rs: &RuleSet, item: &Item, at: &At<'_>) -> Result<UnitId, QueryError> {
    let level_holder = |level: PlaceLevel| {
        let place = rs
            .ancestor_at(at.id, level)
            .ok_or_else(|| QueryError::NoLevelHolder {
                item: item.code.clone(),
                place: at.place.path.clone(),
                level: level.english().to_owned(),
            })?;
        governing(rs, place)
    };
    match &item.holder {
        Holder::Unit(u) => Ok(*u),
        Holder::EachTownship => level_holder(PlaceLevel::Township),
        Holder::EachVillage => level_holder(PlaceLevel::Village),
    }
}

/// Which route of a unit sends an item to an office.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum RouteUse {
    PowerType(u32),
    List(u32),
    None,
}

/// The office executing `item` for `unit`: a route by power type beats a route by list; the
/// first declared route of each kind counts.
pub(crate) fn route(rs: &RuleSet, unit: UnitId, item: &Item) -> (UnitId, RouteUse) {
    route_by(rs, unit, item.list, item.power_type)
}

/// [`route`] for an item of this list and power type.
pub(crate) fn route_by(
    rs: &RuleSet,
    unit: UnitId,
    list: ListKind,
    power_type: Option<PowerType>,
) -> (UnitId, RouteUse) {
    let routes = rs.index().routes_of(unit);
    let find = |wanted: &dyn Fn(&RouteKey) -> bool| {
        routes.iter().find_map(|i| {
            let route = rs.decls().routes.get(*i as usize)?;
            wanted(&route.key).then_some((route.to, *i))
        })
    };
    if let Some(power_type) = power_type {
        if let Some((to, i)) = find(&|k| *k == RouteKey::PowerType(power_type)) {
            return (to, RouteUse::PowerType(i));
        }
    }
    if let Some((to, i)) = find(&|k| *k == RouteKey::List(list)) {
        return (to, RouteUse::List(i));
    }
    (unit, RouteUse::None)
}
