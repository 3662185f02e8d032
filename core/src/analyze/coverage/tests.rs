//! The coverage search against brute force on small random topics, and its speed on a topic of
//! 10^8 combinations.

use super::*;
use crate::ids::{ScenarioId, TopicId};
use crate::model::scenario::{Fact, Scenario};
use crate::ruleset::{Decls, RuleSet};
use crate::span::{SourceMap, Span};
use proptest::prelude::*;

fn topic(domains: &[usize]) -> crate::model::scenario::Topic {
    crate::model::scenario::Topic {
        name: "t".to_owned(),
        region: None,
        facts: domains
            .iter()
            .enumerate()
            .map(|(i, n)| Fact {
                name: format!("f{i}"),
                values: (0..*n).map(|v| format!("v{v}")).collect(),
                span: Span::DETACHED,
            })
            .collect(),
        span: Span::DETACHED,
    }
}

fn scenario(i: usize, condition: Option<Cond>, overrides: Vec<u32>) -> Scenario {
    Scenario {
        id: format!("S{i}"),
        name: String::new(),
        topic: TopicId(0),
        condition,
        overrides: overrides.into_iter().map(ScenarioId).collect(),
        lead: None,
        assist: Vec::new(),
        township_duties: Vec::new(),
        duty_spans: Vec::new(),
        flow: Vec::new(),
        span: Span::DETACHED,
    }
}

fn rules(domains: &[usize], scenarios: Vec<Scenario>) -> RuleSet {
    let decls = Decls {
        topics: vec![topic(domains)],
        scenarios,
        ..Decls::default()
    };
    RuleSet::new(SourceMap::default(), decls).unwrap()
}

/// The scenarios selected on one combination, as the `scenario` query selects them.
fn selected(rs: &RuleSet, values: &[u32]) -> Vec<usize> {
    let all = &rs.decls().scenarios;
    let matches = |s: &Scenario| s.condition.as_ref().is_some_and(|c| c.eval(values));
    (0..all.len())
        .filter(|i| {
            let s = &all[*i];
            matches(s)
                && !all.iter().enumerate().any(|(j, o)| {
                    j != *i && matches(o) && o.overrides.contains(&ScenarioId(*i as u32))
                })
        })
        .collect()
}

fn combinations(domains: &[usize]) -> Vec<Vec<u32>> {
    let mut out = vec![Vec::new()];
    for n in domains {
        out = out
            .into_iter()
            .flat_map(|prefix| {
                (0..*n as u32).map(move |v| {
                    let mut p = prefix.clone();
                    p.push(v);
                    p
                })
            })
            .collect();
    }
    out
}

fn conditioned_of(rs: &RuleSet) -> Vec<usize> {
    (0..rs.decls().scenarios.len())
        .filter(|i| rs.decls().scenarios[*i].condition.is_some())
        .collect()
}

fn in_cube(space: &Space, cube: &Cube, values: &[u32]) -> bool {
    cube.iter().enumerate().all(|(f, class)| match class {
        Some(c) => space.class_of[f][values[f] as usize] == *c,
        None => true,
    })
}

