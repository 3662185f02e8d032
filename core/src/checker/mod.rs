//! The independent proof checker.
//!
//! **Architecture invariant:** this module never calls the query engine (`crate::query`) and
//! never reads its indexes. It re-reads the declaration tables ([`RuleSet::decls`]) and, for
//! named roles, the rule set's name lookups. It verifies, in order:
//!
//! 1. the format version and the receipt: a proof built against another rule set is refused;
//! 2. the shape: step `i` has id `i`, premises point to earlier steps, every step is used by
//!    the last one;
//! 3. every step by its rule (see `docs/PROOFS.md`): leaves against the declarations they cite
//!    (fields, legal basis and span location), inner steps against their premises and side
//!    conditions, negative claims by exhaustive scan of the declaration tables;
//! 4. the last claim against the answer and the query of the receipt.
//!
//! A failure names the step and the reason as a [`CheckError`].

mod answers;
mod decls;
mod delegation;
mod others;
pub(crate) mod tables;

use crate::proof::{Citation, Claim, Concludes, DeclRef, Proof, Rule, Step, PROOF_FORMAT};
use crate::ruleset::RuleSet;
use crate::span::Span;

/// Why a proof was refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum CheckError {
    #[error("proof format {found} is not supported (expected {expected})")]
    Format { found: u32, expected: u32 },
    #[error("the proof was built against rule set `{found}`, not `{expected}`")]
    RuleSetMismatch { found: String, expected: String },
    #[error("the proof has no steps")]
    Empty,
    #[error("step {step} ({rule}): {reason}")]
    Step {
        step: usize,
        rule: &'static str,
        reason: String,
    },
    #[error("the last claim does not state the answer to the query of the receipt")]
    Conclusion,
}

/// Verifies `proof` of `answer` against `rules`.
pub fn check<A: Concludes + ?Sized>(
    rules: &RuleSet,
    answer: &A,
    proof: &Proof,
) -> Result<(), CheckError> {
    if proof.version != PROOF_FORMAT || proof.receipt.format != PROOF_FORMAT {
        let found = if proof.version == PROOF_FORMAT {
            proof.receipt.format
        } else {
            proof.version
        };
        return Err(CheckError::Format {
            found,
            expected: PROOF_FORMAT,
        });
    }
    if proof.receipt.rule_set != rules.content_hash() {
        return Err(CheckError::RuleSetMismatch {
            found: proof.receipt.rule_set.clone(),
            expected: rules.content_hash().to_owned(),
        });
    }
    let last = proof.steps.last().ok_or(CheckError::Empty)?;
    let checker = Checker { rs: rules, proof };
    checker.shape()?;
    for (i, step) in proof.steps.iter().enumerate() {
        checker.step(step).map_err(|reason| CheckError::Step {
            step: i,
            rule: step.rule.name(),
            reason,
        })?;
    }
    if last.rule == Rule::ByCandidate {
        return Err(CheckError::Step {
            step: proof.steps.len() - 1,
            rule: last.rule.name(),
            reason: "a candidate of a conflict is not an answer".to_owned(),
        });
    }
    match answer.conclusion(&proof.receipt.query) {
        Some(claim) if claim == last.claim => Ok(()),
        _ => Err(CheckError::Conclusion),
    }
}

/// The outcome of one step's check: a reason on failure.
pub(crate) type Verdict = Result<(), String>;

pub(crate) fn ensure(condition: bool, reason: &str) -> Verdict {
    if condition {
        Ok(())
    } else {
        Err(reason.to_owned())
    }
}

pub(crate) struct Checker<'a> {
    pub rs: &'a RuleSet,
    pub proof: &'a Proof,
}

