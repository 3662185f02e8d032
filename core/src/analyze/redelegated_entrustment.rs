//! Q0302 `redelegated-entrustment`: a township delegates again an item it received by
//! entrustment.
//!
//! ## What it does
//!
//! Reports a delegation whose `from` is a township (its government or any unit seated in it)
//! that received the same item by `entrust`. The item's own holder is never reported, even
//! when it is seated in such a township: the rule binds the entrusted body.
//!
//! ## Why it matters
//!
//! Under entrustment the township acts in the department's name and the department bears the
//! consequences; the entrusted body may not entrust again (行政处罚法 第20条 "受委托组织…不得再
//! 委托其他组织或者个人实施行政处罚", 行政许可法 第24条; DOMAIN.md L4, L5).
//!
//! ## Example
//!
//! ```qz
//! entrust 330205-JC-014 from 住房和城乡建设局 to 慈城镇 since 2022-07-01
//!   instrument "江北建委〔2022〕18号 委托书"
//! entrust 330205-JC-014 from 慈城镇 to 庄桥街道 since 2023-01-01
//!   instrument "慈城镇〔2023〕2号"
//! ```
//!
//! ## Fix
//!
//! Let the holder delegate to the second township directly, or remove the second delegation.

use super::context::Context;
use super::Check;
use crate::diagnostic::{Diagnostic, Severity};
use crate::ids::DelegationId;
use crate::model::delegation::Delegation;

pub(super) const CHECK: Check = Check {
    code: "Q0302",
    name: "redelegated-entrustment",
    severity: Severity::Error,
    summary: "an item received by entrustment is delegated again",
    source: include_str!("redelegated_entrustment.rs"),
};

/// The first entrustment (other than `d` itself) that gave `d`'s item to the township `d`
/// delegates from.
pub(super) fn entrustment_received(
    cx: &Context<'_>,
    id: DelegationId,
    d: &Delegation,
) -> Option<DelegationId> {
    // 受委托组织不得再委托 binds the entrusted body, not the item's holder: a department seated
    // in a township that received its item by entrustment still delegates its own item.
    let holder = cx.item(d.item).and_then(|item| cx.holder_unit(item));
    if holder == Some(d.from) {
        return None;
    }
    let township = cx.township_of_unit(d.from)?;
    cx.entrusted_to(d.item, township)
        .into_iter()
        .find(|e| *e != id)
}

pub(super) fn run(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (id, d) in cx.delegations() {
        let Some(e) = entrustment_received(cx, id, d) else {
            continue;
        };
        let Some(entrustment) = cx.rs.decls().delegations.get(e.index()) else {
            continue;
        };
        let township = cx
            .township_of_unit(d.from)
            .map_or("?", |t| cx.place_name(t));
        out.push(
            CHECK
                .at(
                    format!(
                        "`{township}` received `{}` by entrustment and may not delegate it again",
                        cx.code(d.item)
                    ),
                    d.span,
                )
                .with_label_here("delegated again here")
                .with_label(
                    entrustment.span,
                    format!("entrusted to `{township}` here, in the department's name"),
                )
                .with_witness(format!(
                    "`{}` from `{township}`, entrusted by `{}` since {}",
                    cx.code(d.item),
                    cx.unit_path(entrustment.from),
                    entrustment.interval.since
                ))
                .with_help(format!(
                    "受委托组织不得再委托 (行政处罚法 第20条): let `{}` delegate the item directly, or remove this delegation",
                    cx.unit_path(entrustment.from)
                )),
        );
    }
}
