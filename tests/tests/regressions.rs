//! The fuzz regression corpus (`fuzz/regressions/`): every input that once crashed, hung or
//! misled quanze, replayed on every `cargo test`.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::string_slice,
    reason = "tests fail loudly on purpose"
)]

use quanze_core::answer::*;
use quanze_core::checker;
use quanze_core::proof::{Proof, Query};
use std::time::Instant;

fn files(target: &str) -> Vec<std::path::PathBuf> {
    let dir = quanze_tests::workspace()
        .join("fuzz/regressions")
        .join(target);
    let mut found: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    found.sort();
    found
}

#[test]
fn rule_text_regressions_compile_to_located_errors_quickly() {
    let found = files("rule_text");
    assert!(!found.is_empty());
    for path in found {
        let text = std::fs::read_to_string(&path).unwrap();
        let started = Instant::now();
        let (rules, diagnostics) = quanze_dsl::compile_str("r.qz", &text);
        assert!(
            rules.is_none() && diagnostics.iter().any(|d| d.is_error()),
            "{}",
            path.display()
        );
        // Not a timing target: a guard against the quadratic recovery coming back (it took minutes).
        assert!(
            started.elapsed().as_secs() < 20,
            "{} took {:?}",
            path.display(),
            started.elapsed()
        );
    }
}

#[test]
fn proof_json_regressions_are_refused() {
    let rules = quanze_dsl::compile_path(
        &quanze_tests::workspace().join("rules-examples/ningbo-construction-waste"),
    )
    .rules
    .unwrap();
    for path in files("proof_json") {
        let document: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let Ok(proof) = serde_json::from_value::<Proof>(document["proof"].clone()) else {
            continue;
        };
        let verdict = match &proof.receipt.query {
            Query::Duties { .. } => {
                serde_json::from_value::<DutiesAnswer>(document["answer"].clone())
                    .map(|a| checker::check(&rules, &a, &proof))
            }
            Query::WhoHandles { .. } => {
                serde_json::from_value::<WhoAnswer>(document["answer"].clone())
                    .map(|a| checker::check(&rules, &a, &proof))
            }
            _ => continue,
        };
        assert!(
            !matches!(verdict, Ok(Ok(()))),
            "{} was accepted",
            path.display()
        );
    }
}
