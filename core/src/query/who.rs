//! `who_handles(item, place, date)`: the unit that handles an item at a place on a date, the
//! mode, in whose name it acts, the executing office and, for territorial items, the
//! cooperating township with its duties.
//!
//! The answer path probes the indexes only: the place's township, the delegations and
//! revocations of the (item, township) pair, the handler's routes.

use super::delegation::{self, State};
use super::prove::Builder;
use super::resolve;
use super::QueryError;
use crate::answer::{Cooperation, HandleMode, Handling, WhoAnswer};
use crate::ids::{DelegationId, ItemId, PlaceId};
use crate::model::delegation::Mode;
use crate::model::item::{Holder, Item};
use crate::model::jurisdiction::PlaceLevel;
use crate::proof::{Claim, Proof, Query, Rule};
use crate::ruleset::RuleSet;
use time::Date;

/// Who handles `item` at `place` on `date`.
pub fn who_handles(
    rs: &RuleSet,
    item: ItemId,
    place: PlaceId,
    date: Date,
) -> Result<WhoAnswer, QueryError> {
    answer(rs, item, place, date, None)
}

/// Who handles `part` of `item` (a part may be reserved to the holder by the delegation).
pub fn who_handles_part(
    rs: &RuleSet,
    item: ItemId,
    place: PlaceId,
    date: Date,
    part: Option<&str>,
) -> Result<WhoAnswer, QueryError> {
    answer(rs, item, place, date, part)
}

/// [`who_handles`] with its proof.
pub fn who_handles_proved(
    rs: &RuleSet,
    item: ItemId,
    place: PlaceId,
    date: Date,
) -> Result<(WhoAnswer, Proof), QueryError> {
    who_handles_part_proved(rs, item, place, date, None)
}

/// [`who_handles_part`] with its proof.
pub fn who_handles_part_proved(
    rs: &RuleSet,
    item: ItemId,
    place: PlaceId,
    date: Date,
    part: Option<&str>,
) -> Result<(WhoAnswer, Proof), QueryError> {
    let answer = answer(rs, item, place, date, part)?;
    let mut b = Builder::new(rs);
    let last = prove(&mut b, item, place, date, part, &answer)?;
    let query = Query::WhoHandles {
        item,
        place,
        date,
        part: part.map(str::to_owned),
    };
    Ok((answer, b.finish(last, query)))
}

pub(crate) fn answer(
    rs: &RuleSet,
    item_id: ItemId,
    place: PlaceId,
    date: Date,
    part: Option<&str>,
) -> Result<WhoAnswer, QueryError> {
    if let Some(part) = part {
        known_part(rs, item_id, part)?;
    }
    fast_answer(rs, item_id, place, date, part)
        .unwrap_or_else(|| full_answer(rs, item_id, place, date, part))
}

/// The common cases from the index's small tables alone: an item held by a unit or by each
/// township, at a place inside its scope, handled by its holder or by one delegation. `None`
/// sends every other case (errors, territorial items, village holders, reserved parts,
/// conflicts) to [`full_answer`], which reads the declarations and gives the same answers.
fn fast_answer(
    rs: &RuleSet,
    item_id: ItemId,
    place: PlaceId,
    date: Date,
    part: Option<&str>,
) -> Option<Result<WhoAnswer, QueryError>> {
    let index = rs.index();
    let entry = index.item(item_id)?;
    if !index.has_place(place)
        || (entry.undelegable() && entry.territorial())
        || entry.kind_holder()
        || entry
            .scope()
            .is_some_and(|region| !index.within(place, region))
    {
        return None;
    }
    let township = index.township_of(place);
    let holder = match entry.holder() {
        Holder::Unit(u) => u,
        Holder::EachTownship => index.governing(township?)?,
        Holder::EachVillage => return None,
    };
    let handling = |handler, legal_subject, mode, delegation| {
        let executor = resolve::route_by(rs, handler, entry.list(), entry.power_type()).0;
        Some(Ok(WhoAnswer::Handled(Handling {
            handler,
            legal_subject,
            executor,
            mode,
            delegation,
            cooperating: Vec::new(),
        })))
    };
    let Some(township) = township.filter(|_| !entry.undelegable()) else {
        return handling(holder, holder, HandleMode::Own, None);
    };
    match delegation::state(rs, item_id, township, date) {
        State::None => handling(holder, holder, HandleMode::Own, None),
        State::One(_) if part.is_some() => None,
        State::One(d) => {
            let del = index.delegation_entry(item_id, d)?;
            let handler = index.governing(township)?;
            let legal_subject = if del.mode == Mode::Entrust {
                del.from
            } else {
                handler
            };
            handling(handler, legal_subject, handle_mode(del.mode), Some(d))
        }
        State::Conflict(_) => None,
    }
}

