//! Rule text → compile → queries: whatever compiles answers every query, at any place, item, unit
//! and date (including the ends of the representable range) without a panic, and every proof the
//! engine builds verifies.
#![no_main]

use arbitrary::Arbitrary;
use quanze_core::proof::Subject;
use quanze_core::{checker, query, Date, ItemId, PlaceId, TopicId, UnitId};

#[derive(Arbitrary, Debug)]
struct Input {
    text: String,
    picks: Vec<(u16, u16, u16, i32)>,
}

fn date(days: i32) -> Date {
    match days % 4 {
        0 => Date::MIN,
        1 => Date::MAX,
        _ => Date::from_julian_day(2_460_000 + days % 20_000).unwrap_or(Date::MIN),
    }
}

libfuzzer_sys::fuzz_target!(|input: Input| {
    let (Some(rules), _) = quanze_dsl::compile_str("fuzz.qz", &input.text) else {
        return;
    };
    let d = rules.decls();
    let n = |len: usize, pick: u16| if len == 0 { 0 } else { usize::from(pick) % len };
    for (a, b, c, days) in input.picks.iter().take(16) {
        let item = ItemId::from_index(n(d.items.len(), *a));
        let place = PlaceId::from_index(n(d.places.len(), *b));
        let unit = UnitId::from_index(n(d.units.len(), *c));
        let date = date(*days);
        if let Ok((answer, proof)) = query::who_handles_proved(&rules, item, place, date) {
            assert_eq!(checker::check(&rules, &answer, &proof), Ok(()));
        }
        if let Ok((answer, proof)) = query::can_proved(&rules, unit, item, place, date) {
            assert_eq!(checker::check(&rules, &answer, &proof), Ok(()));
        }
        let _ = query::why_not_proved(&rules, unit, item, place, date);
        let _ = query::duties_proved(&rules, unit, date);
        let _ = query::accept_points_proved(&rules, item, place, date);
        if let Some(topic) = d.topics.get(n(d.topics.len(), *a)) {
            let facts: Vec<(String, String)> = topic
                .facts
                .iter()
                .map(|f| {
                    (
                        f.name.clone(),
                        f.values
                            .get(n(f.values.len(), *c))
                            .cloned()
                            .unwrap_or_default(),
                    )
                })
                .collect();
            if let Ok((answer, proof)) = query::scenario_proved(
                &rules,
                TopicId::from_index(n(d.topics.len(), *a)),
                place,
                &facts,
                date,
            ) {
                assert_eq!(checker::check(&rules, &answer, &proof), Ok(()));
            }
        }
        // Escalation without a subject, about the picked item, and about a topic with the
        // picked facts (the last fact left out every other time, so needs_facts is reached).
        let topic_facts: Option<(TopicId, Vec<(String, String)>)> =
            d.topics.get(n(d.topics.len(), *a)).map(|topic| {
                let mut facts: Vec<(String, String)> = topic
                    .facts
                    .iter()
                    .filter_map(|f| Some((f.name.clone(), f.values.get(n(f.values.len(), *b))?.clone())))
                    .collect();
                if days % 2 == 0 {
                    facts.pop();
                }
                (TopicId::from_index(n(d.topics.len(), *a)), facts)
            });
        for ladder in &d.ladders {
            for level in &ladder.levels {
                let mut asks: Vec<(Option<Subject>, Vec<(String, String)>)> =
                    vec![(None, Vec::new()), (Some(Subject::Item(item)), Vec::new())];
                if let Some((topic, facts)) = &topic_facts {
                    asks.push((Some(Subject::Topic(*topic)), facts.clone()));
                }
                for (subject, facts) in asks {
                    if let Ok((answer, proof)) =
                        query::escalate_proved(&rules, place, &level.severity, subject, &facts, date)
                    {
                        assert_eq!(checker::check(&rules, &answer, &proof), Ok(()));
                    }
                }
            }
        }
    }
});
