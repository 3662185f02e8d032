//! Answers with names instead of ids: what people and other programs read. Every surface (the
//! CLI's `--json`, the Python package, the HTTP API) shows the same view, so they agree.
//!
//! Units and places appear as their qualified paths, items as their codes, scenarios by id.

use crate::answer::*;
use crate::ids::{ItemId, PlaceId, ScenarioId, UnitId};
use crate::ruleset::RuleSet;
use serde_json::{json, Value};

fn unit(rs: &RuleSet, id: UnitId) -> Value {
    rs.unit(id)
        .map_or(Value::Null, |u| Value::String(u.path.clone()))
}

fn place(rs: &RuleSet, id: PlaceId) -> Value {
    rs.place(id)
        .map_or(Value::Null, |p| Value::String(p.path.clone()))
}

fn item(rs: &RuleSet, id: ItemId) -> Value {
    rs.item(id)
        .map_or(Value::Null, |i| Value::String(i.code.clone()))
}

fn scenario_id(rs: &RuleSet, id: ScenarioId) -> Value {
    rs.scenario(id)
        .map_or(Value::Null, |s| Value::String(s.id.clone()))
}

fn mode(m: HandleMode) -> &'static str {
    match m {
        HandleMode::Own => "own",
        HandleMode::Grant => "grant",
        HandleMode::Entrust => "entrust",
        HandleMode::Statutory => "statutory",
        HandleMode::Territorial => "territorial",
        HandleMode::Reserved => "reserved",
    }
}

/// The name of a handling mode as the rule language writes it.
pub fn mode_name(m: HandleMode) -> &'static str {
    mode(m)
}

fn handling(rs: &RuleSet, h: &Handling) -> Value {
    json!({
        "handler": unit(rs, h.handler),
        "legal_subject": unit(rs, h.legal_subject),
        "executor": unit(rs, h.executor),
        "mode": mode(h.mode),
        "delegation": h.delegation.map(|d| d.to_string()),
        "cooperating": h.cooperating.iter().map(|c| json!({"unit": unit(rs, c.unit), "duties": c.duties})).collect::<Vec<_>>(),
    })
}

pub fn who(rs: &RuleSet, answer: &WhoAnswer) -> Value {
    match answer {
        WhoAnswer::Handled(h) => {
            let mut v = handling(rs, h);
            if let Some(obj) = v.as_object_mut() {
                obj.insert("status".into(), "handled".into());
            }
            v
        }
        WhoAnswer::Conflict {
            township,
            candidates,
        } => json!({
            "status": "conflict",
            "township": place(rs, *township),
            "candidates": candidates.iter().map(|h| handling(rs, h)).collect::<Vec<_>>(),
        }),
    }
}

pub fn can(_rs: &RuleSet, answer: &CanAnswer) -> Value {
    json!({
        "allowed": answer.allowed,
        "capacity": answer.capacity.map(|c| match c {
            Capacity::Handler => "handler",
            Capacity::LegalSubject => "legal_subject",
            Capacity::Executor => "executor",
        }),
        "conflict": answer.conflict,
    })
}

fn failure(f: &Failure) -> Value {
    match f {
        Failure::OtherTarget => json!({"reason": "other_target"}),
        Failure::NotYetInForce { since } => {
            json!({"reason": "not_yet_in_force", "since": since.to_string()})
        }
        Failure::Expired { until } => json!({"reason": "expired", "until": until.to_string()}),
        Failure::Revoked { by, since } => {
            json!({"reason": "revoked", "by": by.to_string(), "since": since.to_string()})
        }
    }
}

pub fn why_not(rs: &RuleSet, answer: &WhyNotAnswer) -> Value {
    let reasons: Vec<Value> = answer
        .reasons
        .iter()
        .map(|r| match r {
            Reason::Conflict { township, delegations } => json!({"reason": "conflict", "township": place(rs, *township), "delegations": delegations.iter().map(ToString::to_string).collect::<Vec<_>>()}),
            Reason::HandledBy { handler, legal_subject, mode: m } => json!({"reason": "handled_by", "handler": unit(rs, *handler), "legal_subject": unit(rs, *legal_subject), "mode": mode(*m)}),
            Reason::NoDelegation { township, scanned } => json!({
                "reason": "no_delegation",
                "township": place(rs, *township),
                "scanned": scanned.iter().map(|s| { let mut v = failure(&s.failure); if let Some(o) = v.as_object_mut() { o.insert("delegation".into(), s.delegation.to_string().into()); } v }).collect::<Vec<_>>(),
            }),
            Reason::Undelegable => json!({"reason": "undelegable"}),
            Reason::CooperatesOnly { duties } => json!({"reason": "cooperates_only", "duties": duties}),
            Reason::Reserved { delegation, part } => json!({"reason": "reserved", "delegation": delegation.to_string(), "part": part}),
            Reason::OtherTerritory { unit_township, township } => json!({"reason": "other_territory", "unit_township": place(rs, *unit_township), "township": township.map(|t| place(rs, t))}),
        })
        .collect();
    json!({"allowed": answer.allowed, "reasons": reasons})
}

