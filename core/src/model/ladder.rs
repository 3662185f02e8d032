//! Escalation ladders (分级处置): severity → the level that closes it.

use crate::ids::PlaceId;
use crate::model::scenario::{Duration, Role};
use crate::span::Span;
use serde::{Deserialize, Serialize};

/// Where a severity level is closed.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum CloseAt {
    /// 微事不出格
    Grid,
    /// 小事不出村
    Village,
    /// 大事不出乡: the township (its command room dispatches)
    Township,
    /// 吹哨报到: the department responsible for the item or topic
    Department,
    /// A named unit such as the county 社会治理中心
    Unit(String),
}

/// One rung: `level 大 closes department within 15d review 镇长 next 重大`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Level {
    pub severity: String,
    pub closes: CloseAt,
    /// The office that acts at that level (e.g. the township's 综合信息指挥室).
    pub by: Option<Role>,
    /// Who reviews before the matter leaves the level below (e.g. the township head).
    pub review: Option<Role>,
    pub within: Option<Duration>,
    /// The severity it goes to when this level cannot close it.
    pub next: Option<String>,
    pub span: Span,
}

/// A county's or city's ladder.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ladder {
    pub name: String,
    /// The region it applies to (and everything below).
    pub region: PlaceId,
    pub levels: Vec<Level>,
    pub span: Span,
}
