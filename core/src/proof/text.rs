//! Renders a proof for people: the answer first, each premise indented below the step it
//! supports, unit and place names as written, the rule name, the cited declaration's location
//! (or, for a rule set built in code, the declaration in words) and legal basis. A step met a
//! second time is shown by reference. Each claim's words are in `describe.rs`.

use super::describe::declaration;
pub use super::describe::describe;
use super::{Proof, Step};
use crate::ruleset::RuleSet;
use std::fmt::Write;

/// The proof as an indented tree of text lines.
pub fn render_text(rs: &RuleSet, proof: &Proof) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "proof v{} · rule set {} · engine {}",
        proof.version, proof.receipt.rule_set, proof.receipt.engine
    );
    let mut shown = vec![false; proof.steps.len()];
    if let Some(last) = proof.steps.last() {
        node(rs, proof, last, 0, &mut shown, &mut out);
    }
    out
}

fn node(
    rs: &RuleSet,
    proof: &Proof,
    step: &Step,
    depth: usize,
    shown: &mut [bool],
    out: &mut String,
) {
    let indent = "  ".repeat(depth);
    let seen = shown.get(step.id as usize).copied().unwrap_or(true);
    if seen {
        let _ = writeln!(out, "{indent}#{} (shown above)", step.id);
        return;
    }
    if let Some(flag) = shown.get_mut(step.id as usize) {
        *flag = true;
    }
    let _ = write!(
        out,
        "{indent}#{} [{}] {}",
        step.id,
        step.rule.name(),
        describe(rs, &step.claim)
    );
    if let Some(cite) = &step.cite {
        match rs.sources().locate(cite.span) {
            Some(loc) => {
                let _ = write!(out, " — {}:{}:{}", loc.file, loc.line, loc.column);
            }
            None => {
                let _ = write!(out, " — {}", declaration(rs, &cite.decl));
            }
        }
        if !cite.basis.is_empty() {
            let _ = write!(out, " 依据 {}", cite.basis.join("; "));
        }
    }
    out.push('\n');
    for p in &step.premises {
        if let Some(premise) = proof.steps.get(*p as usize) {
            node(rs, proof, premise, depth + 1, shown, out);
        }
    }
}
