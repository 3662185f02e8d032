//! quanze-core: the responsibility model of Chinese local-government reform, compiled into an
//! immutable [`RuleSet`].
//!
//! The core knows nothing of rule text: `quanze-dsl` parses and lowers files into [`Decls`], and
//! any program may build the same declarations in code and freeze them with [`RuleSet::new`].
//! Spans are `(SourceId, byte range)` only; rendering diagnostics lives elsewhere.
//!
//! ```
//! use quanze_core::{Decls, RuleSet, SourceMap};
//! let rules = RuleSet::new(SourceMap::default(), Decls::default()).unwrap();
//! assert!(rules.content_hash().starts_with("sha256:"));
//! ```

pub mod analyze;
pub mod answer;
pub mod checker;
pub mod diagnostic;
pub mod diff;
pub mod ids;
mod index;
pub mod model;
pub mod names;
mod pages;
mod parallel;
pub mod picture;
pub mod plain;
pub mod proof;
pub mod query;
pub mod request;
pub mod ruleset;
pub mod snapshot;
pub mod span;
pub mod testing;
pub mod verify;
pub mod view;

pub use diagnostic::{Diagnostic, Label, Severity};
pub use ids::{DelegationId, ItemId, LadderId, PlaceId, RevocationId, ScenarioId, TopicId, UnitId};
pub use model::delegation::{Delegation, Interval, Mode, Revocation, Specificity, Target};
pub use model::item::{Basis, Holder, Item, ListKind, PowerType, Territorial};
pub use model::jurisdiction::{Kinds, Place, PlaceKind, PlaceLevel, TownshipClass};
pub use model::ladder::{CloseAt, Ladder, Level};
pub use model::org::{Acceptance, ItemSelector, OrgRule};
pub use model::scenario::{Cond, Duration, DurationUnit, Fact, Role, Scenario, Step, Topic};
pub use model::test::{Expect, Expectation, TestCase, TestQuery, Written};
pub use model::unit::{Route, RouteKey, Unit, UnitKind};
pub use names::Resolution;
pub use ruleset::{Decls, LookupError, ModelError, RuleSet};
pub use snapshot::SnapshotError;
pub use span::{Location, SourceFile, SourceId, SourceMap, Span};
/// Civil dates, as in the rule language: no time of day, no zone.
pub use time::Date;

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_send_sync<T: Send + Sync>() {}

    #[test]
    fn rule_set_is_send_and_sync() {
        assert_send_sync::<RuleSet>();
    }
}
