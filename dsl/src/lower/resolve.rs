//! The second pass: references inside units, items, delegations, scenarios, ladders,
//! acceptance and organisation rules.

use super::values::{self, date, duration, unknown_word};
use super::{Lowerer, Scope};
use crate::ast::*;
use crate::codes;
use quanze_core::{
    Acceptance, Basis, CloseAt, Cond, Delegation, Diagnostic, Holder, Interval, ItemId,
    ItemSelector, Kinds, Ladder, Level, ListKind, Mode, OrgRule, PlaceLevel, PowerType, Revocation,
    Role, Route, RouteKey, ScenarioId, Span, Step, Target, Territorial, TownshipClass, UnitId,
    UnitKind,
};

const LIST_WORDS: &[&str] = &[
    "power",
    "territorial",
    "enforcement",
    "service",
    "village-duty",
    "assistance",
    "权力",
    "属地管理",
    "行政执法",
    "政务服务",
    "村社履职",
    "协助配合",
];

/// The words `closes` takes besides a unit: the forms of `grid`, `village`, `township` and
/// `department`.
fn close_words() -> Vec<&'static str> {
    crate::fmt::keywords::KEYWORDS
        .iter()
        .filter(|(name, _)| matches!(*name, "grid" | "village" | "township" | "department"))
        .flat_map(|(_, forms)| forms.iter().copied())
        .collect()
}

fn power_type_words() -> Vec<&'static str> {
    PowerType::ALL
        .iter()
        .flat_map(|p| [p.english(), p.chinese()])
        .collect()
}

impl Lowerer {
    fn missing(&mut self, what: &str, span: Span, help: &str) {
        self.diagnostics.push(
            Diagnostic::error(codes::MISSING_CLAUSE, format!("missing {what}"), span)
                .with_label_here(format!("needs {what}"))
                .with_help(help.to_owned()),
        );
    }

    fn repeated(&mut self, spans: &[Span]) {
        for span in spans {
            self.diagnostics.push(
                Diagnostic::error(codes::REPEATED_CLAUSE, "this clause is given twice", *span)
                    .with_label_here("given again here")
                    .with_help("keep one; the later one would silently win"),
            );
        }
    }

    fn region_for(
        &mut self,
        scope: Scope,
        region: Option<&Word>,
        span: Span,
        what: &str,
    ) -> Option<quanze_core::PlaceId> {
        match region {
            Some(word) => self.place_ref(word, scope),
            None if scope.is_some() => scope,
            None => {
                self.missing(
                    "a region",
                    span,
                    &format!("write the {what} inside a region block, or add `at REGION`"),
                );
                None
            }
        }
    }

    pub fn resolve_unit(&mut self, scope: Scope, decl: &UnitDecl, id: Option<UnitId>) {
        let Some(id) = id else { return };
        let parent = decl.parent.as_ref().and_then(|p| self.unit_ref(p, scope));
        let seat = match &decl.seat {
            Some(word) => self.place_ref(word, scope),
            None => scope.or_else(|| {
                parent
                    .and_then(|p| self.decls.units.get(p.index()))
                    .map(|u| u.seat)
            }),
        };
        let Some(seat) = seat else {
            if decl.seat.is_none() {
                self.missing(
                    "a seat",
                    decl.name.span,
                    "declare the unit inside a region block, or add `at PLACE`",
                );
            }
            return;
        };
        let seat_place = self.decls.places.get(seat.index());
        // An office or team declared inside a township belongs to that township by default.
        let default_parent = match self.decls.units.get(id.index()).map(|u| u.kind) {
            Some(UnitKind::Office | UnitKind::EnforcementTeam | UnitKind::ServicePoint) => {
                seat_place.and_then(|p| p.unit)
            }
            _ => None,
        };
        if let Some(unit) = self.decls.units.get_mut(id.index()) {
            unit.seat = seat;
            unit.parent = parent.or(default_parent).filter(|p| *p != id);
        }
        if decl
            .kind
            .as_ref()
            .is_some_and(|k| UnitKind::from_name(&k.text) == Some(UnitKind::Stationed))
            && parent.is_none()
        {
            self.missing(
                "`of DEPARTMENT`",
                decl.name.span,
                "a stationed agency stays under its department: name it with `of`",
            );
        }
    }

