//! Plain words for what reaches people: the readable form of answer fragments (a scanned
//! delegation's failure, a `why_not` reason, a resolved role, a delegation's target) with the
//! names of the rule set instead of ids, and JSON errors without the names of Rust types.
//!
//! Every human surface (proof text, the test runner's messages, the Python graph) uses these,
//! so no Rust `Debug` text reaches a user and the surfaces say the same thing the same way.
//! The JSON forms (`view`, the proof JSON) are a compatibility boundary and do not use them.

use crate::answer::{Reason, Resolved, Scanned, Unresolved};
use crate::ids::{ItemId, PlaceId, UnitId};
use crate::model::delegation::Target;
use crate::model::scenario::Role;
use crate::model::unit::RouteKey;
use crate::ruleset::RuleSet;
use crate::view::mode_name;

/// A unit's name as written, or its id when the rule set does not have it.
pub fn unit(rs: &RuleSet, u: UnitId) -> String {
    rs.unit(u).map_or_else(|| u.to_string(), |u| u.name.clone())
}

/// A unit's qualified path (`宁波市/江北区/慈城镇`), or its id.
pub fn unit_path(rs: &RuleSet, u: UnitId) -> String {
    rs.unit(u).map_or_else(|| u.to_string(), |u| u.path.clone())
}

/// A place's name as written, or its id.
pub fn place(rs: &RuleSet, p: PlaceId) -> String {
    rs.place(p)
        .map_or_else(|| p.to_string(), |p| p.name.clone())
}

/// An item's code, or its id.
pub fn item(rs: &RuleSet, i: ItemId) -> String {
    rs.item(i).map_or_else(|| i.to_string(), |i| i.code.clone())
}

/// Names joined with `, `.
pub fn list<T>(items: &[T], each: impl Fn(&T) -> String) -> String {
    items.iter().map(each).collect::<Vec<_>>().join(", ")
}

/// Which townships a delegation or revocation reaches.
pub fn target(rs: &RuleSet, t: &Target) -> String {
    match t {
        Target::Township(p) => place(rs, *p),
        Target::Class { county, class } => {
            format!(
                "the {} townships of {}",
                class.chinese(),
                place(rs, *county)
            )
        }
        Target::County(p) => format!("every township of {}", place(rs, *p)),
        Target::Group {
            region,
            class,
            kinds,
        } => format!(
            "the{} {} of {}",
            class
                .map(|c| format!(" {}", c.chinese()))
                .unwrap_or_default(),
            kinds.chinese().unwrap_or_else(|| "townships".to_owned()),
            place(rs, *region)
        ),
    }
}

/// A route's key as the language writes it: a power type (行政处罚) or a list (行政执法).
pub fn route_key(key: &RouteKey) -> &'static str {
    match key {
        RouteKey::PowerType(p) => p.chinese(),
        RouteKey::List(l) => l.chinese(),
    }
}

/// A scanned candidate of a negative claim: `D6 revoked on 2025-01-01 by revocation R0`.
pub fn scanned(s: &Scanned) -> String {
    format!("{} {}", s.delegation, s.failure)
}

/// Scanned candidates, or a sentence saying there were none.
pub fn scan(items: &[Scanned]) -> String {
    if items.is_empty() {
        "the item has no delegation".to_owned()
    } else {
        list(items, scanned)
    }
}

/// Who a scenario role or workflow actor names, before it is resolved.
pub fn role(rs: &RuleSet, r: &Role) -> String {
    match r {
        Role::Named(name) => format!("`{name}`"),
        Role::HandlerOf(i) => format!("the handler of {}", item(rs, *i)),
        Role::Level(level) => format!("the {} level", level.chinese()),
        Role::Lead => "the lead".to_owned(),
    }
}

/// Why a role did not resolve to a unit.
pub fn unresolved(rs: &RuleSet, u: &Unresolved) -> String {
    match u {
        Unresolved::UnknownName { name } => format!("no unit `{name}`"),
        Unresolved::AmbiguousName { name, candidates } => format!(
            "`{name}` is ambiguous: it may mean {}",
            list(candidates, |c| unit_path(rs, *c))
        ),
        Unresolved::OutsideCounty { name, unit: u } => {
            format!("`{name}` is {}, outside the county", unit_path(rs, *u))
        }
        Unresolved::NoUnitAtLevel { level } => format!("no unit governs the {}", level.chinese()),
        Unresolved::HandlerConflict { item: i } => {
            format!("the handler of {} is in conflict", item(rs, *i))
        }
        Unresolved::HandlerError { item: i } => {
            format!("the handler of {} cannot be found here", item(rs, *i))
        }
        Unresolved::NoLead => "the scenario has no lead".to_owned(),
        Unresolved::NoSubject => "no item or topic given".to_owned(),
        Unresolved::NoScenario { topic } => format!(
            "no scenario of topic `{}` matches the facts",
            rs.topic(*topic).map_or("?", |t| t.name.as_str())
        ),
        Unresolved::AmbiguousScenario { scenarios } => format!(
            "the facts match several scenarios ({}); the common superior must designate one",
            list(scenarios, |s| rs
                .scenario(*s)
                .map_or_else(|| "?".to_owned(), |x| x.id.clone()))
        ),
        Unresolved::NeedsFacts { missing } => format!(
            "the facts do not yet select a scenario: give {}",
            list(missing, |f| format!("`{f}`"))
        ),
    }
}

