//! docs/CHECKS.md is generated from the documentation block of each check's file; this test
//! fails when it is stale. Regenerate with
//! `UPDATE_CHECKS=1 cargo test -p quanze-core --test checks_doc`.

#![allow(clippy::unwrap_used, reason = "tests fail loudly on purpose")]

use std::path::Path;

#[test]
fn checks_md_is_up_to_date() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/CHECKS.md");
    let fresh = quanze_core::analyze::checks_markdown();
    if std::env::var_os("UPDATE_CHECKS").is_some() {
        std::fs::write(&path, &fresh).unwrap();
        return;
    }
    let current = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        current == fresh,
        "docs/CHECKS.md is stale: regenerate it with `UPDATE_CHECKS=1 cargo test -p quanze-core --test checks_doc`"
    );
}

#[test]
fn every_check_has_a_section_in_checks_md() {
    let doc = quanze_core::analyze::checks_markdown();
    for check in quanze_core::analyze::checks() {
        assert!(
            doc.contains(&format!("\n## {}\n", check.code)),
            "{}",
            check.code
        );
        assert!(doc.contains(&format!("`{}`", check.name)), "{}", check.name);
    }
}
