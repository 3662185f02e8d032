//! Connection limits against a live server on loopback: a header that never ends and an idle
//! keep-alive connection are closed, and a connection beyond the cap is answered 503 `busy`.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "tests fail loudly on purpose"
)]

mod common;

use common::*;
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// Reads until the server closes the connection, and how long that took; fails after 5 s.
async fn read_to_close(stream: &mut TcpStream) -> (Vec<u8>, Duration) {
    let started = Instant::now();
    let mut out = Vec::new();
    let read = tokio::time::timeout(Duration::from_secs(5), async {
        let mut buf = [0u8; 4096];
        loop {
            match stream.read(&mut buf).await {
                Ok(0) | Err(_) => break,
                Ok(n) => out.extend_from_slice(&buf[..n]),
            }
        }
    })
    .await;
    assert!(read.is_ok(), "the connection was never closed");
    (out, started.elapsed())
}

#[tokio::test]
async fn a_header_that_never_ends_is_cut_off() {
    let mut cfg = config(&example());
    cfg.limits.header_timeout = Duration::from_millis(300);
    let server = start(cfg).await;
    let mut stream = TcpStream::connect(server.addr()).await.unwrap();
    stream
        .write_all(b"GET /api/health HTTP/1.1\r\nhost: 127.0.0.1\r\n")
        .await
        .unwrap();
    let (_, took) = read_to_close(&mut stream).await;
    assert!(took < Duration::from_secs(3), "{took:?}");
    server.shutdown().await.unwrap();
}

#[tokio::test]
async fn an_idle_connection_is_closed() {
    let mut cfg = config(&example());
    cfg.limits.idle_timeout = Duration::from_millis(300);
    let server = start(cfg).await;
    let mut stream = TcpStream::connect(server.addr()).await.unwrap();
    stream
        .write_all(b"GET /api/health HTTP/1.1\r\nhost: 127.0.0.1\r\n\r\n")
        .await
        .unwrap();
    let (answer, took) = read_to_close(&mut stream).await;
    assert!(answer.starts_with(b"HTTP/1.1 200"), "{answer:?}");
    assert!(took < Duration::from_secs(3), "{took:?}");
    server.shutdown().await.unwrap();
}

#[tokio::test]
async fn connections_beyond_the_cap_are_busy() {
    let mut cfg = config(&example());
    cfg.limits.max_connections = 2;
    let server = start(cfg).await;
    let _first = TcpStream::connect(server.addr()).await.unwrap();
    let _second = TcpStream::connect(server.addr()).await.unwrap();
    // Let the server accept both before the third arrives.
    tokio::time::sleep(Duration::from_millis(200)).await;
    let mut third = TcpStream::connect(server.addr()).await.unwrap();
    let (answer, _) = read_to_close(&mut third).await;
    let text = String::from_utf8_lossy(&answer);
    assert!(text.starts_with("HTTP/1.1 503"), "{text}");
    let body = text.split("\r\n\r\n").nth(1).unwrap();
    let body: serde_json::Value = serde_json::from_str(body).unwrap();
    assert_eq!(body["code"], "busy");
    drop(_first);
    server.shutdown().await.unwrap();
}

/// Sends raw bytes and parses the answer's status and JSON body.
async fn raw(server: &quanze_server::Server, request: &[u8]) -> (String, serde_json::Value) {
    let mut stream = TcpStream::connect(server.addr()).await.unwrap();
    // The server may answer and close before it has read everything; that is fine.
    let _ = stream.write_all(request).await;
    let (answer, _) = read_to_close(&mut stream).await;
    let text = String::from_utf8_lossy(&answer).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head.lines().next().unwrap_or("").to_owned();
    assert!(
        head.to_ascii_lowercase()
            .contains("content-type: application/json"),
        "{head}"
    );
    (status, serde_json::from_str(body).unwrap_or_default())
}

#[tokio::test]
async fn requests_hyper_refuses_get_json_errors() {
    let server = start(config(&example())).await;
    let huge_header = format!(
        "GET /api/health HTTP/1.1\r\nhost: 127.0.0.1\r\nx-big: {}\r\n\r\n",
        "a".repeat(1 << 20)
    );
    let (status, body) = raw(&server, huge_header.as_bytes()).await;
    assert!(status.starts_with("HTTP/1.1 431"), "{status}");
    assert_eq!(body["code"], "too_large", "{body}");

    let long_uri = format!(
        "GET /{} HTTP/1.1\r\nhost: 127.0.0.1\r\n\r\n",
        "a".repeat(70_000)
    );
    let (status, body) = raw(&server, long_uri.as_bytes()).await;
    assert!(status.starts_with("HTTP/1.1 414"), "{status}");
    assert_eq!(body["code"], "too_large", "{body}");

    let (status, body) = raw(&server, b"\x01\x02 nonsense\r\n\r\n").await;
    assert!(status.starts_with("HTTP/1.1 400"), "{status}");
    assert_eq!(body["code"], "bad_request", "{body}");
    server.shutdown().await.unwrap();
}