/// Every case, from the declarations.
fn full_answer(
    rs: &RuleSet,
    item_id: ItemId,
    place: PlaceId,
    date: Date,
    part: Option<&str>,
) -> Result<WhoAnswer, QueryError> {
    let item = resolve::item(rs, item_id)?;
    let at = resolve::at(rs, place)?;
    resolve::check_scope(rs, item, &at)?;
    if let (true, Some(t)) = (resolve::undelegable(rs, item), &item.territorial) {
        let cooperating = match at.township {
            Some(township) => {
                vec![Cooperation {
                    unit: resolve::governing(rs, township)?,
                    duties: t.township_duties.clone(),
                }]
            }
            None => Vec::new(),
        };
        let executor = resolve::route(rs, t.primary, item).0;
        return Ok(WhoAnswer::Handled(Handling {
            handler: t.primary,
            legal_subject: t.primary,
            executor,
            mode: HandleMode::Territorial,
            delegation: None,
            cooperating,
        }));
    }
    let holder = resolve::holder(rs, item, &at)?;
    let own = |mode: HandleMode, delegation: Option<DelegationId>| {
        let executor = resolve::route(rs, holder, item).0;
        WhoAnswer::Handled(Handling {
            handler: holder,
            legal_subject: holder,
            executor,
            mode,
            delegation,
            cooperating: Vec::new(),
        })
    };
    let Some(township) = at.township.filter(|_| !resolve::undelegable(rs, item)) else {
        return Ok(own(HandleMode::Own, None));
    };
    match delegation::state(rs, item_id, township, date) {
        State::None => Ok(own(HandleMode::Own, None)),
        State::One(d) => {
            let reserved = rs
                .decls()
                .delegations
                .get(d.index())
                .is_some_and(|del| reserves(del, part));
            if reserved {
                Ok(own(HandleMode::Reserved, Some(d)))
            } else {
                Ok(WhoAnswer::Handled(delegated_handling(
                    rs, item, township, d,
                )?))
            }
        }
        State::Conflict(ds) => {
            let candidates = ds
                .iter()
                .map(|d| delegated_handling(rs, item, township, *d))
                .collect::<Result<_, _>>()?;
            Ok(WhoAnswer::Conflict {
                township,
                candidates,
            })
        }
    }
}

/// A part named in a query must be one the item declares (`parts [...]`).
fn known_part(rs: &RuleSet, item_id: ItemId, part: &str) -> Result<(), QueryError> {
    let item = resolve::item(rs, item_id)?;
    if item.parts.iter().any(|p| p == part) {
        return Ok(());
    }
    Err(QueryError::UnknownPart {
        item: item.code.clone(),
        part: part.to_owned(),
        suggestions: crate::names::suggest(part, item.parts.iter().map(String::as_str)),
    })
}

fn reserves(d: &crate::model::delegation::Delegation, part: Option<&str>) -> bool {
    part.is_some_and(|p| d.reserve.iter().any(|r| r == p))
}

fn handle_mode(mode: Mode) -> HandleMode {
    match mode {
        Mode::Grant => HandleMode::Grant,
        Mode::Entrust => HandleMode::Entrust,
        Mode::Statutory => HandleMode::Statutory,
    }
}

/// The township government handles; under entrust it acts in the delegating unit's name.
fn delegated_handling(
    rs: &RuleSet,
    item: &Item,
    township: PlaceId,
    d: DelegationId,
) -> Result<Handling, QueryError> {
    let del = rs
        .decls()
        .delegations
        .get(d.index())
        .ok_or(QueryError::Internal("unknown delegation".to_owned()))?;
    let handler = resolve::governing(rs, township)?;
    let legal_subject = if del.mode == Mode::Entrust {
        del.from
    } else {
        handler
    };
    let executor = resolve::route(rs, handler, item).0;
    Ok(Handling {
        handler,
        legal_subject,
        executor,
        mode: handle_mode(del.mode),
        delegation: Some(d),
        cooperating: Vec::new(),
    })
}

