//! Benchmark queries drawn from a generated province with a fixed seed, resolved to ids of a
//! compiled rule set: who-handles and can questions over items, townships, villages and dates,
//! and scenario questions over each county's topic.
//!
//! Half of the who-handles questions ask about a delegated item at a township of its county,
//! so the delegation path (intervals, revocations, specificity) is exercised as often as the
//! holder path.

use crate::gen::{Province, Target, PLACES, STAGES};
use crate::rng::Rng;
use quanze_core::{ItemId, PlaceId, RuleSet, TopicId, UnitId};
use time::{Date, Duration};

/// `who_handles(item, place, date)` arguments.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Who {
    pub item: ItemId,
    pub place: PlaceId,
    pub date: Date,
}

/// `can(unit, item, place, date)` arguments.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Can {
    pub unit: UnitId,
    pub who: Who,
}

/// `scenario(topic, place, facts, date)` arguments.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Scenario {
    pub topic: TopicId,
    pub place: PlaceId,
    pub facts: Vec<(String, String)>,
    pub date: Date,
}

/// The query sets of one province.
#[derive(Clone, Debug, Default)]
pub struct Queries {
    pub who: Vec<Who>,
    pub can: Vec<Can>,
    pub scenario: Vec<Scenario>,
}

/// A name the rule set does not know: the generator and the compiler disagree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unresolved(pub String);

impl std::fmt::Display for Unresolved {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "the compiled rule set has no `{}`", self.0)
    }
}

impl std::error::Error for Unresolved {}

fn place(rs: &RuleSet, name: &str) -> Result<PlaceId, Unresolved> {
    rs.lookup_place(name)
        .map_err(|_| Unresolved(name.to_owned()))
}

/// Draws `n` questions of each kind from the province, resolved against `rs`.
pub fn draw(province: &Province, rs: &RuleSet, n: usize, seed: u64) -> Result<Queries, Unresolved> {
    let mut rng = Rng::new(seed);
    let mut out = Queries::default();
    let first = crate::gen::epoch() - Duration::days(365);
    for k in 0..n {
        let Some(county) = rng.pick(&province.counties) else {
            break;
        };
        let (item_index, township_index) = if k & 1 == 0 {
            let d = rng.pick(&county.delegations);
            let item = d.map_or(0, |d| d.item);
            let township = match d.map(|d| &d.target) {
                Some(Target::Townships(list)) => rng.pick(list).copied().unwrap_or(0),
                _ => rng.below(county.townships.len()),
            };
            (item, township)
        } else {
            (
                rng.below(county.items.len()),
                rng.below(county.townships.len()),
            )
        };
        let (Some(item), Some(township)) = (
            county.items.get(item_index),
            county.townships.get(township_index),
        ) else {
            continue;
        };
        // Two questions in three at the township itself, one at a village inside it.
        let place_name = match rng.below(3) {
            0 => rng.pick(&township.villages).unwrap_or(&township.name),
            _ => &township.name,
        };
        let item_id = rs
            .lookup_item(&item.code)
            .map_err(|_| Unresolved(item.code.clone()))?;
        let who = Who {
            item: item_id,
            place: place(rs, place_name)?,
            date: first + Duration::days(rng.below(7 * 365) as i64),
        };
        out.who.push(who);
        // The holding department or the township government, as a drafter would ask.
        let department = county
            .departments
            .get(item.department)
            .copied()
            .unwrap_or("");
        let unit_name = if rng.percent(50) {
            format!("{}/{department}", county.name)
        } else {
            format!("{}/{}", county.name, township.name)
        };
        let unit = rs
            .lookup_unit(&unit_name)
            .map_err(|_| Unresolved(unit_name.clone()))?;
        out.can.push(Can { unit, who });
        let topic = rs
            .lookup_topic(&county.topic)
            .map_err(|_| Unresolved(county.topic.clone()))?;
        let facts = vec![
            (
                "地点".to_owned(),
                (*rng.pick(&PLACES).unwrap_or(&"道路")).to_owned(),
            ),
            (
                "环节".to_owned(),
                (*rng.pick(&STAGES).unwrap_or(&"产生")).to_owned(),
            ),
        ];
        out.scenario.push(Scenario {
            topic,
            place: who.place,
            facts,
            date: who.date,
        });
    }
    Ok(out)
}
