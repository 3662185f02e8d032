//! Q0301 `delegation-from-non-holder`: a delegation whose `from` does not hold the item.
//!
//! ## What it does
//!
//! Reports a `grant`, `entrust` or `statutory` delegation whose delegating unit is not the
//! item's holder (实施主体), including any delegation of an item held by a level (`holder each
//! township`), which no single unit holds. A township that re-delegates an item it received by
//! entrustment is reported by Q0302 instead.
//!
//! ## Why it matters
//!
//! Only an organ that holds a power may hand its exercise on, and only within its statutory
//! powers (行政处罚法 第17条, 第20条; DOMAIN.md L1). A delegation from anyone else has no
//! legal effect, yet the query engine would move the item.
//!
//! ## Example
//!
//! ```qz
//! item 330205-JC-014 "对建设工地建筑垃圾处置情况的行政检查" {
//!   list 行政执法  type 行政检查  holder 住房和城乡建设局
//! }
//! entrust 330205-JC-014 from 综合行政执法局 to 慈城镇 since 2022-07-01
//!   instrument "江北综执〔2022〕3号 委托书"
//! ```
//!
//! ## Fix
//!
//! Delegate from the holder (`from 住房和城乡建设局`, or leave `from` out: it defaults to the
//! holder), or correct the item's `holder` if the list is wrong.

use super::context::Context;
use super::redelegated_entrustment;
use super::Check;
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::item::Holder;

pub(super) const CHECK: Check = Check {
    code: "Q0301",
    name: "delegation-from-non-holder",
    severity: Severity::Error,
    summary: "a delegation from a unit that does not hold the item",
    source: include_str!("from_non_holder.rs"),
};

pub(super) fn run(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (id, d) in cx.delegations() {
        let Some(item) = cx.item(d.item) else {
            continue;
        };
        if cx.holder_unit(item) == Some(d.from)
            || redelegated_entrustment::entrustment_received(cx, id, d).is_some()
        {
            continue;
        }
        let held_by = match &item.holder {
            Holder::Unit(u) => format!("`{}`", cx.unit_path(*u)),
            Holder::EachTownship => "each township".to_owned(),
            Holder::EachVillage => "each village".to_owned(),
        };
        let mut diagnostic = CHECK
            .at(
                format!(
                    "`{}` does not hold `{}`, so it cannot delegate it",
                    cx.unit_path(d.from),
                    item.code
                ),
                d.span,
            )
            .with_label_here(format!("delegated from `{}`", cx.unit_path(d.from)))
            .with_label(item.span, format!("`{}` is held by {held_by}", item.code))
            .with_witness(format!("from `{}`, holder {held_by}", cx.unit_path(d.from)));
        diagnostic = match &item.holder {
            Holder::Unit(u) => diagnostic.with_help(format!(
                "delegate from the holder: `from {}` (or leave `from` out), or correct the item's `holder`",
                cx.unit_path(*u)
            )),
            _ => diagnostic.with_help(
                "an item held by each township or village is exercised there already; remove the delegation",
            ),
        };
        out.push(diagnostic);
    }
}
