//! Resolving scenario roles and escalation levels to concrete units at a place: a named unit
//! from the place outward (it must sit in the place's county), the handler of an item, the
//! unit governing an ancestor at a level, or a topic's default lead. Failures are explicit
//! [`Unresolved`] markers, never errors.

use super::prove::Builder;
use super::resolve::{self, At};
use super::{scenario, who, QueryError};
use crate::answer::{Resolved, ScenarioAnswer, Unresolved, WhoAnswer};
use crate::ids::{ItemId, PlaceId, ScenarioId, TopicId, UnitId};
use crate::model::scenario::Role;
use crate::names::Resolution;
use crate::proof::ScenarioStatus;
use crate::proof::{Actor, Claim, DeclRef, Rule};
use crate::ruleset::RuleSet;
use time::Date;

/// The region a named role must resolve inside: the place's county, or the place itself when
/// it lies above county level.
pub(crate) fn home(at: &At<'_>) -> PlaceId {
    at.county.unwrap_or(at.id)
}

/// Resolves an actor; `Role::Lead` is the caller's business (it has no step of its own).
pub(crate) fn resolve(rs: &RuleSet, actor: &Actor, at: &At<'_>, date: Date) -> Resolved {
    match actor {
        Actor::Role(Role::Named(name)) => match rs.resolve_unit(name, Some(at.id)) {
            Resolution::Found(u) => {
                // A unit of the place's county, or a body seated above the place (a city's or
                // province's department): roles resolve from the place upward.
                let inside = rs.unit(u).is_some_and(|unit| {
                    resolve::is_within(rs, unit.seat, home(at))
                        || resolve::is_within(rs, at.id, unit.seat)
                });
                if inside {
                    Resolved::Unit(u)
                } else {
                    Resolved::Unresolved(Unresolved::OutsideCounty {
                        name: name.clone(),
                        unit: u,
                    })
                }
            }
            Resolution::Ambiguous(candidates) => Resolved::Unresolved(Unresolved::AmbiguousName {
                name: name.clone(),
                candidates,
            }),
            Resolution::NotFound { .. } => {
                Resolved::Unresolved(Unresolved::UnknownName { name: name.clone() })
            }
        },
        Actor::Role(Role::HandlerOf(item)) => match who::answer(rs, *item, at.id, date, None) {
            Ok(WhoAnswer::Handled(h)) => Resolved::Unit(h.handler),
            Ok(WhoAnswer::Conflict { .. }) => {
                Resolved::Unresolved(Unresolved::HandlerConflict { item: *item })
            }
            Err(_) => Resolved::Unresolved(Unresolved::HandlerError { item: *item }),
        },
        Actor::Role(Role::Level(level)) => rs
            .ancestor_at(at.id, *level)
            .and_then(|p| rs.place(p).and_then(|p| p.unit))
            .map_or(
                Resolved::Unresolved(Unresolved::NoUnitAtLevel { level: *level }),
                Resolved::Unit,
            ),
        Actor::Role(Role::Lead) => Resolved::Unresolved(Unresolved::NoLead),
        Actor::TopicLead { topic, facts } => match topic_lead(rs, *topic, facts) {
            Ok(role) => resolve(rs, &Actor::Role(role.clone()), at, date),
            Err(why) => Resolved::Unresolved(why),
        },
        Actor::Responsible(item) => responsible(rs, *item, at).map_or(
            Resolved::Unresolved(Unresolved::HandlerError { item: *item }),
            Resolved::Unit,
        ),
    }
}

/// The lead role of the one scenario of the topic that the facts select, or why there is none.
pub(crate) fn topic_lead<'a>(
    rs: &'a RuleSet,
    topic: TopicId,
    facts: &[u32],
) -> Result<&'a Role, Unresolved> {
    let scanned = scenario::select(rs, topic, facts);
    if let Some(ScenarioAnswer::NeedsFacts { missing, .. }) =
        scenario::needs_facts(rs, &scanned, facts)
    {
        return Err(Unresolved::NeedsFacts { missing });
    }
    let selected: Vec<ScenarioId> = scanned
        .iter()
        .filter(|(_, s)| *s == ScenarioStatus::Selected)
        .map(|(id, _)| *id)
        .collect();
    match selected.as_slice() {
        [] => Err(Unresolved::NoScenario { topic }),
        [one] => rs
            .scenario(*one)
            .and_then(|s| s.lead.as_ref())
            .ok_or(Unresolved::NoLead),
        many => Err(Unresolved::AmbiguousScenario {
            scenarios: many.to_vec(),
        }),
    }
}

