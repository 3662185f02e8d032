//! Builds rule sets in code for the tests: places, units, items, delegations, with a distinct
//! span per declaration so that span tampering is visible to the checker.
#![allow(
    dead_code,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use quanze_core::checker;
use quanze_core::proof::{Concludes, Proof};
use quanze_core::*;

pub fn d(s: &str) -> Date {
    let f = time::macros::format_description!("[year]-[month]-[day]");
    Date::parse(s, &f).unwrap()
}

#[derive(Default)]
pub struct B {
    pub decls: Decls,
    next_span: usize,
}

impl B {
    pub fn span(&mut self) -> Span {
        self.next_span += 10;
        Span::new(SourceId(0), self.next_span, self.next_span + 5)
    }

    pub fn place(&mut self, name: &str, level: PlaceLevel, parent: Option<PlaceId>) -> PlaceId {
        let path = match parent {
            Some(p) => format!("{}/{}", self.decls.places[p.index()].path, name),
            None => name.to_owned(),
        };
        let span = self.span();
        self.decls.places.push(Place {
            name: name.into(),
            path,
            level,
            parent,
            class: None,
            kind: PlaceKind::from_name(level, name),
            tags: vec![],
            unit: None,
            span,
        });
        PlaceId::from_index(self.decls.places.len() - 1)
    }

    pub fn unit(
        &mut self,
        name: &str,
        kind: UnitKind,
        seat: PlaceId,
        parent: Option<UnitId>,
    ) -> UnitId {
        let path = format!("{}/{}", self.decls.places[seat.index()].path, name);
        let span = self.span();
        self.decls.units.push(Unit {
            name: name.into(),
            path,
            kind,
            seat,
            parent,
            region: Some(seat),
            span,
        });
        UnitId::from_index(self.decls.units.len() - 1)
    }

    /// A place with its governing unit.
    pub fn governed(
        &mut self,
        name: &str,
        level: PlaceLevel,
        parent: PlaceId,
        kind: UnitKind,
    ) -> (PlaceId, UnitId) {
        let p = self.place(name, level, Some(parent));
        let u = self.unit(name, kind, p, None);
        self.decls.places[p.index()].unit = Some(u);
        (p, u)
    }

    pub fn township(
        &mut self,
        name: &str,
        county: PlaceId,
        class: TownshipClass,
    ) -> (PlaceId, UnitId) {
        let (p, u) = self.governed(
            name,
            PlaceLevel::Township,
            county,
            UnitKind::TownshipGovernment,
        );
        self.decls.places[p.index()].class = Some(class);
        (p, u)
    }

    pub fn item(
        &mut self,
        code: &str,
        list: ListKind,
        power_type: Option<PowerType>,
        holder: Holder,
    ) -> ItemId {
        let span = self.span();
        self.decls.items.push(Item {
            code: code.into(),
            name: format!("事项{code}"),
            list,
            power_type,
            holder,
            holder_kinds: Default::default(),
            region: None,
            basis: vec![Basis::parse(&format!(
                "《条例》第{}条",
                self.decls.items.len() + 1
            ))]
            .into(),
            non_delegable: false,
            parts: Box::default(),
            territorial: None,
            span,
        });
        ItemId::from_index(self.decls.items.len() - 1)
    }

    pub fn territorial(&mut self, code: &str, primary: UnitId, duties: &[&str]) -> ItemId {
        let i = self.item(code, ListKind::Territorial, None, Holder::Unit(primary));
        self.decls.items[i.index()].territorial = Some(Box::new(Territorial {
            primary,
            township_duties: duties.iter().map(|s| s.to_string()).collect(),
            primary_span: Span::DETACHED,
            duty_spans: Vec::new(),
        }));
        i
    }

