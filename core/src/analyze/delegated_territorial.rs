//! Q0304 `delegated-territorial-item`: a delegation of an item on the territorial list.
//!
//! ## What it does
//!
//! Reports any delegation of a territorial item (属地管理事项).
//!
//! ## Why it matters
//!
//! The main responsibility of a territorial item stays with its primary department; the
//! township carries named cooperation duties only (DOMAIN.md L10). Queries ignore such
//! delegations, so the rule text and the answers disagree.
//!
//! ## Example
//!
//! ```qz
//! territorial 330205-SD-031 "建筑垃圾乱倒的日常巡查发现和劝阻" {
//!   primary 综合行政执法局   township [发现, 劝阻, 报告]
//! }
//! grant 330205-SD-031 to 甬江街道 since 2023-03-01 basis "江北区赋权目录"
//! ```
//!
//! ## Fix
//!
//! Remove the delegation and list the township's cooperation duties in the item's
//! `township [...]` clause. If the township should hold the power, delegate the power item
//! (行政执法 or 权力 list) instead.

use super::context::Context;
use super::Check;
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::item::ListKind;

pub(super) const CHECK: Check = Check {
    code: "Q0304",
    name: "delegated-territorial-item",
    severity: Severity::Error,
    summary: "a delegation of a territorial item",
    source: include_str!("delegated_territorial.rs"),
};

pub(super) fn run(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (_, d) in cx.delegations() {
        let Some(item) = cx.item(d.item) else {
            continue;
        };
        if item.list != ListKind::Territorial && item.territorial.is_none() {
            continue;
        }
        let primary = item
            .territorial
            .as_ref()
            .map_or("its primary department".to_owned(), |t| {
                format!("`{}`", cx.unit_path(t.primary))
            });
        out.push(
            CHECK
                .at(
                    format!(
                        "`{}` is a territorial item: its main responsibility stays with {primary}",
                        item.code
                    ),
                    d.span,
                )
                .with_label_here("queries ignore this delegation")
                .with_label(item.span, "declared territorial here")
                .with_witness(format!("`{}` to {}", item.code, cx.target_words(&d.target)))
                .with_help(
                    "remove the delegation and list the township's cooperation duties in the item's `township [...]` clause",
                ),
        );
    }
}
