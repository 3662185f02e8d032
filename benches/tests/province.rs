//! The synthetic province: deterministic per seed, compiles without errors, and every engine
//! answer drawn from it comes with a proof the independent checker accepts.

#![allow(
    clippy::unwrap_used,
    clippy::indexing_slicing,
    reason = "tests fail loudly"
)]

use quanze_benches::{fixture::Fixture, gen::Size, queries, text, Province};
use quanze_core::{checker, query};

#[test]
fn the_same_seed_gives_the_same_files_and_another_seed_other_files() {
    let a = text::files(&Province::generate(Size::S, 11));
    let b = text::files(&Province::generate(Size::S, 11));
    let c = text::files(&Province::generate(Size::S, 12));
    assert_eq!(a, b);
    assert_ne!(a, c);
}

#[test]
fn sizes_have_the_shapes_of_the_issue() {
    let s = Province::generate(Size::S, 1);
    assert_eq!(s.counties.len(), 3);
    assert_eq!(s.counties[0].townships.len(), 10);
    assert_eq!(s.counties[0].items.len(), 20 * 50);
    // 10% of every county's items are delegated.
    assert_eq!(s.delegation_count(), 3 * 100);
    let shape = Size::L.shape();
    assert_eq!(
        shape.counties * shape.departments * shape.items_per_department,
        540_000
    );
}

#[test]
fn the_small_province_compiles_cleanly_and_its_answers_verify() {
    let fx = Fixture::build(Size::S).unwrap();
    let rs = &fx.rules;
    let qs = queries::draw(&fx.province, rs, 2_000, 3).unwrap();
    let mut delegated = 0;
    for q in &qs.who {
        let (answer, proof) = query::who_handles_proved(rs, q.item, q.place, q.date).unwrap();
        assert_eq!(
            query::who_handles(rs, q.item, q.place, q.date).unwrap(),
            answer
        );
        checker::check(rs, &answer, &proof).unwrap();
        if let query::WhoAnswer::Handled(h) = &answer {
            delegated += usize::from(h.delegation.is_some());
        }
    }
    assert!(
        delegated > 100,
        "the queries exercise delegations ({delegated})"
    );
    for q in &qs.can {
        let (answer, proof) =
            query::can_proved(rs, q.unit, q.who.item, q.who.place, q.who.date).unwrap();
        checker::check(rs, &answer, &proof).unwrap();
    }
    for q in qs.scenario.iter().take(200) {
        let (answer, proof) =
            query::scenario_proved(rs, q.topic, q.place, &q.facts, q.date).unwrap();
        checker::check(rs, &answer, &proof).unwrap();
    }
}
