//! The compiled, immutable rule set: declarations, sources, name tables and content hash.
//!
//! A `RuleSet` is built once (from text by `quanze-dsl`, or in code from [`Decls`]) and never
//! changes; it is `Send + Sync` and cheap to share behind an `Arc`.

use crate::checker::tables::Tables;
use crate::ids::{ItemId, PlaceId, ScenarioId, TopicId, UnitId};
use crate::index::Index;
use crate::model::delegation::{Delegation, Revocation, Target};
use crate::model::item::{Holder, Item};
use crate::model::jurisdiction::{Place, PlaceLevel};
use crate::model::ladder::Ladder;
use crate::model::org::{Acceptance, ItemSelector, OrgRule};
use crate::model::scenario::{Cond, Role, Scenario, Topic};
use crate::model::test::TestCase;
use crate::model::unit::{Route, Unit};
use crate::names::{NameTable, RegionTree, Resolution};
use crate::span::SourceMap;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::sync::OnceLock;

/// Every declaration of a rule set, as plain data. Equality ignores spans and sources.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decls {
    pub places: Vec<Place>,
    pub units: Vec<Unit>,
    pub routes: Vec<Route>,
    pub items: Vec<Item>,
    pub delegations: Vec<Delegation>,
    pub revocations: Vec<Revocation>,
    pub topics: Vec<Topic>,
    pub scenarios: Vec<Scenario>,
    pub ladders: Vec<Ladder>,
    pub acceptances: Vec<Acceptance>,
    pub org_rules: Vec<OrgRule>,
    pub tests: Vec<TestCase>,
}

/// A reference between declarations that points outside its table.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ModelError {
    #[error("{what} refers to {id}, which is not declared")]
    DanglingId { what: String, id: String },
    #[error("item code `{0}` is declared twice")]
    DuplicateItem(String),
    #[error("the region tree has a cycle through {0}")]
    RegionCycle(String),
}

/// A name that a query or test could not resolve.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum LookupError {
    #[error("unknown {kind} `{name}`{}", did_you_mean(.suggestions))]
    Unknown {
        kind: &'static str,
        name: String,
        suggestions: Vec<String>,
    },
    #[error("{kind} `{name}` is ambiguous: it may mean {}", .candidates.join(", "))]
    Ambiguous {
        kind: &'static str,
        name: String,
        candidates: Vec<String>,
    },
    /// A name longer than any declared one can be: refused before it is looked up, so that
    /// no query can make the lookup or its suggestions expensive.
    #[error("{kind} name is {length} characters long; a name has at most {limit}")]
    TooLong {
        kind: &'static str,
        length: usize,
        limit: usize,
    },
}

/// Refuses a name longer than [`crate::names::MAX_NAME_CHARS`] before any lookup.
fn bounded(kind: &'static str, name: &str) -> Result<(), LookupError> {
    if crate::names::is_too_long(name) {
        return Err(LookupError::TooLong {
            kind,
            length: name.chars().count(),
            limit: crate::names::MAX_NAME_CHARS,
        });
    }
    Ok(())
}

