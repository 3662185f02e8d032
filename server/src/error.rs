//! Errors as the API shows them: a JSON object `{"code", "message", …}` with the HTTP status
//! that fits. Every failure a handler can meet is turned into one of these; nothing panics.
//!
//! | status | codes |
//! |---|---|
//! | 400 | `invalid_json`, `invalid_argument`, `ambiguous_name`, `bad_request` (a malformed query string) |
//! | 401 | `unauthorized` |
//! | 403 | `forbidden` (a foreign `Host` or `Origin`; `/api/reload` without a configured token) |
//! | 404 | `unknown_name` (with `suggestions`), `not_found` |
//! | 405 | `method_not_allowed` |
//! | 413 | `too_large` (also 414 and 431 for a URI or header too long) |
//! | 415 | `unsupported_media_type` |
//! | 422 | `unanswerable`, `rule_errors` (with `diagnostics`) |
//! | 500 | `internal` |
//! | 503 | `timeout`, `busy` (too many requests computing at once) |

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use quanze_core::query::QueryError;
use quanze_core::request::RequestError;
use quanze_core::LookupError;
use serde_json::{Map, Value};

/// An error answer: a status, a stable code, a message, and optional extra fields.
#[derive(Debug, Clone, PartialEq)]
pub struct ApiError {
    pub status: StatusCode,
    pub code: &'static str,
    pub message: String,
    pub extra: Map<String, Value>,
}

impl ApiError {
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        Self {
            status,
            code,
            message: message.into(),
            extra: Map::new(),
        }
    }

    pub fn bad_request(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, "invalid_argument", message)
    }

    pub fn too_large(message: impl Into<String>) -> Self {
        Self::new(StatusCode::PAYLOAD_TOO_LARGE, "too_large", message)
    }

    pub fn internal(message: impl Into<String>) -> Self {
        Self::new(StatusCode::INTERNAL_SERVER_ERROR, "internal", message)
    }

    /// Adds a field beside `code` and `message`.
    pub fn with(mut self, key: &str, value: Value) -> Self {
        self.extra.insert(key.to_owned(), value);
        self
    }

    /// The JSON body: `code` and `message` first, then the extra fields.
    pub fn body(&self) -> Value {
        let mut map = Map::new();
        map.insert("code".to_owned(), Value::from(self.code));
        map.insert("message".to_owned(), Value::from(self.message.clone()));
        for (k, v) in &self.extra {
            map.insert(k.clone(), v.clone());
        }
        Value::Object(map)
    }

    /// The error a bare status stands for, when a layer (routing, limits, timeouts) answered
    /// before any handler could.
    pub fn from_status(status: StatusCode) -> Self {
        let (code, message) = match status {
            StatusCode::NOT_FOUND => ("not_found", "no such endpoint; see /openapi.json"),
            StatusCode::METHOD_NOT_ALLOWED => (
                "method_not_allowed",
                "this endpoint does not take that method; see /openapi.json",
            ),
            StatusCode::PAYLOAD_TOO_LARGE => ("too_large", "the request body is too large"),
            StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE => {
                ("too_large", "the request header is too large")
            }
            StatusCode::URI_TOO_LONG => ("too_large", "the request URI is too long"),
            StatusCode::REQUEST_TIMEOUT | StatusCode::SERVICE_UNAVAILABLE => {
                ("timeout", "the request took longer than the time limit")
            }
            StatusCode::UNAUTHORIZED => ("unauthorized", "a bearer token is required"),
            StatusCode::UNSUPPORTED_MEDIA_TYPE => ("invalid_json", "the request body must be JSON"),
            s if s.is_client_error() => ("bad_request", "the request was refused"),
            _ => ("internal", "the server could not answer"),
        };
        // A timeout is reported as 503 whatever status the layer chose.
        let status = if code == "timeout" {
            StatusCode::SERVICE_UNAVAILABLE
        } else {
            status
        };
        Self::new(status, code, message)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = self.body().to_string();
        let mut response = (self.status, body).into_response();
        response.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
        if self.status == StatusCode::UNAUTHORIZED {
            response
                .headers_mut()
                .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        response
    }
}

impl From<LookupError> for ApiError {
    fn from(error: LookupError) -> Self {
        let message = error.to_string();
        match error {
            LookupError::Unknown {
                kind,
                name,
                suggestions,
            } => ApiError::new(StatusCode::NOT_FOUND, "unknown_name", message)
                .with("kind", Value::from(kind))
                .with("name", Value::from(name))
                .with("suggestions", Value::from(suggestions)),
            LookupError::Ambiguous {
                kind,
                name,
                candidates,
            } => ApiError::new(StatusCode::BAD_REQUEST, "ambiguous_name", message)
                .with("kind", Value::from(kind))
                .with("name", Value::from(name))
                .with("candidates", Value::from(candidates)),
            LookupError::TooLong { kind, limit, .. } => ApiError::bad_request(message)
                .with("kind", Value::from(kind))
                .with("limit", Value::from(limit)),
        }
    }
}

impl From<QueryError> for ApiError {
    fn from(error: QueryError) -> Self {
        let message = error.to_string();
        match error {
            // Facts, values and severities are names the rule set does not know.
            QueryError::UnknownFact { .. }
            | QueryError::UnknownValue { .. }
            | QueryError::UnknownSeverity { .. } => {
                ApiError::new(StatusCode::NOT_FOUND, "unknown_name", message)
                    .with("suggestions", Value::Array(Vec::new()))
            }
            QueryError::UnknownPart { suggestions, .. } => {
                ApiError::new(StatusCode::NOT_FOUND, "unknown_name", message)
                    .with("suggestions", Value::from(suggestions))
            }
            QueryError::Internal(_) => ApiError::internal(message),
            _ => ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, "unanswerable", message),
        }
    }
}

impl From<RequestError> for ApiError {
    fn from(error: RequestError) -> Self {
        match error {
            RequestError::Invalid(message) => ApiError::bad_request(message),
            RequestError::Lookup(e) => e.into(),
            RequestError::Query(e) => e.into(),
            RequestError::Json(e) => ApiError::internal(e.to_string()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_names_are_404_with_suggestions() {
        let e: ApiError = LookupError::Unknown {
            kind: "place",
            name: "甬江".into(),
            suggestions: vec!["甬江街道".into()],
        }
        .into();
        assert_eq!(e.status, StatusCode::NOT_FOUND);
        assert_eq!(
            e.body().get("suggestions"),
            Some(&Value::from(vec!["甬江街道"]))
        );
    }

    #[test]
    fn layer_statuses_become_json_errors() {
        let e = ApiError::from_status(StatusCode::REQUEST_TIMEOUT);
        assert_eq!(
            (e.status, e.code),
            (StatusCode::SERVICE_UNAVAILABLE, "timeout")
        );
        assert_eq!(
            ApiError::from_status(StatusCode::NOT_FOUND).code,
            "not_found"
        );
    }
}
