//! Middleware every request passes: the browser checks (the `Host` header, the `Origin` of a
//! POST, a JSON content type), the bearer token, and turning the bare statuses of the layers
//! (unknown route, wrong method, body limit, timeout) into JSON errors.
//!
//! The browser checks are there because the server usually runs on a desk, on loopback, without
//! a token, next to a browser that visits other sites. A page elsewhere cannot read the answers
//! (no CORS headers are ever sent), but it could make the browser *send* requests: a form posts
//! `text/plain` with no preflight (refused: POST bodies must be `application/json`, which a
//! cross-site page can only send after a preflight this server never grants), a script posts
//! with an `Origin` naming its own site (refused: a POST's `Origin` must be this server), and a
//! DNS name rebound to 127.0.0.1 makes its requests same-origin (refused: the `Host` must be an
//! IP literal, `localhost`, or a name the operator allowed). `/api/reload` changes what is
//! served, so it needs the token always; a server without a token reloads only with `--watch`.

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

/// The host name of a `Host` header value, without the port and brackets, lowercase.
fn host_name(host: &str) -> String {
    let host = host.trim();
    let name = match host.strip_prefix('[') {
        // [::1]:8080
        Some(rest) => rest.split_once(']').map_or("", |(name, _)| name),
        None => host.rsplit_once(':').map_or(host, |(name, _)| name),
    };
    name.trim_end_matches('.').to_ascii_lowercase()
}

/// Whether `host` may name this server: an IP literal (a rebinding attack needs a DNS name),
/// `localhost`, or a name the operator allowed.
fn host_allowed(host: &str, allowed: &[String]) -> bool {
    let name = host_name(host);
    name.parse::<std::net::IpAddr>().is_ok() || name == "localhost" || allowed.contains(&name)
}

/// Whether an `Origin` header names the same site as the `Host` header: scheme `http://` or
/// `https://` followed by exactly the host (and port) the request was sent to.
fn same_origin(origin: &str, host: &str) -> bool {
    let rest = origin
        .strip_prefix("http://")
        .or_else(|| origin.strip_prefix("https://"));
    rest.is_some_and(|r| r.eq_ignore_ascii_case(host.trim()))
}

fn forbidden(message: &str) -> Response {
    ApiError::new(axum::http::StatusCode::FORBIDDEN, "forbidden", message).into_response()
}

/// The browser checks: `Host`, then for a POST the `Origin` and the content type; and
/// `/api/reload` only with a token configured.
pub async fn browser(State(s): State<Arc<Shared>>, request: Request, next: Next) -> Response {
    let headers = request.headers();
    let text = |name: header::HeaderName| headers.get(name).map(|v| v.to_str().unwrap_or("\u{0}"));
    let host = text(header::HOST)
        .or_else(|| request.uri().authority().map(|a| a.as_str()))
        .unwrap_or("");
    if !host.is_empty() && !host_allowed(host, &s.allowed_hosts) {
        return forbidden(
            "this server does not answer to that host name; the operator may allow it with \
             --allow-host",
        );
    }
    if request.method() == axum::http::Method::POST {
        if let Some(origin) = text(header::ORIGIN) {
            if !same_origin(origin, host) {
                return forbidden("cross-origin requests that change or compute are refused");
            }
        }
        if headers
            .get("sec-fetch-site")
            .is_some_and(|v| v.as_bytes() == b"cross-site")
        {
            return forbidden("cross-origin requests that change or compute are refused");
        }
        let path = request.uri().path();
        if path == "/api/reload" {
            if s.token.is_none() {
                return forbidden(
                    "reloading over HTTP needs a token; start the server with --token-file or \
                     QUANZE_TOKEN, or use --watch",
                );
            }
        } else {
            let json = text(header::CONTENT_TYPE).is_some_and(|t| {
                t.split(';')
                    .next()
                    .is_some_and(|m| m.trim().eq_ignore_ascii_case("application/json"))
            });
            if !json {
                return ApiError::new(
                    axum::http::StatusCode::UNSUPPORTED_MEDIA_TYPE,
                    "unsupported_media_type",
                    "a request body must be sent as `content-type: application/json`",
                )
                .into_response();
            }
        }
    }
    next.run(request).await
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

    #[test]
    fn hosts_and_origins() {
        let allowed = vec!["quanze.example".to_owned()];
        for ok in [
            "127.0.0.1:8080",
            "localhost:8080",
            "LOCALHOST",
            "[::1]:8080",
            "10.0.0.5",
            "quanze.example:443",
        ] {
            assert!(host_allowed(ok, &allowed), "{ok}");
        }
        for refused in ["evil.example:8080", "localhost.evil.example", "[::1", ""] {
            assert!(!host_allowed(refused, &allowed), "{refused}");
        }
        assert!(same_origin("http://127.0.0.1:8080", "127.0.0.1:8080"));
        assert!(!same_origin("http://evil.example", "127.0.0.1:8080"));
        assert!(!same_origin("null", "127.0.0.1:8080"));
    }
}