fn did_you_mean(suggestions: &[String]) -> String {
    match suggestions {
        [] => String::new(),
        [one] => format!("; did you mean `{one}`?"),
        many => format!(
            "; did you mean one of {}?",
            many.iter()
                .map(|s| format!("`{s}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// The compiled rule set.
#[derive(Clone, Debug)]
pub struct RuleSet {
    sources: SourceMap,
    decls: Decls,
    place_names: NameTable<PlaceId>,
    unit_names: NameTable<UnitId>,
    item_codes: ItemCodes,
    topic_names: FxHashMap<String, TopicId>,
    scenario_ids: FxHashMap<String, ScenarioId>,
    content_hash: String,
    index: Index,
    /// The proof checker's own grouping of the declarations, built when a proof is first checked.
    checker_tables: OnceLock<Tables>,
}

struct Parents<'a>(&'a [Place]);

impl RegionTree for Parents<'_> {
    fn parent_of(&self, place: PlaceId) -> Option<PlaceId> {
        self.0.get(place.index()).and_then(|p| p.parent)
    }
}

impl RuleSet {
    /// Freezes declarations into a rule set, checking that every id points into its table.
    pub fn new(sources: SourceMap, decls: Decls) -> Result<RuleSet, ModelError> {
        let content_hash = content_hash(&sources, &decls);
        RuleSet::with_content_hash(sources, decls, content_hash)
    }

    /// [`RuleSet::new`] with the content hash already known: a snapshot stores the hash its rule
    /// set was compiled with, under the snapshot's checksum.
    pub(crate) fn with_content_hash(
        sources: SourceMap,
        decls: Decls,
        content_hash: String,
    ) -> Result<RuleSet, ModelError> {
        validate(&decls)?;
        let mut place_names = NameTable::default();
        for (i, place) in decls.places.iter().enumerate() {
            place_names.insert(&place.path, place.parent, PlaceId::from_index(i));
        }
        let mut unit_names = NameTable::default();
        for (i, unit) in decls.units.iter().enumerate() {
            unit_names.insert(&unit.path, unit.region, UnitId::from_index(i));
        }
        // The two largest tables, one on a second thread when one can be started.
        let (item_codes, index) =
            crate::parallel::join(|| ItemCodes::build(&decls.items), || Index::build(&decls));
        let item_codes = item_codes?;
        let topic_names = decls
            .topics
            .iter()
            .enumerate()
            .map(|(i, t)| (t.name.clone(), TopicId::from_index(i)))
            .collect();
        let scenario_ids = decls
            .scenarios
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id.clone(), ScenarioId::from_index(i)))
            .collect();
        Ok(RuleSet {
            sources,
            decls,
            place_names,
            unit_names,
            item_codes,
            topic_names,
            scenario_ids,
            content_hash,
            index,
            checker_tables: OnceLock::new(),
        })
    }

    /// The compiled lookup tables; the query engine's, never the checker's.
    pub(crate) fn index(&self) -> &Index {
        &self.index
    }

    /// The proof checker's grouping of the declarations; never the query engine's.
    pub(crate) fn checker_tables(&self) -> &Tables {
        self.checker_tables
            .get_or_init(|| Tables::build(&self.decls))
    }

    pub fn decls(&self) -> &Decls {
        &self.decls
    }

    pub fn sources(&self) -> &SourceMap {
        &self.sources
    }

    /// `sha256:` and the hex digest of the sources (or, for a rule set built in code, of its
    /// declarations). Proof receipts name it.
    pub fn content_hash(&self) -> &str {
        &self.content_hash
    }

    pub fn place(&self, id: PlaceId) -> Option<&Place> {
        self.decls.places.get(id.index())
    }

    pub fn unit(&self, id: UnitId) -> Option<&Unit> {
        self.decls.units.get(id.index())
    }

    pub fn item(&self, id: ItemId) -> Option<&Item> {
        self.decls.items.get(id.index())
    }

    pub fn topic(&self, id: TopicId) -> Option<&Topic> {
        self.decls.topics.get(id.index())
    }

    pub fn scenario(&self, id: ScenarioId) -> Option<&Scenario> {
        self.decls.scenarios.get(id.index())
    }

    /// The place and its ancestors, nearest first.
    pub fn ancestors(&self, place: PlaceId) -> impl Iterator<Item = PlaceId> + '_ {
        let mut current = Some(place);
        let mut steps = 0usize;
        std::iter::from_fn(move || {
            let here = current?;
            steps += 1;
            current = if steps > self.decls.places.len() {
                None
            } else {
                self.place(here).and_then(|p| p.parent)
            };
            Some(here)
        })
    }

    /// The ancestor (or the place itself) at `level`, if any.
    pub fn ancestor_at(&self, place: PlaceId, level: PlaceLevel) -> Option<PlaceId> {
        self.ancestors(place)
            .find(|p| self.place(*p).is_some_and(|pl| pl.level == level))
    }

    /// Resolves a place name as seen from `from` (None: the top level).
    pub fn resolve_place(&self, name: &str, from: Option<PlaceId>) -> Resolution<PlaceId> {
        self.place_names
            .resolve(&Parents(&self.decls.places), name, from)
    }

    /// Resolves a unit name as seen from `from` (None: the top level).
    pub fn resolve_unit(&self, name: &str, from: Option<PlaceId>) -> Resolution<UnitId> {
        self.unit_names
            .resolve(&Parents(&self.decls.places), name, from)
    }

    /// Every unit whose path ends with `name`: the only units [`RuleSet::resolve_unit`] can
    /// find for it, from any region.
    pub(crate) fn units_matching(&self, name: &str) -> Vec<UnitId> {
        self.unit_names.matching(name)
    }

    /// Looks a place up by name or path, for queries.
    pub fn lookup_place(&self, name: &str) -> Result<PlaceId, LookupError> {
        bounded("place", name)?;
        let paths = |ids: Vec<PlaceId>| {
            ids.iter()
                .filter_map(|p| self.place(*p))
                .map(|p| p.path.clone())
                .collect()
        };
        finish("place", name, self.resolve_place(name, None), paths)
    }

    /// Looks a unit up by name or path, for queries.
    pub fn lookup_unit(&self, name: &str) -> Result<UnitId, LookupError> {
        bounded("unit", name)?;
        let paths = |ids: Vec<UnitId>| {
            ids.iter()
                .filter_map(|u| self.unit(*u))
                .map(|u| u.path.clone())
                .collect()
        };
        finish("unit", name, self.resolve_unit(name, None), paths)
    }

    pub fn lookup_item(&self, code: &str) -> Result<ItemId, LookupError> {
        bounded("item", code)?;
        self.item_codes
            .get(&self.decls.items, code)
            .ok_or_else(|| LookupError::Unknown {
                kind: "item",
                name: code.to_owned(),
                suggestions: crate::names::suggest(
                    code,
                    self.decls.items.iter().map(|i| i.code.as_str()),
                ),
            })
    }

    pub fn lookup_topic(&self, name: &str) -> Result<TopicId, LookupError> {
        bounded("topic", name)?;
        self.topic_names
            .get(name)
            .copied()
            .ok_or_else(|| LookupError::Unknown {
                kind: "topic",
                name: name.to_owned(),
                suggestions: crate::names::suggest(
                    name,
                    self.topic_names.keys().map(String::as_str),
                ),
            })
    }

    pub fn lookup_scenario(&self, id: &str) -> Result<ScenarioId, LookupError> {
        bounded("scenario", id)?;
        self.scenario_ids
            .get(id)
            .copied()
            .ok_or_else(|| LookupError::Unknown {
                kind: "scenario",
                name: id.to_owned(),
                suggestions: crate::names::suggest(
                    id,
                    self.scenario_ids.keys().map(String::as_str),
                ),
            })
    }
}

