//! `quanze verify` on documents as `--json` prints them: the proof, then `named` against the
//! view of the verified answer; the receipt's engine version is reported, not checked.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "tests fail loudly on purpose"
)]

mod common;

use common::{quanze, EXAMPLE};
use serde_json::{json, Value};
use std::path::PathBuf;
use std::process::Output;

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

/// A document of `quanze ARGS --json --proof`.
fn document(args: &[&str]) -> Value {
    let mut args = args.to_vec();
    args.extend(["--json", "--proof"]);
    let out = quanze(&args);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    serde_json::from_slice(&out.stdout).unwrap()
}

/// Writes `document` to a fresh file and runs `quanze verify` on it.
fn verify(document: &Value, flags: &[&str]) -> Output {
    static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let path: PathBuf =
        std::env::temp_dir().join(format!("quanze-verify-{}-{n}.json", std::process::id()));
    std::fs::write(&path, serde_json::to_vec_pretty(document).unwrap()).unwrap();
    let mut args = vec!["verify", EXAMPLE, path.to_str().unwrap()];
    args.extend_from_slice(flags);
    let out = quanze(&args);
    let _ = std::fs::remove_file(&path);
    out
}

const WHO_ENTRUSTED: [&str; 8] = [
    "who",
    EXAMPLE,
    "--item",
    "330205-JC-014",
    "--place",
    "慈城镇",
    "--date",
    "2024-05-01",
];

#[test]
fn an_untampered_document_verifies_with_its_names() {
    let doc = document(&WHO_ENTRUSTED);
    let out = verify(&doc, &[]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert!(text(&out).contains("proof holds: "), "{}", text(&out));
    assert!(
        text(&out).contains("named: the view of the verified answer"),
        "{}",
        text(&out)
    );
}

#[test]
fn a_changed_handler_or_mode_in_named_is_refused() {
    let doc = document(&WHO_ENTRUSTED);
    assert_eq!(doc["named"]["handler"], "宁波市/江北区/慈城镇");
    assert_eq!(doc["named"]["mode"], "entrust");
    let changes = [
        ("handler", json!("宁波市/江北区/住房和城乡建设局")),
        ("mode", json!("grant")),
        ("legal_subject", json!("宁波市/江北区/慈城镇")),
    ];
    for (field, value) in changes {
        let mut tampered = doc.clone();
        tampered["named"][field] = value;
        let out = verify(&tampered, &[]);
        assert_eq!(out.status.code(), Some(1), "{field}: {}", text(&out));
        assert!(
            text(&out).contains(&format!("named refused: `named.{field}`")),
            "{field}: {}",
            text(&out)
        );
        let json_out = verify(&tampered, &["--json"]);
        assert_eq!(json_out.status.code(), Some(1));
        let verdict: Value = serde_json::from_slice(&json_out.stdout).unwrap();
        assert_eq!(verdict["holds"], false);
        assert_eq!(verdict["refused"], "named");
        assert_eq!(verdict["named"], "differs");
    }
}

/// The first text leaf of a JSON value, as a JSON pointer.
fn first_text(value: &Value, at: String) -> Option<String> {
    match value {
        Value::String(_) => Some(at),
        Value::Object(map) => map
            .iter()
            .find_map(|(k, v)| first_text(v, format!("{at}/{k}"))),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .find_map(|(i, v)| first_text(v, format!("{at}/{i}"))),
        _ => None,
    }
}

#[test]
fn every_query_kind_refuses_a_changed_name() {
    let queries: [&[&str]; 6] = [
        &WHO_ENTRUSTED,
        &[
            "why-not",
            EXAMPLE,
            "--unit",
            "孔浦街道",
            "--item",
            "330205-CF-001",
            "--place",
            "孔浦街道",
            "--date",
            "2024-05-01",
        ],
        &[
            "scenario",
            EXAMPLE,
            "--topic",
            "建筑垃圾",
            "--place",
            "半浦村",
            "--fact",
            "环节=运输",
            "--fact",
            "地点=城市道路",
            "--fact",
            "载体=核准车辆",
            "--fact",
            "成分=一般建筑垃圾",
            "--date",
            "2024-05-01",
        ],
        &[
            "escalate",
            EXAMPLE,
            "--place",
            "半浦一格",
            "--severity",
            "重大",
            "--topic",
            "建筑垃圾",
            "--date",
            "2024-05-01",
        ],
        &[
            "duties",
            EXAMPLE,
            "--unit",
            "甬江街道",
            "--date",
            "2024-05-01",
        ],
        &[
            "can",
            EXAMPLE,
            "--unit",
            "综合行政执法局",
            "--item",
            "330205-CF-001",
            "--place",
            "甬江街道",
            "--date",
            "2024-05-01",
        ],
    ];
    for args in queries {
        let doc = document(args);
        assert_eq!(verify(&doc, &[]).status.code(), Some(0), "{}", args[0]);
        let mut tampered = doc.clone();
        let pointer = match first_text(&doc["named"], "/named".to_owned()) {
            Some(p) => p,
            None => {
                // `can` names no unit: change its verdict instead.
                tampered["named"]["allowed"] = json!(!doc["named"]["allowed"].as_bool().unwrap());
                "/named/allowed".to_owned()
            }
        };
        if let Some(Value::String(s)) = tampered.pointer_mut(&pointer) {
            s.push_str("（改）");
        }
        let out = verify(&tampered, &[]);
        assert_eq!(out.status.code(), Some(1), "{}: {}", args[0], text(&out));
        assert!(
            text(&out).contains("named refused: `named."),
            "{}",
            text(&out)
        );
    }
}

#[test]
fn a_document_without_named_verifies_and_says_named_was_absent() {
    let mut doc = document(&WHO_ENTRUSTED);
    doc.as_object_mut().unwrap().remove("named");
    let out = verify(&doc, &[]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert!(text(&out).contains("named: absent"), "{}", text(&out));
    let verdict: Value = serde_json::from_slice(&verify(&doc, &["--json"]).stdout).unwrap();
    assert_eq!(
        (&verdict["holds"], &verdict["named"]),
        (&json!(true), &json!("absent"))
    );
}

#[test]
fn the_engine_version_is_informational_and_not_checked() {
    let mut doc = document(&WHO_ENTRUSTED);
    assert_eq!(doc["proof"]["receipt"]["engine"], env!("CARGO_PKG_VERSION"));
    doc["proof"]["receipt"]["engine"] = json!("0.0.0-other");
    let out = verify(&doc, &[]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert!(
        text(&out).contains("engine: 0.0.0-other (informational, not checked)"),
        "{}",
        text(&out)
    );
    let verdict: Value = serde_json::from_slice(&verify(&doc, &["--json"]).stdout).unwrap();
    assert_eq!(
        verdict["engine"],
        json!({"version": "0.0.0-other", "checked": false})
    );
}
