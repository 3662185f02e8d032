//! The names written in test blocks, resolved as the runner resolves them: the runner calls
//! these functions, and [`unresolved_names`] calls them without running any query, so
//! `quanze check` reports a misspelt name in a test at the very place `quanze test` would fail.
//!
//! Items, topics, places and expected scenarios are looked up by name or path; units from the
//! query's place outward, falling back to a global lookup (so `综合行政执法队` at `甬江街道` is
//! that street's team). Fact names and values, severities and parts are the query's business:
//! an unknown one is a refusal that `expect error` may expect.

use crate::ids::{ItemId, PlaceId, ScenarioId, TopicId, UnitId};
use crate::model::test::{Expect, TestCase, TestQuery, Written};
use crate::names::Resolution;
use crate::ruleset::{LookupError, RuleSet};
use crate::span::Span;

/// A name written in a test that does not resolve, where it is written, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnresolvedName {
    /// The test the name is written in.
    pub test: String,
    /// The span of the name itself.
    pub span: Span,
    /// Unknown (with the nearest known names) or ambiguous (with every candidate).
    pub error: LookupError,
}

/// Why a name did not resolve, and where it is written.
#[derive(Clone, Debug)]
pub(super) struct Unresolved {
    pub span: Span,
    pub error: LookupError,
}

fn at<T>(w: &Written, r: Result<T, LookupError>) -> Result<T, Unresolved> {
    r.map_err(|error| Unresolved {
        span: w.span,
        error,
    })
}

pub(super) fn item(rs: &RuleSet, w: &Written) -> Result<ItemId, Unresolved> {
    at(w, rs.lookup_item(&w.text))
}

pub(super) fn place(rs: &RuleSet, w: &Written) -> Result<PlaceId, Unresolved> {
    at(w, rs.lookup_place(&w.text))
}

pub(super) fn topic(rs: &RuleSet, w: &Written) -> Result<TopicId, Unresolved> {
    at(w, rs.lookup_topic(&w.text))
}

pub(super) fn scenario(rs: &RuleSet, w: &Written) -> Result<ScenarioId, Unresolved> {
    at(w, rs.lookup_scenario(&w.text))
}

/// A unit from a place outward, falling back to the global lookup (whose error carries the
/// did-you-mean message).
pub(super) fn unit(rs: &RuleSet, w: &Written, from: Option<PlaceId>) -> Result<UnitId, Unresolved> {
    if let Some(place) = from {
        if let Resolution::Found(u) = rs.resolve_unit(&w.text, Some(place)) {
            return Ok(u);
        }
    }
    at(w, rs.lookup_unit(&w.text))
}

/// What `expect includes NAME` names: an item, a scenario, or both; at least one.
pub(super) fn included(
    rs: &RuleSet,
    w: &Written,
) -> Result<(Option<ItemId>, Option<ScenarioId>), Unresolved> {
    let item = rs.lookup_item(&w.text);
    let scenario = rs.lookup_scenario(&w.text).ok();
    match (item, scenario) {
        (Err(error), None) => Err(Unresolved {
            span: w.span,
            error,
        }),
        (item, scenario) => Ok((item.ok(), scenario)),
    }
}

/// The place a test's unit names resolve from: the query's place (for `duties`, the unit's
/// seat), when it resolves.
fn query_place(rs: &RuleSet, q: &TestQuery) -> Option<PlaceId> {
    match q {
        TestQuery::Who { place, .. }
        | TestQuery::Can { place, .. }
        | TestQuery::Scenario { place, .. }
        | TestQuery::Escalate { place, .. } => self::place(rs, place).ok(),
        TestQuery::Accept { resident, .. } => self::place(rs, resident).ok(),
        TestQuery::Duties { unit, .. } => self::unit(rs, unit, None)
            .ok()
            .and_then(|u| rs.unit(u))
            .map(|u| u.seat),
    }
}

fn check_query(rs: &RuleSet, q: &TestQuery, from: Option<PlaceId>, out: &mut Vec<Unresolved>) {
    let mut note = |r: Result<(), Unresolved>| {
        if let Err(u) = r {
            out.push(u);
        }
    };
    match q {
        TestQuery::Who {
            item: i, place: p, ..
        } => {
            note(item(rs, i).map(drop));
            note(place(rs, p).map(drop));
        }
        TestQuery::Can {
            unit: u,
            item: i,
            place: p,
            ..
        } => {
            note(place(rs, p).map(drop));
            note(unit(rs, u, from).map(drop));
            note(item(rs, i).map(drop));
        }
        TestQuery::Scenario {
            topic: t, place: p, ..
        } => {
            note(topic(rs, t).map(drop));
            note(place(rs, p).map(drop));
        }
        TestQuery::Escalate {
            place: p,
            item: i,
            topic: t,
            ..
        } => {
            note(place(rs, p).map(drop));
            if let Some(i) = i {
                note(item(rs, i).map(drop));
            }
            if let Some(t) = t {
                note(topic(rs, t).map(drop));
            }
        }
        TestQuery::Duties { unit: u, .. } => note(unit(rs, u, None).map(drop)),
        TestQuery::Accept {
            item: i,
            resident: p,
            ..
        } => {
            note(item(rs, i).map(drop));
            note(place(rs, p).map(drop));
        }
    }
}

fn check_expect(rs: &RuleSet, e: &Expect, from: Option<PlaceId>, out: &mut Vec<Unresolved>) {
    let units: &[Written] = match e {
        Expect::Handler(w)
        | Expect::InNameOf(w)
        | Expect::Executor(w)
        | Expect::Lead(w)
        | Expect::Point(w)
        | Expect::Closes(w) => std::slice::from_ref(w),
        Expect::Assist(ws) => ws,
        Expect::Scenario(w) => {
            out.extend(scenario(rs, w).err());
            &[]
        }
        Expect::Includes(w) => {
            out.extend(included(rs, w).err());
            &[]
        }
        // Modes and duties are words of the language, not names; flags name nothing.
        Expect::Mode(_)
        | Expect::Cooperate(_)
        | Expect::Allow
        | Expect::Deny
        | Expect::NoMatch
        | Expect::NeedsFacts
        | Expect::Ambiguous
        | Expect::Conflict
        | Expect::Error => &[],
    };
    out.extend(units.iter().filter_map(|w| unit(rs, w, from).err()));
}

fn check_test(rs: &RuleSet, test: &TestCase, out: &mut Vec<UnresolvedName>) {
    let from = query_place(rs, &test.query);
    let mut found = Vec::new();
    check_query(rs, &test.query, from, &mut found);
    for e in &test.expects {
        check_expect(rs, &e.expect, from, &mut found);
    }
    out.extend(found.into_iter().map(|u| UnresolvedName {
        test: test.name.clone(),
        span: u.span,
        error: u.error,
    }));
}

/// Every name written in the rule set's test blocks that does not resolve, in declaration
/// order, each with its span: what `quanze check` reports about tests. Nothing is asked of the
/// queries.
pub fn unresolved_names(rs: &RuleSet) -> Vec<UnresolvedName> {
    let mut out = Vec::new();
    for test in &rs.decls().tests {
        check_test(rs, test, &mut out);
    }
    out
}
