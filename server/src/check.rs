//! Diagnostics of posted rule text, for `POST /api/check` and the web page's live checking:
//! what `quanze check` reports, the analyzer's findings included. The texts are compiled on the
//! side as one rule set; nothing is read from disk and the result is never served.

use quanze_core::Severity;
use serde_json::{json, Value};

/// Compiles and analyzes named texts and reports
/// `{"diagnostics", "errors", "warnings", "notes", "content_hash"}`; `content_hash` is the hash
/// the texts would be served under, or null when they have errors.
pub fn diagnostics(files: &[(String, String)]) -> Value {
    diagnostics_until(files.to_vec(), &|| false).unwrap_or(Value::Null)
}

/// [`diagnostics`] that gives up (`None`) once `stop` says so, asked before each file and each
/// stage of the compile.
pub fn diagnostics_until(files: Vec<(String, String)>, stop: &dyn Fn() -> bool) -> Option<Value> {
    let compiled = quanze_dsl::load::check_texts_until(files, stop)?;
    let count = |s: Severity| {
        compiled
            .diagnostics
            .iter()
            .filter(|d| d.severity == s)
            .count()
    };
    let errors = count(Severity::Error);
    Some(json!({
        "diagnostics": quanze_dsl::render::json_value(&compiled.diagnostics, &compiled.sources),
        "errors": errors,
        "warnings": count(Severity::Warning),
        "notes": count(Severity::Note),
        "content_hash": compiled
            .rules
            .as_ref()
            .filter(|_| errors == 0)
            .map(|r| r.content_hash().to_owned()),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_width_colon_is_reported_at_its_column() {
        let text = "主题 建筑垃圾 {\n  要素 环节： 产生 | 运输\n}\n";
        let body = diagnostics(&[("a.qz".to_owned(), text.to_owned())]);
        assert!(body["errors"].as_u64().unwrap_or(0) >= 1, "{body}");
        assert_eq!(body["diagnostics"][0]["line"], 2, "{body}");
        assert!(body["content_hash"].is_null());
    }
}
