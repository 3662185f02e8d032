//! The diff as first written: every (item, township) question and every unit's duty list on
//! both sides, all kept in ordered maps, then compared. Slow on a province (it asks
//! items × townships questions, most outside the item's scope, and scans every item per unit);
//! kept as the reference [`super::diff`] must agree with.

use super::{
    counties, duty_change, duty_lines, handling_side, locate, pair, same_handling, same_scenario,
    scenario_side, townships, DutySide, HandlingChange, HandlingSide, RuleSetDiff, ScenarioChange,
    ScenarioSide,
};
use crate::ids::{ItemId, UnitId};
use crate::query::{duties, who_handles};
use crate::ruleset::RuleSet;
use std::collections::{BTreeMap, BTreeSet};
use time::Date;

/// [`super::diff`] by asking every question of both sides: the same result, far slower.
#[doc(hidden)]
pub fn diff_exhaustive(old: &RuleSet, new: &RuleSet, date: Date) -> RuleSetDiff {
    RuleSetDiff {
        handling: pair(handlings(old, date), handlings(new, date), same_handling)
            .map(|((item, township), old, new)| HandlingChange {
                item,
                township,
                old,
                new,
            })
            .collect(),
        scenarios: pair(scenarios(old), scenarios(new), same_scenario)
            .map(|((scenario, county), old, new)| ScenarioChange {
                scenario,
                county,
                old,
                new,
            })
            .collect(),
        duties: duty_changes(old, new, date),
    }
}

/// Key for handling: (item code, township path).
fn handlings(rs: &RuleSet, date: Date) -> BTreeMap<(String, String), HandlingSide> {
    let mut out = BTreeMap::new();
    let towns = townships(rs);
    for (i, item) in rs.decls().items.iter().enumerate() {
        let id = ItemId::from_index(i);
        for (township, path) in &towns {
            let Ok(answer) = who_handles(rs, id, *township, date) else {
                continue;
            };
            let side = handling_side(rs, id, *township, date, &answer);
            out.insert((item.code.clone(), (*path).to_owned()), side);
        }
    }
    out
}

/// Key for scenarios: (scenario id, county path).
fn scenarios(rs: &RuleSet) -> BTreeMap<(String, String), ScenarioSide> {
    let counties = counties(rs);
    let mut out = BTreeMap::new();
    for s in &rs.decls().scenarios {
        for (path, county) in &counties {
            let side = scenario_side(rs, s, *county);
            out.insert((s.id.clone(), (*path).to_owned()), side);
        }
    }
    out
}

fn unit_duties(rs: &RuleSet, date: Date) -> BTreeMap<String, DutySide> {
    rs.decls()
        .units
        .iter()
        .enumerate()
        .filter_map(|(i, unit)| {
            let answer = duties(rs, UnitId::from_index(i), date).ok()?;
            Some((
                unit.path.clone(),
                (duty_lines(rs, &answer), locate(rs, unit.span)),
            ))
        })
        .collect()
}

fn duty_changes(old: &RuleSet, new: &RuleSet, date: Date) -> Vec<super::DutyChange> {
    let mut old = unit_duties(old, date);
    let mut new = unit_duties(new, date);
    let units: BTreeSet<String> = old.keys().chain(new.keys()).cloned().collect();
    units
        .into_iter()
        .filter_map(|unit| duty_change(&unit, old.remove(&unit), new.remove(&unit)))
        .collect()
}