    pub fn resolve_item(&mut self, scope: Scope, decl: &ItemDecl, id: ItemId) {
        self.repeated(&decl.repeated);
        let list = match &decl.list {
            Some(word) => ListKind::from_name(&word.text).or_else(|| {
                self.diagnostics
                    .push(unknown_word("list", word, LIST_WORDS));
                None
            }),
            None if decl.territorial => Some(ListKind::Territorial),
            None => {
                self.missing(
                    "`list`",
                    decl.code.span,
                    "say which of the six lists the item is on, e.g. `list 行政执法`",
                );
                None
            }
        };
        if decl.territorial && list.is_some_and(|l| l != ListKind::Territorial) {
            if let Some(word) = &decl.list {
                self.diagnostics.push(
                    Diagnostic::error(
                        codes::WRONG_KIND,
                        "a territorial item is on the territorial list",
                        word.span,
                    )
                    .with_help("remove `list`, or declare it with `item`"),
                );
            }
        }
        let power_type = decl.power_type.as_ref().and_then(|word| {
            PowerType::from_name(&word.text).or_else(|| {
                self.diagnostics
                    .push(unknown_word("power type", word, &power_type_words()));
                None
            })
        });
        let primary = decl.primary.as_ref().and_then(|p| self.unit_ref(p, scope));
        let holder = match &decl.holder {
            Some(HolderSyntax::EachTownship(..)) => Some(Holder::EachTownship),
            Some(HolderSyntax::EachVillage(..)) => Some(Holder::EachVillage),
            Some(HolderSyntax::Named(word)) => self.unit_ref(word, scope).map(Holder::Unit),
            None => match primary {
                Some(p) => Some(Holder::Unit(p)),
                // A `primary` that failed to resolve has been reported already.
                None if decl.primary.is_some() => None,
                None => {
                    let what = if decl.territorial {
                        "`primary`"
                    } else {
                        "`holder`"
                    };
                    self.missing(what, decl.code.span, "name the unit that exercises the item, e.g. `holder 江北区/综合行政执法局`");
                    None
                }
            },
        };
        if decl.territorial && decl.primary.is_none() && decl.holder.is_none() {
            return;
        }
        if !decl.territorial {
            if let Some(word) = &decl.primary {
                self.diagnostics.push(
                    Diagnostic::error(
                        codes::WRONG_KIND,
                        "`primary` belongs to territorial items",
                        word.span,
                    )
                    .with_help("declare the item with `territorial`, or use `holder`"),
                );
            }
        }
        let mut non_delegable = false;
        for flag in &decl.flags {
            if values::NON_DELEGABLE.contains(&flag.text.as_str()) {
                non_delegable = true;
            } else {
                self.diagnostics
                    .push(unknown_word("flag", flag, values::NON_DELEGABLE));
            }
        }
        let territorial = if decl.territorial || list == Some(ListKind::Territorial) {
            // The main responsibility is written in the `primary` clause, or, without one,
            // is the holder's.
            let written = match (primary, decl.primary_clause, &decl.holder) {
                (Some(p), Some(clause), _) => Some((p, clause)),
                (_, _, Some(HolderSyntax::Named(word))) => match holder {
                    Some(Holder::Unit(u)) => Some((u, word.span)),
                    _ => None,
                },
                _ => None,
            };
            let duties = decl.township_duties.iter().flatten();
            written.map(|(primary, primary_span)| Territorial {
                primary,
                township_duties: duties.clone().map(|w| w.text.clone()).collect(),
                primary_span,
                duty_spans: duties.map(|w| w.span).collect(),
            })
        } else {
            None
        };
        if let Some(item) = self.decls.items.get_mut(id.index()) {
            item.list = list.unwrap_or(item.list);
            item.power_type = power_type;
            if let Some(holder) = holder {
                item.holder = holder;
            }
            item.holder_kinds = match &decl.holder {
                Some(HolderSyntax::EachTownship(_, word) | HolderSyntax::EachVillage(_, word)) => {
                    values::selector_kinds(&word.text)
                }
                _ => Kinds::ANY,
            };
            item.basis = decl.basis.iter().map(|b| Basis::parse(&b.text)).collect();
            item.non_delegable = non_delegable;
            item.parts = decl.parts.iter().map(|p| p.text.clone()).collect();
            item.territorial = territorial.map(Box::new);
        }
    }

