//! Snapshot round trips, and refusal of every kind of damaged or foreign input.

use super::*;
use crate::model::delegation::{Delegation, Interval, Mode, Target};
use crate::model::item::{Holder, ListKind, PowerType};
use crate::model::jurisdiction::{Place, PlaceLevel, TownshipClass};
use crate::model::unit::{Unit, UnitKind};
use crate::query;
use crate::span::{SourceId, Span};
use crate::{ItemId, PlaceId, UnitId};
use time::macros::date;

/// A county with one department, one township and one item granted to it; with a source text
/// so that the content hash is the sources' hash.
fn rules() -> RuleSet {
    let mut sources = SourceMap::default();
    sources.add(SourceFile::new(
        "a.qz",
        "// 江北区\nregion 江北区 county {}\n",
    ));
    let span = Span::new(SourceId(0), 10, 20);
    let place = |name: &str, level, parent| Place {
        name: name.to_owned(),
        path: name.to_owned(),
        level,
        parent,
        class: Some(TownshipClass::ExtraLarge).filter(|_| level == PlaceLevel::Township),
        kind: crate::PlaceKind::from_name(level, name),
        tags: vec!["镇队合一".to_owned()],
        unit: None,
        span,
    };
    let unit = |name: &str, kind, seat| Unit {
        name: name.to_owned(),
        path: name.to_owned(),
        kind,
        seat,
        parent: None,
        region: Some(seat),
        span,
    };
    let county = PlaceId(0);
    let township = PlaceId(1);
    let decls = Decls {
        places: vec![
            place("江北区", PlaceLevel::County, None),
            place("江北区/甬江街道", PlaceLevel::Township, Some(county)),
        ],
        units: vec![
            unit("综合行政执法局", UnitKind::Department, county),
            unit("甬江街道", UnitKind::TownshipGovernment, township),
        ],
        items: vec![Item {
            code: "330205-CF-001".to_owned(),
            name: "对随意倾倒建筑垃圾的行政处罚".to_owned(),
            list: ListKind::Enforcement,
            power_type: Some(PowerType::Penalty),
            holder: Holder::Unit(UnitId(0)),
            holder_kinds: Default::default(),
            region: None,
            basis: Box::default(),
            non_delegable: false,
            parts: Box::new(["没收较大数额财物".to_owned()]),
            territorial: None,
            span,
        }],
        delegations: vec![Delegation {
            item: ItemId(0),
            from: UnitId(0),
            target: Target::Township(township),
            mode: Mode::Grant,
            interval: Interval {
                since: date!(2023 - 03 - 01),
                until: None,
            },
            basis: Some("决定".to_owned()),
            instrument: None,
            reserve: vec!["没收较大数额财物".to_owned()],
            span,
        }],
        ..Decls::default()
    };
    let mut decls = decls;
    decls.places[1].unit = Some(UnitId(1));
    RuleSet::new(sources, decls).unwrap()
}

#[test]
fn round_trip_keeps_the_content_hash_and_the_answers() {
    let original = rules();
    let bytes = original.to_bytes().unwrap();
    assert!(bytes.starts_with(b"QZSNAP"));
    let loaded = RuleSet::from_bytes(&bytes).unwrap();
    assert_eq!(loaded.content_hash(), original.content_hash());
    assert_eq!(loaded.decls(), original.decls());
    assert_eq!(loaded.sources().files().len(), 1);
    for day in [date!(2023 - 02 - 28), date!(2024 - 05 - 01)] {
        let a = query::who_handles_proved(&original, ItemId(0), PlaceId(1), day).unwrap();
        let b = query::who_handles_proved(&loaded, ItemId(0), PlaceId(1), day).unwrap();
        assert_eq!(a, b);
        crate::checker::check(&loaded, &b.0, &a.1).unwrap();
    }
    // Spans survive: they take no part in equality, so compare the locations.
    let span = loaded.decls().items[0].span;
    assert!(span.same_location(&original.decls().items[0].span));
    assert_eq!(
        loaded.sources().locate(span),
        original.sources().locate(span)
    );
    // Writing again gives the same bytes.
    assert_eq!(loaded.to_bytes().unwrap(), bytes);
}

#[test]
fn a_rule_set_built_in_code_round_trips() {
    let rs = RuleSet::new(SourceMap::default(), rules().decls().clone()).unwrap();
    let loaded = RuleSet::from_bytes(&rs.to_bytes().unwrap()).unwrap();
    assert_eq!(loaded.content_hash(), rs.content_hash());
}

#[test]
fn every_truncation_is_refused() {
    let bytes = rules().to_bytes().unwrap();
    for n in 0..bytes.len() {
        let err = RuleSet::from_bytes(&bytes[..n]).unwrap_err();
        assert!(
            matches!(err, SnapshotError::Truncated),
            "truncated at {n}: {err:?}"
        );
    }
}

