//! `quanze check --format sarif`: the log has every field SARIF 2.1.0 requires, and its
//! locations agree with the diagnostics (1-based lines, columns counted in characters).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::string_slice,
    reason = "tests fail loudly on purpose"
)]

use serde_json::Value;

const TEXT: &str = "region 宁波市 city {\n  region 江北区 county {\n    department 综合行政执法局\n    department 住房和城乡建设局\n    township 孔浦街道 class 一般\n  }\n}\nitem CF-001 \"处罚\" { list 行政执法 type 行政处罚 holder 综合行政执法局 }\nitem JC-014 \"检查\" { list 行政执法 type 行政检查 holder 住房和城乡建设局 }\ngrant CF-001 to 孔浦街道 since 2024-01-01\nentrust JC-014 from 综合行政执法局 to 孔浦街道 since 2024-01-01 instrument \"x\"\n";

fn log() -> (Value, Vec<quanze_core::Diagnostic>) {
    let compiled = quanze_dsl::check_texts(&[("规则/赋权.qz".to_owned(), TEXT.to_owned())]);
    assert!(compiled.rules.is_some());
    let value = quanze_dsl::sarif::sarif_value(&compiled.diagnostics, &compiled.sources);
    (value, compiled.diagnostics)
}

fn text<'a>(v: &'a Value, pointer: &str) -> &'a str {
    v.pointer(pointer)
        .and_then(Value::as_str)
        .unwrap_or_else(|| panic!("no string at {pointer} in {v}"))
}

fn positive(v: &Value, pointer: &str) -> u64 {
    let n = v.pointer(pointer).and_then(Value::as_u64).unwrap_or(0);
    assert!(n >= 1, "{pointer} must be a positive integer in {v}");
    n
}

#[test]
fn the_log_has_the_required_fields_of_sarif_2_1_0() {
    let (log, diagnostics) = log();
    assert_eq!(text(&log, "/version"), "2.1.0");
    assert!(text(&log, "/$schema").contains("sarif-2.1.0"));
    let runs = log["runs"].as_array().unwrap();
    assert_eq!(runs.len(), 1);
    let run = &runs[0];
    assert_eq!(text(run, "/tool/driver/name"), "quanze");
    let rules = run
        .pointer("/tool/driver/rules")
        .and_then(Value::as_array)
        .unwrap();
    let ids: Vec<&str> = rules.iter().map(|r| text(r, "/id")).collect();
    for check in quanze_core::analyze::checks() {
        assert!(
            ids.contains(&check.code),
            "{} is not among the rules",
            check.code
        );
    }
    for rule in rules {
        assert!(!text(rule, "/shortDescription/text").is_empty());
        assert!(!text(rule, "/help/text").is_empty());
    }
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), diagnostics.len());
    assert!(results.len() >= 3, "{results:?}");
    for (result, d) in results.iter().zip(&diagnostics) {
        let id = text(result, "/ruleId");
        assert_eq!(id, d.code);
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(text(&rules[index], "/id"), id);
        assert!(["error", "warning", "note"].contains(&text(result, "/level")));
        assert!(text(result, "/message/text").starts_with(&d.message));
        let location = &result["locations"][0]["physicalLocation"];
        // Relative, percent-encoded: 规则/赋权.qz.
        assert_eq!(
            text(location, "/artifactLocation/uri"),
            "%E8%A7%84%E5%88%99/%E8%B5%8B%E6%9D%83.qz"
        );
        let start = positive(location, "/region/startLine");
        let end = positive(location, "/region/endLine");
        assert!(end >= start);
        positive(location, "/region/startColumn");
        positive(location, "/region/endColumn");
        let related = result["relatedLocations"].as_array().map_or(0, Vec::len);
        assert_eq!(related, d.labels.len());
    }
}

#[test]
fn locations_count_lines_and_characters() {
    let (log, _) = log();
    let results = log["runs"][0]["results"].as_array().unwrap();
    // The grant without a basis (line 10) is reported by Q0306 and Q0311.
    let grant = results.iter().find(|r| r["ruleId"] == "Q0306").unwrap();
    let region = &grant["locations"][0]["physicalLocation"]["region"];
    assert_eq!(region["startLine"], 10);
    assert_eq!(region["startColumn"], 1);
    // The entrustment from a non-holder points at the item with a related location.
    let from = results.iter().find(|r| r["ruleId"] == "Q0301").unwrap();
    assert_eq!(
        from["locations"][0]["physicalLocation"]["region"]["startLine"],
        11
    );
    let related = &from["relatedLocations"][0];
    assert_eq!(related["physicalLocation"]["region"]["startLine"], 9);
    assert!(text(related, "/message/text").contains("is held by"));
    assert_eq!(log["runs"][0]["columnKind"], "unicodeCodePoints");
}
