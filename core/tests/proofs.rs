//! Properties over generated rule sets: every answer's proof verifies and agrees with the
//! proof-free answer; tampering with any single field of a proof, or dropping any one step,
//! makes the checker refuse it.

// Test helpers outside #[test] functions may unwrap, index and panic too: failing is their job.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use common::*;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use quanze_core::proof::{Concludes, Proof};
use quanze_core::query;
use quanze_core::*;
use serde_json::Value;

const DATES: [&str; 5] = [
    "2023-01-01",
    "2023-06-01",
    "2024-01-01",
    "2024-06-01",
    "2025-01-01",
];
const QUERY_DATES: [&str; 6] = [
    "2022-12-31",
    "2023-01-01",
    "2023-05-31",
    "2024-01-01",
    "2024-06-01",
    "2025-06-01",
];

/// item, target kind, township, class, mode, since, until, reserve.
type DelegationSpec = (usize, u8, usize, u8, u8, usize, Option<usize>, bool);

/// A proof with a closure that checks a version of it against its rule set and answer.
type Checked = (Box<dyn Fn(&Proof) -> bool>, Proof);

#[derive(Clone, Debug)]
struct Spec {
    townships: Vec<(usize, u8)>,
    items: Vec<(usize, usize, u8, bool)>,
    delegations: Vec<DelegationSpec>,
    revocations: Vec<(usize, u8, usize, usize)>,
    routes: Vec<(usize, bool)>,
}

fn spec() -> impl Strategy<Value = Spec> {
    (
        prop::collection::vec((0..2usize, 0..3u8), 1..=4),
        prop::collection::vec(
            (0..2usize, 0..2usize, 0..4u8, prop::bool::weighted(0.1)),
            1..=4,
        ),
        prop::collection::vec(
            (
                0..4usize,
                0..3u8,
                0..4usize,
                0..3u8,
                0..3u8,
                0..5usize,
                prop::option::of(0..5usize),
                prop::bool::weighted(0.2),
            ),
            0..=7,
        ),
        prop::collection::vec((0..4usize, 0..3u8, 0..4usize, 0..5usize), 0..=3),
        prop::collection::vec((0..4usize, any::<bool>()), 0..=2),
    )
        .prop_map(
            |(townships, items, delegations, revocations, routes)| Spec {
                townships,
                items,
                delegations,
                revocations,
                routes,
            },
        )
}

struct Generated {
    rs: RuleSet,
    items: Vec<ItemId>,
    places: Vec<PlaceId>,
    units: Vec<UnitId>,
}