/// Item ids by code. The table holds ids only and compares against the items' own codes, so a
/// province's half a million codes are not copied a second time.
#[derive(Clone, Default)]
struct ItemCodes(hashbrown::HashTable<ItemId>);

impl std::fmt::Debug for ItemCodes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "ItemCodes({} codes)", self.0.len())
    }
}

fn hash_code(code: &str) -> u64 {
    use std::hash::BuildHasher;
    rustc_hash::FxBuildHasher.hash_one(code)
}

impl ItemCodes {
    fn build(items: &[Item]) -> Result<ItemCodes, ModelError> {
        let code_of = |id: &ItemId| items.get(id.index()).map_or("", |i| i.code.as_str());
        let mut table = hashbrown::HashTable::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            match table.entry(
                hash_code(&item.code),
                |id| code_of(id) == item.code,
                |id| hash_code(code_of(id)),
            ) {
                hashbrown::hash_table::Entry::Occupied(_) => {
                    return Err(ModelError::DuplicateItem(item.code.clone()));
                }
                hashbrown::hash_table::Entry::Vacant(slot) => {
                    slot.insert(ItemId::from_index(i));
                }
            }
        }
        Ok(ItemCodes(table))
    }

    fn get(&self, items: &[Item], code: &str) -> Option<ItemId> {
        self.0
            .find(hash_code(code), |id| {
                items.get(id.index()).is_some_and(|i| i.code == code)
            })
            .copied()
    }
}

fn finish<T>(
    kind: &'static str,
    name: &str,
    resolution: Resolution<T>,
    paths: impl FnOnce(Vec<T>) -> Vec<String>,
) -> Result<T, LookupError> {
    match resolution {
        Resolution::Found(id) => Ok(id),
        Resolution::Ambiguous(ids) => Err(LookupError::Ambiguous {
            kind,
            name: name.to_owned(),
            candidates: paths(ids),
        }),
        Resolution::NotFound { suggestions } => Err(LookupError::Unknown {
            kind,
            name: name.to_owned(),
            suggestions,
        }),
    }
}

fn content_hash(sources: &SourceMap, decls: &Decls) -> String {
    let mut hasher = Sha256::new();
    if sources.files().is_empty() {
        // Built in code: hash the declarations' canonical JSON. Serialising plain data cannot fail;
        // should it ever, the hash of the empty input still identifies "no declarations".
        hasher.update(serde_json::to_vec(decls).unwrap_or_default());
    } else {
        for file in sources.files() {
            hasher.update(file.path.as_bytes());
            hasher.update([0u8]);
            hasher.update((file.text.len() as u64).to_le_bytes());
            hasher.update(file.text.as_bytes());
        }
    }
    let digest = hasher.finalize();
    let mut out = String::with_capacity(7 + 64);
    out.push_str("sha256:");
    for byte in digest {
        out.push_str(&format!("{byte:02x}"));
    }
    out
}

