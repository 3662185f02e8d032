//! The analyzer through the rule language: a clean base rule set, and for each check a few lines
//! that trigger it (and nothing else). One helper, one table.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::string_slice,
    reason = "tests fail loudly on purpose"
)]

use quanze_core::Diagnostic;

const BASE: &str = include_str!("analyze/base.qz");

/// Compiles the base with `extra` appended (or with `replace` applied), and returns the findings.
fn findings(extra: &str, replace: Option<(&str, &str)>) -> Vec<Diagnostic> {
    let mut text = BASE.to_owned();
    if let Some((from, to)) = replace {
        assert!(text.contains(from), "base has no `{from}`");
        text = text.replacen(from, to, 1);
    }
    text.push_str(extra);
    let compiled = quanze_dsl::check_texts(&[("base.qz".to_owned(), text)]);
    assert!(
        compiled.rules.is_some(),
        "does not compile:\n{}",
        quanze_dsl::render::human(&compiled.diagnostics, &compiled.sources, false)
    );
    compiled.diagnostics
}

/// Asserts the findings' codes, sorted, and returns them.
fn check(extra: &str, replace: Option<(&str, &str)>, codes: &[&str]) -> Vec<Diagnostic> {
    let found = findings(extra, replace);
    let mut got: Vec<&str> = found.iter().map(|d| d.code).collect();
    got.sort();
    let mut want = codes.to_vec();
    want.sort();
    assert_eq!(
        got,
        want,
        "{}",
        found
            .iter()
            .map(|d| format!("{} {} [{:?}]", d.code, d.message, d.witness))
            .collect::<Vec<_>>()
            .join("\n")
    );
    found
}

#[test]
fn the_base_is_clean() {
    check("", None, &[]);
}

#[test]
fn delegation_checks() {
    // Q0301: from a unit that does not hold the item.
    let d = check(
        "grant QZ-001 from 江北区/住房和城乡建设局 to 甬江街道 since 2024-01-01 basis \"x\"\n",
        None,
        &["Q0301"],
    );
    assert!(d[0].message.contains("does not hold `QZ-001`"));
    assert_eq!(d[0].labels.len(), 1);
    // Q0302: the township that received JC-014 by entrustment delegates it on.
    let d = check(
        "entrust JC-014 from 孔浦街道 to 甬江街道 since 2024-01-01 instrument \"x\"\n",
        None,
        &["Q0302"],
    );
    assert!(d[0]
        .message
        .contains("`孔浦街道` received `JC-014` by entrustment"));
    // Q0303: non-delegable, and held by a stationed agency.
    check(
        "grant GA-001 to 甬江街道 since 2024-01-01 basis \"x\"\n",
        None,
        &["Q0303"],
    );
    check(
        "grant PS-001 to 甬江街道 since 2024-01-01 basis \"x\"\n",
        None,
        &["Q0303"],
    );
    // Q0304: a territorial item.
    check(
        "grant SD-031 to 甬江街道 since 2024-01-01 basis \"x\"\n",
        None,
        &["Q0304"],
    );
    // Q0305: entrusting a coercive measure.
    check(
        "entrust QZ-001 to 孔浦街道 since 2024-01-01 instrument \"x\"\n",
        None,
        &["Q0305"],
    );
    // Q0306 and Q0307: no basis, no instrument.
    check(
        "grant QZ-001 to 甬江街道 since 2024-01-01\n",
        None,
        &["Q0306"],
    );
    check(
        "statutory QZ-001 to 甬江街道 since 2024-01-01\n",
        None,
        &["Q0306"],
    );
    check(
        "entrust JC-014 to 甬江街道 since 2024-01-01\n",
        None,
        &["Q0307"],
    );
    // Q0309: a township of another county.
    let d = check(
        "grant QZ-001 to 姜山镇 since 2024-01-01 basis \"x\"\n",
        None,
        &["Q0309"],
    );
    assert!(d[0]
        .message
        .contains("`宁波市/鄞州区/姜山镇` lies outside `宁波市/江北区`"));
    // Q0311: an enforcement item granted to a township with no team (a warning).
    let d = check(
        "grant QZ-001 to 孔浦街道 since 2024-01-01 basis \"x\"\n",
        None,
        &["Q0311"],
    );
    assert!(!d[0].is_error());
    assert_eq!(d[0].witness.as_deref(), Some("at 孔浦街道"));
}

