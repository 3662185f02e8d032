//! The OpenAPI document tells the truth: it lists exactly the routes the router serves, and a
//! live request to each route with the document's own example answers a status the document
//! lists, with a body that fits the schema it gives for that status.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "tests fail loudly on purpose"
)]

mod common;

use common::*;
use serde_json::{json, Value};
use std::collections::BTreeSet;

fn document() -> Value {
    serde_json::from_str(quanze_server::app::OPENAPI).unwrap()
}

#[test]
fn the_document_lists_exactly_the_routes_served() {
    let doc = document();
    let documented: BTreeSet<(String, String)> = doc["paths"]
        .as_object()
        .unwrap()
        .iter()
        .flat_map(|(path, ops)| {
            ops.as_object()
                .unwrap()
                .keys()
                .map(move |m| (m.to_uppercase(), path.clone()))
        })
        .collect();
    let served: BTreeSet<(String, String)> = quanze_server::app::routes()
        .into_iter()
        .map(|(m, p)| (m.to_string(), p.to_owned()))
        .collect();
    assert_eq!(documented, served);
    assert_eq!(doc["openapi"], "3.1.0");
}

/// Resolves a local `$ref`.
fn resolve<'a>(doc: &'a Value, schema: &'a Value) -> &'a Value {
    match schema.get("$ref").and_then(Value::as_str) {
        Some(r) => doc.pointer(r.trim_start_matches('#')).unwrap(),
        None => schema,
    }
}

fn type_matches(ty: &str, value: &Value) -> bool {
    match ty {
        "object" => value.is_object(),
        "array" => value.is_array(),
        "string" => value.is_string(),
        "integer" => value.is_i64() || value.is_u64(),
        "number" => value.is_number(),
        "boolean" => value.is_boolean(),
        "null" => value.is_null(),
        _ => false,
    }
}

/// Checks the parts of JSON Schema the document uses: type, required, properties,
/// additionalProperties, items, enum, oneOf and $ref.
fn validate(doc: &Value, schema: &Value, value: &Value, at: &str) -> Result<(), String> {
    let schema = resolve(doc, schema);
    if let Some(ty) = schema.get("type") {
        let ok = match ty {
            Value::String(t) => type_matches(t, value),
            Value::Array(ts) => ts
                .iter()
                .filter_map(Value::as_str)
                .any(|t| type_matches(t, value)),
            _ => true,
        };
        if !ok {
            return Err(format!("{at}: {value} is not {ty}"));
        }
    }
    if let Some(options) = schema.get("enum").and_then(Value::as_array) {
        if !options.contains(value) {
            return Err(format!("{at}: {value} is not one of {options:?}"));
        }
    }
    if let Some(options) = schema.get("oneOf").and_then(Value::as_array) {
        let fits = options
            .iter()
            .filter(|s| validate(doc, s, value, at).is_ok())
            .count();
        if fits != 1 {
            return Err(format!("{at}: {value} fits {fits} of the oneOf schemas"));
        }
    }
    if let Some(map) = value.as_object() {
        for key in schema
            .get("required")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let key = key.as_str().unwrap();
            if !map.contains_key(key) {
                return Err(format!("{at}: `{key}` is missing"));
            }
        }
        let properties = schema.get("properties").and_then(Value::as_object);
        for (key, v) in map {
            match properties.and_then(|p| p.get(key)) {
                Some(s) => validate(doc, s, v, &format!("{at}/{key}"))?,
                None => match schema.get("additionalProperties") {
                    Some(Value::Bool(false)) => {
                        return Err(format!("{at}: `{key}` is not documented"))
                    }
                    Some(s @ Value::Object(_)) => validate(doc, s, v, &format!("{at}/{key}"))?,
                    _ => {}
                },
            }
        }
    }
    if let (Some(items), Some(values)) = (schema.get("items"), value.as_array()) {
        for (i, v) in values.iter().enumerate() {
            validate(doc, items, v, &format!("{at}/{i}"))?;
        }
    }
    Ok(())
}

#[tokio::test]
async fn every_route_answers_as_documented() {
    let doc = document();
    let dir = TempDir::with_example("openapi");
    // With a token, so that `/api/reload` answers too.
    let server = start(config_with_token(&dir.0)).await;
    for (method, path) in quanze_server::app::routes() {
        let op = &doc["paths"][path][method.as_str().to_lowercase()];
        let media = &op["requestBody"]["content"]["application/json"];
        let body = if path == "/api/verify" {
            // The verify example is a live answer, which the document cannot hold.
            post(&server, "/api/who", &who_body()).await.body
        } else {
            media.get("example").cloned().unwrap_or(json!({}))
        };
        if media.is_object() {
            validate(&doc, &media["schema"], &body, "request").unwrap_or_else(|e| {
                panic!("{method} {path}: the example does not fit its schema: {e}")
            });
        }
        let url = format!("http://{}{path}", server.addr());
        let response = if method == "GET" {
            client().get(url).send().await.unwrap()
        } else {
            client()
                .post(url)
                .body(body.to_string())
                .send()
                .await
                .unwrap()
        };
        let status = response.status().as_u16().to_string();
        let content_type = response.headers()["content-type"]
            .to_str()
            .unwrap()
            .to_owned();
        let text = response.text().await.unwrap();
        let documented = &op["responses"][&status];
        assert!(
            documented.is_object(),
            "{method} {path} answered {status}, which is not documented: {text}"
        );
        assert_eq!(
            status, "200",
            "{method} {path}: the example should succeed: {text}"
        );
        let (media_type, schema) = documented["content"]
            .as_object()
            .unwrap()
            .iter()
            .next()
            .unwrap();
        assert!(
            content_type.starts_with(media_type.as_str()),
            "{method} {path}: {content_type}"
        );
        if media_type == "application/json" {
            let value: Value = serde_json::from_str(&text).unwrap();
            validate(&doc, &schema["schema"], &value, "response")
                .unwrap_or_else(|e| panic!("{method} {path}: {e}"));
        }
    }
    // The documented error shapes hold too.
    let reply = post(
        &server,
        "/api/who",
        &json!({"item": "330205-CF-001", "place": "甬江街", "date": "2024-05-01"}),
    )
    .await;
    let schema = &doc["paths"]["/api/who"]["post"]["responses"]["404"]["content"]
        ["application/json"]["schema"];
    validate(&doc, schema, &reply.body, "error").unwrap();
    server.shutdown().await.unwrap();
}
