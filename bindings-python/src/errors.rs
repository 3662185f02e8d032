//! The exception hierarchy and the conversion of every Rust error into it.
//!
//! ```text
//! QuanzeError
//! ├── RuleError      the rule text has errors: `.diagnostics`
//! ├── QueryError     an unknown or ambiguous name, or a query that does not apply: `.kind`,
//! │                  `.name`, `.suggestions`, `.candidates`
//! ├── ProofError     the checker refused a proof: `.reason`
//! ├── SnapshotError  snapshot bytes are damaged or foreign
//! └── InternalError  a bug in quanze (a caught panic); never a crash of the interpreter
//! ```
//!
//! Attributes live in the exception's `__dict__`, so the exceptions pickle with their data.

use crate::convert::json_to_py;
use pyo3::create_exception;
use pyo3::exceptions::PyException;
use pyo3::prelude::*;
use pyo3::types::PyList;
use quanze_core::{Diagnostic, LookupError, SourceMap};

create_exception!(
    quanze,
    QuanzeError,
    PyException,
    "Every error raised by quanze."
);
create_exception!(
    quanze,
    RuleError,
    QuanzeError,
    "The rule text has errors; `.diagnostics` lists every finding with file, line and column."
);
create_exception!(
    quanze,
    QueryError,
    QuanzeError,
    "A query could not be answered: an unknown or ambiguous name (with suggestions), or an item that does not apply at the place."
);
create_exception!(
    quanze,
    ProofError,
    QuanzeError,
    "The independent checker refused a proof; `.reason` says which step and why."
);
create_exception!(
    quanze,
    SnapshotError,
    QuanzeError,
    "Snapshot bytes are damaged, foreign, or from another engine version."
);
create_exception!(
    quanze,
    InternalError,
    QuanzeError,
    "A bug in quanze, caught before it could reach the interpreter as a crash."
);

/// Sets attributes on a fresh exception.
fn with_attrs(py: Python<'_>, err: PyErr, attrs: &[(&str, PyObject)]) -> PyErr {
    let value = err.value(py);
    for (name, attr) in attrs {
        if let Err(e) = value.setattr(*name, attr) {
            return e;
        }
    }
    err
}

fn strings(py: Python<'_>, items: &[String]) -> PyObject {
    PyList::new(py, items)
        .map(|l| l.into_any().unbind())
        .unwrap_or_else(|_| py.None())
}

/// An unknown or ambiguous name.
pub fn lookup(py: Python<'_>, error: LookupError) -> PyErr {
    let message = error.to_string();
    let (kind, what, name, suggestions, candidates) = match error {
        LookupError::Unknown {
            kind,
            name,
            suggestions,
        } => ("unknown", kind, name, suggestions, Vec::new()),
        LookupError::Ambiguous {
            kind,
            name,
            candidates,
        } => ("ambiguous", kind, name, Vec::new(), candidates),
        LookupError::TooLong { kind, .. } => {
            ("too_long", kind, String::new(), Vec::new(), Vec::new())
        }
    };
    with_attrs(
        py,
        QueryError::new_err(message),
        &[
            ("kind", crate::convert::obj(py, kind)),
            ("what", crate::convert::obj(py, what)),
            ("name", crate::convert::obj(py, name)),
            ("suggestions", strings(py, &suggestions)),
            ("candidates", strings(py, &candidates)),
            ("detail", py.None()),
        ],
    )
}

/// A query that does not apply (the core's `QueryError`).
pub fn query(py: Python<'_>, error: quanze_core::query::QueryError) -> PyErr {
    let message = error.to_string();
    let detail = serde_json::to_value(&error).unwrap_or_default();
    let kind = match &detail {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Object(map) => map.keys().next().cloned().unwrap_or_default(),
        _ => String::new(),
    };
    let empty: Vec<String> = Vec::new();
    with_attrs(
        py,
        QueryError::new_err(message),
        &[
            ("kind", crate::convert::obj(py, kind)),
            ("what", py.None()),
            ("name", py.None()),
            ("suggestions", strings(py, &empty)),
            ("candidates", strings(py, &empty)),
            (
                "detail",
                json_to_py(py, &detail).unwrap_or_else(|_| py.None()),
            ),
        ],
    )
}

/// A refused proof.
pub fn proof(py: Python<'_>, reason: String) -> PyErr {
    let attr = crate::convert::obj(py, reason.clone());
    with_attrs(
        py,
        ProofError::new_err(format!("proof refused: {reason}")),
        &[("reason", attr)],
    )
}

/// Diagnostics as `quanze.Diagnostic` objects (a frozen dataclass, so they compare and pickle).
pub fn diagnostics(
    py: Python<'_>,
    diagnostics: &[Diagnostic],
    sources: &SourceMap,
) -> PyResult<Py<PyList>> {
    let json = quanze_dsl::render::json_value(diagnostics, sources);
    let from_json = py
        .import("quanze._diagnostic")?
        .getattr("Diagnostic")?
        .getattr("_from_json")?;
    let list = PyList::empty(py);
    if let serde_json::Value::Array(items) = &json {
        for item in items {
            list.append(from_json.call1((json_to_py(py, item)?,))?)?;
        }
    }
    Ok(list.unbind())
}

/// The rule text has errors: every diagnostic (errors and warnings) travels with the exception.
pub fn rules(py: Python<'_>, name: &str, found: &[Diagnostic], sources: &SourceMap) -> PyErr {
    let errors: Vec<&Diagnostic> = found.iter().filter(|d| d.is_error()).collect();
    let first = errors
        .first()
        .map(|d| {
            let at = sources
                .locate(d.span)
                .map(|l| format!("{}:{}:{}: ", l.file, l.line, l.column))
                .unwrap_or_default();
            format!(
                "; first: {at}{}[{}]: {}",
                d.severity.as_str(),
                d.code,
                d.message
            )
        })
        .unwrap_or_default();
    let message = format!("`{name}` has {} error(s){first}", errors.len());
    match diagnostics(py, found, sources) {
        Ok(list) => with_attrs(
            py,
            RuleError::new_err(message),
            &[("diagnostics", list.into_any())],
        ),
        Err(e) => e,
    }
}

/// Runs `f`, turning a panic into `InternalError` so that it never unwinds into the interpreter
/// as a `PanicException` (which is not an `Exception`).
pub fn guard<T>(f: impl FnOnce() -> PyResult<T>) -> PyResult<T> {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)) {
        Ok(result) => result,
        Err(payload) => {
            let what = payload
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".to_owned());
            Err(InternalError::new_err(format!(
                "internal error in quanze, please report it: {what}"
            )))
        }
    }
}
