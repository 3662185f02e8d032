//! No Rust `Debug` text and no raw JSON reaches a person: every query kind on every bundled
//! example (and on `fixtures/edge-cases`, which adds conflicts, delegations not yet in force,
//! ambiguous and unmatched scenarios, unresolved roles, a department rung), rendered as people
//! read it — the answer's named view and the proof as text — and every error message, in the
//! library and through the `quanze` binary.
//!
//! A person's text has no braces, no `Some(` / `None` / `…Id(` / `List(`, no JSON object
//! (`{"`), no names of Rust types after `expected`, and no capitalised ASCII word: quanze
//! writes its words in lower case (STYLE.md), and every Rust variant name (`NotYetInForce`,
//! `Enforcement`, `Township`, `RevocationId`) starts with a capital.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::string_slice,
    reason = "tests fail loudly on purpose"
)]

mod common;

use common::{quanze, root};
use quanze_core::proof::{self, Claim, Proof, Rule};
use quanze_core::request::{self, Accept, Duties, Escalate, Request, ScenarioArgs, UnitItem, Who};
use quanze_core::*;
use serde_json::{Map, Value};
use std::collections::BTreeSet;
use std::path::PathBuf;

const EDGE_CASES: &str = "cli/tests/fixtures/edge-cases/edge-cases.qz";
const NINGBO: &str = common::EXAMPLE;

/// What in `text` would show a person Rust's `Debug` form or raw JSON.
fn artefacts(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for marker in [
        "Some(",
        "None",
        "Id(",
        "List(",
        "{\"",
        "\":",
        "{",
        "}",
        "expected struct",
        "expected enum",
        "expected u32",
    ] {
        if text.contains(marker) {
            found.push(format!("`{marker}`"));
        }
    }
    for word in text.split(|c: char| !c.is_ascii_alphanumeric() && c != '_') {
        let mut chars = word.chars();
        let capital = chars.next().is_some_and(|c| c.is_ascii_uppercase());
        if capital && word.chars().any(|c| c.is_ascii_lowercase()) {
            found.push(format!("the word `{word}`"));
        }
    }
    found
}

fn assert_plain(text: &str, what: &str) {
    let found = artefacts(text);
    assert!(
        found.is_empty(),
        "{what} shows {}:\n{text}",
        found.join(", ")
    );
}

#[test]
fn the_check_catches_debug_text() {
    let debug = format!(
        "{:?} {:?} {:?}",
        answer::Failure::NotYetInForce { since: Date::MIN },
        RouteKey::List(ListKind::Enforcement),
        Some(PlaceLevel::Township)
    );
    assert!(artefacts(&debug).len() >= 4, "{:?}", artefacts(&debug));
    assert!(artefacts(r#"{"why_not":{"unit":11}}"#).len() >= 2);
    assert!(artefacts("D5 expired on 2025-06-30; 慈城镇 handles it (own)").is_empty());
}

/// The examples, and the Ningbo example with the edge cases added.
fn rule_sets() -> Vec<(String, RuleSet)> {
    let mut sets = Vec::new();
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(root().join("rules-examples"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    for dir in dirs {
        let compiled = quanze_dsl::compile_path(&dir);
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        sets.push((name, compiled.rules.expect("the examples compile")));
    }
    sets.push(("edge cases".to_owned(), edge_cases()));
    sets
}

/// The Ningbo example's files (without its tests) and the edge cases, compiled in memory.
fn edge_files() -> Vec<(String, String)> {
    let mut files: Vec<(String, String)> = std::fs::read_dir(root().join(NINGBO))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "qz") && !p.ends_with("tests.qz"))
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read_to_string(&p).unwrap(),
            )
        })
        .collect();
    files.sort();
    files.push((
        "edge-cases.qz".to_owned(),
        std::fs::read_to_string(root().join(EDGE_CASES)).unwrap(),
    ));
    files
}

