//! Q0312 `unknown-part`: a `reserve` clause names a part the item does not declare.
//!
//! ## What it does
//!
//! Compares every part named in a delegation's `reserve [...]` with the parts its item declares
//! (`parts [...]`), and reports each one that is not among them, with the nearest declared
//! parts as suggestions. A statement that delegates several items reserves a part for those
//! that declare it: an item of the statement that declares no parts is not reported when
//! another item of the statement declares the part.
//!
//! ## Why it matters
//!
//! A reserved part stays with the department (e.g. 没收较大数额财物 kept at the county). A
//! misspelled part reserves nothing: the real part stays granted and the township is answered
//! for it, against the county's decision. Queries refuse an unknown part for the same reason.
//!
//! ## Example
//!
//! ```qz
//! item 330205-CF-001 "对随意倾倒建筑垃圾的行政处罚" {
//!   list 行政执法  type 行政处罚  holder 综合行政执法局
//!   parts [没收较大数额财物]
//! }
//! grant 330205-CF-001 to 甬江街道 since 2023-03-01 basis "浙江省赋权决定"
//!   reserve [没收较大数额财产]
//! ```
//!
//! ## Fix
//!
//! Write the part as the item declares it, or declare the part on the item.

use super::context::Context;
use super::Check;
use crate::diagnostic::{Diagnostic, Severity};

pub(super) const CHECK: Check = Check {
    code: "Q0312",
    name: "unknown-part",
    severity: Severity::Error,
    summary: "a reserve clause names a part the item does not declare",
    source: include_str!("unknown_part.rs"),
};

pub(super) fn run(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (_, d) in cx.delegations() {
        let Some(item) = cx.item(d.item) else {
            continue;
        };
        for part in &d.reserve {
            if item.parts.iter().any(|p| p == part) {
                continue;
            }
            // One statement delegating several items reserves its parts for the items that
            // have them: an item without parts of its own is not a finding when another item
            // of the same statement declares the part.
            let batch_declares = item.parts.is_empty()
                && cx.delegations().any(|(_, other)| {
                    other.span.same_location(&d.span)
                        && other.item != d.item
                        && cx
                            .item(other.item)
                            .is_some_and(|i| i.parts.iter().any(|p| p == part))
                });
            if batch_declares {
                continue;
            }
            let suggestions = crate::names::suggest(part, item.parts.iter().map(String::as_str));
            let help = match suggestions.first() {
                Some(_) => format!(
                    "write the part as the item declares it{}",
                    crate::names::did_you_mean(&suggestions)
                ),
                None if item.parts.is_empty() => format!(
                    "`{}` declares no parts: add `parts [{part}]` to the item, or remove the reserve",
                    item.code
                ),
                None => format!(
                    "the parts of `{}` are: {}",
                    item.code,
                    item.parts.join(", ")
                ),
            };
            out.push(
                CHECK
                    .at(
                        format!("`{}` has no part `{part}` to reserve", item.code),
                        d.span,
                    )
                    .with_label_here("reserves nothing: the part stays delegated")
                    .with_label(item.span, "the item's parts are declared here")
                    .with_witness(format!("`{part}`"))
                    .with_help(help),
            );
        }
    }
}
