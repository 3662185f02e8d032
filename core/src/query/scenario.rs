//! `scenario(topic, place, facts, date)`: the matching collaborative scenario with its lead,
//! collaborators, township duties and workflow resolved to units of the place's county. An
//! `overrides` declaration removes the overridden scenario when both match (not transitively);
//! the `otherwise` scenario answers only when nothing else matches; several scenarios left
//! are ambiguous — every candidate and the level that must designate one — never a silent pick.

use super::prove::Builder;
use super::resolve::{self, At};
use super::{roles, QueryError};
use crate::answer::{Designation, Resolved, ResolvedStep, ScenarioAnswer, ScenarioResolution};
use crate::ids::{PlaceId, ScenarioId, TopicId};
use crate::model::scenario::{Role, Topic};
use crate::proof::{Actor, Claim, DeclRef, Proof, Query, Rule, ScenarioStatus};
use crate::ruleset::RuleSet;
use time::Date;

/// The scenario of `topic` matching `facts` (fact name, value name) at `place` on `date`.
pub fn scenario(
    rs: &RuleSet,
    topic: TopicId,
    place: PlaceId,
    facts: &[(String, String)],
    date: Date,
) -> Result<ScenarioAnswer, QueryError> {
    let (values, at) = arguments(rs, topic, place, facts)?;
    let scanned = select(rs, topic, &values);
    Ok(answer(rs, &scanned, &values, &at, date, &mut |actor| {
        roles::resolve(rs, actor, &at, date)
    }))
}

/// [`scenario`] with its proof.
pub fn scenario_proved(
    rs: &RuleSet,
    topic: TopicId,
    place: PlaceId,
    facts: &[(String, String)],
    date: Date,
) -> Result<(ScenarioAnswer, Proof), QueryError> {
    let (values, at) = arguments(rs, topic, place, facts)?;
    let scanned = select(rs, topic, &values);
    let mut b = Builder::new(rs);
    let selection = prove_selection(&mut b, topic, &values, &scanned)?;
    let mut steps = vec![selection];
    let mut failure = None;
    let answer = answer(
        rs,
        &scanned,
        &values,
        &at,
        date,
        &mut |actor| match roles::prove(&mut b, actor, &at, date) {
            Ok((id, resolved)) => {
                if !steps.contains(&id) {
                    steps.push(id);
                }
                resolved
            }
            Err(e) => {
                failure = Some(e);
                roles::resolve(rs, actor, &at, date)
            }
        },
    );
    if let Some(e) = failure {
        return Err(e);
    }
    // scenario_answer
    let claim = Claim::ScenarioResult {
        topic,
        place,
        date,
        facts: facts.to_vec(),
        answer: answer.clone(),
    };
    let last = b.add(claim, Rule::ScenarioAnswer, steps, None);
    Ok((
        answer,
        b.finish(
            last,
            Query::Scenario {
                topic,
                place,
                facts: facts.to_vec(),
                date,
            },
        ),
    ))
}

/// Adds the steps selecting the topic's scenarios on the facts (rules `scenario_override`,
/// `scenario_select`) and returns the selection's step.
pub(crate) fn prove_selection(
    b: &mut Builder<'_>,
    topic: TopicId,
    values: &[u32],
    scanned: &[(ScenarioId, ScenarioStatus)],
) -> Result<u32, QueryError> {
    // scenario_override
    let mut premises = Vec::new();
    for (s, status) in scanned {
        if let ScenarioStatus::Overridden { by } = status {
            let cite = b.cite(DeclRef::Scenario(*by))?;
            let claim = Claim::ScenarioOverridden {
                scenario: *s,
                by: *by,
                facts: values.to_vec(),
            };
            premises.push(b.add(claim, Rule::ScenarioOverride, Vec::new(), Some(cite)));
        }
    }
    // scenario_select
    let cite = b.cite(DeclRef::Topic(topic))?;
    let selection = Claim::ScenarioSelection {
        topic,
        facts: values.to_vec(),
        scanned: scanned.to_vec(),
    };
    Ok(b.add(selection, Rule::ScenarioSelect, premises, Some(cite)))
}

