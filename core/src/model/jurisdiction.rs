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

/// What kind of township (乡, 镇, 街道) or village (村, 社区) a place is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum PlaceKind {
    /// 乡
    Xiang,
    /// 镇
    Zhen,
    /// 街道
    Jiedao,
    /// 村
    Cun,
    /// 社区
    Shequ,
}

impl PlaceKind {
    pub const ALL: [PlaceKind; 5] = [
        PlaceKind::Xiang,
        PlaceKind::Zhen,
        PlaceKind::Jiedao,
        PlaceKind::Cun,
        PlaceKind::Shequ,
    ];

    pub fn chinese(self) -> &'static str {
        match self {
            PlaceKind::Xiang => "乡",
            PlaceKind::Zhen => "镇",
            PlaceKind::Jiedao => "街道",
            PlaceKind::Cun => "村",
            PlaceKind::Shequ => "社区",
        }
    }

    /// The level of the places of this kind.
    pub fn level(self) -> PlaceLevel {
        match self {
            PlaceKind::Xiang | PlaceKind::Zhen | PlaceKind::Jiedao => PlaceLevel::Township,
            PlaceKind::Cun | PlaceKind::Shequ => PlaceLevel::Village,
        }
    }

    /// The kind a township's or village's name ends with (`慈城镇` → 镇, `湾头社区` → 社区).
    pub fn from_name(level: PlaceLevel, name: &str) -> Option<PlaceKind> {
        PlaceKind::ALL
            .into_iter()
            .filter(|k| k.level() == level)
            .find(|k| name.ends_with(k.chinese()))
    }

    fn bit(self) -> u8 {
        match self {
            PlaceKind::Xiang => 1,
            PlaceKind::Zhen => 2,
            PlaceKind::Jiedao => 4,
            PlaceKind::Cun => 8,
            PlaceKind::Shequ => 16,
        }
    }
}

/// The kinds a selector names; the empty set selects every kind (the words `township`,
/// `village`). A place of unknown kind is selected only by the empty set: no word broadens.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub struct Kinds(u8);

impl Kinds {
    /// Every kind.
    pub const ANY: Kinds = Kinds(0);

    pub fn of(kinds: &[PlaceKind]) -> Kinds {
        Kinds(kinds.iter().fold(0, |bits, k| bits | k.bit()))
    }

    pub fn is_any(self) -> bool {
        self.0 == 0
    }

    /// Whether a place of this kind is selected.
    pub fn selects(self, kind: Option<PlaceKind>) -> bool {
        self.is_any() || kind.is_some_and(|k| self.0 & k.bit() != 0)
    }

    /// The kinds named, in their fixed order.
    pub fn iter(self) -> impl Iterator<Item = PlaceKind> {
        PlaceKind::ALL
            .into_iter()
            .filter(move |k| self.0 & k.bit() != 0)
    }

    /// The selector word as written in Chinese (`街道`, `乡、镇`); `None` for every kind.
    pub fn chinese(self) -> Option<String> {
        (!self.is_any()).then(|| {
            self.iter()
                .map(PlaceKind::chinese)
                .collect::<Vec<_>>()
                .join("、")
        })
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
    /// 乡, 镇 or 街道 for a township, 村 or 社区 for a village: declared, or read off the name's
    /// end; `None` when neither tells.
    #[serde(default)]
    pub kind: Option<PlaceKind>,
    pub tags: Vec<String>,
    /// The unit that governs the place: the township government, village committee or grid post.
    pub unit: Option<UnitId>,
    pub span: Span,
}
