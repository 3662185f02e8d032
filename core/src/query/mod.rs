//! The queries: pure functions of a [`RuleSet`] and their arguments.
//!
//! Each query has a proof-free form, which answers from the indexes built with the rule set and
//! does no proof work, and a `_proved` form, which also returns a [`Proof`] that
//! [`crate::checker`] verifies. Dates are explicit; nothing here reads the clock.
//!
//! | query | file |
//! |---|---|
//! | [`who_handles`] | `who.rs` |
//! | [`can`] | `can.rs` |
//! | [`why_not`] | `why_not.rs` |
//! | [`scenario`] | `scenario.rs` |
//! | [`escalate`] | `escalate.rs` |
//! | [`duties`] | `duties.rs` |
//! | [`accept_points`] | `accept.rs` |
//!
//! [`RuleSet`]: crate::RuleSet
//! [`Proof`]: crate::proof::Proof

mod accept;
mod can;
pub(crate) mod delegation;
mod duties;
mod escalate;
mod prove;
mod resolve;
mod roles;
mod scenario;
mod who;
mod why_not;

#[cfg(test)]
pub(crate) mod tests;

pub use crate::answer::*;
pub use accept::{accept_points, accept_points_proved};
pub use can::{can, can_proved};
pub use duties::{duties, duties_proved};
pub(crate) use duties::{duties_listed, governs_township, DutyTables};
pub use escalate::{escalate, escalate_proved};
pub use scenario::{scenario, scenario_proved};
pub use who::{who_handles, who_handles_part, who_handles_part_proved, who_handles_proved};
pub use why_not::{why_not, why_not_proved};

use serde::Serialize;

/// A query that cannot be answered: an unknown argument, or an item that does not apply at the
/// place. Messages are lowercase and name the argument in backticks.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, thiserror::Error)]
#[serde(rename_all = "snake_case")]
pub enum QueryError {
    #[error("no place with id `{0}` in this rule set")]
    UnknownPlace(crate::PlaceId),
    #[error("no item with id `{0}` in this rule set")]
    UnknownItem(crate::ItemId),
    #[error("no unit with id `{0}` in this rule set")]
    UnknownUnit(crate::UnitId),
    #[error("no topic with id `{0}` in this rule set")]
    UnknownTopic(crate::TopicId),
    #[error("item `{item}` does not apply at `{place}`: it applies inside `{region}` only")]
    OutsideScope {
        item: String,
        place: String,
        region: String,
    },
    #[error("item `{item}` is held by each {level}, and `{place}` lies above that level")]
    NoLevelHolder {
        item: String,
        place: String,
        level: String,
    },
    #[error("place `{place}` has no governing unit")]
    NoGoverningUnit { place: String },
    #[error("topic `{topic}` has no fact `{fact}`")]
    UnknownFact { topic: String, fact: String },
    #[error("fact `{fact}` has no value `{value}`")]
    UnknownValue { fact: String, value: String },
    #[error("no escalation ladder applies at `{place}`")]
    NoLadder { place: String },
    #[error("ladder `{ladder}` has no severity `{severity}`")]
    UnknownSeverity { ladder: String, severity: String },
    #[error("item `{item}` has no part `{part}`{}", crate::names::did_you_mean(.suggestions))]
    UnknownPart {
        item: String,
        part: String,
        suggestions: Vec<String>,
    },
    #[error("item `{item}` is held by each {kinds} only, and `{place}` does not lie in one")]
    KindNotHolding {
        item: String,
        place: String,
        kinds: String,
    },
    #[error("topic `{topic}` does not apply at `{place}`: it serves `{region}` only")]
    TopicOutsideScope {
        topic: String,
        place: String,
        region: String,
    },
    #[error("facts describe the case of a topic; give `topic` with them, or leave them out")]
    FactsWithoutTopic,
    #[error("internal error while building a proof: {0}")]
    Internal(String),
}
