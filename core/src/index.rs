//! Indexes built once, when a rule set is frozen, so that `who_handles` and `can` answer by a
//! few array reads instead of scanning delegations, items or townships.
//!
//! **Invariant:** a query's cost depends on the depth of the region tree and on the number of
//! delegations and revocations of *one* item, never on the size of the rule set. The proof
//! checker never uses this module: it re-scans the declaration tables.
//!
//! Layout: the delegations and revocations of every item sit in one flat array each, item after
//! item, with what the answer path needs inline (the target, the interval), and the item's
//! record says where its runs lie; so a question about an item reads its record and one short
//! contiguous run instead of probing a hash map per (item, township) pair and then the
//! declarations. Whether a target reaches a township is
//! decided from small per-place tables (parent, class), which stay in cache.

use crate::ids::{DelegationId, ItemId, PlaceId, RevocationId, ScenarioId, TopicId, UnitId};
use crate::model::delegation::{Mode, Specificity, Target};
use crate::model::item::{Holder, Item, ListKind, PowerType};
use crate::model::jurisdiction::{Kinds, Place, PlaceKind, PlaceLevel, TownshipClass};
use crate::model::unit::UnitKind;
use crate::pages::Pages;
use crate::ruleset::Decls;
use bytemuck::{Pod, Zeroable};
use rustc_hash::FxHashMap;
use time::Date;

/// Rows of entries per key, stored flat: row `k` is `entries[starts[k]..starts[k + 1]]`.
#[derive(Clone, Debug)]
struct Rows<T> {
    starts: Vec<u32>,
    entries: Vec<T>,
}

impl<T> Default for Rows<T> {
    fn default() -> Self {
        Rows {
            starts: vec![0],
            entries: Vec::new(),
        }
    }
}

impl<T> Rows<T> {
    /// Groups `(key, entry)` pairs into `keys` rows, keeping the given order inside each row.
    /// Keys out of range are dropped (the rule set's validation has refused them already).
    fn build(keys: usize, pairs: Vec<(usize, T)>) -> Rows<T> {
        let mut starts = vec![0u32; keys + 1];
        for (key, _) in &pairs {
            if let Some(c) = starts.get_mut(key + 1) {
                *c += 1;
            }
        }
        for k in 1..starts.len() {
            let before = starts.get(k - 1).copied().unwrap_or(0);
            if let Some(c) = starts.get_mut(k) {
                *c += before;
            }
        }
        let mut pairs: Vec<(usize, T)> = pairs.into_iter().filter(|(k, _)| *k < keys).collect();
        // A stable sort by key keeps declaration order inside each row.
        pairs.sort_by_key(|(k, _)| *k);
        Rows {
            starts,
            entries: pairs.into_iter().map(|(_, e)| e).collect(),
        }
    }

    fn row(&self, key: usize) -> &[T] {
        let (start, end) = self.range(key);
        slice(&self.entries, (start, end))
    }

    /// Where row `key` lies in `entries` (empty for an unknown key).
    fn range(&self, key: usize) -> (u32, u32) {
        match (self.starts.get(key), self.starts.get(key + 1)) {
            (Some(start), Some(end)) => (*start, *end),
            _ => (0, 0),
        }
    }
}

/// `entries[start..end]`, empty when out of range.
fn slice<T>(entries: &[T], (start, end): (u32, u32)) -> &[T] {
    entries.get(start as usize..end as usize).unwrap_or(&[])
}

/// Where a delegation or revocation reaches, in the index's terms.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Reach {
    /// One place, which must be a township.
    Township(PlaceId),
    /// Every township strictly below the region, of the class if one is given, of the kinds.
    Below(PlaceId, Option<TownshipClass>, Kinds),
}

impl Reach {
    fn of(target: &Target) -> Reach {
        match target {
            Target::Township(t) => Reach::Township(*t),
            Target::County(c) => Reach::Below(*c, None, Kinds::ANY),
            Target::Class { county, class } => Reach::Below(*county, Some(*class), Kinds::ANY),
            Target::Group {
                region,
                class,
                kinds,
            } => Reach::Below(*region, *class, *kinds),
        }
    }
}

