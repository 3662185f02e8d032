//! Checks of the role, scenario, escalation, duties and acceptance rules: `role_named`,
//! `role_level`, `role_handler`, `role_topic_lead`, `scenario_override`, `scenario_select`,
//! `scenario_answer`, `nearest_ladder`, `escalation_answer`, `duties_answer`, `accepts`,
//! `accept_answer`. Answers are recomputed from the declarations and the premises' claims.

use super::decls;
use super::{ensure, Checker, Verdict};
use crate::answer::{
    Designation, Resolved, ResolvedStep, Rung, ScenarioAnswer, ScenarioResolution, Unresolved,
    WhoAnswer,
};
use crate::ids::{ItemId, LadderId, PlaceId, ScenarioId, TopicId};
use crate::model::item::Holder;
use crate::model::jurisdiction::PlaceLevel;
use crate::model::ladder::CloseAt;
use crate::model::org::ItemSelector;
use crate::model::scenario::{Role, Scenario};
use crate::names::Resolution;
use crate::proof::{Actor, Claim, DeclRef, Rule, ScenarioStatus, Step, Subject};

mod duties;

impl Checker<'_> {
    pub(super) fn other_rule(&self, step: &Step) -> Verdict {
        let d = self.rs.decls();
        match (&step.rule, &step.claim) {
            (
                Rule::RoleNamed
                | Rule::RoleLevel
                | Rule::RoleHandler
                | Rule::RoleTopicLead
                | Rule::RoleResponsible,
                Claim::Resolves {
                    actor,
                    place,
                    date,
                    resolved,
                },
            ) => self.resolves(step, actor, *place, *date, resolved),
            // scenario_override: both match, and `by` declares that it overrides `scenario`.
            (
                Rule::ScenarioOverride,
                Claim::ScenarioOverridden {
                    scenario,
                    by,
                    facts,
                },
            ) => {
                self.premise_count(step, 0)?;
                let (s, o) = (
                    d.scenarios
                        .get(scenario.index())
                        .ok_or("unknown scenario")?,
                    d.scenarios.get(by.index()).ok_or("unknown scenario")?,
                );
                let matches = |s: &Scenario| {
                    s.condition
                        .as_ref()
                        .is_some_and(|c| c.eval_partial(facts) == Some(true))
                };
                ensure(
                    s.topic == o.topic && scenario != by && matches(s) && matches(o),
                    "the scenarios do not both match",
                )?;
                ensure(
                    o.overrides.contains(scenario),
                    "no such overrides declaration",
                )?;
                self.cites(step, DeclRef::Scenario(*by))
            }
            // scenario_select: every scenario of the topic with its status, by exhaustive scan.
            (
                Rule::ScenarioSelect,
                Claim::ScenarioSelection {
                    topic,
                    facts,
                    scanned,
                },
            ) => {
                let t = d.topics.get(topic.index()).ok_or("unknown topic")?;
                ensure(
                    facts.len() == t.facts.len(),
                    "one value per fact of the topic is needed",
                )?;
                ensure(
                    self.select(*topic, facts) == *scanned,
                    "the scenarios' statuses differ from the declarations",
                )?;
                let overridden: Vec<Claim> = scanned
                    .iter()
                    .filter_map(|(s, st)| match st {
                        ScenarioStatus::Overridden { by } => Some(Claim::ScenarioOverridden {
                            scenario: *s,
                            by: *by,
                            facts: facts.clone(),
                        }),
                        _ => None,
                    })
                    .collect();
                self.premise_count(step, overridden.len())?;
                for (k, want) in overridden.iter().enumerate() {
                    ensure(
                        self.premise_claim(step, k)? == want,
                        "an overridden scenario lacks its override step",
                    )?;
                }
                self.cites(step, DeclRef::Topic(*topic))
            }
            (
                Rule::ScenarioAnswer,
                Claim::ScenarioResult {
                    topic,
                    place,
                    date,
                    facts,
                    answer,
                },
            ) => {
                self.no_cite(step)?;
                let t = d.topics.get(topic.index()).ok_or("unknown topic")?;
                ensure(
                    t.region.is_none_or(|r| decls::is_within(d, *place, r)),
                    "the topic does not apply at the place",
                )?;
                let values = fact_values(t, facts)?;
                let scanned = match self.premise_claim(step, 0)? {
                    Claim::ScenarioSelection {
                        topic: pt,
                        facts: pf,
                        scanned,
                    } if pt == topic && *pf == values => scanned,
                    _ => return Err("premise 0 is not the selection for these facts".to_owned()),
                };
                let mut resolver = Resolver::new(self, step, *place, *date)?;
                let expected = match needs_facts(t, d, scanned, &values) {
                    Some(needs) => needs,
                    None => self.scenario_answer(scanned, *place, &mut resolver)?,
                };
                resolver.finish()?;
                ensure(
                    expected == *answer,
                    "the answer does not follow from the selection and the resolutions",
                )
            }
            // nearest_ladder: no nearer ancestor has a ladder; the first declared at the region.
            (Rule::NearestLadder, Claim::LadderApplies { ladder, place }) => {
                self.premise_count(step, 0)?;
                let nearest = decls::chain(d, *place).into_iter().find_map(|region| {
                    d.ladders
                        .iter()
                        .position(|l| l.region == region)
                        .map(LadderId::from_index)
                });
                ensure(
                    nearest == Some(*ladder),
                    "another ladder is nearer the place",
                )?;
                self.cites(step, DeclRef::Ladder(*ladder))
            }
            (
                Rule::EscalationAnswer,
                Claim::EscalationResult {
                    place,
                    severity,
                    subject,
                    facts,
                    date,
                    answer,
                },
            ) => {
                let values = match subject {
                    Some(Subject::Topic(topic)) => {
                        let t = d.topics.get(topic.index()).ok_or("unknown topic")?;
                        ensure(
                            t.region.is_none_or(|r| decls::is_within(d, *place, r)),
                            "the topic does not apply at the place",
                        )?;
                        fact_values(t, facts)?
                    }
                    _ => {
                        ensure(facts.is_empty(), "facts without a topic")?;
                        Vec::new()
                    }
                };
                self.no_cite(step)?;
                match self.premise_claim(step, 0)? {
                    Claim::LadderApplies { ladder, place: p }
                        if p == place && *ladder == answer.ladder => {}
                    _ => return Err("premise 0 is not the ladder of the place".to_owned()),
                }
                let ladder = d
                    .ladders
                    .get(answer.ladder.index())
                    .ok_or("unknown ladder")?;
                let upto = ladder
                    .levels
                    .iter()
                    .position(|l| l.severity == *severity)
                    .ok_or("the ladder has no such severity")?;
                let mut resolver = Resolver::new(self, step, *place, *date)?;
                let mut rungs = Vec::new();
                for level in ladder.levels.iter().take(upto + 1) {
                    let unit = match closing_actor(&level.closes, *subject, &values) {
                        Some(actor) => resolver.actor(&actor)?,
                        None => Resolved::Unresolved(Unresolved::NoSubject),
                    };
                    let by = level
                        .by
                        .as_ref()
                        .map(|r| resolver.role(r, None))
                        .transpose()?;
                    let review = level
                        .review
                        .as_ref()
                        .map(|r| resolver.role(r, None))
                        .transpose()?;
                    rungs.push(Rung {
                        severity: level.severity.clone(),
                        closes: level.closes.clone(),
                        unit,
                        by,
                        review,
                        within: level.within,
                    });
                }
                resolver.finish()?;
                ensure(
                    rungs == answer.rungs,
                    "the rungs do not follow from the ladder and the resolutions",
                )
            }
            (Rule::DutiesAnswer, Claim::DutiesResult { unit, date, answer }) => {
                self.duties(step, *unit, *date, answer)
            }
            // accepts: the rule covers the township and includes the item.
            (
                Rule::Accepts,
                Claim::Accepts {
                    acceptance,
                    item,
                    township,
                },
            ) => {
                self.premise_count(step, 0)?;
                ensure(
                    self.accepts(*acceptance as usize, *item, *township),
                    "the acceptance rule does not take this application",
                )?;
                self.cites(step, DeclRef::Acceptance(*acceptance))
            }
            (
                Rule::AcceptAnswer,
                Claim::AcceptResult {
                    item,
                    place,
                    date,
                    answer,
                },
            ) => {
                self.no_cite(step)?;
                let township = decls::ancestor_at(d, *place, PlaceLevel::Township);
                let expected: Vec<u32> = match township {
                    Some(t) => (0..d.acceptances.len())
                        .filter(|i| self.accepts(*i, *item, t))
                        .filter_map(|i| u32::try_from(i).ok())
                        .collect(),
                    None => Vec::new(),
                };
                ensure(
                    expected == answer.acceptances,
                    "the acceptance rules are not those that apply",
                )?;
                let mut points = Vec::new();
                for a in &expected {
                    for p in d
                        .acceptances
                        .get(*a as usize)
                        .map(|a| a.points.as_slice())
                        .unwrap_or_default()
                    {
                        if !points.contains(p) {
                            points.push(*p);
                        }
                    }
                }
                ensure(
                    points == answer.points,
                    "the points are not those of the rules",
                )?;
                self.premise_count(step, expected.len() + 1)?;
                for (k, a) in expected.iter().enumerate() {
                    let want = Claim::Accepts {
                        acceptance: *a,
                        item: *item,
                        township: township.ok_or("no township")?,
                    };
                    ensure(
                        *self.premise_claim(step, k)? == want,
                        "an acceptance rule lacks its step",
                    )?;
                }
                let handler = self.premise(step, expected.len())?;
                ensure(
                    self.who_answer(handler, *item, *place, *date).as_ref()
                        == Some(&answer.handler),
                    "the handler is not the answer of who_handles",
                )
            }
            _ => Err("the rule does not derive this kind of claim".to_owned()),
        }
    }

    /// The who_handles answer a step states for the item, place and date, if it states one.
    pub(super) fn who_answer(
        &self,
        step: &Step,
        item: ItemId,
        place: PlaceId,
        date: time::Date,
    ) -> Option<WhoAnswer> {
        match &step.claim {
            Claim::Handles {
                item: i,
                place: p,
                date: d,
                part: None,
                handling,
            } if *i == item && *p == place && *d == date && step.rule != Rule::ByCandidate => {
                Some(WhoAnswer::Handled(handling.clone()))
            }
            Claim::Contested {
                item: i,
                place: p,
                date: d,
                part: None,
                township,
                candidates,
            } if *i == item && *p == place && *d == date => Some(WhoAnswer::Conflict {
                township: *township,
                candidates: candidates.clone(),
            }),
            _ => None,
        }
    }

    fn accepts(&self, acceptance: usize, item: ItemId, township: PlaceId) -> bool {
        let d = self.rs.decls();
        let (Some(a), Some(decl)) = (d.acceptances.get(acceptance), d.items.get(item.index()))
        else {
            return false;
        };
        let includes = match &a.items {
            ItemSelector::All => true,
            ItemSelector::List(list) => *list == decl.list,
            ItemSelector::Items(items) => items.contains(&item),
        };
        includes
            && decls::level(d, township) == Some(PlaceLevel::Township)
            && a.from.iter().any(|p| decls::is_within(d, township, *p))
    }

    fn select(&self, topic: TopicId, facts: &[u32]) -> Vec<(ScenarioId, ScenarioStatus)> {
        let d = self.rs.decls();
        let of_topic: Vec<(ScenarioId, &Scenario)> = d
            .scenarios
            .iter()
            .enumerate()
            .filter(|(_, s)| s.topic == topic)
            .map(|(i, s)| (ScenarioId::from_index(i), s))
            .collect();
        // A condition whose outcome depends on a fact not given is undecided; then no catch-all
        // is selected either.
        let undecided = |s: &Scenario| {
            s.condition
                .as_ref()
                .is_some_and(|c| c.eval_partial(facts).is_none())
        };
        let any_undecided = of_topic.iter().any(|(_, s)| undecided(s));
        let matches = |s: &Scenario| {
            s.condition
                .as_ref()
                .is_some_and(|c| c.eval_partial(facts) == Some(true))
        };
        let matching: Vec<ScenarioId> = of_topic
            .iter()
            .filter(|(_, s)| matches(s))
            .map(|(i, _)| *i)
            .collect();
        let overrider = |id: ScenarioId| {
            of_topic
                .iter()
                .find(|(by, s)| *by != id && matching.contains(by) && s.overrides.contains(&id))
                .map(|(by, _)| *by)
        };
        let left = matching
            .iter()
            .filter(|id| overrider(**id).is_none())
            .count();
        of_topic
            .iter()
            .map(|(id, s)| {
                let status = match (s.condition.is_none(), matches(s), overrider(*id)) {
                    (true, _, _) if left > 0 => ScenarioStatus::OtherwiseUnused,
                    (true, _, _) if any_undecided => ScenarioStatus::Undecided,
                    (true, _, _) => ScenarioStatus::Selected,
                    (false, _, _) if undecided(s) => ScenarioStatus::Undecided,
                    (false, false, _) => ScenarioStatus::NoMatch,
                    (false, true, Some(by)) => ScenarioStatus::Overridden { by },
                    (false, true, None) => ScenarioStatus::Selected,
                };
                (*id, status)
            })
            .collect()
    }

    fn scenario_answer(
        &self,
        scanned: &[(ScenarioId, ScenarioStatus)],
        place: PlaceId,
        resolver: &mut Resolver<'_, '_>,
    ) -> Result<ScenarioAnswer, String> {
        let d = self.rs.decls();
        let township =
            decls::ancestor_at(d, place, PlaceLevel::Township).and_then(|t| decls::governing(d, t));
        let mut candidates = Vec::new();
        for (id, status) in scanned {
            if *status != ScenarioStatus::Selected {
                continue;
            }
            let s = d.scenarios.get(id.index()).ok_or("unknown scenario")?;
            let lead = s
                .lead
                .as_ref()
                .map(|r| resolver.role(r, None))
                .transpose()?;
            let assist = s
                .assist
                .iter()
                .map(|r| resolver.role(r, lead.as_ref()))
                .collect::<Result<Vec<_>, _>>()?;
            let mut flow = Vec::new();
            for st in &s.flow {
                let actor = st
                    .actor
                    .as_ref()
                    .map(|r| resolver.role(r, lead.as_ref()))
                    .transpose()?;
                flow.push(ResolvedStep {
                    action: st.action.clone(),
                    actor,
                    limit: st.limit,
                });
            }
            candidates.push(ScenarioResolution {
                scenario: *id,
                lead,
                assist,
                township,
                township_duties: s.township_duties.clone(),
                flow,
            });
        }
        if candidates.len() > 1 {
            let superior = decls::ancestor_at(d, place, PlaceLevel::County).unwrap_or(place);
            let designate = Designation {
                place: superior,
                unit: decls::governing(d, superior),
            };
            return Ok(ScenarioAnswer::Ambiguous {
                candidates,
                designate,
            });
        }
        Ok(candidates
            .pop()
            .map_or(ScenarioAnswer::NoMatch, ScenarioAnswer::Matched))
    }

    fn resolves(
        &self,
        step: &Step,
        actor: &Actor,
        place: PlaceId,
        date: time::Date,
        resolved: &Resolved,
    ) -> Verdict {
        let d = self.rs.decls();
        match (step.rule, actor) {
            // role_named: the name resolves from the place to a unit seated in its county.
            (Rule::RoleNamed, Actor::Role(Role::Named(name))) => {
                self.premise_count(step, 0)?;
                let home = decls::ancestor_at(d, place, PlaceLevel::County).unwrap_or(place);
                let expected = match self.rs.resolve_unit(name, Some(place)) {
                    Resolution::Found(u) => {
                        let inside = d.units.get(u.index()).is_some_and(|unit| {
                            decls::is_within(d, unit.seat, home)
                                || decls::is_within(d, place, unit.seat)
                        });
                        if inside {
                            Resolved::Unit(u)
                        } else {
                            Resolved::Unresolved(Unresolved::OutsideCounty {
                                name: name.clone(),
                                unit: u,
                            })
                        }
                    }
                    Resolution::Ambiguous(candidates) => {
                        Resolved::Unresolved(Unresolved::AmbiguousName {
                            name: name.clone(),
                            candidates,
                        })
                    }
                    Resolution::NotFound { .. } => {
                        Resolved::Unresolved(Unresolved::UnknownName { name: name.clone() })
                    }
                };
                ensure(expected == *resolved, "the name does not resolve so")?;
                match resolved {
                    Resolved::Unit(u) => self.cites(step, DeclRef::Unit(*u)),
                    Resolved::Unresolved(_) => self.no_cite(step),
                }
            }
            // role_level: the unit governing the place's ancestor at the level.
            (Rule::RoleLevel, Actor::Role(Role::Level(level))) => {
                self.no_cite(step)?;
                match resolved {
                    Resolved::Unit(u) => {
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
                            *p == place && l == level,
                            "premise 0 is about another place or level",
                        )?;
                        ensure(
                            *self.premise_claim(step, 1)?
                                == Claim::Governs {
                                    unit: *u,
                                    place: *ancestor,
                                },
                            "premise 1 is not the ancestor's governing unit",
                        )
                    }
                    Resolved::Unresolved(why) => {
                        self.premise_count(step, 0)?;
                        let unit = decls::ancestor_at(d, place, *level)
                            .and_then(|a| decls::governing(d, a));
                        ensure(
                            unit.is_none() && *why == Unresolved::NoUnitAtLevel { level: *level },
                            "a unit governs the place at that level",
                        )
                    }
                }
            }
            // role_handler: the handler of the item at the place on the date.
            (Rule::RoleHandler, Actor::Role(Role::HandlerOf(item))) => {
                self.no_cite(step)?;
                if step.premises.is_empty() {
                    let decl = d.items.get(item.index());
                    let fails = match decl {
                        None => true,
                        Some(i) => {
                            let level = match i.holder {
                                Holder::EachTownship => Some(PlaceLevel::Township),
                                Holder::EachVillage => Some(PlaceLevel::Village),
                                Holder::Unit(_) => None,
                            };
                            let no_holder = level.is_some_and(|l| {
                                decls::ancestor_at(d, place, l)
                                    .and_then(|a| decls::governing(d, a))
                                    .is_none()
                            });
                            !decls::in_scope(d, i, place) || no_holder
                        }
                    };
                    return ensure(
                        fails
                            && *resolved
                                == Resolved::Unresolved(Unresolved::HandlerError { item: *item }),
                        "the item has a handler at the place",
                    );
                }
                self.premise_count(step, 1)?;
                let who = self
                    .who_answer(self.premise(step, 0)?, *item, place, date)
                    .ok_or("premise 0 is not who handles the item here")?;
                let expected = match who {
                    WhoAnswer::Handled(h) => Resolved::Unit(h.handler),
                    WhoAnswer::Conflict { .. } => {
                        Resolved::Unresolved(Unresolved::HandlerConflict { item: *item })
                    }
                };
                ensure(expected == *resolved, "the resolution is not the handler")
            }
            // role_topic_lead: the lead of the one scenario the facts select, or why none is.
            (Rule::RoleTopicLead, Actor::TopicLead { topic, facts }) => {
                self.no_cite(step)?;
                let scanned = match self.premise_claim(step, 0)? {
                    Claim::ScenarioSelection {
                        topic: t,
                        facts: f,
                        scanned,
                    } if t == topic && f == facts => scanned,
                    _ => return Err("premise 0 is not the selection for these facts".to_owned()),
                };
                let t = d.topics.get(topic.index()).ok_or("unknown topic")?;
                let selected: Vec<ScenarioId> = scanned
                    .iter()
                    .filter(|(_, s)| *s == ScenarioStatus::Selected)
                    .map(|(id, _)| *id)
                    .collect();
                let lead = match (needs_facts(t, d, scanned, facts), selected.as_slice()) {
                    (Some(ScenarioAnswer::NeedsFacts { missing, .. }), _) => {
                        Err(Unresolved::NeedsFacts { missing })
                    }
                    (_, []) => Err(Unresolved::NoScenario { topic: *topic }),
                    (_, [one]) => d
                        .scenarios
                        .get(one.index())
                        .and_then(|s| s.lead.as_ref())
                        .ok_or(Unresolved::NoLead),
                    (_, many) => Err(Unresolved::AmbiguousScenario {
                        scenarios: many.to_vec(),
                    }),
                };
                match lead {
                    Ok(role) => {
                        self.premise_count(step, 2)?;
                        match self.premise_claim(step, 1)? {
                            Claim::Resolves {
                                actor: Actor::Role(r),
                                place: p,
                                date: dt,
                                resolved: r2,
                            } if r == role && *p == place && *dt == date => {
                                ensure(r2 == resolved, "the resolution is not the lead's")
                            }
                            _ => Err("premise 1 does not resolve the scenario's lead".to_owned()),
                        }
                    }
                    Err(why) => {
                        self.premise_count(step, 1)?;
                        ensure(
                            *resolved == Resolved::Unresolved(why),
                            "the facts select a scenario with a lead",
                        )
                    }
                }
            }
            // role_responsible: the holder of the item at the place, or a territorial item's
            // primary unit.
            (Rule::RoleResponsible, Actor::Responsible(item)) => {
                self.no_cite(step)?;
                self.premise_count(step, 1)?;
                let decl = d.items.get(item.index()).ok_or("unknown item")?;
                let territorial = decls::undelegable(d, decl) && decl.territorial.is_some();
                let unit = match self.premise_claim(step, 0)? {
                    Claim::TerritorialItem {
                        item: i, primary, ..
                    } if territorial && i == item => *primary,
                    Claim::Holds {
                        unit,
                        item: i,
                        place: p,
                    } if !territorial && i == item && *p == place => *unit,
                    _ => {
                        return Err(
                            "premise 0 is not the item's holder or primary unit at the place"
                                .to_owned(),
                        )
                    }
                };
                ensure(
                    *resolved == Resolved::Unit(unit),
                    "the resolution is not the responsible department",
                )
            }
            _ => Err("the rule does not resolve this kind of actor".to_owned()),
        }
    }
}