    pub fn resolve_other(&mut self, scope: Scope, decl: &Decl) {
        match decl {
            Decl::Route(route) => self.resolve_route(scope, route),
            Decl::Delegation(d) => self.resolve_delegation(scope, d),
            Decl::Ladder(ladder) => self.resolve_ladder(scope, ladder),
            Decl::Accept(accept) => self.resolve_accept(scope, accept),
            Decl::Org(org) => self.resolve_org(scope, org),
            Decl::Test(test) => self.resolve_test(test),
            Decl::Place(_) | Decl::Unit(_) | Decl::Item(_) | Decl::Topic(_) | Decl::Scenario(_) => {
            }
        }
    }

    fn resolve_route(&mut self, scope: Scope, decl: &RouteDecl) {
        let unit = self.unit_ref(&decl.unit, scope);
        let to = self.unit_ref(&decl.to, scope);
        let key = if let Some(p) = PowerType::from_name(&decl.key.text) {
            Some(RouteKey::PowerType(p))
        } else if let Some(l) = ListKind::from_name(&decl.key.text) {
            Some(RouteKey::List(l))
        } else {
            let mut known = power_type_words();
            known.extend_from_slice(LIST_WORDS);
            self.diagnostics
                .push(unknown_word("power type or list", &decl.key, &known));
            None
        };
        if let (Some(unit), Some(to), Some(key)) = (unit, to, key) {
            self.decls.routes.push(Route {
                unit,
                key,
                to,
                span: decl.span,
            });
        }
    }

    fn target(
        &mut self,
        scope: Scope,
        syntax: &TargetSyntax,
        from_county: Option<quanze_core::PlaceId>,
    ) -> Option<Target> {
        match syntax {
            TargetSyntax::Named(word) => {
                let (place, level) =
                    self.place_at_level(word, scope, &[PlaceLevel::Township, PlaceLevel::County])?;
                Some(if level == PlaceLevel::Township {
                    Target::Township(place)
                } else {
                    Target::County(place)
                })
            }
            TargetSyntax::Class {
                county,
                class,
                kind,
                span,
            } => {
                let class_value = match class {
                    Some(class) => {
                        let value = TownshipClass::from_name(&class.text);
                        if value.is_none() {
                            self.diagnostics.push(unknown_word(
                                "township class",
                                class,
                                &["一般", "较大", "特大", "general", "large", "extra-large"],
                            ));
                        }
                        Some(value?)
                    }
                    None => None,
                };
                let kinds = kind
                    .as_ref()
                    .map_or(Kinds::ANY, |w| values::selector_kinds(&w.text));
                let county = match county {
                    Some(word) => self
                        .place_at_level(word, scope, &[PlaceLevel::County])
                        .map(|(p, _)| p),
                    None => {
                        if from_county.is_none() {
                            self.missing(
                                "a county",
                                *span,
                                "write `COUNTY class C`: the delegating unit has no county",
                            );
                        }
                        from_county
                    }
                };
                let county = county?;
                Some(match (class_value, kinds.is_any()) {
                    (Some(class), true) => Target::Class { county, class },
                    (None, true) => Target::County(county),
                    (class, false) => Target::Group {
                        region: county,
                        class,
                        kinds,
                    },
                })
            }
        }
    }

