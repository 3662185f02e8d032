//! The query endpoints: one per query, and a batch of `who` queries. Each request takes the
//! arguments by name, exactly as the CLI flags, and answers the same document as the CLI's
//! `--json`: `{"answer", "named", "proof"}`. The header `x-quanze-content-hash` names the rule
//! set the answer was computed on; the proof's receipt names it too.
//!
//! `?text=true` adds `"text"`: the proof rendered as indented text, for people (the web page).

use crate::body::JsonBody;
use crate::error::ApiError;
use crate::state::Shared;
use axum::extract::{Query, State};
use axum::http::{header, HeaderName, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use quanze_core::proof;
use quanze_core::request::{self, Request};
use quanze_core::RuleSet;
use serde::Deserialize;
use serde_json::{Map, Value};
use std::sync::Arc;

/// The header naming the content hash of the rule set an answer was computed on.
pub const CONTENT_HASH: HeaderName = HeaderName::from_static("x-quanze-content-hash");

/// Query-string options of the query endpoints.
#[derive(Debug, Default, Deserialize)]
pub struct Options {
    /// Add the proof as indented text under `"text"`.
    #[serde(default)]
    pub text: bool,
}

/// A JSON response naming the rule set it was computed on.
pub fn json(status: StatusCode, body: &Value, rules: Option<&RuleSet>) -> Response {
    match serde_json::to_vec(body) {
        Ok(bytes) => bytes_response(status, bytes, rules),
        Err(e) => ApiError::internal(e.to_string()).into_response(),
    }
}

/// A response of JSON already written, naming the rule set it was computed on.
fn bytes_response(status: StatusCode, bytes: Vec<u8>, rules: Option<&RuleSet>) -> Response {
    let mut response = (status, bytes).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    if let Some(hash) = rules.and_then(|r| HeaderValue::from_str(r.content_hash()).ok()) {
        headers.insert(CONTENT_HASH, hash);
    }
    response
}

/// An error response naming the rule set it was computed on.
pub fn error(e: ApiError, rules: &RuleSet) -> Response {
    json(e.status, &e.body(), Some(rules))
}

/// Answers one request from one snapshot of the rule set, on a blocking thread under the
/// concurrency limit ([`crate::work`]).
async fn answer(shared: &Shared, request: Request, options: Options) -> Response {
    let rules = shared.rules();
    let task_rules = Arc::clone(&rules);
    crate::work::blocking(shared, move |_| answer_now(&task_rules, &request, &options))
        .await
        .unwrap_or_else(|e| error(e, &rules))
}

/// The document is written straight to bytes; only `?text=true` goes through a JSON value, to
/// add the text.
fn answer_now(rules: &RuleSet, request: &Request, options: &Options) -> Response {
    let answered = match request::answered(rules, request) {
        Ok(answered) => answered,
        Err(e) => return error(e.into(), rules),
    };
    if !options.text {
        return match answered.to_vec(rules) {
            Ok(bytes) => bytes_response(StatusCode::OK, bytes, Some(rules)),
            Err(e) => error(ApiError::internal(e.to_string()), rules),
        };
    }
    match answered.to_value(rules) {
        Ok(mut document) => {
            let text = proof::render_text(rules, answered.proof());
            if let Some(map) = document.as_object_mut() {
                map.insert("text".to_owned(), Value::String(text));
            }
            json(StatusCode::OK, &document, Some(rules))
        }
        Err(e) => error(ApiError::internal(e.to_string()), rules),
    }
}

type Shared_ = State<Arc<Shared>>;
type Opts = Query<Options>;

pub async fn who(
    State(s): Shared_,
    Query(o): Opts,
    JsonBody(r): JsonBody<request::Who>,
) -> Response {
    answer(&s, Request::Who(r), o).await
}

pub async fn can(
    State(s): Shared_,
    Query(o): Opts,
    JsonBody(r): JsonBody<request::UnitItem>,
) -> Response {
    answer(&s, Request::Can(r), o).await
}

pub async fn why_not(
    State(s): Shared_,
    Query(o): Opts,
    JsonBody(r): JsonBody<request::UnitItem>,
) -> Response {
    answer(&s, Request::WhyNot(r), o).await
}

pub async fn scenario(
    State(s): Shared_,
    Query(o): Opts,
    JsonBody(r): JsonBody<request::ScenarioArgs>,
) -> Response {
    answer(&s, Request::Scenario(r), o).await
}

pub async fn escalate(
    State(s): Shared_,
    Query(o): Opts,
    JsonBody(r): JsonBody<request::Escalate>,
) -> Response {
    answer(&s, Request::Escalate(r), o).await
}

pub async fn duties(
    State(s): Shared_,
    Query(o): Opts,
    JsonBody(r): JsonBody<request::Duties>,
) -> Response {
    answer(&s, Request::Duties(r), o).await
}

pub async fn accept(
    State(s): Shared_,
    Query(o): Opts,
    JsonBody(r): JsonBody<request::Accept>,
) -> Response {
    answer(&s, Request::Accept(r), o).await
}

/// `POST /api/who/batch`: `{"queries": [who, …]}`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Batch {
    pub queries: Vec<request::Who>,
}

/// Answers every query of a batch from one snapshot, in order. Each result is the document
/// of that query or `{"error": {"code", "message", …}}`; one refused query does not fail the
/// batch.
pub async fn who_batch(State(s): Shared_, JsonBody(batch): JsonBody<Batch>) -> Response {
    let limit = s.limits.max_batch;
    if batch.queries.len() > limit {
        return ApiError::too_large(format!(
            "a batch holds at most {limit} queries; this one has {}",
            batch.queries.len()
        ))
        .with("limit", limit.into())
        .into_response();
    }
    let rules = s.rules();
    let task_rules = Arc::clone(&rules);
    // The body is written piece by piece: each document straight to bytes, as for one query.
    // The deadline is checked before each query, so a batch cut off by the time limit stops.
    let body = crate::work::blocking(&s, move |deadline| -> Result<Vec<u8>, ApiError> {
        let json_error = |e: serde_json::Error| ApiError::internal(e.to_string());
        let mut out = b"{\"content_hash\":".to_vec();
        serde_json::to_writer(&mut out, task_rules.content_hash()).map_err(json_error)?;
        out.extend_from_slice(b",\"results\":[");
        for (i, q) in batch.queries.into_iter().enumerate() {
            if deadline.passed() {
                return Err(crate::work::timed_out());
            }
            if i > 0 {
                out.push(b',');
            }
            match request::answered(&task_rules, &Request::Who(q)) {
                Ok(answered) => out.extend(answered.to_vec(&task_rules).map_err(json_error)?),
                Err(e) => {
                    let mut map = Map::new();
                    map.insert("error".to_owned(), ApiError::from(e).body());
                    serde_json::to_writer(&mut out, &map).map_err(json_error)?;
                }
            }
        }
        out.extend_from_slice(b"]}");
        Ok(out)
    })
    .await;
    match body.and_then(|b| b) {
        Ok(bytes) => bytes_response(StatusCode::OK, bytes, Some(&rules)),
        Err(e) => error(e, &rules),
    }
}
