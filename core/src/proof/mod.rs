//! Proofs: the data a query's answer is justified by, and its renderings.
//!
//! A [`Proof`] is a list of [`Step`]s. Each step has an id (its position), a [`Claim`] (a ground
//! atom), the [`Rule`] that justifies it, the ids of its premises (earlier steps) and, for a
//! leaf, a [`Citation`] of the declaration it rests on. The last step's claim is the answer. The
//! calculus is documented rule by rule in `docs/PROOFS.md`; `crate::checker` verifies proofs
//! without the query engine.
//!
//! Submodules: [`claim`] (the atoms), [`json`], [`text`] and [`mermaid`] (renderings), with
//! the words for each claim in `describe` and `describe_answers`.

pub mod claim;
mod conclude;
mod describe;
mod describe_answers;
pub mod json;
pub mod mermaid;
pub mod text;

pub use claim::*;
pub use json::{from_json, to_json};
pub use mermaid::render_mermaid;
pub use text::render_text;

use crate::ids::{
    DelegationId, ItemId, LadderId, PlaceId, RevocationId, ScenarioId, TopicId, UnitId,
};
use crate::span::Span;
use serde::{Deserialize, Serialize};
use time::Date;

/// The proof format this engine writes and the checker accepts (the JSON `version` field).
pub const PROOF_FORMAT: u32 = 2;

/// The engine version written into receipts.
pub const ENGINE_VERSION: &str = env!("CARGO_PKG_VERSION");

time::serde::format_description!(pub iso_date, Date, "[year]-[month]-[day]");

/// A proof: a receipt and the steps, premises before conclusions, the answer last.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Proof {
    /// The proof format, [`PROOF_FORMAT`].
    pub version: u32,
    pub receipt: Receipt,
    pub steps: Vec<Step>,
}

/// What a proof was built against: a checker refuses a proof whose rule set differs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Receipt {
    /// The proof format, [`PROOF_FORMAT`].
    pub format: u32,
    /// The engine version that built the proof (informational).
    pub engine: String,
    /// [`crate::RuleSet::content_hash`] of the rule set the proof was built against.
    pub rule_set: String,
    /// The query and its arguments.
    pub query: Query,
}

/// The arguments of the query a proof answers.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Query {
    WhoHandles {
        item: ItemId,
        place: PlaceId,
        #[serde(with = "iso_date")]
        date: Date,
        part: Option<String>,
    },
    Can {
        unit: UnitId,
        item: ItemId,
        place: PlaceId,
        #[serde(with = "iso_date")]
        date: Date,
    },
    WhyNot {
        unit: UnitId,
        item: ItemId,
        place: PlaceId,
        #[serde(with = "iso_date")]
        date: Date,
    },
    Scenario {
        topic: TopicId,
        place: PlaceId,
        facts: Vec<(String, String)>,
        #[serde(with = "iso_date")]
        date: Date,
    },
    Escalate {
        place: PlaceId,
        severity: String,
        subject: Option<Subject>,
        #[serde(default)]
        facts: Vec<(String, String)>,
        #[serde(with = "iso_date")]
        date: Date,
    },
    Duties {
        unit: UnitId,
        #[serde(with = "iso_date")]
        date: Date,
    },
    AcceptPoints {
        item: ItemId,
        place: PlaceId,
        #[serde(with = "iso_date")]
        date: Date,
    },
}

/// What an escalation is about: an item or a scenario topic.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Subject {
    Item(ItemId),
    Topic(TopicId),
}

/// One step of a proof.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Step {
    /// The step's position in the proof.
    pub id: u32,
    pub claim: Claim,
    pub rule: Rule,
    /// Ids of earlier steps this one is inferred from.
    pub premises: Vec<u32>,
    /// For a leaf: the declaration it rests on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cite: Option<Citation>,
}

/// A declaration of the rule set, with where it is written and the legal basis it states.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Citation {
    pub decl: DeclRef,
    pub span: Span,
    /// The legal basis as written (依据, basis decision, 委托书), if the declaration states one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub basis: Vec<String>,
}

