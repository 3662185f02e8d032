//! Queries asked by name, as every surface receives them: the arguments as JSON-shaped structs,
//! resolved against a [`RuleSet`] and answered as the document `{"answer", "named", "proof"}`
//! that the CLI's `--json` prints and the HTTP API returns.
//!
//! Keeping the resolution and the document here means the command line and the server cannot
//! drift apart: both call [`document`], and the server calls [`answer`] for whole requests.
//! A proof travelling back as such a document is checked with [`verify`] (see [`crate::verify`]).

use crate::answer::*;
use crate::proof::{Proof, Subject};
use crate::query::{self, QueryError};
use crate::ruleset::{LookupError, RuleSet};
use crate::{view, Date};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// `who`: who handles an item at a place on a date, optionally for a named part of the item.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Who {
    pub item: String,
    pub place: String,
    pub date: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub part: Option<String>,
}

/// `can` and `why-not`: may a unit exercise an item at a place on a date.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnitItem {
    pub unit: String,
    pub item: String,
    pub place: String,
    pub date: String,
}

/// `scenario`: the collaborative scenario for facts at a place on a date. Facts keep the order
/// in which they are written, as the proof's receipt records them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScenarioArgs {
    pub topic: String,
    pub place: String,
    #[serde(default)]
    pub facts: Map<String, Value>,
    pub date: String,
}

/// `escalate`: the ladder for a matter of a severity, about an item or a topic (not both).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Escalate {
    pub place: String,
    pub severity: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub topic: Option<String>,
    /// The facts of a topic's case: they select the scenario whose lead answers the whistle.
    #[serde(default, skip_serializing_if = "Map::is_empty")]
    pub facts: Map<String, Value>,
    pub date: String,
}

/// `duties`: a unit's duty list on a date.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Duties {
    pub unit: String,
    pub date: String,
}

/// `accept`: where a resident may hand in an application for an item.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Accept {
    pub item: String,
    pub resident: String,
    pub date: String,
}

/// Every query a surface can ask by name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Request {
    Who(Who),
    Can(UnitItem),
    WhyNot(UnitItem),
    Scenario(ScenarioArgs),
    Escalate(Escalate),
    Duties(Duties),
    Accept(Accept),
}

