//! The proof builder of the query engine: adds steps (deduplicated by claim), cites
//! declarations, and emits the steps shared by several queries (region, holder, delegation,
//! routing). Rule names are those of `docs/PROOFS.md`.

use super::delegation;
use super::resolve::{self, At, RouteUse};
use super::QueryError;
use crate::ids::{DelegationId, ItemId, PlaceId, RevocationId, UnitId};
use crate::model::item::{Holder, Item};
use crate::model::jurisdiction::PlaceLevel;
use crate::proof::{
    Citation, Claim, DeclRef, Override, Proof, Query, Receipt, Rule, Step, ENGINE_VERSION,
    PROOF_FORMAT,
};
use crate::ruleset::RuleSet;
use crate::span::Span;
use rustc_hash::FxHashMap;
use time::Date;

pub(crate) struct Builder<'a> {
    pub rs: &'a RuleSet,
    steps: Vec<Step>,
    /// Claims to step ids, kept once a proof grows past [`LINEAR_DEDUP`] steps.
    seen: Option<FxHashMap<Claim, u32>>,
}

/// Up to this many steps, a repeated claim is found by a linear search.
const LINEAR_DEDUP: usize = 32;

fn internal(what: &str) -> QueryError {
    QueryError::Internal(what.to_owned())
}

impl<'a> Builder<'a> {
    pub fn new(rs: &'a RuleSet) -> Builder<'a> {
        Builder {
            rs,
            steps: Vec::with_capacity(16),
            seen: None,
        }
    }

    /// Adds a step, or returns the id of the step that already states the claim.
    ///
    /// Most proofs have a handful of steps, where a linear search finds a repeated claim faster
    /// than hashing and cloning every claim into a map (which was half the cost of a
    /// who-handles proof on the benches); long proofs (duty lists) switch to the map.
    pub fn add(
        &mut self,
        claim: Claim,
        rule: Rule,
        premises: Vec<u32>,
        cite: Option<Citation>,
    ) -> u32 {
        let found = match &self.seen {
            Some(seen) => seen.get(&claim).copied(),
            None => self.steps.iter().find(|s| s.claim == claim).map(|s| s.id),
        };
        if let Some(id) = found {
            return id;
        }
        let id = u32::try_from(self.steps.len()).unwrap_or(u32::MAX);
        if self.seen.is_none() && self.steps.len() >= LINEAR_DEDUP {
            self.seen = Some(self.steps.iter().map(|s| (s.claim.clone(), s.id)).collect());
        }
        if let Some(seen) = &mut self.seen {
            seen.insert(claim.clone(), id);
        }
        self.steps.push(Step {
            id,
            claim,
            rule,
            premises,
            cite,
        });
        id
    }

    /// The proof whose last step is `last`: steps it does not rest on are dropped and the rest
    /// renumbered in order (premises always precede their conclusion).
    pub fn finish(self, last: u32, query: Query) -> Proof {
        let mut keep = vec![false; self.steps.len()];
        let mut stack = vec![last];
        while let Some(id) = stack.pop() {
            let Some(flag) = keep.get_mut(id as usize) else {
                continue;
            };
            if *flag {
                continue;
            }
            *flag = true;
            if let Some(step) = self.steps.get(id as usize) {
                stack.extend(step.premises.iter().copied());
            }
        }
        // Usually every step is used: then the steps stay where they are. Otherwise they are
        // compacted in place (moving a step is a large copy; a second vector doubled it).
        let mut steps = self.steps;
        if keep.iter().any(|k| !k) {
            let mut renumber = vec![u32::MAX; steps.len()];
            let mut next = 0u32;
            for (old, kept) in keep.iter().enumerate() {
                if *kept {
                    if let Some(slot) = renumber.get_mut(old) {
                        *slot = next;
                    }
                    next += 1;
                }
            }
            let mut old = 0usize;
            steps.retain(|_| {
                let kept = keep.get(old).copied().unwrap_or(false);
                old += 1;
                kept
            });
            for step in &mut steps {
                step.id = renumber.get(step.id as usize).copied().unwrap_or(u32::MAX);
                for p in &mut step.premises {
                    *p = renumber.get(*p as usize).copied().unwrap_or(u32::MAX);
                }
            }
        }
        let receipt = Receipt {
            format: PROOF_FORMAT,
            engine: ENGINE_VERSION.to_owned(),
            rule_set: self.rs.content_hash().to_owned(),
            query,
        };
        Proof {
            version: PROOF_FORMAT,
            receipt,
            steps,
        }
    }
}

impl Builder<'_> {
    pub fn cite(&self, decl: DeclRef) -> Result<Citation, QueryError> {
        let decls = self.rs.decls();
        let missing = || internal("a cited declaration is missing");
        let (span, basis): (Span, Vec<String>) = match decl {
            DeclRef::Place(p) => (
                decls.places.get(p.index()).ok_or_else(missing)?.span,
                Vec::new(),
            ),
            DeclRef::Unit(u) => (
                decls.units.get(u.index()).ok_or_else(missing)?.span,
                Vec::new(),
            ),
            DeclRef::Item(i) => {
                let item = decls.items.get(i.index()).ok_or_else(missing)?;
                (
                    item.span,
                    item.basis.iter().map(|b| b.text.clone()).collect(),
                )
            }
            DeclRef::Delegation(d) => {
                let d = decls.delegations.get(d.index()).ok_or_else(missing)?;
                (
                    d.span,
                    d.basis.iter().chain(d.instrument.iter()).cloned().collect(),
                )
            }
            DeclRef::Revocation(r) => {
                let r = decls.revocations.get(r.index()).ok_or_else(missing)?;
                (r.span, r.basis.iter().cloned().collect())
            }
            DeclRef::Route(i) => (
                decls.routes.get(i as usize).ok_or_else(missing)?.span,
                Vec::new(),
            ),
            DeclRef::Topic(t) => (
                decls.topics.get(t.index()).ok_or_else(missing)?.span,
                Vec::new(),
            ),
            DeclRef::Scenario(s) => (
                decls.scenarios.get(s.index()).ok_or_else(missing)?.span,
                Vec::new(),
            ),
            DeclRef::Ladder(l) => (
                decls.ladders.get(l.index()).ok_or_else(missing)?.span,
                Vec::new(),
            ),
            DeclRef::Acceptance(i) => (
                decls.acceptances.get(i as usize).ok_or_else(missing)?.span,
                Vec::new(),
            ),
        };
        Ok(Citation { decl, span, basis })
    }

