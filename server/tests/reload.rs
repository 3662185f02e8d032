//! Hot reload: a good rule set is swapped in, a broken one is refused while the old one keeps
//! serving, `--watch` notices a changed file, and answers under concurrent reloads are never
//! torn (each names one rule set, and its proof rests on that same one).

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
use std::time::Duration;

/// Appends a comment to a rule file: a new content hash, the same answers.
fn touch(dir: &TempDir, n: usize) {
    let path = dir.0.join("items.qz");
    let mut text = std::fs::read_to_string(&path).unwrap();
    text.push_str(&format!("\n// revision {n}\n"));
    std::fs::write(path, text).unwrap();
}

#[tokio::test]
async fn reload_swaps_a_good_rule_set_and_keeps_the_old_one_on_errors() {
    let dir = TempDir::with_example("reload");
    let server = start(config_with_token(&dir.0)).await;
    let first = server.shared().rules().content_hash().to_owned();

    let same = post(&server, "/api/reload", &json!({})).await;
    assert_eq!(same.status, 200);
    assert_eq!(same.body["changed"], false);

    touch(&dir, 1);
    let changed = post(&server, "/api/reload", &json!({})).await;
    assert_eq!(changed.status, 200, "{}", changed.body);
    assert_eq!(changed.body["changed"], true);
    assert_eq!(changed.body["previous"], first.as_str());
    let second = changed.body["content_hash"].as_str().unwrap().to_owned();
    assert_ne!(second, first);
    assert_eq!(
        post(&server, "/api/who", &who_body()).await.hash.as_deref(),
        Some(second.as_str())
    );

    std::fs::write(
        dir.0.join("zz-broken.qz"),
        "item X \"broken\" {\n  list：行政执法\n}\n",
    )
    .unwrap();
    let failed = post(&server, "/api/reload", &json!({})).await;
    assert_eq!(failed.status, 422, "{}", failed.body);
    assert_eq!(failed.body["code"], "rule_errors");
    assert_eq!(failed.body["content_hash"], second.as_str());
    assert_eq!(failed.body["diagnostics"][0]["file"], "zz-broken.qz");
    let still = post(&server, "/api/who", &who_body()).await;
    assert_eq!(
        (still.status, still.hash.as_deref()),
        (200, Some(second.as_str()))
    );
    let health = get(&server, "/api/health").await;
    assert_eq!(health.body["failed_reloads"], 1);
    assert!(health.body["last_reload_error"].is_object());

    std::fs::remove_file(dir.0.join("zz-broken.qz")).unwrap();
    let healed = post(&server, "/api/reload", &json!({})).await;
    assert_eq!(healed.status, 200);
    assert!(get(&server, "/api/health").await.body["last_reload_error"].is_null());
    server.shutdown().await.unwrap();
}

