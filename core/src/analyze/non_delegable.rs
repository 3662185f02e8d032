//! Q0303 `non-delegable-item`: a delegation of an item flagged non-delegable or held by a
//! stationed agency.
//!
//! ## What it does
//!
//! Reports any delegation of an item flagged `non-delegable` (不得下放), or of an item whose
//! holder is a stationed agency (`kind stationed`: 派出所, 司法所), which stays under its
//! department.
//!
//! ## Why it matters
//!
//! Penalties that restrict personal freedom may be exercised only by public security and other
//! organs named by law (行政处罚法 第18条第3款, 第10条; DOMAIN.md L7); stationed public-security
//! and justice agencies stay with their departments and are not part of the township's
//! comprehensive enforcement. The query engine ignores such delegations, so the rule text and
//! the answers disagree.
//!
//! ## Example
//!
//! ```qz
//! item 330205-GA-001 "对违反治安管理行为的行政拘留" {
//!   list 行政执法  type 行政处罚  holder 公安江北分局  flags [不得下放]
//! }
//! grant 330205-GA-001 to 甬江街道 since 2023-03-01 basis "江北区赋权目录"
//! ```
//!
//! ## Fix
//!
//! Remove the delegation. If the item was flagged by mistake, remove the flag; if the holder
//! is wrong, correct it.

use super::context::Context;
use super::Check;
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::unit::UnitKind;

pub(super) const CHECK: Check = Check {
    code: "Q0303",
    name: "non-delegable-item",
    severity: Severity::Error,
    summary: "a delegation of a non-delegable item or of one held by a stationed agency",
    source: include_str!("non_delegable.rs"),
};

pub(super) fn run(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (_, d) in cx.delegations() {
        let Some(item) = cx.item(d.item) else {
            continue;
        };
        let stationed = cx
            .holder_unit(item)
            .and_then(|u| cx.rs.unit(u).map(|unit| (u, unit)))
            .filter(|(_, unit)| unit.kind == UnitKind::Stationed);
        let (why, label_span, label) = if item.non_delegable {
            (
                "it is flagged non-delegable".to_owned(),
                item.span,
                "flagged non-delegable here".to_owned(),
            )
        } else if let Some((u, unit)) = stationed {
            (
                format!("its holder `{}` is a stationed agency", cx.unit_path(u)),
                unit.span,
                "a stationed agency stays under its department".to_owned(),
            )
        } else {
            continue;
        };
        out.push(
            CHECK
                .at(
                    format!("`{}` cannot be delegated: {why}", item.code),
                    d.span,
                )
                .with_label_here("this delegation has no effect")
                .with_label(label_span, label)
                .with_witness(format!("`{}` to {}", item.code, cx.target_words(&d.target)))
                .with_help(
                    "remove the delegation (行政处罚法 第18条: 限制人身自由 stays with public security); if the flag or the holder is wrong, correct the item",
                ),
        );
    }
}