    /// Rule `within`.
    pub fn within(
        &mut self,
        place: PlaceId,
        level: PlaceLevel,
    ) -> Result<(PlaceId, u32), QueryError> {
        let ancestor = self
            .rs
            .ancestor_at(place, level)
            .ok_or_else(|| internal("no ancestor at the level"))?;
        let cite = self.cite(DeclRef::Place(ancestor))?;
        let id = self.add(
            Claim::Within {
                place,
                ancestor,
                level,
            },
            Rule::Within,
            Vec::new(),
            Some(cite),
        );
        Ok((ancestor, id))
    }

    /// Rule `governs`.
    pub fn governs(&mut self, place: PlaceId) -> Result<(UnitId, u32), QueryError> {
        let unit = resolve::governing(self.rs, place)?;
        let cite = self.cite(DeclRef::Place(place))?;
        Ok((
            unit,
            self.add(
                Claim::Governs { unit, place },
                Rule::Governs,
                Vec::new(),
                Some(cite),
            ),
        ))
    }

    /// Rules `holder_unit`, `holder_each_township`, `holder_each_village`.
    pub fn holds(
        &mut self,
        item_id: ItemId,
        item: &Item,
        at: &At<'_>,
    ) -> Result<(UnitId, u32), QueryError> {
        let cite = self.cite(DeclRef::Item(item_id))?;
        let (unit, rule, premises) = match &item.holder {
            Holder::Unit(u) => (*u, Rule::HolderUnit, Vec::new()),
            Holder::EachTownship | Holder::EachVillage => {
                let (level, rule) = if item.holder == Holder::EachTownship {
                    (PlaceLevel::Township, Rule::HolderEachTownship)
                } else {
                    (PlaceLevel::Village, Rule::HolderEachVillage)
                };
                let (place, w) = self.within(at.id, level)?;
                let (unit, g) = self.governs(place)?;
                (unit, rule, vec![w, g])
            }
        };
        Ok((
            unit,
            self.add(
                Claim::Holds {
                    unit,
                    item: item_id,
                    place: at.id,
                },
                rule,
                premises,
                Some(cite),
            ),
        ))
    }

    /// Rule `undelegable`.
    pub fn undelegable(&mut self, item: ItemId) -> Result<u32, QueryError> {
        let cite = self.cite(DeclRef::Item(item))?;
        Ok(self.add(
            Claim::Undelegable { item },
            Rule::Undelegable,
            Vec::new(),
            Some(cite),
        ))
    }

    /// Rule `territorial_item`.
    pub fn territorial(
        &mut self,
        item_id: ItemId,
        item: &Item,
    ) -> Result<(UnitId, u32), QueryError> {
        let t = item
            .territorial
            .as_ref()
            .ok_or_else(|| internal("not a territorial item"))?;
        let cite = self.cite(DeclRef::Item(item_id))?;
        let claim = Claim::TerritorialItem {
            item: item_id,
            primary: t.primary,
            duties: t.township_duties.clone(),
        };
        Ok((
            t.primary,
            self.add(claim, Rule::TerritorialItem, Vec::new(), Some(cite)),
        ))
    }

    /// Rule `delegation_decl`.
    pub fn delegation(&mut self, id: DelegationId) -> Result<u32, QueryError> {
        let d = self
            .rs
            .decls()
            .delegations
            .get(id.index())
            .ok_or_else(|| internal("unknown delegation"))?;
        let claim = Claim::Delegation {
            delegation: id,
            item: d.item,
            from: d.from,
            target: d.target.clone(),
            mode: d.mode,
            since: d.interval.since,
            until: d.interval.until,
        };
        let cite = self.cite(DeclRef::Delegation(id))?;
        Ok(self.add(claim, Rule::DelegationDecl, Vec::new(), Some(cite)))
    }

