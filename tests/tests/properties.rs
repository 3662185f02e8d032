//! Properties over generated rule sets, written as text (so the parser and the resolver take
//! part) in a random mix of English and Chinese keywords:
//! - the text compiles, and the Chinese and English renderings give equal models;
//! - every query on every item, place and unit, at dates including the ends of the
//!   representable range and every interval boundary, answers or returns an error value;
//! - inside an item's county, `who_handles` is total: a handler, or an explicit conflict;
//! - every proof verifies, and `can` agrees with `who_handles`;
//! - formatting (in either keyword language) keeps the model and is idempotent;
//! - a snapshot round trip gives the same hash, model and answers.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::string_slice,
    reason = "tests fail loudly on purpose"
)]

use proptest::prelude::*;
use quanze_core::answer::WhoAnswer;
use quanze_core::{checker, query, Date, ItemId, PlaceId, PlaceLevel, UnitId};

#[derive(Clone, Debug)]
struct Delegation {
    item: usize,
    mode: usize,
    target: usize,
    since: i32,
    length: Option<i32>,
}

#[derive(Clone, Debug)]
struct Province {
    counties: usize,
    townships: Vec<usize>,
    departments: usize,
    items: Vec<(usize, usize)>,
    delegations: Vec<Delegation>,
    revocations: Vec<(usize, usize, i32)>,
    scenarios: Vec<(usize, usize, usize)>,
    chinese: Vec<bool>,
}

fn province() -> impl Strategy<Value = Province> {
    (1usize..=2, prop::collection::vec(1usize..=3, 2), 1usize..=3).prop_flat_map(
        |(counties, townships, departments)| {
            let items = prop::collection::vec((0..departments, 0usize..4), 1..=5);
            let delegation = (
                0usize..5,
                0usize..3,
                0usize..8,
                0i32..2000,
                prop::option::of(1i32..1500),
            )
                .prop_map(|(item, mode, target, since, length)| Delegation {
                    item,
                    mode,
                    target,
                    since,
                    length,
                });
            (
                Just(counties),
                Just(townships),
                Just(departments),
                items,
                prop::collection::vec(delegation, 0..=6),
                prop::collection::vec((0usize..5, 0usize..8, 0i32..3000), 0..=2),
                prop::collection::vec((0usize..3, 0usize..3, 0usize..3), 0..=4),
                prop::collection::vec(any::<bool>(), 16),
            )
                .prop_map(
                    |(
                        counties,
                        townships,
                        departments,
                        items,
                        delegations,
                        revocations,
                        scenarios,
                        chinese,
                    )| Province {
                        counties,
                        townships,
                        departments,
                        items,
                        delegations,
                        revocations,
                        scenarios,
                        chinese,
                    },
                )
        },
    )
}

fn day(offset: i32) -> Date {
    Date::from_calendar_date(2020, time::Month::January, 1).unwrap()
        + time::Duration::days(i64::from(offset))
}