fn edge_cases() -> RuleSet {
    let compiled = quanze_dsl::compile_texts(&edge_files());
    let errors: Vec<String> = compiled
        .errors()
        .iter()
        .map(|d| d.message.clone())
        .collect();
    compiled
        .rules
        .unwrap_or_else(|| panic!("the edge cases compile: {errors:?}"))
}

/// What a sweep saw: the inference rules of every proof, and how many texts it checked.
#[derive(Default)]
struct Seen {
    rules: BTreeSet<&'static str>,
    answers: usize,
    errors: usize,
    conflict: bool,
    ambiguous: bool,
    no_match: bool,
    failures: BTreeSet<&'static str>,
}

impl Seen {
    fn ask(&mut self, rs: &RuleSet, request: &Request) {
        let what = format!("{request:?}");
        match request::answered(rs, request) {
            Ok(answered) => {
                self.answers += 1;
                let named = answered.to_value(rs).unwrap()["named"].take();
                self.note(&named);
                texts(&named, &mut |leaf| {
                    assert_plain(leaf, &format!("the view of {what}"))
                });
                let proof = answered.proof();
                assert_plain(
                    &proof::render_text(rs, proof),
                    &format!("the proof of {what}"),
                );
                self.proof(proof);
            }
            Err(error) => {
                self.errors += 1;
                assert_plain(&error.to_string(), &format!("the error of {what}"));
            }
        }
    }

    fn note(&mut self, named: &Value) {
        match named.get("status").and_then(Value::as_str) {
            Some("conflict") => self.conflict = true,
            Some("ambiguous") => self.ambiguous = true,
            Some("no_match") => self.no_match = true,
            _ => {}
        }
    }

    fn proof(&mut self, proof: &Proof) {
        for step in &proof.steps {
            self.rules.insert(step.rule.name());
            if let Claim::NoActiveDelegation { scanned, .. } = &step.claim {
                for s in scanned {
                    self.failures.insert(match s.failure {
                        answer::Failure::OtherTarget => "other_target",
                        answer::Failure::NotYetInForce { .. } => "not_yet_in_force",
                        answer::Failure::Expired { .. } => "expired",
                        answer::Failure::Revoked { .. } => "revoked",
                    });
                }
            }
        }
    }
}

/// Calls `f` with every text leaf of a view: what the CLI's answer text prints as values.
fn texts(value: &Value, f: &mut impl FnMut(&str)) {
    match value {
        Value::String(s) => f(s),
        Value::Array(items) => items.iter().for_each(|v| texts(v, f)),
        Value::Object(map) => map.values().for_each(|v| texts(v, f)),
        _ => {}
    }
}

fn place_path(rs: &RuleSet, i: usize) -> String {
    rs.decls().places[i].path.clone()
}

/// The boundaries of every interval of an item's delegations and revocations, and a few
/// fixed dates.
fn dates(rs: &RuleSet, item: usize) -> Vec<String> {
    let mut dates: BTreeSet<Date> = BTreeSet::new();
    for d in rs
        .decls()
        .delegations
        .iter()
        .filter(|d| d.item.index() == item)
    {
        dates.insert(d.interval.since);
        dates.extend(d.interval.until);
    }
    for r in rs
        .decls()
        .revocations
        .iter()
        .filter(|r| r.item.index() == item)
    {
        dates.insert(r.since);
    }
    let mut out: Vec<String> = dates.iter().map(ToString::to_string).collect();
    out.extend(["2020-01-01", "2024-05-01", "2031-01-01"].map(str::to_owned));
    out.sort();
    out.dedup();
    out
}