#[tokio::test]
async fn watch_reloads_when_a_file_changes() {
    let dir = TempDir::with_example("watch");
    let mut cfg = config(&dir.0);
    cfg.watch = Some(Duration::from_millis(50));
    let server = start(cfg).await;
    let first = server.shared().rules().content_hash().to_owned();
    // Modification times may be coarse: the size changes too, so the change is always seen.
    tokio::time::sleep(Duration::from_millis(120)).await;
    touch(&dir, 1);
    let mut now = first.clone();
    for _ in 0..200 {
        tokio::time::sleep(Duration::from_millis(25)).await;
        now = get(&server, "/api/health").await.body["content_hash"]
            .as_str()
            .unwrap()
            .to_owned();
        if now != first {
            break;
        }
    }
    assert_ne!(now, first, "the change was not picked up");
    server.shutdown().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn answers_under_concurrent_reloads_are_never_torn() {
    let dir = TempDir::with_example("torn");
    let server = start(config_with_token(&dir.0)).await;
    let addr = server.addr();
    let mut askers = Vec::new();
    for _ in 0..4 {
        askers.push(tokio::spawn(async move {
            let client = client();
            let mut seen = std::collections::BTreeSet::new();
            for _ in 0..150 {
                let response = client
                    .post(format!("http://{addr}/api/who"))
                    .body(who_body().to_string())
                    .send()
                    .await
                    .unwrap();
                assert_eq!(response.status().as_u16(), 200);
                let header = response.headers()["x-quanze-content-hash"]
                    .to_str()
                    .unwrap()
                    .to_owned();
                let body: serde_json::Value = response.json().await.unwrap();
                // The answer, its proof and the header all rest on the same rule set.
                assert_eq!(body["proof"]["receipt"]["rule_set"], header.as_str());
                assert_eq!(body["named"]["handler"], "宁波市/江北区/甬江街道");
                seen.insert(header);
            }
            seen
        }));
    }
    let mut hashes = std::collections::BTreeSet::new();
    hashes.insert(server.shared().rules().content_hash().to_owned());
    for n in 0..20 {
        touch(&dir, n);
        let reply = post(&server, "/api/reload", &json!({})).await;
        assert_eq!(reply.status, 200);
        hashes.insert(reply.body["content_hash"].as_str().unwrap().to_owned());
    }
    for asker in askers {
        for hash in asker.await.unwrap() {
            assert!(
                hashes.contains(&hash),
                "an answer named a rule set never served"
            );
        }
    }
    server.shutdown().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_replaced_rule_set_is_freed_once_its_last_request_is_done() {
    let dir = TempDir::with_example("retire");
    let server = start(config_with_token(&dir.0)).await;
    // A request still answering from the first rule set while it is replaced.
    let held = server.shared().rules();
    let first = std::sync::Arc::downgrade(&held);
    touch(&dir, 1);
    let reply = post(&server, "/api/reload", &json!({})).await;
    assert_eq!(reply.body["changed"], true, "{}", reply.body);
    let second = std::sync::Arc::downgrade(&server.shared().rules());
    tokio::time::sleep(Duration::from_millis(50)).await;
    assert!(first.upgrade().is_some(), "freed while still in use");
    drop(held);
    touch(&dir, 2);
    let reply = post(&server, "/api/reload", &json!({})).await;
    assert_eq!(reply.body["changed"], true, "{}", reply.body);
    let mut freed = false;
    for _ in 0..200 {
        if first.upgrade().is_none() && second.upgrade().is_none() {
            freed = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    assert!(freed, "a replaced rule set was kept");
    server.shutdown().await.unwrap();
}

#[tokio::test]
async fn health_shows_a_failed_reload_as_degraded_without_file_content() {
    let dir = TempDir::with_example("degraded");
    let server = start(config_with_token(&dir.0)).await;
    let served = server.shared().rules().content_hash().to_owned();
    let ok = get(&server, "/api/health").await;
    assert_eq!(ok.body["status"], "ok");
    assert_eq!(ok.body["disk_hash"], served.as_str());

    // A broken file whose text would show in a diagnostic's message.
    std::fs::write(
        dir.0.join("zz-broken.qz"),
        "SECRETWORD1 SECRETWORD2 {\n  list：行政执法\n}\n",
    )
    .unwrap();
    let failed = post(&server, "/api/reload", &json!({})).await;
    assert_eq!(failed.status, 422, "{}", failed.body);
    // The messages quote the text, which is why health leaves them out.
    assert!(
        failed.body.to_string().contains("SECRETWORD"),
        "{}",
        failed.body
    );
    for path in ["/api/health", "/api/version"] {
        let reply = get(&server, path).await;
        assert_eq!(reply.body["status"], "degraded", "{path}: {}", reply.body);
        assert_eq!(reply.body["content_hash"], served.as_str());
        let disk = reply.body["disk_hash"].as_str().unwrap();
        assert!(disk.starts_with("sha256:") && disk != served, "{disk}");
        let error = &reply.body["last_reload_error"];
        assert_eq!(error["code"], "rule_errors");
        assert_eq!(error["diagnostics"][0]["file"], "zz-broken.qz");
        assert!(error["diagnostics"][0]["code"].is_string(), "{error}");
        assert!(
            !reply.body.to_string().contains("SECRETWORD"),
            "{path} shows file content: {}",
            reply.body
        );
    }

    // Once the files compile again, the hash on disk is the one served.
    std::fs::remove_file(dir.0.join("zz-broken.qz")).unwrap();
    assert_eq!(post(&server, "/api/reload", &json!({})).await.status, 200);
    let healed = get(&server, "/api/health").await;
    assert_eq!(healed.body["status"], "ok");
    assert_eq!(healed.body["disk_hash"], healed.body["content_hash"]);
    server.shutdown().await.unwrap();
}

#[tokio::test]
async fn watch_does_not_serve_a_copy_in_progress() {
    let dir = TempDir::with_example("settle");
    let mut cfg = config(&dir.0);
    cfg.watch = Some(Duration::from_millis(150));
    let server = start(cfg).await;
    let first = server.shared().rules().content_hash().to_owned();
    // A new file arrives piece by piece, each piece shorter than a poll interval: every poll
    // during the copy sees a different, broken file.
    let text = std::fs::read_to_string(dir.0.join("items.qz")).unwrap();
    let copy = dir.0.join("zz-copy.qz");
    let bytes = format!("{text}\n// copied\n").into_bytes();
    let pieces = 8;
    for i in 1..pieces {
        let cut = bytes.len() * i / pieces;
        // Cut on a character boundary, so the only error is the missing rest.
        let cut = (0..=cut)
            .rev()
            .find(|c| std::str::from_utf8(&bytes[..*c]).is_ok())
            .unwrap();
        std::fs::write(
            &copy,
            format!("{}\n{{", std::str::from_utf8(&bytes[..cut]).unwrap()),
        )
        .unwrap();
        tokio::time::sleep(Duration::from_millis(90)).await;
    }
    std::fs::remove_file(&copy).unwrap();
    touch(&dir, 1);
    let mut health = get(&server, "/api/health").await;
    for _ in 0..100 {
        if health.body["content_hash"] != first.as_str() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
        health = get(&server, "/api/health").await;
    }
    assert_ne!(
        health.body["content_hash"],
        first.as_str(),
        "{}",
        health.body
    );
    assert_eq!(health.body["failed_reloads"], 0, "{}", health.body);
    server.shutdown().await.unwrap();
}

#[cfg(unix)]
#[tokio::test]
async fn watch_follows_a_rule_directory_swapped_by_its_link() {
    let old = TempDir::with_example("release-1");
    let new = TempDir::with_example("release-2");
    touch(&new, 7);
    let links = TempDir::new("releases");
    let served = links.0.join("rules");
    std::os::unix::fs::symlink(&old.0, &served).unwrap();
    let mut cfg = config(&served);
    cfg.watch = Some(Duration::from_millis(50));
    let server = start(cfg).await;
    let first = server.shared().rules().content_hash().to_owned();
    // The deploy: a new link, renamed over the old one in one step.
    let staged = links.0.join("rules.new");
    std::os::unix::fs::symlink(&new.0, &staged).unwrap();
    std::fs::rename(&staged, &served).unwrap();
    let mut now = first.clone();
    for _ in 0..200 {
        tokio::time::sleep(Duration::from_millis(25)).await;
        now = get(&server, "/api/health").await.body["content_hash"]
            .as_str()
            .unwrap()
            .to_owned();
        if now != first {
            break;
        }
    }
    let health = get(&server, "/api/health").await.body;
    assert_ne!(
        now, first,
        "the swapped directory was not picked up: {health}"
    );
    server.shutdown().await.unwrap();
}
