//! What one bench run builds once per size: the province, its files, the compiled rule set and
//! the questions drawn from it (fixed seeds, so every run asks the same questions).

use crate::gen::{Province, Size};
use crate::queries::{self, Queries};
use quanze_core::RuleSet;

/// The seed of the province the benches compile.
pub const PROVINCE_SEED: u64 = 2024;
/// The seed of the questions drawn from it.
pub const QUERY_SEED: u64 = 7;
/// How many questions of each kind: enough that one size's answers do not all sit in cache.
pub const QUERIES: usize = 1 << 14;

pub struct Fixture {
    pub size: Size,
    pub province: Province,
    pub files: Vec<(String, String)>,
    pub rules: RuleSet,
    pub queries: Queries,
}

impl Fixture {
    /// Generates, writes (in memory) and compiles the province of `size`. Fails with the first
    /// error diagnostic: the generated province must compile cleanly.
    pub fn build(size: Size) -> Result<Fixture, String> {
        let province = Province::generate(size, PROVINCE_SEED);
        let files = crate::text::files(&province);
        let compiled = quanze_dsl::compile_texts(&files);
        if let Some(d) = compiled.diagnostics.iter().find(|d| d.is_error()) {
            return Err(format!(
                "the {} province does not compile: {}",
                size.name(),
                d.message
            ));
        }
        let rules = compiled
            .rules
            .ok_or_else(|| format!("the {} province gave no rule set", size.name()))?;
        let queries =
            queries::draw(&province, &rules, QUERIES, QUERY_SEED).map_err(|e| e.to_string())?;
        Ok(Fixture {
            size,
            province,
            files,
            rules,
            queries,
        })
    }

    /// The bytes of rule text.
    pub fn text_bytes(&self) -> u64 {
        self.files.iter().map(|(_, t)| t.len() as u64).sum()
    }
}

/// The sizes a bench run covers: S, M and L, or S alone in quick mode, or those named in
/// `QUANZE_BENCH_SIZES` (e.g. `L` or `S,M`), which also admits `XL`.
pub fn sizes() -> Vec<Size> {
    if let Some(list) = std::env::var("QUANZE_BENCH_SIZES")
        .ok()
        .filter(|l| !l.is_empty())
    {
        return list
            .split(',')
            .filter_map(|s| Size::from_name(s.trim()))
            .collect();
    }
    if crate::quick() {
        vec![Size::S]
    } else {
        vec![Size::S, Size::M, Size::L]
    }
}