/// The department responsible for an item at the place: the primary unit of a territorial
/// item, otherwise its holder there (who keeps 业务指导 and 监督 after any delegation).
pub(crate) fn responsible(rs: &RuleSet, item: ItemId, at: &At<'_>) -> Option<UnitId> {
    let decl = rs.item(item)?;
    match (&decl.territorial, resolve::undelegable(rs, decl)) {
        (Some(t), true) => Some(t.primary),
        _ => resolve::holder(rs, decl, at).ok(),
    }
}

/// Adds the step resolving an actor (rules `role_named`, `role_level`, `role_handler`,
/// `role_topic_lead`) and returns its id and the resolution.
pub(crate) fn prove(
    b: &mut Builder<'_>,
    actor: &Actor,
    at: &At<'_>,
    date: Date,
) -> Result<(u32, Resolved), QueryError> {
    let rs = b.rs;
    let resolved = resolve(rs, actor, at, date);
    let (rule, premises, cite) = match actor {
        // role_named
        Actor::Role(Role::Named(_)) => {
            let cite = match &resolved {
                Resolved::Unit(u) => Some(b.cite(DeclRef::Unit(*u))?),
                Resolved::Unresolved(_) => None,
            };
            (Rule::RoleNamed, Vec::new(), cite)
        }
        // role_level
        Actor::Role(Role::Level(level)) => {
            let premises = match &resolved {
                Resolved::Unit(_) => {
                    let (place, w) = b.within(at.id, *level)?;
                    let (_, g) = b.governs(place)?;
                    vec![w, g]
                }
                Resolved::Unresolved(_) => Vec::new(),
            };
            (Rule::RoleLevel, premises, None)
        }
        // role_handler
        Actor::Role(Role::HandlerOf(item)) => {
            let premises = match who::answer(rs, *item, at.id, date, None) {
                Ok(answer) => vec![who::prove(b, *item, at.id, date, None, &answer)?],
                Err(_) => Vec::new(),
            };
            (Rule::RoleHandler, premises, None)
        }
        // role_topic_lead
        Actor::TopicLead { topic, facts } => {
            let scanned = scenario::select(rs, *topic, facts);
            let mut premises = vec![scenario::prove_selection(b, *topic, facts, &scanned)?];
            if let Ok(role) = topic_lead(rs, *topic, facts) {
                premises.push(prove(b, &Actor::Role(role.clone()), at, date)?.0);
            }
            (Rule::RoleTopicLead, premises, None)
        }
        // role_responsible
        Actor::Responsible(item) => {
            let decl = resolve::item(rs, *item)?;
            let premise = match (&decl.territorial, resolve::undelegable(rs, decl)) {
                (Some(_), true) => b.territorial(*item, decl)?.1,
                _ => b.holds(*item, decl, at)?.1,
            };
            (Rule::RoleResponsible, vec![premise], None)
        }
        Actor::Role(Role::Lead) => {
            return Err(QueryError::Internal(
                "the lead role has no step of its own".to_owned(),
            ))
        }
    };
    let claim = Claim::Resolves {
        actor: actor.clone(),
        place: at.id,
        date,
        resolved: resolved.clone(),
    };
    Ok((b.add(claim, rule, premises, cite), resolved))
}

/// Resolves a role where `Role::Lead` stands for `lead`.
pub(crate) fn resolve_role(
    rs: &RuleSet,
    role: &Role,
    lead: Option<&Resolved>,
    at: &At<'_>,
    date: Date,
) -> Resolved {
    match role {
        Role::Lead => lead
            .cloned()
            .unwrap_or(Resolved::Unresolved(Unresolved::NoLead)),
        other => resolve(rs, &Actor::Role(other.clone()), at, date),
    }
}
