//! `accept_points(item, resident_place, date)`: the service points that accept a resident's
//! application (全县通办) — every acceptance rule whose `from` covers the resident's township (a
//! county stands for all its townships) and whose selector includes the item — and who then
//! handles it (the handling stays with the resident's township or the item's holder).

use super::prove::Builder;
use super::{resolve, who, QueryError};
use crate::answer::AcceptAnswer;
use crate::ids::{ItemId, PlaceId, UnitId};
use crate::model::org::ItemSelector;
use crate::proof::{Claim, DeclRef, Proof, Query, Rule};
use crate::ruleset::RuleSet;
use time::Date;

/// Where a resident of `place` may hand in an application for `item`, and who handles it.
pub fn accept_points(
    rs: &RuleSet,
    item: ItemId,
    place: PlaceId,
    date: Date,
) -> Result<AcceptAnswer, QueryError> {
    let handler = who::answer(rs, item, place, date, None)?;
    let (acceptances, points) = scan(rs, item, place)?;
    Ok(AcceptAnswer {
        points,
        acceptances,
        handler,
    })
}

/// [`accept_points`] with its proof.
pub fn accept_points_proved(
    rs: &RuleSet,
    item: ItemId,
    place: PlaceId,
    date: Date,
) -> Result<(AcceptAnswer, Proof), QueryError> {
    let answer = accept_points(rs, item, place, date)?;
    let mut b = Builder::new(rs);
    let mut premises = Vec::new();
    if let Some(township) = resolve::at(rs, place)?.township {
        for a in &answer.acceptances {
            let cite = b.cite(DeclRef::Acceptance(*a))?;
            // accepts
            premises.push(b.add(
                Claim::Accepts {
                    acceptance: *a,
                    item,
                    township,
                },
                Rule::Accepts,
                Vec::new(),
                Some(cite),
            ));
        }
    }
    premises.push(who::prove(
        &mut b,
        item,
        place,
        date,
        None,
        &answer.handler,
    )?);
    // accept_answer
    let claim = Claim::AcceptResult {
        item,
        place,
        date,
        answer: answer.clone(),
    };
    let last = b.add(claim, Rule::AcceptAnswer, premises, None);
    Ok((
        answer,
        b.finish(last, Query::AcceptPoints { item, place, date }),
    ))
}

/// The acceptance rules covering the resident's township and the item, and their points.
fn scan(rs: &RuleSet, item: ItemId, place: PlaceId) -> Result<(Vec<u32>, Vec<UnitId>), QueryError> {
    let decl = resolve::item(rs, item)?;
    let Some(township) = resolve::at(rs, place)?.township else {
        return Ok((Vec::new(), Vec::new()));
    };
    let mut acceptances = Vec::new();
    let mut points = Vec::new();
    for (i, a) in rs.decls().acceptances.iter().enumerate() {
        let covers = a.from.iter().any(|p| resolve::is_within(rs, township, *p));
        let includes = match &a.items {
            ItemSelector::All => true,
            ItemSelector::List(list) => *list == decl.list,
            ItemSelector::Items(items) => items.contains(&item),
        };
        if covers && includes {
            acceptances.push(u32::try_from(i).unwrap_or(u32::MAX));
            for p in &a.points {
                if !points.contains(p) {
                    points.push(*p);
                }
            }
        }
    }
    Ok((acceptances, points))
}
