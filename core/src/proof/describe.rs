//! One line of words per claim, with the rule set's names instead of ids: what the text and
//! Mermaid renderings show for each step. Claims about the region, delegations and handling
//! are here; the claims that state a whole answer are in `describe_answers.rs`.
//!
//! Nothing here prints Rust `Debug` text or raw JSON: dates are ISO, modes and capacities are
//! the words the language and `docs/PROOFS.md` use, failures read as sentences.

use super::describe_answers as answers;
use super::{Claim, DeclRef};
use crate::answer::Handling;
use crate::plain::{item, list, place, scan, target, unit};
use crate::ruleset::RuleSet;
use crate::view::mode_name;

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
        } => format!(
            "{} is territorial: main responsibility {}, the township cooperates ({})",
            item(rs, *i),
            unit(rs, *primary),
            duties.join(", ")
        ),
        Claim::Delegation {
            delegation,
            item: i,
            from,
            target: t,
            mode,
            since,
            until,
        } => format!(
            "{delegation}: {} {} {} to {} from {since}{}",
            unit(rs, *from),
            mode.chinese(),
            item(rs, *i),
            target(rs, t),
            until.map(|u| format!(" until {u}")).unwrap_or_default()
        ),
        Claim::Revocation {
            revocation,
            item: i,
            target: t,
            since,
        } => format!(
            "{revocation}: {} revoked from {} from {since}",
            item(rs, *i),
            target(rs, t)
        ),
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
        } => format!(
            "{delegation} is revoked at {} from {since} by revocation {by}",
            place(rs, *township)
        ),
        Claim::NoActiveDelegation {
            item: i,
            township,
            date,
            scanned,
        } => format!(
            "no delegation of {} is active at {} on {date}: {}",
            item(rs, *i),
            place(rs, *township),
            scan(scanned)
        ),
        Claim::OverriddenBy {
            delegation,
            by,
            township,
            date,
            ..
        } => format!(
            "{delegation} is overridden by {by} at {} on {date}: {by} names its townships more specifically",
            place(rs, *township)
        ),
        Claim::Delegated {
            item: i,
            township,
            date,
            delegation,
        } => format!(
            "{delegation} applies to {} at {} on {date}",
            item(rs, *i),
            place(rs, *township)
        ),
        Claim::Conflict {
            item: i,
            township,
            date,
            delegations,
        } => format!(
            "{} conflicts at {} on {date}: {}",
            item(rs, *i),
            place(rs, *township),
            list(delegations, ToString::to_string)
        ),
        Claim::Reserved { delegation, part } => {
            format!("{delegation} reserves {part} to the holder")
        }
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
            part,
            handling: h,
        } => format!(
            "{} handles {}{} at {} on {date} ({})",
            unit(rs, h.handler),
            item(rs, *i),
            part_words(part.as_deref()),
            place(rs, *p),
            handling(rs, h)
        ),
        Claim::Contested {
            item: i,
            place: p,
            date,
            part,
            candidates,
            ..
        } => format!(
            "conflict over {}{} at {} on {date}: {}",
            item(rs, *i),
            part_words(part.as_deref()),
            place(rs, *p),
            candidates
                .iter()
                .map(|c| format!("{} ({})", unit(rs, c.handler), handling(rs, c)))
                .collect::<Vec<_>>()
                .join("; ")
        ),
        Claim::May {
            unit: u,
            item: i,
            place: p,
            date,
            capacity,
        } => format!(
            "{} may exercise {} at {} on {date} as {capacity}",
            unit(rs, *u),
            item(rs, *i),
            place(rs, *p)
        ),
        Claim::MayNot {
            unit: u,
            item: i,
            place: p,
            date,
            conflict,
        } => format!(
            "{} may not exercise {} at {} on {date}{}",
            unit(rs, *u),
            item(rs, *i),
            place(rs, *p),
            if *conflict {
                ": the delegations conflict there"
            } else {
                ""
            }
        ),
        Claim::WhyNot {
            unit: u,
            item: i,
            place: p,
            date,
            answer,
        } => answers::why_not(rs, *u, *i, *p, *date, answer),
        Claim::ScenarioOverridden {
            scenario,
            by,
            facts,
        } => answers::scenario_overridden(rs, *scenario, *by, facts),
        Claim::ScenarioSelection {
            topic,
            facts,
            scanned,
        } => answers::scenario_selection(rs, *topic, facts, scanned),
        Claim::Resolves {
            actor,
            place: p,
            date,
            resolved,
        } => answers::resolves(rs, actor, *p, *date, resolved),
        Claim::ScenarioResult {
            topic,
            place: p,
            date,
            facts,
            answer,
        } => answers::scenario_result(rs, *topic, *p, *date, facts, answer),
        Claim::LadderApplies { ladder, place: p } => answers::ladder_applies(rs, *ladder, *p),
        Claim::EscalationResult {
            place: p,
            severity,
            subject,
            facts,
            date,
            answer,
        } => answers::escalation_result(rs, *p, severity, subject.as_ref(), facts, *date, answer),
        Claim::DutiesResult {
            unit: u,
            date,
            answer,
        } => answers::duties_result(rs, *u, *date, answer),
        Claim::Accepts {
            acceptance,
            item: i,
            township,
        } => answers::accepts(rs, *acceptance, *i, *township),
        Claim::AcceptResult {
            item: i,
            place: p,
            date,
            answer,
        } => answers::accept_result(rs, *i, *p, *date, answer),
    }
}

