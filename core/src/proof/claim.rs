//! The claims (ground atoms) a proof step may state. Their meaning and the rules that derive
//! them are in `docs/PROOFS.md`.

use crate::answer::{
    AcceptAnswer, Capacity, DutiesAnswer, EscalationAnswer, Handling, Resolved, Scanned,
    ScenarioAnswer, WhyNotAnswer,
};
use crate::ids::{
    DelegationId, ItemId, LadderId, PlaceId, RevocationId, ScenarioId, TopicId, UnitId,
};
use crate::model::delegation::{Mode, Target};
use crate::model::jurisdiction::PlaceLevel;
use crate::model::scenario::Role;
use crate::proof::{iso_date, Subject};
use serde::{Deserialize, Serialize};
use time::Date;

/// Why one delegation overrides another.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Override {
    /// A named township beats a class, which beats a whole county.
    Specificity,
}

/// What a role-resolution step resolves: a scenario role or a topic's default lead.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Actor {
    Role(Role),
    /// The lead of the scenario of the topic that the facts (one value index per fact,
    /// `u32::MAX` for a fact not given) select: escalation to the department of a topic.
    TopicLead {
        topic: TopicId,
        facts: Vec<u32>,
    },
    /// The department responsible for an item at the place: its holder there, or the primary
    /// unit of a territorial item, never the township that received it (吹哨报到).
    Responsible(ItemId),
}

/// How a scenario fared when a topic's scenarios were scanned.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ScenarioStatus {
    /// Its condition is false on the facts.
    NoMatch,
    /// It matches and is selected.
    Selected,
    /// It matches but a matching scenario overrides it.
    Overridden { by: ScenarioId },
    /// The catch-all, not used because another scenario matched.
    OtherwiseUnused,
    /// Its outcome depends on a fact the query did not give (a catch-all: some other
    /// scenario's does): the answer needs more facts.
    Undecided,
}

