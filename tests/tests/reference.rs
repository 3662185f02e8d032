//! The engine against a small reference written here, over generated rule sets. The reference
//! reads the declarations by plain scans (no index, no query code) and states four readings of
//! DESIGN.md's "Points the semantics fix":
//! - a place at county level or above is answered by the holder when it contains the item's
//!   scope (or lies in it); another county's item does not apply there;
//! - only a revocation that ended a delegation active the day before it puts the item on the
//!   township's 上级部门收回事项 list;
//! - 吹哨报到 goes to the department responsible for an item, its holder (a territorial item's
//!   primary unit), never the township a delegation reached; an item that does not apply at
//!   the place is refused;
//! - a part named in a query must be one the item declares.
//!
//! Every answer's proof is verified by the checker.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::string_slice,
    reason = "tests fail loudly on purpose"
)]

use proptest::prelude::*;
use quanze_core::answer::{Resolved, WhoAnswer};
use quanze_core::proof::Subject;
use quanze_core::query::{self, QueryError};
use quanze_core::{
    checker, Date, Decls, Holder, ItemId, PlaceId, PlaceLevel, RuleSet, Target, UnitId,
};

#[derive(Clone, Debug)]
struct Province {
    townships: Vec<usize>,
    /// (department, territorial, declares parts)
    items: Vec<(usize, bool, bool)>,
    /// (item, target, entrust, since, length)
    delegations: Vec<(usize, usize, bool, i32, Option<i32>)>,
    /// (item, target, since)
    revocations: Vec<(usize, usize, i32)>,
}

fn province() -> impl Strategy<Value = Province> {
    (
        prop::collection::vec(1usize..=3, 1..=2),
        prop::collection::vec((0usize..2, prop::bool::weighted(0.2), any::<bool>()), 1..=4),
        prop::collection::vec(
            (
                0usize..8,
                0usize..12,
                any::<bool>(),
                0i32..1500,
                prop::option::of(1i32..900),
            ),
            0..=6,
        ),
        prop::collection::vec((0usize..8, 0usize..12, 0i32..2000), 0..=4),
    )
        .prop_map(|(townships, items, delegations, revocations)| Province {
            townships,
            items,
            delegations,
            revocations,
        })
}

fn day(offset: i32) -> Date {
    Date::from_calendar_date(2020, time::Month::January, 1).unwrap()
        + time::Duration::days(i64::from(offset))
}

const CLASSES: [&str; 3] = ["一般", "较大", "特大"];
const PARTS: [&str; 2] = ["没收较大数额财物", "责令停产停业"];

fn render(p: &Province) -> String {
    let mut out = "region 省甲 province {\n region 市甲 city {\n".to_owned();
    for (c, count) in p.townships.iter().enumerate() {
        out += &format!("  region 县{c} county {{\n");
        for t in 0..*count {
            out += &format!(
                "    township 镇{c}x{t} class {} {{ village 村{c}x{t} {{ grid 格{c}x{t} }} }}\n",
                CLASSES[t % 3]
            );
        }
        out += "    department 局0\n    department 局1\n  }\n";
    }
    out += " }\n}\n";
    let counties = p.townships.len();
    let mut codes = Vec::new();
    for c in 0..counties {
        out += &format!(
            "ladder 分级{c} at 县{c} {{\n  level 小 closes village next 大\n  level 大 closes township next 重大\n  level 重大 closes department\n}}\n"
        );
        for (i, (dept, territorial, parts)) in p.items.iter().enumerate() {
            let code = format!("C{c}-I{i}");
            if *territorial {
                out += &format!(
                    "territorial {code} \"属地{i}\" {{ primary 县{c}/局{dept} township [发现, 报告] }}\n"
                );
            } else {
                let parts = if *parts {
                    format!(" parts [{}]", PARTS.join(", "))
                } else {
                    String::new()
                };
                out += &format!(
                    "item {code} \"事项{i}\" {{ list enforcement type 行政处罚 holder 县{c}/局{dept}{parts} }}\n"
                );
                codes.push((c, code));
            }
        }
    }
    let target = |c: usize, t: usize| -> String {
        let count = p.townships[c];
        match t % 4 {
            0 | 1 => format!("镇{c}x{}", (t / 4) % count),
            2 => format!("县{c} class {}", CLASSES[(t / 4) % 3]),
            _ => format!("县{c}"),
        }
    };
    if codes.is_empty() {
        return out;
    }
    for (i, (item, t, entrust, since, length)) in p.delegations.iter().enumerate() {
        let (c, code) = &codes[item % codes.len()];
        let until = length.map_or(String::new(), |l| format!(" until {}", day(since + l)));
        out += &if *entrust {
            format!(
                "entrust {code} to {} since {}{until} instrument \"委托书{i}\"\n",
                target(*c, *t),
                day(*since)
            )
        } else {
            format!(
                "grant {code} to {} since {}{until} basis \"决定{i}\"\n",
                target(*c, *t),
                day(*since)
            )
        };
    }
    for (item, t, since) in &p.revocations {
        let (c, code) = &codes[item % codes.len()];
        out += &format!(
            "revoke {code} from {} since {} basis \"收回决定\"\n",
            target(*c, *t),
            day(*since)
        );
    }
    out
}