fn sweep(rs: &RuleSet, seen: &mut Seen) {
    let d = rs.decls();
    let today = "2024-05-01".to_owned();
    let places: Vec<String> = (0..d.places.len()).map(|i| place_path(rs, i)).collect();
    let townships: Vec<usize> = (0..d.places.len())
        .filter(|i| d.places[*i].level == PlaceLevel::Township)
        .collect();
    let first_department = d
        .units
        .iter()
        .find(|u| u.kind == UnitKind::Department)
        .map(|u| u.path.clone());
    for (index, item) in d.items.iter().enumerate() {
        let dates = dates(rs, index);
        // Every place on one date; the townships on every date around a boundary.
        for (i, place) in places.iter().enumerate() {
            let on: &[String] = if townships.contains(&i) {
                &dates
            } else {
                std::slice::from_ref(&today)
            };
            for date in on {
                seen.ask(
                    rs,
                    &Request::Who(Who {
                        item: item.code.clone(),
                        place: place.clone(),
                        date: date.clone(),
                        part: None,
                    }),
                );
            }
        }
        for &t in &townships {
            let township = &d.places[t];
            for part in item.parts.iter() {
                seen.ask(
                    rs,
                    &Request::Who(Who {
                        item: item.code.clone(),
                        place: township.path.clone(),
                        date: "2024-05-01".to_owned(),
                        part: Some(part.clone()),
                    }),
                );
            }
            let mut units: Vec<String> = township
                .unit
                .and_then(|u| rs.unit(u))
                .map(|u| u.path.clone())
                .into_iter()
                .collect();
            if let Holder::Unit(h) = item.holder {
                units.extend(rs.unit(h).map(|u| u.path.clone()));
            }
            units.extend(first_department.clone());
            // `why_not` proves what `can` proves, and more: `can` on one date suffices.
            for unit in &units {
                for date in &dates {
                    let args = UnitItem {
                        unit: unit.clone(),
                        item: item.code.clone(),
                        place: township.path.clone(),
                        date: date.clone(),
                    };
                    if *date == today {
                        seen.ask(rs, &Request::Can(args.clone()));
                    }
                    seen.ask(rs, &Request::WhyNot(args));
                }
            }
        }
        for place in &places {
            seen.ask(
                rs,
                &Request::Accept(Accept {
                    item: item.code.clone(),
                    resident: place.clone(),
                    date: "2024-05-01".to_owned(),
                }),
            );
        }
    }
    let all_dates: BTreeSet<String> = (0..d.items.len()).flat_map(|i| dates(rs, i)).collect();
    for unit in &d.units {
        let on: Vec<&String> = if unit.kind == UnitKind::TownshipGovernment {
            all_dates.iter().collect()
        } else {
            vec![&today]
        };
        for date in on {
            seen.ask(
                rs,
                &Request::Duties(Duties {
                    unit: unit.path.clone(),
                    date: date.clone(),
                }),
            );
        }
    }
    for topic in &d.topics {
        let combinations = facts(topic);
        for place in places.iter().step_by(5) {
            for facts in &combinations {
                seen.ask(
                    rs,
                    &Request::Scenario(ScenarioArgs {
                        topic: topic.name.clone(),
                        place: place.clone(),
                        facts: facts.clone(),
                        date: "2024-05-01".to_owned(),
                    }),
                );
            }
        }
    }
    let severities: BTreeSet<String> = d
        .ladders
        .iter()
        .flat_map(|l| l.levels.iter().map(|v| v.severity.clone()))
        .chain(["没有这一级".to_owned()])
        .collect();
    let mut subjects: Vec<(Option<String>, Option<String>)> = vec![(None, None)];
    subjects.extend(d.topics.iter().map(|t| (None, Some(t.name.clone()))));
    subjects.extend(d.items.iter().map(|i| (Some(i.code.clone()), None)));
    for place in places.iter().step_by(2) {
        for severity in &severities {
            for (item, topic) in &subjects {
                // A topic is asked without facts and with the first value of every fact.
                let mut cases = vec![serde_json::Map::new()];
                if let Some(t) = topic
                    .as_ref()
                    .and_then(|t| d.topics.iter().find(|x| x.name == *t))
                {
                    cases.push(
                        t.facts
                            .iter()
                            .filter_map(|f| {
                                Some((f.name.clone(), f.values.first()?.clone().into()))
                            })
                            .collect(),
                    );
                }
                for facts in cases {
                    seen.ask(
                        rs,
                        &Request::Escalate(Escalate {
                            place: place.clone(),
                            severity: severity.clone(),
                            item: item.clone(),
                            topic: topic.clone(),
                            facts,
                            date: "2024-05-01".to_owned(),
                        }),
                    );
                }
            }
        }
    }
}

