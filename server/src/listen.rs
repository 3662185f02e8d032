//! The accept loop: HTTP/1.1 connections held to a header-read timeout, an idle timeout and a
//! cap on open connections.
//!
//! `axum::serve` sets none of these, so a client could hold a connection open forever by sending
//! a header one byte a minute, or open connections until the process runs out of descriptors.
//! Here each connection is served by hyper with a header-read timeout; the socket is wrapped in
//! [`Idle`], which fails a read or write that has waited longer than the idle timeout; and a
//! connection beyond the cap is answered 503 `busy` (JSON, as every error) and closed. hyper's
//! own answers to requests it cannot parse (431, 414, 400) get a JSON body too ([`Idle`]).

use crate::config::Limits;
use axum::Router;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use std::future::Future;
use std::io;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncWrite, AsyncWriteExt, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{oneshot, Semaphore};
use tokio::time::{Instant, Sleep};

/// How long a stopping server waits for the requests in flight.
const DRAIN: Duration = Duration::from_secs(30);

/// Serves `app` on `listener` until `stop` fires (or its sender is dropped).
pub async fn serve(
    listener: TcpListener,
    app: Router,
    limits: Limits,
    stop: oneshot::Receiver<()>,
) -> io::Result<()> {
    let open = Arc::new(Semaphore::new(limits.max_connections));
    let graceful = GracefulShutdown::new();
    let mut stop = stop;
    loop {
        let stream = tokio::select! {
            _ = &mut stop => break,
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                // A failed accept (a reset connection, too many open files) concerns that one
                // connection; back off a moment rather than spin.
                Err(_) => {
                    tokio::time::sleep(Duration::from_millis(10)).await;
                    continue;
                }
            },
        };
        let Ok(permit) = Arc::clone(&open).try_acquire_owned() else {
            tokio::spawn(refuse(stream));
            continue;
        };
        let _ = stream.set_nodelay(true);
        let io = TokioIo::new(Idle::new(stream, limits.idle_timeout));
        let service = TowerToHyperService::new(app.clone());
        let connection = hyper::server::conn::http1::Builder::new()
            .timer(TokioTimer::new())
            .header_read_timeout(limits.header_timeout)
            .serve_connection(io, service);
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            // A connection ends in an error when the client goes away or a timeout closes it;
            // either way there is nobody left to tell.
            let _ = connection.await;
            drop(permit);
        });
    }
    drop(listener);
    // Requests in flight finish, up to a bound, and then the server stops.
    let _ = tokio::time::timeout(DRAIN, graceful.shutdown()).await;
    Ok(())
}

/// Answers a connection beyond the cap with 503 `busy` and closes it.
async fn refuse(mut stream: TcpStream) {
    let body = r#"{"code":"busy","message":"the server has too many open connections; try again shortly"}"#;
    let response = format!(
        "HTTP/1.1 503 Service Unavailable\r\ncontent-type: application/json\r\n\
         content-length: {}\r\nretry-after: 1\r\nconnection: close\r\n\r\n{body}",
        body.len()
    );
    let _ = tokio::time::timeout(Duration::from_secs(1), async {
        let _ = stream.write_all(response.as_bytes()).await;
        let _ = stream.shutdown().await;
    })
    .await;
}

/// A socket whose reads and writes fail with `TimedOut` once nothing has moved either way for
/// the idle timeout.
///
/// It also gives hyper's own error answers a JSON body. hyper answers a request it cannot parse
/// (a header too large, 431; a URI too long, 414; malformed, 400) by itself, with an empty body,
/// before any handler runs. Every error the application writes has a JSON body, so a 4xx head
/// with `content-length: 0` can only be one of hyper's; it is replaced by the same status with
/// the JSON error `{"code", "message"}` that every other error has.
pub struct Idle {
    stream: TcpStream,
    limit: Duration,
    timer: Pin<Box<Sleep>>,
    /// A replacement answer still to be written, and how much of it is written.
    queue: Vec<u8>,
    written: usize,
}

impl Idle {
    fn new(stream: TcpStream, limit: Duration) -> Self {
        Self {
            stream,
            limit,
            timer: Box::pin(tokio::time::sleep(limit)),
            queue: Vec::new(),
            written: 0,
        }
    }