/// A delegation as the answer path reads it.
#[derive(Clone, Copy, Debug)]
pub(crate) struct DelegationEntry {
    pub id: DelegationId,
    reach: Reach,
    pub since: Date,
    pub until: Option<Date>,
    pub specificity: Specificity,
    pub mode: Mode,
    pub from: UnitId,
}

/// What the answer path needs of an item, in one small record: the declarations' `Item` is
/// large (names, bases, parts) and, in a province of half a million items, a cache miss or two
/// per question; this record is one. It is 32 bytes aligned to 32, so that it never straddles
/// two cache lines (at 36 bytes, more than half the records did), and plain data, so that the
/// table can live in huge pages ([`Pages`]). `scope` is where the item applies (its holding
/// unit's seat, or a level holder's region); none for everywhere.
#[derive(Clone, Copy, Debug, Pod, Zeroable)]
#[repr(C, align(32))]
pub(crate) struct ItemEntry {
    /// The holding unit's index, or [`EACH_TOWNSHIP`] / [`EACH_VILLAGE`].
    holder: u32,
    /// The scope's index, or [`NO_SCOPE`].
    scope: u32,
    /// Where the item's delegations and revocations lie in their rows, kept here so that a
    /// question reads this record and the entries, not a separate table of row starts.
    delegations: [u32; 2],
    revocations: [u32; 2],
    /// The list's position in [`ListKind::ALL`].
    list: u8,
    /// The power type's position in [`PowerType::ALL`], or [`NO_POWER_TYPE`].
    power_type: u8,
    /// [`UNDELEGABLE`] and [`TERRITORIAL`].
    flags: u8,
    reserved: [u8; 5],
}

/// `ItemEntry::scope` of an item that applies everywhere.
const NO_SCOPE: u32 = u32::MAX;
/// `ItemEntry::holder` of `holder each township` and `holder each village`: a rule set cannot
/// hold four billion units.
const EACH_TOWNSHIP: u32 = u32::MAX;
const EACH_VILLAGE: u32 = u32::MAX - 1;
const NO_POWER_TYPE: u8 = u8::MAX;
/// Territorial or flagged non-delegable: queries ignore its delegations.
const UNDELEGABLE: u8 = 1;
/// The item declares territorial duties.
const TERRITORIAL: u8 = 2;
/// The item is held by each township or village of some kinds only (`each 镇`).
const KIND_HOLDER: u8 = 4;

impl ItemEntry {
    fn new(decls: &Decls, item: &Item) -> ItemEntry {
        let scope = match &item.holder {
            Holder::Unit(u) => decls.units.get(u.index()).map(|u| u.seat),
            Holder::EachTownship | Holder::EachVillage => item.region,
        };
        let position = |found: Option<usize>| found.and_then(|i| u8::try_from(i).ok());
        // As the queries' `undelegable`: a stationed agency's items stay with it (Q0303).
        let stationed = matches!(item.holder, Holder::Unit(u)
            if decls.units.get(u.index()).is_some_and(|u| u.kind == UnitKind::Stationed));
        let undelegable = item.list == ListKind::Territorial || item.non_delegable || stationed;
        ItemEntry {
            holder: match item.holder {
                Holder::Unit(u) => u.0,
                Holder::EachTownship => EACH_TOWNSHIP,
                Holder::EachVillage => EACH_VILLAGE,
            },
            // Place indexes are u32 and a rule set cannot hold u32::MAX places and a table
            // for them.
            scope: scope.map_or(NO_SCOPE, |p| p.0),
            delegations: [0, 0],
            revocations: [0, 0],
            list: position(ListKind::ALL.iter().position(|k| *k == item.list)).unwrap_or(0),
            power_type: item
                .power_type
                .and_then(|t| position(PowerType::ALL.iter().position(|k| *k == t)))
                .unwrap_or(NO_POWER_TYPE),
            flags: if undelegable { UNDELEGABLE } else { 0 }
                | if item.territorial.is_some() {
                    TERRITORIAL
                } else {
                    0
                }
                | if item.holder_kinds.is_any() {
                    0
                } else {
                    KIND_HOLDER
                },
            reserved: [0; 5],
        }
    }