#[test]
fn the_holder_seated_in_an_entrusted_township_still_delegates_its_own_item() {
    // 受委托组织不得再委托 binds 孔浦街道, not the office that holds the item, even though the
    // office sits in 孔浦街道, which received the item by entrustment.
    check(
        "item ZX-001 \"指挥室的检查事项\" { list 权力 type 行政检查 holder 孔浦街道/综合信息指挥室 }\n\
         entrust ZX-001 to 孔浦街道 since 2023-01-01 instrument \"孔浦〔2023〕1号\"\n\
         entrust ZX-001 to 甬江街道 since 2024-01-01 instrument \"孔浦〔2024〕2号\"\n",
        None,
        &[],
    );
}

#[test]
fn revocation_and_regrant() {
    let revoke = "revoke CF-001 from 甬江街道 since 2025-01-01 basis \"江北区调整通知\"\n";
    // A re-grant on the revoked decision, and one with no decision at all.
    let same = format!(
        "{revoke}grant CF-001 to 甬江街道 since 2025-06-01 basis \"江北区赋权目录（2023）\"\n"
    );
    let d = check(&same, None, &["Q0308"]);
    assert!(d[0]
        .message
        .contains("revoked from `甬江街道` on 2025-01-01"));
    assert_eq!(d[0].labels.len(), 2);
    let none = format!("{revoke}grant CF-001 to 甬江街道 since 2025-06-01\n");
    check(&none, None, &["Q0306", "Q0308"]);
    // A new decision is fine, and so is the revocation alone.
    let new = format!(
        "{revoke}grant CF-001 to 甬江街道 since 2025-06-01 basis \"江北区赋权目录（2025）\"\n"
    );
    check(&new, None, &[]);
    check(revoke, None, &[]);
}

#[test]
fn a_revocation_that_ended_nothing_does_not_make_a_later_grant_a_regrant() {
    // Never delegated to 孔浦街道: the revocation ended nothing there, the grant is a first one.
    check(
        "revoke CF-001 from 孔浦街道 since 2025-01-01 basis \"江北区调整通知\"\n\
         grant CF-001 to 孔浦街道 since 2025-06-01 basis \"江北区赋权目录（2023）\"\n",
        None,
        &["Q0311"],
    );
    // The delegation to 甬江街道 had expired before the revocation date.
    check(
        "revoke CF-001 from 甬江街道 since 2025-01-01 basis \"江北区调整通知\"\n\
         grant CF-001 to 甬江街道 since 2025-06-01 basis \"江北区赋权目录（2023）\"\n",
        Some((
            "grant CF-001 to 甬江街道 since 2023-03-01 basis",
            "grant CF-001 to 甬江街道 since 2023-03-01 until 2024-12-01 basis",
        )),
        &[],
    );
    // Already ended by an earlier revocation: the second one ended nothing, and only the
    // first one's finding stands.
    let d = check(
        "revoke CF-001 from 甬江街道 since 2024-01-01 basis \"第一次调整\"\n\
         revoke CF-001 from 甬江街道 since 2025-01-01 basis \"第二次调整\"\n\
         grant CF-001 to 甬江街道 since 2025-06-01 basis \"江北区赋权目录（2023）\"\n",
        None,
        &["Q0308"],
    );
    assert!(d[0].message.contains("on 2024-01-01"), "{}", d[0].message);
}

#[test]
fn conflicting_delegations_have_a_township_and_dates() {
    // Same specificity, overlapping: the witness is the township and the overlap.
    let d = check(
        "grant CF-001 to 甬江街道 since 2024-01-01 until 2024-06-01 basis \"另一目录\"\n",
        None,
        &["Q0310"],
    );
    assert_eq!(
        d[0].witness.as_deref(),
        Some("at 甬江街道 from 2024-01-01 to 2024-06-01")
    );
    // A more specific target settles it; a revocation before the second begins does too.
    check(
        "grant CF-001 to 江北区 since 2024-01-01 basis \"x\"\n",
        None,
        &["Q0311"],
    );
    check(
        "revoke CF-001 from 甬江街道 since 2023-12-01\ngrant CF-001 to 甬江街道 since 2024-01-01 basis \"新目录\"\n",
        None,
        &[],
    );
    // The mode does not break ties.
    check(
        "entrust CF-001 to 甬江街道 since 2024-01-01 instrument \"x\"\n",
        None,
        &["Q0310"],
    );
}

