//! Q0305 `entrusted-coercion`: an entrustment of a coercive measure.
//!
//! ## What it does
//!
//! Reports an `entrust` of an item of power type 行政强制 (coercion).
//!
//! ## Why it matters
//!
//! 行政强制措施权不得委托 (行政强制法 第17条; DOMAIN.md L6). A body granted 相对集中行政处罚权
//! may take the coercive measures tied to those penalties, so a `grant` may carry them; an
//! entrustment never may.
//!
//! ## Example
//!
//! ```qz
//! item 330205-QZ-001 "对违法运输建筑垃圾车辆的暂扣" {
//!   list 行政执法  type 行政强制  holder 综合行政执法局
//! }
//! entrust 330205-QZ-001 to 慈城镇 since 2023-03-01 instrument "江北综执〔2023〕5号"
//! ```
//!
//! ## Fix
//!
//! Remove the entrustment. Where the township is granted the related penalties with a basis
//! decision, grant the coercive measure with them instead.

use super::context::Context;
use super::Check;
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::delegation::Mode;
use crate::model::item::PowerType;

pub(super) const CHECK: Check = Check {
    code: "Q0305",
    name: "entrusted-coercion",
    severity: Severity::Error,
    summary: "a coercive measure (行政强制) delegated by entrustment",
    source: include_str!("entrusted_coercion.rs"),
};

pub(super) fn run(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (_, d) in cx.delegations() {
        let Some(item) = cx.item(d.item) else {
            continue;
        };
        if d.mode != Mode::Entrust || item.power_type != Some(PowerType::Coercion) {
            continue;
        }
        out.push(
            CHECK
                .at(
                    format!("`{}` is a coercive measure and cannot be entrusted", item.code),
                    d.span,
                )
                .with_label_here("entrusted here")
                .with_label(item.span, "of type 行政强制")
                .with_witness(format!("`{}` to {}", item.code, cx.target_words(&d.target)))
                .with_help(
                    "行政强制措施权不得委托 (行政强制法 第17条): remove the entrustment, or grant it together with the related penalties",
                ),
        );
    }
}