/// Fact assignments of a topic: no facts, one value of each fact in turn, a fact and a value
/// the topic does not have, and up to 200 full combinations.
fn facts(topic: &Topic) -> Vec<Map<String, Value>> {
    let mut out = vec![Map::new()];
    for fact in &topic.facts {
        for value in &fact.values {
            let mut one = Map::new();
            one.insert(fact.name.clone(), Value::from(value.clone()));
            out.push(one);
        }
    }
    let mut unknown = Map::new();
    unknown.insert("没有的要素".to_owned(), Value::from("甲"));
    out.push(unknown);
    if let Some(first) = topic.facts.first() {
        let mut bad = Map::new();
        bad.insert(first.name.clone(), Value::from("没有的值"));
        out.push(bad);
    }
    let mut full: Vec<Map<String, Value>> = vec![Map::new()];
    for fact in &topic.facts {
        full = full
            .into_iter()
            .flat_map(|m| {
                fact.values.iter().map(move |v| {
                    let mut m = m.clone();
                    m.insert(fact.name.clone(), Value::from(v.clone()));
                    m
                })
            })
            .take(200)
            .collect();
    }
    out.extend(full);
    out
}

/// The inference rules named in docs/PROOFS.md: the first cell of each row of its tables.
fn documented_rules() -> BTreeSet<String> {
    let text = std::fs::read_to_string(root().join("docs/PROOFS.md")).unwrap();
    text.lines()
        .filter_map(|l| l.strip_prefix("| `"))
        .filter_map(|l| l.split('`').next())
        .filter(|name| serde_json::from_value::<Rule>(Value::from(*name)).is_ok())
        .map(str::to_owned)
        .collect()
}

#[test]
fn every_query_on_every_example_reads_as_words() {
    let mut seen = Seen::default();
    for (name, rs) in rule_sets() {
        let before = seen.answers;
        sweep(&rs, &mut seen);
        assert!(seen.answers > before, "{name} answered nothing");
    }
    let documented = documented_rules();
    assert!(documented.len() > 40, "{documented:?}");
    let missing: Vec<&String> = documented
        .iter()
        .filter(|r| !seen.rules.contains(r.as_str()))
        .collect();
    assert!(
        missing.is_empty(),
        "no proof used {missing:?}: the sweep does not render every claim"
    );
    assert!(seen.conflict && seen.ambiguous && seen.no_match);
    assert_eq!(
        seen.failures,
        BTreeSet::from(["expired", "not_yet_in_force", "other_target", "revoked"])
    );
    assert!(seen.errors > 100, "{} errors", seen.errors);
}

#[test]
fn a_refused_proof_explains_itself_in_words() {
    let rs = edge_cases();
    let request = Request::Who(Who {
        item: "330205-JC-014".to_owned(),
        place: "慈城镇".to_owned(),
        date: "2024-05-01".to_owned(),
        part: None,
    });
    let mut document = request::answer(&rs, &request).unwrap();
    let steps = document["proof"]["steps"].as_array_mut().unwrap();
    let active = steps
        .iter_mut()
        .find(|s| s["rule"] == "active")
        .expect("the entrustment is active");
    active["claim"]["active"]["date"] = Value::from("2025-07-01");
    let error = request::verify(&rs, &document).unwrap_err().to_string();
    assert!(error.contains("expired on 2025-06-30"), "{error}");
    assert_plain(&error, "a refused proof");
    let mut malformed = request::answer(&rs, &request).unwrap();
    malformed["proof"]["steps"] = Value::from(5);
    let error = request::verify(&rs, &malformed).unwrap_err().to_string();
    assert_plain(&error, "a malformed proof");
}