    fn resolve_delegation(&mut self, scope: Scope, decl: &DelegationDecl) {
        self.repeated(&decl.repeated);
        let items: Vec<(ItemId, &Word)> = decl
            .items
            .iter()
            .filter_map(|w| self.item_ref(w).map(|id| (id, w)))
            .collect();
        let since = match &decl.since {
            Some(word) => date(word).map_err(|d| self.diagnostics.push(*d)).ok(),
            None => {
                self.missing(
                    "`since`",
                    decl.span,
                    "every delegation starts on a date: add `since YYYY-MM-DD`",
                );
                None
            }
        };
        let until = decl
            .until
            .as_ref()
            .and_then(|word| date(word).map_err(|d| self.diagnostics.push(*d)).ok());
        if let (Some(s), Some(u), Some(until_word)) = (since, until, &decl.until) {
            if u <= s {
                let since_span = decl.since.as_ref().map_or(decl.span, |w| w.span);
                self.diagnostics.push(
                    Diagnostic::error(
                        codes::EMPTY_INTERVAL,
                        format!("the interval [{s}, {u}) is empty"),
                        until_word.span,
                    )
                    .with_label_here("ends here")
                    .with_label(since_span, "starts here")
                    .with_help("`until` must come after `since`; the interval is [since, until)"),
                );
            }
        }
        if decl.kind == DelegationKind::Revoke {
            for clause in [
                decl.to.as_ref().map(|_| "`to`"),
                decl.until.as_ref().map(|_| "`until`"),
                decl.instrument.as_ref().map(|_| "`instrument`"),
            ]
            .into_iter()
            .flatten()
            {
                self.diagnostics.push(
                    Diagnostic::error(
                        codes::WRONG_KIND,
                        format!("a revocation takes no {clause}"),
                        decl.span,
                    )
                    .with_help("write `revoke ITEMS from TOWNSHIPS since DATE`"),
                );
            }
            let Some(targets) = &decl.from else {
                self.missing(
                    "`from`",
                    decl.span,
                    "say which townships the item is taken back from: `from TOWNSHIPS`",
                );
                return;
            };
            for (item, _) in &items {
                let holder_county = self.holder_county(*item);
                for t in targets {
                    let target = self.target(scope, t, holder_county);
                    if let (Some(target), Some(since)) = (target, since) {
                        let basis = decl.basis.as_ref().map(|b| b.text.clone());
                        self.decls.revocations.push(Revocation {
                            item: *item,
                            target,
                            since,
                            basis,
                            span: decl.span,
                        });
                    }
                }
            }
            return;
        }
        let mode = match decl.kind {
            DelegationKind::Entrust => Mode::Entrust,
            DelegationKind::Statutory => Mode::Statutory,
            _ => Mode::Grant,
        };
        let Some(targets) = &decl.to else {
            self.missing("`to`", decl.span, "say which townships receive the item: `to TOWNSHIP`, `to COUNTY` or `to COUNTY class C`");
            return;
        };
        let explicit_from = match decl.from.as_deref() {
            Some([TargetSyntax::Named(word)]) => self.unit_ref(word, scope).map(Some),
            Some(_) => {
                self.diagnostics.push(
                    Diagnostic::error(codes::WRONG_KIND, "`from` names one unit", decl.span)
                        .with_help("write `from DEPARTMENT`"),
                );
                None
            }
            None => Some(None),
        };
        let Some(explicit_from) = explicit_from else {
            return;
        };
        for (item, word) in items {
            let from = match explicit_from {
                Some(unit) => Some(unit),
                None => match self.decls.items.get(item.index()).map(|i| i.holder.clone()) {
                    Some(Holder::Unit(u)) => Some(u),
                    _ => {
                        self.diagnostics.push(
                            Diagnostic::error(
                                codes::MISSING_CLAUSE,
                                format!("`{}` has no single holder to delegate from", word.text),
                                word.span,
                            )
                            .with_help("add `from DEPARTMENT`"),
                        );
                        None
                    }
                },
            };
            let Some(from) = from else { continue };
            let from_county = self
                .decls
                .units
                .get(from.index())
                .and_then(|u| self.county_of(u.seat));
            for t in targets {
                let target = self.target(scope, t, from_county);
                if let (Some(target), Some(since)) = (target, since) {
                    self.decls.delegations.push(Delegation {
                        item,
                        from,
                        target,
                        mode,
                        interval: Interval { since, until },
                        basis: decl.basis.as_ref().map(|b| b.text.clone()),
                        instrument: decl.instrument.as_ref().map(|b| b.text.clone()),
                        reserve: decl.reserve.iter().map(|r| r.text.clone()).collect(),
                        span: decl.span,
                    });
                }
            }
        }
    }