/// Builds the derivation of `answer` and returns the id of its last step.
pub(crate) fn prove(
    b: &mut Builder<'_>,
    item_id: ItemId,
    place: PlaceId,
    date: Date,
    part: Option<&str>,
    answer: &WhoAnswer,
) -> Result<u32, QueryError> {
    let rs = b.rs;
    let item = resolve::item(rs, item_id)?;
    let at = resolve::at(rs, place)?;
    let part_owned = part.map(str::to_owned);
    let handles = |b: &mut Builder<'_>, handling: &Handling, rule: Rule, premises: Vec<u32>| {
        let claim = Claim::Handles {
            item: item_id,
            place,
            date,
            part: part_owned.clone(),
            handling: handling.clone(),
        };
        b.add(claim, rule, premises, None)
    };
    match answer {
        WhoAnswer::Handled(h) if h.mode == HandleMode::Territorial => {
            // territorial / territorial_above_township
            let (primary, t) = b.territorial(item_id, item)?;
            let (_, e) = b.executes(primary, item_id, item)?;
            match at.township {
                Some(_) => {
                    let (township, w) = b.within(place, PlaceLevel::Township)?;
                    let (_, g) = b.governs(township)?;
                    Ok(handles(b, h, Rule::Territorial, vec![t, w, g, e]))
                }
                None => Ok(handles(b, h, Rule::TerritorialAboveTownship, vec![t, e])),
            }
        }
        WhoAnswer::Handled(h) if h.mode == HandleMode::Own => {
            let (holder, hs) = b.holds(item_id, item, &at)?;
            let (_, e) = b.executes(holder, item_id, item)?;
            match at.township {
                // by_holder
                Some(_) => {
                    let (township, w) = b.within(place, PlaceLevel::Township)?;
                    let none = if resolve::undelegable(rs, item) {
                        b.undelegable(item_id)?
                    } else {
                        b.none_active(item_id, township, date)?
                    };
                    Ok(handles(b, h, Rule::ByHolder, vec![w, hs, none, e]))
                }
                // by_holder_above_township
                None => Ok(handles(b, h, Rule::ByHolderAboveTownship, vec![hs, e])),
            }
        }
        WhoAnswer::Handled(h) => {
            let d = h.delegation.ok_or_else(|| {
                QueryError::Internal("a delegated answer without delegation".to_owned())
            })?;
            let (township, w) = b.within(place, PlaceLevel::Township)?;
            let applicable = b.delegated(item_id, township, date, d)?;
            let decl = b.delegation(d)?;
            if h.mode == HandleMode::Reserved {
                // by_reserve
                let (holder, hs) = b.holds(item_id, item, &at)?;
                let reserve = reserve_step(b, d, part)?;
                let (_, e) = b.executes(holder, item_id, item)?;
                Ok(handles(
                    b,
                    h,
                    Rule::ByReserve,
                    vec![w, hs, applicable, reserve, e],
                ))
            } else {
                // by_delegation
                let (gov, g) = b.governs(township)?;
                let (_, e) = b.executes(gov, item_id, item)?;
                Ok(handles(
                    b,
                    h,
                    Rule::ByDelegation,
                    vec![w, applicable, decl, g, e],
                ))
            }
        }
        WhoAnswer::Conflict {
            township,
            candidates,
        } => {
            let (_, w) = b.within(place, PlaceLevel::Township)?;
            let ds: Vec<DelegationId> = candidates.iter().filter_map(|c| c.delegation).collect();
            let conflict = b.conflict(item_id, *township, date, &ds)?;
            let (gov, g) = b.governs(*township)?;
            let (_, e) = b.executes(gov, item_id, item)?;
            let mut premises = vec![conflict];
            for c in candidates {
                let d = c.delegation.ok_or_else(|| {
                    QueryError::Internal("a candidate without delegation".to_owned())
                })?;
                let a = b.active(d, *township, date)?;
                let decl = b.delegation(d)?;
                // by_candidate
                premises.push(handles(b, c, Rule::ByCandidate, vec![w, a, decl, g, e]));
            }
            let claim = Claim::Contested {
                item: item_id,
                place,
                date,
                part: part_owned.clone(),
                township: *township,
                candidates: candidates.clone(),
            };
            // conflict_answer
            Ok(b.add(claim, Rule::ConflictAnswer, premises, None))
        }
    }
}

/// Rule `reserve`.
fn reserve_step(
    b: &mut Builder<'_>,
    d: DelegationId,
    part: Option<&str>,
) -> Result<u32, QueryError> {
    let part =
        part.ok_or_else(|| QueryError::Internal("a reserved answer without part".to_owned()))?;
    let decl = b.delegation(d)?;
    let cite = b.cite(crate::proof::DeclRef::Delegation(d))?;
    Ok(b.add(
        Claim::Reserved {
            delegation: d,
            part: part.to_owned(),
        },
        Rule::Reserve,
        vec![decl],
        Some(cite),
    ))
}
