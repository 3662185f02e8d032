//! The parser's fast path for plain items builds exactly the trees and diagnostics the grammar
//! does: every `.qz` file of the repository (examples, diagnostic fixtures, fuzz seeds), the
//! generated province, and many mutations of it are parsed both ways and compared, spans
//! included (the trees' `Debug` form shows them; their equality ignores them).

#![allow(
    clippy::unwrap_used,
    clippy::indexing_slicing,
    clippy::string_slice,
    reason = "tests fail loudly"
)]

use quanze_benches::{gen::Size, rng::Rng, text, Province};
use quanze_core::SourceId;
use quanze_dsl::parse::{parse_file, parse_file_by_grammar_only};
use std::path::{Path, PathBuf};

fn same(name: &str, text: &str) {
    let fast = parse_file(SourceId(0), text);
    let slow = parse_file_by_grammar_only(SourceId(0), text);
    assert_eq!(
        format!("{fast:?}"),
        format!("{slow:?}"),
        "the fast path reads `{name}` differently"
    );
}

fn qz_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if path.is_dir() && name != "target" && !name.starts_with('.') {
            qz_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "qz") {
            out.push(path);
        }
    }
}

#[test]
fn every_rule_file_of_the_repository_parses_the_same_both_ways() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut files = Vec::new();
    qz_files(&root, &mut files);
    assert!(files.len() > 30, "found {} files", files.len());
    for file in files {
        if let Ok(text) = std::fs::read_to_string(&file) {
            same(&file.display().to_string(), &text);
        }
    }
}

#[test]
fn the_generated_province_and_its_mutations_parse_the_same_both_ways() {
    let files = text::files(&Province::generate(Size::S, 5));
    for (name, text) in &files {
        same(name, text);
    }
    // Mutations near items: a character deleted, doubled or replaced by one that matters to
    // the grammar (quotes, braces, brackets, slashes, escapes, comments, odd letters).
    let county = &files
        .iter()
        .find(|(n, _)| n.starts_with("counties/"))
        .unwrap()
        .1;
    let first_item = county.find("  item ").unwrap();
    let window = &county[first_item..];
    let window = &window[..window.char_indices().nth(3_000).unwrap().0];
    let inserts = [
        "\"",
        "{",
        "}",
        "[",
        "]",
        ",",
        "/",
        "//",
        "/*",
        "\\",
        "é",
        "　",
        "\n",
        " ",
        "事项",
        "list",
        "holder each 村",
        "each",
        "parts [a,]",
        "basis \"x\"",
        "-",
        "ℵ",
    ];
    let mut rng = Rng::new(9);
    let bounds: Vec<usize> = window.char_indices().map(|(i, _)| i).collect();
    for _ in 0..1_000 {
        let at = bounds[rng.below(bounds.len())];
        let mut mutated = window.to_owned();
        match rng.below(3) {
            0 => {
                mutated.remove(at);
            }
            1 => mutated.insert_str(at, inserts[rng.below(inserts.len())]),
            _ => {
                let c = mutated[at..].chars().next().unwrap();
                mutated.insert(at, c);
            }
        }
        same("a mutated county file", &mutated);
    }
}
