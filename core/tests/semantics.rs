//! One test per semantic rule of `who_handles`, `can` and `why_not`; every answer's proof is
//! verified by the checker.

// Test helpers outside #[test] functions may unwrap, index and panic too: failing is their job.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use common::*;
use quanze_core::query::{self, *};
use quanze_core::*;

fn who(rs: &RuleSet, item: ItemId, place: PlaceId, date: &str) -> WhoAnswer {
    let fast = query::who_handles(rs, item, place, d(date)).unwrap();
    let (proved, proof) = query::who_handles_proved(rs, item, place, d(date)).unwrap();
    assert_eq!(fast, proved);
    verified(rs, &proved, &proof);
    proved
}

fn handled(a: WhoAnswer) -> Handling {
    match a {
        WhoAnswer::Handled(h) => h,
        other => panic!("expected a handler, got {other:?}"),
    }
}

fn can(rs: &RuleSet, unit: UnitId, item: ItemId, place: PlaceId, date: &str) -> bool {
    let fast = query::can(rs, unit, item, place, d(date)).unwrap();
    let (proved, proof) = query::can_proved(rs, unit, item, place, d(date)).unwrap();
    assert_eq!(fast, proved);
    verified(rs, &proved, &proof);
    proved.allowed
}

fn penalty(w: &mut World, code: &str) -> ItemId {
    w.b.item(
        code,
        ListKind::Enforcement,
        Some(PowerType::Penalty),
        Holder::Unit(w.zf),
    )
}

#[test]
fn without_delegation_the_holder_handles() {
    let mut w = world();
    let i = penalty(&mut w, "CF-001");
    let (zf, cc) = (w.zf, w.cc);
    let rs = w.b.build();
    let h = handled(who(&rs, i, cc, "2024-05-01"));
    assert_eq!(
        (h.handler, h.legal_subject, h.mode),
        (zf, zf, HandleMode::Own)
    );
}

#[test]
fn interval_is_half_open_on_both_boundary_dates() {
    let mut w = world();
    let i = penalty(&mut w, "CF-001");
    let dl = w.b.delegate(
        i,
        Target::Township(w.cc),
        Mode::Grant,
        "2023-03-01",
        Some("2024-03-01"),
    );
    let (zf, cc, cc_gov) = (w.zf, w.cc, w.cc_gov);
    let rs = w.b.build();
    assert_eq!(handled(who(&rs, i, cc, "2023-02-28")).handler, zf);
    let first = handled(who(&rs, i, cc, "2023-03-01"));
    assert_eq!(
        (first.handler, first.mode, first.delegation),
        (cc_gov, HandleMode::Grant, Some(dl))
    );
    assert_eq!(handled(who(&rs, i, cc, "2024-02-29")).handler, cc_gov);
    assert_eq!(handled(who(&rs, i, cc, "2024-03-01")).handler, zf);
}

#[test]
fn revoke_ends_a_delegation_from_its_date_and_a_later_one_is_new() {
    let mut w = world();
    let i = penalty(&mut w, "CF-001");
    w.b.delegate(i, Target::County(w.county), Mode::Grant, "2023-01-01", None);
    let r = w.b.revoke(i, Target::Township(w.cc), "2024-01-01");
    w.b.delegate(i, Target::Township(w.cc), Mode::Grant, "2025-01-01", None);
    let (zf, cc, cc_gov, yj, yj_gov) = (w.zf, w.cc, w.cc_gov, w.yj, w.yj_gov);
    let rs = w.b.build();
    assert_eq!(handled(who(&rs, i, cc, "2023-12-31")).handler, cc_gov);
    assert_eq!(handled(who(&rs, i, cc, "2024-01-01")).handler, zf);
    assert_eq!(
        handled(who(&rs, i, yj, "2024-06-01")).handler,
        yj_gov,
        "the revocation names one township only"
    );
    assert_eq!(
        handled(who(&rs, i, cc, "2025-01-01")).handler,
        cc_gov,
        "a delegation after the revocation is new"
    );
    let why = query::why_not(&rs, cc_gov, i, cc, d("2024-06-01")).unwrap();
    let scanned = why.reasons.iter().find_map(|r| match r {
        Reason::NoDelegation { scanned, .. } => Some(scanned.clone()),
        _ => None,
    });
    let failures: Vec<Failure> = scanned.unwrap().into_iter().map(|s| s.failure).collect();
    assert_eq!(
        failures,
        vec![
            Failure::Revoked {
                by: r,
                since: d("2024-01-01")
            },
            Failure::NotYetInForce {
                since: d("2025-01-01")
            }
        ]
    );
    let (answer, proof) = query::why_not_proved(&rs, cc_gov, i, cc, d("2024-06-01")).unwrap();
    verified(&rs, &answer, &proof);
    assert!(proof
        .steps
        .iter()
        .any(|s| matches!(s.claim, proof::Claim::Revoked { .. })));
}