    /// Rule `revocation_decl`.
    pub fn revocation(&mut self, id: RevocationId) -> Result<u32, QueryError> {
        let r = self
            .rs
            .decls()
            .revocations
            .get(id.index())
            .ok_or_else(|| internal("unknown revocation"))?;
        let claim = Claim::Revocation {
            revocation: id,
            item: r.item,
            target: r.target.clone(),
            since: r.since,
        };
        let cite = self.cite(DeclRef::Revocation(id))?;
        Ok(self.add(claim, Rule::RevocationDecl, Vec::new(), Some(cite)))
    }

    /// Rule `active`.
    pub fn active(
        &mut self,
        delegation: DelegationId,
        township: PlaceId,
        date: Date,
    ) -> Result<u32, QueryError> {
        let d = self.delegation(delegation)?;
        Ok(self.add(
            Claim::Active {
                delegation,
                township,
                date,
            },
            Rule::Active,
            vec![d],
            None,
        ))
    }

    /// Rule `revoked`.
    pub fn revoked(
        &mut self,
        delegation: DelegationId,
        by: RevocationId,
        township: PlaceId,
    ) -> Result<u32, QueryError> {
        let since = self
            .rs
            .decls()
            .revocations
            .get(by.index())
            .ok_or_else(|| internal("unknown revocation"))?
            .since;
        let d = self.delegation(delegation)?;
        let r = self.revocation(by)?;
        Ok(self.add(
            Claim::Revoked {
                delegation,
                township,
                since,
                by,
            },
            Rule::Revoked,
            vec![d, r],
            None,
        ))
    }

    /// Rule `none_active`: every delegation of the item, each with why it fails.
    pub fn none_active(
        &mut self,
        item: ItemId,
        township: PlaceId,
        date: Date,
    ) -> Result<u32, QueryError> {
        let scanned = delegation::scan(self.rs, item, township, date)
            .ok_or_else(|| internal("an active delegation in a negative claim"))?;
        let mut premises = Vec::new();
        for s in &scanned {
            if let crate::answer::Failure::Revoked { by, .. } = s.failure {
                premises.push(self.revoked(s.delegation, by, township)?);
            }
        }
        let claim = Claim::NoActiveDelegation {
            item,
            township,
            date,
            scanned,
        };
        Ok(self.add(claim, Rule::NoneActive, premises, None))
    }

    /// Rules `applicable` and `overridden_specificity`.
    pub fn delegated(
        &mut self,
        item: ItemId,
        township: PlaceId,
        date: Date,
        chosen: DelegationId,
    ) -> Result<u32, QueryError> {
        let a = self.active(chosen, township, date)?;
        let mut premises = vec![a];
        for (other, _) in delegation::active(self.rs, item, township, date) {
            if other == chosen {
                continue;
            }
            let o = self.active(other, township, date)?;
            let claim = Claim::OverriddenBy {
                delegation: other,
                by: chosen,
                township,
                date,
                reason: Override::Specificity,
            };
            premises.push(self.add(claim, Rule::OverriddenSpecificity, vec![o, a], None));
        }
        let claim = Claim::Delegated {
            item,
            township,
            date,
            delegation: chosen,
        };
        Ok(self.add(claim, Rule::Applicable, premises, None))
    }

    /// Rule `conflict`.
    pub fn conflict(
        &mut self,
        item: ItemId,
        township: PlaceId,
        date: Date,
        delegations: &[DelegationId],
    ) -> Result<u32, QueryError> {
        let mut premises = Vec::new();
        for d in delegations {
            premises.push(self.active(*d, township, date)?);
        }
        let claim = Claim::Conflict {
            item,
            township,
            date,
            delegations: delegations.to_vec(),
        };
        Ok(self.add(claim, Rule::Conflict, premises, None))
    }

    /// Rules `route_power_type`, `route_list`, `route_none`.
    pub fn executes(
        &mut self,
        unit: UnitId,
        item_id: ItemId,
        item: &Item,
    ) -> Result<(UnitId, u32), QueryError> {
        let (office, used) = resolve::route(self.rs, unit, item);
        let (rule, cite) = match used {
            RouteUse::PowerType(i) => (Rule::RoutePowerType, self.cite(DeclRef::Route(i))?),
            RouteUse::List(i) => (Rule::RouteList, self.cite(DeclRef::Route(i))?),
            RouteUse::None => (Rule::RouteNone, self.cite(DeclRef::Unit(unit))?),
        };
        let claim = Claim::Executes {
            unit,
            item: item_id,
            office,
        };
        Ok((office, self.add(claim, rule, Vec::new(), Some(cite))))
    }
}

impl Builder<'_> {
    /// A step already built.
    pub fn step(&self, id: u32) -> Option<&Step> {
        self.steps.get(id as usize)
    }
}
