//! Q0307 `entrust-without-instrument`: an entrustment with no written instrument.
//!
//! ## What it does
//!
//! Reports an `entrust` delegation that has no `instrument` clause (or an empty one).
//!
//! ## Why it matters
//!
//! An entrustment rests on a written, published instrument (委托书) stating the item, the
//! powers and the term (行政处罚法 第20条, 行政许可法 第24条; DOMAIN.md L4, L5). Without it the
//! township has nothing to act on in the department's name.
//!
//! ## Example
//!
//! ```qz
//! entrust 330205-JC-014 to 慈城镇 since 2022-07-01 until 2025-06-30
//! ```
//!
//! ## Fix
//!
//! Add the instrument: `instrument "江北建委〔2022〕18号 委托书"`.

use super::context::Context;
use super::Check;
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::delegation::Mode;

pub(super) const CHECK: Check = Check {
    code: "Q0307",
    name: "entrust-without-instrument",
    severity: Severity::Error,
    summary: "an entrustment with no written instrument (委托书)",
    source: include_str!("entrust_without_instrument.rs"),
};

pub(super) fn run(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (_, d) in cx.delegations() {
        if d.mode != Mode::Entrust
            || d.instrument
                .as_deref()
                .is_some_and(|i| !i.trim().is_empty())
        {
            continue;
        }
        out.push(
            CHECK
                .at(
                    format!("this entrustment of `{}` has no instrument", cx.code(d.item)),
                    d.span,
                )
                .with_label_here("no `instrument` clause")
                .with_witness(format!("`{}` to {}", cx.code(d.item), cx.target_words(&d.target)))
                .with_help(
                    "add `instrument \"…\"` naming the published written instrument (委托书, 行政处罚法 第20条)",
                ),
        );
    }
}