/// The value index of each fact of the topic (`u32::MAX` for a fact not given).
fn arguments<'a>(
    rs: &'a RuleSet,
    topic: TopicId,
    place: PlaceId,
    facts: &[(String, String)],
) -> Result<(Vec<u32>, At<'a>), QueryError> {
    let at = resolve::at(rs, place)?;
    topic_applies(rs, topic, &at)?;
    Ok((fact_values(rs, topic, facts)?, at))
}

/// A topic scoped to a region (declared inside it, or `at REGION`) does not apply outside it.
pub(crate) fn topic_applies(rs: &RuleSet, topic: TopicId, at: &At<'_>) -> Result<(), QueryError> {
    let decl = rs.topic(topic).ok_or(QueryError::UnknownTopic(topic))?;
    match decl.region {
        Some(region) if !resolve::is_within(rs, at.id, region) => {
            Err(QueryError::TopicOutsideScope {
                topic: decl.name.clone(),
                place: at.place.path.clone(),
                region: rs
                    .place(region)
                    .map_or_else(|| region.to_string(), |p| p.path.clone()),
            })
        }
        _ => Ok(()),
    }
}

/// One value index per fact of the topic (`u32::MAX` for a fact not given).
pub(crate) fn fact_values(
    rs: &RuleSet,
    topic: TopicId,
    facts: &[(String, String)],
) -> Result<Vec<u32>, QueryError> {
    let decl: &Topic = rs.topic(topic).ok_or(QueryError::UnknownTopic(topic))?;
    let mut values = vec![u32::MAX; decl.facts.len()];
    for (fact, value) in facts {
        let unknown_fact = || QueryError::UnknownFact {
            topic: decl.name.clone(),
            fact: fact.clone(),
        };
        let f = decl.fact_index(fact).ok_or_else(unknown_fact)?;
        let domain = decl.facts.get(f).ok_or_else(unknown_fact)?;
        let v = domain
            .values
            .iter()
            .position(|v| v == value)
            .ok_or_else(|| QueryError::UnknownValue {
                fact: fact.clone(),
                value: value.clone(),
            })?;
        if let Some(slot) = values.get_mut(f) {
            *slot = u32::try_from(v).unwrap_or(u32::MAX);
        }
    }
    Ok(values)
}

/// Every scenario of the topic, in declaration order, with its status on the facts.
pub(crate) fn select(
    rs: &RuleSet,
    topic: TopicId,
    values: &[u32],
) -> Vec<(ScenarioId, ScenarioStatus)> {
    let of_topic: Vec<(ScenarioId, &crate::model::scenario::Scenario)> = rs
        .index()
        .scenarios_of(topic)
        .iter()
        .filter_map(|id| Some((*id, rs.scenario(*id)?)))
        .filter(|(_, s)| s.topic == topic)
        .collect();
    // Some(outcome) for a conditioned scenario, None for a catch-all; an outcome is None when
    // it depends on a fact not given.
    let outcome =
        |s: &crate::model::scenario::Scenario| s.condition.as_ref().map(|c| c.eval_partial(values));
    let matches = |s: &crate::model::scenario::Scenario| outcome(s) == Some(Some(true));
    let undecided = of_topic.iter().any(|(_, s)| outcome(s) == Some(None));
    let matched: Vec<ScenarioId> = of_topic
        .iter()
        .filter(|(_, s)| matches(s))
        .map(|(id, _)| *id)
        .collect();
    let overrider = |id: ScenarioId| {
        of_topic
            .iter()
            .find(|(by, s)| *by != id && matched.contains(by) && s.overrides.contains(&id))
            .map(|(by, _)| *by)
    };
    let any_selected = matched.iter().any(|id| overrider(*id).is_none());
    of_topic
        .iter()
        .map(|(id, s)| {
            let status = if s.is_otherwise() {
                if any_selected {
                    ScenarioStatus::OtherwiseUnused
                } else if undecided {
                    ScenarioStatus::Undecided
                } else {
                    ScenarioStatus::Selected
                }
            } else if outcome(s) == Some(None) {
                ScenarioStatus::Undecided
            } else if !matches(s) {
                ScenarioStatus::NoMatch
            } else {
                match overrider(*id) {
                    Some(by) => ScenarioStatus::Overridden { by },
                    None => ScenarioStatus::Selected,
                }
            };
            (*id, status)
        })
        .collect()
}

