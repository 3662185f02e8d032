//! Q0308 `regranted-after-revocation`: an item revoked from a township is delegated to it again
//! without a new decision.
//!
//! ## What it does
//!
//! For each `revoke ITEM from TOWNSHIPS since D`, looks at the delegations of the item that
//! reach one of those townships and begin on or after D. Such a delegation is a new one; it is
//! reported when its decision (the `basis` of a grant or statutory authorisation, the
//! `instrument` of an entrustment) is missing or is the very decision of a delegation the
//! revocation ended. A revocation that ended nothing at a township (the item was never
//! delegated there, its delegation had expired, or an earlier revocation had ended it) makes
//! no finding there: a later delegation is a first one.
//!
//! ## Why it matters
//!
//! After a revocation the item is on the township's 上级部门收回 list; handing it back needs a
//! new decision, or the published lists and the delegation state disagree (象山 2025, 中阳 2024;
//! DOMAIN.md L11).
//!
//! ## Example
//!
//! ```qz
//! grant 330205-CF-004 to 庄桥街道 since 2023-03-01 basis "江北区赋权目录（2023）"
//! revoke 330205-CF-004 from 庄桥街道 since 2025-01-01 basis "江北区调整通知"
//! grant 330205-CF-004 to 庄桥街道 since 2025-06-01 basis "江北区赋权目录（2023）"
//! ```
//!
//! ## Fix
//!
//! Cite the new decision that hands the item back (`basis "江北区赋权目录（2025）"`), or remove
//! the later delegation if the revocation still stands.

use super::context::Context;
use super::Check;
use crate::diagnostic::{Diagnostic, Severity};
use crate::ids::DelegationId;
use crate::model::delegation::{Delegation, Mode};
use crate::query::delegation;
use std::collections::BTreeMap;

pub(super) const CHECK: Check = Check {
    code: "Q0308",
    name: "regranted-after-revocation",
    severity: Severity::Error,
    summary: "an item revoked from a township is delegated to it again without a new decision",
    source: include_str!("regranted_after_revocation.rs"),
};

/// The decision a delegation rests on.
fn decision(d: &Delegation) -> Option<&str> {
    match d.mode {
        Mode::Entrust => d.instrument.as_deref(),
        Mode::Grant | Mode::Statutory => d.basis.as_deref(),
    }
    .map(str::trim)
    .filter(|s| !s.is_empty())
}

pub(super) fn run(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let decls = cx.rs.decls();
    for r in &decls.revocations {
        // Per later delegation: the townships where it re-delegates, and one revoked delegation.
        let mut found: BTreeMap<DelegationId, (Vec<String>, DelegationId)> = BTreeMap::new();
        for township in cx.covered(&r.target) {
            let reaching: Vec<DelegationId> = cx
                .rs
                .index()
                .delegations_at(r.item, township)
                .map(|e| e.id)
                .collect();
            // Only the delegations this revocation ended: active the day before it (begun, not
            // expired, not ended by an earlier revocation). A revocation that ended nothing
            // leaves nothing to hand back.
            let ended = |d: &Delegation| {
                delegation::revocation_ends(
                    cx.rs,
                    r.item,
                    township,
                    d.interval.since,
                    d.interval.until,
                    r.since,
                )
            };
            let revoked: Vec<(DelegationId, &Delegation)> = reaching
                .iter()
                .filter_map(|id| decls.delegations.get(id.index()).map(|d| (*id, d)))
                .filter(|(_, d)| ended(d))
                .collect();
            let Some((first_revoked, _)) = revoked.first().copied() else {
                continue;
            };
            for id in &reaching {
                let Some(d) = decls.delegations.get(id.index()) else {
                    continue;
                };
                if d.interval.since < r.since {
                    continue;
                }
                let same = match decision(d) {
                    None => Some(first_revoked),
                    Some(new) => revoked
                        .iter()
                        .find(|(_, e)| decision(e) == Some(new))
                        .map(|(e, _)| *e),
                };
                if let Some(e) = same {
                    let entry = found.entry(*id).or_insert_with(|| (Vec::new(), e));
                    entry.0.push(cx.place_name(township).to_owned());
                }
            }
        }
        for (id, (townships, revoked)) in found {
            let (Some(d), Some(e)) = (
                decls.delegations.get(id.index()),
                decls.delegations.get(revoked.index()),
            ) else {
                continue;
            };
            let first = townships.first().cloned().unwrap_or_default();
            let why = match decision(d) {
                None => "cites no decision".to_owned(),
                Some(text) => format!("cites the revoked decision \"{text}\""),
            };
            out.push(
                CHECK
                    .at(
                        format!(
                            "`{}` was revoked from `{first}` on {} and is delegated to it again, but this delegation {why}",
                            cx.code(r.item),
                            r.since
                        ),
                        d.span,
                    )
                    .with_label_here(format!("delegated again from {}", d.interval.since))
                    .with_label(r.span, format!("revoked from {} here", r.since))
                    .with_label(e.span, "the delegation the revocation ended")
                    .with_witness(format!(
                        "at {} from {}",
                        super::context::short_list(&townships, 3),
                        d.interval.since
                    ))
                    .with_help(
                        "cite the new decision that hands the item back, or remove this delegation if the revocation stands",
                    ),
            );
        }
    }
}
