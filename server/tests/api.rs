//! The HTTP API against a live server on loopback: every query answers the document the library
//! builds, errors carry the right status and code, batches, verify, check, limits and tokens.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "tests fail loudly on purpose"
)]

mod common;

use common::*;
use quanze_core::request::{self, Request};
use serde_json::{json, Value};
use std::time::Duration;

fn library(req: &Request) -> Value {
    let rules = quanze_server::state::compile(&example()).ok().unwrap();
    request::answer(&rules, req).unwrap()
}

#[tokio::test]
async fn every_query_answers_the_library_document_and_names_its_rule_set() {
    let server = start(config(&example())).await;
    let cases: Vec<(&str, Value, Request)> = vec![
        (
            "/api/who",
            who_body(),
            Request::Who(serde_json::from_value(who_body()).unwrap()),
        ),
        (
            "/api/can",
            json!({"unit": "综合行政执法局", "item": "330205-CF-001", "place": "甬江街道", "date": "2024-05-01"}),
            Request::Can(serde_json::from_value(json!({"unit": "综合行政执法局", "item": "330205-CF-001", "place": "甬江街道", "date": "2024-05-01"})).unwrap()),
        ),
        (
            "/api/why-not",
            json!({"unit": "综合行政执法局", "item": "330205-CF-001", "place": "甬江街道", "date": "2024-05-01"}),
            Request::WhyNot(serde_json::from_value(json!({"unit": "综合行政执法局", "item": "330205-CF-001", "place": "甬江街道", "date": "2024-05-01"})).unwrap()),
        ),
        (
            "/api/scenario",
            json!({"topic": "建筑垃圾", "place": "孔浦街道", "facts": {"环节": "运输", "地点": "城市道路", "载体": "核准车辆", "成分": "一般建筑垃圾"}, "date": "2024-05-01"}),
            Request::Scenario(serde_json::from_value(json!({"topic": "建筑垃圾", "place": "孔浦街道", "facts": {"环节": "运输", "地点": "城市道路", "载体": "核准车辆", "成分": "一般建筑垃圾"}, "date": "2024-05-01"})).unwrap()),
        ),
        (
            "/api/escalate",
            json!({"place": "半浦村", "severity": "重大", "topic": "建筑垃圾", "date": "2024-05-01"}),
            Request::Escalate(serde_json::from_value(json!({"place": "半浦村", "severity": "重大", "topic": "建筑垃圾", "date": "2024-05-01"})).unwrap()),
        ),
        (
            "/api/duties",
            json!({"unit": "慈城镇", "date": "2024-05-01"}),
            Request::Duties(serde_json::from_value(json!({"unit": "慈城镇", "date": "2024-05-01"})).unwrap()),
        ),
        (
            "/api/accept",
            json!({"item": "330205-CF-001", "resident": "甬江街道", "date": "2024-05-01"}),
            Request::Accept(serde_json::from_value(json!({"item": "330205-CF-001", "resident": "甬江街道", "date": "2024-05-01"})).unwrap()),
        ),
    ];
    let served = server.shared().rules().content_hash().to_owned();
    for (path, body, req) in cases {
        let reply = post(&server, path, &body).await;
        assert_eq!(reply.status, 200, "{path}: {}", reply.body);
        assert_eq!(reply.body, library(&req), "{path}");
        assert_eq!(reply.hash.as_deref(), Some(served.as_str()), "{path}");
        assert_eq!(reply.body["proof"]["receipt"]["rule_set"], served.as_str());
    }
    server.shutdown().await.unwrap();
}

#[tokio::test]
async fn the_scenario_names_its_lead_and_text_adds_the_proof_as_text() {
    let server = start(config(&example())).await;
    let body = json!({"topic": "建筑垃圾", "place": "孔浦街道", "facts": {"环节": "运输", "地点": "城市道路", "载体": "核准车辆", "成分": "一般建筑垃圾"}, "date": "2024-05-01"});
    let reply = post(&server, "/api/scenario?text=true", &body).await;
    assert_eq!(reply.status, 200);
    assert_eq!(reply.body["named"]["lead"], "宁波市/江北区/综合行政执法局");
    assert!(reply.body["text"]
        .as_str()
        .unwrap()
        .contains("scenario_select"));
    server.shutdown().await.unwrap();
}

