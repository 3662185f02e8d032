//! Work limits against a live server on loopback: long names are refused before any lookup,
//! work cut off by the time limit stops, and heavy requests beyond the concurrency limit are
//! answered 503 `busy`.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "tests fail loudly on purpose"
)]

mod common;

use common::*;
use serde_json::json;
use std::time::{Duration, Instant};

#[tokio::test]
async fn a_huge_unknown_name_is_refused_at_once() {
    let server = start(config(&example())).await;
    let started = Instant::now();
    // 20,000 characters held a worker for 15 s computing edit distances.
    let long = "甬".repeat(20_000);
    for body in [
        json!({"item": "330205-CF-001", "place": long, "date": "2024-05-01"}),
        json!({"item": long, "place": "甬江街道", "date": "2024-05-01"}),
        json!({"item": "330205-CF-001", "place": "甬江街道", "date": "2024-05-01", "part": long}),
    ] {
        let reply = post(&server, "/api/who", &body).await;
        assert_eq!(
            (reply.status, reply.body["code"].as_str()),
            (400, Some("invalid_argument")),
            "{}",
            reply.body
        );
        // The name is not echoed back.
        assert!(!reply.body.to_string().contains(&long), "{}", reply.body);
    }
    let scenario = json!({"topic": "建筑垃圾", "place": "甬江街道", "date": "2024-05-01",
        "facts": {long.clone(): "x"}});
    let reply = post(&server, "/api/scenario", &scenario).await;
    assert_eq!(reply.body["code"], "invalid_argument", "{}", reply.body);
    // A name just under the bound still gets an ordinary unknown-name answer.
    let near = json!({"item": "330205-CF-001", "place": "甬".repeat(256), "date": "2024-05-01"});
    let reply = post(&server, "/api/who", &near).await;
    assert_eq!(reply.body["code"], "unknown_name", "{}", reply.body);
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
    server.shutdown().await.unwrap();
}

#[tokio::test]
async fn a_batch_cut_off_by_the_time_limit_stops_working() {
    let mut cfg = config(&example());
    cfg.limits.timeout = Duration::from_millis(100);
    cfg.limits.max_concurrent = 1;
    cfg.limits.max_batch = 100_000;
    cfg.limits.max_body = 16 << 20;
    let server = start(cfg).await;
    let started = Instant::now();
    let batch = json!({"queries": vec![who_body(); 100_000]});
    let reply = post(&server, "/api/who/batch", &batch).await;
    assert_eq!(reply.body["code"], "timeout", "{}", reply.body);
    // Had the batch kept running it would hold the only permit for seconds after its 503; it
    // stops at its deadline, so the permit is free again at once.
    let mut answered = None;
    for _ in 0..50 {
        let reply = post(&server, "/api/who", &who_body()).await;
        if reply.status == 200 {
            answered = Some(started.elapsed());
            break;
        }
        assert_eq!(reply.body["code"], "busy", "{}", reply.body);
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let answered = answered.expect("the permit was never released");
    assert!(answered < Duration::from_secs(3), "{answered:?}");
    server.shutdown().await.unwrap();
}

#[tokio::test]
async fn heavy_requests_beyond_the_limit_are_busy() {
    let mut cfg = config(&example());
    cfg.limits.timeout = Duration::from_millis(1500);
    cfg.limits.max_concurrent = 1;
    cfg.limits.max_batch = 100_000;
    cfg.limits.max_body = 16 << 20;
    let server = start(cfg).await;
    let batch = json!({"queries": vec![who_body(); 100_000]});
    let slow = post(&server, "/api/who/batch", &batch);
    let quick = async {
        tokio::time::sleep(Duration::from_millis(400)).await;
        post(&server, "/api/who", &who_body()).await
    };
    let (slow, quick) = tokio::join!(slow, quick);
    assert_eq!(slow.status, 503, "{}", slow.body);
    assert_eq!(
        (quick.status, quick.body["code"].as_str()),
        (503, Some("busy")),
        "{}",
        quick.body
    );
    server.shutdown().await.unwrap();
}

#[tokio::test]
async fn a_check_cut_off_by_the_time_limit_stops_working() {
    let mut cfg = config(&example());
    cfg.limits.timeout = Duration::from_millis(100);
    cfg.limits.max_concurrent = 1;
    cfg.limits.max_files = 100_000;
    cfg.limits.max_body = 64 << 20;
    let server = start(cfg).await;
    let text = std::fs::read_to_string(example().join("items.qz")).unwrap();
    let files: Vec<_> = (0..3000)
        .map(|i| json!({"name": format!("{i}.qz"), "text": text}))
        .collect();
    let started = Instant::now();
    let reply = post(&server, "/api/check", &json!({ "files": files })).await;
    assert_eq!(reply.body["code"], "timeout", "{}", reply.body);
    let mut answered = None;
    for _ in 0..100 {
        let reply = post(&server, "/api/who", &who_body()).await;
        if reply.status == 200 {
            answered = Some(started.elapsed());
            break;
        }
        assert_eq!(reply.body["code"], "busy", "{}", reply.body);
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let answered = answered.expect("the permit was never released");
    assert!(answered < Duration::from_secs(2), "{answered:?}");
    server.shutdown().await.unwrap();
}
