//! Delegations (赋权) and revocations (收回).

use crate::ids::{ItemId, PlaceId, UnitId};
use crate::model::jurisdiction::{Kinds, TownshipClass};
use crate::span::Span;
use serde::{Deserialize, Serialize};
use time::Date;

/// How a delegation moves an item.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Mode {
    /// 依法赋予 / 交由 (行政处罚法 第24条): the township acts in its own name.
    Grant,
    /// 委托 (行政处罚法 第20–21条): the township acts in the department's name.
    Entrust,
    /// 法律法规授权: a law or regulation authorises the township; its own name.
    Statutory,
}

impl Mode {
    pub fn english(self) -> &'static str {
        match self {
            Mode::Grant => "grant",
            Mode::Entrust => "entrust",
            Mode::Statutory => "statutory",
        }
    }

    pub fn chinese(self) -> &'static str {
        match self {
            Mode::Grant => "赋权",
            Mode::Entrust => "委托",
            Mode::Statutory => "授权",
        }
    }

    /// Whether the township acts in its own name (grant, statutory) or the department's (entrust).
    pub fn in_own_name(self) -> bool {
        !matches!(self, Mode::Entrust)
    }
}

/// Which townships a delegation reaches. Ordered by specificity: a named township beats a
/// class, which beats a whole county.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Target {
    Township(PlaceId),
    Class {
        county: PlaceId,
        class: TownshipClass,
    },
    County(PlaceId),
    /// The townships of some kinds (and optionally one class) in a county or city, e.g.
    /// `江北区 特大 街道`: specific like a class.
    Group {
        region: PlaceId,
        class: Option<TownshipClass>,
        kinds: Kinds,
    },
}

/// The specificity of a target; higher wins.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Specificity {
    County,
    Class,
    Township,
}

impl Target {
    pub fn specificity(&self) -> Specificity {
        match self {
            Target::Township(_) => Specificity::Township,
            Target::Class { .. } | Target::Group { .. } => Specificity::Class,
            Target::County(_) => Specificity::County,
        }
    }
}

/// A half-open interval of civil dates, `[since, until)`; no `until` means open-ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Interval {
    pub since: Date,
    pub until: Option<Date>,
}

impl Interval {
    pub fn contains(&self, date: Date) -> bool {
        self.since <= date && self.until.is_none_or(|until| date < until)
    }

    pub fn is_empty(&self) -> bool {
        self.until.is_some_and(|until| until <= self.since)
    }
}

/// One item moved to one target.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Delegation {
    pub item: ItemId,
    /// The delegating unit; must be the item's holder.
    pub from: UnitId,
    pub target: Target,
    pub mode: Mode,
    pub interval: Interval,
    /// The basis decision (grant, statutory): the provincial decision or county catalogue.
    pub basis: Option<String>,
    /// The written instrument (委托书) of an entrustment.
    pub instrument: Option<String>,
    /// Parts of the item that stay with the holder (e.g. major penalties).
    pub reserve: Vec<String>,
    pub span: Span,
}

/// `revoke ITEM from TARGET since D`: ends, from D on, every delegation of the item that
/// covered those townships and began before D.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Revocation {
    pub item: ItemId,
    pub target: Target,
    pub since: Date,
    pub basis: Option<String>,
    pub span: Span,
}
