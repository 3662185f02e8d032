//! The test runner (`quanze_core::testing`) on the Ningbo example, where every expectation
//! holds, and on a file whose expectations fail in each way a drafter meets.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::string_slice,
    reason = "tests fail loudly on purpose"
)]

use quanze_core::testing::{run_tests, Verdict};

/// (test, expectation, (expected, actual) when it failed)
type Line = (String, String, Option<(String, String)>);

#[test]
fn every_expectation_of_the_ningbo_example_holds() {
    let dir = quanze_tests::workspace().join("rules-examples/ningbo-construction-waste");
    let rules = quanze_dsl::compile_path(&dir).rules.unwrap();
    let results = run_tests(&rules);
    assert!(results.len() >= 19, "{} expectations", results.len());
    for r in &results {
        assert!(
            r.passed(),
            "{}: {} → {:?}",
            r.test,
            r.expectation,
            r.verdict
        );
    }
}

#[test]
fn failures_say_what_was_expected_and_what_came() {
    let rules = quanze_tests::compile("failing.qz", include_str!("testing/failing.qz"));
    let results = run_tests(&rules);
    let lines: Vec<Line> = results
        .iter()
        .map(|r| {
            let failure = match &r.verdict {
                Verdict::Passed => None,
                Verdict::Failed { expected, actual } => Some((expected.clone(), actual.clone())),
            };
            (r.test.clone(), r.expectation.clone(), failure)
        })
        .collect();
    let get = |test: &str, expectation: &str| {
        lines
            .iter()
            .find(|(t, e, _)| t == test && e == expectation)
            .unwrap_or_else(|| panic!("no line for {test}: {expectation}"))
            .2
            .clone()
    };
    assert_eq!(get("passes", "handler 甬江街道"), None);
    assert_eq!(get("passes", "mode grant"), None);
    assert_eq!(get("passes", "executor 综合行政执法队"), None);
    assert_eq!(
        get("wrong handler", "handler 甬江街道"),
        Some((
            "宁波市/江北区/甬江街道".to_owned(),
            "宁波市/江北区/综合行政执法局".to_owned()
        ))
    );
    let (_, actual) = get("typo in a unit", "handler 综合行政执法句").unwrap();
    assert!(
        actual.contains("did you mean") && actual.contains("`综合行政执法局`"),
        "{actual}"
    );
    let (_, actual) = get("typo in an item", "handler 甬江街道").unwrap();
    assert!(actual.contains("did you mean `CF-001`"), "{actual}");
    assert_eq!(get("no match", "no-match"), None);
    let (_, actual) = get("no match", "lead 住房和城乡建设局").unwrap();
    assert_eq!(actual, "no-match");
    assert_eq!(get("a query error", "error"), None);
    assert_eq!(
        get("allowed, expected denied", "deny"),
        Some(("deny".to_owned(), "allow".to_owned()))
    );
    assert_eq!(results.iter().filter(|r| r.passed()).count(), 5);
}

#[test]
fn a_name_that_does_not_resolve_is_found_without_running_a_query_and_failures_point_at_it() {
    let text = include_str!("testing/failing.qz");
    let rules = quanze_tests::compile("failing.qz", text);
    let under = |span: quanze_core::Span| &text[span.start as usize..span.end as usize];
    let unresolved = quanze_core::testing::unresolved_names(&rules);
    let found: Vec<(&str, &str)> = unresolved
        .iter()
        .map(|u| (u.test.as_str(), under(u.span)))
        .collect();
    assert_eq!(
        found,
        [
            ("typo in a unit", "综合行政执法句"),
            ("typo in an item", "CF-002")
        ]
    );
    assert!(
        unresolved[0].error.to_string().contains("did you mean"),
        "{:?}",
        unresolved[0].error
    );
    // The runner's failures point at the same names; other failures at their expectation.
    let results = run_tests(&rules);
    let at = |test: &str| {
        let r = results.iter().find(|r| r.test == test).unwrap();
        (under(r.at), under(r.span))
    };
    assert_eq!(
        at("typo in a unit"),
        ("综合行政执法句", "expect handler 综合行政执法句")
    );
    assert_eq!(at("typo in an item"), ("CF-002", "expect handler 甬江街道"));
    assert_eq!(
        at("wrong handler"),
        ("expect handler 甬江街道", "expect handler 甬江街道")
    );
}
