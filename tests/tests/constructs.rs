//! Every construct of the language, parsed and lowered, asserted on the model; and the same
//! file in Chinese keywords compiles to an equal model.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::string_slice,
    reason = "tests fail loudly on purpose"
)]

use quanze_core::*;
use quanze_tests::compile;

fn en() -> RuleSet {
    compile("en.qz", include_str!("keywords/en.qz"))
}

fn unit<'a>(rules: &'a RuleSet, name: &str) -> &'a Unit {
    rules.unit(rules.lookup_unit(name).unwrap()).unwrap()
}

fn place<'a>(rules: &'a RuleSet, name: &str) -> &'a Place {
    rules.place(rules.lookup_place(name).unwrap()).unwrap()
}

#[test]
fn chinese_and_english_keywords_give_equal_models() {
    let zh = compile("zh.qz", include_str!("keywords/zh.qz"));
    let en = en();
    assert_eq!(zh.decls(), en.decls());
    // Spans differ (the files differ), which equality deliberately ignores.
    assert_ne!(zh.content_hash(), en.content_hash());
}

#[test]
fn places_nest_with_levels_classes_and_tags() {
    let rules = en();
    let town = place(&rules, "甬江街道");
    assert_eq!(town.path, "宁波市/江北区/甬江街道");
    assert_eq!(town.level, PlaceLevel::Township);
    assert_eq!(town.class, Some(TownshipClass::ExtraLarge));
    assert_eq!(town.tags, vec!["镇队合一".to_owned()]);
    assert_eq!(place(&rules, "慈城镇").class, Some(TownshipClass::General));
    assert_eq!(place(&rules, "湾头社区").level, PlaceLevel::Village);
    assert_eq!(place(&rules, "湾头一格").level, PlaceLevel::Grid);
    let micro = place(&rules, "湾头一格一微");
    assert_eq!(micro.level, PlaceLevel::MicroGrid);
    assert_eq!(
        micro.path,
        "宁波市/江北区/甬江街道/湾头社区/湾头一格/湾头一格一微"
    );
    // Townships, villages and grids carry their governing unit.
    let government = rules.unit(town.unit.unwrap()).unwrap();
    assert_eq!(government.kind, UnitKind::TownshipGovernment);
    assert_eq!(
        rules
            .unit(place(&rules, "湾头社区").unit.unwrap())
            .unwrap()
            .kind,
        UnitKind::VillageCommittee
    );
    assert_eq!(
        rules
            .unit(place(&rules, "湾头一格").unit.unwrap())
            .unwrap()
            .kind,
        UnitKind::GridPost
    );
}

#[test]
fn units_have_kinds_seats_and_parents() {
    let rules = en();
    let county = rules.lookup_place("江北区").unwrap();
    let town = rules.lookup_place("甬江街道").unwrap();
    let bureau = unit(&rules, "综合行政执法局");
    assert_eq!(
        (bureau.kind, bureau.seat, bureau.parent),
        (UnitKind::Department, county, None)
    );
    assert_eq!(bureau.path, "宁波市/江北区/综合行政执法局");
    let office = unit(&rules, "综合信息指挥室");
    assert_eq!((office.kind, office.seat), (UnitKind::Office, town));
    assert_eq!(office.parent, place(&rules, "甬江街道").unit);
    let station = unit(&rules, "甬江派出所");
    assert_eq!((station.kind, station.seat), (UnitKind::Stationed, town));
    assert_eq!(
        station.parent,
        Some(rules.lookup_unit("公安江北分局").unwrap())
    );
    assert_eq!(unit(&rules, "社会治理中心").kind, UnitKind::CountyCentre);
    let point = unit(&rules, "慈城便民服务中心");
    assert_eq!(
        (point.kind, point.seat),
        (
            UnitKind::ServicePoint,
            rules.lookup_place("慈城镇").unwrap()
        )
    );
    let routes = &rules.decls().routes;
    assert_eq!(routes.len(), 2);
    assert_eq!(routes[0].key, RouteKey::List(ListKind::Enforcement));
    assert_eq!(routes[1].key, RouteKey::PowerType(PowerType::Penalty));
    assert_eq!(
        routes[0].to,
        rules.lookup_unit("甬江街道/综合行政执法队").unwrap()
    );
}

