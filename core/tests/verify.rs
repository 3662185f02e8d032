//! Verifying a whole document `{"answer", "named", "proof"}`: the proof by the checker, then
//! `named` against the view of the verified answer; the receipt's engine is not checked.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use common::*;
use quanze_core::request::{self, Request, Who};
use quanze_core::verify::{self, NamedCheck, NamedVerdict, Refusal, Verified, VerifyError};
use quanze_core::*;
use serde_json::{json, Value};

/// The example county with 330205-CF-001 granted to 慈城镇, and a second item whose two
/// delegations conflict there.
fn rules() -> RuleSet {
    let mut w = world();
    let granted = w.b.item(
        "CF-001",
        ListKind::Enforcement,
        Some(PowerType::Penalty),
        Holder::Unit(w.zf),
    );
    w.b.delegate(
        granted,
        Target::Township(w.cc),
        Mode::Grant,
        "2023-01-01",
        None,
    );
    let contested = w.b.item(
        "CF-002",
        ListKind::Enforcement,
        Some(PowerType::Penalty),
        Holder::Unit(w.zf),
    );
    w.b.delegate(
        contested,
        Target::Township(w.cc),
        Mode::Grant,
        "2023-01-01",
        None,
    );
    w.b.delegate(
        contested,
        Target::Township(w.cc),
        Mode::Entrust,
        "2023-01-01",
        None,
    );
    w.b.build()
}

fn document(rs: &RuleSet, item: &str) -> Value {
    let who = Who {
        item: item.to_owned(),
        place: "慈城镇".to_owned(),
        date: "2024-05-01".to_owned(),
        part: None,
    };
    request::answer(rs, &Request::Who(who)).unwrap()
}

fn refused_named(rs: &RuleSet, document: &Value) -> String {
    match verify::verify(rs, document) {
        Err(VerifyError::Named(mismatch)) => mismatch.path,
        other => panic!("expected `named` to be refused, got {other:?}"),
    }
}

#[test]
fn an_untampered_document_verifies_with_its_names() {
    let rs = rules();
    let doc = document(&rs, "CF-001");
    assert_eq!(doc["named"]["handler"], "宁波市/江北区/慈城镇/慈城镇");
    assert_eq!(
        verify::verify(&rs, &doc).unwrap(),
        Verified {
            steps: doc["proof"]["steps"].as_array().unwrap().len(),
            named: NamedCheck::Matches,
        }
    );
}

#[test]
fn a_changed_name_is_refused_with_its_path() {
    let rs = rules();
    let doc = document(&rs, "CF-001");
    let cases: [(&str, Value, &str); 4] = [
        (
            "handler",
            json!("宁波市/江北区/综合行政执法局"),
            "named.handler",
        ),
        ("mode", json!("entrust"), "named.mode"),
        ("legal_subject", json!(null), "named.legal_subject"),
        (
            "cooperating",
            json!([{"unit": "宁波市/江北区/慈城镇/慈城镇", "duties": ["发现"]}]),
            "named.cooperating",
        ),
    ];
    for (field, value, path) in cases {
        let mut tampered = doc.clone();
        tampered["named"][field] = value;
        assert_eq!(refused_named(&rs, &tampered), path);
    }
    let mut added = doc.clone();
    added["named"]["note"] = json!("also 甬江街道");
    assert_eq!(refused_named(&rs, &added), "named.note");
    let mut replaced = doc.clone();
    replaced["named"] = json!("宁波市/江北区/慈城镇");
    assert_eq!(refused_named(&rs, &replaced), "named");
}

#[test]
fn a_changed_candidate_of_a_conflict_is_refused_with_its_index() {
    let rs = rules();
    let doc = document(&rs, "CF-002");
    assert_eq!(doc["named"]["status"], "conflict");
    assert!(verify::verify(&rs, &doc).is_ok());
    let mut tampered = doc.clone();
    tampered["named"]["candidates"][1]["mode"] = json!("grant");
    assert_eq!(refused_named(&rs, &tampered), "named.candidates[1].mode");
    let message = verify::verify(&rs, &tampered).unwrap_err().to_string();
    assert_eq!(
        message,
        "`named.candidates[1].mode` is not the view of the verified answer: \
         the document has `grant`, the view has `entrust`"
    );
}

#[test]
fn a_document_without_names_verifies_and_says_so() {
    let rs = rules();
    let mut doc = document(&rs, "CF-001");
    doc.as_object_mut().unwrap().remove("named");
    assert_eq!(verify::verify(&rs, &doc).unwrap().named, NamedCheck::Absent);
    let verdict = verify::verdict(&rs, &doc).unwrap();
    assert!(verdict.holds);
    assert_eq!(verdict.named, NamedVerdict::Absent);
    assert!(
        verdict.to_text().contains("named: absent"),
        "{}",
        verdict.to_text()
    );
}

#[test]
fn the_engine_version_is_reported_and_not_checked() {
    let rs = rules();
    let mut doc = document(&rs, "CF-001");
    doc["proof"]["receipt"]["engine"] = json!("99.0.0-elsewhere");
    assert!(verify::verify(&rs, &doc).is_ok());
    let verdict = verify::verdict(&rs, &doc).unwrap();
    assert!(verdict.holds);
    let value = serde_json::to_value(&verdict).unwrap();
    assert_eq!(
        value["engine"],
        json!({"version": "99.0.0-elsewhere", "checked": false})
    );
    assert!(verdict
        .to_text()
        .contains("engine: 99.0.0-elsewhere (informational, not checked)"));
}

#[test]
fn the_verdict_says_which_part_was_refused() {
    let rs = rules();
    let doc = document(&rs, "CF-001");
    let mut named = doc.clone();
    named["named"]["mode"] = json!("own");
    let verdict = verify::verdict(&rs, &named).unwrap();
    assert_eq!(
        (verdict.holds, verdict.refused, verdict.named),
        (false, Some(Refusal::Named), NamedVerdict::Differs)
    );
    assert!(verdict.to_text().starts_with("named refused: `named.mode`"));
    // A changed answer fails the checker before `named` is compared.
    let mut answer = doc.clone();
    answer["answer"]["handled"]["mode"] = json!("entrust");
    let verdict = verify::verdict(&rs, &answer).unwrap();
    assert_eq!(
        (verdict.holds, verdict.refused, verdict.named),
        (false, Some(Refusal::Proof), NamedVerdict::Unchecked)
    );
    assert!(verdict.to_text().starts_with("proof refused: "));
    let mut no_proof = doc;
    no_proof.as_object_mut().unwrap().remove("proof");
    assert_eq!(
        verify::verdict(&rs, &no_proof).unwrap_err(),
        "the document has no `proof`"
    );
}
