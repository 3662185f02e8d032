//! Scenarios, escalation, duty lists and acceptance points, each answer's proof verified.

// Test helpers outside #[test] functions may unwrap, index and panic too: failing is their job.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use common::*;
use quanze_core::proof::Subject;
use quanze_core::query::{self, *};
use quanze_core::*;

fn topic(b: &mut B) -> TopicId {
    let span = b.span();
    let fact = |name: &str, values: &[&str]| Fact {
        name: name.into(),
        values: values.iter().map(|v| v.to_string()).collect(),
        span,
    };
    b.decls.topics.push(Topic {
        name: "建筑垃圾".into(),
        region: None,
        facts: vec![
            fact("地点", &["道路", "河道", "农田"]),
            fact("环节", &["产生", "运输", "消纳"]),
        ],
        span,
    });
    TopicId::from_index(b.decls.topics.len() - 1)
}

fn scenario(
    b: &mut B,
    id: &str,
    topic: TopicId,
    condition: Option<Cond>,
    lead: Role,
) -> ScenarioId {
    let span = b.span();
    b.decls.scenarios.push(Scenario {
        id: id.into(),
        name: id.into(),
        topic,
        condition,
        overrides: vec![],
        lead: Some(lead),
        assist: vec![Role::Named("住房和城乡建设局".into())],
        township_duties: vec!["发现".into(), "报告".into()],
        duty_spans: vec![],
        flow: vec![
            Step {
                action: "发现".into(),
                actor: Some(Role::Level(PlaceLevel::Grid)),
                limit: None,
                span,
            },
            Step {
                action: "处置".into(),
                actor: Some(Role::Lead),
                limit: Some(Duration {
                    amount: 2,
                    unit: DurationUnit::Hours,
                }),
                span,
            },
        ],
        span,
    });
    ScenarioId::from_index(b.decls.scenarios.len() - 1)
}

fn facts(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(f, v)| (f.to_string(), v.to_string()))
        .collect()
}

fn ask(rs: &RuleSet, t: TopicId, place: PlaceId, f: &[(&str, &str)]) -> ScenarioAnswer {
    let fast = query::scenario(rs, t, place, &facts(f), d("2024-05-01")).unwrap();
    let (answer, proof) = query::scenario_proved(rs, t, place, &facts(f), d("2024-05-01")).unwrap();
    assert_eq!(fast, answer);
    verified(rs, &answer, &proof);
    answer
}

#[test]
fn scenarios_resolve_roles_settle_overrides_and_report_ambiguity() {
    let mut w = world();
    let t = topic(&mut w.b);
    let road = Cond::Eq { fact: 0, value: 0 };
    let transport = Cond::Eq { fact: 1, value: 1 };
    let river = Cond::Eq { fact: 0, value: 1 };
    let cw02 = scenario(
        &mut w.b,
        "CW-02",
        t,
        Some(Cond::And(vec![road.clone(), transport.clone()])),
        Role::Named("综合行政执法局".into()),
    );
    let cw07 = scenario(
        &mut w.b,
        "CW-07",
        t,
        Some(transport),
        Role::Named("住房和城乡建设局".into()),
    );
    let cw09 = scenario(
        &mut w.b,
        "CW-09",
        t,
        Some(river),
        Role::Named("不存在局".into()),
    );
    let cw99 = scenario(
        &mut w.b,
        "CW-99",
        t,
        None,
        Role::Named("综合行政执法局".into()),
    );
    w.b.decls.scenarios[cw09.index()].overrides = vec![cw07];
    let (zf, zj, grid, grid_unit, cc_gov, county, county_gov, other_town) = (
        w.zf,
        w.zj,
        w.grid,
        w.grid_unit,
        w.cc_gov,
        w.county,
        w.county_gov,
        w.other_town,
    );
    let rs = w.b.build();

    // Road and transport: CW-02 and CW-07 both match and nothing settles it.
    match ask(&rs, t, grid, &[("地点", "道路"), ("环节", "运输")]) {
        ScenarioAnswer::Ambiguous {
            candidates,
            designate,
        } => {
            assert_eq!(
                candidates.iter().map(|c| c.scenario).collect::<Vec<_>>(),
                vec![cw02, cw07]
            );
            assert_eq!(
                designate,
                Designation {
                    place: county,
                    unit: Some(county_gov)
                }
            );
        }
        other => panic!("expected ambiguity, got {other:?}"),
    }
    // River and transport: CW-09 overrides CW-07; its lead does not exist.
    match ask(&rs, t, grid, &[("地点", "河道"), ("环节", "运输")]) {
        ScenarioAnswer::Matched(m) => {
            assert_eq!(m.scenario, cw09);
            assert!(matches!(
                m.lead,
                Some(Resolved::Unresolved(Unresolved::UnknownName { .. }))
            ));
        }
        other => panic!("expected CW-09, got {other:?}"),
    }
    // Nothing matches: the catch-all answers, with roles resolved at the place.
    match ask(&rs, t, grid, &[("地点", "农田"), ("环节", "产生")]) {
        ScenarioAnswer::Matched(m) => {
            assert_eq!(m.scenario, cw99);
            assert_eq!(m.lead, Some(Resolved::Unit(zf)));
            assert_eq!(m.assist, vec![Resolved::Unit(zj)]);
            assert_eq!(m.township, Some(cc_gov));
            assert_eq!(m.flow[0].actor, Some(Resolved::Unit(grid_unit)));
            assert_eq!(m.flow[1].actor, Some(Resolved::Unit(zf)));
        }
        other => panic!("expected the catch-all, got {other:?}"),
    }
    // In another county the same names resolve to that county's units, or not at all.
    match ask(&rs, t, other_town, &[("地点", "农田"), ("环节", "产生")]) {
        ScenarioAnswer::Matched(m) => assert!(matches!(
            m.lead,
            Some(Resolved::Unresolved(Unresolved::OutsideCounty { .. }))
        )),
        other => panic!("expected the catch-all, got {other:?}"),
    }
    // A fact that a still-possible scenario tests is missing: never the catch-all, never a
    // silent pick. 地点=农田 rules out CW-02 and CW-09; CW-07 and the catch-all depend on 环节.
    assert_eq!(
        ask(&rs, t, grid, &[("地点", "农田")]),
        ScenarioAnswer::NeedsFacts {
            missing: vec!["环节".to_owned()],
            possible: vec![cw07, cw99],
        }
    );
    // With 环节=运输 alone CW-07 matches, but CW-02 and CW-09 depend on 地点.
    assert_eq!(
        ask(&rs, t, grid, &[("环节", "运输")]),
        ScenarioAnswer::NeedsFacts {
            missing: vec!["地点".to_owned()],
            possible: vec![cw02, cw07, cw09],
        }
    );
    assert!(matches!(
        query::scenario(&rs, t, grid, &facts(&[("地点", "海域")]), d("2024-05-01")),
        Err(QueryError::UnknownValue { .. })
    ));
    assert!(matches!(
        query::scenario(&rs, t, grid, &facts(&[("天气", "雨")]), d("2024-05-01")),
        Err(QueryError::UnknownFact { .. })
    ));
}

