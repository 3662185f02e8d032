//! Renders a proof for people: the answer first, each premise indented below the step it
//! supports, unit and place names as written, the rule name, the cited declaration's location
//! and legal basis. A step met a second time is shown by reference.

use super::{Claim, Proof, Step};
use crate::ids::{ItemId, PlaceId, UnitId};
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
                let _ = write!(out, " — {:?}", cite.decl);
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

fn unit(rs: &RuleSet, u: UnitId) -> String {
    rs.unit(u).map_or_else(|| u.to_string(), |u| u.name.clone())
}

fn place(rs: &RuleSet, p: PlaceId) -> String {
    rs.place(p)
        .map_or_else(|| p.to_string(), |p| p.name.clone())
}

fn item(rs: &RuleSet, i: ItemId) -> String {
    rs.item(i).map_or_else(|| i.to_string(), |i| i.code.clone())
}

/// One line stating a claim with names instead of ids.
pub fn describe(rs: &RuleSet, claim: &Claim) -> String {
    match claim {
        Claim::Within {
            place: p,
            ancestor,
            level,
        } => format!(
            "{} lies within {} {}",
            place(rs, *p),
            level.chinese(),
            place(rs, *ancestor)
        ),
        Claim::Governs { unit: u, place: p } => {
            format!("{} governs {}", unit(rs, *u), place(rs, *p))
        }
        Claim::Holds {
            unit: u,
            item: i,
            place: p,
        } => format!(
            "{} holds {} at {}",
            unit(rs, *u),
            item(rs, *i),
            place(rs, *p)
        ),
        Claim::Undelegable { item: i } => format!("{} cannot be delegated", item(rs, *i)),
        Claim::TerritorialItem {
            item: i,
            primary,
            duties,
        } => {
            format!(
                "{} is territorial: main responsibility {}, township [{}]",
                item(rs, *i),
                unit(rs, *primary),
                duties.join(", ")
            )
        }
        Claim::Delegation {
            delegation,
            item: i,
            from,
            mode,
            since,
            until,
            ..
        } => format!(
            "{delegation}: {} {} {} from {since}{}",
            unit(rs, *from),
            mode.chinese(),
            item(rs, *i),
            until.map(|u| format!(" until {u}")).unwrap_or_default()
        ),
        Claim::Revocation {
            revocation,
            item: i,
            since,
            ..
        } => format!("{revocation}: {} revoked from {since}", item(rs, *i)),
        Claim::Active {
            delegation,
            township,
            date,
        } => format!(
            "{delegation} is active at {} on {date}",
            place(rs, *township)
        ),
        Claim::Revoked {
            delegation,
            township,
            since,
            by,
        } => {
            format!(
                "{delegation} is revoked at {} from {since} by {by}",
                place(rs, *township)
            )
        }
        Claim::NoActiveDelegation {
            item: i,
            township,
            date,
            scanned,
        } => {
            let reasons: Vec<String> = scanned
                .iter()
                .map(|s| format!("{} {:?}", s.delegation, s.failure))
                .collect();
            format!(
                "no delegation of {} is active at {} on {date} [{}]",
                item(rs, *i),
                place(rs, *township),
                reasons.join("; ")
            )
        }
        Claim::OverriddenBy { delegation, by, .. } => {
            format!("{delegation} is overridden by {by} (specificity)")
        }
        Claim::Delegated {
            item: i,
            township,
            date,
            delegation,
        } => {
            format!(
                "{delegation} applies to {} at {} on {date}",
                item(rs, *i),
                place(rs, *township)
            )
        }
        Claim::Conflict {
            item: i,
            township,
            delegations,
            ..
        } => {
            let ds: Vec<String> = delegations.iter().map(ToString::to_string).collect();
            format!(
                "{} conflicts at {}: {}",
                item(rs, *i),
                place(rs, *township),
                ds.join(", ")
            )
        }
        Claim::Reserved { delegation, part } => format!("{delegation} reserves {part}"),
        Claim::Executes {
            unit: u,
            item: i,
            office,
        } => format!(
            "{} executes {} for {}",
            unit(rs, *office),
            item(rs, *i),
            unit(rs, *u)
        ),
        Claim::Handles {
            item: i,
            place: p,
            date,
            handling: h,
            ..
        } => format!(
            "{} handles {} at {} on {date} ({:?}, in the name of {}, executed by {})",
            unit(rs, h.handler),
            item(rs, *i),
            place(rs, *p),
            h.mode,
            unit(rs, h.legal_subject),
            unit(rs, h.executor)
        ),
        Claim::Contested {
            item: i,
            place: p,
            candidates,
            ..
        } => {
            let names: Vec<String> = candidates.iter().map(|c| unit(rs, c.handler)).collect();
            format!(
                "conflict over {} at {}: {}",
                item(rs, *i),
                place(rs, *p),
                names.join(", ")
            )
        }
        Claim::May {
            unit: u,
            item: i,
            place: p,
            capacity,
            ..
        } => {
            format!(
                "{} may exercise {} at {} as {capacity:?}",
                unit(rs, *u),
                item(rs, *i),
                place(rs, *p)
            )
        }
        Claim::MayNot {
            unit: u,
            item: i,
            place: p,
            ..
        } => format!(
            "{} may not exercise {} at {}",
            unit(rs, *u),
            item(rs, *i),
            place(rs, *p)
        ),
        other => serde_json::to_string(other).unwrap_or_default(),
    }
}