/// Why a request by name was not answered.
#[derive(Debug, thiserror::Error)]
pub enum RequestError {
    /// A malformed argument (a date, a fact, contradictory options).
    #[error("{0}")]
    Invalid(String),
    /// A name the rule set does not know, or knows more than once.
    #[error(transparent)]
    Lookup(#[from] LookupError),
    /// The rule set cannot answer the query (the item does not apply there, no ladder …).
    #[error(transparent)]
    Query(#[from] QueryError),
    /// The answer could not be turned into JSON.
    #[error("the answer cannot be written as JSON: {0}")]
    Json(#[from] serde_json::Error),
}

/// The one form of a civil date every surface reads: four-digit year, two-digit month and
/// day, nothing before or after.
const DATE_FORMAT: &[time::format_description::BorrowedFormatItem<'static>] =
    time::macros::format_description!("[year]-[month]-[day]");

/// Reads a civil date written `YYYY-MM-DD`: exactly four digits of year, two of month and two of
/// day, and a day of the calendar. Every surface reads dates through this function (the CLI,
/// the server, the Python package, the test runner and the rule language), so `24-05-01` is
/// refused everywhere rather than read as the year 24 somewhere.
pub fn parse_date(text: &str) -> Option<Date> {
    // The format's `[year]` also takes a leading sign (`+2024`), which no drafter means.
    if !text.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    Date::parse(text, DATE_FORMAT).ok()
}

fn date(text: &str) -> Result<Date, RequestError> {
    parse_date(text).ok_or_else(|| {
        RequestError::Invalid(format!("`{text}` is not a valid date; write YYYY-MM-DD"))
    })
}

/// The document borrowed from its parts, so it can be written without copying the proof into a
/// JSON value first.
#[derive(Serialize)]
struct DocumentRef<'a, A> {
    answer: &'a A,
    named: Value,
    proof: Option<&'a Proof>,
}

/// The document every surface shows for an answer: `{"answer", "named", "proof"}`.
pub fn document<A: Serialize>(
    answer: &A,
    named: Value,
    proof: Option<&Proof>,
) -> Result<Value, serde_json::Error> {
    serde_json::to_value(DocumentRef {
        answer,
        named,
        proof,
    })
}

/// An answer with its proof, before it is written out.
#[derive(Clone, Debug)]
pub enum Answered {
    Who(WhoAnswer, Proof),
    Can(CanAnswer, Proof),
    WhyNot(WhyNotAnswer, Proof),
    Scenario(ScenarioAnswer, Proof),
    Escalate(EscalationAnswer, Proof),
    Duties(DutiesAnswer, Proof),
    Accept(AcceptAnswer, Proof),
}

impl Answered {
    pub fn proof(&self) -> &Proof {
        match self {
            Answered::Who(_, p)
            | Answered::Can(_, p)
            | Answered::WhyNot(_, p)
            | Answered::Scenario(_, p)
            | Answered::Escalate(_, p)
            | Answered::Duties(_, p)
            | Answered::Accept(_, p) => p,
        }
    }

    /// Calls `f` with the answer, its named view and its proof.
    fn with<R>(&self, rs: &RuleSet, f: impl FnOnce(&dyn erased::Doc) -> R) -> R {
        match self {
            Answered::Who(a, p) => f(&DocumentRef {
                answer: a,
                named: view::who(rs, a),
                proof: Some(p),
            }),
            Answered::Can(a, p) => f(&DocumentRef {
                answer: a,
                named: view::can(rs, a),
                proof: Some(p),
            }),
            Answered::WhyNot(a, p) => f(&DocumentRef {
                answer: a,
                named: view::why_not(rs, a),
                proof: Some(p),
            }),
            Answered::Scenario(a, p) => f(&DocumentRef {
                answer: a,
                named: view::scenario(rs, a),
                proof: Some(p),
            }),
            Answered::Escalate(a, p) => f(&DocumentRef {
                answer: a,
                named: view::escalate(rs, a),
                proof: Some(p),
            }),
            Answered::Duties(a, p) => f(&DocumentRef {
                answer: a,
                named: view::duties(rs, a),
                proof: Some(p),
            }),
            Answered::Accept(a, p) => f(&DocumentRef {
                answer: a,
                named: view::accept(rs, a),
                proof: Some(p),
            }),
        }
    }

    /// The document as a JSON value.
    pub fn to_value(&self, rs: &RuleSet) -> Result<Value, serde_json::Error> {
        self.with(rs, |d| d.value())
    }

    /// The document written as compact JSON, without building a value first.
    pub fn to_vec(&self, rs: &RuleSet) -> Result<Vec<u8>, serde_json::Error> {
        self.with(rs, |d| d.bytes())
    }
}

/// Writing a document whatever its answer type.
mod erased {
    use serde_json::Value;

    pub trait Doc {
        fn value(&self) -> Result<Value, serde_json::Error>;
        fn bytes(&self) -> Result<Vec<u8>, serde_json::Error>;
    }

    impl<A: serde::Serialize> Doc for super::DocumentRef<'_, A> {
        fn value(&self) -> Result<Value, serde_json::Error> {
            serde_json::to_value(self)
        }
        fn bytes(&self) -> Result<Vec<u8>, serde_json::Error> {
            serde_json::to_vec(self)
        }
    }
}

/// Answers a request with its proof, as the document `{"answer", "named", "proof"}`.
pub fn answer(rs: &RuleSet, request: &Request) -> Result<Value, RequestError> {
    Ok(answered(rs, request)?.to_value(rs)?)
}

/// Answers a request with its proof.
pub fn answered(rs: &RuleSet, request: &Request) -> Result<Answered, RequestError> {
    Ok(match request {
        Request::Who(r) => {
            let item = rs.lookup_item(&r.item)?;
            let place = rs.lookup_place(&r.place)?;
            let date = date(&r.date)?;
            if let Some(part) = &r.part {
                bounded("part", part)?;
            }
            let (a, p) = query::who_handles_part_proved(rs, item, place, date, r.part.as_deref())?;
            Answered::Who(a, p)
        }
        Request::Can(r) => {
            let (unit, item, place, date) = unit_item(rs, r)?;
            let (a, p) = query::can_proved(rs, unit, item, place, date)?;
            Answered::Can(a, p)
        }
        Request::WhyNot(r) => {
            let (unit, item, place, date) = unit_item(rs, r)?;
            let (a, p) = query::why_not_proved(rs, unit, item, place, date)?;
            Answered::WhyNot(a, p)
        }
        Request::Scenario(r) => {
            let topic = rs.lookup_topic(&r.topic)?;
            let place = rs.lookup_place(&r.place)?;
            let facts = facts(&r.facts)?;
            let date = date(&r.date)?;
            let (a, p) = query::scenario_proved(rs, topic, place, &facts, date)?;
            Answered::Scenario(a, p)
        }
        Request::Escalate(r) => {
            let place = rs.lookup_place(&r.place)?;
            let subject = match (&r.item, &r.topic) {
                (Some(_), Some(_)) => {
                    return Err(RequestError::Invalid(
                        "give `item` or `topic`, not both".to_owned(),
                    ))
                }
                (Some(item), None) => Some(Subject::Item(rs.lookup_item(item)?)),
                (None, Some(topic)) => Some(Subject::Topic(rs.lookup_topic(topic)?)),
                (None, None) => None,
            };
            let facts = facts(&r.facts)?;
            let date = date(&r.date)?;
            bounded("severity", &r.severity)?;
            let (a, p) = query::escalate_proved(rs, place, &r.severity, subject, &facts, date)?;
            Answered::Escalate(a, p)
        }
        Request::Duties(r) => {
            let unit = rs.lookup_unit(&r.unit)?;
            let date = date(&r.date)?;
            let (a, p) = query::duties_proved(rs, unit, date)?;
            Answered::Duties(a, p)
        }
        Request::Accept(r) => {
            let item = rs.lookup_item(&r.item)?;
            let place = rs.lookup_place(&r.resident)?;
            let date = date(&r.date)?;
            let (a, p) = query::accept_points_proved(rs, item, place, date)?;
            Answered::Accept(a, p)
        }
    })
}

type UnitItemIds = (crate::UnitId, crate::ItemId, crate::PlaceId, Date);

fn unit_item(rs: &RuleSet, r: &UnitItem) -> Result<UnitItemIds, RequestError> {
    Ok((
        rs.lookup_unit(&r.unit)?,
        rs.lookup_item(&r.item)?,
        rs.lookup_place(&r.place)?,
        date(&r.date)?,
    ))
}

/// Refuses a name the lookups do not see (a part, a severity, a fact or its value) when it is
/// longer than any name can be, as [`RuleSet`]'s lookups refuse theirs.
fn bounded(what: &str, text: &str) -> Result<(), RequestError> {
    if crate::names::is_too_long(text) {
        return Err(RequestError::Invalid(format!(
            "{what} name is longer than {} characters",
            crate::names::MAX_NAME_CHARS
        )));
    }
    Ok(())
}

/// Facts as `(name, value)` pairs, in the order written; every value must be a non-empty string.
fn facts(map: &Map<String, Value>) -> Result<Vec<(String, String)>, RequestError> {
    map.iter()
        .map(|(k, v)| match v {
            Value::String(s) if !k.trim().is_empty() && !s.trim().is_empty() => {
                bounded("fact", k)?;
                bounded("fact value", s)?;
                Ok((k.trim().to_owned(), s.trim().to_owned()))
            }
            _ => Err(RequestError::Invalid(format!(
                "fact `{k}` must be a non-empty name with a non-empty text value"
            ))),
        })
        .collect()
}

/// Verification of a document travels with the requests: see [`crate::verify`].
pub use crate::verify::{verdict, verify, Verdict, Verified, VerifyError};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_read_strictly() {
        assert!(parse_date("2024-05-01").is_some());
        assert!(parse_date("2024-02-30").is_none());
        assert!(parse_date("2024/05/01").is_none());
        assert!(parse_date("").is_none());
    }

    #[test]
    fn dates_need_four_digits_of_year_and_two_of_month_and_day() {
        assert_eq!(
            parse_date("2024-05-01"),
            Date::from_calendar_date(2024, time::Month::May, 1).ok()
        );
        assert_eq!(
            parse_date("0024-05-01"),
            Date::from_calendar_date(24, time::Month::May, 1).ok()
        );
        for text in [
            "24-05-01",
            "2024-5-1",
            "2024-05-1",
            "2024-5-01",
            "+2024-05-01",
            "-2024-05-01",
            "2024-05-01 ",
            " 2024-05-01",
            "2024-05-01T00:00",
            "20240-05-01",
            "２０２４-05-01",
        ] {
            assert_eq!(parse_date(text), None, "`{text}` was read as a date");
        }
    }

    #[test]
    fn facts_must_be_text() {
        let mut map = Map::new();
        map.insert("环节".into(), Value::from(1));
        assert!(facts(&map).is_err());
        let mut map = Map::new();
        map.insert("环节".into(), Value::from("运输"));
        assert_eq!(
            facts(&map).ok(),
            Some(vec![("环节".to_owned(), "运输".to_owned())])
        );
    }
}
