//! The documentation stays true to the code: the language reference's keyword table is the
//! grammar's, its tables of fixed value words are the words the language reads, and every
//! diagnostic code of the language appears in docs/LANGUAGE.md. Each comparison goes both ways:
//! a word added to the code and not to the reference fails, and so does the reverse.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::string_slice,
    reason = "tests fail loudly on purpose"
)]

use quanze_core::{DurationUnit, ListKind, PowerType, TownshipClass, UnitKind};
use quanze_dsl::lower::values::{EXPECT_WORDS, LEVEL_WORDS, NON_DELEGABLE};
use std::collections::{BTreeMap, BTreeSet};

fn read(path: &str) -> String {
    std::fs::read_to_string(quanze_tests::workspace().join(path)).unwrap()
}

/// Words by the value (or keyword) they stand for.
type Words = BTreeMap<String, BTreeSet<String>>;

/// The table under the line `heading` of the reference: each row's first cell (in backticks) and
/// the words in backticks of its English and Chinese cells. Checks that English forms are ASCII
/// and Chinese ones are not, and that no row or word is there twice.
fn doc_table(reference: &str, heading: &str) -> Words {
    let mut lines = reference
        .lines()
        .skip_while(|l| *l != heading)
        .skip(1)
        .skip_while(|l| !l.starts_with('|'));
    let header = lines
        .next()
        .unwrap_or_else(|| panic!("no table under `{heading}`"));
    assert!(
        header.ends_with("| English | Chinese |"),
        "{heading}: {header}"
    );
    let mut table = Words::new();
    for row in lines.skip(1).take_while(|l| l.starts_with('|')) {
        let cells: Vec<&str> = row
            .trim_start_matches('|')
            .trim_end_matches('|')
            .split(" | ")
            .map(str::trim)
            .collect();
        let [key, english, chinese] = cells.as_slice() else {
            panic!("{heading}: a row of {} cells: {row}", cells.len());
        };
        let words = |cell: &str| -> Vec<String> {
            cell.split('`')
                .skip(1)
                .step_by(2)
                .map(str::to_owned)
                .collect()
        };
        let key = key.trim_matches('`').to_owned();
        let (english, chinese) = (words(english), words(chinese));
        assert!(
            !english.is_empty() && !chinese.is_empty(),
            "{heading}: `{key}` lacks a language"
        );
        assert!(
            english.iter().all(|w| w.is_ascii()),
            "{heading}: `{key}`: {english:?}"
        );
        assert!(
            chinese.iter().all(|w| !w.is_ascii()),
            "{heading}: `{key}`: {chinese:?}"
        );
        let all: BTreeSet<String> = english.iter().chain(&chinese).cloned().collect();
        assert_eq!(
            all.len(),
            english.len() + chinese.len(),
            "{heading}: `{key}` repeats a word"
        );
        assert!(
            table.insert(key.clone(), all).is_none(),
            "{heading}: `{key}` twice"
        );
    }
    table
}

/// Asserts the reference's table equals the code's words, naming what is missing on each side.
fn assert_same(heading: &str, code: Words) {
    let reference = read("docs/LANGUAGE.md");
    let doc = doc_table(&reference, heading);
    for (key, words) in &code {
        let Some(documented) = doc.get(key) else {
            panic!("{heading}: `{key}` ({words:?}) is not in docs/LANGUAGE.md");
        };
        let missing: Vec<&String> = words.difference(documented).collect();
        let extra: Vec<&String> = documented.difference(words).collect();
        assert!(
            missing.is_empty(),
            "{heading}: `{key}`: {missing:?} not documented"
        );
        assert!(
            extra.is_empty(),
            "{heading}: `{key}`: {extra:?} documented but not read"
        );
    }
    for key in doc.keys() {
        assert!(
            code.contains_key(key),
            "{heading}: `{key}` documented but not read"
        );
    }
}

fn words<K: Into<String>, W: Into<String>>(pairs: impl IntoIterator<Item = (K, W)>) -> Words {
    let mut out = Words::new();
    for (key, word) in pairs {
        out.entry(key.into()).or_default().insert(word.into());
    }
    out
}