#[test]
fn named_township_beats_class_beats_county() {
    let mut w = world();
    let i = penalty(&mut w, "CF-001");
    let county = w.b.delegate(
        i,
        Target::County(w.county),
        Mode::Entrust,
        "2023-01-01",
        None,
    );
    let class = w.b.delegate(
        i,
        Target::Class {
            county: w.county,
            class: TownshipClass::ExtraLarge,
        },
        Mode::Grant,
        "2023-01-01",
        None,
    );
    let named = w.b.delegate(
        i,
        Target::Township(w.yj),
        Mode::Statutory,
        "2024-01-01",
        None,
    );
    let (cc, yj) = (w.cc, w.yj);
    let rs = w.b.build();
    assert_eq!(
        handled(who(&rs, i, cc, "2023-06-01")).delegation,
        Some(county)
    );
    assert_eq!(
        handled(who(&rs, i, yj, "2023-06-01")).delegation,
        Some(class)
    );
    assert_eq!(
        handled(who(&rs, i, yj, "2024-06-01")).delegation,
        Some(named)
    );
    let (_, proof) = query::who_handles_proved(&rs, i, yj, d("2024-06-01")).unwrap();
    let overridden: Vec<_> = proof
        .steps
        .iter()
        .filter_map(|s| match s.claim {
            proof::Claim::OverriddenBy { delegation, by, .. } => Some((delegation, by)),
            _ => None,
        })
        .collect();
    assert_eq!(overridden, vec![(county, named), (class, named)]);
}

#[test]
fn equal_specificity_overlap_is_a_conflict_with_both_candidates() {
    let mut w = world();
    let i = penalty(&mut w, "CF-001");
    let g =
        w.b.delegate(i, Target::Township(w.cc), Mode::Grant, "2023-01-01", None);
    let e =
        w.b.delegate(i, Target::Township(w.cc), Mode::Entrust, "2023-06-01", None);
    let (zf, cc, cc_gov) = (w.zf, w.cc, w.cc_gov);
    let rs = w.b.build();
    assert_eq!(handled(who(&rs, i, cc, "2023-05-31")).delegation, Some(g));
    match who(&rs, i, cc, "2023-06-01") {
        WhoAnswer::Conflict {
            township,
            candidates,
        } => {
            assert_eq!(township, cc);
            assert_eq!(
                candidates.iter().map(|c| c.delegation).collect::<Vec<_>>(),
                vec![Some(g), Some(e)]
            );
            assert_eq!(candidates[1].legal_subject, zf);
        }
        other => panic!("expected a conflict, got {other:?}"),
    }
    assert!(!can(&rs, zf, i, cc, "2023-06-01"));
    assert!(!can(&rs, cc_gov, i, cc, "2023-06-01"));
    let why = query::why_not(&rs, cc_gov, i, cc, d("2023-06-01")).unwrap();
    assert_eq!(
        why.reasons,
        vec![Reason::Conflict {
            township: cc,
            delegations: vec![g, e]
        }]
    );
}