/// `needs_facts(missing, possible)` when a scenario is undecided: the facts that undecided
/// scenarios test and the query did not give (topic order), and the selected and undecided
/// scenarios (declaration order).
fn needs_facts(
    topic: &crate::model::scenario::Topic,
    d: &crate::ruleset::Decls,
    scanned: &[(ScenarioId, ScenarioStatus)],
    values: &[u32],
) -> Option<ScenarioAnswer> {
    if !scanned.iter().any(|(_, s)| *s == ScenarioStatus::Undecided) {
        return None;
    }
    let mut tested = Vec::new();
    for (id, status) in scanned {
        if *status == ScenarioStatus::Undecided {
            if let Some(c) = d
                .scenarios
                .get(id.index())
                .and_then(|s| s.condition.as_ref())
            {
                c.tested_facts(&mut tested);
            }
        }
    }
    let missing = topic
        .facts
        .iter()
        .zip(values)
        .enumerate()
        .filter(|(i, (_, v))| {
            **v == u32::MAX && u32::try_from(*i).is_ok_and(|i| tested.contains(&i))
        })
        .map(|(_, (f, _))| f.name.clone())
        .collect();
    let possible = scanned
        .iter()
        .filter(|(_, s)| matches!(s, ScenarioStatus::Selected | ScenarioStatus::Undecided))
        .map(|(id, _)| *id)
        .collect();
    Some(ScenarioAnswer::NeedsFacts { missing, possible })
}