#[test]
fn escalation_climbs_the_nearest_ladder_to_the_department() {
    let mut w = world();
    let i = w.b.item(
        "CF-001",
        ListKind::Enforcement,
        Some(PowerType::Penalty),
        Holder::Unit(w.zf),
    );
    w.b.delegate(i, Target::Township(w.cc), Mode::Grant, "2023-01-01", None);
    let level = |severity: &str, closes: CloseAt, span: Span| Level {
        severity: severity.into(),
        closes,
        by: None,
        review: Some(Role::Level(PlaceLevel::Township)),
        within: Some(Duration {
            amount: 3,
            unit: DurationUnit::Days,
        }),
        next: None,
        span,
    };
    let span = w.b.span();
    w.b.decls.ladders.push(Ladder {
        name: "江北区分级处置".into(),
        region: w.county,
        levels: vec![
            level("微", CloseAt::Grid, span),
            level("小", CloseAt::Village, span),
            level("大", CloseAt::Township, span),
            level("重大", CloseAt::Department, span),
        ],
        span,
    });
    let terr = w.b.territorial("SD-031", w.zj, &["发现", "报告"]);
    let t = topic(&mut w.b);
    let road = Cond::Eq { fact: 0, value: 0 };
    let transport = Cond::Eq { fact: 1, value: 1 };
    let cw02 = scenario(
        &mut w.b,
        "CW-02",
        t,
        Some(Cond::And(vec![road, transport.clone()])),
        Role::Named("住房和城乡建设局".into()),
    );
    let cw07 = scenario(
        &mut w.b,
        "CW-07",
        t,
        Some(transport),
        Role::Named("综合行政执法局".into()),
    );
    let (grid, grid_unit, village_unit, cc_gov, zf, zj, other_town) = (
        w.grid,
        w.grid_unit,
        w.village_unit,
        w.cc_gov,
        w.zf,
        w.zj,
        w.other_town,
    );
    let rs = w.b.build();
    let ask = |severity: &str, subject: Option<Subject>, f: &[(&str, &str)]| {
        let f = facts(f);
        let (a, proof) =
            query::escalate_proved(&rs, grid, severity, subject, &f, d("2024-01-01")).unwrap();
        verified(&rs, &a, &proof);
        assert_eq!(
            a,
            query::escalate(&rs, grid, severity, subject, &f, d("2024-01-01")).unwrap()
        );
        a
    };
    // 吹哨报到 goes to the department that granted the item, not to the township that received
    // it (it keeps 业务指导 and 监督, 行政处罚法 第24条第3款).
    let a = ask("重大", Some(Subject::Item(i)), &[]);
    let units: Vec<_> = a.rungs.iter().map(|r| r.unit.clone()).collect();
    assert_eq!(
        units,
        vec![
            Resolved::Unit(grid_unit),
            Resolved::Unit(village_unit),
            Resolved::Unit(cc_gov),
            Resolved::Unit(zf)
        ]
    );
    assert_eq!(a.rungs[3].review, Some(Resolved::Unit(cc_gov)));
    // A territorial item: its primary department.
    let a = ask("重大", Some(Subject::Item(terr)), &[]);
    assert_eq!(a.rungs[3].unit, Resolved::Unit(zj));
    // A topic: the lead of the scenario the facts select, or why none is selected.
    let lead = |f: &[(&str, &str)]| {
        ask("重大", Some(Subject::Topic(t)), f).rungs[3]
            .unit
            .clone()
    };
    assert_eq!(
        lead(&[("地点", "道路"), ("环节", "运输")]),
        Resolved::Unresolved(Unresolved::AmbiguousScenario {
            scenarios: vec![cw02, cw07]
        })
    );
    assert_eq!(
        lead(&[("地点", "农田"), ("环节", "运输")]),
        Resolved::Unit(zf)
    );
    assert_eq!(
        lead(&[("地点", "农田"), ("环节", "产生")]),
        Resolved::Unresolved(Unresolved::NoScenario { topic: t })
    );
    assert_eq!(
        lead(&[("环节", "运输")]),
        Resolved::Unresolved(Unresolved::NeedsFacts {
            missing: vec!["地点".to_owned()]
        })
    );
    let _ = cw02;
    let small = ask("小", None, &[]);
    assert_eq!(small.rungs.len(), 2);
    assert!(matches!(
        query::escalate(&rs, grid, "特别重大", None, &[], d("2024-01-01")),
        Err(QueryError::UnknownSeverity { .. })
    ));
    // An item that does not apply at the place is refused as `who` refuses it.
    let ladder_elsewhere = query::escalate(
        &rs,
        other_town,
        "重大",
        Some(Subject::Item(i)),
        &[],
        d("2024-01-01"),
    );
    assert!(
        matches!(
            ladder_elsewhere,
            Err(QueryError::OutsideScope { .. }) | Err(QueryError::NoLadder { .. })
        ),
        "{ladder_elsewhere:?}"
    );
    assert!(matches!(
        query::escalate(
            &rs,
            grid,
            "重大",
            Some(Subject::Item(i)),
            &facts(&[("环节", "运输")]),
            d("2024-01-01")
        ),
        Err(QueryError::FactsWithoutTopic)
    ));
}