#[test]
fn territorial_checks() {
    check(
        "territorial SD-040 \"巡查\" { primary 甬江街道 township [发现] }\n",
        None,
        &["Q0401"],
    );
    let d = check(
        "territorial SD-041 \"巡查\" { primary 江北区/综合行政执法局 township [发现, 清淤] }\n",
        None,
        &["Q0402"],
    );
    assert!(d[0].message.contains("`清淤`"));
    assert_eq!(
        d[0].witness.as_deref(),
        Some("`清淤` at 甬江街道, 孔浦街道")
    );
    // A scenario's duties are checked at every township, and the finding points at the word.
    let replace = ("township [发现] }", "township [发现, 清淤] }");
    let d = check("", Some(replace), &["Q0402"]);
    let text = BASE.replacen(replace.0, replace.1, 1);
    assert_eq!(
        &text[d[0].span.start as usize..d[0].span.end as usize],
        "清淤"
    );
}

/// The source text under a diagnostic's primary span, when it points into the base file.
fn under(extra: &str, d: &Diagnostic) -> String {
    let text = format!("{BASE}{extra}");
    text[d.span.start as usize..d.span.end as usize].to_owned()
}

#[test]
fn territorial_findings_point_at_the_primary_clause_and_the_duty_word() {
    // Q0401 points at the clause that lays the main responsibility on the township, not at the
    // item's code.
    let extra = "territorial SD-040 \"巡查\" {\n  township [发现]\n  primary 甬江街道\n}\n";
    let d = check(extra, None, &["Q0401"]);
    assert_eq!(under(extra, &d[0]), "primary 甬江街道");
    // Without a `primary` clause the holder carries the main responsibility: its name is shown.
    let extra = "item SD-042 \"巡查\" { list 属地管理 holder 甬江街道 township [发现] }\n";
    let d = check(extra, None, &["Q0401"]);
    assert_eq!(under(extra, &d[0]), "甬江街道");
    // Q0402 points at the duty word that is not approved, each at its own place.
    let extra = "territorial SD-041 \"巡查\" { primary 江北区/综合行政执法局 township [清淤, 发现, 抽水] }\n";
    let d = check(extra, None, &["Q0402", "Q0402"]);
    let words: Vec<String> = d.iter().map(|d| under(extra, d)).collect();
    assert_eq!(words, ["清淤", "抽水"]);
}

#[test]
fn scenario_gaps_overlaps_and_cycles() {
    // Without the catch-all, the only combination nobody covers is 消纳 on 道路.
    let d = check(
        "",
        Some((
            "scenario CW-99 \"其他\" on 建筑垃圾 otherwise { lead 综合行政执法局 }",
            "",
        )),
        &["Q0501"],
    );
    assert!(
        d[0].message.contains("环节=消纳, 地点=道路"),
        "{}",
        d[0].message
    );
    assert_eq!(
        d[0].witness.as_deref(),
        Some("环节=消纳, 地点=道路 (1 uncovered combination in all)")
    );
    // Without its `overrides`, CW-09 overlaps CW-01 and CW-02 on 河道; each `overrides` settles
    // one of them.
    let d = check(
        "",
        Some(("overrides CW-02, CW-01", "")),
        &["Q0502", "Q0502"],
    );
    assert!(d.iter().any(|d| d.message.contains("`CW-02` and `CW-09`")));
    let d = check(
        "",
        Some(("overrides CW-02, CW-01", "overrides CW-01")),
        &["Q0502"],
    );
    assert!(d[0]
        .message
        .contains("`CW-02` and `CW-09` both apply to 环节=运输, 地点=河道"));
    assert!(d[0]
        .message
        .contains("led by `综合行政执法局` and `水利局`"));
    assert_eq!(d[0].witness.as_deref(), Some("环节=运输, 地点=河道"));
    assert_eq!(d[0].labels.len(), 1);
    // A cycle of overrides.
    let d = check(
        "",
        Some((
            "scenario CW-01 \"工地\" on 建筑垃圾",
            "scenario CW-01 \"工地\" on 建筑垃圾 overrides CW-09",
        )),
        &["Q0503"],
    );
    assert_eq!(d[0].witness.as_deref(), Some("CW-01 → CW-09 → CW-01"));
    // Two catch-alls overlap wherever nothing else is selected.
    check(
        "scenario CW-98 \"其他\" on 建筑垃圾 otherwise { lead 水利局 }\n",
        None,
        &["Q0502"],
    );
}

