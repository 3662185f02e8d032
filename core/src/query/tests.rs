//! The answer path's cost does not grow with the rule set: `who_handles` and `can` touch the
//! same number of index entries on a small and on a large generated province. Duty lists built
//! from [`super::DutyTables`] are the answers of `duties`. [`province`] is shared with the
//! diff's cost test.

use crate::index::ops;
use crate::model::delegation::{Delegation, Interval, Mode, Target};
use crate::model::item::{Holder, Item, ListKind, PowerType};
use crate::model::jurisdiction::{Place, PlaceLevel, TownshipClass};
use crate::model::unit::{Unit, UnitKind};
use crate::span::{SourceMap, Span};
use crate::{Decls, ItemId, PlaceId, RuleSet, UnitId};
use time::macros::date;

/// `counties` counties of `townships` townships, one department per county holding `items`
/// items, each delegated to its whole county, the first also entrusted to the first township.
pub(crate) fn province(
    counties: usize,
    townships: usize,
    items: usize,
) -> (RuleSet, ItemId, PlaceId, UnitId) {
    let mut decls = Decls::default();
    let place = |decls: &mut Decls, name: String, level, parent: Option<PlaceId>| {
        decls.places.push(Place {
            name: name.clone(),
            path: name,
            level,
            parent,
            class: Some(TownshipClass::General).filter(|_| level == PlaceLevel::Township),
            kind: None,
            tags: vec![],
            unit: None,
            span: Span::DETACHED,
        });
        PlaceId::from_index(decls.places.len() - 1)
    };
    let unit = |decls: &mut Decls, name: String, kind, seat: PlaceId| {
        decls.units.push(Unit {
            name: name.clone(),
            path: name,
            kind,
            seat,
            parent: None,
            region: Some(seat),
            span: Span::DETACHED,
        });
        UnitId::from_index(decls.units.len() - 1)
    };
    let root = place(&mut decls, "省".into(), PlaceLevel::Province, None);
    for c in 0..counties {
        let county = place(&mut decls, format!("县{c}"), PlaceLevel::County, Some(root));
        let dept = unit(
            &mut decls,
            format!("县{c}/局"),
            UnitKind::Department,
            county,
        );
        let mut first_township = None;
        for t in 0..townships {
            let township = place(
                &mut decls,
                format!("县{c}/镇{t}"),
                PlaceLevel::Township,
                Some(county),
            );
            let gov = unit(
                &mut decls,
                format!("县{c}/镇{t}/政府"),
                UnitKind::TownshipGovernment,
                township,
            );
            if let Some(p) = decls.places.get_mut(township.index()) {
                p.unit = Some(gov);
            }
            first_township.get_or_insert(township);
        }
        for k in 0..items {
            decls.items.push(Item {
                code: format!("{c}-{k}"),
                name: format!("事项{k}"),
                list: ListKind::Enforcement,
                power_type: Some(PowerType::Penalty),
                holder: Holder::Unit(dept),
                holder_kinds: Default::default(),
                region: Some(county),
                basis: Box::default(),
                non_delegable: false,
                parts: Box::default(),
                territorial: None,
                span: Span::DETACHED,
            });
            let item = ItemId::from_index(decls.items.len() - 1);
            let delegation = |target, mode| Delegation {
                item,
                from: dept,
                target,
                mode,
                interval: Interval {
                    since: date!(2023 - 01 - 01),
                    until: None,
                },
                basis: None,
                instrument: None,
                reserve: vec![],
                span: Span::DETACHED,
            };
            decls
                .delegations
                .push(delegation(Target::County(county), Mode::Grant));
            if let (0, Some(t)) = (k, first_township) {
                decls
                    .delegations
                    .push(delegation(Target::Township(t), Mode::Entrust));
            }
        }
    }
    let rs = RuleSet::new(SourceMap::default(), decls).unwrap();
    // The first item of the first county, at that county's first township; its department.
    (rs, ItemId(0), PlaceId(2), UnitId(0))
}

fn cost(rs: &RuleSet, item: ItemId, place: PlaceId, unit: UnitId) -> (usize, usize) {
    ops::take();
    let who = super::who_handles(rs, item, place, date!(2024 - 01 - 01)).unwrap();
    assert!(
        matches!(who, crate::answer::WhoAnswer::Handled(ref h) if h.mode == crate::answer::HandleMode::Entrust)
    );
    let who_ops = ops::take();
    let can = super::can(rs, unit, item, place, date!(2024 - 01 - 01)).unwrap();
    assert!(can.allowed);
    (who_ops, ops::take())
}

#[test]
fn answer_cost_does_not_grow_with_items_delegations_or_townships() {
    let (small, item, place, unit) = province(1, 2, 2);
    let (large, ..) = province(30, 15, 40);
    assert!(large.decls().delegations.len() > 100 * small.decls().delegations.len());
    let small_cost = cost(&small, item, place, unit);
    let large_cost = cost(&large, item, place, unit);
    assert!(small_cost.0 > 0);
    assert_eq!(small_cost, large_cost);
}

#[test]
fn duty_lists_from_tables_are_the_answers_of_duties() {
    let (rs, ..) = province(4, 5, 6);
    let tables = super::DutyTables::build(&rs);
    let on = date!(2024 - 01 - 01);
    let mut delegated = 0;
    for i in 0..rs.decls().units.len() {
        let unit = UnitId::from_index(i);
        let listed = super::duties_listed(&rs, &tables, unit, on, true).unwrap();
        assert_eq!(listed, super::duties(&rs, unit, on).unwrap());
        delegated += listed
            .basic
            .iter()
            .filter(|d| d.delegation.is_some())
            .count();
    }
    assert!(delegated > 0);
}
