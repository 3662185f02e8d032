//! The answers of queries, as plain data: what `quanze_core::query` returns, what a proof's last
//! claim states, and what the CLI and the Python package emit as JSON.

use crate::ids::{
    DelegationId, ItemId, LadderId, PlaceId, RevocationId, ScenarioId, TopicId, UnitId,
};
use crate::model::jurisdiction::PlaceLevel;
use crate::model::ladder::CloseAt;
use crate::model::scenario::Duration;
use crate::proof::iso_date;
use serde::{Deserialize, Serialize};
use time::Date;

/// How the handling unit came to handle an item at a place.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HandleMode {
    /// The holder (实施主体) exercises the item itself.
    Own,
    /// Granted to the township (赋权): it acts in its own name.
    Grant,
    /// Entrusted to the township (委托): it acts in the department's name.
    Entrust,
    /// Authorised by law or regulation (授权): the township acts in its own name.
    Statutory,
    /// A territorial item: the primary unit keeps the main responsibility.
    Territorial,
    /// A part reserved by the applicable delegation stays with the holder.
    Reserved,
}

/// A unit cooperating on a territorial item, with its duties (配合责任).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Cooperation {
    pub unit: UnitId,
    pub duties: Vec<String>,
}

/// Who handles an item at a place.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Handling {
    /// The unit that handles the item (under entrust: the township, acting for the department).
    pub handler: UnitId,
    /// In whose name it acts (执法主体): the department under entrust, the handler otherwise.
    pub legal_subject: UnitId,
    /// The office that executes, after the handler's routes (the handler when none applies).
    pub executor: UnitId,
    pub mode: HandleMode,
    /// The delegation that moved the item, if one did.
    pub delegation: Option<DelegationId>,
    /// Cooperating units (territorial items).
    pub cooperating: Vec<Cooperation>,
}

/// The answer of `who_handles`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WhoAnswer {
    Handled(Handling),
    /// Delegations of equal specificity overlap at the township: every candidate, no pick.
    Conflict {
        township: PlaceId,
        candidates: Vec<Handling>,
    },
}

impl WhoAnswer {
    /// The handling, unless the answer is a conflict.
    pub fn handling(&self) -> Option<&Handling> {
        match self {
            WhoAnswer::Handled(h) => Some(h),
            WhoAnswer::Conflict { .. } => None,
        }
    }
}

/// In which capacity a unit may exercise an item.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Capacity {
    Handler,
    LegalSubject,
    Executor,
}

/// In words: `handler`, `legal subject`, `executor`.
impl std::fmt::Display for Capacity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Capacity::Handler => "handler",
            Capacity::LegalSubject => "legal subject",
            Capacity::Executor => "executor",
        })
    }
}

/// The answer of `can`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct CanAnswer {
    pub allowed: bool,
    /// Set when allowed.
    pub capacity: Option<Capacity>,
    /// Set when denied because delegations conflict at the township.
    pub conflict: bool,
}

/// Why a candidate delegation does not apply at a township on a date.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Failure {
    OtherTarget,
    NotYetInForce {
        #[serde(with = "iso_date")]
        since: Date,
    },
    Expired {
        #[serde(with = "iso_date")]
        until: Date,
    },
    Revoked {
        by: RevocationId,
        #[serde(with = "iso_date")]
        since: Date,
    },
}

/// In words: `expired on 2024-01-01`, `revoked on 2025-01-01 by revocation R0` …
impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Failure::OtherTarget => f.write_str("reaches other townships"),
            Failure::NotYetInForce { since } => write!(f, "not yet in force until {since}"),
            Failure::Expired { until } => write!(f, "expired on {until}"),
            Failure::Revoked { by, since } => write!(f, "revoked on {since} by revocation {by}"),
        }
    }
}

/// A scanned candidate of a negative claim and why it fails.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Scanned {
    pub delegation: DelegationId,
    pub failure: Failure,
}

/// One reason of a `why_not` answer.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    /// Delegations conflict at the township: nobody may act until the drafter settles it.
    Conflict {
        township: PlaceId,
        delegations: Vec<DelegationId>,
    },
    /// Another unit handles the item here.
    HandledBy {
        handler: UnitId,
        legal_subject: UnitId,
        mode: HandleMode,
    },
    /// No delegation reaches the township on the date; every candidate with its failure.
    NoDelegation {
        township: PlaceId,
        scanned: Vec<Scanned>,
    },
    /// The item cannot be delegated (territorial list or non-delegable).
    Undelegable,
    /// The unit only cooperates on this territorial item.
    CooperatesOnly { duties: Vec<String> },
    /// The part asked about is reserved to the holder by the delegation.
    Reserved {
        delegation: DelegationId,
        part: String,
    },
    /// The unit belongs to one township (its own, `unit_township`) and the place lies in
    /// another's territory (`township`), or above every township.
    OtherTerritory {
        unit_township: PlaceId,
        township: Option<PlaceId>,
    },
}