    fn holder_county(&self, item: ItemId) -> Option<quanze_core::PlaceId> {
        match self.decls.items.get(item.index()).map(|i| &i.holder) {
            Some(Holder::Unit(u)) => self
                .decls
                .units
                .get(u.index())
                .and_then(|u| self.county_of(u.seat)),
            _ => None,
        }
    }

    pub fn role(&mut self, syntax: &RoleSyntax) -> Option<Role> {
        match syntax {
            RoleSyntax::Lead(_) => Some(Role::Lead),
            RoleSyntax::HandlerOf(word) => self.item_ref(word).map(Role::HandlerOf),
            RoleSyntax::Named(word) => {
                if let Some(role) = values::level_role(&word.text) {
                    return Some(role);
                }
                // Named roles resolve per county at query time; here the name must exist somewhere.
                if self.unit_names.matching(&word.text).is_empty() {
                    let levels: Vec<&str> = values::LEVEL_WORDS.iter().map(|(w, _)| *w).collect();
                    self.unknown_unit_or_word(word, &levels);
                    return None;
                }
                Some(Role::Named(word.text.clone()))
            }
        }
    }

    pub fn resolve_scenario(&mut self, _scope: Scope, decl: &ScenarioDecl, id: ScenarioId) {
        self.repeated(&decl.repeated);
        let Some(topic_word) = &decl.topic else {
            self.missing(
                "`on TOPIC`",
                decl.id.span,
                "say which topic the scenario belongs to: `on 建筑垃圾`",
            );
            return;
        };
        let Some(topic) = self.topic_ref(topic_word) else {
            return;
        };
        let condition = match (&decl.when, decl.otherwise) {
            (Some(expr), false) => self.cond(topic, expr),
            (None, true) => None,
            (Some(_), true) => {
                self.diagnostics.push(
                    Diagnostic::error(
                        codes::WRONG_KIND,
                        "an `otherwise` scenario has no condition",
                        decl.id.span,
                    )
                    .with_help("remove `when`, or remove `otherwise`"),
                );
                None
            }
            (None, false) => {
                self.missing("`when`", decl.id.span, "give the condition, e.g. `when 环节 == 运输`, or mark the catch-all with `otherwise`");
                None
            }
        };
        let mut overrides = Vec::new();
        for word in &decl.overrides {
            match self.scenario_ids.get(&word.text) {
                Some(other) => overrides.push(*other),
                None => {
                    let suggestions = quanze_core::names::suggest(
                        &word.text,
                        self.scenario_ids.keys().map(String::as_str),
                    );
                    self.unknown("scenario", word, &suggestions);
                }
            }
        }
        let lead = decl.lead.as_ref().and_then(|r| self.role(r));
        let assist = decl.assist.iter().filter_map(|r| self.role(r)).collect();
        let mut flow = Vec::new();
        for step in &decl.flow {
            let actor = step.actor.as_ref().and_then(|r| self.role(r));
            let limit = step
                .limit
                .as_ref()
                .and_then(|w| duration(w).map_err(|d| self.diagnostics.push(*d)).ok());
            flow.push(Step {
                action: step.action.text.clone(),
                actor,
                limit,
                span: step.span,
            });
        }
        if let Some(s) = self.decls.scenarios.get_mut(id.index()) {
            s.topic = topic;
            s.condition = if decl.otherwise {
                None
            } else {
                Some(condition.unwrap_or(Cond::True))
            };
            s.overrides = overrides;
            s.lead = lead;
            s.assist = assist;
            s.township_duties = decl
                .township_duties
                .iter()
                .map(|w| w.text.clone())
                .collect();
            s.duty_spans = decl.township_duties.iter().map(|w| w.span).collect();
            s.flow = flow;
        }
    }

