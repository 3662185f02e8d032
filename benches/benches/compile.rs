//! Compile benches on the synthetic province, S, M and L: parsing alone (throughput in bytes
//! of rule text), compiling from text (parse + resolve + index, `compile_texts`), and writing
//! and loading a compiled snapshot (`RuleSet::to_bytes` / `RuleSet::from_bytes`), and the full
//! `check` (compile and every analysis, `check_texts`: what `quanze check` does).
//!
//! `cargo bench -p quanze-benches --bench compile`; `QUANZE_BENCH_QUICK=1` for S only.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "a bench fails loudly when its fixture is wrong"
)]

use criterion::{black_box, criterion_group, criterion_main, Criterion, SamplingMode, Throughput};
use quanze_benches::fixture::{self, Fixture};
use quanze_benches::{text, Province};
use quanze_core::SourceId;
use std::time::Duration;

fn config() -> Criterion {
    let c = Criterion::default().configure_from_args().sample_size(10);
    if quanze_benches::quick() {
        c.warm_up_time(Duration::from_millis(100))
            .measurement_time(Duration::from_millis(300))
    } else {
        c.warm_up_time(Duration::from_secs(1))
            .measurement_time(Duration::from_secs(5))
    }
}

fn compile(c: &mut Criterion) {
    for size in fixture::sizes() {
        let mut group = c.benchmark_group(format!("compile/{}", size.name()));
        group.sampling_mode(SamplingMode::Flat);
        // Parsing first, on the text alone: `quanze check` parses in a fresh process, and with
        // a compiled province already in the heap the allocator's free lists, not the parser,
        // set the time (L: 1.3 s here, 3.3 s after the fixture is built).
        let files = text::files(&Province::generate(size, fixture::PROVINCE_SEED));
        group.throughput(Throughput::Bytes(
            files.iter().map(|(_, t)| t.len() as u64).sum(),
        ));
        group.bench_function("parse", |b| {
            b.iter(|| {
                for (i, (_, text)) in files.iter().enumerate() {
                    black_box(quanze_dsl::parse::parse_file(SourceId(i as u32), text));
                }
            })
        });
        drop(files);
        let fx = Fixture::build(size).unwrap();
        group.throughput(Throughput::Bytes(fx.text_bytes()));
        group.bench_function("compile", |b| {
            b.iter(|| black_box(quanze_dsl::compile_texts(&fx.files)))
        });
        group.bench_function("check", |b| {
            b.iter(|| black_box(quanze_dsl::check_texts(&fx.files)))
        });
        group.bench_function("snapshot_write", |b| {
            b.iter(|| black_box(fx.rules.to_bytes().unwrap()))
        });
        let bytes = fx.rules.to_bytes().unwrap();
        // A service loads its snapshot at start-up, without the province's text, generated model
        // and compiled rule set in memory: let them go first. Loading is timed; freeing the
        // loaded rule set afterwards is not.
        drop(fx);
        group.throughput(Throughput::Bytes(bytes.len() as u64));
        group.bench_function("snapshot_load", |b| {
            b.iter_with_large_drop(|| quanze_core::RuleSet::from_bytes(&bytes).unwrap())
        });
        group.finish();
    }
}

criterion_group! {
    name = benches;
    config = config();
    targets = compile
}
criterion_main!(benches);