fn build(spec: &Spec) -> Generated {
    let mut b = B::default();
    let city = b.place("市", PlaceLevel::City, None);
    let counties: Vec<PlaceId> = (0..2)
        .map(|c| {
            b.governed(
                &format!("县{c}"),
                PlaceLevel::County,
                city,
                UnitKind::CountyCentre,
            )
            .0
        })
        .collect();
    let depts: Vec<Vec<UnitId>> = counties
        .iter()
        .map(|c| {
            (0..2)
                .map(|k| b.unit(&format!("局{k}"), UnitKind::Department, *c, None))
                .collect()
        })
        .collect();
    let mut townships = Vec::new();
    let mut places = counties.clone();
    let mut units: Vec<UnitId> = depts.iter().flatten().copied().collect();
    for (k, (county, class)) in spec.townships.iter().enumerate() {
        let class = TownshipClass::ALL[*class as usize];
        let (t, gov) = b.township(&format!("镇{k}"), counties[*county], class);
        let (v, _) = b.governed(
            &format!("村{k}"),
            PlaceLevel::Village,
            t,
            UnitKind::VillageCommittee,
        );
        let team = b.unit(
            &format!("执法队{k}"),
            UnitKind::EnforcementTeam,
            t,
            Some(gov),
        );
        townships.push((t, gov, team, *county));
        places.extend([t, v]);
        units.extend([gov, team]);
    }
    let mut items = Vec::new();
    for (k, (county, dept, kind, non_delegable)) in spec.items.iter().enumerate() {
        let holder = depts[*county][*dept];
        let code = format!("I-{k}");
        let item = match kind {
            0 => b.item(
                &code,
                ListKind::Power,
                Some(PowerType::Licensing),
                Holder::Unit(holder),
            ),
            1 => b.item(
                &code,
                ListKind::Enforcement,
                Some(PowerType::Penalty),
                Holder::Unit(holder),
            ),
            2 => b.territorial(&code, holder, &["发现", "报告"]),
            _ => {
                let i = b.item(&code, ListKind::Service, None, Holder::EachTownship);
                b.decls.items[i.index()].region = Some(counties[*county]);
                i
            }
        };
        b.decls.items[item.index()].non_delegable = *non_delegable;
        b.decls.items[item.index()].parts = Box::new(["重大".into()]);
        items.push(item);
    }
    let target = |kind: u8,
                  township: usize,
                  class: u8,
                  townships: &[(PlaceId, UnitId, UnitId, usize)],
                  item_county: PlaceId| {
        let (t, ..) = townships[township % townships.len()];
        match kind {
            0 => Target::Township(t),
            1 => Target::Class {
                county: item_county,
                class: TownshipClass::ALL[class as usize],
            },
            _ => Target::County(item_county),
        }
    };
    let county_of_item = |i: usize| counties[spec.items[i % spec.items.len()].0];
    for (item, kind, township, class, mode, since, until, reserve) in &spec.delegations {
        let i = items[item % items.len()];
        let t = target(*kind, *township, *class, &townships, county_of_item(*item));
        let mode = [Mode::Grant, Mode::Entrust, Mode::Statutory][*mode as usize];
        let until = until.filter(|u| u > since).map(|u| DATES[u]);
        let dl = b.delegate(i, t, mode, DATES[*since], until);
        if *reserve {
            b.decls.delegations[dl.index()].reserve = vec!["重大".into()];
        }
    }
    for (item, kind, township, since) in &spec.revocations {
        let i = items[item % items.len()];
        let t = target(*kind, *township, 0, &townships, county_of_item(*item));
        b.revoke(i, t, DATES[*since]);
    }
    for (township, by_type) in &spec.routes {
        let (_, gov, team, _) = townships[township % townships.len()];
        let key = if *by_type {
            RouteKey::PowerType(PowerType::Penalty)
        } else {
            RouteKey::List(ListKind::Enforcement)
        };
        b.route(gov, key, team);
    }
    Generated {
        rs: b.build(),
        items,
        places,
        units,
    }
}

/// Every proved answer of the generated rule set, as (answer, proof) pairs behind a checker.
fn proofs(g: &Generated) -> Vec<Checked> {
    let mut out: Vec<Checked> = Vec::new();
    for (n, item) in g.items.iter().enumerate() {
        for place in &g.places {
            for (k, date) in QUERY_DATES.iter().enumerate() {
                let date = d(date);
                let part = (k % 2 == 1).then_some("重大");
                let fast = query::who_handles_part(&g.rs, *item, *place, date, part);
                let proved = query::who_handles_part_proved(&g.rs, *item, *place, date, part);
                match (fast, proved) {
                    (Ok(fast), Ok((answer, proof))) => {
                        assert_eq!(fast, answer);
                        push(&g.rs, &mut out, answer, proof);
                    }
                    (Err(a), Err(b)) => assert_eq!(a, b),
                    (a, b) => panic!("fast {a:?} and proved {b:?} differ"),
                }
                let unit = g.units[(n + k) % g.units.len()];
                if let Ok((answer, proof)) = query::can_proved(&g.rs, unit, *item, *place, date) {
                    assert_eq!(
                        query::can(&g.rs, unit, *item, *place, date).unwrap(),
                        answer
                    );
                    push(&g.rs, &mut out, answer, proof);
                }
                if let Ok((answer, proof)) = query::why_not_proved(&g.rs, unit, *item, *place, date)
                {
                    assert_eq!(
                        query::why_not(&g.rs, unit, *item, *place, date).unwrap(),
                        answer
                    );
                    push(&g.rs, &mut out, answer, proof);
                }
            }
        }
    }
    out
}

fn push<A: Concludes + std::fmt::Debug + 'static>(
    rs: &RuleSet,
    out: &mut Vec<Checked>,
    answer: A,
    proof: Proof,
) {
    verified(rs, &answer, &proof);
    let rs = rs.clone();
    out.push((
        Box::new(move |p: &Proof| checker::check(&rs, &answer, p).is_ok()),
        proof,
    ));
}