#[tokio::test]
async fn errors_have_a_status_a_code_and_a_message() {
    let server = start(config(&example())).await;
    let cases: Vec<(&str, Vec<u8>, u16, &str)> = vec![
        ("/api/who", b"{not json".to_vec(), 400, "invalid_json"),
        ("/api/who", b"[]".to_vec(), 400, "invalid_json"),
        (
            "/api/who",
            json!({"item": "330205-CF-001", "place": "甬江街道"}).to_string().into_bytes(),
            400,
            "invalid_json",
        ),
        (
            "/api/who",
            json!({"item": "330205-CF-001", "place": "甬江街道", "date": "2024-05-01", "colour": 1})
                .to_string()
                .into_bytes(),
            400,
            "invalid_json",
        ),
        (
            "/api/who",
            json!({"item": "330205-CF-001", "place": "甬江街道", "date": "2024-13-01"}).to_string().into_bytes(),
            400,
            "invalid_argument",
        ),
        (
            "/api/who",
            json!({"item": "330205-CF-001", "place": "甬江街", "date": "2024-05-01"}).to_string().into_bytes(),
            404,
            "unknown_name",
        ),
        (
            "/api/who",
            json!({"item": "330205-CF-001", "place": "甬江街道", "date": "2024-05-01", "part": "没收较大数额财产"})
                .to_string()
                .into_bytes(),
            404,
            "unknown_name",
        ),
        (
            "/api/escalate",
            json!({"place": "宁波市", "severity": "重大", "date": "2024-05-01"}).to_string().into_bytes(),
            422,
            "unanswerable",
        ),
        (
            "/api/escalate",
            json!({"place": "慈城镇", "severity": "重大", "item": "330205-CF-001", "topic": "建筑垃圾", "date": "2024-05-01"})
                .to_string()
                .into_bytes(),
            400,
            "invalid_argument",
        ),
        (
            "/api/scenario",
            json!({"topic": "建筑垃圾", "place": "孔浦街道", "facts": {"环节": 3}, "date": "2024-05-01"}).to_string().into_bytes(),
            400,
            "invalid_argument",
        ),
        ("/api/nowhere", b"{}".to_vec(), 404, "not_found"),
        ("/api/verify", b"{}".to_vec(), 400, "invalid_argument"),
        ("/api/check", b"{}".to_vec(), 400, "invalid_argument"),
    ];
    for (path, body, status, code) in cases {
        let reply = post_raw(&server, path, body).await;
        assert_eq!(reply.status, status, "{path}: {}", reply.body);
        assert_eq!(reply.body["code"], code, "{path}: {}", reply.body);
        assert!(reply.body["message"]
            .as_str()
            .is_some_and(|m| !m.is_empty()));
        assert_eq!(reply.content_type.as_deref(), Some("application/json"));
    }
    let unknown = post(
        &server,
        "/api/who",
        &json!({"item": "330205-CF-001", "place": "甬江街", "date": "2024-05-01"}),
    )
    .await;
    assert_eq!(unknown.body["suggestions"], json!(["甬江街道"]));
    let wrong_method = get(&server, "/api/who").await;
    assert_eq!(
        (wrong_method.status, wrong_method.body["code"].as_str()),
        (405, Some("method_not_allowed"))
    );
    server.shutdown().await.unwrap();
}

#[tokio::test]
async fn limits_answer_413() {
    let mut cfg = config(&example());
    cfg.limits.max_body = 4096;
    cfg.limits.max_batch = 3;
    let server = start(cfg).await;
    let big = json!({"text": "x".repeat(10_000)});
    let reply = post(&server, "/api/check", &big).await;
    assert_eq!(
        (reply.status, reply.body["code"].as_str()),
        (413, Some("too_large"))
    );
    let batch = json!({"queries": vec![who_body(); 4]});
    let reply = post(&server, "/api/who/batch", &batch).await;
    assert_eq!(
        (reply.status, reply.body["code"].as_str()),
        (413, Some("too_large"))
    );
    assert_eq!(reply.body["limit"], 3);
    server.shutdown().await.unwrap();
}

#[tokio::test]
async fn a_slow_request_is_cut_off_with_503() {
    let mut cfg = config(&example());
    cfg.limits.timeout = Duration::from_millis(1);
    let server = start(cfg).await;
    let batch = json!({"queries": vec![who_body(); 1000]});
    let reply = post(&server, "/api/who/batch", &batch).await;
    assert_eq!(
        (reply.status, reply.body["code"].as_str()),
        (503, Some("timeout"))
    );
    server.shutdown().await.unwrap();
}