#[test]
fn scenario_roles_must_exist_in_every_county() {
    // A city's body resolves from every county below it: roles resolve from the place upward.
    check(
        "",
        Some((
            "lead 住房和城乡建设局  township",
            "lead 住房和城乡建设局 assist 宁波海事局  township",
        )),
        &[],
    );
    // Another county's unit does not.
    let d = check(
        "",
        Some((
            "lead 住房和城乡建设局  township",
            "lead 住房和城乡建设局 assist 江北区/公安江北分局  township",
        )),
        &["Q0504"],
    );
    assert!(
        d[0].message
            .contains("`江北区/公安江北分局`, the collaborator of `CW-01`"),
        "{}",
        d[0].message
    );
    let d = check("", Some(("lead 水利局", "lead 公安江北分局")), &["Q0504"]);
    assert_eq!(d[0].witness.as_deref(), Some("at 姜山镇 (鄞州区)"));
    // A topic none of whose roles exists in a county does not serve it: one note, no error.
    let d = check(
        "topic 热线 { fact 类型: 咨询 }\nscenario HL-01 \"咨询\" on 热线 { when 类型 == 咨询  lead 社会治理中心 }\n",
        None,
        &["Q0504"],
    );
    assert_eq!(d[0].severity, quanze_core::Severity::Note);
    assert_eq!(d[0].witness.as_deref(), Some("county `宁波市/鄞州区`"));
}

#[test]
fn undeclared_facts_and_values_are_refused_by_the_language() {
    for (from, to) in [
        ("when 环节 == 运输", "when 阶段 == 运输"),
        ("地点 == 河道", "地点 == 海域"),
    ] {
        let mut text = BASE.to_owned();
        text = text.replacen(from, to, 1);
        let compiled = quanze_dsl::check_texts(&[("base.qz".to_owned(), text)]);
        assert!(compiled.rules.is_none());
        assert!(
            compiled.diagnostics.iter().any(|d| d.code == "Q0101"),
            "{to}"
        );
    }
}

#[test]
fn organisation_checks() {
    let d = check(
        "",
        Some(("      unit 综合信息指挥室 kind office\n    }\n    route", "      unit 综合信息指挥室 kind office\n      unit 党建办 kind office\n      unit 平安办 kind office\n    }\n    route")),
        &["Q0601"],
    );
    assert!(d[0]
        .message
        .contains("`孔浦街道` has 3 offices; a 一般 township may have 2"));
    let d = check(
        "",
        Some((
            "    township 孔浦街道 class 一般 {\n      unit 综合信息指挥室 kind office\n",
            "    township 孔浦街道 class 一般 {\n      unit 党建办 kind office\n",
        )),
        &["Q0602"],
    );
    assert!(d[0]
        .message
        .contains("`孔浦街道` lacks the required office `综合信息指挥室`"));
}

#[test]
fn ladder_checks() {
    check("", Some(("next 重大", "next 特别重大")), &["Q0701"]);
    check(
        "ladder 鄞州 at 鄞州区 { level 微 closes grid }\n",
        None,
        &["Q0701"],
    );
    let d = check(
        "",
        Some((
            "level 重大 closes 社会治理中心",
            "level 重大 closes 社会治理中心 next 小",
        )),
        &["Q0702"],
    );
    assert_eq!(d[0].witness.as_deref(), Some("小 → 大 → 重大 → 小"));
}

#[test]
fn findings_are_deterministic_and_sorted() {
    let extra =
        "grant GA-001 to 甬江街道 since 2024-01-01\nentrust QZ-001 to 孔浦街道 since 2024-01-01\n";
    let a = findings(extra, None);
    let b = findings(extra, None);
    assert_eq!(a, b);
    let positions: Vec<(u32, &str)> = a.iter().map(|d| (d.span.start, d.code)).collect();
    let mut sorted = positions.clone();
    sorted.sort();
    assert_eq!(positions, sorted);
}

#[test]
fn the_ningbo_example_checks_clean() {
    let dir = quanze_tests::workspace().join("rules-examples/ningbo-construction-waste");
    let compiled = quanze_dsl::check_path(&dir);
    assert!(compiled.rules.is_some());
    let shown = quanze_dsl::render::short(&compiled.diagnostics, &compiled.sources);
    assert!(compiled.diagnostics.is_empty(), "{shown}");
}