/// Renders the province; `zh(i)` says whether construct `i` uses Chinese keywords.
fn render(p: &Province, zh: &dyn Fn(usize) -> bool) -> String {
    let kw = |i: usize, en: &str, cn: &str| if zh(i) { cn.to_owned() } else { en.to_owned() };
    let classes = ["一般", "较大", "特大"];
    let mut out = format!(
        "{} 省甲 {} {{\n",
        kw(0, "region", "区域"),
        kw(0, "province", "省")
    );
    for c in 0..p.counties {
        out += &format!(
            "  {} 县{c} {} {{\n",
            kw(1, "region", "区域"),
            kw(1, "county", "县")
        );
        for t in 0..p.townships[c] {
            out += &format!(
                "    {} 镇{c}x{t} {} {} {{ {} 村{c}x{t} {{ {} 格{c}x{t} }} }}\n",
                kw(2, "township", "乡镇"),
                kw(2, "class", "类别"),
                classes[t % 3],
                kw(2, "village", "村"),
                kw(2, "grid", "网格")
            );
        }
        for d in 0..p.departments {
            out += &format!("    {} 局{d}\n", kw(3, "department", "部门"));
        }
        out += "  }\n";
    }
    out += "}\n";
    let lists = [
        ("enforcement", "行政执法"),
        ("power", "权力"),
        ("service", "政务服务"),
        ("territorial", "属地管理"),
    ];
    let mut codes = Vec::new();
    for c in 0..p.counties {
        for (i, (dept, list)) in p.items.iter().enumerate() {
            let code = format!("C{c}-I{i}");
            let (en_list, zh_list) = lists[*list];
            if *list == 3 {
                out += &format!(
                    "{} {code} \"属地{i}\" {{ {} 县{c}/局{dept} {} [发现, 报告] }}\n",
                    kw(4, "territorial", "属地事项"),
                    kw(4, "primary", "主责"),
                    kw(4, "township", "属地")
                );
            } else {
                out += &format!(
                    "{} {code} \"事项{i}\" {{ {} {} {} 县{c}/局{dept} }}\n",
                    kw(4, "item", "事项"),
                    kw(4, "list", "清单"),
                    if zh(4) { zh_list } else { en_list },
                    kw(4, "holder", "实施主体")
                );
            }
            codes.push((c, code, *list));
        }
    }
    let delegable: Vec<&(usize, String, usize)> =
        codes.iter().filter(|(_, _, list)| *list != 3).collect();
    let target = |c: usize, t: usize, p: &Province, zh: bool| -> String {
        let count = p.townships[c];
        match t % 4 {
            0 | 1 => format!("镇{c}x{}", t % count),
            2 => format!(
                "县{c} {} {}",
                if zh { "类别" } else { "class" },
                classes[t % 3]
            ),
            _ => format!("县{c}"),
        }
    };
    for (i, d) in p.delegations.iter().enumerate() {
        let Some((c, code, _)) = delegable.get(d.item % delegable.len().max(1)) else {
            break;
        };
        let until = d
            .length
            .map(|l| format!(" {} {}", kw(5 + i % 3, "until", "至"), day(d.since + l)))
            .unwrap_or_default();
        let (keyword, extra) = match d.mode {
            0 => (
                kw(5 + i % 3, "grant", "赋权"),
                format!("{} \"决定{i}\"", kw(5 + i % 3, "basis", "依据")),
            ),
            1 => (
                kw(5 + i % 3, "entrust", "委托"),
                format!("{} \"委托书{i}\"", kw(5 + i % 3, "instrument", "委托书")),
            ),
            _ => (
                kw(5 + i % 3, "statutory", "授权"),
                format!("{} \"条例{i}\"", kw(5 + i % 3, "basis", "依据")),
            ),
        };
        out += &format!(
            "{keyword} {code} {} {} {} {}{until} {extra}\n",
            kw(5 + i % 3, "to", "给"),
            target(*c, d.target, p, zh(5 + i % 3)),
            kw(5 + i % 3, "since", "自"),
            day(d.since)
        );
    }
    for (i, (item, t, since)) in p.revocations.iter().enumerate() {
        let Some((c, code, _)) = delegable.get(item % delegable.len().max(1)) else {
            break;
        };
        out += &format!(
            "{} {code} {} {} {} {}\n",
            kw(8 + i % 2, "revoke", "收回"),
            kw(8 + i % 2, "from", "由"),
            target(*c, *t % 2, p, false),
            kw(8 + i % 2, "since", "自"),
            day(*since)
        );
    }
    out += &format!(
        "{} 话题 {{ {} 甲: a | b | c  {} 乙: x | y }}\n",
        kw(10, "topic", "主题"),
        kw(10, "fact", "要素"),
        kw(10, "fact", "要素")
    );
    for (i, (a, b, lead)) in p.scenarios.iter().enumerate() {
        let values = ["a", "b", "c"];
        let overrides = if i > 0 && a == b {
            format!(" {} S0", kw(11, "overrides", "优先于"))
        } else {
            String::new()
        };
        out += &format!(
            "{} S{i} {} 话题{overrides} {{ {} 甲 == {} {} 乙 != {} {} 局{} }}\n",
            kw(11, "scenario", "场景"),
            kw(11, "on", "属于"),
            kw(11, "when", "当"),
            values[*a],
            kw(11, "and", "且"),
            ["x", "y", "x"][*b],
            kw(11, "lead", "牵头"),
            lead % p.departments
        );
    }
    out += &format!(
        "{} S-other {} 话题 {} {{ {} 局0 }}\n",
        kw(12, "scenario", "场景"),
        kw(12, "on", "属于"),
        kw(12, "otherwise", "其他"),
        kw(12, "lead", "牵头")
    );
    out
}

