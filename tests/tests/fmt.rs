//! The formatter over every example and the keyword files: idempotent, semantics kept
//! (formatted rule sets compile to equal declarations), comments kept, and keyword
//! translation that turns the English file into a model equal to the Chinese one and back.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::string_slice,
    reason = "tests fail loudly on purpose"
)]

use quanze_core::{Decls, SourceId};
use quanze_dsl::fmt::{format_text, Lang, Options};
use quanze_tests::workspace;
use std::path::PathBuf;

fn fmt(text: &str, keywords: Option<Lang>) -> String {
    format_text(SourceId(0), text, Options { keywords }).unwrap_or_else(|d| {
        panic!("not formatted: {d:?}");
    })
}

fn decls(files: &[(String, String)]) -> Decls {
    let compiled = quanze_dsl::compile_texts(files);
    match compiled.rules {
        Some(rules) => rules.decls().clone(),
        None => panic!(
            "does not compile:\n{}",
            quanze_dsl::render::human(&compiled.diagnostics, &compiled.sources, false)
        ),
    }
}

/// Every example rule set: (directory, its files in compile order).
fn examples() -> Vec<(PathBuf, Vec<(String, String)>)> {
    let root = workspace().join("rules-examples");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    dirs.into_iter()
        .map(|dir| {
            let (files, problems) = quanze_dsl::load::rule_files(&dir).unwrap();
            assert!(problems.is_empty(), "{problems:?}");
            let base = dir.canonicalize().unwrap();
            let texts = files
                .iter()
                .map(|f| {
                    let name = f.strip_prefix(&base).unwrap().display().to_string();
                    (name, std::fs::read_to_string(f).unwrap())
                })
                .collect();
            (dir, texts)
        })
        .collect()
}

fn keyword_file(lang: &str) -> String {
    std::fs::read_to_string(workspace().join(format!("tests/tests/keywords/{lang}.qz"))).unwrap()
}

/// The comments of a text, trimmed, in order.
fn comments(text: &str) -> Vec<String> {
    let (file, _) = quanze_dsl::parse::parse_file(SourceId(0), text);
    file.comments
        .iter()
        .map(|c| c.text.trim_end().to_owned())
        .collect()
}

/// Formats each file; checks idempotence and kept comments; returns the formatted files.
fn format_all(files: &[(String, String)], keywords: Option<Lang>) -> Vec<(String, String)> {
    files
        .iter()
        .map(|(name, text)| {
            let once = fmt(text, keywords);
            let twice = fmt(&once, keywords);
            assert_eq!(once, twice, "{name}: formatting twice differs from once");
            // Without translation, formatting again in the file's own language changes nothing.
            assert_eq!(
                fmt(&once, None),
                once,
                "{name}: not stable without --keywords"
            );
            assert_eq!(comments(text), comments(&once), "{name}: comments changed");
            (name.clone(), once)
        })
        .collect()
}

#[test]
fn examples_are_already_formatted() {
    for (dir, files) in examples() {
        for (name, text) in &files {
            assert_eq!(
                &fmt(text, None),
                text,
                "{}/{name} is not formatted: run `quanze fmt {}`",
                dir.display(),
                dir.display()
            );
        }
    }
}

#[test]
fn formatting_examples_keeps_the_model_in_every_keyword_language() {
    for (dir, files) in examples() {
        let original = decls(&files);
        for keywords in [None, Some(Lang::En), Some(Lang::Zh)] {
            let formatted = format_all(&files, keywords);
            assert_eq!(
                decls(&formatted),
                original,
                "{} formatted with {keywords:?} compiles to another model",
                dir.display()
            );
        }
    }
}

#[test]
fn keyword_files_translate_into_each_other() {
    let en = keyword_file("en");
    let zh = keyword_file("zh");
    let en_model = decls(&[("en.qz".into(), en.clone())]);
    let zh_model = decls(&[("zh.qz".into(), zh.clone())]);
    for (name, text) in [("en.qz", &en), ("zh.qz", &zh)] {
        for keywords in [None, Some(Lang::En), Some(Lang::Zh)] {
            let formatted = format_all(&[(name.into(), text.clone())], keywords);
            let model = decls(&formatted);
            assert_eq!(model, en_model, "{name} with {keywords:?}");
            assert_eq!(model, zh_model, "{name} with {keywords:?}");
        }
    }
    // Translated, the English file uses Chinese keywords only (and the other way round).
    let as_zh = fmt(&en, Some(Lang::Zh));
    for word in [
        "region ",
        "item ",
        "grant ",
        "scenario ",
        "expect ",
        "kind ",
    ] {
        assert!(!as_zh.contains(word), "`{word}` left in:\n{as_zh}");
    }
    let as_en = fmt(&zh, Some(Lang::En));
    for word in ["区域 ", "事项 ", "赋权 ", "场景 ", "期望 ", "种类 "] {
        assert!(!as_en.contains(word), "`{word}` left in:\n{as_en}");
    }
    // Translating there and back is formatting in place.
    assert_eq!(fmt(&as_zh, Some(Lang::En)), fmt(&en, Some(Lang::En)));
}

#[test]
fn a_file_with_syntax_errors_is_not_formatted() {
    let broken = "department 住建局\nitem X { list 行政执法 holder }\n";
    let errors = format_text(SourceId(0), broken, Options::default()).unwrap_err();
    assert!(errors.iter().any(|d| d.code == "Q0001"), "{errors:?}");
    let repeated = "item X { list 行政执法 list 权力 holder A }\n";
    let errors = format_text(SourceId(0), repeated, Options::default()).unwrap_err();
    assert!(errors.iter().any(|d| d.code == "Q0204"), "{errors:?}");
}
