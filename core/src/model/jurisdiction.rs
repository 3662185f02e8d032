//! The jurisdiction tree (属地): province → city → county → township → village → grid → micro-grid.

use crate::ids::{PlaceId, UnitId};
use crate::span::Span;
use serde::{Deserialize, Serialize};

/// The level of a jurisdiction node, from the top down.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum PlaceLevel {
    Province,
    City,
    County,
    Township,
    Village,
    Grid,
    MicroGrid,
}

impl PlaceLevel {
    pub const ALL: [PlaceLevel; 7] = [
        PlaceLevel::Province,
        PlaceLevel::City,
        PlaceLevel::County,
        PlaceLevel::Township,
        PlaceLevel::Village,
        PlaceLevel::Grid,
        PlaceLevel::MicroGrid,
    ];

    pub fn english(self) -> &'static str {
        match self {
            PlaceLevel::Province => "province",
            PlaceLevel::City => "city",
            PlaceLevel::County => "county",
            PlaceLevel::Township => "township",
            PlaceLevel::Village => "village",
            PlaceLevel::Grid => "grid",
            PlaceLevel::MicroGrid => "micro-grid",
        }
    }

    pub fn chinese(self) -> &'static str {
        match self {
            PlaceLevel::Province => "省",
            PlaceLevel::City => "市",
            PlaceLevel::County => "县",
            PlaceLevel::Township => "乡镇",
            PlaceLevel::Village => "村",
            PlaceLevel::Grid => "网格",
            PlaceLevel::MicroGrid => "微网格",
        }
    }
}

/// A township's class, which sets its office limit and the delegations it receives by class.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum TownshipClass {
    /// 一般
    General,
    /// 较大
    Large,
    /// 特大
    ExtraLarge,
}

impl TownshipClass {
    pub const ALL: [TownshipClass; 3] = [
        TownshipClass::General,
        TownshipClass::Large,
        TownshipClass::ExtraLarge,
    ];

    pub fn english(self) -> &'static str {
        match self {
            TownshipClass::General => "general",
            TownshipClass::Large => "large",
            TownshipClass::ExtraLarge => "extra-large",
        }
    }

    pub fn chinese(self) -> &'static str {
        match self {
            TownshipClass::General => "一般",
            TownshipClass::Large => "较大",
            TownshipClass::ExtraLarge => "特大",
        }
    }

    /// Parses either language's name of a class.
    pub fn from_name(name: &str) -> Option<TownshipClass> {
        TownshipClass::ALL
            .into_iter()
            .find(|c| c.english() == name || c.chinese() == name)
    }
}

/// A node of the jurisdiction tree.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Place {
    /// The name as declared, e.g. `慈城镇`.
    pub name: String,
    /// The qualified path from the root, e.g. `宁波市/江北区/慈城镇`.
    pub path: String,
    pub level: PlaceLevel,
    pub parent: Option<PlaceId>,
    /// Set for townships only.
    pub class: Option<TownshipClass>,
    pub tags: Vec<String>,
    /// The unit that governs the place: the township government, village committee or grid post.
    pub unit: Option<UnitId>,
    pub span: Span,
}