// ---- the reference: plain scans of the declarations ----------------------------------------

fn chain(d: &Decls, place: PlaceId) -> Vec<PlaceId> {
    let mut out = vec![place];
    while let Some(parent) = d.places[out.last().unwrap().index()].parent {
        out.push(parent);
    }
    out
}

fn within(d: &Decls, place: PlaceId, region: PlaceId) -> bool {
    chain(d, place).contains(&region)
}

fn covers(d: &Decls, target: &Target, township: PlaceId) -> bool {
    match target {
        Target::Township(t) => *t == township,
        Target::County(c) => within(d, township, *c),
        Target::Class { county, class } => {
            within(d, township, *county) && d.places[township.index()].class == Some(*class)
        }
        Target::Group {
            region,
            class,
            kinds,
        } => {
            let t = &d.places[township.index()];
            within(d, township, *region)
                && class.is_none_or(|c| t.class == Some(c))
                && kinds.selects(t.kind)
        }
    }
}

fn holder(d: &Decls, item: ItemId) -> UnitId {
    let decl = &d.items[item.index()];
    match (&decl.territorial, &decl.holder) {
        (Some(t), _) => t.primary,
        (None, Holder::Unit(u)) => *u,
        (None, _) => panic!("the generator makes unit holders only"),
    }
}

fn scope(d: &Decls, item: ItemId) -> PlaceId {
    d.units[holder(d, item).index()].seat
}

/// At a place at county level or above: the holder answers when the place contains the
/// item's scope or lies in it.
fn applies_above_township(d: &Decls, item: ItemId, place: PlaceId) -> bool {
    let region = scope(d, item);
    within(d, place, region) || within(d, region, place)
}

/// Whether revocation `r` ended delegation `del` at the township: active the day before.
fn ended(d: &Decls, del: usize, r: usize, township: PlaceId) -> bool {
    let (dl, rv) = (&d.delegations[del], &d.revocations[r]);
    let earlier = d.revocations.iter().any(|o| {
        o.item == dl.item
            && covers(d, &o.target, township)
            && dl.interval.since < o.since
            && o.since < rv.since
    });
    dl.item == rv.item
        && covers(d, &dl.target, township)
        && covers(d, &rv.target, township)
        && dl.interval.since < rv.since
        && dl.interval.until.is_none_or(|u| rv.since < u)
        && !earlier
}

fn active(d: &Decls, del: usize, township: PlaceId, date: Date) -> bool {
    let dl = &d.delegations[del];
    let revoked = d.revocations.iter().any(|r| {
        r.item == dl.item
            && covers(d, &r.target, township)
            && dl.interval.since < r.since
            && r.since <= date
    });
    covers(d, &dl.target, township)
        && dl.interval.since <= date
        && dl.interval.until.is_none_or(|u| date < u)
        && !revoked
}

/// The items on the township's 上级部门收回事项 list on the date.
fn revoked_list(d: &Decls, township: PlaceId, date: Date) -> Vec<ItemId> {
    let mut out = Vec::new();
    for (i, item) in d.items.iter().enumerate() {
        let id = ItemId::from_index(i);
        if item.territorial.is_some() {
            continue;
        }
        let any_active = (0..d.delegations.len())
            .any(|del| d.delegations[del].item == id && active(d, del, township, date));
        let ended_one = (0..d.revocations.len()).any(|r| {
            d.revocations[r].item == id
                && d.revocations[r].since <= date
                && (0..d.delegations.len()).any(|del| ended(d, del, r, township))
        });
        if !any_active && ended_one {
            out.push(id);
        }
    }
    out
}

