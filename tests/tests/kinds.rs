//! Kinds of townships (乡, 镇, 街道) and villages (村, 社区): read off names or declaring words,
//! and selected exactly by the words that name them, in holders and in delegation targets,
//! through queries with verified proofs, `check` and the formatter in both keyword languages.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "tests fail loudly on purpose"
)]

use quanze_core::answer::{HandleMode, WhoAnswer};
use quanze_core::query::{self, QueryError};
use quanze_core::{checker, Date, PlaceKind, RuleSet, SourceId};
use quanze_dsl::fmt::{format_text, Lang, Options};

const TEXT: &str = r#"区域 宁波市 市 {
  区域 江北区 区 {
    乡镇 甬江街道 类别 特大 { 村 湾头社区 { 网格 湾头一格 } }
    乡镇 慈城镇 类别 特大 { 村 半浦村 { 网格 半浦一格 } }
    乡镇 庄桥街道 类别 一般
    街道 东城 类别 特大
    部门 综合行政执法局
    部门 自然资源和规划局
  }
}
事项 ZJ-001 "农村村民宅基地审批" { 清单 权力 类型 行政许可 实施主体 每个 镇 }
事项 FW-001 "参保登记" { 清单 政务服务 实施主体 每个 乡镇 }
事项 SQ-001 "社区事务受理" { 清单 政务服务 实施主体 每个 社区 }
事项 CF-001 "对随意倾倒建筑垃圾的行政处罚" { 清单 行政执法 类型 行政处罚 实施主体 综合行政执法局 }
事项 CF-002 "对擅自占道的行政处罚" { 清单 行政执法 类型 行政处罚 实施主体 综合行政执法局 }
事项 GH-065 "对未取得乡村建设规划许可证进行建设的处罚" { 清单 行政执法 类型 行政处罚 实施主体 自然资源和规划局 }
赋权 CF-001 给 江北区 特大 街道 自 2023-03-01 依据 "赋权目录"
赋权 CF-002 给 江北区 特大 乡镇 自 2023-03-01 依据 "赋权目录"
赋权 GH-065 给 江北区 镇 自 2023-03-01 依据 "城乡规划法 第65条"
"#;

fn day() -> Date {
    Date::from_calendar_date(2024, time::Month::May, 1).unwrap()
}

fn compile(text: &str) -> (RuleSet, Vec<quanze_core::Diagnostic>) {
    let (rules, diagnostics) = quanze_dsl::compile_str("kinds.qz", text);
    (
        rules.unwrap_or_else(|| panic!("does not compile: {diagnostics:?}")),
        diagnostics,
    )
}

/// Who handles, with the proof verified; `Err` as the engine answers.
fn who(rs: &RuleSet, item: &str, place: &str) -> Result<WhoAnswer, QueryError> {
    let item = rs.lookup_item(item).unwrap();
    let place = rs.lookup_place(place).unwrap();
    let fast = query::who_handles(rs, item, place, day());
    match query::who_handles_proved(rs, item, place, day()) {
        Ok((answer, proof)) => {
            checker::check(rs, &answer, &proof).unwrap();
            assert_eq!(fast.as_ref(), Ok(&answer));
            Ok(answer)
        }
        Err(e) => {
            assert_eq!(fast.as_ref(), Err(&e));
            Err(e)
        }
    }
}

fn handler(rs: &RuleSet, answer: &WhoAnswer) -> (String, HandleMode) {
    match answer {
        WhoAnswer::Handled(h) => (rs.unit(h.handler).unwrap().name.clone(), h.mode),
        other => panic!("expected a handler, got {other:?}"),
    }
}

#[test]
fn kinds_come_from_the_name_or_the_declaring_word() {
    let (rs, _) = compile(TEXT);
    let kind = |name: &str| rs.place(rs.lookup_place(name).unwrap()).unwrap().kind;
    assert_eq!(kind("甬江街道"), Some(PlaceKind::Jiedao));
    assert_eq!(kind("慈城镇"), Some(PlaceKind::Zhen));
    assert_eq!(kind("东城"), Some(PlaceKind::Jiedao), "declared with 街道");
    assert_eq!(kind("湾头社区"), Some(PlaceKind::Shequ));
    assert_eq!(kind("半浦村"), Some(PlaceKind::Cun));
    assert_eq!(kind("江北区"), None);
}