#[tokio::test]
async fn a_batch_answers_each_query_in_order_from_one_snapshot() {
    let server = start(config(&example())).await;
    let batch = json!({"queries": [
        who_body(),
        {"item": "330205-CF-001", "place": "甬江街", "date": "2024-05-01"},
        {"item": "330205-CF-001", "place": "孔浦街道", "date": "2024-05-01"},
    ]});
    let reply = post(&server, "/api/who/batch", &batch).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    let results = reply.body["results"].as_array().unwrap();
    assert_eq!(results.len(), 3);
    assert_eq!(results[0]["named"]["handler"], "宁波市/江北区/甬江街道");
    assert_eq!(results[1]["error"]["code"], "unknown_name");
    assert_eq!(
        results[2]["named"]["handler"],
        "宁波市/江北区/综合行政执法局"
    );
    assert_eq!(reply.body["content_hash"].as_str(), reply.hash.as_deref());
    server.shutdown().await.unwrap();
}

#[tokio::test]
async fn verify_holds_for_an_answer_and_refuses_a_tampered_one() {
    let server = start(config(&example())).await;
    let document = post(&server, "/api/who", &who_body()).await.body;
    let verdict = post(&server, "/api/verify", &document).await;
    assert_eq!(verdict.status, 200);
    assert_eq!(verdict.body["holds"], true, "{}", verdict.body);
    let mut tampered = document.clone();
    tampered["answer"]["handled"]["mode"] = json!("entrust");
    let verdict = post(&server, "/api/verify", &tampered).await;
    assert_eq!(verdict.status, 200);
    assert_eq!(verdict.body["holds"], false, "{}", verdict.body);
    assert!(verdict.body["reason"].as_str().is_some());
    server.shutdown().await.unwrap();
}

#[tokio::test]
async fn verify_refuses_a_changed_named_view_as_the_cli_does() {
    let server = start(config(&example())).await;
    let document = post(&server, "/api/who", &who_body()).await.body;
    let verdict = post(&server, "/api/verify", &document).await;
    assert_eq!(
        (&verdict.body["holds"], &verdict.body["named"]),
        (&json!(true), &json!("matches")),
        "{}",
        verdict.body
    );
    assert_eq!(verdict.body["engine"]["checked"], false);
    for (field, value) in [
        ("handler", json!("宁波市/江北区/综合行政执法局")),
        ("mode", json!("entrust")),
    ] {
        let mut tampered = document.clone();
        tampered["named"][field] = value;
        let verdict = post(&server, "/api/verify", &tampered).await;
        assert_eq!(verdict.status, 200);
        assert_eq!(verdict.body["holds"], false, "{}", verdict.body);
        assert_eq!(verdict.body["refused"], "named");
        assert!(
            verdict.body["reason"]
                .as_str()
                .is_some_and(|r| r.starts_with(&format!("`named.{field}`"))),
            "{}",
            verdict.body
        );
        let rules = quanze_server::state::compile(&example()).ok().unwrap();
        let library = quanze_core::verify::verdict(&rules, &tampered).unwrap();
        assert_eq!(verdict.body, serde_json::to_value(library).unwrap());
    }
    let mut bare = document.clone();
    bare.as_object_mut().unwrap().remove("named");
    let verdict = post(&server, "/api/verify", &bare).await;
    assert_eq!(
        (&verdict.body["holds"], &verdict.body["named"]),
        (&json!(true), &json!("absent"))
    );
    server.shutdown().await.unwrap();
}

#[tokio::test]
async fn error_messages_name_no_rust_types() {
    let server = start(config(&example())).await;
    let mut document = post(&server, "/api/who", &who_body()).await.body;
    document["proof"]["version"] = json!("one");
    let cases = [
        ("/api/who", json!(5)),
        ("/api/who", json!(["330205-CF-001"])),
        (
            "/api/scenario",
            json!({"topic": 1, "place": "孔浦街道", "date": "2024-05-01"}),
        ),
        ("/api/verify", json!({"answer": 5, "proof": 5})),
        ("/api/verify", document),
    ];
    for (path, body) in cases {
        let reply = post(&server, path, &body).await;
        assert_eq!(reply.status, 400, "{path} {body}: {}", reply.body);
        let message = reply.body["message"].as_str().unwrap();
        for rust in ["struct", "enum", "u32", "Who", "ScenarioArgs", "Proof"] {
            assert!(!message.contains(rust), "{path} {body}: {message}");
        }
    }
    server.shutdown().await.unwrap();
}

