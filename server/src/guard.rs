//! Middleware every request passes: the bearer token, and turning the bare statuses of the
//! layers (unknown route, wrong method, body limit, timeout) into JSON errors.

use crate::error::ApiError;
use crate::state::Shared;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::sync::Arc;

/// Paths that need no token: the page, the OpenAPI document and the health probe.
fn is_public(path: &str) -> bool {
    !path.starts_with("/api/") || path == "/api/health"
}

/// Compares in time that depends on the lengths only, not on where the first difference is.
fn same(given: &[u8], expected: &[u8]) -> bool {
    given.len() == expected.len()
        && given
            .iter()
            .zip(expected)
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0
}

/// Requires `Authorization: Bearer TOKEN` on the API when the server has a token.
pub async fn auth(State(s): State<Arc<Shared>>, request: Request, next: Next) -> Response {
    if let Some(token) = &s.token {
        if !is_public(request.uri().path()) {
            let given = request
                .headers()
                .get(header::AUTHORIZATION)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.split_once(' '))
                .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
                .map(|(_, token)| token.trim());
            if !given.is_some_and(|g| same(g.as_bytes(), token.as_bytes())) {
                return ApiError::from_status(axum::http::StatusCode::UNAUTHORIZED).into_response();
            }
        }
    }
    next.run(request).await
}

/// Gives every error a JSON body, and every answer `nosniff` and `no-store`.
pub async fn json_errors(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let status = response.status();
    let is_json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"application/json"));
    if (status.is_client_error() || status.is_server_error()) && !is_json {
        response = ApiError::from_status(status).into_response();
    }
    let headers = response.headers_mut();
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers
        .entry(header::CACHE_CONTROL)
        .or_insert(HeaderValue::from_static("no-store"));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_compare_exactly() {
        assert!(same(b"abc", b"abc"));
        assert!(!same(b"abc", b"abd"));
        assert!(!same(b"ab", b"abc"));
        assert!(is_public("/"));
        assert!(is_public("/api/health"));
        assert!(!is_public("/api/who"));
    }
}
