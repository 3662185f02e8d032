//! Words for the claims that state a whole answer (`why_not`, `scenario`, `escalate`,
//! `duties`, `accept_points`) and for the scenario and role steps beneath them.

use super::describe::handling;
use super::{Actor, ScenarioStatus};
use crate::answer::*;
use crate::ids::{ItemId, LadderId, PlaceId, ScenarioId, TopicId, UnitId};
use crate::model::scenario::Role;
use crate::plain::{self, item, list, place, unit};
use crate::proof::Subject;
use crate::ruleset::RuleSet;
use crate::view::mode_name;
use time::Date;

fn scenario_id(rs: &RuleSet, s: ScenarioId) -> String {
    rs.scenario(s)
        .map_or_else(|| s.to_string(), |s| s.id.clone())
}

fn topic(rs: &RuleSet, t: TopicId) -> String {
    rs.topic(t)
        .map_or_else(|| t.to_string(), |t| t.name.clone())
}

fn ladder(rs: &RuleSet, l: LadderId) -> String {
    rs.decls()
        .ladders
        .get(l.index())
        .map_or_else(|| l.to_string(), |l| l.name.clone())
}

/// A resolved role by the unit's name (the `resolves` step below names its path).
fn resolved(rs: &RuleSet, r: &Resolved) -> String {
    match r {
        Resolved::Unit(u) => unit(rs, *u),
        Resolved::Unresolved(why) => format!("unresolved ({})", plain::unresolved(rs, why)),
    }
}

/// `why_not(U, I, P, d, answer)`.
pub(super) fn why_not(
    rs: &RuleSet,
    u: UnitId,
    i: ItemId,
    p: PlaceId,
    date: Date,
    answer: &WhyNotAnswer,
) -> String {
    let head = format!(
        "{} may{} exercise {} at {} on {date}",
        unit(rs, u),
        if answer.allowed { "" } else { " not" },
        item(rs, i),
        place(rs, p)
    );
    if answer.reasons.is_empty() {
        format!("{head}: nothing stands against it")
    } else {
        let reasons: Vec<String> = answer
            .reasons
            .iter()
            .map(|r| plain::reason(rs, r))
            .collect();
        format!("{head}: {}", reasons.join("; "))
    }
}

/// The given facts of a topic as `环节=运输, 载体 not given`.
fn fact_values(rs: &RuleSet, t: TopicId, values: &[u32]) -> String {
    let Some(topic) = rs.topic(t) else {
        return list(values, ToString::to_string);
    };
    let words: Vec<String> = topic
        .facts
        .iter()
        .zip(values)
        .map(|(fact, v)| match fact.values.get(*v as usize) {
            Some(value) => format!("{}={value}", fact.name),
            None => format!("{} not given", fact.name),
        })
        .collect();
    words.join(", ")
}

/// `scenario_overridden(S, by, facts)`.
pub(super) fn scenario_overridden(
    rs: &RuleSet,
    s: ScenarioId,
    by: ScenarioId,
    facts: &[u32],
) -> String {
    let facts = match rs.scenario(s) {
        Some(sc) => fact_values(rs, sc.topic, facts),
        None => list(facts, ToString::to_string),
    };
    format!(
        "{} overrides {}: both match {facts}",
        scenario_id(rs, by),
        scenario_id(rs, s)
    )
}

/// `scenario_selection(topic, facts, scanned)`.
pub(super) fn scenario_selection(
    rs: &RuleSet,
    t: TopicId,
    facts: &[u32],
    scanned: &[(ScenarioId, ScenarioStatus)],
) -> String {
    let statuses = list(scanned, |(s, status)| {
        let how = match status {
            ScenarioStatus::NoMatch => "does not match".to_owned(),
            ScenarioStatus::Selected => "selected".to_owned(),
            ScenarioStatus::Overridden { by } => format!("overridden by {}", scenario_id(rs, *by)),
            ScenarioStatus::OtherwiseUnused => "not used (the catch-all)".to_owned(),
            ScenarioStatus::Undecided => "undecided (it tests a fact not given)".to_owned(),
        };
        format!("{} {how}", scenario_id(rs, *s))
    });
    format!(
        "the scenarios of {} on {}: {statuses}",
        topic(rs, t),
        fact_values(rs, t, facts)
    )
}