fn part_words(part: Option<&str>) -> String {
    part.map(|p| format!(" (part {p})")).unwrap_or_default()
}

/// How a unit handles an item: mode, delegation, legal subject, executor, cooperating units.
pub(super) fn handling(rs: &RuleSet, h: &Handling) -> String {
    let mut text = mode_name(h.mode).to_owned();
    if let Some(d) = h.delegation {
        text.push_str(&format!(" by {d}"));
    }
    text.push_str(&format!(
        ", in the name of {}, executed by {}",
        unit(rs, h.legal_subject),
        unit(rs, h.executor)
    ));
    for c in &h.cooperating {
        text.push_str(&format!(
            "; {} cooperates ({})",
            unit(rs, c.unit),
            c.duties.join(", ")
        ));
    }
    text
}

/// The declaration a leaf cites, in words, for a rule set without source locations.
pub fn declaration(rs: &RuleSet, decl: &DeclRef) -> String {
    match decl {
        DeclRef::Place(p) => format!("place {}", place(rs, *p)),
        DeclRef::Unit(u) => format!("unit {}", unit(rs, *u)),
        DeclRef::Item(i) => format!("item {}", item(rs, *i)),
        DeclRef::Delegation(d) => format!("delegation {d}"),
        DeclRef::Revocation(r) => format!("revocation {r}"),
        DeclRef::Route(n) => match rs.decls().routes.get(*n as usize) {
            Some(r) => format!(
                "the route of {} for {} to {}",
                unit(rs, r.unit),
                crate::plain::route_key(&r.key),
                unit(rs, r.to)
            ),
            None => format!("route {n}"),
        },
        DeclRef::Topic(t) => format!(
            "topic {}",
            rs.topic(*t)
                .map_or_else(|| t.to_string(), |t| t.name.clone())
        ),
        DeclRef::Scenario(s) => format!(
            "scenario {}",
            rs.scenario(*s)
                .map_or_else(|| s.to_string(), |s| s.id.clone())
        ),
        DeclRef::Ladder(l) => format!(
            "ladder {}",
            rs.decls()
                .ladders
                .get(l.index())
                .map_or_else(|| l.to_string(), |l| l.name.clone())
        ),
        DeclRef::Acceptance(n) => format!("acceptance rule {n}"),
    }
}