/// A ground atom.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Claim {
    /// `ancestor` is the ancestor-or-self of `place` at `level`.
    Within {
        place: PlaceId,
        ancestor: PlaceId,
        level: PlaceLevel,
    },
    /// `unit` governs `place` (township government, village committee, grid post).
    Governs { unit: UnitId, place: PlaceId },
    /// `unit` is the default holder (实施主体) of `item` at `place`.
    Holds {
        unit: UnitId,
        item: ItemId,
        place: PlaceId,
    },
    /// `item` cannot be delegated (territorial list or non-delegable flag).
    Undelegable { item: ItemId },
    /// `item` is territorial: `primary` keeps the main responsibility, townships cooperate.
    TerritorialItem {
        item: ItemId,
        primary: UnitId,
        duties: Vec<String>,
    },
    /// A delegation as declared.
    Delegation {
        delegation: DelegationId,
        item: ItemId,
        from: UnitId,
        target: Target,
        mode: Mode,
        #[serde(with = "iso_date")]
        since: Date,
        #[serde(with = "iso_date::option")]
        until: Option<Date>,
    },
    /// A revocation as declared.
    Revocation {
        revocation: RevocationId,
        item: ItemId,
        target: Target,
        #[serde(with = "iso_date")]
        since: Date,
    },
    /// The delegation reaches the township and is in force, unrevoked, on the date.
    Active {
        delegation: DelegationId,
        township: PlaceId,
        #[serde(with = "iso_date")]
        date: Date,
    },
    /// The revocation ends the delegation at the township from `since` on.
    Revoked {
        delegation: DelegationId,
        township: PlaceId,
        #[serde(with = "iso_date")]
        since: Date,
        by: RevocationId,
    },
    /// No delegation of the item is active at the township on the date; every candidate fails.
    NoActiveDelegation {
        item: ItemId,
        township: PlaceId,
        #[serde(with = "iso_date")]
        date: Date,
        scanned: Vec<Scanned>,
    },
    /// `delegation` is set aside by `by` at the township on the date.
    OverriddenBy {
        delegation: DelegationId,
        by: DelegationId,
        township: PlaceId,
        #[serde(with = "iso_date")]
        date: Date,
        reason: Override,
    },
    /// `delegation` is the one delegation of the item that applies at the township on the date.
    Delegated {
        item: ItemId,
        township: PlaceId,
        #[serde(with = "iso_date")]
        date: Date,
        delegation: DelegationId,
    },
    /// Several delegations of equal, highest specificity are active: a conflict.
    Conflict {
        item: ItemId,
        township: PlaceId,
        #[serde(with = "iso_date")]
        date: Date,
        delegations: Vec<DelegationId>,
    },
    /// The delegation reserves `part` to the holder.
    Reserved {
        delegation: DelegationId,
        part: String,
    },
    /// `office` executes `item` for `unit` (after the unit's routes; `unit` itself if none).
    Executes {
        unit: UnitId,
        item: ItemId,
        office: UnitId,
    },
    /// The answer of `who_handles` (or, by `by_candidate`, one candidate of a conflict).
    Handles {
        item: ItemId,
        place: PlaceId,
        #[serde(with = "iso_date")]
        date: Date,
        part: Option<String>,
        handling: Handling,
    },
    /// The conflict answer of `who_handles`.
    Contested {
        item: ItemId,
        place: PlaceId,
        #[serde(with = "iso_date")]
        date: Date,
        part: Option<String>,
        township: PlaceId,
        candidates: Vec<Handling>,
    },
    /// `unit` may exercise `item` at `place` on `date`.
    May {
        unit: UnitId,
        item: ItemId,
        place: PlaceId,
        #[serde(with = "iso_date")]
        date: Date,
        capacity: Capacity,
    },
    /// `unit` may not exercise `item` at `place` on `date`.
    MayNot {
        unit: UnitId,
        item: ItemId,
        place: PlaceId,
        #[serde(with = "iso_date")]
        date: Date,
        conflict: bool,
    },
    /// The answer of `why_not`.
    WhyNot {
        unit: UnitId,
        item: ItemId,
        place: PlaceId,
        #[serde(with = "iso_date")]
        date: Date,
        answer: WhyNotAnswer,
    },
    /// `by` overrides `scenario`, and both match the facts.
    ScenarioOverridden {
        scenario: ScenarioId,
        by: ScenarioId,
        facts: Vec<u32>,
    },
    /// The scan of a topic's scenarios on the facts: every scenario with its status.
    ScenarioSelection {
        topic: TopicId,
        facts: Vec<u32>,
        scanned: Vec<(ScenarioId, ScenarioStatus)>,
    },
    /// `actor` resolves at `place` on `date` to `resolved`.
    Resolves {
        actor: Actor,
        place: PlaceId,
        #[serde(with = "iso_date")]
        date: Date,
        resolved: Resolved,
    },
    /// The answer of `scenario`.
    ScenarioResult {
        topic: TopicId,
        place: PlaceId,
        #[serde(with = "iso_date")]
        date: Date,
        facts: Vec<(String, String)>,
        answer: ScenarioAnswer,
    },
    /// `ladder` is the ladder nearest above `place`.
    LadderApplies { ladder: LadderId, place: PlaceId },
    /// The answer of `escalate`.
    EscalationResult {
        place: PlaceId,
        severity: String,
        subject: Option<Subject>,
        /// The facts of a topic's case, as given (name, value).
        #[serde(default)]
        facts: Vec<(String, String)>,
        #[serde(with = "iso_date")]
        date: Date,
        answer: EscalationAnswer,
    },
    /// The answer of `duties`.
    DutiesResult {
        unit: UnitId,
        #[serde(with = "iso_date")]
        date: Date,
        answer: DutiesAnswer,
    },
    /// The acceptance rule takes applications for `item` from residents of `township`.
    Accepts {
        acceptance: u32,
        item: ItemId,
        township: PlaceId,
    },
    /// The answer of `accept_points`.
    AcceptResult {
        item: ItemId,
        place: PlaceId,
        #[serde(with = "iso_date")]
        date: Date,
        answer: AcceptAnswer,
    },
}