/// One value index per fact of the topic, `u32::MAX` for a fact not given.
fn fact_values(
    t: &crate::model::scenario::Topic,
    facts: &[(String, String)],
) -> Result<Vec<u32>, String> {
    let mut values = vec![u32::MAX; t.facts.len()];
    for (fact, value) in facts {
        let f = t
            .facts
            .iter()
            .position(|f| f.name == *fact)
            .ok_or("unknown fact")?;
        let v = t
            .facts
            .get(f)
            .and_then(|f| f.values.iter().position(|v| v == value))
            .ok_or("unknown value")?;
        *values.get_mut(f).ok_or("unknown fact")? =
            u32::try_from(v).map_err(|_| "value out of range")?;
    }
    Ok(values)
}

fn closing_actor(closes: &CloseAt, subject: Option<Subject>, facts: &[u32]) -> Option<Actor> {
    Some(match closes {
        CloseAt::Grid => Actor::Role(Role::Level(PlaceLevel::Grid)),
        CloseAt::Village => Actor::Role(Role::Level(PlaceLevel::Village)),
        CloseAt::Township => Actor::Role(Role::Level(PlaceLevel::Township)),
        CloseAt::Unit(name) => Actor::Role(Role::Named(name.clone())),
        CloseAt::Department => match subject? {
            Subject::Item(item) => Actor::Responsible(item),
            Subject::Topic(topic) => Actor::TopicLead {
                topic,
                facts: facts.to_vec(),
            },
        },
    })
}

