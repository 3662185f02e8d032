//! The same inputs give byte-identical output: diagnostics, answers and proofs, across two
//! compilations and across threads, for every example rule set.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::string_slice,
    reason = "tests fail loudly on purpose"
)]

use quanze_core::{query, view, RuleSet};

/// Everything a rule set says, as one string: diagnostics, the duty list of every unit, and the
/// answer and proof of who handles every item at every township on a few dates.
fn everything(dir: &std::path::Path) -> String {
    let compiled = quanze_dsl::compile_path(dir);
    let mut out = serde_json::to_string(&quanze_dsl::render::json_value(
        &compiled.diagnostics,
        &compiled.sources,
    ))
    .unwrap();
    let Some(rules) = compiled.rules else {
        return out;
    };
    out.push_str(rules.content_hash());
    answers(&rules, &mut out);
    out
}

fn answers(rules: &RuleSet, out: &mut String) {
    let decls = rules.decls();
    let townships: Vec<_> = (0..decls.places.len())
        .map(quanze_core::PlaceId::from_index)
        .collect();
    for date in ["2021-01-01", "2024-05-01", "2026-01-01"] {
        let date = quanze_core::Date::parse(
            date,
            time::macros::format_description!("[year]-[month]-[day]"),
        )
        .unwrap();
        for i in 0..decls.items.len() {
            let item = quanze_core::ItemId::from_index(i);
            for place in &townships {
                match query::who_handles_proved(rules, item, *place, date) {
                    Ok((answer, proof)) => {
                        out.push_str(&view::who(rules, &answer).to_string());
                        out.push_str(&quanze_core::proof::to_json(&proof).unwrap());
                    }
                    Err(error) => out.push_str(&error.to_string()),
                }
            }
        }
        for u in 0..decls.units.len() {
            if let Ok(answer) = query::duties(rules, quanze_core::UnitId::from_index(u), date) {
                out.push_str(&view::duties(rules, &answer).to_string());
            }
        }
    }
}

#[test]
fn every_example_gives_identical_output_twice_and_across_threads() {
    let examples = quanze_tests::workspace().join("rules-examples");
    let mut dirs: Vec<_> = std::fs::read_dir(examples)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    assert!(!dirs.is_empty());
    for dir in dirs {
        let first = everything(&dir);
        let second = everything(&dir);
        assert_eq!(first, second, "{} differs between two runs", dir.display());
        let threads: Vec<String> = std::thread::scope(|s| {
            let handles: Vec<_> = (0..4).map(|_| s.spawn(|| everything(&dir))).collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        assert!(
            threads.iter().all(|t| *t == first),
            "{} differs across threads",
            dir.display()
        );
        // One compiled rule set shared by threads answers the same as one thread alone.
        let rules = quanze_dsl::compile_path(&dir).rules.unwrap();
        let mut alone = String::new();
        answers(&rules, &mut alone);
        let shared: Vec<String> = std::thread::scope(|s| {
            let handles: Vec<_> = (0..4)
                .map(|_| {
                    s.spawn(|| {
                        let mut out = String::new();
                        answers(&rules, &mut out);
                        out
                    })
                })
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        assert!(shared.iter().all(|t| *t == alone));
    }
}