impl Checker<'_> {
    fn shape(&self) -> Result<(), CheckError> {
        let steps = &self.proof.steps;
        let fail = |step: usize, rule: Rule, reason: &str| CheckError::Step {
            step,
            rule: rule.name(),
            reason: reason.to_owned(),
        };
        let mut used = vec![false; steps.len()];
        for (i, step) in steps.iter().enumerate() {
            if step.id as usize != i {
                return Err(fail(i, step.rule, "the step's id is not its position"));
            }
            for (k, p) in step.premises.iter().enumerate() {
                if *p as usize >= i {
                    return Err(fail(i, step.rule, "a premise is not an earlier step"));
                }
                if step.premises.iter().take(k).any(|q| q == p) {
                    return Err(fail(i, step.rule, "a premise is listed twice"));
                }
                if let Some(flag) = used.get_mut(*p as usize) {
                    *flag = true;
                }
            }
        }
        if let Some(unused) = used
            .iter()
            .take(steps.len().saturating_sub(1))
            .position(|u| !u)
        {
            let rule = steps.get(unused).map_or(Rule::Within, |s| s.rule);
            return Err(fail(unused, rule, "the step supports nothing"));
        }
        Ok(())
    }

    /// The `k`-th premise of a step.
    pub(crate) fn premise(&self, step: &Step, k: usize) -> Result<&Step, String> {
        let id = step
            .premises
            .get(k)
            .ok_or_else(|| format!("premise {k} is missing"))?;
        self.proof
            .steps
            .get(*id as usize)
            .ok_or_else(|| format!("premise {k} does not exist"))
    }

    pub(crate) fn premise_claim(&self, step: &Step, k: usize) -> Result<&Claim, String> {
        self.premise(step, k).map(|s| &s.claim)
    }

    pub(crate) fn premise_count(&self, step: &Step, n: usize) -> Verdict {
        ensure(
            step.premises.len() == n,
            &format!("expected {n} premises, found {}", step.premises.len()),
        )
    }

    /// The leaf's citation must name `decl`, at the declaration's location, with its basis.
    pub(crate) fn cites(&self, step: &Step, decl: DeclRef) -> Verdict {
        let cite: &Citation = step.cite.as_ref().ok_or("the leaf cites no declaration")?;
        ensure(cite.decl == decl, "the citation names another declaration")?;
        let (span, basis) = self
            .declared(decl)
            .ok_or("the cited declaration does not exist")?;
        ensure(
            cite.span.same_location(&span),
            "the citation's span is not where the declaration is written",
        )?;
        ensure(
            cite.basis == basis,
            "the citation's legal basis differs from the declaration's",
        )
    }

    pub(crate) fn no_cite(&self, step: &Step) -> Verdict {
        ensure(step.cite.is_none(), "an inferred step cites a declaration")
    }

    fn declared(&self, decl: DeclRef) -> Option<(Span, Vec<String>)> {
        let d = self.rs.decls();
        Some(match decl {
            DeclRef::Place(p) => (d.places.get(p.index())?.span, Vec::new()),
            DeclRef::Unit(u) => (d.units.get(u.index())?.span, Vec::new()),
            DeclRef::Item(i) => {
                let item = d.items.get(i.index())?;
                (
                    item.span,
                    item.basis.iter().map(|b| b.text.clone()).collect(),
                )
            }
            DeclRef::Delegation(i) => {
                let del = d.delegations.get(i.index())?;
                (
                    del.span,
                    del.basis
                        .iter()
                        .chain(del.instrument.iter())
                        .cloned()
                        .collect(),
                )
            }
            DeclRef::Revocation(i) => {
                let r = d.revocations.get(i.index())?;
                (r.span, r.basis.iter().cloned().collect())
            }
            DeclRef::Route(i) => (d.routes.get(i as usize)?.span, Vec::new()),
            DeclRef::Topic(t) => (d.topics.get(t.index())?.span, Vec::new()),
            DeclRef::Scenario(s) => (d.scenarios.get(s.index())?.span, Vec::new()),
            DeclRef::Ladder(l) => (d.ladders.get(l.index())?.span, Vec::new()),
            DeclRef::Acceptance(i) => (d.acceptances.get(i as usize)?.span, Vec::new()),
        })
    }

    fn step(&self, step: &Step) -> Verdict {
        match step.rule {
            Rule::Within
            | Rule::Governs
            | Rule::HolderUnit
            | Rule::HolderEachTownship
            | Rule::HolderEachVillage
            | Rule::Undelegable
            | Rule::TerritorialItem
            | Rule::DelegationDecl
            | Rule::RevocationDecl
            | Rule::Active
            | Rule::Revoked
            | Rule::NoneActive
            | Rule::OverriddenSpecificity
            | Rule::Applicable
            | Rule::Conflict
            | Rule::Reserve
            | Rule::RoutePowerType
            | Rule::RouteList
            | Rule::RouteNone => self.delegation_rule(step),
            Rule::ByHolder
            | Rule::ByHolderAboveTownship
            | Rule::ByDelegation
            | Rule::ByReserve
            | Rule::ByCandidate
            | Rule::Territorial
            | Rule::TerritorialAboveTownship
            | Rule::ConflictAnswer
            | Rule::May
            | Rule::MayNot
            | Rule::MayNotConflict
            | Rule::Explain => self.answer_rule(step),
            Rule::ScenarioSelect
            | Rule::ScenarioOverride
            | Rule::RoleNamed
            | Rule::RoleLevel
            | Rule::RoleHandler
            | Rule::RoleTopicLead
            | Rule::RoleResponsible
            | Rule::ScenarioAnswer
            | Rule::NearestLadder
            | Rule::EscalationAnswer
            | Rule::DutiesAnswer
            | Rule::Accepts
            | Rule::AcceptAnswer => self.other_rule(step),
        }
    }
}
