//! The diff's cost grows with the (item, township) pairs inside the items' scopes and with the
//! items each unit has, not with items × townships or units × items: on a province of four
//! times the counties it touches about four times the index entries, where asking every
//! question of both sides touches about sixteen times as many.

use super::{diff, diff_exhaustive};
use crate::index::ops;
use crate::query::tests::province;
use time::macros::date;

/// The index entries touched by comparing a province of `counties` counties with itself.
fn cost(
    counties: usize,
    compare: fn(&crate::RuleSet, &crate::RuleSet, time::Date) -> super::RuleSetDiff,
) -> usize {
    let (rs, ..) = province(counties, 6, 5);
    ops::take();
    let changes = compare(&rs, &rs, date!(2024 - 01 - 01));
    assert!(changes.is_empty());
    ops::take()
}

#[test]
fn diff_cost_grows_with_the_province_not_with_its_square() {
    let (small, large) = (cost(4, diff), cost(16, diff));
    assert!(small > 0);
    assert!(
        large <= 5 * small,
        "4 × the counties cost {large} / {small} touches"
    );
    let (small, large) = (cost(4, diff_exhaustive), cost(16, diff_exhaustive));
    assert!(
        large >= 12 * small,
        "asking everything: 4 × the counties cost {large} / {small} touches"
    );
}
