//! Diagnostics as SARIF 2.1.0 (the Static Analysis Results Interchange Format), for code
//! scanning tools and editors: one run, the full rule catalogue (the language's codes and the
//! analyzer's checks), one result per diagnostic with its location and labelled related
//! locations. Columns count Unicode code points, as the run's `columnKind` says.

use crate::codes;
use quanze_core::analyze;
use quanze_core::{Diagnostic, Severity, SourceMap, Span};
use serde_json::{json, Map, Value};

/// The schema the output follows.
pub const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "note",
    }
}

/// A relative path as a URI reference: unreserved characters and `/` kept, the rest
/// percent-encoded (UTF-8), so Chinese file names are valid URIs.
fn uri(path: &str) -> String {
    let mut out = String::new();
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

fn physical(sources: &SourceMap, span: Span) -> Option<Value> {
    let at = sources.locate(span)?;
    Some(json!({
        "artifactLocation": { "uri": uri(&at.file) },
        "region": {
            "startLine": at.line,
            "startColumn": at.column,
            "endLine": at.end_line,
            "endColumn": at.end_column,
        }
    }))
}

/// Every rule: (id, name, short description, full description, help, default level).
fn rules() -> Vec<(String, String, String, String, String, &'static str)> {
    let mut out = Vec::new();
    for (code, summary) in codes::ALL {
        out.push((
            (*code).to_owned(),
            summary.replace(' ', "-"),
            (*summary).to_owned(),
            format!("{summary} (see docs/LANGUAGE.md)"),
            "see docs/LANGUAGE.md, section Diagnostics".to_owned(),
            "error",
        ));
    }
    for check in analyze::checks() {
        let what = check
            .section("What it does")
            .unwrap_or_else(|| check.summary.to_owned());
        let fix = check
            .section("Fix")
            .unwrap_or_else(|| "see docs/CHECKS.md".to_owned());
        out.push((
            check.code.to_owned(),
            check.name.to_owned(),
            check.summary.to_owned(),
            what,
            fix,
            level(check.severity),
        ));
    }
    out
}

/// The SARIF log of `diagnostics`.
pub fn sarif_value(diagnostics: &[Diagnostic], sources: &SourceMap) -> Value {
    let rules = rules();
    let rule_values: Vec<Value> = rules
        .iter()
        .map(|(id, name, short, full, help, level)| {
            json!({
                "id": id,
                "name": name,
                "shortDescription": { "text": short },
                "fullDescription": { "text": full },
                "help": { "text": help },
                "helpUri": format!("docs/CHECKS.md#{}", id.to_lowercase()),
                "defaultConfiguration": { "level": level },
            })
        })
        .collect();
    let results: Vec<Value> = diagnostics
        .iter()
        .map(|d| {
            let mut text = d.message.clone();
            if let Some(w) = &d.witness {
                text.push_str(&format!(" (witness: {w})"));
            }
            let mut result = Map::new();
            result.insert("ruleId".into(), json!(d.code));
            if let Some(index) = rules.iter().position(|r| r.0 == d.code) {
                result.insert("ruleIndex".into(), json!(index));
            }
            result.insert("level".into(), json!(level(d.severity)));
            result.insert("message".into(), json!({ "text": text }));
            let locations: Vec<Value> = physical(sources, d.span)
                .map(|p| json!({ "physicalLocation": p }))
                .into_iter()
                .collect();
            result.insert("locations".into(), Value::Array(locations));
            let related: Vec<Value> = d
                .labels
                .iter()
                .enumerate()
                .filter_map(|(i, l)| {
                    physical(sources, l.span).map(|p| {
                        json!({ "id": i, "physicalLocation": p, "message": { "text": l.message } })
                    })
                })
                .collect();
            if !related.is_empty() {
                result.insert("relatedLocations".into(), Value::Array(related));
            }
            let mut properties = Map::new();
            if let Some(h) = &d.help {
                properties.insert("help".into(), json!(h));
            }
            if let Some(w) = &d.witness {
                properties.insert("witness".into(), json!(w));
            }
            if let Some(p) = &d.primary_label {
                properties.insert("label".into(), json!(p));
            }
            if !properties.is_empty() {
                result.insert("properties".into(), Value::Object(properties));
            }
            Value::Object(result)
        })
        .collect();
    json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "quanze",
                    "version": env!("CARGO_PKG_VERSION"),
                    "informationUri": "https://example.invalid/quanze",
                    "rules": rule_values,
                }
            },
            "columnKind": "unicodeCodePoints",
            "results": results,
        }]
    })
}
