//! Query benches on the synthetic province, S, M and L: `who_handles` without and with proof,
//! `can`, `scenario`, the proof checker, and in the same group the baseline, a plain `HashMap`
//! from (item, place, date) to the precomputed answer, so the ratio is read in one run.
//!
//! `cargo bench -p quanze-benches --bench queries`; `QUANZE_BENCH_QUICK=1` for S only.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "a bench fails loudly when its fixture is wrong"
)]

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use quanze_benches::fixture::{self, Fixture};
use quanze_core::{checker, query};
use std::collections::HashMap;
use std::time::Duration;

fn config() -> Criterion {
    let c = Criterion::default().configure_from_args();
    if quanze_benches::quick() {
        c.warm_up_time(Duration::from_millis(100))
            .measurement_time(Duration::from_millis(300))
            .sample_size(10)
    } else {
        c.warm_up_time(Duration::from_secs(1))
            .measurement_time(Duration::from_secs(3))
    }
}

/// Cycles through a slice, one element per call.
struct Cycle<'a, T> {
    items: &'a [T],
    next: usize,
}

impl<'a, T> Cycle<'a, T> {
    fn new(items: &'a [T]) -> Self {
        assert!(!items.is_empty());
        Cycle { items, next: 0 }
    }

    #[inline(always)]
    fn next(&mut self) -> &'a T {
        let item = &self.items[self.next];
        self.next += 1;
        if self.next == self.items.len() {
            self.next = 0;
        }
        item
    }
}

fn bench_size(c: &mut Criterion, fx: &Fixture) {
    let rs = &fx.rules;
    let qs = &fx.queries;
    let mut group = c.benchmark_group(format!("queries/{}", fx.size.name()));

    // The baseline: the answers precomputed into a plain HashMap (std hasher) and into an
    // FxHashMap, looked up by the query's own arguments and cloned out like a fresh answer.
    let answers: Vec<_> = qs
        .who
        .iter()
        .map(|q| query::who_handles(rs, q.item, q.place, q.date).unwrap())
        .collect();
    let std_map: HashMap<_, _> = qs
        .who
        .iter()
        .zip(&answers)
        .map(|(q, a)| ((q.item, q.place, q.date), a.clone()))
        .collect();
    let fx_map: rustc_hash::FxHashMap<_, _> = std_map.clone().into_iter().collect();
    let mut cycle = Cycle::new(&qs.who);
    group.bench_function("baseline_hashmap", |b| {
        b.iter(|| {
            let q = cycle.next();
            black_box(std_map.get(&(q.item, q.place, q.date)).cloned())
        })
    });
    group.bench_function("baseline_fxhashmap", |b| {
        b.iter(|| {
            let q = cycle.next();
            black_box(fx_map.get(&(q.item, q.place, q.date)).cloned())
        })
    });
    group.bench_function("who_handles", |b| {
        b.iter(|| {
            let q = cycle.next();
            black_box(query::who_handles(rs, q.item, q.place, q.date))
        })
    });
    group.bench_function("who_handles_proved", |b| {
        b.iter(|| {
            let q = cycle.next();
            black_box(query::who_handles_proved(rs, q.item, q.place, q.date))
        })
    });
    let mut can = Cycle::new(&qs.can);
    group.bench_function("can", |b| {
        b.iter(|| {
            let q = can.next();
            black_box(query::can(rs, q.unit, q.who.item, q.who.place, q.who.date))
        })
    });
    let mut scenario = Cycle::new(&qs.scenario);
    group.bench_function("scenario", |b| {
        b.iter(|| {
            let q = scenario.next();
            black_box(query::scenario(rs, q.topic, q.place, &q.facts, q.date))
        })
    });
    let proofs: Vec<_> = qs
        .who
        .iter()
        .take(2048)
        .map(|q| query::who_handles_proved(rs, q.item, q.place, q.date).unwrap())
        .collect();
    for (answer, proof) in &proofs {
        checker::check(rs, answer, proof).expect("an engine proof verifies");
    }
    let mut proof = Cycle::new(&proofs);
    group.bench_function("proof_check", |b| {
        b.iter(|| {
            let (answer, p) = proof.next();
            black_box(checker::check(rs, answer, p))
        })
    });
    group.finish();
}

fn queries(c: &mut Criterion) {
    for size in fixture::sizes() {
        let fx = Fixture::build(size).unwrap();
        bench_size(c, &fx);
    }
}

criterion_group! {
    name = benches;
    config = config();
    targets = queries
}
criterion_main!(benches);