#[test]
fn every_flipped_byte_is_refused() {
    let bytes = rules().to_bytes().unwrap();
    for i in 0..bytes.len() {
        let mut damaged = bytes.clone();
        damaged[i] ^= 0x01;
        assert!(RuleSet::from_bytes(&damaged).is_err(), "flipped byte {i}");
    }
}

#[test]
fn trailing_bytes_are_refused() {
    let mut bytes = rules().to_bytes().unwrap();
    bytes.push(0);
    assert!(matches!(
        RuleSet::from_bytes(&bytes),
        Err(SnapshotError::Decode(_))
    ));
}

#[test]
fn foreign_bytes_wrong_format_and_wrong_engine_are_refused() {
    let bytes = rules().to_bytes().unwrap();
    assert_eq!(
        RuleSet::from_bytes(b"PK\x03\x04 a zip file").unwrap_err(),
        SnapshotError::Magic
    );
    let mut magic = bytes.clone();
    magic[0] = b'X';
    assert_eq!(
        RuleSet::from_bytes(&magic).unwrap_err(),
        SnapshotError::Magic
    );

    let mut format = bytes.clone();
    format[6..8].copy_from_slice(&1u16.to_le_bytes());
    assert_eq!(
        RuleSet::from_bytes(&format).unwrap_err(),
        SnapshotError::Format {
            found: 1,
            expected: SNAPSHOT_FORMAT
        }
    );

    // Same length, another version string.
    let mut engine = bytes.clone();
    let at = 9;
    engine[at] = b'9';
    assert!(matches!(
        RuleSet::from_bytes(&engine).unwrap_err(),
        SnapshotError::Engine { .. }
    ));
}

/// The payload parts of `rules()`, encoded, for tests that damage one of them.
fn parts_of(rs: &RuleSet) -> Vec<Vec<u8>> {
    let bytes = rs.to_bytes().unwrap();
    let body = &bytes[bytes.len() - payload_len(&bytes)..];
    split_parts(body)
        .unwrap()
        .into_iter()
        .map(<[u8]>::to_vec)
        .collect()
}

fn payload_len(bytes: &[u8]) -> usize {
    let at = SNAPSHOT_MAGIC.len() + 2 + 1 + usize::from(bytes[8]);
    u64::from_le_bytes(bytes[at..at + 8].try_into().unwrap()) as usize
}

fn sealed(parts: &[Vec<u8>]) -> Vec<u8> {
    seal(&seal_parts(parts).unwrap()).unwrap()
}

#[test]
fn a_valid_checksum_over_an_inconsistent_model_is_refused() {
    // Someone who recomputes the checksum still cannot smuggle a dangling id past the loader.
    let original = rules();
    let mut decls = original.decls().clone();
    decls.delegations[0].item = ItemId(7);
    let body = payload(&[], &decls, original.content_hash()).unwrap();
    assert!(matches!(
        RuleSet::from_bytes(&seal(&body).unwrap()).unwrap_err(),
        SnapshotError::Model(_)
    ));
}

#[test]
fn a_stored_content_hash_must_look_like_one() {
    let original = rules();
    for hash in [
        "",
        "sha256:",
        "md5:0123",
        &original.content_hash().to_uppercase(),
    ] {
        let body = payload(&[], original.decls(), hash).unwrap();
        assert!(
            matches!(
                RuleSet::from_bytes(&seal(&body).unwrap()).unwrap_err(),
                SnapshotError::Decode(_)
            ),
            "{hash}"
        );
    }
}

#[test]
fn damaged_part_tables_are_refused() {
    let parts = parts_of(&rules());
    assert!(RuleSet::from_bytes(&sealed(&parts)).is_ok());
    // Too few parts, too many, a part with a trailing byte, lengths that overrun.
    assert!(RuleSet::from_bytes(&sealed(&parts[..1])).is_err());
    let many = vec![parts[2].clone(); 2 + ITEM_CHUNKS];
    let mut too_many = parts.clone();
    too_many.extend(many);
    assert!(RuleSet::from_bytes(&sealed(&too_many)).is_err());
    let mut trailing = parts.clone();
    trailing[1].push(0);
    assert!(matches!(
        RuleSet::from_bytes(&sealed(&trailing)).unwrap_err(),
        SnapshotError::Decode(m) if m.contains("follow the end")
    ));
    let mut body = seal_parts(&parts).unwrap();
    body[4] ^= 0x80; // the first part's length
    assert!(matches!(
        RuleSet::from_bytes(&seal(&body).unwrap()).unwrap_err(),
        SnapshotError::Decode(_)
    ));
}

