//! The drafter's analyzer: every semantic check of DESIGN.md over a compiled [`RuleSet`],
//! each reported as a [`Diagnostic`] with a stable code, spans, a help line and a witness.
//!
//! One file per check, each opening with its documentation in four sections (What it does /
//! Why it matters / Example / Fix); [`checks_markdown`] assembles docs/CHECKS.md from those
//! blocks, and a test fails when the file is stale. Shared lookups live in `context.rs`; the
//! exact scenario-coverage reasoning in `coverage/`.
//!
//! Codes: Q03xx delegations, Q04xx territorial duties, Q05xx scenarios, Q06xx organisation,
//! Q07xx escalation. (Q00xx–Q02xx belong to the rule language.)

mod context;
mod coverage;
mod docs;

mod conflicting_delegations;
mod delegated_territorial;
mod duty_not_approved;
mod enforcement_without_team;
mod entrust_without_instrument;
mod entrusted_coercion;
mod from_non_holder;
mod grant_without_basis;
mod ladder_cycle;
mod ladder_missing_level;
mod lead_and_assist;
mod non_delegable;
mod office_limit;
mod override_cycle;
mod redelegated_entrustment;
mod regranted_after_revocation;
mod required_offices;
mod role_missing;
mod scenario_gap;
mod scenario_overlap;
mod target_outside_county;
mod territorial_primary;
mod unknown_part;

pub use docs::checks_markdown;

use context::Context;

use crate::diagnostic::{Diagnostic, Severity};
use crate::ruleset::RuleSet;
use crate::span::Span;

/// A check's identity and documentation.
#[derive(Clone, Copy, Debug)]
pub struct Check {
    /// The stable code, e.g. `Q0301`.
    pub code: &'static str,
    /// A short kebab-case name, e.g. `delegation-from-non-holder`.
    pub name: &'static str,
    pub severity: Severity,
    /// One line: what a finding says.
    pub summary: &'static str,
    /// The source file of the check, whose leading `//!` block is its documentation.
    pub source: &'static str,
}

impl Check {
    /// A finding of this check, at its default severity.
    pub fn at(&self, message: impl Into<String>, span: Span) -> Diagnostic {
        let d = Diagnostic::error(self.code, message, span);
        Diagnostic {
            severity: self.severity,
            ..d
        }
    }

    /// The documentation block, without the `//!` markers.
    pub fn doc(&self) -> String {
        docs::doc_block(self.source)
    }

    /// The text of one `## Title` section of the documentation, trimmed.
    pub fn section(&self, title: &str) -> Option<String> {
        docs::section(&self.doc(), title)
    }
}

type Run = fn(&Context<'_>, &mut Vec<Diagnostic>);

/// Every check with its entry point, in code order.
const ALL: &[(&Check, Run)] = &[
    (&from_non_holder::CHECK, from_non_holder::run),
    (
        &redelegated_entrustment::CHECK,
        redelegated_entrustment::run,
    ),
    (&non_delegable::CHECK, non_delegable::run),
    (&delegated_territorial::CHECK, delegated_territorial::run),
    (&entrusted_coercion::CHECK, entrusted_coercion::run),
    (&grant_without_basis::CHECK, grant_without_basis::run),
    (
        &entrust_without_instrument::CHECK,
        entrust_without_instrument::run,
    ),
    (
        &regranted_after_revocation::CHECK,
        regranted_after_revocation::run,
    ),
    (&target_outside_county::CHECK, target_outside_county::run),
    (
        &conflicting_delegations::CHECK,
        conflicting_delegations::run,
    ),
    (
        &enforcement_without_team::CHECK,
        enforcement_without_team::run,
    ),
    (&unknown_part::CHECK, unknown_part::run),
    (&territorial_primary::CHECK, territorial_primary::run),
    (&duty_not_approved::CHECK, duty_not_approved::run),
    (&scenario_gap::CHECK, scenario_gap::run),
    (&scenario_overlap::CHECK, scenario_overlap::run),
    (&override_cycle::CHECK, override_cycle::run),
    (&role_missing::CHECK, role_missing::run),
    (&lead_and_assist::CHECK, lead_and_assist::run),
    (&office_limit::CHECK, office_limit::run),
    (&required_offices::CHECK, required_offices::run),
    (&ladder_missing_level::CHECK, ladder_missing_level::run),
    (&ladder_cycle::CHECK, ladder_cycle::run),
];

/// Every check, in code order.
pub fn checks() -> impl Iterator<Item = &'static Check> {
    ALL.iter().map(|(check, _)| *check)
}

/// The check with this code.
pub fn check(code: &str) -> Option<&'static Check> {
    checks().find(|c| c.code == code)
}

/// Runs every check. Findings are sorted by position, then code, then message, so the output
/// is the same on every run.
pub fn analyze(rs: &RuleSet) -> Vec<Diagnostic> {
    let cx = Context::new(rs);
    let mut out = Vec::new();
    for (_, run) in ALL {
        run(&cx, &mut out);
    }
    out.sort_by(|a, b| {
        (a.span.source, a.span.start, a.code, &a.message).cmp(&(
            b.span.source,
            b.span.start,
            b.code,
            &b.message,
        ))
    });
    out
}

#[cfg(test)]
mod tests;
