//! Proof JSON → verify against the Ningbo example: a document that is not a proof of its answer
//! is refused with an error value, never a panic, and never accepted unless it really holds.
#![no_main]

use quanze_core::answer::*;
use quanze_core::checker;
use quanze_core::proof::{Proof, Query};
use std::sync::OnceLock;

fn rules() -> &'static quanze_core::RuleSet {
    static RULES: OnceLock<quanze_core::RuleSet> = OnceLock::new();
    RULES.get_or_init(|| {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../rules-examples/ningbo-construction-waste");
        quanze_dsl::compile_path(&dir)
            .rules
            .unwrap_or_else(|| std::process::abort())
    })
}

fn check<A: serde::de::DeserializeOwned + quanze_core::proof::Concludes>(
    answer: &serde_json::Value,
    proof: &Proof,
) {
    if let Ok(answer) = serde_json::from_value::<A>(answer.clone()) {
        let _ = checker::check(rules(), &answer, proof);
    }
}

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Ok(document) = serde_json::from_slice::<serde_json::Value>(data) else {
        return;
    };
    let Some(proof) = document
        .get("proof")
        .and_then(|p| serde_json::from_value::<Proof>(p.clone()).ok())
    else {
        return;
    };
    let answer = document.get("answer").cloned().unwrap_or_default();
    match &proof.receipt.query {
        Query::WhoHandles { .. } => check::<WhoAnswer>(&answer, &proof),
        Query::Can { .. } => check::<CanAnswer>(&answer, &proof),
        Query::WhyNot { .. } => check::<WhyNotAnswer>(&answer, &proof),
        Query::Scenario { .. } => check::<ScenarioAnswer>(&answer, &proof),
        Query::Escalate { .. } => check::<EscalationAnswer>(&answer, &proof),
        Query::Duties { .. } => check::<DutiesAnswer>(&answer, &proof),
        Query::AcceptPoints { .. } => check::<AcceptAnswer>(&answer, &proof),
    }
});