/// What a resolution step resolves, in words.
fn actor(rs: &RuleSet, a: &Actor) -> String {
    match a {
        Actor::Role(Role::Named(name)) => format!("the unit named `{name}`"),
        Actor::Role(role) => plain::role(rs, role),
        Actor::TopicLead { topic: t, facts } => format!(
            "the lead of the scenario of topic {} that {} select",
            topic(rs, *t),
            fact_values(rs, *t, facts)
        ),
        Actor::Responsible(i) => format!("the department responsible for {}", item(rs, *i)),
    }
}

/// `resolves(actor, P, d, r)`.
pub(super) fn resolves(rs: &RuleSet, a: &Actor, p: PlaceId, date: Date, r: &Resolved) -> String {
    format!(
        "{} at {} on {date} is {}",
        actor(rs, a),
        place(rs, p),
        plain::resolved(rs, r)
    )
}

fn resolution(rs: &RuleSet, s: &ScenarioResolution) -> String {
    let mut parts = vec![format!(
        "{}{}",
        scenario_id(rs, s.scenario),
        rs.scenario(s.scenario)
            .map(|sc| format!(" {}", sc.name))
            .unwrap_or_default()
    )];
    parts.push(match &s.lead {
        Some(lead) => format!("lead {}", resolved(rs, lead)),
        None => "no lead".to_owned(),
    });
    if !s.assist.is_empty() {
        parts.push(format!(
            "assisted by {}",
            list(&s.assist, |a| resolved(rs, a))
        ));
    }
    if let Some(t) = s.township {
        parts.push(format!(
            "{} cooperates ({})",
            unit(rs, t),
            s.township_duties.join(", ")
        ));
    }
    if !s.flow.is_empty() {
        parts.push(format!("{} workflow steps", s.flow.len()));
    }
    parts.join("; ")
}

/// `scenario_result(topic, P, d, facts, answer)`.
pub(super) fn scenario_result(
    rs: &RuleSet,
    t: TopicId,
    p: PlaceId,
    date: Date,
    facts: &[(String, String)],
    answer: &ScenarioAnswer,
) -> String {
    let facts = if facts.is_empty() {
        "no facts".to_owned()
    } else {
        list(facts, |(k, v)| format!("{k}={v}"))
    };
    let head = format!(
        "the scenario of {} at {} on {date} ({facts})",
        topic(rs, t),
        place(rs, p)
    );
    match answer {
        ScenarioAnswer::Matched(s) => format!("{head}: {}", resolution(rs, s)),
        ScenarioAnswer::Ambiguous {
            candidates,
            designate,
        } => format!(
            "{head} is ambiguous between {}; {}{} must designate one",
            list(candidates, |c| format!("[{}]", resolution(rs, c))),
            place(rs, designate.place),
            designate
                .unit
                .map(|u| format!(" ({})", unit(rs, u)))
                .unwrap_or_default()
        ),
        ScenarioAnswer::NoMatch => format!("{head}: no scenario matches"),
        ScenarioAnswer::NeedsFacts { missing, possible } => format!(
            "{head} needs {} to choose between {}",
            list(missing, |f| format!("`{f}`")),
            list(possible, |s| scenario_id(rs, *s))
        ),
    }
}

/// `ladder_applies(L, P)`.
pub(super) fn ladder_applies(rs: &RuleSet, l: LadderId, p: PlaceId) -> String {
    format!("ladder {} applies at {}", ladder(rs, l), place(rs, p))
}

fn rung(rs: &RuleSet, r: &Rung) -> String {
    let mut text = format!("{} closes at {}", r.severity, resolved(rs, &r.unit));
    if let Some(by) = &r.by {
        text.push_str(&format!(" by {}", resolved(rs, by)));
    }
    if let Some(review) = &r.review {
        text.push_str(&format!(", reviewed by {}", resolved(rs, review)));
    }
    if let Some(within) = r.within {
        text.push_str(&format!(", within {within}"));
    }
    text
}

