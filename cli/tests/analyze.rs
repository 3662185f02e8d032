//! `quanze check` with the analyzer (exit statuses, SARIF) and `quanze test` as a user meets
//! them.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::string_slice,
    reason = "tests fail loudly on purpose"
)]

use std::path::PathBuf;
use std::process::Output;

mod common;
use common::{quanze, EXAMPLE};

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Writes a one-file rule set into a fresh temporary directory.
fn rule_file(name: &str, text: &str) -> PathBuf {
    let dir =
        std::env::temp_dir().join(format!("quanze-cli-analyze-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join(format!("{name}.qz"));
    std::fs::write(&file, text).unwrap();
    file
}

const TOWN: &str = "region 宁波市 city { region 江北区 county {\n  department 综合行政执法局\n  township 孔浦街道 class 一般\n} }\nitem CF-001 \"处罚\" { list 行政执法 type 行政处罚 holder 综合行政执法局 }\n";

#[test]
fn analyzer_errors_exit_one_and_warnings_alone_exit_zero() {
    let warning = rule_file(
        "warning",
        &format!("{TOWN}grant CF-001 to 孔浦街道 since 2024-01-01 basis \"目录\"\n"),
    );
    let out = quanze(&["check", warning.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(stdout(&out).contains("warning[Q0311]"), "{}", stdout(&out));
    assert!(stdout(&out).contains("0 errors, 1 warning"));

    let error = rule_file(
        "error",
        &format!("{TOWN}grant CF-001 to 孔浦街道 since 2024-01-01\n"),
    );
    let out = quanze(&["check", error.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    assert!(stdout(&out).contains("error[Q0306]"));
    assert!(stdout(&out).contains("witness: `CF-001` to 孔浦街道"));
    assert!(stdout(&out).contains("error.qz:6:1"), "{}", stdout(&out));
}

#[test]
fn sarif_output_is_one_log() {
    let error = rule_file(
        "sarif",
        &format!("{TOWN}grant CF-001 to 孔浦街道 since 2024-01-01\n"),
    );
    let out = quanze(&["check", "--format", "sarif", error.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let log: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(log["version"], "2.1.0");
    let results = log["runs"][0]["results"].as_array().unwrap();
    assert!(results.iter().any(|r| r["ruleId"] == "Q0306"));
    let clean = quanze(&["check", "--format", "sarif", EXAMPLE]);
    assert_eq!(clean.status.code(), Some(0));
    let log: serde_json::Value = serde_json::from_slice(&clean.stdout).unwrap();
    assert_eq!(log["runs"][0]["results"].as_array().unwrap().len(), 0);
}

#[test]
fn test_runs_the_example_and_closes_with_counts() {
    let out = quanze(&["test", EXAMPLE]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let text = stdout(&out);
    let last = text.lines().last().unwrap();
    assert!(last.ends_with(" passed, 0 failed"), "{last}");
    let passed: usize = last.split(' ').next().unwrap().parse().unwrap();
    assert_eq!(
        text.lines().filter(|l| l.starts_with("ok ")).count(),
        passed
    );
}

#[test]
fn failing_expectations_exit_one_with_file_line_and_column() {
    let file = rule_file(
        "failing",
        &format!("{TOWN}test \"区局处罚\" {{\n  who CF-001 at 孔浦街道 on 2024-05-01\n  expect handler 孔浦街道\n  expect handler 综合行政执法局\n}}\n"),
    );
    let out = quanze(&["test", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3, "{text}");
    assert!(lines[0].starts_with("FAILED  区局处罚: handler 孔浦街道 (failing.qz:8:3): expected 宁波市/江北区/孔浦街道, got 宁波市/江北区/综合行政执法局"), "{}", lines[0]);
    assert!(lines[1].starts_with("ok      区局处罚: handler 综合行政执法局"));
    assert_eq!(lines[2], "1 passed, 1 failed");
}