/// The answer of `why_not`: empty reasons when the unit may act.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct WhyNotAnswer {
    pub allowed: bool,
    pub reasons: Vec<Reason>,
}

/// Why a role could not be resolved to a unit of the place's county.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Unresolved {
    UnknownName {
        name: String,
    },
    AmbiguousName {
        name: String,
        candidates: Vec<UnitId>,
    },
    OutsideCounty {
        name: String,
        unit: UnitId,
    },
    NoUnitAtLevel {
        level: PlaceLevel,
    },
    HandlerConflict {
        item: ItemId,
    },
    HandlerError {
        item: ItemId,
    },
    NoLead,
    NoSubject,
    /// No scenario of the topic matches the facts (and the topic has no catch-all).
    NoScenario {
        topic: TopicId,
    },
    /// Several scenarios of the topic match the facts: the designating level must choose.
    AmbiguousScenario {
        scenarios: Vec<ScenarioId>,
    },
    /// The facts do not yet select a scenario of the topic.
    NeedsFacts {
        missing: Vec<String>,
    },
}

/// A role or closing level resolved at a place.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Resolved {
    Unit(UnitId),
    Unresolved(Unresolved),
}

impl Resolved {
    pub fn unit(&self) -> Option<UnitId> {
        match self {
            Resolved::Unit(u) => Some(*u),
            Resolved::Unresolved(_) => None,
        }
    }
}

/// A workflow step with its actor resolved.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ResolvedStep {
    pub action: String,
    pub actor: Option<Resolved>,
    pub limit: Option<Duration>,
}

/// A scenario with its roles resolved at a place.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ScenarioResolution {
    pub scenario: ScenarioId,
    pub lead: Option<Resolved>,
    pub assist: Vec<Resolved>,
    /// The township government carrying the boundary duties, if the place has a township.
    pub township: Option<UnitId>,
    pub township_duties: Vec<String>,
    pub flow: Vec<ResolvedStep>,
}

/// The level that must designate one of several candidates (行政处罚法 第25条).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Designation {
    /// The common superior's place: the place's county (or the place itself above county).
    pub place: PlaceId,
    /// Its governing unit (the county government), if declared.
    pub unit: Option<UnitId>,
}

/// The answer of `scenario`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ScenarioAnswer {
    Matched(ScenarioResolution),
    Ambiguous {
        candidates: Vec<ScenarioResolution>,
        designate: Designation,
    },
    NoMatch,
    /// A fact that a still-possible scenario tests was not given: never a silent pick.
    NeedsFacts {
        /// The facts to give, in the topic's order.
        missing: Vec<String>,
        /// The scenarios still possible, in declaration order.
        possible: Vec<ScenarioId>,
    },
}

/// One rung of an escalation.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Rung {
    pub severity: String,
    pub closes: CloseAt,
    pub unit: Resolved,
    pub by: Option<Resolved>,
    pub review: Option<Resolved>,
    pub within: Option<Duration>,
}

/// The answer of `escalate`: the rungs from the first declared level up to the asked severity.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct EscalationAnswer {
    pub ladder: LadderId,
    pub rungs: Vec<Rung>,
}

/// An item of the 基本履职 list.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct BasicDuty {
    pub item: ItemId,
    pub mode: HandleMode,
    pub delegation: Option<DelegationId>,
    /// Set when this delegation conflicts with another of equal specificity.
    pub conflict: bool,
}

/// An entry of the 配合履职 list.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CooperationDuty {
    Territorial {
        item: ItemId,
        primary: UnitId,
        duties: Vec<String>,
    },
    Scenario {
        scenario: ScenarioId,
        role: ScenarioRole,
        duties: Vec<String>,
    },
}

/// A unit's role in a scenario.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ScenarioRole {
    Lead,
    Assist,
    Township,
}

/// An entry of the 上级部门收回 list.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct RevokedDuty {
    pub item: ItemId,
    pub revocation: RevocationId,
}

/// The answer of `duties`, grouped as a township publishes its 履职事项清单.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct DutiesAnswer {
    /// 基本履职事项
    pub basic: Vec<BasicDuty>,
    /// 配合履职事项
    pub cooperating: Vec<CooperationDuty>,
    /// 上级部门收回事项
    pub revoked: Vec<RevokedDuty>,
}

/// The answer of `accept_points`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct AcceptAnswer {
    /// Every service point that accepts the application, in declaration order, once each.
    pub points: Vec<UnitId>,
    /// The acceptance rules that apply, as indices into `Decls::acceptances`.
    pub acceptances: Vec<u32>,
    /// Who then handles it.
    pub handler: WhoAnswer,
}
