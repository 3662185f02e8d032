//! Lookups shared by the checks: names for messages, the townships a target reaches, the
//! county of a place, enforcement teams, the effective end of a delegation at a township.

use crate::ids::{DelegationId, ItemId, PlaceId, UnitId};
use crate::model::delegation::{Delegation, Mode, Target};
use crate::model::item::{Holder, Item};
use crate::model::jurisdiction::PlaceLevel;
use crate::model::unit::Unit;
use crate::model::unit::UnitKind;
use crate::ruleset::RuleSet;
use std::collections::{BTreeMap, BTreeSet};
use time::Date;

/// The rule set under analysis, with what several checks need precomputed, so that no check
/// scans every unit for every township.
pub(crate) struct Context<'a> {
    pub rs: &'a RuleSet,
    /// Every township, in declaration order.
    pub townships: Vec<PlaceId>,
    /// Every county, in declaration order.
    pub counties: Vec<PlaceId>,
    /// Per township: the units that belong to it (parented to its government, or seated in it
    /// with no parent), in declaration order.
    members: BTreeMap<PlaceId, Vec<UnitId>>,
    /// The townships with an enforcement team.
    teams: BTreeSet<PlaceId>,
}

impl<'a> Context<'a> {
    pub fn new(rs: &'a RuleSet) -> Context<'a> {
        let at = |level: PlaceLevel| {
            rs.decls()
                .places
                .iter()
                .enumerate()
                .filter(move |(_, p)| p.level == level)
                .map(|(i, _)| PlaceId::from_index(i))
                .collect()
        };
        let mut cx = Context {
            rs,
            townships: at(PlaceLevel::Township),
            counties: at(PlaceLevel::County),
            members: BTreeMap::new(),
            teams: BTreeSet::new(),
        };
        let government: BTreeMap<UnitId, PlaceId> = cx
            .townships
            .iter()
            .filter_map(|t| rs.place(*t).and_then(|p| p.unit).map(|u| (u, *t)))
            .collect();
        for (i, u) in rs.decls().units.iter().enumerate() {
            let id = UnitId::from_index(i);
            let member_of = match u.parent {
                Some(p) => government.get(&p).copied(),
                None if u.kind != UnitKind::TownshipGovernment => {
                    Some(u.seat).filter(|s| government.values().any(|t| t == s))
                }
                None => None,
            };
            if let Some(t) = member_of {
                cx.members.entry(t).or_default().push(id);
            }
            // A team belongs to the township of its parent, or to the township it sits in.
            if u.kind == UnitKind::EnforcementTeam {
                let by_parent = u.parent.and_then(|p| government.get(&p).copied());
                let by_seat = cx.township_of(u.seat);
                cx.teams.extend(by_parent.into_iter().chain(by_seat));
            }
        }
        cx
    }

    /// The units that belong to a township, in declaration order.
    pub fn members(&self, township: PlaceId) -> impl Iterator<Item = &'a Unit> + '_ {
        self.members
            .get(&township)
            .into_iter()
            .flatten()
            .filter_map(|u| self.rs.unit(*u))
    }

    /// The delegations with their ids, in declaration order.
    pub fn delegations(&self) -> impl Iterator<Item = (DelegationId, &'a Delegation)> + 'a {
        self.rs
            .decls()
            .delegations
            .iter()
            .enumerate()
            .map(|(i, d)| (DelegationId::from_index(i), d))
    }

    pub fn item(&self, id: ItemId) -> Option<&'a Item> {
        self.rs.item(id)
    }

    pub fn code(&self, id: ItemId) -> &'a str {
        self.rs.item(id).map_or("?", |i| i.code.as_str())
    }

