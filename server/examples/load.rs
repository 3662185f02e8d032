//! A bounded load test of `POST /api/who` on loopback, with hot reloads under load.
//!
//! ```text
//! cargo run --release -p quanze-server --example load -- \
//!     [--path rules-examples/ningbo-construction-waste] [--seconds 10] [--connections 32] \
//!     [--reloads 20] [--server-threads 2] [--client-threads 2]
//! ```
//!
//! The rule set is copied to a temporary directory; the server runs in this process on its own
//! runtime, the clients (keep-alive HTTP/1.1 connections, each sending one request at a time)
//! on another, so both share the machine's cores. During the run a rule file is changed and
//! `POST /api/reload` called `--reloads` times at even intervals. Every response must be 200
//! and name a rule set that was served; every 64th body is parsed and its proof's receipt
//! compared with the header. Prints throughput and latency percentiles.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "a measuring tool: failing loudly is its job"
)]

use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use hyper::Request;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

const QUERIES: &[&str] = &[
    r#"{"item":"330205-CF-001","place":"甬江街道","date":"2024-05-01"}"#,
    r#"{"item":"330205-CF-001","place":"孔浦街道","date":"2024-05-01"}"#,
    r#"{"item":"330205-JC-014","place":"慈城镇","date":"2024-05-01"}"#,
    r#"{"item":"330205-JC-014","place":"慈城镇","date":"2025-06-30"}"#,
    r#"{"item":"330205-CF-004","place":"庄桥街道","date":"2025-03-01"}"#,
    r#"{"item":"330205-CF-001","place":"慈城镇","date":"2024-05-01","part":"没收较大数额财物"}"#,
];

struct Args {
    path: PathBuf,
    seconds: u64,
    connections: usize,
    reloads: usize,
    server_threads: usize,
    client_threads: usize,
}

fn args() -> Args {
    let mut args = Args {
        path: Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../rules-examples/ningbo-construction-waste"),
        seconds: 10,
        connections: 32,
        reloads: 20,
        server_threads: 2,
        client_threads: 2,
    };
    let given: Vec<String> = std::env::args().skip(1).collect();
    for pair in given.chunks(2) {
        let value = pair.get(1).cloned().unwrap_or_default();
        match pair[0].as_str() {
            "--path" => args.path = PathBuf::from(value),
            "--seconds" => args.seconds = value.parse().unwrap(),
            "--connections" => args.connections = value.parse().unwrap(),
            "--reloads" => args.reloads = value.parse().unwrap(),
            "--server-threads" => args.server_threads = value.parse().unwrap(),
            "--client-threads" => args.client_threads = value.parse().unwrap(),
            other => panic!("unknown option {other}"),
        }
    }
    args
}