#[test]
fn grant_denies_the_department_and_entrust_keeps_it() {
    let mut w = world();
    let granted = penalty(&mut w, "CF-001");
    let entrusted = penalty(&mut w, "CF-002");
    w.b.delegate(
        granted,
        Target::Township(w.cc),
        Mode::Grant,
        "2023-01-01",
        None,
    );
    w.b.delegate(
        entrusted,
        Target::Township(w.cc),
        Mode::Entrust,
        "2023-01-01",
        None,
    );
    let (zf, cc, cc_gov, yj_gov) = (w.zf, w.cc, w.cc_gov, w.yj_gov);
    let rs = w.b.build();
    assert!(!can(&rs, zf, granted, cc, "2024-01-01"));
    assert!(can(&rs, cc_gov, granted, cc, "2024-01-01"));
    assert!(can(&rs, zf, entrusted, cc, "2024-01-01"));
    assert!(can(&rs, cc_gov, entrusted, cc, "2024-01-01"));
    assert!(!can(&rs, yj_gov, entrusted, cc, "2024-01-01"));
    let h = handled(who(&rs, entrusted, cc, "2024-01-01"));
    assert_eq!(
        (h.handler, h.legal_subject, h.mode),
        (cc_gov, zf, HandleMode::Entrust)
    );
    let why = query::why_not(&rs, zf, granted, cc, d("2024-01-01")).unwrap();
    assert_eq!(
        why.reasons,
        vec![Reason::HandledBy {
            handler: cc_gov,
            legal_subject: cc_gov,
            mode: HandleMode::Grant
        }]
    );
}

#[test]
fn territorial_items_answer_the_department_with_the_township_cooperating() {
    let mut w = world();
    let t = w.b.territorial("SD-031", w.zf, &["发现", "劝阻", "报告"]);
    w.b.delegate(t, Target::Township(w.cc), Mode::Grant, "2023-01-01", None);
    let (zf, cc, cc_gov, village, county) = (w.zf, w.cc, w.cc_gov, w.village, w.county);
    let rs = w.b.build();
    let h = handled(who(&rs, t, village, "2024-01-01"));
    assert_eq!((h.handler, h.mode), (zf, HandleMode::Territorial));
    assert_eq!(
        h.cooperating,
        vec![Cooperation {
            unit: cc_gov,
            duties: vec!["发现".into(), "劝阻".into(), "报告".into()]
        }]
    );
    assert!(handled(who(&rs, t, county, "2024-01-01"))
        .cooperating
        .is_empty());
    assert!(!can(&rs, cc_gov, t, cc, "2024-01-01"));
    let why = query::why_not(&rs, cc_gov, t, cc, d("2024-01-01")).unwrap();
    assert!(why.reasons.contains(&Reason::CooperatesOnly {
        duties: vec!["发现".into(), "劝阻".into(), "报告".into()]
    }));
}

#[test]
fn a_reserved_part_answers_the_holder() {
    let mut w = world();
    let i = penalty(&mut w, "CF-001");
    w.b.decls.items[i.index()].parts = vec!["没收较大数额财物".into(), "警告".into()].into();
    let dl =
        w.b.delegate(i, Target::Township(w.cc), Mode::Grant, "2023-01-01", None);
    w.b.decls.delegations[dl.index()].reserve = vec!["没收较大数额财物".into()];
    let (zf, cc, cc_gov) = (w.zf, w.cc, w.cc_gov);
    let rs = w.b.build();
    let (a, proof) =
        query::who_handles_part_proved(&rs, i, cc, d("2024-01-01"), Some("没收较大数额财物"))
            .unwrap();
    verified(&rs, &a, &proof);
    let h = handled(a);
    assert_eq!(
        (h.handler, h.mode, h.delegation),
        (zf, HandleMode::Reserved, Some(dl))
    );
    assert!(proof
        .steps
        .iter()
        .any(|s| matches!(s.claim, proof::Claim::Reserved { .. })));
    let other = query::who_handles_part(&rs, i, cc, d("2024-01-01"), Some("警告")).unwrap();
    assert_eq!(handled(other).handler, cc_gov);
}

#[test]
fn routes_name_the_executing_office_and_it_may_act() {
    let mut w = world();
    let i = penalty(&mut w, "CF-001");
    w.b.delegate(i, Target::Township(w.yj), Mode::Grant, "2023-01-01", None);
    let office =
        w.b.unit("综合信息指挥室", UnitKind::Office, w.yj, Some(w.yj_gov));
    w.b.route(w.yj_gov, RouteKey::List(ListKind::Enforcement), office);
    w.b.route(w.yj_gov, RouteKey::PowerType(PowerType::Penalty), w.team);
    let (yj, yj_gov, team) = (w.yj, w.yj_gov, w.team);
    let rs = w.b.build();
    let h = handled(who(&rs, i, yj, "2024-01-01"));
    assert_eq!(
        (h.handler, h.legal_subject, h.executor),
        (yj_gov, yj_gov, team),
        "a route by power type beats one by list"
    );
    assert!(can(&rs, team, i, yj, "2024-01-01"));
    assert!(!can(&rs, office, i, yj, "2024-01-01"));
}