/// The string literals of the grammar rule `rule` (the first line that defines it).
fn grammar_forms(grammar: &str, rule: &str) -> Vec<String> {
    let line = grammar
        .lines()
        .find(|l| l.split_whitespace().next() == Some(rule))
        .unwrap_or_else(|| panic!("no rule `{rule}` in the grammar"));
    let body = line.split_once('=').unwrap().1;
    body.split('"')
        .skip(1)
        .step_by(2)
        .map(str::to_owned)
        .collect()
}

#[test]
fn the_keyword_table_is_the_grammars() {
    let grammar = read("dsl/src/grammar.pest");
    let mut code = Words::new();
    for line in grammar.lines().filter(|l| l.starts_with("kw_")) {
        let rule = line.split_whitespace().next().unwrap();
        let forms = grammar_forms(&grammar, rule);
        let name = rule.trim_start_matches("kw_");
        code.insert(name.to_owned(), forms.into_iter().collect());
    }
    assert!(code.len() > 80, "only {} keyword rules", code.len());
    assert_same("## Keywords", code);
}

#[test]
fn the_tables_of_fixed_words_are_the_words_the_language_reads() {
    let grammar = read("dsl/src/grammar.pest");
    assert_same(
        "### Lists (`list`)",
        words(ListKind::ALL.iter().flat_map(|l| {
            let long = format!("{}事项", l.chinese());
            [
                (l.english(), l.english().to_owned()),
                (l.english(), l.chinese().to_owned()),
                (l.english(), long),
            ]
        })),
    );
    for form in ListKind::ALL.map(|l| format!("{}事项", l.chinese())) {
        assert!(ListKind::from_name(&form).is_some(), "{form}");
    }
    assert_same(
        "### Power types (`type`)",
        words(
            PowerType::ALL
                .iter()
                .flat_map(|p| [(p.english(), p.english()), (p.english(), p.chinese())]),
        ),
    );
    let classes = words(
        TownshipClass::ALL
            .iter()
            .flat_map(|c| [(c.english(), c.english()), (c.english(), c.chinese())]),
    );
    // The grammar spells the class words out for `COUNTY 特大 街道`: the same words.
    let class_words: BTreeSet<String> = grammar_forms(&grammar, "class_word").into_iter().collect();
    assert_eq!(class_words, classes.values().flatten().cloned().collect());
    assert_same("### Township classes (`class`)", classes);
    assert_same(
        "### Unit kinds (`kind`)",
        words(
            UnitKind::ALL
                .iter()
                .flat_map(|k| [(k.english(), k.english()), (k.english(), k.chinese())]),
        ),
    );
    assert_same(
        "### Item flags (`flags`)",
        words(NON_DELEGABLE.iter().map(|w| ("non-delegable", *w))),
    );
    assert_same(
        "### Level words in roles",
        words(LEVEL_WORDS.iter().map(|(w, level)| (level.english(), *w))),
    );
    // Time-limit units: the grammar's `duration` suffixes, each one the model reads.
    let units = grammar_forms(&grammar, "duration")
        .into_iter()
        .map(|suffix| {
            let unit = DurationUnit::from_suffix(&suffix)
                .unwrap_or_else(|| panic!("the model does not read the suffix `{suffix}`"));
            (unit.suffix(), suffix)
        });
    assert_same("### Time-limit units", words(units));
    assert_same(
        "### Expectation words (`expect`)",
        words(EXPECT_WORDS.iter().map(|(w, english)| (*english, *w))),
    );
    assert_same(
        "### Modes (`expect mode`)",
        words(
            quanze_core::testing::MODE_WORDS
                .iter()
                .map(|(w, mode)| (quanze_core::view::mode_name(*mode), *w)),
        ),
    );
}

#[test]
fn every_diagnostic_code_is_in_the_language_reference() {
    let reference = read("docs/LANGUAGE.md");
    for (code, _) in quanze_dsl::codes::ALL {
        assert!(
            reference.contains(&format!("| {code} |")),
            "{code} is not documented"
        );
    }
}