/// `escalation_result(P, severity, subject, d, answer)`.
pub(super) fn escalation_result(
    rs: &RuleSet,
    p: PlaceId,
    severity: &str,
    subject: Option<&Subject>,
    facts: &[(String, String)],
    date: Date,
    answer: &EscalationAnswer,
) -> String {
    let about = match subject {
        Some(Subject::Item(i)) => format!(" about {}", item(rs, *i)),
        Some(Subject::Topic(t)) if facts.is_empty() => format!(" about topic {}", topic(rs, *t)),
        Some(Subject::Topic(t)) => format!(
            " about topic {} ({})",
            topic(rs, *t),
            list(facts, |(k, v)| format!("{k}={v}"))
        ),
        None => String::new(),
    };
    let rungs: Vec<String> = answer.rungs.iter().map(|r| rung(rs, r)).collect();
    format!(
        "a {severity} matter{about} at {} on {date} climbs {}: {}",
        place(rs, p),
        ladder(rs, answer.ladder),
        rungs.join("; ")
    )
}

fn role_words(role: ScenarioRole) -> &'static str {
    match role {
        ScenarioRole::Lead => "lead",
        ScenarioRole::Assist => "collaborator",
        ScenarioRole::Township => "township",
    }
}

/// `duties_result(U, d, answer)`.
pub(super) fn duties_result(rs: &RuleSet, u: UnitId, date: Date, answer: &DutiesAnswer) -> String {
    let basic = list(&answer.basic, |b| {
        let mut text = format!("{} ({}", item(rs, b.item), mode_name(b.mode));
        if let Some(d) = b.delegation {
            text.push_str(&format!(" by {d}"));
        }
        if b.conflict {
            text.push_str(", in conflict");
        }
        text.push(')');
        text
    });
    let cooperating = list(&answer.cooperating, |c| match c {
        CooperationDuty::Territorial {
            item: i,
            primary,
            duties,
        } => format!(
            "{} with {} ({})",
            item(rs, *i),
            unit(rs, *primary),
            duties.join(", ")
        ),
        CooperationDuty::Scenario {
            scenario,
            role,
            duties,
        } => {
            let mut text = format!("{} as {}", scenario_id(rs, *scenario), role_words(*role));
            if !duties.is_empty() {
                text.push_str(&format!(" ({})", duties.join(", ")));
            }
            text
        }
    });
    let revoked = list(&answer.revoked, |r| {
        format!("{} (revocation {})", item(rs, r.item), r.revocation)
    });
    let or_none = |s: String| if s.is_empty() { "none".to_owned() } else { s };
    format!(
        "the duties of {} on {date}: 基本履职事项 {}; 配合履职事项 {}; 上级部门收回事项 {}",
        unit(rs, u),
        or_none(basic),
        or_none(cooperating),
        or_none(revoked)
    )
}

/// `accepts(A, I, T)`.
pub(super) fn accepts(rs: &RuleSet, acceptance: u32, i: ItemId, t: PlaceId) -> String {
    let points = rs
        .decls()
        .acceptances
        .get(acceptance as usize)
        .map(|a| list(&a.points, |p| unit(rs, *p)))
        .unwrap_or_default();
    format!(
        "acceptance rule {acceptance} takes {} from residents of {} at {}",
        item(rs, i),
        place(rs, t),
        if points.is_empty() {
            "no point".to_owned()
        } else {
            points
        }
    )
}

/// `accept_result(I, P, d, answer)`.
pub(super) fn accept_result(
    rs: &RuleSet,
    i: ItemId,
    p: PlaceId,
    date: Date,
    answer: &AcceptAnswer,
) -> String {
    let points = if answer.points.is_empty() {
        "no service point accepts it".to_owned()
    } else {
        format!("accepted at {}", list(&answer.points, |u| unit(rs, *u)))
    };
    let handler = match &answer.handler {
        WhoAnswer::Handled(h) => {
            format!("{} handles it ({})", unit(rs, h.handler), handling(rs, h))
        }
        WhoAnswer::Conflict {
            township,
            candidates,
        } => format!(
            "the handling is in conflict at {} between {}",
            place(rs, *township),
            list(candidates, |c| unit(rs, c.handler))
        ),
    };
    format!(
        "a resident of {} hands in {} on {date}: {points}; {handler}",
        place(rs, p),
        item(rs, i)
    )
}
