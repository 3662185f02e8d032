//! The test runner: runs the rule set's `test` blocks through the queries and judges each
//! expectation. Pure: it returns results; printing them is the CLI's business.
//!
//! Names in a test resolve like names in a query: items, topics and places with the
//! `RuleSet::lookup_*` functions; units from the query's place outward (so `综合行政执法队`
//! at `甬江街道` is that street's team), falling back to a global lookup. A name that does not
//! resolve fails its expectation with the lookup's did-you-mean message, pointing at the name;
//! [`unresolved_names`] finds every such name without running a query, for `quanze check`.

mod expect;
mod names;
mod run;

pub use expect::MODE_WORDS;
pub use names::{unresolved_names, UnresolvedName};
pub use run::run_tests;

use crate::span::Span;

/// The verdict on one expectation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    Passed,
    Failed {
        /// What the test expected, in words.
        expected: String,
        /// What the query answered (or why the test could not run), in words.
        actual: String,
    },
}

/// One expectation of one test, judged.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExpectationResult {
    /// The test's name.
    pub test: String,
    /// The span of the test's name.
    pub test_span: Span,
    /// The expectation as written, e.g. `handler 甬江街道`.
    pub expectation: String,
    /// The span of the expectation.
    pub span: Span,
    /// Where a failure points: the name that did not resolve (in the query or in the
    /// expectation), otherwise the expectation itself.
    pub at: Span,
    pub verdict: Verdict,
}

impl ExpectationResult {
    pub fn passed(&self) -> bool {
        self.verdict == Verdict::Passed
    }
}
