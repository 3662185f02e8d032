//! `responsibility_table`: who handles each item at each township where the item applies, built
//! as dictionary-coded columns.
//!
//! Only the pairs where an item applies are asked: an item held by a unit at the townships inside
//! the unit's seat, an item held by each township (or village) at the townships of its region
//! (every township when it has none). Pairs the engine still refuses (a township of the wrong
//! kind, one without a government) are left out; they are not responsibilities.

use crate::batch::{to_lists, Coded};
use pyo3::prelude::*;
use quanze_core::query::{self, Handling, WhoAnswer};
use quanze_core::{
    view, Date, Holder, Item, ItemId, ListKind, PlaceId, PlaceLevel, RuleSet, UnitId,
};
use rustc_hash::{FxHashMap, FxHashSet};

/// The row filters: county and list names, as given.
pub struct Filters {
    pub counties: Option<Vec<String>>,
    pub lists: Option<Vec<String>>,
}

/// One column under construction: each distinct string is stored once.
struct Column {
    name: &'static str,
    codes: Vec<i32>,
    dictionary: Vec<String>,
    index: FxHashMap<String, i32>,
}

impl Column {
    fn new(name: &'static str) -> Column {
        Column {
            name,
            codes: Vec::new(),
            dictionary: Vec::new(),
            index: FxHashMap::default(),
        }
    }

    fn push(&mut self, value: Option<&str>) {
        let code = match value {
            None => -1,
            Some(text) => match self.index.get(text) {
                Some(c) => *c,
                None => {
                    let c = i32::try_from(self.dictionary.len()).unwrap_or(-1);
                    self.dictionary.push(text.to_owned());
                    self.index.insert(text.to_owned(), c);
                    c
                }
            },
        };
        self.codes.push(code);
    }

    fn done(self) -> Coded {
        Coded {
            name: self.name,
            codes: self.codes,
            dictionary: self.dictionary.into(),
            strings: None,
        }
    }
}

const COLUMNS: [&str; 17] = [
    "item",
    "item_name",
    "list",
    "county",
    "township",
    "status",
    "handler",
    "legal_subject",
    "executor",
    "mode",
    "delegation",
    "delegated_by",
    "decision",
    "instrument",
    "basis",
    "cooperating",
    "cooperation_duties",
];

/// The townships, each listed under itself and every ancestor, so that the townships inside
/// a region are one lookup.
fn townships_by_region(rs: &RuleSet, counties: Option<&FxHashSet<PlaceId>>) -> Regions {
    let mut all = Vec::new();
    let mut within: FxHashMap<PlaceId, Vec<PlaceId>> = FxHashMap::default();
    for p in (0..rs.decls().places.len()).map(PlaceId::from_index) {
        if rs
            .place(p)
            .is_none_or(|pl| pl.level != PlaceLevel::Township)
        {
            continue;
        }
        if let Some(wanted) = counties {
            let county = rs.ancestor_at(p, PlaceLevel::County);
            if !county.is_some_and(|c| wanted.contains(&c)) {
                continue;
            }
        }
        all.push(p);
        for a in rs.ancestors(p) {
            within.entry(a).or_default().push(p);
        }
    }
    Regions { all, within }
}

struct Regions {
    all: Vec<PlaceId>,
    within: FxHashMap<PlaceId, Vec<PlaceId>>,
}

impl Regions {
    /// The townships where `item` applies (before the engine's own checks).
    fn of(&self, rs: &RuleSet, item: ItemId) -> &[PlaceId] {
        let Some(it) = rs.item(item) else {
            return &[];
        };
        let scope = match &it.holder {
            Holder::Unit(u) => rs.unit(*u).map(|u| u.seat),
            Holder::EachTownship | Holder::EachVillage => it.region,
        };
        match scope {
            None => &self.all,
            Some(region) => self.within.get(&region).map_or(&[], Vec::as_slice),
        }
    }
}

/// Resolves the county filter to places; an unknown name is an error (a typo would otherwise
/// give an empty table).
fn county_ids(py: Python<'_>, rs: &RuleSet, names: &[String]) -> PyResult<FxHashSet<PlaceId>> {
    names
        .iter()
        .map(|n| rs.lookup_place(n).map_err(|e| crate::errors::lookup(py, e)))
        .collect()
}