#[test]
fn items_split_into_runs_come_back_in_order() {
    // Enough items for every run: each on its own thread, joined in order.
    let base = rules();
    let mut decls = base.decls().clone();
    let template = decls.items[0].clone();
    decls.items = (0..MIN_CHUNK * ITEM_CHUNKS + 5)
        .map(|i| Item {
            code: format!("ITEM-{i:07}"),
            ..template.clone()
        })
        .collect();
    let rs = RuleSet::new(SourceMap::default(), decls).unwrap();
    assert_eq!(parts_of(&rs).len(), 2 + ITEM_CHUNKS);
    let loaded = RuleSet::from_bytes(&rs.to_bytes().unwrap()).unwrap();
    assert_eq!(loaded.decls(), rs.decls());
    assert_eq!(loaded.lookup_item("ITEM-0100000").unwrap(), ItemId(100_000));
    // A small rule set is one run, and one without items none.
    assert_eq!(parts_of(&base).len(), 3);
    let empty = RuleSet::new(SourceMap::default(), Decls::default()).unwrap();
    assert_eq!(parts_of(&empty).len(), 2);
    let loaded = RuleSet::from_bytes(&empty.to_bytes().unwrap()).unwrap();
    assert_eq!(loaded.decls(), empty.decls());
}
#[test]
fn a_loaded_snapshot_locates_spans_like_the_compiled_rule_set() {
    // Line tables are built on first use: positions must still agree on every line.
    let mut sources = SourceMap::default();
    let text = "region 江北区 county {\n  department 住建局\n}\n// 末行";
    sources.add(SourceFile::new("a.qz", text));
    let rs = RuleSet::new(sources, rules().decls().clone()).unwrap();
    let loaded = RuleSet::from_bytes(&rs.to_bytes().unwrap()).unwrap();
    for offset in 0..=text.len() {
        let span = Span::new(SourceId(0), offset, offset);
        assert_eq!(loaded.sources().locate(span), rs.sources().locate(span));
    }
    assert_eq!(loaded.sources().files()[0].line_text(4), "// 末行");
}

#[test]
fn source_text_that_is_not_utf8_is_refused() {
    let mut parts = parts_of(&rules());
    parts[0] = postcard::to_allocvec(&vec![("a.qz", &b"region \xff"[..])]).unwrap();
    let err = RuleSet::from_bytes(&sealed(&parts)).unwrap_err();
    assert_eq!(
        err,
        SnapshotError::Decode("the text of `a.qz` is not UTF-8".to_owned())
    );
    // The same layout with valid text loads: the test above fails on the text alone.
    parts[0] = postcard::to_allocvec(&vec![("a.qz", &b"region"[..])]).unwrap();
    assert!(RuleSet::from_bytes(&sealed(&parts)).is_ok());
}

#[test]
fn a_forged_deep_condition_is_refused_not_overflowed() {
    use crate::model::scenario::{Cond, Scenario};
    use crate::TopicId;
    // A scenario whose condition is a marker, replaced in the encoded part by a million `Not`s
    // (one byte each), under a recomputed checksum.
    let original = rules();
    let mut decls = original.decls().clone();
    let marker = Cond::In {
        fact: 0x0ABC_DEF1,
        values: Vec::new(),
    };
    decls.scenarios.push(Scenario {
        id: "X-1".to_owned(),
        name: "forged".to_owned(),
        topic: TopicId(0),
        condition: Some(marker.clone()),
        overrides: Vec::new(),
        lead: None,
        assist: Vec::new(),
        township_duties: Vec::new(),
        duty_spans: Vec::new(),
        flow: Vec::new(),
        span: Span::new(SourceId(0), 0, 0),
    });
    let body = payload(&[], &decls, original.content_hash()).unwrap();
    let parts: Vec<Vec<u8>> = split_parts(&body)
        .unwrap()
        .into_iter()
        .map(<[u8]>::to_vec)
        .collect();
    let needle = postcard::to_allocvec(&marker).unwrap();
    let at = parts[1]
        .windows(needle.len())
        .position(|w| w == needle.as_slice())
        .unwrap();
    let forged = |depth: usize| {
        let mut parts = parts.clone();
        let mut deep = vec![4u8; depth];
        deep.push(0);
        parts[1].splice(at..at + needle.len(), deep);
        RuleSet::from_bytes(&sealed(&parts))
    };
    // postcard keeps no message of its own errors; a shallow forgery decodes, so the refusal of
    // the deep one is the depth bound's.
    assert!(!matches!(forged(100), Err(SnapshotError::Decode(_))));
    assert!(matches!(forged(1_000_000), Err(SnapshotError::Decode(_))));
}
