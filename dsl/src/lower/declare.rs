//! The first pass: every named declaration gets its id and qualified path.

use super::{Lowerer, Scope};
use crate::ast::{Decl, ItemDecl, PlaceDecl, ScenarioDecl, TopicDecl, UnitDecl, Word};
use crate::codes;
use quanze_core::{
    Diagnostic, Fact, Holder, Item, ItemId, ListKind, Place, PlaceId, PlaceLevel, Scenario,
    ScenarioId, Topic, TopicId, TownshipClass, Unit, UnitId, UnitKind,
};

fn level_of(word: &Word) -> PlaceLevel {
    PlaceLevel::ALL
        .into_iter()
        .find(|l| l.english() == word.text)
        .unwrap_or(PlaceLevel::Grid)
}

fn governing_kind(level: PlaceLevel) -> UnitKind {
    match level {
        PlaceLevel::Province | PlaceLevel::City | PlaceLevel::County => UnitKind::Government,
        PlaceLevel::Township => UnitKind::TownshipGovernment,
        PlaceLevel::Village => UnitKind::VillageCommittee,
        PlaceLevel::Grid | PlaceLevel::MicroGrid => UnitKind::GridPost,
    }
}

impl Lowerer {
    fn duplicate(&mut self, what: &str, name: &Word, first: quanze_core::Span) {
        self.diagnostics.push(
            Diagnostic::error(
                codes::DUPLICATE,
                format!("{what} `{}` is declared twice", name.text),
                name.span,
            )
            .with_label_here("declared again here")
            .with_label(first, "first declared here")
            .with_help("remove one of them, or give them different names"),
        );
    }

    /// Declares the places of `decls` under `parent`, collecting every other declaration with
    /// its scope for the later passes.
    pub fn declare_places<'a>(
        &mut self,
        parent: Scope,
        parent_path: &str,
        decls: &'a [Decl],
        pending: &mut Vec<(Scope, &'a Decl)>,
    ) {
        for decl in decls {
            match decl {
                Decl::Place(place) => self.declare_place(parent, parent_path, place, pending),
                other => pending.push((parent, other)),
            }
        }
    }

    fn declare_place<'a>(
        &mut self,
        parent: Scope,
        parent_path: &str,
        decl: &'a PlaceDecl,
        pending: &mut Vec<(Scope, &'a Decl)>,
    ) {
        let level = level_of(&decl.level);
        let path = if parent_path.is_empty() {
            decl.name.text.clone()
        } else {
            format!("{parent_path}/{}", decl.name.text)
        };
        if let Some(first) = self.place_paths.get(&path).copied() {
            self.duplicate("place", &decl.name, first);
            return;
        }
        if let Some(parent_place) = parent.and_then(|p| self.decls.places.get(p.index())) {
            if parent_place.level >= level {
                self.diagnostics.push(
                    Diagnostic::error(
                        codes::WRONG_KIND,
                        format!("a {} cannot lie inside the {} `{}`", level.english(), parent_place.level.english(), parent_place.name),
                        decl.level.span,
                    )
                    .with_label_here(format!("declared as a {}", level.english()))
                    .with_help("places nest from the top down: province, city, county, township, village, grid, micro-grid"),
                );
            }
        }
        let class = match &decl.class {
            Some(word) => match TownshipClass::from_name(&word.text) {
                Some(class) if level == PlaceLevel::Township => Some(class),
                Some(_) => {
                    self.diagnostics.push(
                        Diagnostic::error(
                            codes::WRONG_KIND,
                            "only a township has a class",
                            word.span,
                        )
                        .with_help("remove `class`, or declare the place as a township"),
                    );
                    None
                }
                None => {
                    self.diagnostics.push(super::values::unknown_word(
                        "township class",
                        word,
                        &["一般", "较大", "特大", "general", "large", "extra-large"],
                    ));
                    None
                }
            },
            None if level == PlaceLevel::Township => Some(TownshipClass::General),
            None => None,
        };
        let id = PlaceId::from_index(self.decls.places.len());
        self.place_paths.insert(path.clone(), decl.name.span);
        self.place_names.insert(&path, parent, id);
        let unit = {
            let kind = governing_kind(level);
            let unit_id = UnitId::from_index(self.decls.units.len());
            self.decls.units.push(Unit {
                name: decl.name.text.clone(),
                path: path.clone(),
                kind,
                seat: id,
                parent: None,
                region: parent,
                span: decl.name.span,
            });
            self.unit_paths.insert(path.clone(), decl.name.span);
            self.unit_names.insert(&path, parent, unit_id);
            Some(unit_id)
        };
        self.decls.places.push(Place {
            name: decl.name.text.clone(),
            path: path.clone(),
            level,
            parent,
            class,
            kind: super::values::place_kind(level, &decl.written_level, &decl.name.text),
            tags: decl.tags.iter().map(|t| t.text.clone()).collect(),
            unit,
            span: decl.name.span,
        });
        // Governing units of places below a township belong to the unit above them; a
        // township government is not an office of its county's government.
        if let (Some(unit_id), Some(parent_unit), true) = (
            unit,
            parent
                .and_then(|p| self.decls.places.get(p.index()))
                .and_then(|p| p.unit),
            level > PlaceLevel::Township,
        ) {
            if let Some(u) = self.decls.units.get_mut(unit_id.index()) {
                u.parent = Some(parent_unit);
            }
        }
        self.declare_places(Some(id), &path, &decl.children, pending);
    }