pub fn responsibility_table<'py>(
    py: Python<'py>,
    rs: &RuleSet,
    date: Date,
    filters: &Filters,
) -> PyResult<Bound<'py, PyAny>> {
    let counties = filters
        .counties
        .as_deref()
        .map(|names| county_ids(py, rs, names))
        .transpose()?;
    let lists: Option<FxHashSet<ListKind>> = match &filters.lists {
        None => None,
        Some(names) => Some(
            names
                .iter()
                .map(|n| {
                    ListKind::from_name(n).ok_or_else(|| {
                        pyo3::exceptions::PyValueError::new_err(format!(
                            "unknown list `{n}`; the lists are {}",
                            ListKind::ALL
                                .iter()
                                .map(|k| k.english())
                                .collect::<Vec<_>>()
                                .join(", ")
                        ))
                    })
                })
                .collect::<PyResult<_>>()?,
        ),
    };
    let columns = py.allow_threads(|| build(rs, date, counties.as_ref(), lists.as_ref()));
    let dict = to_lists(py, &columns)?;
    py.import("quanze._table")?
        .getattr("Table")?
        .getattr("from_columns")?
        .call1((dict,))
}

fn build(
    rs: &RuleSet,
    date: Date,
    counties: Option<&FxHashSet<PlaceId>>,
    lists: Option<&FxHashSet<ListKind>>,
) -> Vec<Coded> {
    let regions = townships_by_region(rs, counties);
    let mut cols: Vec<Column> = COLUMNS.iter().map(|n| Column::new(n)).collect();
    let unit = |u: UnitId| rs.unit(u).map(|u| u.path.as_str());
    for item in (0..rs.decls().items.len()).map(ItemId::from_index) {
        let Some(it) = rs.item(item) else { continue };
        if lists.is_some_and(|l| !l.contains(&it.list)) {
            continue;
        }
        let basis = it
            .basis
            .iter()
            .map(|b| b.text.as_str())
            .collect::<Vec<_>>()
            .join("；");
        for place in regions.of(rs, item) {
            let (status, handling) = match query::who_handles(rs, item, *place, date) {
                Ok(WhoAnswer::Handled(h)) => ("handled", Some(h)),
                Ok(WhoAnswer::Conflict { .. }) => ("conflict", None),
                Err(_) => continue,
            };
            let county = rs
                .ancestor_at(*place, PlaceLevel::County)
                .and_then(|c| rs.place(c))
                .map(|c| c.path.as_str());
            let township = rs.place(*place).map(|p| p.path.as_str());
            let values = row(
                rs,
                it,
                county,
                township,
                status,
                handling.as_ref(),
                &basis,
                unit,
            );
            for (col, value) in cols.iter_mut().zip(values) {
                col.push(value.as_deref());
            }
        }
    }
    cols.into_iter().map(Column::done).collect()
}

/// One row's values, in the order of [`COLUMNS`].
#[expect(
    clippy::too_many_arguments,
    reason = "one row's parts, each computed once per item or per pair"
)]
fn row<'a>(
    rs: &'a RuleSet,
    it: &'a Item,
    county: Option<&str>,
    township: Option<&str>,
    status: &str,
    handling: Option<&Handling>,
    basis: &str,
    unit: impl Fn(UnitId) -> Option<&'a str>,
) -> [Option<String>; 17] {
    let own = |s: Option<&str>| s.map(str::to_owned);
    let delegation = handling
        .and_then(|h| h.delegation)
        .and_then(|d| rs.decls().delegations.get(d.index()).map(|del| (d, del)));
    let cooperating = handling.filter(|h| !h.cooperating.is_empty());
    [
        Some(it.code.clone()),
        Some(it.name.clone()),
        Some(it.list.english().to_owned()),
        own(county),
        own(township),
        Some(status.to_owned()),
        handling.and_then(|h| own(unit(h.handler))),
        handling.and_then(|h| own(unit(h.legal_subject))),
        handling.and_then(|h| own(unit(h.executor))),
        handling.map(|h| view::mode_name(h.mode).to_owned()),
        delegation.map(|(d, _)| format!("D{}", d.index())),
        delegation.and_then(|(_, del)| own(unit(del.from))),
        delegation.and_then(|(_, del)| del.basis.clone()),
        delegation.and_then(|(_, del)| del.instrument.clone()),
        (!basis.is_empty()).then(|| basis.to_owned()),
        cooperating.map(|h| {
            h.cooperating
                .iter()
                .filter_map(|c| unit(c.unit))
                .collect::<Vec<_>>()
                .join("、")
        }),
        cooperating.map(|h| {
            h.cooperating
                .iter()
                .flat_map(|c| c.duties.iter().map(String::as_str))
                .collect::<Vec<_>>()
                .join("、")
        }),
    ]
}