#[tokio::test]
async fn check_reports_diagnostics_without_loading_them() {
    let server = start(config(&example())).await;
    let before = server.shared().rules().content_hash().to_owned();
    let text = "主题 建筑垃圾 {\n  要素 环节： 产生 | 运输\n}\n";
    let reply = post(
        &server,
        "/api/check",
        &json!({"name": "draft.qz", "text": text}),
    )
    .await;
    assert_eq!(reply.status, 200);
    assert_eq!(reply.body["errors"], 1, "{}", reply.body);
    let d = &reply.body["diagnostics"][0];
    assert_eq!(
        (d["file"].as_str(), d["line"].as_u64(), d["column"].as_u64()),
        (Some("draft.qz"), Some(2), Some(8))
    );
    assert!(d["help"].as_str().unwrap().contains('：'));
    let fixed = post(
        &server,
        "/api/check",
        &json!({"files": [{"name": "a.qz", "text": text.replace('：', ":")}]}),
    )
    .await;
    assert_eq!(fixed.body["errors"], 0, "{}", fixed.body);
    assert!(fixed.body["content_hash"].is_string());
    assert_eq!(server.shared().rules().content_hash(), before);
    server.shutdown().await.unwrap();
}

#[tokio::test]
async fn check_includes_the_analyzer_findings() {
    let server = start(config(&example())).await;
    let text = "region 宁波市 city {\n  region 江北区 county {\n    township 甬江街道 class 特大 {\n      \
                unit 综合行政执法队 kind enforcement-team\n    }\n    department 综合行政执法局\n  }\n}\n\
                item 330205-CF-001 \"处罚\" {\n  list 行政执法  type 行政处罚  holder 综合行政执法局\n}\n\
                赋权 330205-CF-001 给 江北区 特大 街道 自 2023-03-01\n";
    let reply = post(&server, "/api/check", &json!({"text": text})).await;
    assert_eq!(reply.status, 200);
    let codes: Vec<&str> = reply.body["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|d| d["code"].as_str())
        .collect();
    // A grant without its basis decision is found by the analyzer, not by the parser.
    assert!(codes.contains(&"Q0306"), "{}", reply.body);
    assert!(reply.body["content_hash"].is_null());
    server.shutdown().await.unwrap();
}

#[tokio::test]
async fn a_token_guards_the_api_but_not_the_page_or_health() {
    let mut cfg = config(&example());
    cfg.token = Some("s3cret".to_owned());
    let server = start(cfg).await;
    let denied = post(&server, "/api/who", &who_body()).await;
    assert_eq!(
        (denied.status, denied.body["code"].as_str()),
        (401, Some("unauthorized"))
    );
    assert_eq!(get(&server, "/api/health").await.status, 200);
    assert_eq!(get(&server, "/").await.status, 200);
    let url = format!("http://{}/api/who", server.addr());
    let wrong = client()
        .post(&url)
        .bearer_auth("s3creT")
        .body(who_body().to_string())
        .send()
        .await
        .unwrap();
    assert_eq!(wrong.status().as_u16(), 401);
    let right = client()
        .post(&url)
        .bearer_auth("s3cret")
        .body(who_body().to_string())
        .send()
        .await
        .unwrap();
    assert_eq!(right.status().as_u16(), 200);
    server.shutdown().await.unwrap();
}

#[tokio::test]
async fn a_public_address_without_a_token_is_refused() {
    let mut cfg = config(&example());
    cfg.addr = "0.0.0.0:0".parse().unwrap();
    assert!(matches!(
        quanze_server::start(cfg).await,
        Err(quanze_server::ServeError::Config(_))
    ));
}

#[tokio::test]
async fn a_rule_set_with_errors_is_not_served() {
    let dir = TempDir::new("broken");
    std::fs::write(dir.0.join("a.qz"), "region 宁波市 city {").unwrap();
    let outcome = quanze_server::start(config(&dir.0)).await;
    assert!(matches!(
        outcome,
        Err(quanze_server::ServeError::Rules { .. })
    ));
}

#[tokio::test]
async fn the_page_and_the_openapi_document_are_served() {
    let server = start(config(&example())).await;
    let page = get(&server, "/").await;
    assert_eq!(page.status, 200);
    assert!(page.content_type.unwrap().starts_with("text/html"));
    let text = page.body.as_str().unwrap();
    assert!(
        text.contains("id=\"editor\"") && !text.contains("http://") && !text.contains("https://")
    );
    let doc = get(&server, "/openapi.json").await;
    assert_eq!(doc.body["openapi"], "3.1.0");
    server.shutdown().await.unwrap();
}
