//! The responsibility graph for `networkx`: typed nodes (place, unit, item, topic, scenario)
//! and typed edges (within, seated_at, part_of, holds, primary, delegated_to, revoked_from,
//! routes_to, accepts_for, belongs_to, overrides, lead, assist, and with a date `handles`).
//!
//! Node keys are `kind:name` strings (`unit:宁波市/江北区/综合行政执法局`), so keys never
//! collide across kinds and read well in plots. Nodes and edges come in declaration order.

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};
use quanze_core::model::scenario::Role;
use quanze_core::query::{self, WhoAnswer};
use quanze_core::{
    view, Date, Holder, ItemId, ItemSelector, PlaceId, PlaceLevel, RouteKey, RuleSet, Target,
    UnitId,
};

struct Graph<'py> {
    py: Python<'py>,
    nodes: Bound<'py, PyList>,
    edges: Bound<'py, PyList>,
}

type Attrs<'a> = &'a [(&'a str, Option<String>)];

impl<'py> Graph<'py> {
    fn attrs(&self, kind: &str, attrs: Attrs<'_>) -> PyResult<Bound<'py, PyDict>> {
        let dict = PyDict::new(self.py);
        dict.set_item("kind", kind)?;
        for (k, v) in attrs {
            if let Some(v) = v {
                dict.set_item(*k, v)?;
            }
        }
        Ok(dict)
    }

    fn node(&self, key: String, kind: &str, attrs: Attrs<'_>) -> PyResult<()> {
        self.nodes.append((key, self.attrs(kind, attrs)?))
    }

    fn edge(&self, from: String, to: String, kind: &str, attrs: Attrs<'_>) -> PyResult<()> {
        self.edges.append((from, to, self.attrs(kind, attrs)?))
    }
}

fn place(rs: &RuleSet, id: PlaceId) -> String {
    format!("place:{}", rs.place(id).map_or("?", |p| p.path.as_str()))
}

fn unit(rs: &RuleSet, id: UnitId) -> String {
    format!("unit:{}", rs.unit(id).map_or("?", |u| u.path.as_str()))
}

fn item(rs: &RuleSet, id: ItemId) -> String {
    format!("item:{}", rs.item(id).map_or("?", |i| i.code.as_str()))
}

fn s(text: impl Into<String>) -> Option<String> {
    Some(text.into())
}

/// A route's key by its documented English name, as the `list` and `power_type` attributes.
fn route_key(key: &RouteKey) -> &'static str {
    match key {
        RouteKey::PowerType(p) => p.english(),
        RouteKey::List(l) => l.english(),
    }
}

/// The target of a delegation or revocation: the edge's end and its description.
fn target(rs: &RuleSet, t: &Target) -> (String, Option<String>) {
    match t {
        Target::Township(p) => (place(rs, *p), s("township")),
        Target::Class { county, class } => {
            (place(rs, *county), s(format!("class {}", class.english())))
        }
        Target::County(p) => (place(rs, *p), s("county")),
        Target::Group {
            region,
            class,
            kinds,
        } => {
            let class = class
                .map(|c| format!("class {} ", c.english()))
                .unwrap_or_default();
            let kinds = kinds.chinese().unwrap_or_else(|| "townships".to_owned());
            (place(rs, *region), s(format!("{class}{kinds}")))
        }
    }
}

pub fn to_networkx<'py>(
    py: Python<'py>,
    rs: &RuleSet,
    date: Option<Date>,
) -> PyResult<Bound<'py, PyAny>> {
    let g = Graph {
        py,
        nodes: PyList::empty(py),
        edges: PyList::empty(py),
    };
    let d = rs.decls();
    for (i, p) in d.places.iter().enumerate() {
        let key = place(rs, PlaceId::from_index(i));
        g.node(
            key.clone(),
            "place",
            &[
                ("name", s(&p.name)),
                ("level", s(p.level.english())),
                ("class", p.class.map(|c| c.english().to_owned())),
                ("tags", (!p.tags.is_empty()).then(|| p.tags.join(","))),
            ],
        )?;
        if let Some(parent) = p.parent {
            g.edge(key, place(rs, parent), "within", &[])?;
        }
    }
    for (i, u) in d.units.iter().enumerate() {
        let key = unit(rs, UnitId::from_index(i));
        g.node(
            key.clone(),
            "unit",
            &[("name", s(&u.name)), ("unit_kind", s(u.kind.english()))],
        )?;
        g.edge(key.clone(), place(rs, u.seat), "seated_at", &[])?;
        if let Some(parent) = u.parent {
            g.edge(key, unit(rs, parent), "part_of", &[])?;
        }
    }
    for r in &d.routes {
        g.edge(
            unit(rs, r.unit),
            unit(rs, r.to),
            "routes_to",
            &[("key", s(route_key(&r.key)))],
        )?;
    }
    for (i, it) in d.items.iter().enumerate() {
        let key = item(rs, ItemId::from_index(i));
        let holder = match it.holder {
            Holder::Unit(_) => None,
            Holder::EachTownship => s("each township"),
            Holder::EachVillage => s("each village"),
        };
        g.node(
            key.clone(),
            "item",
            &[
                ("name", s(&it.name)),
                ("list", s(it.list.english())),
                ("power_type", it.power_type.map(|p| p.english().to_owned())),
                ("holder", holder),
                ("non_delegable", it.non_delegable.then(|| "true".to_owned())),
            ],
        )?;
        if let Holder::Unit(u) = it.holder {
            g.edge(unit(rs, u), key.clone(), "holds", &[])?;
        }
        if let Some(t) = &it.territorial {
            g.edge(
                unit(rs, t.primary),
                key,
                "primary",
                &[("township_duties", s(t.township_duties.join(",")))],
            )?;
        }
    }
    for (i, del) in d.delegations.iter().enumerate() {
        let (to, scope) = target(rs, &del.target);
        g.edge(
            item(rs, del.item),
            to,
            "delegated_to",
            &[
                ("delegation", s(format!("D{i}"))),
                ("from", rs.unit(del.from).map(|u| u.path.clone())),
                ("mode", s(del.mode.english())),
                ("target", scope),
                ("since", s(del.interval.since.to_string())),
                ("until", del.interval.until.map(|u| u.to_string())),
            ],
        )?;
    }
    for (i, rev) in d.revocations.iter().enumerate() {
        let (to, scope) = target(rs, &rev.target);
        g.edge(
            item(rs, rev.item),
            to,
            "revoked_from",
            &[
                ("revocation", s(format!("R{i}"))),
                ("target", scope),
                ("since", s(rev.since.to_string())),
            ],
        )?;
    }
    for acceptance in &d.acceptances {
        let items = match &acceptance.items {
            ItemSelector::All => s("all"),
            ItemSelector::List(l) => s(l.english()),
            ItemSelector::Items(list) => s(list
                .iter()
                .filter_map(|i| rs.item(*i))
                .map(|i| i.code.as_str())
                .collect::<Vec<_>>()
                .join(",")),
        };
        for point in &acceptance.points {
            for from in &acceptance.from {
                g.edge(
                    unit(rs, *point),
                    place(rs, *from),
                    "accepts_for",
                    &[("items", items.clone())],
                )?;
            }
        }
    }
    for t in &d.topics {
        g.node(
            format!("topic:{}", t.name),
            "topic",
            &[(
                "facts",
                s(t.facts
                    .iter()
                    .map(|f| f.name.as_str())
                    .collect::<Vec<_>>()
                    .join(",")),
            )],
        )?;
    }
    for sc in &d.scenarios {
        let key = format!("scenario:{}", sc.id);
        g.node(
            key.clone(),
            "scenario",
            &[
                ("name", s(&sc.name)),
                ("township_duties", s(sc.township_duties.join(","))),
            ],
        )?;
        if let Some(t) = rs.topic(sc.topic) {
            g.edge(key.clone(), format!("topic:{}", t.name), "belongs_to", &[])?;
        }
        for o in &sc.overrides {
            if let Some(other) = rs.scenario(*o) {
                g.edge(
                    key.clone(),
                    format!("scenario:{}", other.id),
                    "overrides",
                    &[],
                )?;
            }
        }
        // Named roles are resolved per county at query time; the graph links the names that
        // resolve from the top level, and keeps the others as attributes of the scenario.
        let roles = sc
            .lead
            .iter()
            .map(|r| ("lead", r))
            .chain(sc.assist.iter().map(|r| ("assist", r)));
        for (kind, role) in roles {
            if let Role::Named(name) = role {
                if let Ok(u) = rs.lookup_unit(name) {
                    g.edge(unit(rs, u), key.clone(), kind, &[])?;
                }
            }
        }
    }
    if let Some(date) = date {
        handles(&g, rs, date)?;
    }
    py.import("quanze._graph")?
        .getattr("build")?
        .call1((g.nodes, g.edges))
}

/// `handles` edges: the handling unit of every item at every township on `date`.
fn handles(g: &Graph<'_>, rs: &RuleSet, date: Date) -> PyResult<()> {
    let d = rs.decls();
    let townships: Vec<PlaceId> = (0..d.places.len())
        .map(PlaceId::from_index)
        .filter(|p| {
            rs.place(*p)
                .is_some_and(|pl| pl.level == PlaceLevel::Township)
        })
        .collect();
    for i in 0..d.items.len() {
        let id = ItemId::from_index(i);
        for t in &townships {
            if let Ok(WhoAnswer::Handled(h)) = query::who_handles(rs, id, *t, date) {
                g.edge(
                    unit(rs, h.handler),
                    item(rs, id),
                    "handles",
                    &[
                        ("township", rs.place(*t).map(|p| p.path.clone())),
                        ("mode", s(view::mode_name(h.mode))),
                        (
                            "legal_subject",
                            rs.unit(h.legal_subject).map(|u| u.path.clone()),
                        ),
                        ("date", s(date.to_string())),
                    ],
                )?;
            }
        }
    }
    Ok(())
}