/// A ladder at the city whose one level, 重大, goes to the department responsible.
fn city_ladder(w: &mut World) {
    let span = w.b.span();
    w.b.decls.ladders.push(Ladder {
        name: "宁波市分级处置".into(),
        region: w.city,
        levels: vec![Level {
            severity: "重大".into(),
            closes: CloseAt::Department,
            by: None,
            review: None,
            within: None,
            next: None,
            span,
        }],
        span,
    });
}

#[test]
fn escalating_an_item_that_does_not_apply_at_the_place_is_refused() {
    let mut w = world();
    let i = w.b.item(
        "CF-009",
        ListKind::Enforcement,
        Some(PowerType::Penalty),
        Holder::Unit(w.other_dept),
    );
    city_ladder(&mut w);
    let grid = w.grid;
    let rs = w.b.build();
    assert!(matches!(
        query::escalate(
            &rs,
            grid,
            "重大",
            Some(Subject::Item(i)),
            &[],
            d("2024-01-01")
        ),
        Err(QueryError::OutsideScope { .. })
    ));
    assert!(matches!(
        query::who_handles(&rs, i, grid, d("2024-01-01")),
        Err(QueryError::OutsideScope { .. })
    ));
}

#[test]
fn duties_group_basic_cooperating_and_revoked_items() {
    let mut w = world();
    let granted = w.b.item(
        "CF-001",
        ListKind::Enforcement,
        Some(PowerType::Penalty),
        Holder::Unit(w.zf),
    );
    let revoked = w.b.item(
        "CF-002",
        ListKind::Enforcement,
        Some(PowerType::Penalty),
        Holder::Unit(w.zf),
    );
    let service =
        w.b.item("FW-001", ListKind::Service, None, Holder::EachTownship);
    let terr = w.b.territorial("SD-031", w.zf, &["发现", "劝阻"]);
    let g = w.b.delegate(
        granted,
        Target::County(w.county),
        Mode::Grant,
        "2023-01-01",
        None,
    );
    w.b.delegate(
        revoked,
        Target::County(w.county),
        Mode::Entrust,
        "2023-01-01",
        None,
    );
    let r = w.b.revoke(revoked, Target::Township(w.cc), "2024-01-01");
    let (cc_gov, zf) = (w.cc_gov, w.zf);
    let rs = w.b.build();
    let (a, proof) = query::duties_proved(&rs, cc_gov, d("2024-06-01")).unwrap();
    verified(&rs, &a, &proof);
    assert_eq!(a, query::duties(&rs, cc_gov, d("2024-06-01")).unwrap());
    assert_eq!(
        a.basic,
        vec![
            BasicDuty {
                item: granted,
                mode: HandleMode::Grant,
                delegation: Some(g),
                conflict: false
            },
            BasicDuty {
                item: service,
                mode: HandleMode::Own,
                delegation: None,
                conflict: false
            },
        ]
    );
    assert_eq!(
        a.cooperating,
        vec![CooperationDuty::Territorial {
            item: terr,
            primary: zf,
            duties: vec!["发现".into(), "劝阻".into()]
        }]
    );
    assert_eq!(
        a.revoked,
        vec![RevokedDuty {
            item: revoked,
            revocation: r
        }]
    );
    let (dept, proof) = query::duties_proved(&rs, zf, d("2024-06-01")).unwrap();
    verified(&rs, &dept, &proof);
    assert_eq!(dept.basic.len(), 3);
}