#[test]
fn items_carry_list_type_holder_basis_flags_and_parts() {
    let rules = en();
    let item = rules
        .item(rules.lookup_item("330205-CF-001").unwrap())
        .unwrap();
    assert_eq!(item.name, "对随意倾倒建筑垃圾的行政处罚");
    assert_eq!(
        (item.list, item.power_type),
        (ListKind::Enforcement, Some(PowerType::Penalty))
    );
    assert_eq!(
        item.holder,
        Holder::Unit(rules.lookup_unit("综合行政执法局").unwrap())
    );
    assert_eq!(item.basis[0].document(), Some("城市建筑垃圾管理规定"));
    assert_eq!(item.basis[0].provision(), Some("第二十六条"));
    assert_eq!(&item.parts[..], ["没收较大数额财物".to_owned()]);
    let detention = rules
        .item(rules.lookup_item("330205-GA-001").unwrap())
        .unwrap();
    assert!(detention.non_delegable);
    let service = rules
        .item(rules.lookup_item("330205-FW-101").unwrap())
        .unwrap();
    assert_eq!(
        (service.list, &service.holder),
        (ListKind::Service, &Holder::EachTownship)
    );
    let village = rules
        .item(rules.lookup_item("330205-CS-003").unwrap())
        .unwrap();
    assert_eq!(
        (village.list, &village.holder),
        (ListKind::VillageDuty, &Holder::EachVillage)
    );
    let territorial = rules
        .item(rules.lookup_item("330205-SD-031").unwrap())
        .unwrap();
    assert_eq!(territorial.list, ListKind::Territorial);
    let duty = territorial.territorial.as_ref().unwrap();
    assert_eq!(duty.primary, rules.lookup_unit("综合行政执法局").unwrap());
    assert_eq!(duty.township_duties, vec!["发现", "劝阻", "报告"]);
}

#[test]
fn delegations_and_revocations() {
    let rules = en();
    let d = &rules.decls().delegations;
    assert_eq!(d.len(), 4);
    let county = rules.lookup_place("江北区").unwrap();
    let date =
        |y, m, day| Date::from_calendar_date(y, time::Month::try_from(m).unwrap(), day).unwrap();
    assert_eq!(d[0].mode, Mode::Grant);
    // `江北区 class 特大 街道`: the 特大 streets, not a 特大 town.
    assert_eq!(
        d[0].target,
        Target::Group {
            region: county,
            class: Some(TownshipClass::ExtraLarge),
            kinds: Kinds::of(&[PlaceKind::Jiedao]),
        }
    );
    assert_eq!(
        d[0].interval,
        Interval {
            since: date(2023, 3, 1),
            until: None
        }
    );
    assert_eq!(d[0].basis.as_deref(), Some("赋权决定"));
    assert_eq!(d[0].reserve, vec!["没收较大数额财物".to_owned()]);
    assert_eq!(d[0].from, rules.lookup_unit("综合行政执法局").unwrap());
    assert_eq!(d[1].mode, Mode::Entrust);
    assert_eq!(
        d[1].target,
        Target::Township(rules.lookup_place("慈城镇").unwrap())
    );
    assert_eq!(d[1].interval.until, Some(date(2025, 6, 30)));
    assert_eq!(d[1].instrument.as_deref(), Some("委托书"));
    assert_eq!(d[2].mode, Mode::Statutory);
    assert_eq!(d[3].target, Target::County(county));
    let r = &rules.decls().revocations;
    assert_eq!(r.len(), 1);
    assert_eq!(
        r[0].target,
        Target::Township(rules.lookup_place("甬江街道").unwrap())
    );
    assert_eq!(r[0].since, date(2025, 1, 1));
}

