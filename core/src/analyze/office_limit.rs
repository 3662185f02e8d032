//! Q0601 `office-limit-exceeded`: a township with more offices than its class allows.
//!
//! ## What it does
//!
//! Counts each township's internal offices (units of kind `office` belonging to the township
//! government) and compares the count with the `office-limit` for its class declared at the
//! nearest enclosing region. Enforcement teams, service points and stationed agencies are not
//! counted: the limit is on 内设机构, and a comprehensive enforcement team is a force, not an
//! internal office.
//!
//! ## Why it matters
//!
//! Ningbo caps township institutions by class: 一般 6, 较大 7, 特大 8 (seed 002; DOMAIN.md L12).
//! An office over the cap has no approved establishment.
//!
//! ## Example
//!
//! ```qz
//! region 宁波市 city {
//!   office-limit 一般 6, 较大 7, 特大 8
//!   region 江北区 county {
//!     township 孔浦街道 class 一般 {
//!       unit 综合信息指挥室 kind office   unit 党建综合办公室 kind office
//!       unit 发展服务办公室 kind office   unit 平安法治办公室 kind office
//!       unit 社会事务办公室 kind office   unit 城市管理办公室 kind office
//!       unit 文化旅游办公室 kind office
//!     }
//!   }
//! }
//! ```
//!
//! ## Fix
//!
//! Merge offices, or correct the township's class if it was raised.

use super::context::Context;
use super::Check;
use crate::diagnostic::{Diagnostic, Severity};
use crate::ids::PlaceId;
use crate::model::org::OrgRule;
use crate::model::unit::UnitKind;
use crate::span::Span;

pub(super) const CHECK: Check = Check {
    code: "Q0601",
    name: "office-limit-exceeded",
    severity: Severity::Error,
    summary: "a township with more offices than the limit for its class",
    source: include_str!("office_limit.rs"),
};

/// The limit for the township's class from the nearest region that declares one.
fn limit(cx: &Context<'_>, township: PlaceId) -> Option<(u32, Span)> {
    let class = cx.rs.place(township)?.class?;
    cx.rs.ancestors(township).find_map(|region| {
        cx.rs.decls().org_rules.iter().find_map(|rule| match rule {
            OrgRule::OfficeLimit {
                region: r,
                class: c,
                limit,
                span,
            } if *r == region && *c == class => Some((*limit, *span)),
            _ => None,
        })
    })
}

pub(super) fn run(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for township in &cx.townships {
        let Some((limit, rule_span)) = limit(cx, *township) else {
            continue;
        };
        let offices: Vec<&str> = cx
            .members(*township)
            .filter(|u| u.kind == UnitKind::Office)
            .map(|u| u.name.as_str())
            .collect();
        let count = u32::try_from(offices.len()).unwrap_or(u32::MAX);
        if count <= limit {
            continue;
        }
        let Some(place) = cx.rs.place(*township) else {
            continue;
        };
        let class = place.class.map_or("", |c| c.chinese());
        out.push(
            CHECK
                .at(
                    format!(
                        "`{}` has {count} offices; a {class} township may have {limit}",
                        place.name
                    ),
                    place.span,
                )
                .with_label_here(format!("class {class}"))
                .with_label(
                    rule_span,
                    format!("the limit for {class} townships is {limit}"),
                )
                .with_witness(format!("{}: {}", place.name, offices.join(", ")))
                .with_help("merge offices, or correct the township's class"),
        );
    }
}
