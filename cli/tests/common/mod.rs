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