/// Reads resolutions off a step's premises 1.. in order of first use, and insists that every
/// premise is used.
struct Resolver<'c, 'a> {
    checker: &'c Checker<'a>,
    step: &'c Step,
    place: PlaceId,
    date: time::Date,
    used: Vec<Actor>,
}

impl<'c, 'a> Resolver<'c, 'a> {
    fn new(
        checker: &'c Checker<'a>,
        step: &'c Step,
        place: PlaceId,
        date: time::Date,
    ) -> Result<Self, String> {
        Ok(Resolver {
            checker,
            step,
            place,
            date,
            used: Vec::new(),
        })
    }

    fn actor(&mut self, actor: &Actor) -> Result<Resolved, String> {
        if let Actor::Role(Role::Lead) = actor {
            return Ok(Resolved::Unresolved(Unresolved::NoLead));
        }
        let k = match self.used.iter().position(|a| a == actor) {
            Some(k) => k,
            None => {
                self.used.push(actor.clone());
                self.used.len() - 1
            }
        };
        match self.checker.premise_claim(self.step, k + 1)? {
            Claim::Resolves {
                actor: a,
                place,
                date,
                resolved,
            } if a == actor && *place == self.place && *date == self.date => Ok(resolved.clone()),
            _ => Err(format!("premise {} does not resolve the next actor", k + 1)),
        }
    }

    fn role(&mut self, role: &Role, lead: Option<&Resolved>) -> Result<Resolved, String> {
        match role {
            Role::Lead => Ok(lead
                .cloned()
                .unwrap_or(Resolved::Unresolved(Unresolved::NoLead))),
            other => self.actor(&Actor::Role(other.clone())),
        }
    }

    fn finish(self) -> Verdict {
        ensure(
            self.step.premises.len() == self.used.len() + 1,
            "a premise resolves no actor of the answer",
        )
    }
}