fn cond(facts: usize, domain: usize) -> impl Strategy<Value = Cond> {
    let f = 0..facts as u32;
    let v = 0..domain as u32;
    let leaf = prop_oneof![
        Just(Cond::True),
        (f.clone(), v.clone()).prop_map(|(fact, value)| Cond::Eq { fact, value }),
        (f.clone(), v.clone()).prop_map(|(fact, value)| Cond::Ne { fact, value }),
        (f, proptest::collection::vec(v, 0..3))
            .prop_map(|(fact, values)| Cond::In { fact, values }),
    ];
    leaf.prop_recursive(3, 12, 3, |inner| {
        prop_oneof![
            inner.clone().prop_map(|c| Cond::Not(Box::new(c))),
            proptest::collection::vec(inner.clone(), 1..3).prop_map(Cond::And),
            proptest::collection::vec(inner, 1..3).prop_map(Cond::Or),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// The gap cubes are disjoint and hold exactly the combinations where nothing is selected;
    /// an overlap is found exactly when some combination selects both scenarios.
    #[test]
    fn agrees_with_brute_force(
        conds in proptest::collection::vec(
            (proptest::option::weighted(0.9, cond(3, 3)), proptest::collection::vec(0u32..5, 0..2)),
            1..5,
        ),
    ) {
        let domains = [3usize, 3, 3];
        let n = conds.len() as u32;
        let scenarios = conds
            .into_iter()
            .enumerate()
            .map(|(i, (c, o))| scenario(i, c, o.into_iter().filter(|j| *j < n).collect()))
            .collect();
        let rs = rules(&domains, scenarios);
        let mut cov = TopicCoverage::new(&rs, TopicId(0)).unwrap();
        let gaps = cov.unselected(usize::MAX);
        prop_assert!(!gaps.undecided && !gaps.more);
        let unselected_count = combinations(&domains)
            .into_iter()
            .filter(|v| selected(&rs, v).iter().all(|s| !conditioned_of(&rs).contains(s)))
            .count();
        prop_assert_eq!(gaps.count, unselected_count as u128);
        let conditioned: Vec<usize> = cov.conditioned.iter().map(|s| s.index()).collect();
        for values in combinations(&domains) {
            let sel: Vec<usize> = selected(&rs, &values)
                .into_iter()
                .filter(|s| conditioned.contains(s))
                .collect();
            let holding = gaps.cubes.iter().filter(|c| in_cube(&cov.space, c, &values)).count();
            prop_assert_eq!(holding, usize::from(sel.is_empty()), "combination {:?}", values);
        }
        for (i, a) in conditioned.iter().enumerate() {
            for (j, b) in conditioned.iter().enumerate().skip(i + 1) {
                let brute = combinations(&domains).into_iter().any(|v| {
                    let sel = selected(&rs, &v);
                    sel.contains(a) && sel.contains(b)
                });
                match cov.overlap(i, j) {
                    Outcome::Found(cube) => {
                        prop_assert!(brute);
                        for v in combinations(&domains) {
                            if in_cube(&cov.space, &cube, &v) {
                                let sel = selected(&rs, &v);
                                prop_assert!(sel.contains(a) && sel.contains(b));
                            }
                        }
                    }
                    Outcome::None => prop_assert!(!brute),
                    Outcome::Undecided => prop_assert!(false, "undecided"),
                }
            }
        }
    }
}

/// A topic of 8 facts with 10 values each (10^8 combinations) and 60 scenarios: every gap and
/// every overlapping pair is decided well within two seconds, even unoptimised.
#[test]
fn ten_to_the_eighth_combinations_in_well_under_two_seconds() {
    let eq = |fact: u32, value: u32| Cond::Eq { fact, value };
    let mut scenarios = Vec::new();
    // S0..S8: f0 == v for v in 0..9; f0 == 9 is left uncovered.
    for v in 0..9 {
        scenarios.push(scenario(scenarios.len(), Some(eq(0, v)), Vec::new()));
    }
    // Fifty scenarios over pairs of facts, each an exception to the f0 partition where it applies.
    for k in 0..50u32 {
        let (f, g) = (1 + k % 7, 1 + (k * 3 + 1) % 7);
        let c = Cond::And(vec![
            eq(f, k % 10),
            Cond::In {
                fact: g,
                values: vec![(k + 1) % 10, (k + 4) % 10],
            },
            Cond::Not(Box::new(eq(0, 9))),
        ]);
        scenarios.push(scenario(scenarios.len(), Some(c), (0..9).collect()));
    }
    // One scenario overlapping the partition on f0 == 3 with every fact constrained.
    let all: Vec<Cond> = (1..8).map(|f| Cond::Ne { fact: f, value: 0 }).collect();
    let mut deep = vec![eq(0, 3)];
    deep.extend(all);
    scenarios.push(scenario(scenarios.len(), Some(Cond::And(deep)), Vec::new()));
    let rs = rules(&[10; 8], scenarios);

    let started = std::time::Instant::now();
    let mut cov = TopicCoverage::new(&rs, TopicId(0)).unwrap();
    let gaps = cov.unselected(8);
    let mut overlaps = 0;
    let n = cov.conditioned.len();
    for i in 0..n {
        for j in i + 1..n {
            match cov.overlap(i, j) {
                Outcome::Found(cube) => {
                    overlaps += 1;
                    let w = cov.space.witness(&cube);
                    let sel = selected(&rs, &w);
                    assert!(sel.contains(&cov.conditioned[i].index()));
                    assert!(sel.contains(&cov.conditioned[j].index()));
                }
                Outcome::None => {}
                Outcome::Undecided => panic!("undecided"),
            }
        }
    }
    let elapsed = started.elapsed();
    // The only gap is f0 == 9, whatever the other facts: one cube of 10^7 combinations.
    assert!(!gaps.undecided && !gaps.more);
    assert_eq!(gaps.cubes.len(), 1);
    assert_eq!(cov.space.size(cov.topic, &gaps.cubes[0]), 10_000_000);
    assert_eq!(gaps.count, 10_000_000);
    assert_eq!(describe(&cov.space, cov.topic, &gaps.cubes[0]), "f0=v9");
    assert!(selected(&rs, &cov.space.witness(&gaps.cubes[0])).is_empty());
    // S3 and the deep scenario overlap; the partition's members never do; exceptions overlap
    // one another but never a partition member they override.
    assert!(overlaps > 0);
    assert!(matches!(cov.overlap(3, 59), Outcome::Found(_)));
    assert_eq!(cov.overlap(0, 1), Outcome::None);
    assert_eq!(cov.overlap(0, 9), Outcome::None);
    assert!(
        elapsed < std::time::Duration::from_secs(2),
        "coverage of 10^8 combinations took {elapsed:?}"
    );
    eprintln!("10^8 combinations: {overlaps} overlapping pairs, decided in {elapsed:?}");
}

/// A diagram that outgrows its node budget answers "undecided", never a guess.
#[test]
fn a_small_budget_is_undecided_not_wrong() {
    let c = |f: u32| Cond::In {
        fact: f,
        values: vec![0, 2, 4],
    };
    let scenarios = (0..6)
        .map(|i| {
            let cond = Cond::Or(vec![
                Cond::And(vec![c(i % 4), c((i + 1) % 4)]),
                Cond::And(vec![c((i + 2) % 4), Cond::Not(Box::new(c((i + 3) % 4)))]),
            ]);
            scenario(i as usize, Some(cond), Vec::new())
        })
        .collect();
    let rs = rules(&[6; 4], scenarios);
    let mut cov = TopicCoverage::with_limit(&rs, TopicId(0), 4).unwrap();
    assert!(cov.unselected(8).undecided);
    assert_eq!(cov.overlap(0, 1), Outcome::Undecided);
    let mut roomy = TopicCoverage::new(&rs, TopicId(0)).unwrap();
    assert!(!roomy.unselected(8).undecided);
}