fn validate(decls: &Decls) -> Result<(), ModelError> {
    let places = decls.places.len();
    let units = decls.units.len();
    let items = decls.items.len();
    let dangling = |what: &str, id: String| {
        Err(ModelError::DanglingId {
            what: what.to_owned(),
            id,
        })
    };
    let place_ok = |p: PlaceId| p.index() < places;
    let unit_ok = |u: UnitId| u.index() < units;
    let item_ok = |i: ItemId| i.index() < items;
    let target_ok = |t: &Target| match t {
        Target::Township(p)
        | Target::County(p)
        | Target::Class { county: p, .. }
        | Target::Group { region: p, .. } => place_ok(*p),
    };
    for (i, place) in decls.places.iter().enumerate() {
        if place.parent.is_some_and(|p| !place_ok(p)) || place.unit.is_some_and(|u| !unit_ok(u)) {
            return dangling("place", place.path.clone());
        }
        // Parents must come first, which rules out cycles.
        if place.parent.is_some_and(|p| p.index() >= i) {
            return Err(ModelError::RegionCycle(place.path.clone()));
        }
    }
    for unit in &decls.units {
        if !place_ok(unit.seat)
            || unit.parent.is_some_and(|u| !unit_ok(u))
            || unit.region.is_some_and(|p| !place_ok(p))
        {
            return dangling("unit", unit.path.clone());
        }
    }
    for route in &decls.routes {
        if !unit_ok(route.unit) || !unit_ok(route.to) {
            return dangling("route", format!("{}", route.unit));
        }
    }
    for item in &decls.items {
        let holder_ok = match &item.holder {
            Holder::Unit(u) => unit_ok(*u),
            Holder::EachTownship | Holder::EachVillage => true,
        };
        let territorial_ok = item.territorial.as_ref().is_none_or(|t| unit_ok(t.primary));
        if !holder_ok || !territorial_ok || item.region.is_some_and(|p| !place_ok(p)) {
            return dangling("item", item.code.clone());
        }
    }
    for (i, d) in decls.delegations.iter().enumerate() {
        if !item_ok(d.item) || !unit_ok(d.from) || !target_ok(&d.target) {
            return dangling("delegation", format!("D{i}"));
        }
    }
    for (i, r) in decls.revocations.iter().enumerate() {
        if !item_ok(r.item) || !target_ok(&r.target) {
            return dangling("revocation", format!("R{i}"));
        }
    }
    for scenario in &decls.scenarios {
        let topic = decls.topics.get(scenario.topic.index());
        let Some(topic) = topic else {
            return dangling("scenario", scenario.id.clone());
        };
        let roles_ok = scenario
            .lead
            .iter()
            .chain(scenario.assist.iter())
            .chain(scenario.flow.iter().filter_map(|s| s.actor.as_ref()))
            .all(|r| !matches!(r, Role::HandlerOf(i) if !item_ok(*i)));
        let cond_ok = scenario
            .condition
            .as_ref()
            .is_none_or(|c| cond_in_domain(c, topic));
        let overrides_ok = scenario
            .overrides
            .iter()
            .all(|s| s.index() < decls.scenarios.len());
        if !roles_ok || !cond_ok || !overrides_ok {
            return dangling("scenario", scenario.id.clone());
        }
    }
    for ladder in &decls.ladders {
        if !place_ok(ladder.region) {
            return dangling("ladder", ladder.name.clone());
        }
    }
    for acceptance in &decls.acceptances {
        let items_ok = match &acceptance.items {
            ItemSelector::Items(list) => list.iter().all(|i| item_ok(*i)),
            _ => true,
        };
        if !items_ok
            || !acceptance.points.iter().all(|u| unit_ok(*u))
            || !acceptance.from.iter().all(|p| place_ok(*p))
        {
            return dangling("acceptance", "points".to_owned());
        }
    }
    for rule in &decls.org_rules {
        let region = match rule {
            OrgRule::OfficeLimit { region, .. }
            | OrgRule::ApprovedDuties { region, .. }
            | OrgRule::RequiredOffices { region, .. } => *region,
        };
        if !place_ok(region) {
            return dangling("organisation rule", format!("{region}"));
        }
    }
    Ok(())
}

fn cond_in_domain(cond: &Cond, topic: &Topic) -> bool {
    let value_ok = |fact: u32, value: u32| {
        topic
            .facts
            .get(fact as usize)
            .is_some_and(|f| (value as usize) < f.values.len())
    };
    match cond {
        Cond::True => true,
        Cond::Eq { fact, value } | Cond::Ne { fact, value } => value_ok(*fact, *value),
        Cond::In { fact, values } => values.iter().all(|v| value_ok(*fact, *v)),
        Cond::Not(inner) => cond_in_domain(inner, topic),
        Cond::And(parts) | Cond::Or(parts) => parts.iter().all(|c| cond_in_domain(c, topic)),
    }
}