/// A resolved role: the unit's path, or why there is none.
pub fn resolved(rs: &RuleSet, r: &Resolved) -> String {
    match r {
        Resolved::Unit(u) => unit_path(rs, *u),
        Resolved::Unresolved(why) => format!("unresolved ({})", unresolved(rs, why)),
    }
}

/// One reason of a `why_not` answer.
pub fn reason(rs: &RuleSet, r: &Reason) -> String {
    match r {
        Reason::Conflict {
            township,
            delegations,
        } => format!(
            "delegations {} conflict at {}",
            list(delegations, ToString::to_string),
            place(rs, *township)
        ),
        Reason::HandledBy {
            handler,
            legal_subject,
            mode,
        } => {
            let mut text = format!("{} handles it ({}", unit(rs, *handler), mode_name(*mode));
            if legal_subject != handler {
                text.push_str(&format!(", in the name of {}", unit(rs, *legal_subject)));
            }
            text.push(')');
            text
        }
        Reason::NoDelegation { township, scanned } => format!(
            "no delegation is active at {}: {}",
            place(rs, *township),
            scan(scanned)
        ),
        Reason::Undelegable => "the item cannot be delegated".to_owned(),
        Reason::CooperatesOnly { duties } => {
            format!("it only cooperates ({})", duties.join(", "))
        }
        Reason::Reserved { delegation, part } => {
            format!("{delegation} reserves {part} to the holder")
        }
        Reason::OtherTerritory {
            unit_township,
            township,
        } => match township {
            Some(t) => format!(
                "the unit belongs to {}, and the place lies in {}'s territory",
                place(rs, *unit_township),
                place(rs, *t)
            ),
            None => format!(
                "the unit belongs to {}, and the place lies above every township",
                place(rs, *unit_township)
            ),
        },
    }
}

/// A JSON error as people read it: serde names the Rust type it expected (`expected struct
/// Who`, `expected u32`); this says what was expected in words instead.
pub fn json_error(error: &serde_json::Error) -> String {
    without_type_names(&error.to_string())
}

/// Replaces the Rust type names serde writes after `expected `.
pub fn without_type_names(message: &str) -> String {
    const KINDS: [(&str, &str); 6] = [
        ("struct variant ", "an object"),
        ("tuple variant ", "a list"),
        ("tuple struct ", "a list"),
        ("unit struct ", "nothing"),
        ("struct ", "an object"),
        ("enum ", "one of its documented forms"),
    ];
    const NUMBERS: [(&str, &str); 14] = [
        ("u8", "a whole number"),
        ("u16", "a whole number"),
        ("u32", "a whole number"),
        ("u64", "a whole number"),
        ("u128", "a whole number"),
        ("usize", "a whole number"),
        ("i8", "a whole number"),
        ("i16", "a whole number"),
        ("i32", "a whole number"),
        ("i64", "a whole number"),
        ("i128", "a whole number"),
        ("isize", "a whole number"),
        ("f32", "a number"),
        ("f64", "a number"),
    ];
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(at) = rest.find("expected ") {
        let (before, after) = rest.split_at(at + "expected ".len());
        out.push_str(before);
        rest = after;
        if let Some((kind, words)) = KINDS.iter().find(|(k, _)| rest.starts_with(k)) {
            let name = rest.get(kind.len()..).unwrap_or_default();
            let end = name
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == ':'))
                .unwrap_or(name.len());
            out.push_str(words);
            rest = name.get(end..).unwrap_or_default();
        } else if let Some((number, words)) = NUMBERS.iter().find(|(n, _)| {
            rest.strip_prefix(n)
                .is_some_and(|tail| !tail.starts_with(|c: char| c.is_ascii_alphanumeric()))
        }) {
            out.push_str(words);
            rest = rest.get(number.len()..).unwrap_or_default();
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serde_type_names_become_words() {
        assert_eq!(
            without_type_names("invalid type: integer `5`, expected struct Who at line 1 column 1"),
            "invalid type: integer `5`, expected an object at line 1 column 1"
        );
        assert_eq!(
            without_type_names("invalid type: string \"x\", expected u32"),
            "invalid type: string \"x\", expected a whole number"
        );
        assert_eq!(
            without_type_names("expected struct variant Claim::Within, expected enum Claim"),
            "expected an object, expected one of its documented forms"
        );
        assert_eq!(
            without_type_names("unknown variant `x`, expected `a` or `b`"),
            "unknown variant `x`, expected `a` or `b`"
        );
        assert_eq!(without_type_names("expected u32x"), "expected u32x");
    }
}
