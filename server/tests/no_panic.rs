//! No request makes the server fail: arbitrary JSON bodies (random shapes, and the right keys
//! with random values), arbitrary bytes, and real answers with one field replaced, posted to
//! every endpoint. Every answer is a status below 500 with a JSON body, `{"code", "message"}`
//! when it is an error.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "tests fail loudly on purpose"
)]

mod common;

use common::*;
use proptest::prelude::*;
use serde_json::{Map, Value};
use std::sync::OnceLock;

const ENDPOINTS: &[&str] = &[
    "/api/who",
    "/api/who/batch",
    "/api/can",
    "/api/why-not",
    "/api/scenario",
    "/api/escalate",
    "/api/duties",
    "/api/accept",
    "/api/verify",
    "/api/check",
];

struct Live {
    runtime: tokio::runtime::Runtime,
    server: quanze_server::Server,
}

fn live() -> &'static Live {
    static LIVE: OnceLock<Live> = OnceLock::new();
    LIVE.get_or_init(|| {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        let server = runtime.block_on(start(config(&example())));
        Live { runtime, server }
    })
}

fn assert_sound(path: &str, reply: &Reply) {
    assert!(
        reply.status < 500,
        "{path} answered {}: {}",
        reply.status,
        reply.body
    );
    if reply.status >= 400 {
        assert!(reply.body["code"].is_string(), "{path}: {}", reply.body);
        assert!(reply.body["message"].is_string(), "{path}: {}", reply.body);
    } else {
        assert!(reply.body.is_object(), "{path}: {}", reply.body);
    }
}

fn post_everywhere(body: Vec<u8>) {
    let live = live();
    for path in ENDPOINTS {
        let reply = live
            .runtime
            .block_on(post_raw(&live.server, path, body.clone()));
        assert_sound(path, &reply);
    }
}

fn word() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("330205-CF-001".to_owned()),
        Just("甬江街道".to_owned()),
        Just("慈城镇".to_owned()),
        Just("综合行政执法局".to_owned()),
        Just("建筑垃圾".to_owned()),
        Just("2024-05-01".to_owned()),
        Just("重大".to_owned()),
        Just("环节".to_owned()),
        Just("运输".to_owned()),
        Just("".to_owned()),
        ".{0,12}",
    ]
}

fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(vec![
            "item", "place", "date", "part", "unit", "topic", "facts", "severity", "resident",
            "queries", "text", "name", "files", "answer", "proof", "named",
        ])
        .prop_map(str::to_owned),
        1 => ".{0,6}",
    ]
}

fn json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(Value::from),
        word().prop_map(Value::from),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((key(), inner), 0..7)
                .prop_map(|pairs| Value::Object(pairs.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

/// A real answer of the engine, to tamper with.
fn document() -> &'static Value {
    static DOC: OnceLock<Value> = OnceLock::new();
    DOC.get_or_init(|| {
        let live = live();
        live.runtime
            .block_on(post(&live.server, "/api/who", &who_body()))
            .body
    })
}

/// Every path to a value inside `value`, as JSON pointers.
fn pointers(value: &Value, at: String, out: &mut Vec<String>) {
    out.push(at.clone());
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                pointers(
                    v,
                    format!("{at}/{}", k.replace('~', "~0").replace('/', "~1")),
                    out,
                );
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                pointers(v, format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_json_never_fails_the_server(body in json()) {
        post_everywhere(body.to_string().into_bytes());
    }

    #[test]
    fn arbitrary_bytes_never_fail_the_server(body in prop::collection::vec(any::<u8>(), 0..64)) {
        post_everywhere(body);
    }

    #[test]
    fn a_tampered_answer_is_refused_or_holds_but_never_fails(pick in any::<prop::sample::Index>(), value in json()) {
        let mut doc = document().clone();
        let mut all = Vec::new();
        pointers(&doc, String::new(), &mut all);
        let at = pick.get(&all).clone();
        if let Some(slot) = doc.pointer_mut(&at) {
            *slot = value;
        }
        let live = live();
        let reply = live.runtime.block_on(post(&live.server, "/api/verify", &doc));
        assert_sound("/api/verify", &reply);
    }
}

#[test]
fn deeply_nested_json_is_refused_not_overflowed() {
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    post_everywhere(deep.into_bytes());
}