#[test]
fn each_township_items_and_places_above_township() {
    let mut w = world();
    let service =
        w.b.item("FW-116", ListKind::Service, None, Holder::EachTownship);
    w.b.decls.items[service.index()].region = Some(w.county);
    let i = penalty(&mut w, "CF-001");
    w.b.delegate(i, Target::County(w.county), Mode::Grant, "2023-01-01", None);
    let (grid, cc_gov, county, zf, other_town) = (w.grid, w.cc_gov, w.county, w.zf, w.other_town);
    let rs = w.b.build();
    assert_eq!(
        handled(who(&rs, service, grid, "2024-01-01")).handler,
        cc_gov
    );
    assert!(matches!(
        query::who_handles(&rs, service, county, d("2024-01-01")),
        Err(QueryError::NoLevelHolder { .. })
    ));
    assert!(matches!(
        query::who_handles(&rs, service, other_town, d("2024-01-01")),
        Err(QueryError::OutsideScope { .. })
    ));
    assert_eq!(
        handled(who(&rs, i, county, "2024-01-01")).handler,
        zf,
        "delegations reach townships only"
    );
}

#[test]
fn out_of_county_and_unknown_arguments_are_errors() {
    let mut w = world();
    let i = penalty(&mut w, "CF-001");
    let (other_town, cc, zf) = (w.other_town, w.cc, w.zf);
    let rs = w.b.build();
    match query::who_handles(&rs, i, other_town, d("2024-01-01")) {
        Err(e @ QueryError::OutsideScope { .. }) => assert!(e.to_string().contains("CF-001")),
        other => panic!("expected an out-of-scope error, got {other:?}"),
    }
    assert!(matches!(
        query::can(&rs, zf, i, other_town, d("2024-01-01")),
        Err(QueryError::OutsideScope { .. })
    ));
    assert_eq!(
        query::who_handles(&rs, i, PlaceId(999), d("2024-01-01")),
        Err(QueryError::UnknownPlace(PlaceId(999)))
    );
    assert_eq!(
        query::who_handles(&rs, ItemId(999), cc, d("2024-01-01")),
        Err(QueryError::UnknownItem(ItemId(999)))
    );
    assert_eq!(
        query::can(&rs, UnitId(999), i, cc, d("2024-01-01")),
        Err(QueryError::UnknownUnit(UnitId(999)))
    );
}

#[test]
fn a_proof_for_another_rule_set_is_refused() {
    let mut w = world();
    let i = penalty(&mut w, "CF-001");
    let cc = w.cc;
    let mut other = world();
    penalty(&mut other, "CF-999");
    let rs = w.b.build();
    let rs2 = other.b.build();
    let (a, proof) = query::who_handles_proved(&rs, i, cc, d("2024-01-01")).unwrap();
    assert!(matches!(
        checker::check(&rs2, &a, &proof),
        Err(checker::CheckError::RuleSetMismatch { .. })
    ));
    let (b, _) = query::who_handles_proved(&rs, i, cc, d("2024-01-01")).unwrap();
    assert_eq!(a, b);
}

#[test]
fn proofs_render_as_text_json_and_mermaid() {
    let mut w = world();
    let i = penalty(&mut w, "CF-001");
    w.b.delegate(i, Target::Township(w.cc), Mode::Entrust, "2023-01-01", None);
    let cc = w.cc;
    let rs = w.b.build();
    let (a, proof) = query::who_handles_proved(&rs, i, cc, d("2024-01-01")).unwrap();
    let text = proof::render_text(&rs, &proof);
    assert!(text.contains("慈城镇 handles CF-001"), "{text}");
    assert!(text.contains("依据 浙政发〔2022〕1号; 委托书"), "{text}");
    let json = proof::to_json(&proof).unwrap();
    assert!(json.contains("\"version\": 2"));
    let back = proof::from_json(&json).unwrap();
    verified(&rs, &a, &back);
    let mermaid = proof::render_mermaid(&rs, &proof);
    assert!(mermaid.starts_with("flowchart TD"));
    assert_eq!(
        mermaid.matches("-->").count(),
        proof.steps.iter().map(|s| s.premises.len()).sum::<usize>()
    );
}

