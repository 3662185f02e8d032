//! The endpoints around the queries: health and version, `check` (diagnostics of posted rule
//! text, compiled on the side and never loaded), `verify` (a proof against the served rule set)
//! and `reload`.

use super::queries::{error, json};
use crate::body::JsonBody;
use crate::error::ApiError;
use crate::state::{Reload, Shared};
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use quanze_core::verify;
use serde::Deserialize;
use serde_json::{json, Value};
use std::sync::Arc;

/// `GET /api/health`: the served rule set and what the reloads did. `status` is `degraded`
/// while the files on disk fail to compile (the last reload failed): the old rule set is still
/// served, and `disk_hash` names what is on disk. The answer is 200 either way, since the
/// server does answer; a probe that cares reads `status`.
pub async fn health(State(s): State<Arc<Shared>>) -> Response {
    let rules = s.rules();
    let status = s.status();
    let error = status.last_error.as_ref();
    let body = json!({
        "status": if error.is_some() { "degraded" } else { "ok" },
        "content_hash": rules.content_hash(),
        "disk_hash": error.map_or_else(|| Value::from(rules.content_hash()), |e| Value::from(e.disk_hash.clone())),
        "reloads": status.reloads,
        "failed_reloads": status.failed,
        "last_reload_error": error.map(crate::state::ReloadError::to_value),
    });
    json(StatusCode::OK, &body, Some(&rules))
}

/// `GET /api/version`: the engine, the proof format and the served rule set.
pub async fn version(State(s): State<Arc<Shared>>) -> Response {
    let rules = s.rules();
    let status = s.status();
    let error = status.last_error.as_ref();
    let body = json!({
        "name": "quanze",
        "version": env!("CARGO_PKG_VERSION"),
        "proof_format": quanze_core::proof::PROOF_FORMAT,
        "content_hash": rules.content_hash(),
        "status": if error.is_some() { "degraded" } else { "ok" },
        "disk_hash": error.map_or_else(|| Value::from(rules.content_hash()), |e| Value::from(e.disk_hash.clone())),
        "last_reload_error": error.map(crate::state::ReloadError::to_value),
    });
    json(StatusCode::OK, &body, Some(&rules))
}

/// One file of a `check` request.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckFile {
    pub name: String,
    pub text: String,
}

/// `POST /api/check`: `{"text": …, "name"?: …}` for one file or `{"files": [{"name", "text"}]}`
/// for a rule set of several.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckRequest {
    #[serde(default)]
    pub files: Vec<CheckFile>,
    #[serde(default)]
    pub text: Option<String>,
    #[serde(default)]
    pub name: Option<String>,
}

/// Compiles posted texts as one rule set and reports every diagnostic. Nothing is read from
/// disk and nothing is served from it; the answer is 200 whether or not the text has errors.
pub async fn check(State(s): State<Arc<Shared>>, JsonBody(r): JsonBody<CheckRequest>) -> Response {
    let mut files: Vec<(String, String)> = r.files.into_iter().map(|f| (f.name, f.text)).collect();
    if let Some(text) = r.text {
        files.push((r.name.unwrap_or_else(|| "rules.qz".to_owned()), text));
    }
    if files.is_empty() {
        return ApiError::bad_request("give `text` or `files` to check").into_response();
    }
    if files.len() > s.limits.max_files {
        return ApiError::too_large(format!(
            "a check holds at most {} files",
            s.limits.max_files
        ))
        .with("limit", s.limits.max_files.into())
        .into_response();
    }
    // The compile asks the deadline before each file and each stage and gives up once it has
    // passed. One file or stage is not interrupted part-way; while it runs it keeps its permit,
    // so work cut off by the time limit still counts against the concurrency limit.
    let checked = crate::work::blocking(&s, move |deadline| {
        crate::check::diagnostics_until(files, &|| deadline.passed())
            .ok_or_else(crate::work::timed_out)
    })
    .await;
    match checked.and_then(|c| c) {
        Ok(body) => json(StatusCode::OK, &body, None),
        Err(e) => e.into_response(),
    }
}

/// `POST /api/verify`: a query's document `{"answer", "named", "proof"}`, verified as the CLI's
/// `verify` does (`quanze_core::verify::verdict`): the proof by the independent checker
/// against the served rule set, then `named` against the view of the verified answer. A
/// refused proof or a differing `named` is an answer (`"holds": false` with the reason), not an
/// error; a body that is not such a document is 400.
pub async fn verify(State(s): State<Arc<Shared>>, JsonBody(document): JsonBody<Value>) -> Response {
    let rules = s.rules();
    let task_rules = Arc::clone(&rules);
    let verdict = crate::work::blocking(&s, move |_| verify::verdict(&task_rules, &document)).await;
    match verdict {
        Ok(Ok(verdict)) => match serde_json::to_value(&verdict) {
            Ok(body) => json(StatusCode::OK, &body, Some(&rules)),
            Err(e) => error(ApiError::internal(e.to_string()), &rules),
        },
        Ok(Err(message)) => error(ApiError::bad_request(message), &rules),
        Err(e) => error(e, &rules),
    }
}

/// `POST /api/reload`: recompile the rule directory and serve it if it has no errors. On
/// errors the old rule set keeps serving and the answer is 422 `rule_errors` with them.
pub async fn reload(State(s): State<Arc<Shared>>) -> Response {
    match s.reload().await {
        Reload::Swapped {
            previous,
            current,
            changed,
        } => {
            let rules = s.rules();
            let body = json!({
                "reloaded": true,
                "changed": changed,
                "previous": previous,
                "content_hash": current,
            });
            json(StatusCode::OK, &body, Some(&rules))
        }
        Reload::Failed {
            serving,
            diagnostics,
            errors,
        } => {
            let e = ApiError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "rule_errors",
                format!("the rule set has {errors} error(s); still serving `{serving}`"),
            )
            .with("content_hash", Value::from(serving))
            .with("diagnostics", diagnostics);
            error(e, &s.rules())
        }
    }
}