/// Paths to every scalar of a JSON value.
fn leaves(v: &Value, path: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
    match v {
        Value::Object(map) => {
            for (k, v) in map {
                path.push(k.clone());
                leaves(v, path, out);
                path.pop();
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                path.push(i.to_string());
                leaves(v, path, out);
                path.pop();
            }
        }
        Value::Null => {}
        _ => out.push(path.clone()),
    }
}

fn at<'a>(v: &'a mut Value, path: &[String]) -> &'a mut Value {
    path.iter().fold(v, |v, k| match v {
        Value::Object(map) => map.get_mut(k).unwrap(),
        Value::Array(items) => &mut items[k.parse::<usize>().unwrap()],
        _ => unreachable!(),
    })
}

const SWAPS: [(&str, &str); 6] = [
    ("Grant", "Entrust"),
    ("Entrust", "Statutory"),
    ("Statutory", "Grant"),
    ("Township", "Village"),
    ("by_holder", "by_delegation"),
    ("within", "governs"),
];

/// The single-field changes of one scalar that still parse as a proof.
fn mutations(v: &Value) -> Vec<Value> {
    match v {
        Value::Number(n) => vec![Value::from(n.as_u64().unwrap_or(0) + 1)],
        Value::Bool(b) => vec![Value::Bool(!b)],
        Value::String(s) => {
            let mut out = Vec::new();
            let f = time::macros::format_description!("[year]-[month]-[day]");
            if let Ok(date) = Date::parse(s, &f) {
                out.push(Value::String(date.next_day().unwrap().format(&f).unwrap()));
            }
            out.extend(
                SWAPS
                    .iter()
                    .filter(|(a, _)| a == s)
                    .map(|(_, b)| Value::String((*b).to_owned())),
            );
            out.push(Value::String(format!("{s}x")));
            out
        }
        _ => Vec::new(),
    }
}

/// Drops step `k`, renumbering the rest and their premises.
fn drop_step(proof: &Proof, k: usize) -> Proof {
    let mut p = proof.clone();
    p.steps.remove(k);
    for s in &mut p.steps {
        if s.id as usize > k {
            s.id -= 1;
        }
        s.premises.retain(|q| *q as usize != k);
        for q in &mut s.premises {
            if *q as usize > k {
                *q -= 1;
            }
        }
    }
    p
}

#[test]
fn every_proof_verifies_and_every_tampered_proof_is_refused() {
    let mut runner = TestRunner::new(Config::with_cases(48));
    let mut tampered = 0usize;
    let mut verified_proofs = 0usize;
    let counter = std::cell::RefCell::new((0usize, 0usize));
    runner
        .run(&spec(), |spec| {
            let g = build(&spec);
            let all = proofs(&g);
            let mut count = counter.borrow_mut();
            count.0 += all.len();
            for (n, (check, proof)) in all.iter().enumerate() {
                // Every fourth proof is tampered with in several fields; every proof loses a step.
                let k = n % proof.steps.len();
                let dropped = drop_step(proof, k);
                prop_assert!(
                    !check(&dropped),
                    "dropping step {k} was not noticed:\n{}",
                    serde_json::to_string_pretty(proof).unwrap()
                );
                count.1 += 1;
                if n % 4 != 0 {
                    continue;
                }
                let json = serde_json::to_value(proof).unwrap();
                let mut paths = Vec::new();
                leaves(&json, &mut Vec::new(), &mut paths);
                paths.retain(|p| p.last().map(String::as_str) != Some("engine"));
                let stride = (paths.len() / 12).max(1);
                for path in paths.iter().skip(n % stride).step_by(stride) {
                    for replacement in mutations(at(&mut json.clone(), path)) {
                        let mut changed = json.clone();
                        *at(&mut changed, path) = replacement.clone();
                        let Ok(changed) = serde_json::from_value::<Proof>(changed) else {
                            continue;
                        };
                        prop_assert!(
                            !check(&changed),
                            "changing {} to {replacement} was not noticed:\n{}",
                            path.join("."),
                            serde_json::to_string_pretty(proof).unwrap()
                        );
                        count.1 += 1;
                    }
                }
            }
            Ok(())
        })
        .unwrap();
    let (v, t) = *counter.borrow();
    verified_proofs += v;
    tampered += t;
    eprintln!("{verified_proofs} proofs verified, {tampered} tampered proofs refused");
    assert!(
        verified_proofs >= 1_000,
        "only {verified_proofs} proofs verified"
    );
    assert!(tampered >= 1_000, "only {tampered} tampered proofs checked");
}
