//! `quanze compile`: a snapshot that every query command reads like the rule-set directory.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::string_slice,
    reason = "tests fail loudly on purpose"
)]

use std::path::PathBuf;

mod common;
use common::{ask_readme_question, quanze, EXAMPLE};

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("quanze-compile-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

#[test]
fn a_compiled_snapshot_answers_like_the_sources() {
    let snapshot = scratch("ningbo.qzc");
    let out = quanze(&["compile", EXAMPLE, "-o", snapshot.to_str().unwrap()]);
    assert!(out.status.success(), "{out:?}");
    assert!(std::fs::read(&snapshot).unwrap().starts_with(b"QZSNAP"));
    let query = |path: &str| {
        let out = ask_readme_question(path, &["--json"]);
        assert!(out.status.success(), "{out:?}");
        String::from_utf8(out.stdout).unwrap()
    };
    assert_eq!(query(EXAMPLE), query(snapshot.to_str().unwrap()));
}

#[test]
fn a_damaged_snapshot_is_refused_with_exit_one() {
    let snapshot = scratch("damaged.qzc");
    let out = quanze(&["compile", EXAMPLE, "-o", snapshot.to_str().unwrap()]);
    assert!(out.status.success());
    let mut bytes = std::fs::read(&snapshot).unwrap();
    let last = bytes.len() - 1;
    bytes[last] ^= 0xff;
    std::fs::write(&snapshot, bytes).unwrap();
    let out = ask_readme_question(snapshot.to_str().unwrap(), &[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("checksum"));
}
