//! What the binary's test files share: the example they query, the workspace root, and running
//! `quanze` there without colour.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub const EXAMPLE: &str = "rules-examples/ningbo-construction-waste";

pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

pub fn quanze(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_quanze"))
        .args(args)
        .current_dir(root())
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

/// The README's question (who handles 330205-CF-001 at 甬江街道 on 2024-05-01) asked of the rule
/// set at `path`, with `flags` such as `--json` or `--proof`.
#[allow(dead_code, reason = "not every test file asks it")]
pub fn ask_readme_question(path: &str, flags: &[&str]) -> Output {
    let mut args = vec![
        "who",
        path,
        "--item",
        "330205-CF-001",
        "--place",
        "甬江街道",
        "--date",
        "2024-05-01",
    ];
    args.extend_from_slice(flags);
    quanze(&args)
}