fn compile(text: &str) -> quanze_core::RuleSet {
    let compiled = quanze_dsl::compile_texts(&[("gen.qz".to_owned(), text.to_owned())]);
    match compiled.rules {
        Some(rules) => rules,
        None => panic!(
            "generated text does not compile:\n{text}\n{}",
            quanze_dsl::render::human(&compiled.diagnostics, &compiled.sources, false)
        ),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn generated_rule_sets_answer_every_query(p in province()) {
        let mixed = render(&p, &|i| p.chinese[i % p.chinese.len()]);
        let rules = compile(&mixed);
        let english = compile(&render(&p, &|_| false));
        let chinese = compile(&render(&p, &|_| true));
        prop_assert_eq!(english.decls(), chinese.decls());
        prop_assert_eq!(rules.decls(), english.decls());

        // The formatter keeps the model, in either keyword language, and is idempotent.
        for lang in [None, Some(quanze_dsl::fmt::Lang::Zh), Some(quanze_dsl::fmt::Lang::En)] {
            let options = quanze_dsl::fmt::Options { keywords: lang };
            let formatted = quanze_dsl::fmt::format_text(quanze_core::SourceId(0), &mixed, options).unwrap();
            let reformatted = compile(&formatted);
            prop_assert_eq!(reformatted.decls(), rules.decls());
            let again = quanze_dsl::fmt::format_text(quanze_core::SourceId(0), &formatted, options).unwrap();
            prop_assert_eq!(&again, &formatted);
        }
        // A snapshot round trip gives the same rule set: same hash, same model, same answers.
        let restored = quanze_core::RuleSet::from_bytes(&rules.to_bytes().unwrap()).unwrap();
        prop_assert_eq!(restored.content_hash(), rules.content_hash());
        prop_assert_eq!(restored.decls(), rules.decls());

        let d = rules.decls();
        let mut dates = vec![Date::MIN, Date::MAX, day(0), day(5000)];
        for del in &d.delegations {
            dates.push(del.interval.since);
            dates.extend(del.interval.since.previous_day());
            dates.extend(del.interval.until);
        }
        for r in &d.revocations {
            dates.push(r.since);
            dates.extend(r.since.previous_day());
        }
        dates.sort();
        dates.dedup();
        for i in 0..d.items.len() {
            let item = ItemId::from_index(i);
            for pl in 0..d.places.len() {
                let place = PlaceId::from_index(pl);
                let in_scope = {
                    let county_of = |p: PlaceId| rules.ancestor_at(p, PlaceLevel::County);
                    let holder_county = match &d.items[i].holder {
                        quanze_core::Holder::Unit(u) => county_of(rules.unit(*u).unwrap().seat),
                        _ => None,
                    };
                    holder_county.is_some() && county_of(place) == holder_county
                };
                for date in &dates {
                    let result = query::who_handles_proved(&rules, item, place, *date);
                    if in_scope {
                        prop_assert!(result.is_ok(), "no answer inside the county: {:?}", result);
                    }
                    let Ok((answer, proof)) = result else { continue };
                    prop_assert_eq!(checker::check(&rules, &answer, &proof), Ok(()));
                    prop_assert_eq!(&query::who_handles(&rules, item, place, *date).unwrap(), &answer);
                    prop_assert_eq!(&query::who_handles(&restored, item, place, *date).unwrap(), &answer);
                    if let WhoAnswer::Handled(h) = &answer {
                        let (can, can_proof) = query::can_proved(&rules, h.handler, item, place, *date).unwrap();
                        prop_assert!(can.allowed, "the handler may not act: {:?}", can);
                        prop_assert_eq!(checker::check(&rules, &can, &can_proof), Ok(()));
                    }
                }
            }
        }
        for u in 0..d.units.len() {
            for date in [Date::MIN, Date::MAX, day(1000)] {
                let unit = UnitId::from_index(u);
                if let Ok((answer, proof)) = query::duties_proved(&rules, unit, date) {
                    prop_assert_eq!(checker::check(&rules, &answer, &proof), Ok(()));
                }
                for i in 0..d.items.len() {
                    for pl in 0..d.places.len() {
                        if let Ok((answer, proof)) = query::why_not_proved(&rules, unit, ItemId::from_index(i), PlaceId::from_index(pl), date) {
                            prop_assert_eq!(checker::check(&rules, &answer, &proof), Ok(()));
                        }
                    }
                }
            }
        }
        let topic = rules.lookup_topic("话题").unwrap();
        for a in ["a", "b", "c"] {
            for b in ["x", "y"] {
                for pl in 0..d.places.len() {
                    let facts = vec![("甲".to_owned(), a.to_owned()), ("乙".to_owned(), b.to_owned())];
                    if let Ok((answer, proof)) = query::scenario_proved(&rules, topic, PlaceId::from_index(pl), &facts, Date::MAX) {
                        prop_assert_eq!(checker::check(&rules, &answer, &proof), Ok(()));
                    }
                }
            }
        }
    }
}
