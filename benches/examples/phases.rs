//! One timed run of each compile phase (parse, lower, freeze) on a generated province, for
//! profiling: `cargo run --release -p quanze-benches --example phases -- L`. The criterion
//! benches are the measurements; this is a quick look.

#![allow(clippy::unwrap_used, reason = "an example fails loudly")]

use quanze_benches::{text, Province, Size};
use quanze_core::{SourceFile, SourceId, SourceMap};
use std::time::Instant;

fn main() {
    let size = std::env::args()
        .nth(1)
        .and_then(|s| Size::from_name(&s))
        .unwrap_or(Size::S);
    let province = Province::generate(size, quanze_benches::fixture::PROVINCE_SEED);
    let files = text::files(&province);
    let bytes: usize = files.iter().map(|(_, t)| t.len()).sum();
    let t = Instant::now();
    let parsed: Vec<_> = files
        .iter()
        .enumerate()
        .map(|(i, (_, text))| quanze_dsl::parse::parse_file(SourceId(i as u32), text).0)
        .collect();
    let parse = t.elapsed();
    let t = Instant::now();
    let (decls, _) = quanze_dsl::lower::lower_decls(&parsed);
    let lower = t.elapsed();
    drop(parsed);
    let mut sources = SourceMap::default();
    for (path, text) in files {
        sources.add(SourceFile::new(path, text));
    }
    let t = Instant::now();
    let (rules, _) = quanze_dsl::lower::freeze(sources, decls.unwrap(), Vec::new());
    let freeze = t.elapsed();
    let rules = rules.unwrap();
    let snapshot = rules.to_bytes().unwrap();
    let t = Instant::now();
    let loaded = quanze_core::RuleSet::from_bytes(&snapshot).unwrap();
    let load = t.elapsed();
    println!(
        "snapshot: {:.1} MB, load {:.3} s",
        snapshot.len() as f64 / 1e6,
        load.as_secs_f64()
    );
    drop(loaded);
    println!(
        "{}: {:.1} MB; parse {:.2} s ({:.1} MB/s), lower {:.2} s, freeze {:.2} s; {} items",
        size.name(),
        bytes as f64 / 1e6,
        parse.as_secs_f64(),
        bytes as f64 / 1e6 / parse.as_secs_f64(),
        lower.as_secs_f64(),
        freeze.as_secs_f64(),
        rules.decls().items.len()
    );
}
