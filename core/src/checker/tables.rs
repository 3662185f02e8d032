//! The checker's own grouping of the declaration tables: the delegations and revocations of each
//! item, the routes of each unit. Built from [`Decls`] by one plain pass, separately from the
//! query engine's index, and only when a proof is first checked.
//!
//! Without it a negative claim (`no_active_delegation`) was re-established by scanning every
//! delegation of the rule set, which made checking one proof grow with the province (about
//! 0.1 ms on L). The scan is still exhaustive over what can matter: a delegation or revocation
//! of another item never bears on the claim, and every one of the item's is read. The grouping
//! is so simple (one push per declaration, in declaration order) that it cannot share a bug
//! with the index's target coverage, which the checker still re-derives itself (`covers`).

use crate::ids::{DelegationId, ItemId, RevocationId, UnitId};
use crate::ruleset::Decls;

/// Rows of ids per key, stored flat: row `k` is `ids[starts[k]..starts[k + 1]]`.
#[derive(Clone, Debug)]
struct Rows<T> {
    starts: Vec<u32>,
    ids: Vec<T>,
}

impl<T: Copy> Rows<T> {
    /// Groups `(key, id)` pairs, given in id order, into `keys` rows; keys out of range are
    /// dropped (the rule set's validation has already refused them).
    fn build(keys: usize, pairs: impl Iterator<Item = (usize, T)> + Clone) -> Rows<T> {
        let mut counts = vec![0u32; keys + 1];
        for (key, _) in pairs.clone() {
            if let Some(c) = counts.get_mut(key + 1) {
                *c += 1;
            }
        }
        for k in 1..counts.len() {
            let before = counts.get(k - 1).copied().unwrap_or(0);
            if let Some(c) = counts.get_mut(k) {
                *c += before;
            }
        }
        let total = counts.last().copied().unwrap_or(0) as usize;
        let mut next = counts.clone();
        let mut ids: Vec<Option<T>> = vec![None; total];
        for (key, id) in pairs {
            if let Some(slot) = next.get_mut(key) {
                if let Some(cell) = ids.get_mut(*slot as usize) {
                    *cell = Some(id);
                }
                *slot += 1;
            }
        }
        Rows {
            starts: counts,
            ids: ids.into_iter().flatten().collect(),
        }
    }

    fn row(&self, key: usize) -> &[T] {
        let (Some(start), Some(end)) = (self.starts.get(key), self.starts.get(key + 1)) else {
            return &[];
        };
        self.ids.get(*start as usize..*end as usize).unwrap_or(&[])
    }
}

/// The checker's grouping of a rule set's declarations.
#[derive(Clone, Debug)]
pub(crate) struct Tables {
    delegations: Rows<DelegationId>,
    revocations: Rows<RevocationId>,
    routes: Rows<u32>,
}

impl Tables {
    pub(crate) fn build(decls: &Decls) -> Tables {
        let delegations = decls
            .delegations
            .iter()
            .enumerate()
            .map(|(i, d)| (d.item.index(), DelegationId::from_index(i)));
        let revocations = decls
            .revocations
            .iter()
            .enumerate()
            .map(|(i, r)| (r.item.index(), RevocationId::from_index(i)));
        let routes = decls
            .routes
            .iter()
            .enumerate()
            .map(|(i, r)| (r.unit.index(), u32::try_from(i).unwrap_or(u32::MAX)));
        Tables {
            delegations: Rows::build(decls.items.len(), delegations),
            revocations: Rows::build(decls.items.len(), revocations),
            routes: Rows::build(decls.units.len(), routes),
        }
    }

    /// Every delegation of the item, in declaration order.
    pub(crate) fn delegations_of(&self, item: ItemId) -> &[DelegationId] {
        self.delegations.row(item.index())
    }

    /// Every revocation of the item, in declaration order.
    pub(crate) fn revocations_of(&self, item: ItemId) -> &[RevocationId] {
        self.revocations.row(item.index())
    }

    /// Every route declared by the unit, as indices into `Decls::routes`, in declaration order.
    pub(crate) fn routes_of(&self, unit: UnitId) -> &[u32] {
        self.routes.row(unit.index())
    }
}