/// `needs_facts` when some scenario's outcome depends on a fact the query did not give: the
/// facts those scenarios test, and every scenario still possible (selected or undecided).
pub(crate) fn needs_facts(
    rs: &RuleSet,
    scanned: &[(ScenarioId, ScenarioStatus)],
    values: &[u32],
) -> Option<ScenarioAnswer> {
    let mut tested = Vec::new();
    let mut possible = Vec::new();
    let mut topic = None;
    for (id, status) in scanned {
        let Some(s) = rs.scenario(*id) else { continue };
        topic = Some(s.topic);
        match status {
            ScenarioStatus::Undecided => {
                possible.push(*id);
                if let Some(c) = &s.condition {
                    c.tested_facts(&mut tested);
                }
            }
            ScenarioStatus::Selected => possible.push(*id),
            _ => {}
        }
    }
    if !scanned.iter().any(|(_, s)| *s == ScenarioStatus::Undecided) {
        return None;
    }
    Some(ScenarioAnswer::NeedsFacts {
        missing: missing_facts(rs, topic, &tested, values),
        possible,
    })
}

/// The names of the tested facts (indices in `tested`) that were not given, in the topic's
/// order.
fn missing_facts(
    rs: &RuleSet,
    topic: Option<TopicId>,
    tested: &[u32],
    values: &[u32],
) -> Vec<String> {
    let Some(decl) = topic.and_then(|t| rs.topic(t)) else {
        return Vec::new();
    };
    decl.facts
        .iter()
        .enumerate()
        .filter(|(i, _)| {
            values.get(*i) == Some(&u32::MAX)
                && u32::try_from(*i).is_ok_and(|i| tested.contains(&i))
        })
        .map(|(_, f)| f.name.clone())
        .collect()
}

/// Resolves the selected scenarios; `resolve` resolves each actor once per occurrence.
fn answer(
    rs: &RuleSet,
    scanned: &[(ScenarioId, ScenarioStatus)],
    values: &[u32],
    at: &At<'_>,
    date: Date,
    resolve: &mut dyn FnMut(&Actor) -> Resolved,
) -> ScenarioAnswer {
    if let Some(needs) = needs_facts(rs, scanned, values) {
        return needs;
    }
    let township = at.township.and_then(|t| rs.place(t).and_then(|p| p.unit));
    let mut candidates = Vec::new();
    for (id, status) in scanned {
        if *status != ScenarioStatus::Selected {
            continue;
        }
        let Some(s) = rs.scenario(*id) else { continue };
        let mut role = |role: &Role, lead: Option<&Resolved>| match role {
            Role::Lead => roles::resolve_role(rs, role, lead, at, date),
            other => resolve(&Actor::Role(other.clone())),
        };
        let lead = s.lead.as_ref().map(|r| role(r, None));
        let assist = s.assist.iter().map(|r| role(r, lead.as_ref())).collect();
        let flow = s
            .flow
            .iter()
            .map(|step| ResolvedStep {
                action: step.action.clone(),
                actor: step.actor.as_ref().map(|r| role(r, lead.as_ref())),
                limit: step.limit,
            })
            .collect();
        candidates.push(ScenarioResolution {
            scenario: *id,
            lead,
            assist,
            township,
            township_duties: s.township_duties.clone(),
            flow,
        });
    }
    if candidates.len() > 1 {
        let place = at.county.unwrap_or(at.id);
        let unit = rs.place(place).and_then(|p| p.unit);
        return ScenarioAnswer::Ambiguous {
            candidates,
            designate: Designation { place, unit },
        };
    }
    match candidates.pop() {
        Some(one) => ScenarioAnswer::Matched(one),
        None => ScenarioAnswer::NoMatch,
    }
}