    pub fn declare_unit(&mut self, scope: Scope, decl: &UnitDecl) -> Option<UnitId> {
        let region_path = scope
            .and_then(|p| self.decls.places.get(p.index()))
            .map(|p| p.path.clone());
        let path = match &region_path {
            Some(prefix) => format!("{prefix}/{}", decl.name.text),
            None => decl.name.text.clone(),
        };
        if let Some(first) = self.unit_paths.get(&path).copied() {
            self.duplicate("unit", &decl.name, first);
            return None;
        }
        let kind = match &decl.kind {
            None => UnitKind::Department,
            Some(word) => match UnitKind::from_name(&word.text) {
                Some(kind) => kind,
                None => {
                    let known: Vec<&str> = UnitKind::ALL
                        .iter()
                        .flat_map(|k| [k.english(), k.chinese()])
                        .collect();
                    self.diagnostics
                        .push(super::values::unknown_word("unit kind", word, &known));
                    UnitKind::Office
                }
            },
        };
        let id = UnitId::from_index(self.decls.units.len());
        self.unit_paths.insert(path.clone(), decl.name.span);
        self.unit_names.insert(&path, scope, id);
        // Seat and parent are placeholders until the resolve pass.
        self.decls.units.push(Unit {
            name: decl.name.text.clone(),
            path,
            kind,
            seat: scope.unwrap_or(PlaceId(0)),
            parent: None,
            region: scope,
            span: decl.name.span,
        });
        Some(id)
    }

    pub fn declare_item(&mut self, scope: Scope, decl: &ItemDecl) -> Option<ItemId> {
        if let Some(first) = self
            .item_codes
            .get(&decl.code.text)
            .and_then(|id| self.decls.items.get(id.index()))
            .map(|i| i.span)
        {
            self.duplicate("item", &decl.code, first);
            return None;
        }
        let id = ItemId::from_index(self.decls.items.len());
        self.item_codes.insert(decl.code.text.clone(), id);
        self.decls.items.push(Item {
            code: decl.code.text.clone(),
            name: decl
                .name
                .as_ref()
                .map(|n| n.text.clone())
                .unwrap_or_default(),
            list: if decl.territorial {
                ListKind::Territorial
            } else {
                ListKind::Power
            },
            power_type: None,
            holder: Holder::EachTownship,
            holder_kinds: Default::default(),
            region: scope,
            basis: Box::default(),
            non_delegable: false,
            parts: Box::default(),
            territorial: None,
            span: decl.code.span,
        });
        Some(id)
    }

    pub fn declare_topic(&mut self, scope: Scope, decl: &TopicDecl) {
        if let Some(first) = self
            .topic_names
            .get(&decl.name.text)
            .and_then(|id| self.decls.topics.get(id.index()))
            .map(|t| t.span)
        {
            self.duplicate("topic", &decl.name, first);
            return;
        }
        let mut facts: Vec<Fact> = Vec::new();
        for fact in &decl.facts {
            if let Some(first) = facts
                .iter()
                .find(|f| f.name == fact.name.text)
                .map(|f| f.span)
            {
                self.duplicate("fact", &fact.name, first);
                continue;
            }
            let mut values: Vec<String> = Vec::new();
            for value in &fact.values {
                if values.contains(&value.text) {
                    let first = fact
                        .values
                        .iter()
                        .find(|v| v.text == value.text)
                        .map_or(value.span, |v| v.span);
                    self.duplicate("value", value, first);
                } else {
                    values.push(value.text.clone());
                }
            }
            facts.push(Fact {
                name: fact.name.text.clone(),
                values,
                span: fact.name.span,
            });
        }
        self.topic_names.insert(
            decl.name.text.clone(),
            TopicId::from_index(self.decls.topics.len()),
        );
        let region = match &decl.region {
            Some(word) => self.place_ref(word, scope),
            None => scope,
        };
        self.decls.topics.push(Topic {
            name: decl.name.text.clone(),
            facts,
            region,
            span: decl.name.span,
        });
    }

    pub fn declare_scenario(&mut self, decl: &ScenarioDecl) -> Option<ScenarioId> {
        if let Some(first) = self
            .scenario_ids
            .get(&decl.id.text)
            .and_then(|id| self.decls.scenarios.get(id.index()))
            .map(|s| s.span)
        {
            self.duplicate("scenario", &decl.id, first);
            return None;
        }
        let id = ScenarioId::from_index(self.decls.scenarios.len());
        self.scenario_ids.insert(decl.id.text.clone(), id);
        self.decls.scenarios.push(Scenario {
            id: decl.id.text.clone(),
            name: decl
                .name
                .as_ref()
                .map(|n| n.text.clone())
                .unwrap_or_default(),
            topic: TopicId(0),
            condition: None,
            overrides: Vec::new(),
            lead: None,
            assist: Vec::new(),
            township_duties: Vec::new(),
            duty_spans: Vec::new(),
            flow: Vec::new(),
            span: decl.id.span,
        });
        Some(id)
    }
}
