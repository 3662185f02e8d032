//! Checks of the leaf rules and of the delegation rules: `within`, `governs`, the holder rules,
//! `undelegable`, `territorial_item`, `delegation_decl`, `revocation_decl`, `active`, `revoked`,
//! `none_active`, `overridden_specificity`, `applicable`, `conflict`, `reserve` and the route
//! rules.

use super::decls;
use super::{ensure, Checker, Verdict};
use crate::answer::Failure;
use crate::model::item::Holder;
use crate::model::jurisdiction::PlaceLevel;
use crate::proof::{Claim, DeclRef, Override, Rule, Step};

impl Checker<'_> {
    pub(super) fn delegation_rule(&self, step: &Step) -> Verdict {
        let d = self.rs.decls();
        match (&step.rule, &step.claim) {
            // within: ancestor is the place's ancestor-or-self at the level.
            (
                Rule::Within,
                Claim::Within {
                    place,
                    ancestor,
                    level,
                },
            ) => {
                self.premise_count(step, 0)?;
                ensure(
                    decls::ancestor_at(d, *place, *level) == Some(*ancestor),
                    "the place does not lie within the ancestor at that level",
                )?;
                self.cites(step, DeclRef::Place(*ancestor))
            }
            // governs: the place declares the unit as its governing unit.
            (Rule::Governs, Claim::Governs { unit, place }) => {
                self.premise_count(step, 0)?;
                ensure(
                    decls::governing(d, *place) == Some(*unit),
                    "the unit does not govern the place",
                )?;
                self.cites(step, DeclRef::Place(*place))
            }
            // holder_unit / holder_each_township / holder_each_village
            (
                Rule::HolderUnit | Rule::HolderEachTownship | Rule::HolderEachVillage,
                Claim::Holds { unit, item, place },
            ) => {
                let decl = d.items.get(item.index()).ok_or("unknown item")?;
                ensure(
                    decls::in_scope(d, decl, *place),
                    "the item does not apply at the place",
                )?;
                match (step.rule, &decl.holder) {
                    (Rule::HolderUnit, Holder::Unit(u)) => {
                        self.premise_count(step, 0)?;
                        ensure(u == unit, "the item is held by another unit")?;
                    }
                    (Rule::HolderEachTownship, Holder::EachTownship)
                    | (Rule::HolderEachVillage, Holder::EachVillage) => {
                        let level = if step.rule == Rule::HolderEachTownship {
                            PlaceLevel::Township
                        } else {
                            PlaceLevel::Village
                        };
                        self.premise_count(step, 2)?;
                        let Claim::Within {
                            place: p,
                            ancestor,
                            level: l,
                        } = self.premise_claim(step, 0)?
                        else {
                            return Err("premise 0 is not a within claim".to_owned());
                        };
                        ensure(
                            p == place && *l == level,
                            "premise 0 is about another place or level",
                        )?;
                        let Claim::Governs { unit: u, place: g } = self.premise_claim(step, 1)?
                        else {
                            return Err("premise 1 is not a governs claim".to_owned());
                        };
                        ensure(
                            g == ancestor && u == unit,
                            "premise 1 is about another unit or place",
                        )?;
                    }
                    _ => return Err("the item's holder is not of this kind".to_owned()),
                }
                self.cites(step, DeclRef::Item(*item))
            }
            // undelegable: the item is on the territorial list or flagged non-delegable.
            (Rule::Undelegable, Claim::Undelegable { item }) => {
                self.premise_count(step, 0)?;
                let decl = d.items.get(item.index()).ok_or("unknown item")?;
                ensure(decls::undelegable(d, decl), "the item can be delegated")?;
                self.cites(step, DeclRef::Item(*item))
            }
            // territorial_item: the item's territorial clause, on an undelegable item.
            (
                Rule::TerritorialItem,
                Claim::TerritorialItem {
                    item,
                    primary,
                    duties,
                },
            ) => {
                self.premise_count(step, 0)?;
                let decl = d.items.get(item.index()).ok_or("unknown item")?;
                let t = decl
                    .territorial
                    .as_ref()
                    .ok_or("the item has no territorial clause")?;
                ensure(decls::undelegable(d, decl), "the item can be delegated")?;
                ensure(
                    t.primary == *primary && t.township_duties == *duties,
                    "the territorial clause differs",
                )?;
                self.cites(step, DeclRef::Item(*item))
            }
            // delegation_decl: every field as declared.
            (
                Rule::DelegationDecl,
                Claim::Delegation {
                    delegation,
                    item,
                    from,
                    target,
                    mode,
                    since,
                    until,
                },
            ) => {
                self.premise_count(step, 0)?;
                let decl = d
                    .delegations
                    .get(delegation.index())
                    .ok_or("unknown delegation")?;
                let same = decl.item == *item
                    && decl.from == *from
                    && decl.target == *target
                    && decl.mode == *mode
                    && decl.interval.since == *since
                    && decl.interval.until == *until;
                ensure(same, "the delegation is not declared so")?;
                self.cites(step, DeclRef::Delegation(*delegation))
            }
            // revocation_decl: every field as declared.
            (
                Rule::RevocationDecl,
                Claim::Revocation {
                    revocation,
                    item,
                    target,
                    since,
                },
            ) => {
                self.premise_count(step, 0)?;
                let decl = d
                    .revocations
                    .get(revocation.index())
                    .ok_or("unknown revocation")?;
                ensure(
                    decl.item == *item && decl.target == *target && decl.since == *since,
                    "the revocation is not declared so",
                )?;
                self.cites(step, DeclRef::Revocation(*revocation))
            }
            // active: reaches the township, in force on the date, not revoked; the item delegable.
            (
                Rule::Active,
                Claim::Active {
                    delegation,
                    township,
                    date,
                },
            ) => {
                self.premise_count(step, 1)?;
                self.no_cite(step)?;
                self.delegation_premise(step, 0, *delegation)?;
                let decl = d
                    .delegations
                    .get(delegation.index())
                    .ok_or("unknown delegation")?;
                let item = d.items.get(decl.item.index()).ok_or("unknown item")?;
                ensure(!decls::undelegable(d, item), "the item cannot be delegated")?;
                match decls::failure(d, self.rs.checker_tables(), decl, *township, *date) {
                    None => Ok(()),
                    Some(f) => Err(format!("the delegation is not active: {f}")),
                }
            }
            // revoked: the revocation covers the township and starts after the delegation.
            (
                Rule::Revoked,
                Claim::Revoked {
                    delegation,
                    township,
                    since,
                    by,
                },
            ) => {
                self.premise_count(step, 2)?;
                self.no_cite(step)?;
                self.delegation_premise(step, 0, *delegation)?;
                let Claim::Revocation { revocation, .. } = self.premise_claim(step, 1)? else {
                    return Err("premise 1 is not a revocation".to_owned());
                };
                ensure(revocation == by, "premise 1 is another revocation")?;
                let del = d
                    .delegations
                    .get(delegation.index())
                    .ok_or("unknown delegation")?;
                let rev = d.revocations.get(by.index()).ok_or("unknown revocation")?;
                let applies = rev.item == del.item
                    && decls::covers(d, &del.target, *township)
                    && decls::covers(d, &rev.target, *township)
                    && del.interval.since < rev.since
                    && rev.since == *since;
                ensure(
                    applies,
                    "the revocation does not end this delegation at the township",
                )
            }
            // none_active: exhaustive scan of the item's delegations, each failing as stated.
            (
                Rule::NoneActive,
                Claim::NoActiveDelegation {
                    item,
                    township,
                    date,
                    scanned,
                },
            ) => {
                self.no_cite(step)?;
                let expected = decls::scan(d, self.rs.checker_tables(), *item, *township, *date)
                    .ok_or("a delegation of the item is active")?;
                ensure(
                    expected == *scanned,
                    "the scanned candidates or their reasons differ from the declarations",
                )?;
                let revoked: Vec<_> = scanned
                    .iter()
                    .filter_map(|s| match s.failure {
                        Failure::Revoked { by, since } => Some((s.delegation, by, since)),
                        _ => None,
                    })
                    .collect();
                self.premise_count(step, revoked.len())?;
                for (k, (delegation, by, since)) in revoked.into_iter().enumerate() {
                    let want = Claim::Revoked {
                        delegation,
                        township: *township,
                        since,
                        by,
                    };
                    ensure(
                        *self.premise_claim(step, k)? == want,
                        "a revoked candidate lacks its revoked step",
                    )?;
                }
                Ok(())
            }
            // overridden_specificity: both active, the overriding one strictly more specific.
            (
                Rule::OverriddenSpecificity,
                Claim::OverriddenBy {
                    delegation,
                    by,
                    township,
                    date,
                    reason,
                },
            ) => {
                self.premise_count(step, 2)?;
                self.no_cite(step)?;
                ensure(*reason == Override::Specificity, "unknown override")?;
                self.active_premise(step, 0, *delegation, *township, *date)?;
                self.active_premise(step, 1, *by, *township, *date)?;
                let spec = |id: crate::DelegationId| {
                    d.delegations
                        .get(id.index())
                        .map(|x| x.target.specificity())
                };
                ensure(
                    spec(*by) > spec(*delegation),
                    "the overriding delegation is not more specific",
                )
            }
            // applicable: active, and every other active delegation overridden by it.
            (
                Rule::Applicable,
                Claim::Delegated {
                    item,
                    township,
                    date,
                    delegation,
                },
            ) => {
                self.no_cite(step)?;
                self.active_premise(step, 0, *delegation, *township, *date)?;
                let others: Vec<_> =
                    decls::active(d, self.rs.checker_tables(), *item, *township, *date)
                        .into_iter()
                        .map(|(id, _)| id)
                        .filter(|id| id != delegation)
                        .collect();
                ensure(
                    d.delegations
                        .get(delegation.index())
                        .is_some_and(|x| x.item == *item),
                    "the delegation is of another item",
                )?;
                self.premise_count(step, others.len() + 1)?;
                for (k, other) in others.into_iter().enumerate() {
                    let want = Claim::OverriddenBy {
                        delegation: other,
                        by: *delegation,
                        township: *township,
                        date: *date,
                        reason: Override::Specificity,
                    };
                    ensure(
                        *self.premise_claim(step, k + 1)? == want,
                        "an active delegation is not shown overridden",
                    )?;
                }
                Ok(())
            }
            // conflict: the active delegations of highest specificity, two or more.
            (
                Rule::Conflict,
                Claim::Conflict {
                    item,
                    township,
                    date,
                    delegations,
                },
            ) => {
                self.no_cite(step)?;
                let active = decls::active(d, self.rs.checker_tables(), *item, *township, *date);
                let top = active.iter().map(|(_, s)| *s).max();
                let expected: Vec<_> = active
                    .iter()
                    .filter(|(_, s)| Some(*s) == top)
                    .map(|(id, _)| *id)
                    .collect();
                ensure(
                    expected.len() >= 2 && expected == *delegations,
                    "these delegations are not the conflicting ones",
                )?;
                self.premise_count(step, delegations.len())?;
                for (k, id) in delegations.iter().enumerate() {
                    self.active_premise(step, k, *id, *township, *date)?;
                }
                Ok(())
            }
            // reserve: the delegation's reserve clause names the part.
            (Rule::Reserve, Claim::Reserved { delegation, part }) => {
                self.premise_count(step, 1)?;
                self.delegation_premise(step, 0, *delegation)?;
                let decl = d
                    .delegations
                    .get(delegation.index())
                    .ok_or("unknown delegation")?;
                ensure(
                    decl.reserve.contains(part),
                    "the delegation does not reserve the part",
                )?;
                self.cites(step, DeclRef::Delegation(*delegation))
            }
            // route_power_type / route_list / route_none
            (
                Rule::RoutePowerType | Rule::RouteList | Rule::RouteNone,
                Claim::Executes { unit, item, office },
            ) => {
                self.premise_count(step, 0)?;
                let decl = d.items.get(item.index()).ok_or("unknown item")?;
                let (to, rule, used) = decls::route(d, self.rs.checker_tables(), *unit, decl);
                ensure(
                    to == *office && rule == step.rule,
                    "the unit's routes send the item elsewhere",
                )?;
                match used {
                    Some(i) => self.cites(step, DeclRef::Route(i)),
                    None => self.cites(step, DeclRef::Unit(*unit)),
                }
            }
            _ => Err("the rule does not derive this kind of claim".to_owned()),
        }
    }

    /// Premise `k` states the declaration of `delegation`.
    pub(super) fn delegation_premise(
        &self,
        step: &Step,
        k: usize,
        delegation: crate::DelegationId,
    ) -> Verdict {
        match self.premise_claim(step, k)? {
            Claim::Delegation { delegation: id, .. } if *id == delegation => Ok(()),
            _ => Err(format!(
                "premise {k} is not the declaration of the delegation"
            )),
        }
    }

    /// Premise `k` states that `delegation` is active at the township on the date.
    pub(super) fn active_premise(
        &self,
        step: &Step,
        k: usize,
        delegation: crate::DelegationId,
        township: crate::PlaceId,
        date: time::Date,
    ) -> Verdict {
        let want = Claim::Active {
            delegation,
            township,
            date,
        };
        ensure(
            *self.premise_claim(step, k)? == want,
            &format!("premise {k} is not the delegation's active claim"),
        )
    }
}
