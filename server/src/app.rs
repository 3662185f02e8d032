//! The router: the table of every route, and the layers around them. The table is public so a
//! test can hold it against the OpenAPI document.
//!
//! Layers, outermost first: JSON errors for bare statuses, the time limit (tower-http; 503 on
//! expiry), the browser checks (`Host`, `Origin`, content type), the bearer token, the body
//! limit. Handlers are never reached past a failed layer.

use crate::guard;
use crate::routes::{queries, tools};
use crate::state::Shared;
use axum::extract::DefaultBodyLimit;
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, MethodRouter};
use axum::{middleware, Router};
use std::sync::Arc;
use tower_http::timeout::TimeoutLayer;

/// The page served at `/`: one static file, no external resource.
pub const PAGE: &str = include_str!("page.html");

/// The OpenAPI 3.1 document served at `/openapi.json`.
pub const OPENAPI: &str = include_str!("openapi.json");

type Route = (Method, &'static str, MethodRouter<Arc<Shared>>);

/// Every route: method, path and handler.
fn table() -> Vec<Route> {
    vec![
        (Method::GET, "/", get(page)),
        (Method::GET, "/openapi.json", get(openapi)),
        (Method::GET, "/api/health", get(tools::health)),
        (Method::GET, "/api/version", get(tools::version)),
        (Method::POST, "/api/who", post(queries::who)),
        (Method::POST, "/api/who/batch", post(queries::who_batch)),
        (Method::POST, "/api/can", post(queries::can)),
        (Method::POST, "/api/why-not", post(queries::why_not)),
        (Method::POST, "/api/scenario", post(queries::scenario)),
        (Method::POST, "/api/escalate", post(queries::escalate)),
        (Method::POST, "/api/duties", post(queries::duties)),
        (Method::POST, "/api/accept", post(queries::accept)),
        (Method::POST, "/api/verify", post(tools::verify)),
        (Method::POST, "/api/check", post(tools::check)),
        (Method::POST, "/api/reload", post(tools::reload)),
    ]
}

/// Every route's method and path.
pub fn routes() -> Vec<(Method, &'static str)> {
    table().into_iter().map(|(m, p, _)| (m, p)).collect()
}

/// The whole application over a shared state.
pub fn router(shared: Arc<Shared>) -> Router {
    let limits = shared.limits;
    let mut router = Router::new();
    for (_, path, handler) in table() {
        router = router.route(path, handler);
    }
    router
        .fallback(not_found)
        .layer(DefaultBodyLimit::max(limits.max_body))
        .layer(middleware::from_fn_with_state(
            Arc::clone(&shared),
            guard::auth,
        ))
        .layer(middleware::from_fn_with_state(
            Arc::clone(&shared),
            guard::browser,
        ))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::SERVICE_UNAVAILABLE,
            limits.timeout,
        ))
        .layer(middleware::from_fn(guard::json_errors))
        .with_state(shared)
}

async fn not_found() -> Response {
    crate::error::ApiError::from_status(StatusCode::NOT_FOUND).into_response()
}

async fn page() -> Response {
    let mut response = PAGE.into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    // The page loads nothing from elsewhere; say so to the browser too.
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; \
             connect-src 'self'; img-src data:; base-uri 'none'; form-action 'none'",
        ),
    );
    response
}

async fn openapi() -> Response {
    let mut response = OPENAPI.into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    response
}
