//! `escalate(place, severity, subject, facts, date)`: the ladder nearest above the place, and its
//! rungs from the first declared level up to the asked severity, each with the unit that closes
//! it, the acting office, the reviewer and the time limit. "The department" (吹哨报到) is the
//! department responsible for the matter: for an item its holder (or a territorial item's
//! primary unit), which keeps 业务指导 and 监督 after a delegation, never the township that
//! received it; for a topic the lead of the scenario the facts select. An item that does not
//! apply at the place is refused as `who` refuses it.

use super::prove::Builder;
use super::resolve::{self, At};
use super::{roles, scenario, who, QueryError};
use crate::answer::{EscalationAnswer, Resolved, Rung, Unresolved};
use crate::ids::{LadderId, PlaceId};
use crate::model::jurisdiction::PlaceLevel;
use crate::model::ladder::{CloseAt, Ladder};
use crate::model::scenario::Role;
use crate::proof::{Actor, Claim, DeclRef, Proof, Query, Rule, Subject};
use crate::ruleset::RuleSet;
use time::Date;

/// The escalation of a matter of `severity` at `place`, about an item or a topic.
pub fn escalate(
    rs: &RuleSet,
    place: PlaceId,
    severity: &str,
    subject: Option<Subject>,
    facts: &[(String, String)],
    date: Date,
) -> Result<EscalationAnswer, QueryError> {
    let (at, id, ladder, upto) = arguments(rs, place, severity)?;
    let values = subject_facts(rs, place, subject, facts, date)?;
    Ok(answer(id, ladder, upto, subject, &values, &mut |actor| {
        roles::resolve(rs, actor, &at, date)
    }))
}

/// [`escalate`] with its proof.
pub fn escalate_proved(
    rs: &RuleSet,
    place: PlaceId,
    severity: &str,
    subject: Option<Subject>,
    facts: &[(String, String)],
    date: Date,
) -> Result<(EscalationAnswer, Proof), QueryError> {
    let (at, id, ladder, upto) = arguments(rs, place, severity)?;
    let values = subject_facts(rs, place, subject, facts, date)?;
    let mut b = Builder::new(rs);
    let cite = b.cite(DeclRef::Ladder(id))?;
    // nearest_ladder
    let ladder_step = b.add(
        Claim::LadderApplies { ladder: id, place },
        Rule::NearestLadder,
        Vec::new(),
        Some(cite),
    );
    let mut steps = vec![ladder_step];
    let mut failure = None;
    let answer = answer(
        id,
        ladder,
        upto,
        subject,
        &values,
        &mut |actor| match roles::prove(&mut b, actor, &at, date) {
            Ok((step, resolved)) => {
                if !steps.contains(&step) {
                    steps.push(step);
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
    let severity = severity.to_owned();
    // escalation_answer
    let claim = Claim::EscalationResult {
        place,
        severity: severity.clone(),
        subject,
        facts: facts.to_vec(),
        date,
        answer: answer.clone(),
    };
    let last = b.add(claim, Rule::EscalationAnswer, steps, None);
    Ok((
        answer,
        b.finish(
            last,
            Query::Escalate {
                place,
                severity,
                subject,
                facts: facts.to_vec(),
                date,
            },
        ),
    ))
}

/// Checks the subject against the place and reads a topic's facts: an item must apply at the
/// place as `who` requires (its errors are `who`'s), facts belong to a topic only.
fn subject_facts(
    rs: &RuleSet,
    place: PlaceId,
    subject: Option<Subject>,
    facts: &[(String, String)],
    date: Date,
) -> Result<Vec<u32>, QueryError> {
    match subject {
        Some(Subject::Topic(topic)) => {
            scenario::topic_applies(rs, topic, &resolve::at(rs, place)?)?;
            scenario::fact_values(rs, topic, facts)
        }
        Some(Subject::Item(item)) if facts.is_empty() => {
            who::answer(rs, item, place, date, None)?;
            Ok(Vec::new())
        }
        None if facts.is_empty() => Ok(Vec::new()),
        Some(Subject::Item(_)) | None => Err(QueryError::FactsWithoutTopic),
    }
}

fn arguments<'a>(
    rs: &'a RuleSet,
    place: PlaceId,
    severity: &str,
) -> Result<(At<'a>, LadderId, &'a Ladder, usize), QueryError> {
    let at = resolve::at(rs, place)?;
    let (id, ladder) = nearest(rs, place).ok_or_else(|| QueryError::NoLadder {
        place: at.place.path.clone(),
    })?;
    let upto = ladder
        .levels
        .iter()
        .position(|l| l.severity == severity)
        .ok_or_else(|| QueryError::UnknownSeverity {
            ladder: ladder.name.clone(),
            severity: severity.to_owned(),
        })?;
    Ok((at, id, ladder, upto))
}

/// The ladder whose region is the nearest ancestor-or-self of the place (first declared wins).
fn nearest(rs: &RuleSet, place: PlaceId) -> Option<(LadderId, &Ladder)> {
    rs.ancestors(place).find_map(|region| {
        rs.decls()
            .ladders
            .iter()
            .enumerate()
            .find(|(_, l)| l.region == region)
            .map(|(i, l)| (LadderId::from_index(i), l))
    })
}

/// The actor that closes a level, or why there is none.
pub(crate) fn closing_actor(
    closes: &CloseAt,
    subject: Option<Subject>,
    facts: &[u32],
) -> Result<Actor, Unresolved> {
    Ok(match closes {
        CloseAt::Grid => Actor::Role(Role::Level(PlaceLevel::Grid)),
        CloseAt::Village => Actor::Role(Role::Level(PlaceLevel::Village)),
        CloseAt::Township => Actor::Role(Role::Level(PlaceLevel::Township)),
        CloseAt::Unit(name) => Actor::Role(Role::Named(name.clone())),
        CloseAt::Department => match subject {
            Some(Subject::Item(item)) => Actor::Responsible(item),
            Some(Subject::Topic(topic)) => Actor::TopicLead {
                topic,
                facts: facts.to_vec(),
            },
            None => return Err(Unresolved::NoSubject),
        },
    })
}

fn answer(
    id: LadderId,
    ladder: &Ladder,
    upto: usize,
    subject: Option<Subject>,
    facts: &[u32],
    resolve: &mut dyn FnMut(&Actor) -> Resolved,
) -> EscalationAnswer {
    // A ladder has no scenario, hence no lead.
    let mut actor = |actor: &Actor| match actor {
        Actor::Role(Role::Lead) => Resolved::Unresolved(Unresolved::NoLead),
        other => resolve(other),
    };
    let mut rungs = Vec::new();
    for level in ladder.levels.iter().take(upto + 1) {
        let unit = match closing_actor(&level.closes, subject, facts) {
            Ok(a) => actor(&a),
            Err(why) => Resolved::Unresolved(why),
        };
        let by = level.by.as_ref().map(|r| actor(&Actor::Role(r.clone())));
        let review = level
            .review
            .as_ref()
            .map(|r| actor(&Actor::Role(r.clone())));
        rungs.push(Rung {
            severity: level.severity.clone(),
            closes: level.closes.clone(),
            unit,
            by,
            review,
            within: level.within,
        });
    }
    EscalationAnswer { ladder: id, rungs }
}
