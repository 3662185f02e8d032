//! Running one test's query: resolving its written arguments and calling the query.

use super::expect::judge;
use super::names::{self, Unresolved};
use super::ExpectationResult;
use crate::answer::{
    AcceptAnswer, CanAnswer, DutiesAnswer, EscalationAnswer, ScenarioAnswer, WhoAnswer,
};
use crate::ids::PlaceId;
use crate::model::test::{Expect, TestCase, TestQuery, Written};
use crate::proof::Subject;
use crate::query;
use crate::ruleset::RuleSet;
use crate::span::Span;
use time::Date;

/// A query's answer, whatever the query.
#[derive(Clone, Debug)]
pub(super) enum Answer {
    Who(WhoAnswer),
    Can(CanAnswer),
    Scenario(ScenarioAnswer),
    Escalate(EscalationAnswer),
    Duties(DutiesAnswer),
    Accept(AcceptAnswer),
}

/// Why a test's query gave no answer.
#[derive(Clone, Debug)]
pub(super) enum NoAnswer {
    /// A written argument does not resolve: every expectation fails with this message, and
    /// points at the argument.
    Lookup { message: String, span: Span },
    /// The query itself refused: `expect error` passes.
    Query(String),
}

impl From<Unresolved> for NoAnswer {
    fn from(u: Unresolved) -> NoAnswer {
        NoAnswer::Lookup {
            message: u.error.to_string(),
            span: u.span,
        }
    }
}

/// The query's answer and the place names resolve from.
pub(super) struct Ran {
    pub answer: Result<Answer, NoAnswer>,
    pub place: Option<PlaceId>,
}

fn date(w: &Written) -> Result<Date, NoAnswer> {
    crate::request::parse_date(&w.text).ok_or_else(|| NoAnswer::Lookup {
        message: format!("`{}` is not a valid date", w.text),
        span: w.span,
    })
}

fn asked<T, E: std::fmt::Display>(r: Result<T, E>) -> Result<T, NoAnswer> {
    r.map_err(|e| NoAnswer::Query(e.to_string()))
}

fn ask(rs: &RuleSet, q: &TestQuery) -> Ran {
    let mut place = None;
    let answer = (|| -> Result<Answer, NoAnswer> {
        Ok(match q {
            TestQuery::Who {
                item,
                place: at,
                date: d,
                part,
            } => {
                let item = names::item(rs, item)?;
                let p = names::place(rs, at)?;
                place = Some(p);
                let part = part.as_ref().map(|w| w.text.as_str());
                Answer::Who(asked(query::who_handles_part(rs, item, p, date(d)?, part))?)
            }
            TestQuery::Can {
                unit,
                item,
                place: at,
                date: d,
            } => {
                let p = names::place(rs, at)?;
                place = Some(p);
                let unit = names::unit(rs, unit, Some(p))?;
                let item = names::item(rs, item)?;
                Answer::Can(asked(query::can(rs, unit, item, p, date(d)?))?)
            }
            TestQuery::Scenario {
                topic,
                place: at,
                facts,
                date: d,
            } => {
                let topic = names::topic(rs, topic)?;
                let p = names::place(rs, at)?;
                place = Some(p);
                let facts: Vec<(String, String)> = facts
                    .iter()
                    .map(|(k, v)| (k.text.clone(), v.text.clone()))
                    .collect();
                Answer::Scenario(asked(query::scenario(rs, topic, p, &facts, date(d)?))?)
            }
            TestQuery::Escalate {
                place: at,
                severity,
                item,
                topic,
                facts,
                date: d,
            } => {
                let p = names::place(rs, at)?;
                let facts: Vec<(String, String)> = facts
                    .iter()
                    .map(|(k, v)| (k.text.clone(), v.text.clone()))
                    .collect();
                place = Some(p);
                let subject = match (item, topic) {
                    (Some(i), _) => Some(Subject::Item(names::item(rs, i)?)),
                    (None, Some(t)) => Some(Subject::Topic(names::topic(rs, t)?)),
                    (None, None) => None,
                };
                Answer::Escalate(asked(query::escalate(
                    rs,
                    p,
                    &severity.text,
                    subject,
                    &facts,
                    date(d)?,
                ))?)
            }
            TestQuery::Duties { unit, date: d } => {
                let u = names::unit(rs, unit, None)?;
                place = rs.unit(u).map(|u| u.seat);
                Answer::Duties(asked(query::duties(rs, u, date(d)?))?)
            }
            TestQuery::Accept {
                item,
                resident,
                date: d,
            } => {
                let item = names::item(rs, item)?;
                let p = names::place(rs, resident)?;
                place = Some(p);
                Answer::Accept(asked(query::accept_points(rs, item, p, date(d)?))?)
            }
        })
    })();
    Ran { answer, place }
}

/// The expectation as written, e.g. `handler 甬江街道`, `assist [交警大队, 交通运输局]`.
fn words(e: &Expect) -> String {
    let list = |ws: &[Written]| {
        let names: Vec<&str> = ws.iter().map(|w| w.text.as_str()).collect();
        format!("[{}]", names.join(", "))
    };
    match e {
        Expect::Handler(w) => format!("handler {}", w.text),
        Expect::Mode(w) => format!("mode {}", w.text),
        Expect::InNameOf(w) => format!("name {}", w.text),
        Expect::Executor(w) => format!("executor {}", w.text),
        Expect::Cooperate(ws) => format!("cooperate {}", list(ws)),
        Expect::Lead(w) => format!("lead {}", w.text),
        Expect::Assist(ws) => format!("assist {}", list(ws)),
        Expect::Scenario(w) => format!("scenario {}", w.text),
        Expect::Includes(w) => format!("includes {}", w.text),
        Expect::Point(w) => format!("point {}", w.text),
        Expect::Closes(w) => format!("closes {}", w.text),
        Expect::Allow => "allow".to_owned(),
        Expect::Deny => "deny".to_owned(),
        Expect::NoMatch => "no-match".to_owned(),
        Expect::NeedsFacts => "needs-facts".to_owned(),
        Expect::Ambiguous => "ambiguous".to_owned(),
        Expect::Conflict => "conflict".to_owned(),
        Expect::Error => "error".to_owned(),
    }
}

fn run_one(rs: &RuleSet, test: &TestCase) -> Vec<ExpectationResult> {
    let ran = ask(rs, &test.query);
    test.expects
        .iter()
        .map(|e| {
            let (verdict, unresolved) = judge(rs, &ran, &e.expect);
            ExpectationResult {
                test: test.name.clone(),
                test_span: test.span,
                expectation: words(&e.expect),
                span: e.span,
                at: unresolved.unwrap_or(e.span),
                verdict,
            }
        })
        .collect()
}

/// Runs every test block of the rule set, in declaration order: one result per expectation.
pub fn run_tests(rs: &RuleSet) -> Vec<ExpectationResult> {
    rs.decls()
        .tests
        .iter()
        .flat_map(|t| run_one(rs, t))
        .collect()
}
