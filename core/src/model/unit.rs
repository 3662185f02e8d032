//! Units (主体): who can hold a power or a duty, and routing inside a unit.

use crate::ids::{PlaceId, UnitId};
use crate::model::item::{ListKind, PowerType};
use crate::span::Span;
use serde::{Deserialize, Serialize};

/// What kind of body a unit is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum UnitKind {
    /// 职能部门: a county (or city) department.
    Department,
    /// 乡镇政府 / 街道办事处: created with each township.
    TownshipGovernment,
    /// 内设机构: an internal office of a township (党建办, 综合信息指挥室 …).
    Office,
    /// 综合行政执法队: a township's comprehensive enforcement team.
    EnforcementTeam,
    /// 村(居)委会: created with each village or community.
    VillageCommittee,
    /// 网格: the post of a grid, created with each grid.
    GridPost,
    /// 派驻机构: seated in a township, kept under its department (派出所, 司法所).
    Stationed,
    /// 县级中心: a county centre (社会治理中心, 网格服务管理中心, 12345).
    CountyCentre,
    /// 便民服务点 / 中心: a service point accepting applications.
    ServicePoint,
    /// 人民政府: the government of a county, city or province, created with each, as a
    /// township's government is (the level that designates a lead when scenarios overlap).
    Government,
}

impl UnitKind {
    pub const ALL: [UnitKind; 10] = [
        UnitKind::Department,
        UnitKind::TownshipGovernment,
        UnitKind::Office,
        UnitKind::EnforcementTeam,
        UnitKind::VillageCommittee,
        UnitKind::GridPost,
        UnitKind::Stationed,
        UnitKind::CountyCentre,
        UnitKind::ServicePoint,
        UnitKind::Government,
    ];

    pub fn english(self) -> &'static str {
        match self {
            UnitKind::Department => "department",
            UnitKind::TownshipGovernment => "township-government",
            UnitKind::Office => "office",
            UnitKind::EnforcementTeam => "enforcement-team",
            UnitKind::VillageCommittee => "village-committee",
            UnitKind::GridPost => "grid-post",
            UnitKind::Stationed => "stationed",
            UnitKind::CountyCentre => "county-centre",
            UnitKind::ServicePoint => "service-point",
            UnitKind::Government => "government",
        }
    }

    pub fn chinese(self) -> &'static str {
        match self {
            UnitKind::Department => "部门",
            UnitKind::TownshipGovernment => "乡镇政府",
            UnitKind::Office => "内设机构",
            UnitKind::EnforcementTeam => "执法队",
            UnitKind::VillageCommittee => "村委会",
            UnitKind::GridPost => "网格员",
            UnitKind::Stationed => "派驻机构",
            UnitKind::CountyCentre => "县级中心",
            UnitKind::ServicePoint => "服务点",
            UnitKind::Government => "人民政府",
        }
    }

    pub fn from_name(name: &str) -> Option<UnitKind> {
        UnitKind::ALL
            .into_iter()
            .find(|k| k.english() == name || k.chinese() == name)
    }
}

/// A body that holds powers or duties.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unit {
    pub name: String,
    /// Qualified path, e.g. `宁波市/江北区/住房和城乡建设局`.
    pub path: String,
    pub kind: UnitKind,
    /// The jurisdiction node the unit sits in.
    pub seat: PlaceId,
    /// The unit it belongs to: a township's office → the township; a stationed agency → its department.
    pub parent: Option<UnitId>,
    /// The region the unit was declared in: where unqualified references to it resolve from.
    pub region: Option<PlaceId>,
    pub span: Span,
}

/// What a route sends to an office.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum RouteKey {
    PowerType(PowerType),
    List(ListKind),
}

/// `route 甬江街道 行政执法 to 甬江街道综合行政执法队`: the unit keeps the legal
/// subject; the office executes. A route by power type beats a route by list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Route {
    pub unit: UnitId,
    pub key: RouteKey,
    pub to: UnitId,
    pub span: Span,
}
