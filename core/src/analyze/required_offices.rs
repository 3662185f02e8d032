//! Q0602 `required-office-missing`: a township without an office its region requires.
//!
//! ## What it does
//!
//! For each `required-offices [...]` list, checks every township under its region for a unit of
//! each required name belonging to the township (an office, team or point parented to the
//! township government or seated in it), and reports the missing names per township.
//!
//! ## Why it matters
//!
//! The "1+4+X" structure: every street and town sets up the command room and the four offices
//! (seed 002). Workflows name them (`派单(综合信息指挥室)`), so a missing office also leaves a
//! step with no actor.
//!
//! ## Example
//!
//! ```qz
//! region 宁波市 city {
//!   required-offices [综合信息指挥室, 党建综合办公室]
//!   region 江北区 county { township 文教街道 class 一般 { unit 党建综合办公室 kind office } }
//! }
//! ```
//!
//! ## Fix
//!
//! Declare the office inside the township (`unit 综合信息指挥室 kind office`).

use super::context::Context;
use super::Check;
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::org::OrgRule;

pub(super) const CHECK: Check = Check {
    code: "Q0602",
    name: "required-office-missing",
    severity: Severity::Error,
    summary: "a township without an office its region requires",
    source: include_str!("required_offices.rs"),
};

pub(super) fn run(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for rule in &cx.rs.decls().org_rules {
        let OrgRule::RequiredOffices {
            region,
            offices,
            span,
        } = rule
        else {
            continue;
        };
        for township in cx.townships.iter().filter(|t| cx.within(**t, *region)) {
            let present: Vec<&str> = cx.members(*township).map(|u| u.name.as_str()).collect();
            let missing: Vec<&str> = offices
                .iter()
                .map(String::as_str)
                .filter(|o| !present.contains(o))
                .collect();
            if missing.is_empty() {
                continue;
            }
            let Some(place) = cx.rs.place(*township) else {
                continue;
            };
            out.push(
                CHECK
                    .at(
                        format!("`{}` lacks the required {}", place.name, quoted(&missing)),
                        place.span,
                    )
                    .with_label_here("declared here")
                    .with_label(*span, "the required offices")
                    .with_witness(format!("{}: missing {}", place.name, missing.join(", ")))
                    .with_help(format!(
                        "declare `unit {} kind office` inside the township",
                        missing.first().copied().unwrap_or_default()
                    )),
            );
        }
    }
}

fn quoted(names: &[&str]) -> String {
    let list: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    if names.len() == 1 {
        format!("office {}", list.join(""))
    } else {
        format!("offices {}", list.join(", "))
    }
}