/// A reference to one declaration.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeclRef {
    Place(PlaceId),
    Unit(UnitId),
    Item(ItemId),
    Delegation(DelegationId),
    Revocation(RevocationId),
    Route(u32),
    Topic(TopicId),
    Scenario(ScenarioId),
    Ladder(LadderId),
    Acceptance(u32),
}

/// The inference rules of the calculus; each is defined in `docs/PROOFS.md`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    Within,
    Governs,
    HolderUnit,
    HolderEachTownship,
    HolderEachVillage,
    Undelegable,
    TerritorialItem,
    DelegationDecl,
    RevocationDecl,
    Active,
    Revoked,
    NoneActive,
    OverriddenSpecificity,
    Applicable,
    Conflict,
    Reserve,
    RoutePowerType,
    RouteList,
    RouteNone,
    ByHolder,
    ByHolderAboveTownship,
    ByDelegation,
    ByReserve,
    ByCandidate,
    Territorial,
    TerritorialAboveTownship,
    ConflictAnswer,
    May,
    MayNot,
    MayNotConflict,
    Explain,
    ScenarioSelect,
    ScenarioOverride,
    RoleNamed,
    RoleLevel,
    RoleHandler,
    RoleTopicLead,
    RoleResponsible,
    ScenarioAnswer,
    NearestLadder,
    EscalationAnswer,
    DutiesAnswer,
    Accepts,
    AcceptAnswer,
}

impl Rule {
    /// The rule's name as written in `docs/PROOFS.md` and in the JSON form.
    pub fn name(self) -> &'static str {
        match self {
            Rule::Within => "within",
            Rule::Governs => "governs",
            Rule::HolderUnit => "holder_unit",
            Rule::HolderEachTownship => "holder_each_township",
            Rule::HolderEachVillage => "holder_each_village",
            Rule::Undelegable => "undelegable",
            Rule::TerritorialItem => "territorial_item",
            Rule::DelegationDecl => "delegation_decl",
            Rule::RevocationDecl => "revocation_decl",
            Rule::Active => "active",
            Rule::Revoked => "revoked",
            Rule::NoneActive => "none_active",
            Rule::OverriddenSpecificity => "overridden_specificity",
            Rule::Applicable => "applicable",
            Rule::Conflict => "conflict",
            Rule::Reserve => "reserve",
            Rule::RoutePowerType => "route_power_type",
            Rule::RouteList => "route_list",
            Rule::RouteNone => "route_none",
            Rule::ByHolder => "by_holder",
            Rule::ByHolderAboveTownship => "by_holder_above_township",
            Rule::ByDelegation => "by_delegation",
            Rule::ByReserve => "by_reserve",
            Rule::ByCandidate => "by_candidate",
            Rule::Territorial => "territorial",
            Rule::TerritorialAboveTownship => "territorial_above_township",
            Rule::ConflictAnswer => "conflict_answer",
            Rule::May => "may",
            Rule::MayNot => "may_not",
            Rule::MayNotConflict => "may_not_conflict",
            Rule::Explain => "explain",
            Rule::ScenarioSelect => "scenario_select",
            Rule::ScenarioOverride => "scenario_override",
            Rule::RoleNamed => "role_named",
            Rule::RoleLevel => "role_level",
            Rule::RoleHandler => "role_handler",
            Rule::RoleTopicLead => "role_topic_lead",
            Rule::RoleResponsible => "role_responsible",
            Rule::ScenarioAnswer => "scenario_answer",
            Rule::NearestLadder => "nearest_ladder",
            Rule::EscalationAnswer => "escalation_answer",
            Rule::DutiesAnswer => "duties_answer",
            Rule::Accepts => "accepts",
            Rule::AcceptAnswer => "accept_answer",
        }
    }
}

impl Proof {
    /// The final step's claim: the answer.
    pub fn conclusion(&self) -> Option<&Claim> {
        self.steps.last().map(|s| &s.claim)
    }
}

/// An answer that a proof concludes: maps the answer and its query to the final claim.
pub trait Concludes {
    fn conclusion(&self, query: &Query) -> Option<Claim>;
}