fn resolved(rs: &RuleSet, r: &Resolved) -> Value {
    match r {
        Resolved::Unit(u) => unit(rs, *u),
        Resolved::Unresolved(why) => json!({"unresolved": match why {
            Unresolved::UnknownName { name } => format!("no unit `{name}`"),
            Unresolved::AmbiguousName { name, .. } => format!("`{name}` is ambiguous"),
            Unresolved::OutsideCounty { name, .. } => format!("`{name}` is outside the county"),
            Unresolved::NoUnitAtLevel { level } => format!("no {} here", level.english()),
            Unresolved::HandlerConflict { .. } => "the handler is in conflict".to_owned(),
            Unresolved::HandlerError { .. } => "the handler cannot be found".to_owned(),
            Unresolved::NoLead => "the scenario has no lead".to_owned(),
            Unresolved::NoSubject => "no item or topic given".to_owned(),
            Unresolved::NoScenario { topic } => format!(
                "no scenario of `{}` matches the facts",
                rs.topic(*topic).map_or("?", |t| t.name.as_str())
            ),
            Unresolved::AmbiguousScenario { scenarios } => format!(
                "the facts match several scenarios: {}",
                scenarios
                    .iter()
                    .filter_map(|s| rs.scenario(*s).map(|x| x.id.as_str()))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            Unresolved::NeedsFacts { missing } => {
                format!("the facts do not yet select a scenario; give {}", missing.join(", "))
            }
        }}),
    }
}

fn resolution(rs: &RuleSet, s: &ScenarioResolution) -> Value {
    json!({
        "scenario": scenario_id(rs, s.scenario),
        "name": rs.scenario(s.scenario).map(|x| x.name.clone()),
        "lead": s.lead.as_ref().map(|r| resolved(rs, r)),
        "assist": s.assist.iter().map(|r| resolved(rs, r)).collect::<Vec<_>>(),
        "township": s.township.map(|u| unit(rs, u)),
        "township_duties": s.township_duties,
        "flow": s.flow.iter().map(|st| json!({
            "action": st.action,
            "actor": st.actor.as_ref().map(|r| resolved(rs, r)),
            "limit": st.limit.map(|l| l.to_string()),
        })).collect::<Vec<_>>(),
    })
}

pub fn scenario(rs: &RuleSet, answer: &ScenarioAnswer) -> Value {
    match answer {
        ScenarioAnswer::Matched(s) => {
            let mut v = resolution(rs, s);
            if let Some(o) = v.as_object_mut() {
                o.insert("status".into(), "matched".into());
            }
            v
        }
        ScenarioAnswer::Ambiguous {
            candidates,
            designate,
        } => json!({
            "status": "ambiguous",
            "candidates": candidates.iter().map(|s| resolution(rs, s)).collect::<Vec<_>>(),
            "designate": {"place": place(rs, designate.place), "unit": designate.unit.map(|u| unit(rs, u))},
        }),
        ScenarioAnswer::NoMatch => json!({"status": "no_match"}),
        ScenarioAnswer::NeedsFacts { missing, possible } => json!({
            "status": "needs_facts",
            "missing": missing,
            "possible": possible.iter().map(|s| scenario_id(rs, *s)).collect::<Vec<_>>(),
        }),
    }
}

pub fn escalate(rs: &RuleSet, answer: &EscalationAnswer) -> Value {
    json!({
        "ladder": rs.decls().ladders.get(answer.ladder.index()).map(|l| l.name.clone()),
        "rungs": answer.rungs.iter().map(|r| json!({
            "severity": r.severity,
            "unit": resolved(rs, &r.unit),
            "by": r.by.as_ref().map(|b| resolved(rs, b)),
            "review": r.review.as_ref().map(|b| resolved(rs, b)),
            "within": r.within.map(|w| w.to_string()),
        })).collect::<Vec<_>>(),
    })
}

pub fn duties(rs: &RuleSet, answer: &DutiesAnswer) -> Value {
    json!({
        "basic": answer.basic.iter().map(|b| json!({
            "item": item(rs, b.item),
            "name": rs.item(b.item).map(|i| i.name.clone()),
            "mode": mode(b.mode),
            "delegation": b.delegation.map(|d| d.to_string()),
            "conflict": b.conflict,
        })).collect::<Vec<_>>(),
        "cooperating": answer.cooperating.iter().map(|c| match c {
            CooperationDuty::Territorial { item: i, primary, duties } => json!({"item": item(rs, *i), "primary": unit(rs, *primary), "duties": duties}),
            CooperationDuty::Scenario { scenario: s, role, duties } => json!({"scenario": scenario_id(rs, *s), "role": match role { ScenarioRole::Lead => "lead", ScenarioRole::Assist => "assist", ScenarioRole::Township => "township" }, "duties": duties}),
        }).collect::<Vec<_>>(),
        "revoked": answer.revoked.iter().map(|r| json!({"item": item(rs, r.item), "revocation": r.revocation.to_string()})).collect::<Vec<_>>(),
    })
}

pub fn accept(rs: &RuleSet, answer: &AcceptAnswer) -> Value {
    json!({
        "points": answer.points.iter().map(|u| unit(rs, *u)).collect::<Vec<_>>(),
        "handler": who(rs, &answer.handler),
    })
}