#[test]
fn a_unit_that_leads_and_assists_one_scenario_is_a_warning_and_holds_both_roles() {
    let replace = (
        "lead 综合行政执法局 }\nscenario CW-09",
        "lead 综合行政执法局  assist 综合行政执法局, 水利局 }\nscenario CW-09",
    );
    let d = check("", Some(replace), &["Q0505"]);
    assert!(!d[0].is_error());
    assert!(
        d[0].message
            .contains("`综合行政执法局` both leads and assists scenario `CW-02`"),
        "{}",
        d[0].message
    );
    assert_eq!(
        d[0].witness, None,
        "the same name written twice needs no county"
    );
    // The duty list of the department shows both roles of CW-02.
    let mut text = BASE.replacen(replace.0, replace.1, 1);
    text.push('\n');
    let compiled = quanze_dsl::compile_str("base.qz", &text);
    let rules = compiled.0.unwrap();
    let unit = match rules.resolve_unit("江北区/综合行政执法局", None) {
        quanze_core::names::Resolution::Found(u) => u,
        other => panic!("{other:?}"),
    };
    let date = time::macros::date!(2024 - 05 - 01);
    let duties = quanze_core::query::duties(&rules, unit, date).unwrap();
    let roles: Vec<_> = duties
        .cooperating
        .iter()
        .filter_map(|c| match c {
            quanze_core::answer::CooperationDuty::Scenario { scenario, role, .. }
                if rules.scenario(*scenario).is_some_and(|s| s.id == "CW-02") =>
            {
                Some(*role)
            }
            _ => None,
        })
        .collect();
    assert_eq!(
        roles,
        vec![
            quanze_core::answer::ScenarioRole::Lead,
            quanze_core::answer::ScenarioRole::Assist
        ]
    );
    let (proved, proof) = quanze_core::query::duties_proved(&rules, unit, date).unwrap();
    assert_eq!(proved, duties);
    quanze_core::checker::check(&rules, &proved, &proof).unwrap();
}

#[test]
fn a_misspelled_reserved_part_is_an_error_with_did_you_mean() {
    let replace = (
        "basis \"《城市建筑垃圾管理规定》第二十六条\"\n}",
        "basis \"《城市建筑垃圾管理规定》第二十六条\"\n  parts [没收较大数额财物, 责令停产停业]\n}",
    );
    check(
        "grant CF-001 to 甬江街道 since 2024-01-01 basis \"另一目录\" reserve [没收较大数额财物]\n",
        Some(replace),
        &["Q0310"],
    );
    let d = check(
        "revoke CF-001 from 甬江街道 since 2024-01-01 basis \"x\"\n\
         grant CF-001 to 甬江街道 since 2024-01-01 basis \"另一目录\" reserve [没收较大数额财产]\n",
        Some(replace),
        &["Q0312"],
    );
    assert_eq!(
        d[0].message,
        "`CF-001` has no part `没收较大数额财产` to reserve"
    );
    assert!(
        d[0].help
            .as_deref()
            .is_some_and(|h| h.contains("did you mean `没收较大数额财物`?")),
        "{:?}",
        d[0].help
    );
}

#[test]
fn an_ambiguous_scenario_names_the_county_government_that_must_designate() {
    let text = BASE.replacen("overrides CW-02, CW-01", "", 1);
    let rules = quanze_dsl::compile_str("base.qz", &text).0.unwrap();
    let topic = rules.lookup_topic("建筑垃圾").unwrap();
    let place = rules.lookup_place("湾头一格").unwrap();
    let facts = vec![
        ("环节".to_owned(), "产生".to_owned()),
        ("地点".to_owned(), "河道".to_owned()),
    ];
    let date = time::macros::date!(2024 - 05 - 01);
    let (answer, proof) =
        quanze_core::query::scenario_proved(&rules, topic, place, &facts, date).unwrap();
    quanze_core::checker::check(&rules, &answer, &proof).unwrap();
    let quanze_core::answer::ScenarioAnswer::Ambiguous { designate, .. } = &answer else {
        panic!("expected an ambiguous answer, got {answer:?}");
    };
    let unit = designate.unit.and_then(|u| rules.unit(u)).unwrap();
    assert_eq!(
        (unit.path.as_str(), unit.kind),
        ("宁波市/江北区", quanze_core::UnitKind::Government)
    );
    let named = quanze_core::view::scenario(&rules, &answer);
    assert_eq!(named["designate"]["unit"], "宁波市/江北区");
}
