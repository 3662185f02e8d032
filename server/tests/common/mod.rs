//! Helpers shared by the server's tests: start a server on loopback port 0 over the Ningbo
//! example (or a private copy of it that a test may change), and talk JSON to it.

#![allow(
    dead_code,
    reason = "each test file uses a different part of the helpers"
)]

use quanze_server::{Config, Server};
use serde_json::Value;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

pub const EXAMPLE: &str = "rules-examples/ningbo-construction-waste";

pub fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

pub fn example() -> PathBuf {
    workspace().join(EXAMPLE)
}

/// A server configuration over `path` on 127.0.0.1, port 0.
pub fn config(path: &Path) -> Config {
    let mut config = Config::new(path);
    config.addr = SocketAddr::from(([127, 0, 0, 1], 0));
    config
}

pub async fn start(config: Config) -> Server {
    quanze_server::start(config).await.unwrap()
}

/// A fresh directory under the system's temporary directory, removed on drop.
pub struct TempDir(pub PathBuf);

impl TempDir {
    pub fn new(tag: &str) -> Self {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, Ordering::SeqCst);
        let dir = std::env::temp_dir().join(format!("quanze-{tag}-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Self(dir)
    }

    /// A copy of the Ningbo example that the test may change.
    pub fn with_example(tag: &str) -> Self {
        let dir = Self::new(tag);
        for entry in std::fs::read_dir(example()).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "qz") {
                std::fs::copy(&path, dir.0.join(path.file_name().unwrap())).unwrap();
            }
        }
        dir
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A JSON answer: status, the content-hash header, and the body.
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub hash: Option<String>,
    pub content_type: Option<String>,
    pub body: Value,
}

/// The token the tests that need one give their server; [`client`] sends it always (a server
/// without a token ignores it).
pub const TOKEN: &str = "test-token";

/// A client that sends JSON, as the API requires of a POST body, and [`TOKEN`].
pub fn client() -> reqwest::Client {
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert(
        reqwest::header::CONTENT_TYPE,
        reqwest::header::HeaderValue::from_static("application/json"),
    );
    headers.insert(
        reqwest::header::AUTHORIZATION,
        reqwest::header::HeaderValue::from_static("Bearer test-token"),
    );
    reqwest::Client::builder()
        .no_proxy()
        .default_headers(headers)
        .build()
        .unwrap()
}

/// A client that sends nothing by default, for the tests of what the API refuses.
pub fn bare_client() -> reqwest::Client {
    reqwest::Client::builder().no_proxy().build().unwrap()
}

/// A server configuration over `path` on 127.0.0.1, port 0, with [`TOKEN`].
pub fn config_with_token(path: &Path) -> Config {
    let mut config = config(path);
    config.token = Some(TOKEN.to_owned());
    config
}

async fn reply(response: reqwest::Response) -> Reply {
    let status = response.status().as_u16();
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    let hash = header("x-quanze-content-hash");
    let content_type = header("content-type");
    let bytes = response.bytes().await.unwrap();
    let body = serde_json::from_slice(&bytes)
        .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&bytes).into_owned()));
    Reply {
        status,
        hash,
        content_type,
        body,
    }
}

pub async fn post(server: &Server, path: &str, body: &Value) -> Reply {
    post_raw(server, path, body.to_string().into_bytes()).await
}

pub async fn post_raw(server: &Server, path: &str, body: Vec<u8>) -> Reply {
    let url = format!("http://{}{path}", server.addr());
    reply(client().post(url).body(body).send().await.unwrap()).await
}

pub async fn get(server: &Server, path: &str) -> Reply {
    let url = format!("http://{}{path}", server.addr());
    reply(client().get(url).send().await.unwrap()).await
}

/// The who query of the README: a construction-waste penalty in 甬江街道 on 1 May 2024.
pub fn who_body() -> Value {
    serde_json::json!({"item": "330205-CF-001", "place": "甬江街道", "date": "2024-05-01"})
}
