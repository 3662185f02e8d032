//! A topic's scenarios as formulas over its classes: when each one is *selected* (it matches
//! and no scenario that overrides it matches, as the `scenario` query decides), the region
//! where none is selected (a gap, or where `otherwise` answers), and pairwise overlaps.

use super::{solve, Cube, Formula, Outcome, Space};
use crate::ids::{ScenarioId, TopicId};
use crate::model::scenario::Topic;
use crate::ruleset::RuleSet;

/// Nodes one question may visit before it is declared undecided.
pub(crate) const BUDGET: u64 = 2_000_000;

/// The answer of [`TopicCoverage::unselected`].
#[derive(Clone, Debug, Default)]
pub(crate) struct Unselected {
    pub cubes: Vec<Cube>,
    /// More cubes exist beyond those returned.
    pub more: bool,
    pub undecided: bool,
}

pub(crate) struct TopicCoverage<'a> {
    pub topic: &'a Topic,
    pub space: Space,
    /// The scenarios with a condition, in declaration order.
    pub conditioned: Vec<ScenarioId>,
    /// Per conditioned scenario: `matches ∧ ¬(some overrider matches)`.
    selected: Vec<Formula>,
    /// The topic's `otherwise` scenarios, in declaration order.
    pub otherwise: Vec<ScenarioId>,
}

impl<'a> TopicCoverage<'a> {
    pub(crate) fn new(rs: &'a RuleSet, id: TopicId) -> Option<TopicCoverage<'a>> {
        let topic = rs.topic(id)?;
        let of_topic: Vec<(ScenarioId, &crate::model::scenario::Scenario)> = rs
            .decls()
            .scenarios
            .iter()
            .enumerate()
            .filter(|(_, s)| s.topic == id)
            .map(|(i, s)| (ScenarioId::from_index(i), s))
            .collect();
        let space = Space::new(topic, of_topic.iter().filter_map(|(_, s)| s.condition.as_ref()));
        let mut conditioned = Vec::new();
        let mut selected = Vec::new();
        let mut otherwise = Vec::new();
        for (sid, s) in &of_topic {
            let Some(cond) = &s.condition else {
                otherwise.push(*sid);
                continue;
            };
            // selected(X) :- matches(X), not (matches(Y), Y overrides X, Y ≠ X).
            let overriders: Vec<Formula> = of_topic
                .iter()
                .filter(|(by, o)| by != sid && o.overrides.contains(sid))
                .filter_map(|(_, o)| o.condition.as_ref().map(|c| space.formula(c)))
                .collect();
            let mut parts = vec![space.formula(cond)];
            if !overriders.is_empty() {
                parts.push(Formula::Or(overriders).not());
            }
            conditioned.push(*sid);
            selected.push(Formula::And(parts));
        }
        Some(TopicCoverage {
            topic,
            space,
            conditioned,
            selected,
            otherwise,
        })
    }

    /// Disjoint cubes where no conditioned scenario is selected: up to `max` of them, and
    /// whether more exist or the search stopped undecided.
    pub(crate) fn unselected(&self, max: usize) -> Unselected {
        let mut conjuncts: Vec<Formula> =
            self.selected.iter().map(|f| f.clone().not()).collect();
        let mut found = Unselected::default();
        loop {
            match solve(&self.space, &conjuncts, BUDGET) {
                Outcome::Found(cube) => {
                    if found.cubes.len() >= max {
                        found.more = true;
                        return found;
                    }
                    conjuncts.push(self.space.outside(&cube));
                    found.cubes.push(cube);
                }
                Outcome::None => return found,
                Outcome::Undecided => {
                    found.undecided = true;
                    return found;
                }
            }
        }
    }

    /// A cube where the `a`-th and `b`-th conditioned scenarios are both selected.
    pub(crate) fn overlap(&self, a: usize, b: usize) -> Outcome {
        match (self.selected.get(a), self.selected.get(b)) {
            (Some(fa), Some(fb)) => solve(&self.space, &[fa.clone(), fb.clone()], BUDGET),
            _ => Outcome::None,
        }
    }
}