    fn cond(&mut self, topic: quanze_core::TopicId, expr: &Expr) -> Option<Cond> {
        match expr {
            Expr::Eq { fact, value } | Expr::Ne { fact, value } => {
                let (f, v) = (
                    self.fact_index(topic, fact)?,
                    self.value_index(topic, fact, value)?,
                );
                Some(if matches!(expr, Expr::Eq { .. }) {
                    Cond::Eq { fact: f, value: v }
                } else {
                    Cond::Ne { fact: f, value: v }
                })
            }
            Expr::In { fact, values } => {
                let f = self.fact_index(topic, fact)?;
                let vs: Vec<Option<u32>> = values
                    .iter()
                    .map(|v| self.value_index(topic, fact, v))
                    .collect();
                Some(Cond::In {
                    fact: f,
                    values: vs.into_iter().collect::<Option<Vec<u32>>>()?,
                })
            }
            Expr::Not(inner) => self.cond(topic, inner).map(|c| Cond::Not(Box::new(c))),
            Expr::And(parts) | Expr::Or(parts) => {
                let lowered: Vec<Option<Cond>> =
                    parts.iter().map(|p| self.cond(topic, p)).collect();
                let lowered: Vec<Cond> = lowered.into_iter().collect::<Option<Vec<Cond>>>()?;
                Some(if matches!(expr, Expr::And(_)) {
                    Cond::And(lowered)
                } else {
                    Cond::Or(lowered)
                })
            }
        }
    }

    fn fact_index(&mut self, topic: quanze_core::TopicId, fact: &Word) -> Option<u32> {
        let t = self.decls.topics.get(topic.index())?;
        if let Some(i) = t.fact_index(&fact.text) {
            return u32::try_from(i).ok();
        }
        let suggestions =
            quanze_core::names::suggest(&fact.text, t.facts.iter().map(|f| f.name.as_str()));
        let topic_name = t.name.clone();
        self.unknown_in("fact", fact, &format!("topic `{topic_name}`"), &suggestions);
        None
    }

    fn value_index(
        &mut self,
        topic: quanze_core::TopicId,
        fact: &Word,
        value: &Word,
    ) -> Option<u32> {
        let t = self.decls.topics.get(topic.index())?;
        let f = t.facts.get(t.fact_index(&fact.text)?)?;
        if let Some(i) = f.values.iter().position(|v| *v == value.text) {
            return u32::try_from(i).ok();
        }
        let suggestions =
            quanze_core::names::suggest(&value.text, f.values.iter().map(String::as_str));
        let fact_name = f.name.clone();
        self.unknown_in("value", value, &format!("fact `{fact_name}`"), &suggestions);
        None
    }

    /// Whether a name after `closes` names no unit but is one slip from a level word
    /// (`网格居` for `网格`): then the level is the likelier meaning.
    fn is_close_word_slip(&self, word: &Word) -> bool {
        self.unit_names.matching(&word.text).is_empty()
            && !crate::fmt::keywords::nearest_words(&word.text, close_words().into_iter())
                .is_empty()
    }

    fn resolve_ladder(&mut self, scope: Scope, decl: &LadderDecl) {
        let Some(region) = self.region_for(scope, decl.region.as_ref(), decl.name.span, "ladder")
        else {
            return;
        };
        let mut levels = Vec::new();
        for level in &decl.levels {
            let closes = match &level.closes {
                Some(CloseSyntax::Grid) => Some(CloseAt::Grid),
                Some(CloseSyntax::Village) => Some(CloseAt::Village),
                Some(CloseSyntax::Township) => Some(CloseAt::Township),
                Some(CloseSyntax::Department) => Some(CloseAt::Department),
                Some(CloseSyntax::Named(word)) if self.is_close_word_slip(word) => {
                    self.unknown_unit_or_word(word, &close_words());
                    None
                }
                Some(CloseSyntax::Named(word)) => self
                    .unit_ref(word, Some(region))
                    .map(|_| CloseAt::Unit(word.text.clone())),
                None => {
                    self.missing("`closes`", level.severity.span, "say where the level is closed: grid, village, township, department or a unit");
                    None
                }
            };
            let by = level.by.as_ref().and_then(|r| self.role(r));
            let review = level.review.as_ref().and_then(|r| self.role(r));
            let within = level
                .within
                .as_ref()
                .and_then(|w| duration(w).map_err(|d| self.diagnostics.push(*d)).ok());
            if let Some(closes) = closes {
                levels.push(Level {
                    severity: level.severity.text.clone(),
                    closes,
                    by,
                    review,
                    within,
                    next: level.next.as_ref().map(|n| n.text.clone()),
                    span: level.span,
                });
            }
        }
        self.decls.ladders.push(Ladder {
            name: decl.name.text.clone(),
            region,
            levels,
            span: decl.name.span,
        });
    }