    /// Something moved: the idle time starts again.
    fn moved(&mut self) {
        let next = Instant::now().checked_add(self.limit);
        if let Some(next) = next {
            self.timer.as_mut().reset(next);
        }
    }

    /// Called when an operation would wait: an error once the idle time is up.
    fn expired(&mut self, cx: &mut Context<'_>) -> bool {
        self.timer.as_mut().poll(cx).is_ready()
    }
}

impl Idle {
    /// Writes what is left of a replacement answer.
    fn drain(&mut self, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        while let Some(rest) = self.queue.get(self.written..).filter(|r| !r.is_empty()) {
            match Pin::new(&mut self.stream).poll_write(cx, rest) {
                Poll::Ready(Ok(0)) => return Poll::Ready(Err(io::ErrorKind::WriteZero.into())),
                Poll::Ready(Ok(n)) => {
                    self.written += n;
                    self.moved();
                }
                Poll::Ready(Err(e)) => return Poll::Ready(Err(e)),
                Poll::Pending if self.expired(cx) => return Poll::Ready(Err(idle_error())),
                Poll::Pending => return Poll::Pending,
            }
        }
        self.queue.clear();
        self.written = 0;
        Poll::Ready(Ok(()))
    }
}

/// The JSON answer replacing one of hyper's empty error answers, if `bytes` is one: a whole
/// response head, status 4xx, `content-length: 0`.
fn rewrite(bytes: &[u8]) -> Option<Vec<u8>> {
    if !bytes.starts_with(b"HTTP/1.1 4") || !bytes.ends_with(b"\r\n\r\n") {
        return None;
    }
    let head = String::from_utf8_lossy(bytes).to_ascii_lowercase();
    if head.matches("\r\n\r\n").count() != 1 || !head.contains("\r\ncontent-length: 0\r\n") {
        return None;
    }
    let status = head
        .get(9..12)
        .and_then(|s| s.parse::<u16>().ok())
        .and_then(|s| axum::http::StatusCode::from_u16(s).ok())?;
    let body = crate::error::ApiError::from_status(status)
        .body()
        .to_string();
    Some(
        format!(
            "HTTP/1.1 {status}\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\
             x-content-type-options: nosniff\r\ncache-control: no-store\r\n\
             connection: close\r\n\r\n{body}",
            body.len()
        )
        .into_bytes(),
    )
}

fn idle_error() -> io::Error {
    io::Error::new(io::ErrorKind::TimedOut, "the connection was idle too long")
}

impl AsyncRead for Idle {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        match Pin::new(&mut this.stream).poll_read(cx, buf) {
            Poll::Ready(result) => {
                this.moved();
                Poll::Ready(result)
            }
            Poll::Pending if this.expired(cx) => Poll::Ready(Err(idle_error())),
            Poll::Pending => Poll::Pending,
        }
    }
}

impl AsyncWrite for Idle {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        match this.drain(cx) {
            Poll::Ready(Ok(())) => {}
            other => return other.map_ok(|()| 0),
        }
        if let Some(answer) = rewrite(buf) {
            this.queue = answer;
            // The replacement is taken whole; flush and shutdown write what is left of it.
            if let Poll::Ready(Err(e)) = this.drain(cx) {
                return Poll::Ready(Err(e));
            }
            return Poll::Ready(Ok(buf.len()));
        }
        match Pin::new(&mut this.stream).poll_write(cx, buf) {
            Poll::Ready(result) => {
                this.moved();
                Poll::Ready(result)
            }
            Poll::Pending if this.expired(cx) => Poll::Ready(Err(idle_error())),
            Poll::Pending => Poll::Pending,
        }
    }

    // Writes come whole, one buffer at a time, so that a response head arrives in one piece for
    // [`rewrite`] to recognise.
    fn is_write_vectored(&self) -> bool {
        false
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        match this.drain(cx) {
            Poll::Ready(Ok(())) => Pin::new(&mut this.stream).poll_flush(cx),
            other => other,
        }
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        match this.drain(cx) {
            Poll::Ready(Ok(())) => Pin::new(&mut this.stream).poll_shutdown(cx),
            other => other,
        }
    }
}