fn places_at(d: &Decls, level: PlaceLevel) -> Vec<PlaceId> {
    (0..d.places.len())
        .map(PlaceId::from_index)
        .filter(|p| d.places[p.index()].level == level)
        .collect()
}

// ---- the properties --------------------------------------------------------------------------

fn compile(p: &Province) -> RuleSet {
    let text = render(p);
    let (rules, diagnostics) = quanze_dsl::compile_str("reference.qz", &text);
    rules.unwrap_or_else(|| panic!("does not compile: {diagnostics:?}\n{text}"))
}

fn check_places_above_township(rs: &RuleSet) {
    let d = rs.decls();
    let date = day(1000);
    let mut above = places_at(d, PlaceLevel::County);
    above.extend(places_at(d, PlaceLevel::City));
    above.extend(places_at(d, PlaceLevel::Province));
    for i in 0..d.items.len() {
        let item = ItemId::from_index(i);
        for place in &above {
            let got = query::who_handles_proved(rs, item, *place, date);
            if applies_above_township(d, item, *place) {
                let (answer, proof) = got.unwrap();
                checker::check(rs, &answer, &proof).unwrap();
                match answer {
                    WhoAnswer::Handled(h) => assert_eq!(h.handler, holder(d, item)),
                    other => panic!("expected the holder, got {other:?}"),
                }
            } else {
                assert!(
                    matches!(got, Err(QueryError::OutsideScope { .. })),
                    "{got:?}"
                );
            }
        }
    }
}

fn check_revoked_lists(rs: &RuleSet, dates: &[Date]) {
    let d = rs.decls();
    for township in places_at(d, PlaceLevel::Township) {
        let gov = d.places[township.index()].unit.unwrap();
        for date in dates {
            let (answer, proof) = query::duties_proved(rs, gov, *date).unwrap();
            checker::check(rs, &answer, &proof).unwrap();
            let got: Vec<ItemId> = answer.revoked.iter().map(|r| r.item).collect();
            assert_eq!(
                got,
                revoked_list(d, township, *date),
                "at {township} on {date}"
            );
        }
    }
}

fn check_whistles(rs: &RuleSet) {
    let d = rs.decls();
    let date = day(1000);
    for grid in places_at(d, PlaceLevel::Grid) {
        for i in 0..d.items.len() {
            let item = ItemId::from_index(i);
            let subject = Some(Subject::Item(item));
            let got = query::escalate_proved(rs, grid, "重大", subject, &[], date);
            if within(d, grid, scope(d, item)) {
                let (answer, proof) = got.unwrap();
                checker::check(rs, &answer, &proof).unwrap();
                let last = answer.rungs.last().unwrap();
                assert_eq!(last.unit, Resolved::Unit(holder(d, item)));
            } else {
                assert!(
                    matches!(got, Err(QueryError::OutsideScope { .. })),
                    "{got:?}"
                );
            }
        }
    }
}

fn check_parts(rs: &RuleSet) {
    let d = rs.decls();
    let date = day(1000);
    let asked = [PARTS[0], PARTS[1], "没收较大数额财产", "不存在的部分"];
    for township in places_at(d, PlaceLevel::Township) {
        for (i, decl) in d.items.iter().enumerate() {
            let item = ItemId::from_index(i);
            if !within(d, township, scope(d, item)) {
                continue;
            }
            for part in asked {
                let got = query::who_handles_part_proved(rs, item, township, date, Some(part));
                if decl.parts.iter().any(|p| p == part) {
                    let (answer, proof) = got.unwrap();
                    checker::check(rs, &answer, &proof).unwrap();
                } else {
                    assert!(
                        matches!(got, Err(QueryError::UnknownPart { .. })),
                        "{got:?}"
                    );
                }
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: if std::env::var_os("QUANZE_LONG_PROPERTIES").is_some() { 2000 } else { 96 },
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn the_engine_agrees_with_the_reference(p in province()) {
        let rs = compile(&p);
        let mut dates: Vec<Date> = vec![day(0), day(1000), day(2500), day(4000)];
        for (_, _, since) in &p.revocations {
            dates.push(day(*since));
            dates.push(day(*since - 1));
        }
        check_places_above_township(&rs);
        check_revoked_lists(&rs, &dates);
        check_whistles(&rs);
        check_parts(&rs);
    }
}