#[test]
fn topics_and_scenarios() {
    let rules = en();
    let topic = rules
        .topic(rules.lookup_topic("建筑垃圾").unwrap())
        .unwrap();
    assert_eq!(topic.facts.len(), 2);
    assert_eq!(topic.facts[0].values, vec!["产生", "运输", "消纳"]);
    let s = rules
        .scenario(rules.lookup_scenario("CW-02").unwrap())
        .unwrap();
    assert_eq!(s.name, "运输途中沿路撒漏");
    let cond = s.condition.as_ref().unwrap();
    // 环节 == 运输 and (地点 == 道路 or not 地点 != 道路) and 环节 in [运输, 消纳]
    assert_eq!(
        cond,
        &Cond::And(vec![
            Cond::Eq { fact: 0, value: 1 },
            Cond::Or(vec![
                Cond::Eq { fact: 1, value: 0 },
                Cond::Not(Box::new(Cond::Ne { fact: 1, value: 0 }))
            ]),
            Cond::In {
                fact: 0,
                values: vec![1, 2]
            },
        ])
    );
    assert!(cond.eval(&[1, 0]) && !cond.eval(&[0, 0]) && !cond.eval(&[1, 1]));
    assert_eq!(s.lead, Some(Role::Named("综合行政执法局".into())));
    assert_eq!(
        s.assist,
        vec![
            Role::Named("住房和城乡建设局".into()),
            Role::HandlerOf(rules.lookup_item("330205-CF-001").unwrap())
        ]
    );
    assert_eq!(s.township_duties, vec!["发现", "报告"]);
    let actors: Vec<_> = s
        .flow
        .iter()
        .map(|st| {
            (
                st.action.as_str(),
                st.actor.clone(),
                st.limit.map(|l| l.to_string()),
            )
        })
        .collect();
    assert_eq!(
        actors,
        vec![
            ("发现", Some(Role::Level(PlaceLevel::Grid)), None),
            (
                "派单",
                Some(Role::Named("综合信息指挥室".into())),
                Some("30min".into())
            ),
            ("处置", Some(Role::Lead), Some("2h".into())),
            (
                "核查",
                Some(Role::Level(PlaceLevel::Village)),
                Some("4wd".into())
            ),
            ("评价", None, None),
        ]
    );
    let river = rules
        .scenario(rules.lookup_scenario("CW-09").unwrap())
        .unwrap();
    assert_eq!(
        river.overrides,
        vec![rules.lookup_scenario("CW-02").unwrap()]
    );
    let other = rules
        .scenario(rules.lookup_scenario("CW-99").unwrap())
        .unwrap();
    assert!(other.is_otherwise());
}

#[test]
fn ladders_acceptance_and_organisation_rules() {
    let rules = en();
    let ladder = &rules.decls().ladders[0];
    assert_eq!(ladder.region, rules.lookup_place("江北区").unwrap());
    let closes: Vec<_> = ladder
        .levels
        .iter()
        .map(|l| (l.severity.as_str(), l.closes.clone(), l.next.clone()))
        .collect();
    assert_eq!(closes[0], ("微", CloseAt::Grid, Some("小".into())));
    assert_eq!(closes[2], ("一般", CloseAt::Township, Some("大".into())));
    assert_eq!(closes[3], ("大", CloseAt::Department, Some("重大".into())));
    assert_eq!(
        closes[4],
        ("重大", CloseAt::Unit("社会治理中心".into()), None)
    );
    assert_eq!(
        ladder.levels[2].by,
        Some(Role::Named("综合信息指挥室".into()))
    );
    assert_eq!(
        ladder.levels[3].review,
        Some(Role::Level(PlaceLevel::Township))
    );
    assert_eq!(
        ladder.levels[3].within.map(|d| d.to_string()),
        Some("15d".into())
    );
    let acc = &rules.decls().acceptances;
    assert_eq!(acc[0].items, ItemSelector::List(ListKind::Service));
    assert_eq!(acc[0].from, vec![rules.lookup_place("江北区").unwrap()]);
    assert_eq!(
        acc[1].items,
        ItemSelector::Items(vec![rules.lookup_item("330205-FW-101").unwrap()])
    );
    assert_eq!(acc[1].from.len(), 2);
    assert_eq!(acc[2].items, ItemSelector::All);
    let county = rules.lookup_place("江北区").unwrap();
    let limits: Vec<_> = rules
        .decls()
        .org_rules
        .iter()
        .filter_map(|r| match r {
            OrgRule::OfficeLimit {
                region,
                class,
                limit,
                ..
            } => Some((*region, *class, *limit)),
            _ => None,
        })
        .collect();
    assert_eq!(
        limits,
        vec![
            (county, TownshipClass::General, 6),
            (county, TownshipClass::Large, 7),
            (county, TownshipClass::ExtraLarge, 8)
        ]
    );
    assert!(rules
        .decls()
        .org_rules
        .iter()
        .any(|r| matches!(r, OrgRule::ApprovedDuties { duties, .. } if duties.len() == 3)));
    assert!(rules.decls().org_rules.iter().any(|r| matches!(r, OrgRule::RequiredOffices { offices, .. } if offices == &vec!["综合信息指挥室".to_owned()])));
}

