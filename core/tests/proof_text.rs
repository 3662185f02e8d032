//! The text rendering of proofs over a rule set built in code, which has no source locations:
//! each leaf names the declaration it cites in words, and failures read as sentences.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use common::*;
use quanze_core::proof::render_text;
use quanze_core::query;
use quanze_core::*;

#[test]
fn leaves_without_locations_name_their_declarations_in_words() {
    let mut w = world();
    let i = w.b.item(
        "CF-001",
        ListKind::Enforcement,
        Some(PowerType::Penalty),
        Holder::Unit(w.zf),
    );
    w.b.delegate(i, Target::County(w.county), Mode::Grant, "2023-01-01", None);
    w.b.revoke(i, Target::Township(w.cc), "2024-01-01");
    w.b.delegate(
        i,
        Target::Township(w.cc),
        Mode::Entrust,
        "2022-01-01",
        Some("2023-01-01"),
    );
    w.b.delegate(i, Target::Township(w.cc), Mode::Grant, "2025-01-01", None);
    w.b.delegate(i, Target::Township(w.yj), Mode::Grant, "2023-01-01", None);
    let (cc, cc_gov) = (w.cc, w.cc_gov);
    let rs = w.b.build();
    let (_, proof) = query::why_not_proved(&rs, cc_gov, i, cc, d("2024-06-01")).unwrap();
    let text = render_text(&rs, &proof);
    for words in [
        "— place 慈城镇",
        "— item CF-001",
        "— delegation D0",
        "— revocation R0",
        "D0 revoked on 2024-01-01 by revocation R0",
        "D1 expired on 2023-01-01",
        "D2 not yet in force until 2025-01-01",
        "D3 reaches other townships",
        "综合行政执法局 handles it (own)",
    ] {
        assert!(text.contains(words), "no `{words}` in:\n{text}");
    }
    for debug in [
        "Place(",
        "Id(",
        "{",
        "Revoked",
        "Expired",
        "NotYetInForce",
        "OtherTarget",
    ] {
        assert!(!text.contains(debug), "`{debug}` in:\n{text}");
    }
}
