//! Views of diagnostics: rustc-like text (source line, carets, labels) and JSON. The
//! diagnostic data itself lives in `quanze_core::diagnostic`.

use codespan_reporting::diagnostic::{Diagnostic as Report, Label as ReportLabel, LabelStyle};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term::{self, termcolor};
use quanze_core::{Diagnostic, Location, Severity, SourceMap, Span};
use serde::Serialize;

fn label(
    sources: &SourceMap,
    span: Span,
    style: LabelStyle,
    message: &str,
) -> Option<ReportLabel<usize>> {
    let file = sources.get(span.source)?;
    let end = (span.end as usize).min(file.text.len());
    let start = (span.start as usize).min(end);
    Some(ReportLabel::new(style, span.source.0 as usize, start..end).with_message(message))
}

/// Renders diagnostics as text, with ANSI colour when `color` is set.
pub fn human(diagnostics: &[Diagnostic], sources: &SourceMap, color: bool) -> String {
    let mut files = SimpleFiles::new();
    for file in sources.files() {
        files.add(file.path.clone(), file.text.clone());
    }
    let mut buffer = if color {
        termcolor::Buffer::ansi()
    } else {
        termcolor::Buffer::no_color()
    };
    let config = term::Config::default();
    for d in diagnostics {
        let report = match d.severity {
            Severity::Error => Report::error(),
            Severity::Warning => Report::warning(),
            Severity::Note => Report::note(),
        };
        let mut labels: Vec<ReportLabel<usize>> = Vec::new();
        labels.extend(label(
            sources,
            d.span,
            LabelStyle::Primary,
            d.primary_label.as_deref().unwrap_or(""),
        ));
        for l in &d.labels {
            labels.extend(label(sources, l.span, LabelStyle::Secondary, &l.message));
        }
        let mut notes = Vec::new();
        if let Some(w) = &d.witness {
            notes.push(format!("witness: {w}"));
        }
        if let Some(h) = &d.help {
            notes.push(format!("help: {h}"));
        }
        let report = report
            .with_code(d.code)
            .with_message(&d.message)
            .with_labels(labels)
            .with_notes(notes);
        if term::emit(&mut buffer, &config, &files, &report).is_err() {
            // A span the renderer cannot place still gets its message.
            buffer_line(
                &mut buffer,
                &format!("{}[{}]: {}", d.severity.as_str(), d.code, d.message),
            );
        }
    }
    String::from_utf8_lossy(buffer.as_slice()).into_owned()
}

fn buffer_line(buffer: &mut termcolor::Buffer, line: &str) {
    use std::io::Write;
    let _ = writeln!(buffer, "{line}");
}

#[derive(Serialize)]
struct JsonLabel {
    file: String,
    line: u32,
    column: u32,
    end_line: u32,
    end_column: u32,
    message: String,
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    code: &'a str,
    severity: &'a str,
    message: &'a str,
    file: String,
    line: u32,
    column: u32,
    end_line: u32,
    end_column: u32,
    labels: Vec<JsonLabel>,
    help: Option<&'a str>,
    witness: Option<&'a str>,
}

fn locate(sources: &SourceMap, span: Span) -> Location {
    sources.locate(span).unwrap_or(Location {
        file: String::new(),
        line: 0,
        column: 0,
        end_line: 0,
        end_column: 0,
    })
}

/// The JSON form: an array of objects with code, severity, message, file, line, column,
/// end_line, end_column, labels, help and witness. Lines and columns are 1-based; columns
/// count characters.
pub fn json_value(diagnostics: &[Diagnostic], sources: &SourceMap) -> serde_json::Value {
    let items: Vec<JsonDiagnostic> = diagnostics
        .iter()
        .map(|d| {
            let at = locate(sources, d.span);
            let mut labels = Vec::new();
            if let Some(primary) = &d.primary_label {
                labels.push(JsonLabel {
                    file: at.file.clone(),
                    line: at.line,
                    column: at.column,
                    end_line: at.end_line,
                    end_column: at.end_column,
                    message: primary.clone(),
                });
            }
            for l in &d.labels {
                let loc = locate(sources, l.span);
                labels.push(JsonLabel {
                    file: loc.file,
                    line: loc.line,
                    column: loc.column,
                    end_line: loc.end_line,
                    end_column: loc.end_column,
                    message: l.message.clone(),
                });
            }
            JsonDiagnostic {
                code: d.code,
                severity: d.severity.as_str(),
                message: &d.message,
                file: at.file,
                line: at.line,
                column: at.column,
                end_line: at.end_line,
                end_column: at.end_column,
                labels,
                help: d.help.as_deref(),
                witness: d.witness.as_deref(),
            }
        })
        .collect();
    serde_json::to_value(items).unwrap_or(serde_json::Value::Null)
}

/// One line per diagnostic: `file:line:column: severity[code]: message`.
pub fn short(diagnostics: &[Diagnostic], sources: &SourceMap) -> String {
    let mut out = String::new();
    for d in diagnostics {
        let at = locate(sources, d.span);
        out.push_str(&format!(
            "{}:{}:{}: {}[{}]: {}\n",
            at.file,
            at.line,
            at.column,
            d.severity.as_str(),
            d.code,
            d.message
        ));
    }
    out
}