    pub fn holder(&self) -> Holder {
        match self.holder {
            EACH_TOWNSHIP => Holder::EachTownship,
            EACH_VILLAGE => Holder::EachVillage,
            unit => Holder::Unit(UnitId(unit)),
        }
    }

    /// Where the item applies; `None` for everywhere.
    pub fn scope(&self) -> Option<PlaceId> {
        (self.scope != NO_SCOPE).then_some(PlaceId(self.scope))
    }

    pub fn list(&self) -> ListKind {
        ListKind::ALL
            .get(usize::from(self.list))
            .copied()
            .unwrap_or(ListKind::Power)
    }

    pub fn power_type(&self) -> Option<PowerType> {
        PowerType::ALL.get(usize::from(self.power_type)).copied()
    }

    /// Territorial or flagged non-delegable: queries ignore its delegations.
    pub fn undelegable(&self) -> bool {
        self.flags & UNDELEGABLE != 0
    }

    pub fn territorial(&self) -> bool {
        self.flags & TERRITORIAL != 0
    }

    /// Held by each township or village of some kinds only: answered by the full path.
    pub fn kind_holder(&self) -> bool {
        self.flags & KIND_HOLDER != 0
    }

    fn delegations(&self) -> (u32, u32) {
        (self.delegations[0], self.delegations[1])
    }

    fn revocations(&self) -> (u32, u32) {
        (self.revocations[0], self.revocations[1])
    }
}

/// A revocation as the answer path reads it.
#[derive(Clone, Copy, Debug)]
pub(crate) struct RevocationEntry {
    pub id: RevocationId,
    reach: Reach,
    pub since: Date,
}

/// The compiled lookup tables of a rule set.
#[derive(Clone, Debug, Default)]
pub(crate) struct Index {
    /// Per place: its ancestor-or-self at township level.
    township_of: Vec<Option<PlaceId>>,
    /// Per place: its ancestor-or-self at county level.
    county_of: Vec<Option<PlaceId>>,
    /// Per place: its parent.
    parent_of: Vec<Option<PlaceId>>,
    /// Per place: the unit governing it (township government, village committee, grid post).
    governing: Vec<Option<UnitId>>,
    /// Per item: the answer path's record; in huge pages where the system has them.
    items: Pages<ItemEntry>,
    /// Per place: `Some(class)` when it is a township (the class itself may be absent).
    township_class: Vec<Option<Option<TownshipClass>>>,
    /// Per place: its kind, when known.
    place_kind: Vec<Option<PlaceKind>>,
    /// Every item's delegations, item after item, each item's in declaration order; where an
    /// item's run lies is in its record.
    delegations: Vec<DelegationEntry>,
    /// Every item's revocations, laid out the same way.
    revocations: Vec<RevocationEntry>,
    /// Per unit: its routes, as indices into `Decls::routes`, in declaration order.
    routes: Rows<u32>,
    /// Per topic: its scenarios, in declaration order.
    scenarios: Rows<ScenarioId>,
    /// Townships strictly below a place (a county, a city), in declaration order; for the
    /// analyzer, not on the answer path.
    townships_under: FxHashMap<PlaceId, Vec<PlaceId>>,
}

