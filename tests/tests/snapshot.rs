//! The compiled snapshot of a real rule set: it loads to the same content hash, the same model,
//! and the same answers and proofs for every item at every place.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::string_slice,
    reason = "tests fail loudly on purpose"
)]

use quanze_core::{query, Date, ItemId, PlaceId, RuleSet, SnapshotError};
use std::path::Path;

fn example() -> RuleSet {
    let dir =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../rules-examples/ningbo-construction-waste");
    quanze_dsl::compile_path(&dir).rules.unwrap()
}

#[test]
fn the_example_round_trips_with_equal_answers_and_proofs() {
    let original = example();
    let bytes = original.to_bytes().unwrap();
    let loaded = RuleSet::from_bytes(&bytes).unwrap();
    assert_eq!(loaded.content_hash(), original.content_hash());
    assert_eq!(loaded.decls(), original.decls());
    let dates = [
        Date::from_calendar_date(2022, time::Month::January, 1).unwrap(),
        Date::from_calendar_date(2024, time::Month::May, 1).unwrap(),
        Date::from_calendar_date(2025, time::Month::March, 1).unwrap(),
    ];
    let mut answered = 0;
    for i in 0..original.decls().items.len() {
        for p in 0..original.decls().places.len() {
            for date in dates {
                let (item, place) = (ItemId::from_index(i), PlaceId::from_index(p));
                let a = query::who_handles_proved(&original, item, place, date);
                let b = query::who_handles_proved(&loaded, item, place, date);
                assert_eq!(a, b);
                if let Ok((answer, proof)) = b {
                    quanze_core::checker::check(&original, &answer, &proof).unwrap();
                    answered += 1;
                }
            }
        }
    }
    assert!(answered > 100, "only {answered} answers");
}

fn source_text(rules: &RuleSet, span: quanze_core::Span) -> &str {
    let file = rules.sources().get(span.source).unwrap();
    &file.text[span.start as usize..span.end as usize]
}

#[test]
fn the_spans_of_territorial_clauses_survive_a_round_trip() {
    let original = example();
    let loaded = RuleSet::from_bytes(&original.to_bytes().unwrap()).unwrap();
    let mut seen = 0;
    for (a, b) in original.decls().items.iter().zip(&loaded.decls().items) {
        let (Some(a), Some(b)) = (&a.territorial, &b.territorial) else {
            continue;
        };
        let text = source_text(&original, a.primary_span);
        assert!(
            text.starts_with("primary ") || text.starts_with("主责 "),
            "{text}"
        );
        assert!(a.primary_span.same_location(&b.primary_span));
        assert_eq!(a.duty_spans.len(), a.township_duties.len());
        for ((duty, x), y) in a
            .township_duties
            .iter()
            .zip(&a.duty_spans)
            .zip(&b.duty_spans)
        {
            assert_eq!(source_text(&original, *x), duty);
            assert!(x.same_location(y));
        }
        seen += 1;
    }
    assert!(seen > 0, "the example has no territorial item");
}

#[test]
fn a_source_file_is_not_a_snapshot() {
    let text = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../rules-examples/ningbo-construction-waste/items.qz"),
    )
    .unwrap();
    assert_eq!(
        RuleSet::from_bytes(&text).unwrap_err(),
        SnapshotError::Magic
    );
}

#[test]
fn a_syntax_error_means_no_rule_set() {
    // Lowering sees only the declarations that parsed; the error elsewhere must still count.
    let (rules, diagnostics) = quanze_dsl::compile_str(
        "a.qz",
        "region 宁波市 city { region 江北区 county { township 甬江街道 class 特大， } }",
    );
    assert!(diagnostics.iter().any(|d| d.is_error()));
    assert!(rules.is_none());
}