#[test]
fn acceptance_points_cover_the_county_and_handling_stays_with_the_township() {
    let mut w = world();
    let service =
        w.b.item("FW-001", ListKind::Service, None, Holder::EachTownship);
    let point =
        w.b.unit("甬江便民服务中心", UnitKind::ServicePoint, w.yj, None);
    let span = w.b.span();
    w.b.decls.acceptances.push(Acceptance {
        points: vec![point],
        items: ItemSelector::List(ListKind::Service),
        from: vec![w.county],
        span,
    });
    w.b.decls.acceptances.push(Acceptance {
        points: vec![point],
        items: ItemSelector::All,
        from: vec![w.other_county],
        span,
    });
    let (village, cc_gov) = (w.village, w.cc_gov);
    let rs = w.b.build();
    let (a, proof) = query::accept_points_proved(&rs, service, village, d("2024-01-01")).unwrap();
    verified(&rs, &a, &proof);
    assert_eq!(a.points, vec![point]);
    assert_eq!(a.acceptances, vec![0]);
    assert_eq!(a.handler.handling().map(|h| h.handler), Some(cc_gov));
}

#[test]
fn a_city_body_named_in_a_scenario_resolves_from_every_county_below_it() {
    let mut w = world();
    let t = topic(&mut w.b);
    let maritime = w.b.unit("宁波海事局", UnitKind::Department, w.city, None);
    let s = scenario(&mut w.b, "CW-06", t, None, Role::Named("宁波海事局".into()));
    let (grid, other_town) = (w.grid, w.other_town);
    let rs = w.b.build();
    for place in [grid, other_town] {
        match ask(&rs, t, place, &[("地点", "河道"), ("环节", "运输")]) {
            ScenarioAnswer::Matched(m) => {
                assert_eq!((m.scenario, m.lead), (s, Some(Resolved::Unit(maritime))));
            }
            other => panic!("expected CW-06, got {other:?}"),
        }
    }
}

#[test]
fn a_topic_scoped_to_a_county_does_not_apply_in_another() {
    let mut w = world();
    let t = topic(&mut w.b);
    w.b.decls.topics[t.index()].region = Some(w.county);
    scenario(
        &mut w.b,
        "CW-99",
        t,
        None,
        Role::Named("综合行政执法局".into()),
    );
    city_ladder(&mut w);
    let (grid, other_town, zf) = (w.grid, w.other_town, w.zf);
    let rs = w.b.build();
    let f = facts(&[("地点", "农田"), ("环节", "产生")]);
    assert!(matches!(
        ask(&rs, t, grid, &[("地点", "农田"), ("环节", "产生")]),
        ScenarioAnswer::Matched(_)
    ));
    assert!(matches!(
        query::scenario(&rs, t, other_town, &f, d("2024-05-01")),
        Err(QueryError::TopicOutsideScope { .. })
    ));
    assert!(matches!(
        query::escalate(
            &rs,
            other_town,
            "重大",
            Some(Subject::Topic(t)),
            &f,
            d("2024-05-01")
        ),
        Err(QueryError::TopicOutsideScope { .. })
    ));
    let (a, proof) = query::escalate_proved(
        &rs,
        grid,
        "重大",
        Some(Subject::Topic(t)),
        &f,
        d("2024-05-01"),
    )
    .unwrap();
    verified(&rs, &a, &proof);
    assert_eq!(a.rungs[0].unit, Resolved::Unit(zf));
}
