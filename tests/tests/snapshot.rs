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