    pub fn place_name(&self, id: PlaceId) -> &'a str {
        self.rs.place(id).map_or("?", |p| p.name.as_str())
    }

    pub fn place_path(&self, id: PlaceId) -> &'a str {
        self.rs.place(id).map_or("?", |p| p.path.as_str())
    }

    pub fn unit_path(&self, id: UnitId) -> &'a str {
        self.rs.unit(id).map_or("?", |u| u.path.as_str())
    }

    /// The county of a place (itself when it is one).
    pub fn county_of(&self, place: PlaceId) -> Option<PlaceId> {
        self.rs.index().county_of(place)
    }

    /// The township of a place (itself when it is one).
    pub fn township_of(&self, place: PlaceId) -> Option<PlaceId> {
        self.rs.index().township_of(place)
    }

    /// The townships a target reaches, in declaration order.
    pub fn covered(&self, target: &Target) -> Vec<PlaceId> {
        let is_township = |p: &PlaceId| {
            self.rs
                .place(*p)
                .is_some_and(|pl| pl.level == PlaceLevel::Township)
        };
        match target {
            Target::Township(t) => Some(*t).filter(is_township).into_iter().collect(),
            Target::County(c) => self.rs.index().townships_under(*c).to_vec(),
            Target::Class { county, class } => self
                .rs
                .index()
                .townships_under(*county)
                .iter()
                .copied()
                .filter(|t| self.rs.place(*t).is_some_and(|p| p.class == Some(*class)))
                .collect(),
            Target::Group {
                region,
                class,
                kinds,
            } => self
                .rs
                .index()
                .townships_under(*region)
                .iter()
                .copied()
                .filter(|t| {
                    self.rs.place(*t).is_some_and(|p| {
                        class.is_none_or(|c| p.class == Some(c)) && kinds.selects(p.kind)
                    })
                })
                .collect(),
        }
    }

    /// The place a target names (a township or a county).
    pub fn target_place(target: &Target) -> PlaceId {
        match target {
            Target::Township(p)
            | Target::County(p)
            | Target::Class { county: p, .. }
            | Target::Group { region: p, .. } => *p,
        }
    }

    /// Words for a target: `慈城镇`, `江北区`, `江北区 特大 townships`.
    pub fn target_words(&self, target: &Target) -> String {
        match target {
            Target::Township(p) | Target::County(p) => self.place_name(*p).to_owned(),
            Target::Class { county, class } => {
                format!("{} {} townships", self.place_name(*county), class.chinese())
            }
            Target::Group {
                region,
                class,
                kinds,
            } => {
                let class = class
                    .map(|c| format!(" {}", c.chinese()))
                    .unwrap_or_default();
                let kinds = kinds.chinese().unwrap_or_else(|| "townships".to_owned());
                format!("{}{class} {kinds}", self.place_name(*region))
            }
        }
    }

    /// The unit that holds an item, when a single unit does.
    pub fn holder_unit(&self, item: &Item) -> Option<UnitId> {
        match item.holder {
            Holder::Unit(u) => Some(u),
            Holder::EachTownship | Holder::EachVillage => None,
        }
    }

    /// The township a unit belongs to: its seat's township, for units seated at or below one.
    pub fn township_of_unit(&self, unit: UnitId) -> Option<PlaceId> {
        self.rs.unit(unit).and_then(|u| self.township_of(u.seat))
    }

    /// Whether `place` lies within `region` (or is it).
    pub fn within(&self, place: PlaceId, region: PlaceId) -> bool {
        self.rs.ancestors(place).any(|p| p == region)
    }

    /// Whether the township has an enforcement team: a unit of that kind whose parent is the
    /// township government or whose seat lies in the township.
    pub fn has_enforcement_team(&self, township: PlaceId) -> bool {
        self.teams.contains(&township)
    }

    /// The day a delegation stops applying at a township: its `until`, or the first revocation
    /// of the item from that township dated after the delegation began. `None`: open-ended.
    pub fn effective_end(&self, d: &Delegation, township: PlaceId) -> Option<Date> {
        let mut end = d.interval.until;
        for rid in self.rs.index().revocations_at(d.item, township) {
            let Some(r) = self.rs.decls().revocations.get(rid.id.index()) else {
                continue;
            };
            // revoke(I, T, D) ends every delegation of I covering T that began before D.
            if d.interval.since < r.since && end.is_none_or(|e| r.since < e) {
                end = Some(r.since);
            }
        }
        end
    }

    /// The entrustments of `item` that reach `township`, in declaration order.
    pub fn entrusted_to(&self, item: ItemId, township: PlaceId) -> Vec<DelegationId> {
        self.rs
            .index()
            .delegations_at(item, township)
            .filter(|e| e.mode == Mode::Entrust)
            .map(|e| e.id)
            .collect()
    }
}

/// `a, b, c and 4 more`: a short list for messages.
pub fn short_list(names: &[String], shown: usize) -> String {
    let head: Vec<&str> = names.iter().take(shown).map(String::as_str).collect();
    let rest = names.len().saturating_sub(shown);
    if rest == 0 {
        head.join(", ")
    } else {
        format!("{} and {rest} more", head.join(", "))
    }
}

/// `YYYY-MM-DD`, or `open` for no date.
pub fn day(date: Option<Date>) -> String {
    date.map_or_else(|| "open end".to_owned(), |d| d.to_string())
}