#[test]
fn a_county_item_asked_at_the_city_is_answered_by_the_holder() {
    let mut w = world();
    let i = penalty(&mut w, "CF-001");
    w.b.delegate(i, Target::County(w.county), Mode::Grant, "2023-01-01", None);
    let village_item = w.b.item(
        "CT-001",
        ListKind::VillageDuty,
        None,
        Holder::Unit(w.village_unit),
    );
    let (city, county, zf, village_unit, other_county) =
        (w.city, w.county, w.zf, w.village_unit, w.other_county);
    let rs = w.b.build();
    let h = handled(who(&rs, i, city, "2024-01-01"));
    assert_eq!((h.handler, h.mode), (zf, HandleMode::Own));
    assert!(can(&rs, zf, i, city, "2024-01-01"));
    assert_eq!(
        handled(who(&rs, village_item, county, "2024-01-01")).handler,
        village_unit,
        "a place at county level or above is answered by the holder, whatever level holds it"
    );
    assert_eq!(
        handled(who(&rs, village_item, city, "2024-01-01")).handler,
        village_unit
    );
    assert!(
        matches!(
            query::who_handles(&rs, i, other_county, d("2024-01-01")),
            Err(QueryError::OutsideScope { .. })
        ),
        "another county does not contain the item's scope"
    );
    let (a, proof) = query::why_not_proved(&rs, village_unit, i, city, d("2024-01-01")).unwrap();
    verified(&rs, &a, &proof);
    let (a, proof) = query::accept_points_proved(&rs, i, city, d("2024-01-01")).unwrap();
    verified(&rs, &a, &proof);
}

#[test]
fn a_delegation_of_a_stationed_agencys_item_is_ignored_as_check_rejects_it() {
    let mut w = world();
    let station = w.b.unit("慈城派出所", UnitKind::Stationed, w.cc, None);
    let i = w.b.item(
        "GA-001",
        ListKind::Power,
        Some(PowerType::Penalty),
        Holder::Unit(station),
    );
    w.b.delegate(i, Target::Township(w.cc), Mode::Grant, "2023-01-01", None);
    let (cc, cc_gov) = (w.cc, w.cc_gov);
    let rs = w.b.build();
    let h = handled(who(&rs, i, cc, "2024-01-01"));
    assert_eq!(
        (h.handler, h.mode, h.delegation),
        (station, HandleMode::Own, None)
    );
    assert!(!can(&rs, cc_gov, i, cc, "2024-01-01"));
    let duties = query::duties(&rs, cc_gov, d("2024-01-01")).unwrap();
    assert!(duties.basic.iter().all(|b| b.item != i), "{duties:?}");
}

fn duties(rs: &RuleSet, unit: UnitId, date: &str) -> DutiesAnswer {
    let fast = query::duties(rs, unit, d(date)).unwrap();
    let (proved, proof) = query::duties_proved(rs, unit, d(date)).unwrap();
    assert_eq!(fast, proved);
    verified(rs, &proved, &proof);
    proved
}

