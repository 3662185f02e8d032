//! A county's delegation map on a date: its departments, its townships, and an edge from a
//! department to a township for the items that department's delegations move there, coloured
//! by mode. Who handles what comes from [`who_handles`], so revocations, intervals and
//! specificity are the query's, not redrawn here.

use super::{mode_color, Direction, Picture, Shape, FILL_DEPARTMENT, FILL_TOWNSHIP};
use crate::answer::{HandleMode, WhoAnswer};
use crate::ids::{ItemId, PlaceId, UnitId};
use crate::model::item::Holder;
use crate::model::jurisdiction::PlaceLevel;
use crate::query::who_handles;
use crate::ruleset::RuleSet;
use crate::view::mode_name;
use std::collections::BTreeMap;
use time::Date;

fn within(rs: &RuleSet, place: PlaceId, region: PlaceId) -> bool {
    rs.ancestors(place).any(|p| p == region)
}

/// The delegation map of `county` on `date`.
pub fn county(rs: &RuleSet, county: PlaceId, date: Date) -> Picture {
    let title = rs
        .place(county)
        .map_or_else(|| county.to_string(), |p| p.path.clone());
    let mut picture = Picture::new(title, Direction::LeftRight);
    let decls = rs.decls();
    let townships: Vec<PlaceId> = (0..decls.places.len())
        .map(PlaceId::from_index)
        .filter(|p| {
            rs.place(*p)
                .is_some_and(|pl| pl.level == PlaceLevel::Township)
                && within(rs, *p, county)
        })
        .collect();
    // (department, township, mode) → item codes, in a stable order.
    let mut edges: BTreeMap<(UnitId, PlaceId, HandleMode), Vec<String>> = BTreeMap::new();
    for (i, item) in decls.items.iter().enumerate() {
        let Holder::Unit(holder) = item.holder else {
            continue;
        };
        for township in &townships {
            let Ok(WhoAnswer::Handled(h)) = who_handles(rs, ItemId::from_index(i), *township, date)
            else {
                continue;
            };
            if matches!(
                h.mode,
                HandleMode::Grant | HandleMode::Entrust | HandleMode::Statutory
            ) {
                edges
                    .entry((holder, *township, h.mode))
                    .or_default()
                    .push(item.code.clone());
            }
        }
    }
    for (i, unit) in decls.units.iter().enumerate() {
        let id = UnitId::from_index(i);
        let department = unit.kind == crate::model::unit::UnitKind::Department;
        let delegates = edges.keys().any(|(u, _, _)| *u == id);
        if (department && unit.seat == county) || delegates {
            picture.node(
                &format!("u{i}"),
                vec![unit.name.clone()],
                Shape::Box,
                FILL_DEPARTMENT,
            );
        }
    }
    for township in &townships {
        let label = rs.place(*township).map_or_else(
            || township.to_string(),
            |p| match p.class {
                Some(class) => format!("{} ({})", p.name, class.chinese()),
                None => p.name.clone(),
            },
        );
        picture.node(
            &format!("t{}", township.index()),
            vec![label],
            Shape::Rounded,
            FILL_TOWNSHIP,
        );
    }
    for ((unit, township, mode), codes) in edges {
        picture.edge(
            &format!("u{}", unit.index()),
            &format!("t{}", township.index()),
            Some(format!("{} {}", mode_name(mode), codes.join(", "))),
            mode_color(mode),
            false,
        );
    }
    picture
}
