//! Reading a JSON request body: bounded by the body limit (413 beyond it), and every failure
//! answered as a JSON error, never a panic. The content type is checked before this, by
//! [`crate::guard`] (`application/json` only, so that a page elsewhere cannot post a form).
//! serde_json bounds nesting depth itself, so deeply nested input is refused, not overflowed.

use crate::error::ApiError;
use crate::state::Shared;
use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::StatusCode;
use serde::de::DeserializeOwned;
use std::sync::Arc;

/// A request body parsed from JSON into `T`.
pub struct JsonBody<T>(pub T);

impl<T: DeserializeOwned> FromRequest<Arc<Shared>> for JsonBody<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &Arc<Shared>) -> Result<Self, ApiError> {
        let bytes = Bytes::from_request(req, state).await.map_err(|rejection| {
            if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
                ApiError::too_large(format!(
                    "the request body is larger than {} bytes",
                    state.limits.max_body
                ))
                .with("limit", state.limits.max_body.into())
            } else {
                ApiError::bad_request(format!(
                    "the request body could not be read: {}",
                    rejection.body_text()
                ))
            }
        })?;
        parse(&bytes).map(JsonBody)
    }
}

/// Parses a body, naming the line and column of the first problem.
pub fn parse<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    serde_json::from_slice(bytes).map_err(|e| {
        ApiError::new(
            StatusCode::BAD_REQUEST,
            "invalid_json",
            format!(
                "the request body is not a valid request: {}",
                quanze_core::plain::json_error(&e)
            ),
        )
    })
}