#[test]
fn test_blocks_are_kept_with_their_queries_and_expectations() {
    let rules = en();
    let tests = &rules.decls().tests;
    assert_eq!(tests.len(), 7);
    match &tests[0].query {
        TestQuery::Who {
            item,
            place,
            date,
            part,
        } => {
            assert_eq!(
                (item.text.as_str(), place.text.as_str(), date.text.as_str()),
                ("330205-CF-001", "甬江街道", "2024-05-01")
            );
            assert_eq!(
                part.as_ref().map(|p| p.text.as_str()),
                Some("没收较大数额财物")
            );
        }
        other => panic!("expected a who query, got {other:?}"),
    }
    assert!(matches!(&tests[0].expects[1].expect, Expect::Mode(m) if m.text == "reserved"));
    assert!(matches!(&tests[1].expects[0].expect, Expect::Deny));
    assert!(matches!(&tests[2].query, TestQuery::Scenario { facts, .. } if facts.len() == 2));
    assert!(matches!(&tests[2].expects[1].expect, Expect::Assist(list) if list.len() == 1));
    assert!(
        matches!(&tests[3].query, TestQuery::Escalate { severity, item: Some(_), .. } if severity.text == "大")
    );
    assert!(matches!(&tests[4].query, TestQuery::Duties { .. }));
    assert!(matches!(&tests[5].query, TestQuery::Accept { .. }));
    let kinds: Vec<_> = tests[6]
        .expects
        .iter()
        .map(|e| std::mem::discriminant(&e.expect))
        .collect();
    assert_eq!(kinds.len(), 9);
}

#[test]
fn a_rule_set_built_in_code_equals_the_same_rule_set_from_text() {
    let text = compile(
        "t.qz",
        "region 江北区 county { township 慈城镇 class 一般  department 住建局 }",
    );
    let mut decls = Decls::default();
    decls.places.push(Place {
        name: "江北区".into(),
        path: "江北区".into(),
        level: PlaceLevel::County,
        parent: None,
        class: None,
        kind: None,
        tags: vec![],
        unit: Some(UnitId(0)),
        span: Span::DETACHED,
    });
    decls.places.push(Place {
        name: "慈城镇".into(),
        path: "江北区/慈城镇".into(),
        level: PlaceLevel::Township,
        parent: Some(PlaceId(0)),
        class: Some(TownshipClass::General),
        kind: Some(PlaceKind::Zhen),
        tags: vec![],
        unit: Some(UnitId(1)),
        span: Span::DETACHED,
    });
    // Every county has its government as a unit, as every township has.
    decls.units.push(Unit {
        name: "江北区".into(),
        path: "江北区".into(),
        kind: UnitKind::Government,
        seat: PlaceId(0),
        parent: None,
        region: None,
        span: Span::DETACHED,
    });
    decls.units.push(Unit {
        name: "慈城镇".into(),
        path: "江北区/慈城镇".into(),
        kind: UnitKind::TownshipGovernment,
        seat: PlaceId(1),
        parent: None,
        region: Some(PlaceId(0)),
        span: Span::DETACHED,
    });
    decls.units.push(Unit {
        name: "住建局".into(),
        path: "江北区/住建局".into(),
        kind: UnitKind::Department,
        seat: PlaceId(0),
        parent: None,
        region: Some(PlaceId(0)),
        span: Span::DETACHED,
    });
    let code = RuleSet::new(SourceMap::default(), decls).unwrap();
    assert_eq!(code.decls(), text.decls());
}
