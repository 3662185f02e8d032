//! Q0702 `ladder-cycle`: an escalation ladder whose `next` links form a cycle.
//!
//! ## What it does
//!
//! Follows `next` from each level of each ladder and reports every cycle once
//! (`一般 → 重大 → 一般`), including a level whose `next` is itself.
//!
//! ## Why it matters
//!
//! Escalation must end at a level that closes the matter; a cycle sends it round for ever,
//! between levels that each say the other is responsible.
//!
//! ## Example
//!
//! ```qz
//! ladder 江北区分级处置 at 江北区 {
//!   level 一般 closes township  within 7d   next 重大
//!   level 重大 closes department within 15d next 一般
//! }
//! ```
//!
//! ## Fix
//!
//! Remove the `next` of the highest level: it closes what reaches it.

use super::context::Context;
use super::Check;
use crate::diagnostic::{Diagnostic, Severity};
use std::collections::BTreeSet;

pub(super) const CHECK: Check = Check {
    code: "Q0702",
    name: "ladder-cycle",
    severity: Severity::Error,
    summary: "an escalation ladder whose `next` links form a cycle",
    source: include_str!("ladder_cycle.rs"),
};

pub(super) fn run(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for ladder in &cx.rs.decls().ladders {
        let next_of = |i: usize| {
            let next = ladder.levels.get(i)?.next.as_ref()?;
            ladder.levels.iter().position(|l| &l.severity == next)
        };
        let mut reported: BTreeSet<usize> = BTreeSet::new();
        for start in 0..ladder.levels.len() {
            // Walk at most as many steps as there are levels; coming back to `start` is a cycle.
            let mut path = vec![start];
            let mut at = start;
            let mut cycle = false;
            for _ in 0..ladder.levels.len() {
                let Some(n) = next_of(at) else { break };
                if n == start {
                    cycle = true;
                    break;
                }
                if path.contains(&n) {
                    break;
                }
                path.push(n);
                at = n;
            }
            // Report each cycle once, from its first-declared level.
            if !cycle || path.iter().any(|i| *i < start) || !reported.insert(start) {
                continue;
            }
            let mut names: Vec<&str> = path
                .iter()
                .filter_map(|i| ladder.levels.get(*i).map(|l| l.severity.as_str()))
                .collect();
            let Some(first) = ladder.levels.get(start) else {
                continue;
            };
            names.push(first.severity.as_str());
            let mut d = CHECK
                .at(
                    format!(
                        "the levels of ladder `{}` escalate in a cycle: {}",
                        ladder.name,
                        names.join(" → ")
                    ),
                    first.span,
                )
                .with_label_here(format!("level `{}`", first.severity))
                .with_witness(names.join(" → "))
                .with_help("remove the `next` of the highest level: it closes what reaches it");
            for i in path.iter().skip(1) {
                if let Some(l) = ladder.levels.get(*i) {
                    d = d.with_label(l.span, format!("level `{}`", l.severity));
                }
            }
            out.push(d);
        }
    }
}
