//! Lowering: syntax trees of every file → resolved declarations → a frozen `RuleSet`.
//!
//! Two passes. `declare` walks every file and creates each place, unit, item, topic and
//! scenario with its qualified name, so references may point forward and across files.
//! `resolve` then reads every reference from its region outward. Each failure becomes a
//! diagnostic and lowering goes on; a rule set is returned only when there is no error.

mod declare;
mod refs;
mod resolve;
mod tests_decl;
pub mod values;

pub use tests_decl::unresolved_name;

use crate::ast::{Decl, File};
use crate::codes;
use quanze_core::names::{NameTable, RegionTree};
use quanze_core::{
    Decls, Diagnostic, ItemId, PlaceId, RuleSet, ScenarioId, SourceMap, Span, TopicId, UnitId,
};
use rustc_hash::FxHashMap;

/// Where a declaration was written: its region (None at the top level).
pub type Scope = Option<PlaceId>;

/// The state shared by both passes.
pub struct Lowerer {
    pub decls: Decls,
    pub diagnostics: Vec<Diagnostic>,
    pub place_names: NameTable<PlaceId>,
    pub unit_names: NameTable<UnitId>,
    /// Qualified path → span of the first declaration, to report duplicates with both spans.
    pub place_paths: FxHashMap<String, Span>,
    pub unit_paths: FxHashMap<String, Span>,
    pub item_codes: FxHashMap<String, ItemId>,
    pub topic_names: FxHashMap<String, TopicId>,
    pub scenario_ids: FxHashMap<String, ScenarioId>,
}

impl RegionTree for Lowerer {
    fn parent_of(&self, place: PlaceId) -> Option<PlaceId> {
        self.decls.places.get(place.index()).and_then(|p| p.parent)
    }
}

/// Lowers parsed files (in the order given) into a rule set.
pub fn lower(sources: SourceMap, files: &[File]) -> (Option<RuleSet>, Vec<Diagnostic>) {
    let (decls, diagnostics) = lower_decls(files);
    match decls {
        Some(decls) => freeze(sources, decls, diagnostics),
        None => (None, diagnostics),
    }
}

/// The declarations of parsed files, or `None` when there is an error. The lowerer's own name
/// tables are dropped before this returns, so a caller may also drop the syntax trees before
/// freezing the declarations with [`freeze`]: on a large province the three together made
/// the peak of memory.
pub fn lower_decls(files: &[File]) -> (Option<Decls>, Vec<Diagnostic>) {
    let mut lowerer = Lowerer {
        decls: Decls::default(),
        diagnostics: Vec::new(),
        place_names: NameTable::default(),
        unit_names: NameTable::default(),
        place_paths: FxHashMap::default(),
        unit_paths: FxHashMap::default(),
        item_codes: FxHashMap::default(),
        topic_names: FxHashMap::default(),
        scenario_ids: FxHashMap::default(),
    };
    let mut pending: Vec<(Scope, &Decl)> = Vec::new();
    for file in files {
        lowerer.declare_places(None, "", &file.decls, &mut pending);
    }
    let mut units = Vec::new();
    let mut rest = Vec::new();
    for (scope, decl) in pending {
        if let Decl::Unit(u) = decl {
            let id = lowerer.declare_unit(scope, u);
            units.push((scope, u, id));
        } else {
            rest.push((scope, decl));
        }
    }
    let mut items = Vec::new();
    let mut scenarios = Vec::new();
    let mut others = Vec::new();
    for (scope, decl) in rest {
        match decl {
            Decl::Item(item) => items.push((scope, item, lowerer.declare_item(scope, item))),
            Decl::Topic(topic) => lowerer.declare_topic(scope, topic),
            Decl::Scenario(s) => scenarios.push((scope, s, lowerer.declare_scenario(s))),
            other => others.push((scope, other)),
        }
    }
    for (scope, decl, id) in units {
        lowerer.resolve_unit(scope, decl, id);
    }
    for (scope, decl, id) in items {
        if let Some(id) = id {
            lowerer.resolve_item(scope, decl, id);
        }
    }
    for (scope, decl, id) in scenarios {
        if let Some(id) = id {
            lowerer.resolve_scenario(scope, decl, id);
        }
    }
    for (scope, decl) in others {
        lowerer.resolve_other(scope, decl);
    }
    let Lowerer {
        decls,
        mut diagnostics,
        ..
    } = lowerer;
    unknown_kinds(&decls, &mut diagnostics);
    if diagnostics.iter().any(Diagnostic::is_error) {
        return (None, diagnostics);
    }
    (Some(decls), diagnostics)
}

/// Warns about the townships and villages of unknown kind when some selector names a kind:
/// such a place is never selected by it.
fn unknown_kinds(decls: &Decls, diagnostics: &mut Vec<Diagnostic>) {
    let by_kind = |t: &quanze_core::Target| matches!(t, quanze_core::Target::Group { .. });
    let selects = decls.items.iter().any(|i| !i.holder_kinds.is_any())
        || decls.delegations.iter().any(|d| by_kind(&d.target))
        || decls.revocations.iter().any(|r| by_kind(&r.target));
    if !selects {
        return;
    }
    for place in &decls.places {
        let kinds = match place.level {
            quanze_core::PlaceLevel::Township => "乡, 镇 or 街道",
            quanze_core::PlaceLevel::Village => "村 or 社区",
            _ => continue,
        };
        if place.kind.is_none() {
            diagnostics.push(
                Diagnostic::warning(
                    codes::UNKNOWN_KIND,
                    format!("cannot tell whether `{}` is a {kinds}", place.name),
                    place.span,
                )
                .with_label_here("neither the name's end nor the declaring word names a kind")
                .with_help("declare it with the word of its kind (`街道 NAME`, `镇 NAME`, `社区 NAME` …); until then no kind selector reaches it"),
            );
        }
    }
}

/// Freezes lowered declarations into a rule set, reporting a model error as a diagnostic.
pub fn freeze(
    sources: SourceMap,
    decls: Decls,
    mut diagnostics: Vec<Diagnostic>,
) -> (Option<RuleSet>, Vec<Diagnostic>) {
    match RuleSet::new(sources, decls) {
        Ok(rules) => (Some(rules), diagnostics),
        Err(error) => {
            // The resolver only issues ids it created, so this is a defect, reported as an error
            // rather than a panic.
            diagnostics.push(Diagnostic::error(
                codes::INVALID_VALUE,
                format!("internal consistency error: {error}"),
                Span::DETACHED,
            ));
            (None, diagnostics)
        }
    }
}
