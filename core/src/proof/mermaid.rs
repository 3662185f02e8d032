//! Renders a proof as a Mermaid flowchart: one node per step (rule and claim), an edge from
//! each conclusion to its premises.

use super::text::describe;
use super::Proof;
use crate::ruleset::RuleSet;
use std::fmt::Write;

/// The proof as Mermaid `flowchart TD` source.
pub fn render_mermaid(rs: &RuleSet, proof: &Proof) -> String {
    let mut out = String::from("flowchart TD\n");
    for step in &proof.steps {
        let label = format!(
            "#{} {}: {}",
            step.id,
            step.rule.name(),
            describe(rs, &step.claim)
        )
        .replace('"', "#quot;");
        let _ = writeln!(out, "  s{}[\"{}\"]", step.id, label);
    }
    for step in proof.steps.iter().rev() {
        for p in &step.premises {
            let _ = writeln!(out, "  s{} --> s{}", step.id, p);
        }
    }
    out
}