#[test]
fn only_a_revocation_that_ended_an_active_delegation_lists_the_item_as_revoked() {
    let mut w = world();
    let granted = penalty(&mut w, "CF-001");
    let never = penalty(&mut w, "CF-002");
    let expired = penalty(&mut w, "CF-003");
    let twice = penalty(&mut w, "CF-004");
    w.b.delegate(
        granted,
        Target::Township(w.cc),
        Mode::Grant,
        "2023-01-01",
        None,
    );
    w.b.delegate(
        expired,
        Target::Township(w.cc),
        Mode::Grant,
        "2023-01-01",
        Some("2024-01-01"),
    );
    w.b.delegate(
        twice,
        Target::Township(w.cc),
        Mode::Grant,
        "2023-01-01",
        None,
    );
    let r1 = w.b.revoke(granted, Target::Township(w.cc), "2024-06-01");
    w.b.revoke(never, Target::Township(w.cc), "2024-06-01");
    w.b.revoke(expired, Target::County(w.county), "2024-06-01");
    let first = w.b.revoke(twice, Target::Township(w.cc), "2024-03-01");
    w.b.revoke(twice, Target::Township(w.cc), "2024-06-01");
    let cc_gov = w.cc_gov;
    let rs = w.b.build();
    let answer = duties(&rs, cc_gov, "2024-07-01");
    let revoked: Vec<(ItemId, RevocationId)> = answer
        .revoked
        .iter()
        .map(|r| (r.item, r.revocation))
        .collect();
    assert_eq!(revoked, vec![(granted, r1), (twice, first)]);
}

#[test]
fn an_unknown_part_is_an_error_with_did_you_mean() {
    let mut w = world();
    let i = penalty(&mut w, "CF-001");
    w.b.decls.items[i.index()].parts = vec!["没收较大数额财物".to_owned()].into();
    let dl =
        w.b.delegate(i, Target::Township(w.cc), Mode::Grant, "2023-01-01", None);
    w.b.decls.delegations[dl.index()].reserve = vec!["没收较大数额财物".to_owned()];
    let (cc, zf, city) = (w.cc, w.zf, w.city);
    let rs = w.b.build();
    for place in [cc, city] {
        match query::who_handles_part(&rs, i, place, d("2024-01-01"), Some("没收较大数额财产"))
        {
            Err(e @ QueryError::UnknownPart { .. }) => assert_eq!(
                e.to_string(),
                "item `CF-001` has no part `没收较大数额财产`; did you mean `没收较大数额财物`?"
            ),
            other => panic!("expected an unknown part, got {other:?}"),
        }
    }
    assert!(
        query::who_handles_part_proved(&rs, i, cc, d("2024-01-01"), Some("不存在的部分")).is_err()
    );
    let (a, proof) =
        query::who_handles_part_proved(&rs, i, cc, d("2024-01-01"), Some("没收较大数额财物"))
            .unwrap();
    assert_eq!(handled(a.clone()).handler, zf);
    verified(&rs, &a, &proof);
}

#[test]
fn why_not_lists_every_reason_that_holds_and_can_denies_for_the_first() {
    let mut w = world();
    let i = penalty(&mut w, "CF-001");
    let d1 =
        w.b.delegate(i, Target::Township(w.cc), Mode::Grant, "2023-01-01", None);
    let d2 =
        w.b.delegate(i, Target::Township(w.cc), Mode::Entrust, "2023-06-01", None);
    let (yj, yj_gov, cc, cc_gov, county, zf) = (w.yj, w.yj_gov, w.cc, w.cc_gov, w.county, w.zf);
    let rs = w.b.build();
    let ask = |unit, place| {
        let fast = query::why_not(&rs, unit, i, place, d("2024-01-01")).unwrap();
        let (answer, proof) = query::why_not_proved(&rs, unit, i, place, d("2024-01-01")).unwrap();
        assert_eq!(fast, answer);
        verified(&rs, &answer, &proof);
        answer.reasons
    };
    // 甬江街道 asked about 慈城镇: the delegations conflict there, and it is another
    // township's territory.
    assert_eq!(
        ask(yj_gov, cc),
        vec![
            Reason::Conflict {
                township: cc,
                delegations: vec![d1, d2]
            },
            Reason::OtherTerritory {
                unit_township: yj,
                township: Some(cc)
            },
        ]
    );
    let can = query::can(&rs, yj_gov, i, cc, d("2024-01-01")).unwrap();
    assert!(
        !can.allowed && can.conflict,
        "can denies for the first reason"
    );
    // The township's own conflict has no territory reason; a department has no township.
    assert_eq!(ask(cc_gov, cc).len(), 1);
    assert_eq!(ask(zf, cc).len(), 1);
    // Above every township.
    let reasons = ask(yj_gov, county);
    assert_eq!(
        reasons.last(),
        Some(&Reason::OtherTerritory {
            unit_township: yj,
            township: None
        })
    );
}
