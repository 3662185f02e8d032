//! Judging one expectation against a query's answer.

use super::names;
use super::run::{Answer, NoAnswer, Ran};
use super::Verdict;
use crate::answer::{
    CooperationDuty, HandleMode, Handling, Resolved, ScenarioAnswer, ScenarioResolution, WhoAnswer,
};
use crate::ids::{PlaceId, UnitId};
use crate::model::test::{Expect, Written};
use crate::ruleset::RuleSet;
use crate::span::Span;
use crate::view::mode_name;
use std::collections::BTreeSet;

/// Resolves a unit name from a place outward, falling back to the global lookup (whose error
/// carries the did-you-mean message).
fn unit(rs: &RuleSet, w: &Written, from: Option<PlaceId>) -> Result<UnitId, NoAnswer> {
    Ok(names::unit(rs, w, from)?)
}

fn path(rs: &RuleSet, u: UnitId) -> String {
    rs.unit(u).map_or_else(|| u.to_string(), |u| u.path.clone())
}

fn resolved(rs: &RuleSet, r: Option<&Resolved>) -> String {
    match r {
        Some(Resolved::Unit(u)) => path(rs, *u),
        Some(Resolved::Unresolved(why)) => {
            format!("unresolved ({})", crate::plain::unresolved(rs, why))
        }
        None => "none".to_owned(),
    }
}

fn scenario_ids(rs: &RuleSet, candidates: &[ScenarioResolution]) -> String {
    let ids: Vec<&str> = candidates
        .iter()
        .filter_map(|c| rs.scenario(c.scenario).map(|s| s.id.as_str()))
        .collect();
    ids.join(", ")
}

/// The answer in words, for a failed expectation.
fn describe(rs: &RuleSet, answer: &Answer) -> String {
    match answer {
        Answer::Who(WhoAnswer::Handled(h)) => format!(
            "handler {} ({}, in the name of {})",
            path(rs, h.handler),
            mode_name(h.mode),
            path(rs, h.legal_subject)
        ),
        Answer::Who(WhoAnswer::Conflict { township, .. }) => format!(
            "a conflict at {}",
            rs.place(*township).map_or("?", |p| p.path.as_str())
        ),
        Answer::Can(c) if c.allowed => "allow".to_owned(),
        Answer::Can(c) if c.conflict => "deny (conflict)".to_owned(),
        Answer::Can(_) => "deny".to_owned(),
        Answer::Scenario(ScenarioAnswer::Matched(r)) => format!(
            "scenario {} led by {}",
            scenario_ids(rs, std::slice::from_ref(r)),
            resolved(rs, r.lead.as_ref())
        ),
        Answer::Scenario(ScenarioAnswer::Ambiguous { candidates, .. }) => {
            format!("ambiguous between {}", scenario_ids(rs, candidates))
        }
        Answer::Scenario(ScenarioAnswer::NoMatch) => "no-match".to_owned(),
        Answer::Scenario(ScenarioAnswer::NeedsFacts { missing, .. }) => {
            format!("needs facts {}", missing.join(", "))
        }
        Answer::Escalate(e) => format!(
            "closes at {}",
            resolved(rs, e.rungs.last().map(|r| &r.unit))
        ),
        Answer::Duties(d) => format!(
            "{} basic, {} cooperating, {} revoked duties",
            d.basic.len(),
            d.cooperating.len(),
            d.revoked.len()
        ),
        Answer::Accept(a) => {
            let points: Vec<String> = a.points.iter().map(|u| path(rs, *u)).collect();
            format!("points [{}]", points.join(", "))
        }
    }
}

fn handling(answer: &Answer) -> Option<&Handling> {
    match answer {
        Answer::Who(w) => w.handling(),
        Answer::Accept(a) => a.handler.handling(),
        _ => None,
    }
}