    pub fn delegate(
        &mut self,
        item: ItemId,
        target: Target,
        mode: Mode,
        since: &str,
        until: Option<&str>,
    ) -> DelegationId {
        let from = match self.decls.items[item.index()].holder {
            Holder::Unit(u) => u,
            _ => UnitId(0),
        };
        let span = self.span();
        self.decls.delegations.push(Delegation {
            item,
            from,
            target,
            mode,
            interval: Interval {
                since: d(since),
                until: until.map(d),
            },
            basis: Some("浙政发〔2022〕1号".into()),
            instrument: (mode == Mode::Entrust).then(|| "委托书".to_owned()),
            reserve: vec![],
            span,
        });
        DelegationId::from_index(self.decls.delegations.len() - 1)
    }

    pub fn revoke(&mut self, item: ItemId, target: Target, since: &str) -> RevocationId {
        let span = self.span();
        self.decls.revocations.push(Revocation {
            item,
            target,
            since: d(since),
            basis: Some("收回决定".into()),
            span,
        });
        RevocationId::from_index(self.decls.revocations.len() - 1)
    }

    pub fn route(&mut self, unit: UnitId, key: RouteKey, to: UnitId) {
        let span = self.span();
        self.decls.routes.push(Route {
            unit,
            key,
            to,
            span,
        });
    }

    pub fn build(self) -> RuleSet {
        RuleSet::new(SourceMap::default(), self.decls).unwrap()
    }
}

/// Panics unless the proof verifies.
pub fn verified<A: Concludes + std::fmt::Debug>(rs: &RuleSet, answer: &A, proof: &Proof) {
    if let Err(e) = checker::check(rs, answer, proof) {
        panic!(
            "proof of {answer:?} refused: {e}\n{}",
            serde_json::to_string_pretty(proof).unwrap()
        );
    }
}

/// The example county used by the semantic tests.
pub struct World {
    pub b: B,
    pub city: PlaceId,
    pub county: PlaceId,
    pub county_gov: UnitId,
    pub yj: PlaceId,
    pub yj_gov: UnitId,
    pub cc: PlaceId,
    pub cc_gov: UnitId,
    pub village: PlaceId,
    pub village_unit: UnitId,
    pub grid: PlaceId,
    pub grid_unit: UnitId,
    pub zf: UnitId,
    pub zj: UnitId,
    pub team: UnitId,
    pub other_county: PlaceId,
    pub other_town: PlaceId,
    pub other_dept: UnitId,
}

pub fn world() -> World {
    let mut b = B::default();
    let city = b.place("宁波市", PlaceLevel::City, None);
    let (county, county_gov) =
        b.governed("江北区", PlaceLevel::County, city, UnitKind::CountyCentre);
    let (yj, yj_gov) = b.township("甬江街道", county, TownshipClass::ExtraLarge);
    let (cc, cc_gov) = b.township("慈城镇", county, TownshipClass::General);
    let (village, village_unit) = b.governed(
        "半浦村",
        PlaceLevel::Village,
        cc,
        UnitKind::VillageCommittee,
    );
    let (grid, grid_unit) = b.governed("半浦一格", PlaceLevel::Grid, village, UnitKind::GridPost);
    let zf = b.unit("综合行政执法局", UnitKind::Department, county, None);
    let zj = b.unit("住房和城乡建设局", UnitKind::Department, county, None);
    let team = b.unit(
        "甬江街道综合行政执法队",
        UnitKind::EnforcementTeam,
        yj,
        Some(yj_gov),
    );
    let other_county = b.place("鄞州区", PlaceLevel::County, Some(city));
    let (other_town, _) = b.township("姜山镇", other_county, TownshipClass::General);
    let other_dept = b.unit("住房和城乡建设局", UnitKind::Department, other_county, None);
    World {
        b,
        city,
        county,
        county_gov,
        yj,
        yj_gov,
        cc,
        cc_gov,
        village,
        village_unit,
        grid,
        grid_unit,
        zf,
        zj,
        team,
        other_county,
        other_town,
        other_dept,
    }
}
