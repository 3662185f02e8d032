//! Heavy work off the async workers, bounded in number and in time.
//!
//! Every query, batch, check and verify runs on a blocking thread, so that a slow one never
//! holds a runtime worker (the time limit of the request is a timer on the async side and can
//! only fire while the workers are free). At most [`crate::Limits::max_concurrent`] of them run
//! at once; beyond that a request is answered 503 `busy` at once. The permit travels into the
//! blocking thread and is released when the work really ends, not when its request is answered,
//! so work that outlives its 503 still counts against the limit. Work that loops (a batch) checks
//! its [`Deadline`] between steps and stops when it has passed.

use crate::error::ApiError;
use crate::state::Shared;
use axum::http::StatusCode;
use std::time::{Duration, Instant};

/// The moment a request's time limit expires.
#[derive(Clone, Copy, Debug)]
pub struct Deadline(Instant);

impl Deadline {
    /// A deadline `limit` from now.
    pub fn after(limit: Duration) -> Self {
        Self(
            Instant::now()
                .checked_add(limit)
                .unwrap_or_else(Instant::now),
        )
    }

    pub fn passed(self) -> bool {
        Instant::now() >= self.0
    }
}

/// The error of work stopped at its deadline (the client has had its 503 already).
pub fn timed_out() -> ApiError {
    ApiError::from_status(StatusCode::SERVICE_UNAVAILABLE)
}

/// Runs `work` on a blocking thread under the concurrency limit, with the request's deadline.
pub async fn blocking<R, F>(shared: &Shared, work: F) -> Result<R, ApiError>
where
    R: Send + 'static,
    F: FnOnce(Deadline) -> R + Send + 'static,
{
    let deadline = Deadline::after(shared.limits.timeout);
    let Ok(permit) = std::sync::Arc::clone(&shared.heavy).try_acquire_owned() else {
        return Err(ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "busy",
            format!(
                "the server is answering {} requests already; try again shortly",
                shared.limits.max_concurrent
            ),
        ));
    };
    tokio::task::spawn_blocking(move || {
        let _permit = permit;
        work(deadline)
    })
    .await
    .map_err(|e| ApiError::internal(e.to_string()))
}
