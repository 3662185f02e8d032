//! Q0310 `conflicting-delegations`: two delegations of one item reach one township at the same
//! specificity over overlapping dates.
//!
//! ## What it does
//!
//! For every item and township, compares the delegations that reach the township. Two of the
//! same specificity (both to the named township, both to its class, or both to its whole
//! county) whose effective intervals overlap are reported, with the township and the dates
//! where they overlap as the witness. An interval ends at its `until` or at the first
//! revocation of the item from that township after it began. The mode does not break ties: a
//! grant and an entrustment conflict like two grants.
//!
//! ## Why it matters
//!
//! While both apply nobody knows who acts and in whose name. `who` answers with every
//! candidate and `can` denies every unit until the drafter settles it.
//!
//! ## Example
//!
//! ```qz
//! grant 330205-CF-004 to 庄桥街道 since 2023-03-01 basis "江北区赋权目录"
//! entrust 330205-CF-004 to 庄桥街道 since 2024-01-01 instrument "江北综执〔2024〕1号"
//! ```
//!
//! ## Fix
//!
//! End one delegation with `until` before the other begins, revoke one, or make one target
//! more specific (a named township beats a class, a class beats a whole county).

use super::context::{day, short_list, Context};
use super::Check;
use crate::diagnostic::{Diagnostic, Severity};
use crate::ids::{DelegationId, ItemId, PlaceId};
use std::collections::BTreeMap;
use time::Date;

pub(super) const CHECK: Check = Check {
    code: "Q0310",
    name: "conflicting-delegations",
    severity: Severity::Error,
    summary: "two delegations of one item reach one township at the same specificity and overlap",
    source: include_str!("conflicting_delegations.rs"),
};

struct Found {
    townships: Vec<String>,
    since: Date,
    until: Option<Date>,
}

pub(super) fn run(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let decls = cx.rs.decls();
    let mut reaching: BTreeMap<(ItemId, PlaceId), Vec<DelegationId>> = BTreeMap::new();
    for (id, d) in cx.delegations() {
        // Queries ignore delegations of undelegable items; Q0303 and Q0304 report those.
        let undelegable = cx.item(d.item).is_none_or(|i| {
            i.non_delegable
                || i.territorial.is_some()
                || i.list == crate::model::item::ListKind::Territorial
        });
        if undelegable || d.interval.is_empty() {
            continue;
        }
        for township in cx.covered(&d.target) {
            reaching.entry((d.item, township)).or_default().push(id);
        }
    }
    let mut pairs: BTreeMap<(DelegationId, DelegationId), Found> = BTreeMap::new();
    for ((_, township), ids) in &reaching {
        for (i, a) in ids.iter().enumerate() {
            for b in ids.iter().skip(i + 1) {
                let (Some(da), Some(db)) = (
                    decls.delegations.get(a.index()),
                    decls.delegations.get(b.index()),
                ) else {
                    continue;
                };
                if da.target.specificity() != db.target.specificity() {
                    continue;
                }
                let (end_a, end_b) = (
                    cx.effective_end(da, *township),
                    cx.effective_end(db, *township),
                );
                let since = da.interval.since.max(db.interval.since);
                let until = match (end_a, end_b) {
                    (Some(x), Some(y)) => Some(x.min(y)),
                    (x, None) => x,
                    (None, y) => y,
                };
                if until.is_some_and(|u| u <= since) {
                    continue;
                }
                let found = pairs.entry((*a, *b)).or_insert_with(|| Found {
                    townships: Vec::new(),
                    since,
                    until,
                });
                found.townships.push(cx.place_name(*township).to_owned());
            }
        }
    }
    for ((a, b), found) in pairs {
        let (Some(da), Some(db)) = (
            decls.delegations.get(a.index()),
            decls.delegations.get(b.index()),
        ) else {
            continue;
        };
        let first = found.townships.first().cloned().unwrap_or_default();
        out.push(
            CHECK
                .at(
                    format!(
                        "two delegations of `{}` reach `{first}` at the same specificity from {} to {}",
                        cx.code(db.item),
                        found.since,
                        day(found.until)
                    ),
                    db.span,
                )
                .with_label_here(format!("{} to {}", db.mode.english(), cx.target_words(&db.target)))
                .with_label(
                    da.span,
                    format!(
                        "conflicts with this {} to {}",
                        da.mode.english(),
                        cx.target_words(&da.target)
                    ),
                )
                .with_witness(format!(
                    "at {} from {} to {}",
                    short_list(&found.townships, 3),
                    found.since,
                    day(found.until)
                ))
                .with_help(
                    "end one with `until` before the other begins, revoke one, or make one target more specific (a named township beats a class, a class beats a county)",
                ),
        );
    }
}
