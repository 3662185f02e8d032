//! Q0503 `override-cycle`: scenarios that override each other in a cycle.
//!
//! ## What it does
//!
//! Follows the `overrides` declarations between scenarios and reports each cycle once
//! (`CW-03 → CW-05 → CW-03`), including a scenario that overrides itself.
//!
//! ## Why it matters
//!
//! `A overrides B` removes B when both match; it is an exception and has a direction. In a
//! cycle every member removes another where they all match, so the topic may answer nobody
//! (or fall to `otherwise`) exactly where the drafter meant one of them to win.
//!
//! ## Example
//!
//! ```qz
//! scenario CW-03 "…" on 建筑垃圾 overrides CW-05 { when 载体 == 无证车辆  lead 交警大队 }
//! scenario CW-05 "…" on 建筑垃圾 overrides CW-03 { when 环节 == 运输  lead 交通运输局 }
//! ```
//!
//! ## Fix
//!
//! Decide which scenario is the exception and keep only its `overrides`.

use super::context::Context;
use super::Check;
use crate::diagnostic::{Diagnostic, Severity};
use crate::ids::ScenarioId;
use std::collections::BTreeSet;

pub(super) const CHECK: Check = Check {
    code: "Q0503",
    name: "override-cycle",
    severity: Severity::Error,
    summary: "scenarios that override each other in a cycle",
    source: include_str!("override_cycle.rs"),
};

/// A shortest path of `overrides` edges from `from` to `to`, both included (breadth first,
/// neighbours in declaration order, so the result is deterministic).
fn path(cx: &Context<'_>, from: ScenarioId, to: ScenarioId) -> Option<Vec<ScenarioId>> {
    let scenarios = &cx.rs.decls().scenarios;
    let mut previous: Vec<Option<ScenarioId>> = vec![None; scenarios.len()];
    let mut queue = std::collections::VecDeque::from([from]);
    let mut seen = BTreeSet::from([from]);
    while let Some(here) = queue.pop_front() {
        let mut next: Vec<ScenarioId> = cx
            .rs
            .scenario(here)
            .map(|s| s.overrides.clone())
            .unwrap_or_default();
        next.sort();
        for n in next {
            if n == to {
                let mut out = vec![to, here];
                let mut at = here;
                while let Some(p) = previous.get(at.index()).copied().flatten() {
                    out.push(p);
                    at = p;
                }
                out.reverse();
                return Some(out);
            }
            if seen.insert(n) {
                if let Some(slot) = previous.get_mut(n.index()) {
                    *slot = Some(here);
                }
                queue.push_back(n);
            }
        }
    }
    None
}

pub(super) fn run(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let mut reported: BTreeSet<BTreeSet<ScenarioId>> = BTreeSet::new();
    for index in 0..cx.rs.decls().scenarios.len() {
        let start = ScenarioId::from_index(index);
        // The shortest cycle through `start`, if any: a path back to itself.
        let Some(cycle) = path(cx, start, start) else {
            continue;
        };
        let members: BTreeSet<ScenarioId> = cycle.iter().copied().collect();
        if !reported.insert(members) {
            continue;
        }
        let names: Vec<&str> = cycle
            .iter()
            .filter_map(|s| cx.rs.scenario(*s).map(|s| s.id.as_str()))
            .collect();
        let Some(first) = cx.rs.scenario(start) else {
            continue;
        };
        let mut d = CHECK
            .at(
                format!(
                    "scenarios override each other in a cycle: {}",
                    names.join(" → ")
                ),
                first.span,
            )
            .with_label_here(format!("`{}` is in the cycle", first.id))
            .with_witness(names.join(" → "))
            .with_help("decide which scenario is the exception and keep only its `overrides`");
        for s in cycle.iter().skip(1).filter(|s| **s != start) {
            if let Some(other) = cx.rs.scenario(*s) {
                d = d.with_label(other.span, format!("`{}` is in the cycle", other.id));
            }
        }
        out.push(d);
    }
}