/// Copies the `.qz` files of `from` (recursively) into a fresh temporary directory.
fn copy_rules(from: &Path) -> PathBuf {
    let to = std::env::temp_dir().join(format!("quanze-load-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&to);
    fn copy(from: &Path, to: &Path) {
        std::fs::create_dir_all(to).unwrap();
        for entry in std::fs::read_dir(from).unwrap() {
            let path = entry.unwrap().path();
            let target = to.join(path.file_name().unwrap());
            if path.is_dir() {
                copy(&path, &target);
            } else if path.extension().is_some_and(|e| e == "qz") {
                std::fs::copy(&path, target).unwrap();
            }
        }
    }
    copy(from, &to);
    to
}

async fn connection(addr: SocketAddr) -> hyper::client::conn::http1::SendRequest<Full<Bytes>> {
    let stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    stream.set_nodelay(true).unwrap();
    let (sender, conn) =
        hyper::client::conn::http1::handshake(hyper_util::rt::TokioIo::new(stream))
            .await
            .unwrap();
    tokio::spawn(conn);
    sender
}

fn post(path: &str, body: &'static str) -> Request<Full<Bytes>> {
    Request::post(path)
        .header("host", "127.0.0.1")
        .header("content-type", "application/json")
        .body(Full::new(Bytes::from_static(body.as_bytes())))
        .unwrap()
}

fn percentile(sorted: &[u32], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    f64::from(sorted[rank.min(sorted.len() - 1)]) / 1000.0
}

fn main() {
    let args = args();
    let dir = copy_rules(&args.path);
    let server_rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(args.server_threads)
        .enable_all()
        .build()
        .unwrap();
    let mut config = quanze_server::Config::new(&dir);
    config.addr = SocketAddr::from(([127, 0, 0, 1], 0));
    let server = server_rt.block_on(quanze_server::start(config)).unwrap();
    let addr = server.addr();
    let initial = server.shared().rules().content_hash().to_owned();
    let client_rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(args.client_threads)
        .enable_all()
        .build()
        .unwrap();
    let errors = Arc::new(AtomicU64::new(0));
    let duration = Duration::from_secs(args.seconds);
    let started = Instant::now();
    let deadline = started + duration;
    let (latencies, reloads_ok) = client_rt.block_on(async {
        let mut tasks = Vec::new();
        for c in 0..args.connections {
            let errors = Arc::clone(&errors);
            tasks.push(tokio::spawn(async move {
                let mut sender = connection(addr).await;
                let mut latencies = Vec::with_capacity(1 << 16);
                let mut hashes = std::collections::BTreeSet::new();
                let mut n = c;
                while Instant::now() < deadline {
                    let body = QUERIES[n % QUERIES.len()];
                    n += 1;
                    let t = Instant::now();
                    let Ok(response) = sender.send_request(post("/api/who", body)).await else {
                        errors.fetch_add(1, Ordering::Relaxed);
                        sender = connection(addr).await;
                        continue;
                    };
                    let ok = response.status() == 200;
                    let hash = response
                        .headers()
                        .get("x-quanze-content-hash")
                        .and_then(|h| h.to_str().ok())
                        .map(str::to_owned);
                    let bytes = response.into_body().collect().await.map(|b| b.to_bytes());
                    latencies.push(u32::try_from(t.elapsed().as_micros()).unwrap_or(u32::MAX));
                    let (Ok(bytes), true, Some(hash)) = (bytes, ok, hash) else {
                        errors.fetch_add(1, Ordering::Relaxed);
                        continue;
                    };
                    if n % 64 == 0 {
                        let value: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
                        if value["proof"]["receipt"]["rule_set"] != hash.as_str() {
                            errors.fetch_add(1, Ordering::Relaxed);
                        }
                    }
                    hashes.insert(hash);
                }
                (latencies, hashes)
            }));
        }
        // The reloader: change a file, reload, at even intervals through the run.
        let reloader = tokio::spawn({
            let dir = dir.clone();
            let reloads = args.reloads;
            async move {
                let mut ok = 0;
                let mut served = vec![];
                let mut sender = connection(addr).await;
                for i in 0..reloads {
                    let at = started + duration * (i as u32 + 1) / (reloads as u32 + 1);
                    tokio::time::sleep_until(at.into()).await;
                    let file = std::fs::read_dir(&dir)
                        .unwrap()
                        .filter_map(|e| e.ok().map(|e| e.path()))
                        .find(|p| p.extension().is_some_and(|e| e == "qz"))
                        .unwrap();
                    let mut text = std::fs::read_to_string(&file).unwrap();
                    text.push_str(&format!("\n// load revision {i}\n"));
                    std::fs::write(&file, text).unwrap();
                    let response = sender
                        .send_request(post("/api/reload", "{}"))
                        .await
                        .unwrap();
                    let status = response.status();
                    let body = response.into_body().collect().await.unwrap().to_bytes();
                    let value: serde_json::Value = serde_json::from_slice(&body).unwrap();
                    if status == 200 && value["changed"] == true {
                        ok += 1;
                        served.push(value["content_hash"].as_str().unwrap().to_owned());
                    }
                }
                (ok, served)
            }
        });
        let mut all = Vec::new();
        let mut seen = std::collections::BTreeSet::new();
        for task in tasks {
            let (latencies, hashes) = task.await.unwrap();
            all.extend(latencies);
            seen.extend(hashes);
        }
        let (ok, mut served) = reloader.await.unwrap();
        served.push(initial.clone());
        let unknown = seen.iter().filter(|h| !served.contains(h)).count();
        (all, (ok, seen.len(), unknown))
    });
    let elapsed = started.elapsed().as_secs_f64();
    let mut sorted = latencies;
    sorted.sort_unstable();
    let (reloads_ok, hashes_seen, unknown) = reloads_ok;
    println!("path: {}", args.path.display());
    println!(
        "connections: {}, server threads: {}, client threads: {}, cores: {}",
        args.connections,
        args.server_threads,
        args.client_threads,
        std::thread::available_parallelism().map_or(0, |n| n.get())
    );
    println!("requests: {} in {elapsed:.1} s", sorted.len());
    println!(
        "throughput: {:.0} requests/s",
        sorted.len() as f64 / elapsed
    );
    println!(
        "latency ms: p50 {:.3}, p90 {:.3}, p99 {:.3}, max {:.3}",
        percentile(&sorted, 0.50),
        percentile(&sorted, 0.90),
        percentile(&sorted, 0.99),
        percentile(&sorted, 1.0)
    );
    println!(
        "errors: {}; reloads swapped: {reloads_ok}/{}; rule sets answered from: {hashes_seen}",
        errors.load(Ordering::Relaxed) + unknown as u64,
        args.reloads
    );
    server_rt.block_on(server.shutdown()).unwrap();
    let _ = std::fs::remove_dir_all(&dir);
}