impl Index {
    pub(crate) fn build(decls: &Decls) -> Index {
        let places = &decls.places;
        let mut township_of = Vec::with_capacity(places.len());
        let mut county_of = Vec::with_capacity(places.len());
        for (i, place) in places.iter().enumerate() {
            // Parents come first, so the parent's entries are already known.
            let from_parent = |table: &[Option<PlaceId>]| {
                place
                    .parent
                    .and_then(|p| table.get(p.index()).copied().flatten())
            };
            let here = PlaceId::from_index(i);
            township_of.push(if place.level == PlaceLevel::Township {
                Some(here)
            } else {
                from_parent(&township_of)
            });
            county_of.push(if place.level == PlaceLevel::County {
                Some(here)
            } else {
                from_parent(&county_of)
            });
        }
        let parent_of = places.iter().map(|p| p.parent).collect();
        let governing = places.iter().map(|p| p.unit).collect();
        let mut items_table: Vec<ItemEntry> = decls
            .items
            .iter()
            .map(|i| ItemEntry::new(decls, i))
            .collect();
        let township_class = places.iter().map(township_class).collect();
        let place_kind = places.iter().map(|p| p.kind).collect();
        let items = decls.items.len();
        let delegations = decls
            .delegations
            .iter()
            .enumerate()
            .map(|(i, d)| {
                let entry = DelegationEntry {
                    id: DelegationId::from_index(i),
                    reach: Reach::of(&d.target),
                    since: d.interval.since,
                    until: d.interval.until,
                    specificity: d.target.specificity(),
                    mode: d.mode,
                    from: d.from,
                };
                (d.item.index(), entry)
            })
            .collect::<Vec<_>>();
        let revocations = decls
            .revocations
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let entry = RevocationEntry {
                    id: RevocationId::from_index(i),
                    reach: Reach::of(&r.target),
                    since: r.since,
                };
                (r.item.index(), entry)
            })
            .collect();
        let routes = decls
            .routes
            .iter()
            .enumerate()
            .map(|(i, r)| (r.unit.index(), u32::try_from(i).unwrap_or(u32::MAX)))
            .collect();
        let scenarios = decls
            .scenarios
            .iter()
            .enumerate()
            .map(|(i, s)| (s.topic.index(), ScenarioId::from_index(i)))
            .collect();
        let delegations = Rows::build(items, delegations);
        let revocations = Rows::build(items, revocations);
        for (i, entry) in items_table.iter_mut().enumerate() {
            let (start, end) = delegations.range(i);
            entry.delegations = [start, end];
            let (start, end) = revocations.range(i);
            entry.revocations = [start, end];
        }
        let mut townships_under: FxHashMap<PlaceId, Vec<PlaceId>> = FxHashMap::default();
        for (i, place) in places.iter().enumerate() {
            if place.level != PlaceLevel::Township {
                continue;
            }
            let township = PlaceId::from_index(i);
            let mut current = place.parent;
            let mut guard = 0usize;
            while let Some(p) = current {
                guard += 1;
                if guard > places.len() {
                    break;
                }
                townships_under.entry(p).or_default().push(township);
                current = places.get(p.index()).and_then(|pl| pl.parent);
            }
        }
        Index {
            townships_under,
            scenarios: Rows::build(decls.topics.len(), scenarios),
            township_of,
            county_of,
            parent_of,
            governing,
            items: Pages::new(items_table),
            township_class,
            place_kind,
            delegations: delegations.entries,
            revocations: revocations.entries,
            routes: Rows::build(decls.units.len(), routes),
        }
    }

    /// Whether a target reaches the township (the index's coverage rule: a named township, or
    /// every township strictly below a region, optionally of one class).
    fn reaches(&self, reach: Reach, township: PlaceId) -> bool {
        match reach {
            Reach::Township(t) => t == township && self.is_township(township),
            Reach::Below(region, class, kinds) => {
                let class_ok = match (class, self.class_of(township)) {
                    (_, None) => false,
                    (None, Some(_)) => true,
                    (Some(want), Some(have)) => have == Some(want),
                };
                class_ok
                    && kinds.selects(self.kind_of(township))
                    && self.strictly_below(township, region)
            }
        }
    }

    /// The place's kind (乡, 镇, 街道, 村, 社区), when known.
    pub(crate) fn kind_of(&self, place: PlaceId) -> Option<PlaceKind> {
        self.place_kind.get(place.index()).copied().flatten()
    }

    fn is_township(&self, place: PlaceId) -> bool {
        self.class_of(place).is_some()
    }

    /// `Some(class)` when the place is a township.
    fn class_of(&self, place: PlaceId) -> Option<Option<TownshipClass>> {
        self.township_class.get(place.index()).copied().flatten()
    }

    /// Whether `region` is a proper ancestor of `place` (bounded by the number of places).
    fn strictly_below(&self, place: PlaceId, region: PlaceId) -> bool {
        let mut current = self.parent_of.get(place.index()).copied().flatten();
        let mut steps = 0usize;
        while let Some(p) = current {
            if p == region {
                return true;
            }
            steps += 1;
            if steps > self.parent_of.len() {
                return false;
            }
            current = self.parent_of.get(p.index()).copied().flatten();
        }
        false
    }

    /// The answer path's record of an item.
    pub(crate) fn item(&self, item: ItemId) -> Option<&ItemEntry> {
        ops::tick(1);
        self.items.get(item.index())
    }

    /// Whether the place is declared.
    pub(crate) fn has_place(&self, place: PlaceId) -> bool {
        place.index() < self.parent_of.len()
    }

    /// The unit governing a place.
    pub(crate) fn governing(&self, place: PlaceId) -> Option<UnitId> {
        self.governing.get(place.index()).copied().flatten()
    }

    /// Whether `region` is `place` or one of its ancestors.
    pub(crate) fn within(&self, place: PlaceId, region: PlaceId) -> bool {
        place == region || self.strictly_below(place, region)
    }

    /// The entry of one delegation of the item.
    pub(crate) fn delegation_entry(
        &self,
        item: ItemId,
        id: DelegationId,
    ) -> Option<&DelegationEntry> {
        self.delegation_row(item).iter().find(|e| e.id == id)
    }

    /// The item's delegations, found through its record (which a question has read already).
    fn delegation_row(&self, item: ItemId) -> &[DelegationEntry] {
        self.items
            .get(item.index())
            .map_or(&[], |i| slice(&self.delegations, i.delegations()))
    }

    /// The item's revocations, likewise.
    fn revocation_row(&self, item: ItemId) -> &[RevocationEntry] {
        self.items
            .get(item.index())
            .map_or(&[], |i| slice(&self.revocations, i.revocations()))
    }

    pub(crate) fn township_of(&self, place: PlaceId) -> Option<PlaceId> {
        ops::tick(1);
        self.township_of.get(place.index()).copied().flatten()
    }

    pub(crate) fn county_of(&self, place: PlaceId) -> Option<PlaceId> {
        ops::tick(1);
        self.county_of.get(place.index()).copied().flatten()
    }

    /// The delegations of the item that reach the township, in declaration order.
    pub(crate) fn delegations_at(
        &self,
        item: ItemId,
        township: PlaceId,
    ) -> impl Iterator<Item = &DelegationEntry> + '_ {
        let row = self.delegation_row(item);
        ops::tick(1 + row.len());
        row.iter().filter(move |e| self.reaches(e.reach, township))
    }

    /// The revocations of the item that reach the township, in declaration order.
    pub(crate) fn revocations_at(
        &self,
        item: ItemId,
        township: PlaceId,
    ) -> impl Iterator<Item = &RevocationEntry> + '_ {
        let row = self.revocation_row(item);
        ops::tick(1 + row.len());
        row.iter().filter(move |e| self.reaches(e.reach, township))
    }

    /// Every delegation of the item, in declaration order, with whether it reaches the township:
    /// for negative proofs and `why_not`, never on the answer path.
    pub(crate) fn delegations_of(
        &self,
        item: ItemId,
        township: PlaceId,
    ) -> impl Iterator<Item = (DelegationId, bool)> + '_ {
        self.delegation_row(item)
            .iter()
            .map(move |e| (e.id, self.reaches(e.reach, township)))
    }

    /// Calls `f` with every township that a delegation or a revocation of the item reaches
    /// (a township may come more than once). Whole-rule-set listings use it to visit only the
    /// (item, township) pairs a declaration distinguishes; never on the answer path.
    pub(crate) fn reached_townships(&self, item: ItemId, mut f: impl FnMut(PlaceId)) {
        let reaches = self
            .delegation_row(item)
            .iter()
            .map(|d| d.reach)
            .chain(self.revocation_row(item).iter().map(|r| r.reach));
        for reach in reaches {
            match reach {
                Reach::Township(t) => {
                    if self.reaches(reach, t) {
                        f(t);
                    }
                }
                Reach::Below(region, _, _) => {
                    for t in self.townships_under(region) {
                        if self.reaches(reach, *t) {
                            f(*t);
                        }
                    }
                }
            }
        }
    }

    /// The townships strictly below a place, in declaration order.
    pub(crate) fn townships_under(&self, place: PlaceId) -> &[PlaceId] {
        self.townships_under
            .get(&place)
            .map_or(&[][..], Vec::as_slice)
    }

    /// The scenarios of a topic, in declaration order.
    pub(crate) fn scenarios_of(&self, topic: TopicId) -> &[ScenarioId] {
        self.scenarios.row(topic.index())
    }

    pub(crate) fn routes_of(&self, unit: UnitId) -> &[u32] {
        let found = self.routes.row(unit.index());
        ops::tick(1 + found.len());
        found
    }
}

