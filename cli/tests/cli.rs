//! The `quanze` binary as a user meets it: exit statuses, help, JSON, queries with proofs,
//! `verify`, and robustness against mutated rule files.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::string_slice,
    reason = "tests fail loudly on purpose"
)]

use std::path::{Path, PathBuf};
use std::process::Output;

mod common;
use common::{ask_readme_question, quanze, root, EXAMPLE};

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

#[test]
fn check_exits_zero_on_a_clean_rule_set() {
    let out = quanze(&["check", EXAMPLE]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert!(text(&out).contains("0 errors"));
}

#[test]
fn check_exits_one_with_located_errors() {
    let out = quanze(&["check", "tests/tests/diagnostics/several_errors_en.qz"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out).contains("several_errors_en.qz:2:20"),
        "{}",
        text(&out)
    );
}

#[test]
fn deny_warnings_makes_a_warning_fail_check() {
    // A topic with one value no scenario covers: a warning (Q0501), no error.
    let dir = tempdir();
    let file = dir.join("gap.qz");
    std::fs::write(
        &file,
        "region 江北区 county { department 住建局 }\n\
         topic 建筑垃圾 { fact 环节: 产生 | 运输 }\n\
         scenario CW-01 on 建筑垃圾 { when 环节 == 产生 lead 住建局 }\n",
    )
    .unwrap();
    let file = file.to_str().unwrap();
    let lenient = quanze(&["check", file]);
    assert_eq!(lenient.status.code(), Some(0), "{}", text(&lenient));
    assert!(
        text(&lenient).contains("0 errors, 1 warning"),
        "{}",
        text(&lenient)
    );
    for format in ["human", "json", "sarif"] {
        let strict = quanze(&["check", file, "--deny-warnings", "--format", format]);
        assert_eq!(strict.status.code(), Some(1), "{format}: {}", text(&strict));
    }
    // Without warnings the flag changes nothing.
    let clean = quanze(&["check", EXAMPLE, "--deny-warnings"]);
    assert_eq!(clean.status.code(), Some(0), "{}", text(&clean));
    // The flag is documented in the command's help.
    assert!(text(&quanze(&["check", "--help"])).contains("--deny-warnings"));
}

#[test]
fn usage_errors_exit_two() {
    assert_eq!(quanze(&["check"]).status.code(), Some(2));
    assert_eq!(quanze(&["frobnicate"]).status.code(), Some(2));
    assert_eq!(
        quanze(&["check", EXAMPLE, "--format", "yaml"])
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn help_and_version() {
    let help = quanze(&["--help"]);
    assert_eq!(help.status.code(), Some(0));
    for command in [
        "check", "who", "can", "why-not", "scenario", "escalate", "duties", "accept", "verify",
    ] {
        assert!(text(&help).contains(command), "help lacks {command}");
    }
    assert!(text(&quanze(&["who", "--help"])).contains("--item"));
    let version = quanze(&["--version"]);
    assert!(text(&version).starts_with(&format!("quanze {}", env!("CARGO_PKG_VERSION"))));
}

#[test]
fn json_diagnostics_carry_every_field() {
    let out = quanze(&[
        "check",
        "tests/tests/diagnostics/unknown_unit_did_you_mean_zh.qz",
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let first = &value[0];
    assert_eq!(first["code"], "Q0101");
    assert_eq!(first["severity"], "error");
    assert_eq!(
        (first["line"].as_u64(), first["column"].as_u64()),
        (Some(2), Some(24))
    );
    for key in [
        "message",
        "file",
        "end_line",
        "end_column",
        "labels",
        "help",
    ] {
        assert!(first.get(key).is_some(), "missing {key}");
    }
}

#[test]
fn the_readme_main_command_answers_with_a_proof() {
    let out = ask_readme_question(EXAMPLE, &["--proof"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let shown = text(&out);
    assert!(shown.contains("handler: 宁波市/江北区/甬江街道"), "{shown}");
    assert!(shown.contains("mode: grant"));
    assert!(
        shown.contains("[by_delegation]") && shown.contains("delegations.qz:"),
        "{shown}"
    );
}

#[test]
fn unknown_names_are_refused_with_a_suggestion() {
    let out = quanze(&[
        "who",
        EXAMPLE,
        "--item",
        "330205-CF-001",
        "--place",
        "慈城",
        "--date",
        "2024-05-01",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out).contains("did you mean `慈城镇`?"),
        "{}",
        text(&out)
    );
    let bad_date = quanze(&[
        "who",
        EXAMPLE,
        "--item",
        "330205-CF-001",
        "--place",
        "慈城镇",
        "--date",
        "2024-02-30",
    ]);
    assert_eq!(bad_date.status.code(), Some(1));
}

#[test]
fn a_date_with_a_short_year_is_refused_not_read_as_the_year_24() {
    for date in ["24-05-01", "2024-5-1", "+2024-05-01"] {
        let out = ask_who_on(date);
        assert_eq!(out.status.code(), Some(1), "{date}: {}", text(&out));
        assert!(
            text(&out).contains(&format!("`{date}` is not a valid date; write YYYY-MM-DD")),
            "{date}: {}",
            text(&out)
        );
        assert!(out.stdout.is_empty(), "{date}: an answer was printed");
    }
}

#[test]
fn check_reports_a_misspelt_name_in_a_test_block_at_its_line_and_column() {
    let fixture = "tests/tests/diagnostics/test_unknown_names_zh.qz";
    let check = quanze(&["check", fixture]);
    assert_eq!(check.status.code(), Some(1), "{}", text(&check));
    for (at, help) in [
        ("13:9", "did you mean `综合行政执法局`?"),
        ("16:19", "did you mean `CF-001`?"),
        ("16:28", "did you mean `甬江街道`?"),
        ("18:6", "did you mean `建筑垃圾`?"),
        ("19:9", "did you mean one of `CW-01`, `CW-99`?"),
    ] {
        let located = format!("test_unknown_names_zh.qz:{at}");
        assert!(
            text(&check).contains(&located),
            "no {located}:\n{}",
            text(&check)
        );
        assert!(
            text(&check).contains(help),
            "no `{help}`:\n{}",
            text(&check)
        );
    }
    // `quanze test` fails the same expectations at the same places, and runs the others.
    let test = quanze(&["test", fixture]);
    assert_eq!(test.status.code(), Some(1), "{}", text(&test));
    let out = text(&test);
    assert!(
        out.contains("FAILED  单位拼错: handler 综合行政执法句 (test_unknown_names_zh.qz:13:9)"),
        "{out}"
    );
    assert!(out.contains("(test_unknown_names_zh.qz:16:19)"), "{out}");
    assert!(out.contains("ok      单位拼错: mode 自有"), "{out}");
    assert!(
        out.contains("ok      无误: handler 综合行政执法局"),
        "{out}"
    );
    assert!(out.contains("2 passed, 3 failed"), "{out}");
}

/// The README's question on another date.
fn ask_who_on(date: &str) -> Output {
    quanze(&[
        "who",
        EXAMPLE,
        "--item",
        "330205-CF-001",
        "--place",
        "甬江街道",
        "--date",
        date,
    ])
}

#[test]
fn verify_accepts_an_engine_proof_and_refuses_a_tampered_one() {
    let dir = tempdir();
    let queries: Vec<Vec<&str>> = vec![
        vec![
            "who",
            EXAMPLE,
            "--item",
            "330205-JC-014",
            "--place",
            "慈城镇",
            "--date",
            "2024-05-01",
        ],
        vec![
            "can",
            EXAMPLE,
            "--unit",
            "综合行政执法局",
            "--item",
            "330205-CF-001",
            "--place",
            "甬江街道",
            "--date",
            "2024-05-01",
        ],
        vec![
            "why-not",
            EXAMPLE,
            "--unit",
            "孔浦街道",
            "--item",
            "330205-CF-001",
            "--place",
            "孔浦街道",
            "--date",
            "2024-05-01",
        ],
        vec![
            "scenario",
            EXAMPLE,
            "--topic",
            "建筑垃圾",
            "--place",
            "半浦村",
            "--fact",
            "环节=运输",
            "--fact",
            "地点=城市道路",
            "--fact",
            "载体=核准车辆",
            "--fact",
            "成分=一般建筑垃圾",
            "--date",
            "2024-05-01",
        ],
        vec![
            "escalate",
            EXAMPLE,
            "--place",
            "半浦一格",
            "--severity",
            "重大",
            "--topic",
            "建筑垃圾",
            "--date",
            "2024-05-01",
        ],
        vec![
            "duties",
            EXAMPLE,
            "--unit",
            "甬江街道",
            "--date",
            "2024-05-01",
        ],
    ];
    for (i, args) in queries.iter().enumerate() {
        let mut with_json = args.clone();
        with_json.push("--json");
        let out = quanze(&with_json);
        assert_eq!(out.status.code(), Some(0), "{}", text(&out));
        let document: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert!(
            document["named"].is_object() && document["proof"]["receipt"]["rule_set"].is_string()
        );
        let good = dir.join(format!("good{i}.json"));
        std::fs::write(&good, &out.stdout).unwrap();
        let verified = quanze(&["verify", EXAMPLE, good.to_str().unwrap()]);
        assert_eq!(
            verified.status.code(),
            Some(0),
            "{}: {}",
            args[0],
            text(&verified)
        );
        // Change the date of the receipt only: the proof no longer answers its query.
        let mut tampered = document.clone();
        let query = tampered["proof"]["receipt"]["query"]
            .as_object_mut()
            .unwrap();
        let (_, args_of_query) = query.iter_mut().next().unwrap();
        args_of_query["date"] = serde_json::Value::String("2024-05-02".into());
        let bad = dir.join(format!("bad{i}.json"));
        std::fs::write(&bad, serde_json::to_vec(&tampered).unwrap()).unwrap();
        let refused = quanze(&["verify", EXAMPLE, bad.to_str().unwrap()]);
        assert_eq!(
            refused.status.code(),
            Some(1),
            "{}: {}",
            args[0],
            text(&refused)
        );
        assert!(text(&refused).contains("proof refused"));
    }
}

fn tempdir() -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "quanze-cli-test-{}-{}",
        std::process::id(),
        rand_suffix()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn rand_suffix() -> u128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos()
}

/// Copies the example into a fresh directory with one file replaced.
fn mutated(file: &str, content: &str) -> PathBuf {
    let dir = tempdir();
    for entry in std::fs::read_dir(root().join(EXAMPLE)).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "qz") {
            std::fs::copy(&path, dir.join(path.file_name().unwrap())).unwrap();
        }
    }
    std::fs::write(dir.join(file), content).unwrap();
    dir
}

fn assert_located_error(dir: &Path, what: &str) {
    let out = quanze(&["check", dir.to_str().unwrap()]);
    let shown = text(&out);
    assert_eq!(out.status.code(), Some(1), "{what}: {shown}");
    let located = shown.lines().any(|l| {
        l.contains(".qz:")
            && l.split(".qz:").nth(1).is_some_and(|rest| {
                rest.split(':')
                    .take(2)
                    .all(|n| n.trim().parse::<u32>().is_ok())
            })
    });
    assert!(located, "{what}: no file.qz:line:column in\n{shown}");
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn mutated_examples_give_located_errors_never_a_crash() {
    let files = [
        "regions.qz",
        "items.qz",
        "delegations.qz",
        "scenarios.qz",
        "escalation.qz",
        "tests.qz",
    ];
    for file in files {
        let original = std::fs::read_to_string(root().join(EXAMPLE).join(file)).unwrap();
        // One of each ASCII character, outside strings and comments, swapped for its full-width form.
        for (ascii, wide) in [(':', '：'), (',', '，'), ('(', '（'), ('"', '“')] {
            let position = original
                .lines()
                .scan(0usize, |offset, line| {
                    let start = *offset;
                    *offset += line.len() + 1;
                    Some((start, line))
                })
                .filter(|(_, line)| !line.trim_start().starts_with("//"))
                .find_map(|(start, line)| {
                    let code = line.split("//").next().unwrap();
                    let mut in_string = false;
                    code.char_indices().find_map(|(i, c)| {
                        if c == '"' && ascii != '"' {
                            in_string = !in_string;
                        }
                        (c == ascii && !in_string).then_some(start + i)
                    })
                });
            if let Some(at) = position {
                let swapped = format!("{}{wide}{}", &original[..at], &original[at + 1..]);
                assert_located_error(
                    &mutated(file, &swapped),
                    &format!("{file}: {ascii} → {wide}"),
                );
            }
        }
        assert_located_error(
            &mutated(file, &format!("{original}\n@@@ garbage ###")),
            &format!("{file}: garbage"),
        );
        assert_located_error(
            &mutated(file, &format!("{original}{}", "(".repeat(100_000))),
            &format!("{file}: parens"),
        );
        // Truncations and deletions may leave a valid file; they must never crash.
        for cut in [
            original.len() / 3,
            original.len() / 2,
            original.len() * 3 / 4,
        ] {
            let cut = (0..=cut)
                .rev()
                .find(|i| original.is_char_boundary(*i))
                .unwrap();
            let dir = mutated(file, &original[..cut]);
            let code = quanze(&["check", dir.to_str().unwrap()]).status.code();
            assert!(
                matches!(code, Some(0 | 1)),
                "{file} cut at {cut}: exit {code:?}"
            );
        }
    }
}

#[test]
fn queries_refuse_a_rule_set_with_a_syntax_error() {
    let out = quanze(&[
        "who",
        "fuzz/regressions/rule_text/full-width-semicolon-swallowed-brace.qz",
        "--item",
        "X",
        "--place",
        "江北区",
        "--date",
        "2024-05-01",
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(text(&out).contains("error(s)"), "{}", text(&out));
}
