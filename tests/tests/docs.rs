//! The documentation stays true to the code: every keyword form of the grammar and every
//! diagnostic code of the language appears in docs/LANGUAGE.md.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::string_slice,
    reason = "tests fail loudly on purpose"
)]

fn read(path: &str) -> String {
    std::fs::read_to_string(quanze_tests::workspace().join(path)).unwrap()
}

#[test]
fn every_keyword_form_is_in_the_language_reference() {
    let grammar = read("dsl/src/grammar.pest");
    let reference = read("docs/LANGUAGE.md");
    let mut checked = 0;
    for line in grammar.lines().filter(|l| l.starts_with("kw_")) {
        let name = line
            .split_whitespace()
            .next()
            .unwrap()
            .trim_start_matches("kw_");
        let row = reference
            .lines()
            .find(|l| l.starts_with(&format!("| `{name}` |")))
            .unwrap_or_else(|| panic!("no row for keyword `{name}`"));
        for form in line.split('"').skip(1).step_by(2) {
            assert!(
                row.contains(&format!("`{form}`")),
                "keyword `{name}`: form `{form}` missing from its row"
            );
            checked += 1;
        }
    }
    assert!(checked > 150, "only {checked} keyword forms found");
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
