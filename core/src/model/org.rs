//! Acceptance rules (全县通办) and organisation rules (office limits, approved duties).

use crate::ids::{ItemId, PlaceId, UnitId};
use crate::model::item::ListKind;
use crate::model::jurisdiction::TownshipClass;
use crate::span::Span;
use serde::{Deserialize, Serialize};

/// Which items an acceptance rule covers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ItemSelector {
    All,
    List(ListKind),
    Items(Vec<ItemId>),
}

/// `accept at POINTS items SELECTOR from REGIONS`: the points accept residents' applications
/// from those townships; handling stays with the township that owns the item.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Acceptance {
    pub points: Vec<UnitId>,
    pub items: ItemSelector,
    /// Townships or counties (a county stands for all its townships).
    pub from: Vec<PlaceId>,
    pub span: Span,
}

/// An organisation rule of a region.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum OrgRule {
    /// 机构限额: at most `limit` offices in a township of this class.
    OfficeLimit {
        region: PlaceId,
        class: TownshipClass,
        limit: u32,
        span: Span,
    },
    /// 职责准入: the duties that may be laid on townships of the region.
    ApprovedDuties {
        region: PlaceId,
        duties: Vec<String>,
        span: Span,
    },
    /// Offices every township of the region must have ("1+4+X": the 1 and the 4).
    RequiredOffices {
        region: PlaceId,
        offices: Vec<String>,
        span: Span,
    },
}
