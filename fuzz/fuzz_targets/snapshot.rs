//! Snapshot bytes → load → query: corrupt or foreign bytes give an error, never a panic or a
//! rule set that answers wrongly; whatever loads answers queries with proofs that verify.
#![no_main]

use quanze_core::{checker, query, Date, ItemId, PlaceId, RuleSet};

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Ok(rules) = RuleSet::from_bytes(data) else { return };
    // A snapshot that loads is a whole rule set: it survives a round trip unchanged.
    let again = rules.to_bytes().ok().and_then(|bytes| RuleSet::from_bytes(&bytes).ok());
    assert!(again.is_some_and(|r| r.content_hash() == rules.content_hash() && r.decls() == rules.decls()));
    let date = Date::from_calendar_date(2024, time::Month::May, 1).unwrap_or(Date::MIN);
    for i in 0..rules.decls().items.len().min(8) {
        for p in 0..rules.decls().places.len().min(8) {
            if let Ok((answer, proof)) = query::who_handles_proved(&rules, ItemId::from_index(i), PlaceId::from_index(p), date) {
                assert_eq!(checker::check(&rules, &answer, &proof), Ok(()));
            }
        }
    }
});
