//! Expectation blocks (`test "…" { … }`) kept in the rule set for the test runner.
//!
//! Names stay as written: the runner resolves them with the same lookups as any query, so
//! a typo in a test is reported like a typo in a query.

use crate::span::Span;
use serde::{Deserialize, Serialize};

/// A named argument as written in a test, with its span.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Written {
    pub text: String,
    pub span: Span,
}

/// The query a test runs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum TestQuery {
    Who {
        item: Written,
        place: Written,
        date: Written,
        part: Option<Written>,
    },
    Can {
        unit: Written,
        item: Written,
        place: Written,
        date: Written,
    },
    Scenario {
        topic: Written,
        place: Written,
        facts: Vec<(Written, Written)>,
        date: Written,
    },
    Escalate {
        place: Written,
        severity: Written,
        item: Option<Written>,
        topic: Option<Written>,
        /// The facts of a topic's case (`with 环节 = 运输`).
        facts: Vec<(Written, Written)>,
        date: Written,
    },
    Duties {
        unit: Written,
        date: Written,
    },
    Accept {
        item: Written,
        resident: Written,
        date: Written,
    },
}

/// What a test expects of the answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Expect {
    Handler(Written),
    Mode(Written),
    InNameOf(Written),
    Executor(Written),
    Cooperate(Vec<Written>),
    Lead(Written),
    Assist(Vec<Written>),
    Allow,
    Deny,
    NoMatch,
    /// A scenario answer that asks for more facts (`needs-facts`).
    NeedsFacts,
    Ambiguous,
    Conflict,
    Scenario(Written),
    Includes(Written),
    Point(Written),
    Closes(Written),
    Error,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Expectation {
    pub expect: Expect,
    pub span: Span,
}

/// One test block.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TestCase {
    pub name: String,
    pub query: TestQuery,
    pub expects: Vec<Expectation>,
    pub span: Span,
}