#[test]
fn each_town_is_held_by_towns_only() {
    let (rs, _) = compile(TEXT);
    // 宅基地 approval is held by each 镇: answered for a town, refused for a street.
    assert_eq!(
        handler(&rs, &who(&rs, "ZJ-001", "半浦一格").unwrap()),
        ("慈城镇".to_owned(), HandleMode::Own)
    );
    assert!(matches!(
        who(&rs, "ZJ-001", "湾头一格"),
        Err(QueryError::KindNotHolding { .. })
    ));
    // 乡镇 names the level: every township holds the service item.
    assert_eq!(handler(&rs, &who(&rs, "FW-001", "东城").unwrap()).0, "东城");
    // 社区 names a kind of village.
    assert_eq!(
        handler(&rs, &who(&rs, "SQ-001", "湾头一格").unwrap()).0,
        "湾头社区"
    );
    assert!(who(&rs, "SQ-001", "半浦一格").is_err());
    // The street's duty list does not carry the towns' item; the town's does.
    let street = rs.lookup_unit("甬江街道").unwrap();
    let town = rs.lookup_unit("慈城镇").unwrap();
    let zj = rs.lookup_item("ZJ-001").unwrap();
    for (unit, listed) in [(street, false), (town, true)] {
        let (duties, proof) = query::duties_proved(&rs, unit, day()).unwrap();
        checker::check(&rs, &duties, &proof).unwrap();
        assert_eq!(duties.basic.iter().any(|b| b.item == zj), listed);
    }
}

#[test]
fn a_target_naming_a_kind_reaches_that_kind_only() {
    let (rs, _) = compile(TEXT);
    // 江北区 特大 街道: the 特大 streets, not the 特大 town.
    assert_eq!(
        handler(&rs, &who(&rs, "CF-001", "甬江街道").unwrap()),
        ("甬江街道".to_owned(), HandleMode::Grant)
    );
    assert_eq!(
        handler(&rs, &who(&rs, "CF-001", "东城").unwrap()),
        ("东城".to_owned(), HandleMode::Grant)
    );
    assert_eq!(
        handler(&rs, &who(&rs, "CF-001", "慈城镇").unwrap()),
        ("综合行政执法局".to_owned(), HandleMode::Own)
    );
    assert_eq!(
        handler(&rs, &who(&rs, "CF-001", "庄桥街道").unwrap()).1,
        HandleMode::Own,
        "a 一般 street is not 特大"
    );
    // 江北区 特大 乡镇: every 特大 township.
    assert_eq!(
        handler(&rs, &who(&rs, "CF-002", "慈城镇").unwrap()).1,
        HandleMode::Grant
    );
    // 江北区 镇: a town-only power (城乡规划法 第65条 names 乡、镇) is not answered for a street.
    assert_eq!(
        handler(&rs, &who(&rs, "GH-065", "慈城镇").unwrap()).1,
        HandleMode::Grant
    );
    for street in ["甬江街道", "庄桥街道", "东城"] {
        assert_eq!(
            handler(&rs, &who(&rs, "GH-065", street).unwrap()).1,
            HandleMode::Own
        );
    }
}

#[test]
fn the_formatter_keeps_kind_words_in_both_languages() {
    let (zh, _) = compile(TEXT);
    for lang in [Lang::En, Lang::Zh] {
        let text = format_text(
            SourceId(0),
            TEXT,
            Options {
                keywords: Some(lang),
            },
        )
        .unwrap();
        let (rs, _) = compile(&text);
        assert_eq!(rs.decls(), zh.decls(), "{lang:?}:\n{text}");
        let again = format_text(
            SourceId(0),
            &text,
            Options {
                keywords: Some(lang),
            },
        )
        .unwrap();
        assert_eq!(again, text, "formatting is idempotent");
    }
    let en = format_text(
        SourceId(0),
        TEXT,
        Options {
            keywords: Some(Lang::En),
        },
    )
    .unwrap();
    assert!(en.contains("holder each 镇"), "{en}");
    assert!(en.contains("holder each township"), "{en}");
    assert!(en.contains("to 江北区 class extra-large 街道"), "{en}");
    assert!(en.contains("to 江北区 镇 since"), "{en}");
}

#[test]
fn a_place_of_unknown_kind_is_a_warning_where_kinds_are_selected() {
    let text = TEXT.replace("乡镇 庄桥街道 类别 一般", "乡镇 庄桥 类别 一般");
    let (rs, diagnostics) = compile(&text);
    let warnings: Vec<_> = diagnostics.iter().filter(|d| d.code == "Q0106").collect();
    assert_eq!(warnings.len(), 1, "{diagnostics:?}");
    assert!(warnings[0].message.contains("`庄桥`"));
    assert!(!warnings[0].is_error());
    // It is selected by no kind word, and by the level's words.
    assert_eq!(
        handler(&rs, &who(&rs, "GH-065", "庄桥").unwrap()).1,
        HandleMode::Own
    );
    assert_eq!(handler(&rs, &who(&rs, "FW-001", "庄桥").unwrap()).0, "庄桥");
    // Without any kind selector there is nothing to warn about.
    let plain = "区域 江北区 区 { 乡镇 庄桥 类别 一般 部门 局 }\n";
    let (_, diagnostics) = compile(plain);
    assert!(
        diagnostics.iter().all(|d| d.code != "Q0106"),
        "{diagnostics:?}"
    );
}