/// The words `expect mode` takes, in both languages, and the mode each names
/// (docs/LANGUAGE.md lists them).
pub const MODE_WORDS: &[(&str, HandleMode)] = &[
    ("own", HandleMode::Own),
    ("自有", HandleMode::Own),
    ("自行", HandleMode::Own),
    ("grant", HandleMode::Grant),
    ("赋权", HandleMode::Grant),
    ("entrust", HandleMode::Entrust),
    ("委托", HandleMode::Entrust),
    ("statutory", HandleMode::Statutory),
    ("授权", HandleMode::Statutory),
    ("territorial", HandleMode::Territorial),
    ("属地", HandleMode::Territorial),
    ("reserved", HandleMode::Reserved),
    ("保留", HandleMode::Reserved),
];

fn mode_word(text: &str) -> Option<HandleMode> {
    MODE_WORDS
        .iter()
        .find(|(word, _)| *word == text)
        .map(|(_, mode)| *mode)
}

fn fail(expected: impl Into<String>, actual: impl Into<String>) -> Verdict {
    Verdict::Failed {
        expected: expected.into(),
        actual: actual.into(),
    }
}

fn check(ok: bool, expected: impl Into<String>, actual: impl FnOnce() -> String) -> Verdict {
    if ok {
        Verdict::Passed
    } else {
        fail(expected, actual())
    }
}

fn units(
    rs: &RuleSet,
    ws: &[Written],
    from: Option<PlaceId>,
) -> Result<BTreeSet<UnitId>, NoAnswer> {
    ws.iter().map(|w| unit(rs, w, from)).collect()
}

fn texts(ws: &[Written]) -> String {
    let t: Vec<&str> = ws.iter().map(|w| w.text.as_str()).collect();
    format!("[{}]", t.join(", "))
}

/// The verdict on one expectation and, when a name did not resolve, where that name is written.
pub(super) fn judge(rs: &RuleSet, ran: &Ran, e: &Expect) -> (Verdict, Option<Span>) {
    let answer = match (&ran.answer, e) {
        (Err(NoAnswer::Query(_)), Expect::Error) => return (Verdict::Passed, None),
        (Err(NoAnswer::Query(message)), _) => {
            return (fail("an answer", format!("error: {message}")), None)
        }
        (Err(NoAnswer::Lookup { message, span }), _) => {
            return (fail("names that resolve", message.clone()), Some(*span))
        }
        (Ok(answer), Expect::Error) => return (fail("an error", describe(rs, answer)), None),
        (Ok(answer), _) => answer,
    };
    match judge_answer(rs, ran.place, answer, e) {
        Ok(v) => (v, None),
        Err(NoAnswer::Lookup { message, span }) => {
            (fail("names that resolve", message), Some(span))
        }
        Err(NoAnswer::Query(message)) => (fail("names that resolve", message), None),
    }
}