    fn resolve_accept(&mut self, scope: Scope, decl: &AcceptDecl) {
        if decl.points.is_empty() {
            self.missing(
                "`at POINTS`",
                decl.span,
                "name the service points that accept applications",
            );
        }
        let points: Vec<UnitId> = decl
            .points
            .iter()
            .filter_map(|p| self.unit_ref(p, scope))
            .collect();
        let items = match &decl.items {
            Some(SelectorSyntax::All) | None => ItemSelector::All,
            Some(SelectorSyntax::List(word)) => match ListKind::from_name(&word.text) {
                Some(list) => ItemSelector::List(list),
                None => {
                    self.diagnostics
                        .push(unknown_word("list", word, LIST_WORDS));
                    ItemSelector::All
                }
            },
            Some(SelectorSyntax::Items(codes)) => {
                ItemSelector::Items(codes.iter().filter_map(|c| self.item_ref(c)).collect())
            }
        };
        let from: Vec<_> = decl
            .from
            .iter()
            .filter_map(|f| {
                self.place_at_level(f, scope, &[PlaceLevel::Township, PlaceLevel::County])
                    .map(|(p, _)| p)
            })
            .collect();
        if decl.from.is_empty() {
            self.missing(
                "`from`",
                decl.span,
                "name the townships (or the county) whose residents are accepted",
            );
        }
        self.decls.acceptances.push(Acceptance {
            points,
            items,
            from,
            span: decl.span,
        });
    }

    fn resolve_org(&mut self, scope: Scope, decl: &OrgDecl) {
        match decl {
            OrgDecl::OfficeLimit {
                limits,
                region,
                span,
            } => {
                let Some(region) = self.region_for(scope, region.as_ref(), *span, "office limit")
                else {
                    return;
                };
                for (class_word, number) in limits {
                    let class = TownshipClass::from_name(&class_word.text);
                    if class.is_none() {
                        self.diagnostics.push(unknown_word(
                            "township class",
                            class_word,
                            &["一般", "较大", "特大", "general", "large", "extra-large"],
                        ));
                    }
                    let limit = number.text.parse::<u32>().ok().filter(|n| *n > 0);
                    if limit.is_none() {
                        self.diagnostics.push(
                            Diagnostic::error(
                                codes::INVALID_VALUE,
                                format!("`{}` is not a valid office limit", number.text),
                                number.span,
                            )
                            .with_help("a limit is a whole number of offices, at least 1"),
                        );
                    }
                    if let (Some(class), Some(limit)) = (class, limit) {
                        self.decls.org_rules.push(OrgRule::OfficeLimit {
                            region,
                            class,
                            limit,
                            span: class_word.span,
                        });
                    }
                }
            }
            OrgDecl::ApprovedDuties {
                duties,
                region,
                span,
            } => {
                let Some(region) = self.region_for(scope, region.as_ref(), *span, "duty list")
                else {
                    return;
                };
                let duties = duties.iter().map(|d| d.text.clone()).collect();
                self.decls.org_rules.push(OrgRule::ApprovedDuties {
                    region,
                    duties,
                    span: *span,
                });
            }
            OrgDecl::RequiredOffices {
                offices,
                region,
                span,
            } => {
                let Some(region) = self.region_for(scope, region.as_ref(), *span, "office set")
                else {
                    return;
                };
                let offices = offices.iter().map(|d| d.text.clone()).collect();
                self.decls.org_rules.push(OrgRule::RequiredOffices {
                    region,
                    offices,
                    span: *span,
                });
            }
        }
    }
}