fn township_class(place: &Place) -> Option<Option<TownshipClass>> {
    (place.level == PlaceLevel::Township).then_some(place.class)
}

/// Counts the table entries a query touches, so a test can show that the answer path does not
/// grow with the rule set. Compiled to nothing outside tests.
pub(crate) mod ops {
    #[cfg(test)]
    thread_local! {
        static COUNT: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
    }

    #[cfg(test)]
    pub(crate) fn tick(n: usize) {
        COUNT.with(|c| c.set(c.get().saturating_add(n)));
    }

    #[cfg(not(test))]
    #[inline(always)]
    pub(crate) fn tick(_n: usize) {}

    /// Resets the counter and returns what it held.
    #[cfg(test)]
    pub(crate) fn take() -> usize {
        COUNT.with(|c| c.replace(0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_item_record_fills_half_a_cache_line_and_never_straddles_two() {
        assert_eq!(std::mem::size_of::<ItemEntry>(), 32);
        assert_eq!(std::mem::align_of::<ItemEntry>(), 32);
    }

    /// Every list, power type, holder and flag reads back from the packed record as declared.
    #[test]
    fn an_item_record_reads_back_what_the_item_declares() {
        use crate::model::item::Territorial;
        use crate::span::Span;
        let item = |list, power_type, holder, non_delegable, territorial: bool| Item {
            code: "X".to_owned(),
            name: "X".to_owned(),
            list,
            power_type,
            holder,
            holder_kinds: Default::default(),
            region: Some(PlaceId(7)),
            basis: Box::default(),
            non_delegable,
            parts: Box::default(),
            territorial: territorial.then(|| {
                Box::new(Territorial {
                    primary: UnitId(0),
                    township_duties: Vec::new(),
                    primary_span: Span::DETACHED,
                    duty_spans: Vec::new(),
                })
            }),
            span: Span::DETACHED,
        };
        let decls = Decls::default();
        let holders = [
            Holder::Unit(UnitId(0)),
            Holder::Unit(UnitId(123_456)),
            Holder::EachTownship,
            Holder::EachVillage,
        ];
        let types = PowerType::ALL.map(Some);
        for list in ListKind::ALL {
            for power_type in types.iter().copied().chain([None]) {
                for holder in &holders {
                    for (non_delegable, territorial) in
                        [(false, false), (true, false), (false, true), (true, true)]
                    {
                        let declared =
                            item(list, power_type, holder.clone(), non_delegable, territorial);
                        let entry = ItemEntry::new(&decls, &declared);
                        assert_eq!(entry.list(), list);
                        assert_eq!(entry.power_type(), power_type);
                        assert_eq!(&entry.holder(), holder);
                        assert_eq!(entry.territorial(), territorial);
                        assert_eq!(
                            entry.undelegable(),
                            non_delegable || list == ListKind::Territorial
                        );
                        // A unit holder's scope is its seat (no such unit here: everywhere);
                        // a level holder's is the item's region.
                        let scope = match holder {
                            Holder::Unit(_) => None,
                            _ => Some(PlaceId(7)),
                        };
                        assert_eq!(entry.scope(), scope);
                    }
                }
            }
        }
    }
}