/// A fresh directory with the edge cases beside the Ningbo example, for the binary.
fn edge_dir() -> PathBuf {
    static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("quanze-plain-text-{}-{n}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for (name, text) in edge_files() {
        std::fs::write(dir.join(name), text).unwrap();
    }
    dir
}

fn run(args: &[&str]) -> (Option<i32>, String) {
    let out = quanze(args);
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.code(), text)
}

#[test]
fn the_binary_prints_answers_proofs_and_errors_as_words() {
    let dir = edge_dir();
    let edge = dir.to_str().unwrap();
    let on = |extra: &[&'static str]| -> Vec<&'static str> { extra.to_vec() };
    // (rule set, arguments after it, expected exit status)
    let cases: Vec<(&str, Vec<&str>, i32)> = vec![
        (
            NINGBO,
            on(&[
                "who",
                "--item",
                "330205-CF-004",
                "--place",
                "庄桥街道",
                "--date",
                "2025-03-01",
            ]),
            0,
        ),
        (
            NINGBO,
            on(&[
                "who",
                "--item",
                "330205-JC-014",
                "--place",
                "慈城镇",
                "--date",
                "2025-06-30",
            ]),
            0,
        ),
        (
            NINGBO,
            on(&[
                "who",
                "--item",
                "330205-CF-001",
                "--place",
                "甬江街道",
                "--part",
                "没收较大数额财物",
                "--date",
                "2024-05-01",
            ]),
            0,
        ),
        (
            NINGBO,
            on(&[
                "who",
                "--item",
                "330205-SD-031",
                "--place",
                "孔浦街道",
                "--date",
                "2024-05-01",
            ]),
            0,
        ),
        (
            edge,
            on(&[
                "who",
                "--item",
                "330205-CF-002",
                "--place",
                "慈城镇",
                "--date",
                "2024-05-01",
            ]),
            0,
        ),
        (
            edge,
            on(&[
                "who",
                "--item",
                "330205-CF-003",
                "--place",
                "半浦村",
                "--date",
                "2024-05-01",
            ]),
            0,
        ),
        (
            edge,
            on(&[
                "who",
                "--item",
                "330205-CF-005",
                "--place",
                "甬江街道",
                "--date",
                "2024-05-01",
            ]),
            0,
        ),
        (
            edge,
            on(&[
                "who",
                "--item",
                "330205-CS-001",
                "--place",
                "半浦一格",
                "--date",
                "2024-05-01",
            ]),
            0,
        ),
        (
            edge,
            on(&[
                "can",
                "--unit",
                "慈城镇",
                "--item",
                "330205-CF-002",
                "--place",
                "慈城镇",
                "--date",
                "2024-05-01",
            ]),
            0,
        ),
        (
            edge,
            on(&[
                "can",
                "--unit",
                "慈城镇",
                "--item",
                "330205-QL-021",
                "--place",
                "慈城镇",
                "--date",
                "2024-05-01",
            ]),
            0,
        ),
        (
            edge,
            on(&[
                "why-not",
                "--unit",
                "慈城镇",
                "--item",
                "330205-CF-002",
                "--place",
                "慈城镇",
                "--date",
                "2024-05-01",
            ]),
            0,
        ),
        (
            edge,
            on(&[
                "why-not",
                "--unit",
                "慈城镇",
                "--item",
                "330205-CF-003",
                "--place",
                "慈城镇",
                "--date",
                "2024-05-01",
            ]),
            0,
        ),
        (
            NINGBO,
            on(&[
                "why-not",
                "--unit",
                "庄桥街道",
                "--item",
                "330205-CF-004",
                "--place",
                "庄桥街道",
                "--date",
                "2025-03-01",
            ]),
            0,
        ),
        (
            NINGBO,
            on(&[
                "why-not",
                "--unit",
                "慈城镇",
                "--item",
                "330205-JC-014",
                "--place",
                "慈城镇",
                "--date",
                "2025-06-30",
            ]),
            0,
        ),
        (
            NINGBO,
            on(&[
                "why-not",
                "--unit",
                "孔浦街道",
                "--item",
                "330205-SD-031",
                "--place",
                "孔浦街道",
                "--date",
                "2024-05-01",
            ]),
            0,
        ),
        (
            NINGBO,
            on(&[
                "scenario",
                "--topic",
                "建筑垃圾",
                "--place",
                "慈城镇",
                "--fact",
                "环节=消纳",
                "--fact",
                "地点=河道",
                "--fact",
                "载体=无",
                "--fact",
                "成分=含危废",
                "--date",
                "2024-05-01",
            ]),
            0,
        ),
        (
            edge,
            on(&[
                "scenario",
                "--topic",
                "测试主题",
                "--place",
                "慈城镇",
                "--fact",
                "类型=甲",
                "--date",
                "2024-05-01",
            ]),
            0,
        ),
        (
            edge,
            on(&[
                "scenario",
                "--topic",
                "测试主题",
                "--place",
                "江北区",
                "--fact",
                "类型=乙",
                "--date",
                "2024-05-01",
            ]),
            0,
        ),
        (
            edge,
            on(&[
                "scenario",
                "--topic",
                "测试主题",
                "--place",
                "慈城镇",
                "--fact",
                "类型=丙",
                "--date",
                "2024-05-01",
            ]),
            0,
        ),
        (
            edge,
            on(&[
                "scenario",
                "--topic",
                "测试无兜底",
                "--place",
                "慈城镇",
                "--fact",
                "情形=无",
                "--date",
                "2024-05-01",
            ]),
            0,
        ),
        (
            NINGBO,
            on(&[
                "escalate",
                "--place",
                "半浦一格",
                "--severity",
                "重大",
                "--topic",
                "建筑垃圾",
                "--date",
                "2024-05-01",
            ]),
            0,
        ),
        (
            edge,
            on(&[
                "escalate",
                "--place",
                "半浦一格",
                "--severity",
                "吹哨",
                "--item",
                "330205-CF-002",
                "--date",
                "2024-05-01",
            ]),
            0,
        ),
        (
            edge,
            on(&[
                "escalate",
                "--place",
                "半浦一格",
                "--severity",
                "吹哨",
                "--topic",
                "测试主题",
                "--date",
                "2024-05-01",
            ]),
            0,
        ),
        (
            edge,
            on(&[
                "escalate",
                "--place",
                "半浦一格",
                "--severity",
                "吹哨",
                "--date",
                "2024-05-01",
            ]),
            0,
        ),
        (
            NINGBO,
            on(&["duties", "--unit", "庄桥街道", "--date", "2025-03-01"]),
            0,
        ),
        (
            edge,
            on(&["duties", "--unit", "慈城镇", "--date", "2024-05-01"]),
            0,
        ),
        (
            edge,
            on(&[
                "accept",
                "--item",
                "330205-CF-002",
                "--resident",
                "半浦村",
                "--date",
                "2024-05-01",
            ]),
            0,
        ),
        (
            edge,
            on(&[
                "accept",
                "--item",
                "330205-CF-001",
                "--resident",
                "湾头社区",
                "--date",
                "2024-05-01",
            ]),
            0,
        ),
        // Errors: unknown and ambiguous names, items that do not apply, unknown facts,
        // values and severities, no ladder, a bad date.
        (
            NINGBO,
            on(&[
                "who",
                "--item",
                "330205-CF-01",
                "--place",
                "慈城镇",
                "--date",
                "2024-05-01",
            ]),
            1,
        ),
        (
            NINGBO,
            on(&[
                "who",
                "--item",
                "330205-CF-001",
                "--place",
                "慈城",
                "--date",
                "2024-05-01",
            ]),
            1,
        ),
        (
            NINGBO,
            on(&[
                "who",
                "--item",
                "330205-CF-001",
                "--place",
                "慈城镇",
                "--date",
                "2024-02-30",
            ]),
            1,
        ),
        (
            edge,
            on(&[
                "who",
                "--item",
                "330205-ZC-001",
                "--place",
                "甬江街道",
                "--date",
                "2024-05-01",
            ]),
            1,
        ),
        (
            edge,
            on(&[
                "who",
                "--item",
                "330205-CS-001",
                "--place",
                "慈城镇",
                "--date",
                "2024-05-01",
            ]),
            1,
        ),
        (
            NINGBO,
            on(&[
                "can",
                "--unit",
                "综合信息指挥室",
                "--item",
                "330205-CF-001",
                "--place",
                "慈城镇",
                "--date",
                "2024-05-01",
            ]),
            1,
        ),
        (
            NINGBO,
            on(&[
                "scenario",
                "--topic",
                "建筑垃圾",
                "--place",
                "慈城镇",
                "--fact",
                "颜色=红",
                "--date",
                "2024-05-01",
            ]),
            1,
        ),
        (
            NINGBO,
            on(&[
                "scenario",
                "--topic",
                "建筑垃圾",
                "--place",
                "慈城镇",
                "--fact",
                "环节=飞行",
                "--date",
                "2024-05-01",
            ]),
            1,
        ),
        (
            NINGBO,
            on(&[
                "scenario",
                "--topic",
                "建筑垃圾",
                "--place",
                "慈城镇",
                "--fact",
                "环节",
                "--date",
                "2024-05-01",
            ]),
            1,
        ),
        (
            NINGBO,
            on(&[
                "escalate",
                "--place",
                "宁波市",
                "--severity",
                "重大",
                "--date",
                "2024-05-01",
            ]),
            1,
        ),
        (
            NINGBO,
            on(&[
                "escalate",
                "--place",
                "半浦一格",
                "--severity",
                "超大",
                "--date",
                "2024-05-01",
            ]),
            1,
        ),
        (
            edge,
            on(&[
                "escalate",
                "--place",
                "半浦一格",
                "--severity",
                "吹哨",
                "--item",
                "330205-ZC-002",
                "--date",
                "2024-05-01",
            ]),
            1,
        ),
        (
            NINGBO,
            on(&["duties", "--unit", "甬江", "--date", "2024-05-01"]),
            1,
        ),
        (
            NINGBO,
            on(&[
                "accept",
                "--item",
                "330205-CF-001",
                "--resident",
                "杭州",
                "--date",
                "2024-05-01",
            ]),
            1,
        ),
    ];
    for (path, args, status) in &cases {
        let mut full = vec![args[0], path];
        full.extend_from_slice(&args[1..]);
        if *status == 0 {
            full.push("--proof");
        }
        let (code, text) = run(&full);
        assert_eq!(code, Some(*status), "{full:?}:\n{text}");
        assert_plain(&text, &format!("`quanze {}`", full.join(" ")));
        if *status == 0 {
            assert!(text.contains("\nproof:\n"), "{full:?}:\n{text}");
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn failed_test_expectations_name_unresolved_roles_in_words() {
    let dir = edge_dir();
    std::fs::write(
        dir.join("tests.qz"),
        "test \"兜底由执法局牵头\" {\n  scenario 测试主题 at 慈城镇 with 类型=丙 on 2024-05-01\n  expect lead 综合行政执法局\n}\n",
    )
    .unwrap();
    let (code, text) = run(&["test", dir.to_str().unwrap()]);
    assert_eq!(code, Some(1), "{text}");
    assert!(
        text.contains("unresolved (the handler of 330205-CF-002 is in conflict)"),
        "{text}"
    );
    assert_plain(&text, "`quanze test`");
    let _ = std::fs::remove_dir_all(&dir);
}
