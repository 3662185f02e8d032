//! Q0306 `grant-without-basis`: a grant or statutory authorisation with no basis decision.
//!
//! ## What it does
//!
//! Reports a `grant` or `statutory` delegation that has no `basis` clause (or an empty one).
//!
//! ## Why it matters
//!
//! A township acts in its own name only on a published decision: the provincial decision or
//! the county's catalogue drawn from it (行政处罚法 第24条; 浙江省综合行政执法条例 第9条;
//! DOMAIN.md L2), or the law that authorises it. Proofs cite the basis; without one the answer
//! cannot say why the township may act.
//!
//! ## Example
//!
//! ```qz
//! grant 330205-CF-001 to 江北区 特大 街道 since 2023-03-01
//! ```
//!
//! ## Fix
//!
//! Add the decision: `basis "浙江省人民政府关于赋予乡镇（街道）部分县级行政执法权的决定"`.

use super::context::Context;
use super::Check;
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::delegation::Mode;

pub(super) const CHECK: Check = Check {
    code: "Q0306",
    name: "grant-without-basis",
    severity: Severity::Error,
    summary: "a grant or statutory authorisation with no basis decision",
    source: include_str!("grant_without_basis.rs"),
};

pub(super) fn run(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (_, d) in cx.delegations() {
        if d.mode == Mode::Entrust || d.basis.as_deref().is_some_and(|b| !b.trim().is_empty()) {
            continue;
        }
        out.push(
            CHECK
                .at(
                    format!(
                        "this {} of `{}` has no basis decision",
                        d.mode.english(),
                        cx.code(d.item)
                    ),
                    d.span,
                )
                .with_label_here("no `basis` clause")
                .with_witness(format!("`{}` to {}", cx.code(d.item), cx.target_words(&d.target)))
                .with_help(
                    "add `basis \"…\"` naming the provincial decision or the county's published catalogue (行政处罚法 第24条)",
                ),
        );
    }
}
