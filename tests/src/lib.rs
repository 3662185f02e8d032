//! Helpers shared by the cross-crate tests: compile a text and fail with rendered diagnostics.

use quanze_core::RuleSet;

/// Compiles `text` as a one-file rule set, or panics with the rendered diagnostics.
#[expect(clippy::panic, reason = "a test helper: failing loudly is its job")]
pub fn compile(name: &str, text: &str) -> RuleSet {
    let compiled = quanze_dsl::compile_texts(&[(name.to_owned(), text.to_owned())]);
    match compiled.rules {
        Some(rules) => rules,
        None => panic!(
            "{name} does not compile:\n{}",
            quanze_dsl::render::human(&compiled.diagnostics, &compiled.sources, false)
        ),
    }
}

/// The directory of the workspace.
pub fn workspace() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}
