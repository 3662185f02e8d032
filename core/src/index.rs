//! Indexes built once, when a rule set is frozen, so that `who_handles` and `can` answer by a
//! few hash probes instead of scanning delegations, items or townships.
//!
//! **Invariant:** a query's cost depends on the depth of the region tree and on the number of
//! delegations and revocations that reach *one* (item, township) pair, never on the size of the
//! rule set. The proof checker never uses this module: it re-scans the declaration tables.

use crate::ids::{DelegationId, ItemId, PlaceId, RevocationId, UnitId};
use crate::model::delegation::Target;
use crate::model::jurisdiction::{Place, PlaceLevel};
use crate::ruleset::Decls;
use rustc_hash::FxHashMap;

/// The compiled lookup tables of a rule set.
#[derive(Clone, Debug, Default)]
pub(crate) struct Index {
    /// Per place: its ancestor-or-self at township level.
    township_of: Vec<Option<PlaceId>>,
    /// Per place: its ancestor-or-self at county level.
    county_of: Vec<Option<PlaceId>>,
    /// Delegations per (item, covered township), in declaration order.
    delegations_at: FxHashMap<(ItemId, PlaceId), Vec<DelegationId>>,
    /// Revocations per (item, covered township), in declaration order.
    revocations_at: FxHashMap<(ItemId, PlaceId), Vec<RevocationId>>,
    /// Every delegation of an item, whatever its target: the candidates a negative proof lists.
    delegations_of: FxHashMap<ItemId, Vec<DelegationId>>,
    /// Routes declared by a unit, as indices into `Decls::routes`, in declaration order.
    routes_of: FxHashMap<UnitId, Vec<u32>>,
    /// Townships below a place (a county, a city), in declaration order.
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
        let mut index = Index {
            township_of,
            county_of,
            townships_under,
            ..Index::default()
        };
        for (i, d) in decls.delegations.iter().enumerate() {
            let id = DelegationId::from_index(i);
            index.delegations_of.entry(d.item).or_default().push(id);
            for township in index.covered(places, &d.target) {
                index
                    .delegations_at
                    .entry((d.item, township))
                    .or_default()
                    .push(id);
            }
        }
        for (i, r) in decls.revocations.iter().enumerate() {
            let id = RevocationId::from_index(i);
            for township in index.covered(places, &r.target) {
                index
                    .revocations_at
                    .entry((r.item, township))
                    .or_default()
                    .push(id);
            }
        }
        for (i, route) in decls.routes.iter().enumerate() {
            index
                .routes_of
                .entry(route.unit)
                .or_default()
                .push(u32::try_from(i).unwrap_or(u32::MAX));
        }
        index
    }

    /// The townships a target reaches.
    fn covered(&self, places: &[Place], target: &Target) -> Vec<PlaceId> {
        match target {
            Target::Township(t) => {
                let is_township = places
                    .get(t.index())
                    .is_some_and(|p| p.level == PlaceLevel::Township);
                if is_township {
                    vec![*t]
                } else {
                    Vec::new()
                }
            }
            Target::County(c) => self.townships_under(*c).to_vec(),
            Target::Class { county, class } => self
                .townships_under(*county)
                .iter()
                .copied()
                .filter(|t| {
                    places
                        .get(t.index())
                        .is_some_and(|p| p.class == Some(*class))
                })
                .collect(),
        }
    }

    pub(crate) fn township_of(&self, place: PlaceId) -> Option<PlaceId> {
        ops::tick(1);
        self.township_of.get(place.index()).copied().flatten()
    }

    pub(crate) fn county_of(&self, place: PlaceId) -> Option<PlaceId> {
        ops::tick(1);
        self.county_of.get(place.index()).copied().flatten()
    }

    pub(crate) fn delegations_at(&self, item: ItemId, township: PlaceId) -> &[DelegationId] {
        let found = self
            .delegations_at
            .get(&(item, township))
            .map_or(&[][..], Vec::as_slice);
        ops::tick(1 + found.len());
        found
    }

    pub(crate) fn revocations_at(&self, item: ItemId, township: PlaceId) -> &[RevocationId] {
        let found = self
            .revocations_at
            .get(&(item, township))
            .map_or(&[][..], Vec::as_slice);
        ops::tick(1 + found.len());
        found
    }

    /// Every delegation of the item: used to build negative proofs, never on the answer path.
    pub(crate) fn delegations_of(&self, item: ItemId) -> &[DelegationId] {
        self.delegations_of
            .get(&item)
            .map_or(&[][..], Vec::as_slice)
    }

    pub(crate) fn routes_of(&self, unit: UnitId) -> &[u32] {
        let found = self.routes_of.get(&unit).map_or(&[][..], Vec::as_slice);
        ops::tick(1 + found.len());
        found
    }

    pub(crate) fn townships_under(&self, place: PlaceId) -> &[PlaceId] {
        self.townships_under
            .get(&place)
            .map_or(&[][..], Vec::as_slice)
    }
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
