//! Golden diagnostics: every malformed file in `tests/diagnostics/` is checked as `quanze check`
//! checks it (compiled, then its tests' names resolved and the analyzer run) and its rendering
//! is compared with a snapshot that holds the source above the diagnostics, so a
//! reviewer sees both. Files end in `_en` or `_zh` after their keyword language.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::string_slice,
    reason = "tests fail loudly on purpose"
)]

use std::path::PathBuf;

fn corpus() -> Vec<(String, String)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/diagnostics");
    let mut files: Vec<(String, String)> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "qz"))
        .map(|p| {
            (
                p.file_stem().unwrap().to_string_lossy().into_owned(),
                std::fs::read_to_string(&p).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

fn render(name: &str, text: &str) -> (String, Vec<quanze_core::Diagnostic>, serde_json::Value) {
    let compiled = quanze_dsl::check_texts(&[(format!("{name}.qz"), text.to_owned())]);
    let human = quanze_dsl::render::human(&compiled.diagnostics, &compiled.sources, false);
    let json = quanze_dsl::render::json_value(&compiled.diagnostics, &compiled.sources);
    (human, compiled.diagnostics, json)
}

#[test]
fn every_malformed_file_renders_as_its_snapshot() {
    let files = corpus();
    assert!(files.len() >= 25, "the corpus holds {} files", files.len());
    for lang in ["_en", "_zh"] {
        assert!(
            files.iter().filter(|(n, _)| n.ends_with(lang)).count() >= 10,
            "too few {lang} files"
        );
    }
    for (name, text) in &files {
        let (human, diagnostics, _) = render(name, text);
        assert!(
            diagnostics.iter().any(|d| d.is_error()),
            "{name} gives no error"
        );
        let shown = format!("{text}\n──── quanze check ────\n{human}");
        insta::with_settings!({ snapshot_path => "diagnostics/snapshots", prepend_module_to_snapshot => false, omit_expression => true }, {
            insta::assert_snapshot!(name.as_str(), shown);
        });
    }
}

#[test]
fn every_diagnostic_has_a_code_a_location_and_words_not_rule_names() {
    for (name, text) in corpus() {
        let (human, diagnostics, json) = render(&name, &text);
        for entry in json.as_array().unwrap() {
            assert!(
                entry["code"].as_str().unwrap().starts_with('Q'),
                "{name}: {entry}"
            );
            assert!(entry["line"].as_u64().unwrap() >= 1, "{name}: {entry}");
            assert!(entry["column"].as_u64().unwrap() >= 1, "{name}: {entry}");
            assert_eq!(entry["file"], format!("{name}.qz"));
            for key in [
                "message",
                "severity",
                "end_line",
                "end_column",
                "labels",
                "help",
            ] {
                assert!(entry.get(key).is_some(), "{name} lacks {key}");
            }
        }
        assert!(!diagnostics.is_empty());
        // pest's rule names never reach a drafter.
        for rule in [
            "kw_",
            "deleg_clause",
            "item_clause",
            "name_list",
            "EOI",
            "Rule::",
        ] {
            assert!(!human.contains(rule), "{name} shows `{rule}`:\n{human}");
        }
    }
}

#[test]
fn columns_count_characters_on_chinese_lines() {
    let (_, _, json) = render(
        "t",
        "区域 江北区 县 { 部门 住建局 }\n事项 X1 \"x\" { 清单 权力 实施主体 住建居 }",
    );
    let first = &json[0];
    assert_eq!(
        (first["line"].as_u64(), first["column"].as_u64()),
        (Some(2), Some(24))
    );
    assert_eq!(first["end_column"].as_u64(), Some(27));
    assert_eq!(first["help"], "did you mean `住建局`?");
}

#[test]
fn full_width_punctuation_gets_a_hint_naming_the_ascii_character() {
    for (wide, ascii, text) in [
        ('：', ':', "主题 t { 要素 f： a | b }"),
        ('，', ',', "区域 江北区 县 { 部门 甲 部门 乙 }\n主题 t { 要素 f: a | b }\n场景 s 属于 t { 当 f == a 牵头 甲 协同 甲，乙 }"),
        ('；', ';', "区域 江北区 县 { 部门 甲； }"),
        ('（', '(', "主题 t { 要素 f: a | b }\n场景 s 属于 t { 当 （f == a) }"),
        ('）', ')', "主题 t { 要素 f: a | b }\n场景 s 属于 t { 当 (f == a） }"),
        ('“', '"', "区域 江北区 县 { 部门 甲 }\n事项 X “名称\" { 清单 权力 实施主体 甲 }"),
        ('”', '"', "区域 江北区 县 { 部门 甲 }\n事项 X ”名称\" { 清单 权力 实施主体 甲 }"),
    ] {
        let (_, diagnostics, _) = render("t", text);
        let hint = format!("`{wide}` is a full-width character, as a Chinese input method types it; write the ASCII `{ascii}` instead");
        assert!(diagnostics.iter().any(|d| d.help.as_deref() == Some(hint.as_str())), "no hint for {wide}: {diagnostics:#?}");
    }
}

#[test]
fn several_errors_are_reported_in_one_run() {
    let (_, diagnostics, _) = render(
        "several_errors_en",
        &corpus()
            .into_iter()
            .find(|(n, _)| n == "several_errors_en")
            .unwrap()
            .1,
    );
    assert!(
        diagnostics.iter().filter(|d| d.is_error()).count() >= 4,
        "{diagnostics:#?}"
    );
}

#[test]
fn no_input_derived_from_the_corpus_panics() {
    // Every prefix (by lines) and every single-line deletion of every corpus file and example.
    let mut inputs: Vec<String> = corpus().into_iter().map(|(_, t)| t).collect();
    let examples = quanze_tests::workspace().join("rules-examples");
    for set in std::fs::read_dir(examples).unwrap() {
        for file in std::fs::read_dir(set.unwrap().path()).unwrap() {
            let path = file.unwrap().path();
            if path.extension().is_some_and(|e| e == "qz") {
                inputs.push(std::fs::read_to_string(path).unwrap());
            }
        }
    }
    let survives = |candidate: &str| {
        let outcome = std::panic::catch_unwind(|| quanze_dsl::compile_str("x.qz", candidate));
        assert!(outcome.is_ok(), "panicked on:\n{candidate}");
    };
    for text in inputs {
        let lines: Vec<&str> = text.lines().collect();
        // Every line of a short file; a spread of lines of a long one (the sweep stays quick).
        let stride = (lines.len() / 40).max(1);
        for i in (0..=lines.len()).step_by(stride) {
            survives(&lines[..i].join("\n"));
            survives(
                &lines
                    .iter()
                    .enumerate()
                    .filter(|(j, _)| *j != i)
                    .map(|(_, l)| *l)
                    .collect::<Vec<_>>()
                    .join("\n"),
            );
        }
        survives(&format!("{text}{}", "(".repeat(100_000)));
        survives(&format!("{text}\n@@@ garbage ###"));
    }
}
