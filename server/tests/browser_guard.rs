//! What a browser visiting another site could make it send to a server on loopback is refused:
//! a foreign `Host` (DNS rebinding), a foreign `Origin`, a body that is not declared JSON (a
//! form), and `/api/reload` on a server without a token.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "tests fail loudly on purpose"
)]

mod common;

use common::*;
use serde_json::Value;

async fn send(request: reqwest::RequestBuilder) -> (u16, Value) {
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or_default())
}

#[tokio::test]
async fn a_rebound_host_name_is_refused() {
    let mut cfg = config(&example());
    cfg.allowed_hosts = vec!["quanze.example".to_owned()];
    let server = start(cfg).await;
    let url = format!("http://{}/api/who", server.addr());
    let port = server.addr().port();
    for (host, want) in [
        (format!("evil.example:{port}"), 403),
        (format!("localhost:{port}"), 200),
        (format!("QUANZE.example:{port}"), 200),
    ] {
        let (status, body) = send(
            client()
                .post(&url)
                .header("host", host.as_str())
                .body(who_body().to_string()),
        )
        .await;
        assert_eq!(status, want, "{host}: {body}");
    }
    let health = format!("http://{}/api/health", server.addr());
    let (status, body) = send(client().get(&health).header("host", "evil.example")).await;
    assert_eq!((status, body["code"].as_str()), (403, Some("forbidden")));
    server.shutdown().await.unwrap();
}

#[tokio::test]
async fn a_post_from_another_origin_is_refused() {
    let server = start(config(&example())).await;
    let url = format!("http://{}/api/who", server.addr());
    let (status, body) = send(
        client()
            .post(&url)
            .header("origin", "http://evil.example")
            .body(who_body().to_string()),
    )
    .await;
    assert_eq!((status, body["code"].as_str()), (403, Some("forbidden")));
    let (status, _) = send(
        client()
            .post(&url)
            .header("sec-fetch-site", "cross-site")
            .body(who_body().to_string()),
    )
    .await;
    assert_eq!(status, 403);
    // The page's own requests come from the server's origin.
    let own = format!("http://{}", server.addr());
    let (status, body) = send(
        client()
            .post(&url)
            .header("origin", own)
            .header("sec-fetch-site", "same-origin")
            .body(who_body().to_string()),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    server.shutdown().await.unwrap();
}

#[tokio::test]
async fn a_body_not_declared_json_is_refused() {
    let server = start(config(&example())).await;
    let url = format!("http://{}/api/who", server.addr());
    for content_type in [
        None,
        Some("text/plain"),
        Some("application/x-www-form-urlencoded"),
    ] {
        let mut request = bare_client().post(&url).body(who_body().to_string());
        if let Some(t) = content_type {
            request = request.header("content-type", t);
        }
        let (status, body) = send(request).await;
        assert_eq!(
            (status, body["code"].as_str()),
            (415, Some("unsupported_media_type")),
            "{content_type:?}"
        );
    }
    let (status, _) = send(
        bare_client()
            .post(&url)
            .header("content-type", "application/json; charset=utf-8")
            .body(who_body().to_string()),
    )
    .await;
    assert_eq!(status, 200);
    server.shutdown().await.unwrap();
}

#[tokio::test]
async fn reload_needs_a_token_always() {
    let server = start(config(&example())).await;
    let reply = post(&server, "/api/reload", &serde_json::json!({})).await;
    assert_eq!(
        (reply.status, reply.body["code"].as_str()),
        (403, Some("forbidden")),
        "{}",
        reply.body
    );
    server.shutdown().await.unwrap();
    let server = start(config_with_token(&example())).await;
    let url = format!("http://{}/api/reload", server.addr());
    let (status, _) = send(bare_client().post(&url)).await;
    assert_eq!(status, 401);
    let reply = post(&server, "/api/reload", &serde_json::json!({})).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    server.shutdown().await.unwrap();
}
