//! `quanze serve` as an operator meets it: started on the Ningbo example, a who query over
//! plain HTTP (what `curl` sends) answers the same JSON as `quanze who … --json`.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "tests fail loudly on purpose"
)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};

mod common;
use common::{ask_readme_question, root, EXAMPLE};

/// The server process, killed when the test ends however it ends.
struct Serving(Child);

impl Drop for Serving {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts `quanze serve EXAMPLE --addr 127.0.0.1:0` and reads the address it announces.
fn serve() -> (Serving, String) {
    serve_with(&[]).0
}

/// [`serve`] with more arguments; also returns what was printed before the address.
fn serve_with(extra: &[&str]) -> ((Serving, String), String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_quanze"))
        .args(["serve", EXAMPLE, "--addr", "127.0.0.1:0"])
        .args(extra)
        .env_remove("QUANZE_TOKEN")
        .current_dir(root())
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let mut reader = BufReader::new(child.stderr.take().unwrap());
    let mut before = String::new();
    let mut line = String::new();
    while reader.read_line(&mut line).unwrap() > 0 && !line.contains("http://") {
        before.push_str(&line);
        line.clear();
    }
    let serving = Serving(child);
    let addr = line
        .split("http://")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .unwrap_or_else(|| panic!("no address in {line:?}"))
        .to_owned();
    ((serving, addr), before)
}

/// One HTTP/1.1 request, as curl sends it; returns the status line and the body.
fn http(addr: &str, method: &str, path: &str, body: &str) -> (String, String) {
    http_with(addr, method, path, body, "")
}

/// [`http`] with more header lines, each ending in `\r\n`.
fn http_with(addr: &str, method: &str, path: &str, body: &str, headers: &str) -> (String, String) {
    let mut stream = TcpStream::connect(addr).unwrap();
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\n\
         {headers}Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    let (head, body) = response.split_once("\r\n\r\n").unwrap();
    (head.lines().next().unwrap().to_owned(), body.to_owned())
}

#[test]
fn a_who_query_over_http_answers_what_the_cli_prints() {
    let (_serving, addr) = serve();
    let (status, body) = http(
        &addr,
        "POST",
        "/api/who",
        r#"{"item":"330205-CF-001","place":"甬江街道","date":"2024-05-01"}"#,
    );
    assert!(status.contains("200"), "{status}: {body}");
    let served: serde_json::Value = serde_json::from_str(&body).unwrap();
    let cli = ask_readme_question(EXAMPLE, &["--json"]);
    assert!(cli.status.success());
    let printed: serde_json::Value = serde_json::from_slice(&cli.stdout).unwrap();
    assert_eq!(served, printed);

    let (status, body) = http(&addr, "GET", "/api/version", "");
    assert!(status.contains("200"), "{status}: {body}");
    assert!(body.contains("sha256:"));
}

#[test]
fn serve_refuses_a_public_address_without_a_token() {
    let out = Command::new(env!("CARGO_BIN_EXE_quanze"))
        .args(["serve", EXAMPLE, "--addr", "0.0.0.0:0"])
        .current_dir(root())
        .env_remove("QUANZE_TOKEN")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("token"));
}

#[test]
fn the_token_is_read_from_a_file_and_the_flag_warns() {
    let dir = std::env::temp_dir().join(format!("quanze-cli-token-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("token");
    std::fs::write(&file, "from-a-file\n").unwrap();
    let ((_serving, addr), before) = serve_with(&["--token-file", file.to_str().unwrap()]);
    assert!(!before.contains("warning"), "{before}");
    let who = r#"{"item":"330205-CF-001","place":"甬江街道","date":"2024-05-01"}"#;
    let (status, _) = http(&addr, "POST", "/api/who", who);
    assert!(status.contains("401"), "{status}");
    let bearer = "Authorization: Bearer from-a-file\r\n";
    let (status, body) = http_with(&addr, "POST", "/api/who", who, bearer);
    assert!(status.contains("200"), "{status}: {body}");

    let ((_serving, addr), before) = serve_with(&["--token", "on-the-line"]);
    assert!(
        before.contains("warning") && before.contains("--token-file"),
        "{before}"
    );
    let bearer = "Authorization: Bearer on-the-line\r\n";
    let (status, body) = http_with(&addr, "POST", "/api/who", who, bearer);
    assert!(status.contains("200"), "{status}: {body}");
    let _ = std::fs::remove_dir_all(&dir);
}
