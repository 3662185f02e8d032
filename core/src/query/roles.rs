//! Resolving scenario roles and escalation levels to concrete units at a place: a named unit
//! from the place outward (it must sit in the place's county), the handler of an item, the
//! unit governing an ancestor at a level, or a topic's default lead. Failures are explicit
//! [`Unresolved`] markers, never errors.

use super::prove::Builder;
use super::resolve::{self, At};
use super::{who, QueryError};
use crate::answer::{Resolved, Unresolved, WhoAnswer};
use crate::ids::{PlaceId, TopicId};
use crate::model::scenario::Role;
use crate::names::Resolution;
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
                let inside = rs
                    .unit(u)
                    .is_some_and(|unit| resolve::is_within(rs, unit.seat, home(at)));
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
        Actor::TopicLead(topic) => match topic_lead(rs, *topic) {
            Some(role) => resolve(rs, &Actor::Role(role.clone()), at, date),
            None => Resolved::Unresolved(Unresolved::NoLead),
        },
    }
}

/// The lead role of the topic's first `otherwise` scenario.
pub(crate) fn topic_lead(rs: &RuleSet, topic: TopicId) -> Option<&Role> {
    rs.decls()
        .scenarios
        .iter()
        .find(|s| s.topic == topic && s.is_otherwise())
        .and_then(|s| s.lead.as_ref())
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
        Actor::TopicLead(topic) => {
            let premises = match topic_lead(rs, *topic) {
                Some(role) => vec![prove(b, &Actor::Role(role.clone()), at, date)?.0],
                None => Vec::new(),
            };
            (Rule::RoleTopicLead, premises, None)
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