fn judge_answer(
    rs: &RuleSet,
    place: Option<PlaceId>,
    answer: &Answer,
    e: &Expect,
) -> Result<Verdict, NoAnswer> {
    let actual = || describe(rs, answer);
    let handling_unit = |w: &Written, pick: fn(&Handling) -> UnitId| -> Result<Verdict, NoAnswer> {
        let want = unit(rs, w, place)?;
        Ok(match handling(answer) {
            Some(h) => check(pick(h) == want, path(rs, want), || path(rs, pick(h))),
            None => fail(path(rs, want), actual()),
        })
    };
    let matched = match answer {
        Answer::Scenario(ScenarioAnswer::Matched(r)) => Some(r),
        _ => None,
    };
    Ok(match e {
        Expect::Handler(w) => handling_unit(w, |h| h.handler)?,
        Expect::InNameOf(w) => handling_unit(w, |h| h.legal_subject)?,
        Expect::Executor(w) => handling_unit(w, |h| h.executor)?,
        Expect::Mode(w) => match (mode_word(&w.text), handling(answer)) {
            (None, _) => fail(
                "a mode: own, grant, entrust, statutory, territorial or reserved",
                format!("`{}`", w.text),
            ),
            (Some(m), Some(h)) => check(h.mode == m, mode_name(m), || mode_name(h.mode).to_owned()),
            (Some(m), None) => fail(mode_name(m), actual()),
        },
        Expect::Cooperate(ws) => match handling(answer) {
            Some(h) => {
                let want: BTreeSet<&str> = ws.iter().map(|w| w.text.as_str()).collect();
                let got: BTreeSet<&str> = h
                    .cooperating
                    .iter()
                    .flat_map(|c| c.duties.iter().map(String::as_str))
                    .collect();
                check(want == got, texts(ws), || {
                    format!("[{}]", got.into_iter().collect::<Vec<_>>().join(", "))
                })
            }
            None => fail(texts(ws), actual()),
        },
        Expect::Lead(w) => {
            let want = unit(rs, w, place)?;
            match matched {
                Some(r) => check(r.lead == Some(Resolved::Unit(want)), path(rs, want), || {
                    resolved(rs, r.lead.as_ref())
                }),
                None => fail(path(rs, want), actual()),
            }
        }
        Expect::Assist(ws) => {
            let want = units(rs, ws, place)?;
            match matched {
                Some(r) => {
                    let got: BTreeSet<UnitId> =
                        r.assist.iter().filter_map(Resolved::unit).collect();
                    let complete = got.len() == r.assist.len();
                    check(complete && got == want, texts(ws), || {
                        let names: Vec<String> =
                            r.assist.iter().map(|a| resolved(rs, Some(a))).collect();
                        format!("[{}]", names.join(", "))
                    })
                }
                None => fail(texts(ws), actual()),
            }
        }
        Expect::Scenario(w) => {
            let want = names::scenario(rs, w)?;
            check(
                matched.is_some_and(|r| r.scenario == want),
                w.text.clone(),
                actual,
            )
        }
        Expect::Allow | Expect::Deny => {
            let want = matches!(e, Expect::Allow);
            match answer {
                Answer::Can(c) => check(
                    c.allowed == want,
                    if want { "allow" } else { "deny" },
                    actual,
                ),
                _ => fail(if want { "allow" } else { "deny" }, actual()),
            }
        }
        Expect::NoMatch => check(
            matches!(answer, Answer::Scenario(ScenarioAnswer::NoMatch)),
            "no-match",
            actual,
        ),
        Expect::NeedsFacts => check(
            matches!(answer, Answer::Scenario(ScenarioAnswer::NeedsFacts { .. })),
            "needs-facts",
            actual,
        ),
        Expect::Ambiguous => check(
            matches!(answer, Answer::Scenario(ScenarioAnswer::Ambiguous { .. })),
            "ambiguous",
            actual,
        ),
        Expect::Conflict => {
            let conflict = match answer {
                Answer::Who(WhoAnswer::Conflict { .. }) => true,
                Answer::Can(c) => c.conflict,
                Answer::Accept(a) => matches!(a.handler, WhoAnswer::Conflict { .. }),
                _ => false,
            };
            check(conflict, "conflict", actual)
        }
        Expect::Includes(w) => match answer {
            Answer::Duties(d) => {
                let (item, scenario) = names::included(rs, w)?;
                let found = d.basic.iter().any(|b| Some(b.item) == item)
                    || d.cooperating.iter().any(|c| match c {
                        CooperationDuty::Territorial { item: i, .. } => Some(*i) == item,
                        CooperationDuty::Scenario { scenario: s, .. } => Some(*s) == scenario,
                    });
                check(found, format!("a duty list including {}", w.text), actual)
            }
            _ => fail(format!("a duty list including {}", w.text), actual()),
        },
        Expect::Point(w) => {
            let want = unit(rs, w, place)?;
            match answer {
                Answer::Accept(a) => check(a.points.contains(&want), path(rs, want), actual),
                _ => fail(path(rs, want), actual()),
            }
        }
        Expect::Closes(w) => {
            let want = unit(rs, w, place)?;
            match answer {
                Answer::Escalate(esc) => check(
                    esc.rungs.last().and_then(|r| r.unit.unit()) == Some(want),
                    path(rs, want),
                    actual,
                ),
                _ => fail(path(rs, want), actual()),
            }
        }
        Expect::Error => fail("an error", actual()),
    })
}
