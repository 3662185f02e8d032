//! quanze-benches: the synthetic province and what the criterion benches share.
//!
//! ```
//! use quanze_benches::{gen::{Province, Size}, text};
//! let province = Province::generate(Size::S, 7);
//! let files = text::files(&province);
//! let compiled = quanze_dsl::compile_texts(&files);
//! assert!(compiled.diagnostics.iter().all(|d| !d.is_error()));
//! let rules = compiled.rules.unwrap();
//! let queries = quanze_benches::queries::draw(&province, &rules, 16, 1).unwrap();
//! assert_eq!(queries.who.len(), 16);
//! ```
//!
//! [`gen`] draws a deterministic plan from a size and a seed, [`text`] writes it as `.qz` files
//! (what `quanze gen` does), [`queries`] draws benchmark questions from it. The benches live in
//! `benches/` (`cargo bench -p quanze-benches`); `BENCHMARKS.md` at the repository root has the
//! numbers.

pub mod fixture;
pub mod gen;
pub mod queries;
pub mod rng;
pub mod text;

pub use gen::{Province, Size};

/// Whether the benches run in quick mode (`QUANZE_BENCH_QUICK=1`): size S only, short
/// measurements. `scripts/test` runs the benches this way, once each, as a smoke test.
pub fn quick() -> bool {
    std::env::var_os("QUANZE_BENCH_QUICK").is_some_and(|v| v != "0" && !v.is_empty())
}
