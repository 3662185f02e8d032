//! A topic's scenarios as decision diagrams over its classes: when each one is *selected* (it
//! matches and no scenario that overrides it matches, as the `scenario` query decides), the
//! region where none is selected (a gap, or where `otherwise` answers), and pairwise overlaps.

use super::mdd::{Exhausted, Mdd, NodeId, FALSE, TRUE};
use super::{Cube, Formula, Space};
use crate::ids::{ScenarioId, TopicId};
use crate::model::scenario::{Scenario, Topic};
use crate::ruleset::RuleSet;

/// Nodes one topic's diagram may hold before its questions are declared undecided.
pub(crate) const NODE_LIMIT: usize = 1_000_000;

/// The answer to "is there a combination where …?".
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Outcome {
    /// Yes: every combination of this cube.
    Found(Cube),
    /// No combination.
    None,
    /// The diagram outgrew its budget before deciding.
    Undecided,
}

/// The answer of [`TopicCoverage::unselected`].
#[derive(Clone, Debug, Default)]
pub(crate) struct Unselected {
    /// Disjoint cubes, in order.
    pub cubes: Vec<Cube>,
    /// More cubes exist beyond those returned.
    pub more: bool,
    /// The number of combinations in all the cubes, returned or not.
    pub count: u128,
    pub undecided: bool,
}

pub(crate) struct TopicCoverage<'a> {
    pub topic: &'a Topic,
    pub space: Space,
    /// The scenarios with a condition, in declaration order.
    pub conditioned: Vec<ScenarioId>,
    /// Per conditioned scenario: the node of `matches ∧ ¬(some overrider matches)`.
    selected: Vec<Result<NodeId, Exhausted>>,
    /// The topic's `otherwise` scenarios, in declaration order.
    pub otherwise: Vec<ScenarioId>,
    mdd: Mdd,
}

impl<'a> TopicCoverage<'a> {
    pub(crate) fn new(rs: &'a RuleSet, id: TopicId) -> Option<TopicCoverage<'a>> {
        TopicCoverage::with_limit(rs, id, NODE_LIMIT)
    }

    pub(crate) fn with_limit(
        rs: &'a RuleSet,
        id: TopicId,
        limit: usize,
    ) -> Option<TopicCoverage<'a>> {
        let topic = rs.topic(id)?;
        let of_topic: Vec<(ScenarioId, &Scenario)> = rs
            .decls()
            .scenarios
            .iter()
            .enumerate()
            .filter(|(_, s)| s.topic == id)
            .map(|(i, s)| (ScenarioId::from_index(i), s))
            .collect();
        let space = Space::new(
            topic,
            of_topic.iter().filter_map(|(_, s)| s.condition.as_ref()),
        );
        let mut mdd = Mdd::new(&space, limit);
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
            let formula = Formula::And(vec![space.formula(cond), Formula::Or(overriders).not()]);
            conditioned.push(*sid);
            selected.push(mdd.formula(&formula));
        }
        Some(TopicCoverage {
            topic,
            space,
            conditioned,
            selected,
            otherwise,
            mdd,
        })
    }

    /// The combinations where no conditioned scenario is selected: up to `max` disjoint cubes,
    /// their total count, and whether more cubes exist.
    pub(crate) fn unselected(&mut self, max: usize) -> Unselected {
        let mut node = TRUE;
        for s in self.selected.clone() {
            let step = s.and_then(|s| {
                let not = self.mdd.not(s)?;
                self.mdd.and(node, not)
            });
            match step {
                Ok(n) => node = n,
                Err(Exhausted) => {
                    return Unselected {
                        undecided: true,
                        ..Unselected::default()
                    }
                }
            }
        }
        let (cubes, more) = self.mdd.cubes(node, max);
        Unselected {
            cubes,
            more,
            count: self.mdd.count(&self.space, node),
            undecided: false,
        }
    }

    /// A cube where the `a`-th and `b`-th conditioned scenarios are both selected.
    pub(crate) fn overlap(&mut self, a: usize, b: usize) -> Outcome {
        let (Some(Ok(na)), Some(Ok(nb))) =
            (self.selected.get(a).copied(), self.selected.get(b).copied())
        else {
            return Outcome::Undecided;
        };
        match self.mdd.and(na, nb) {
            Ok(FALSE) => Outcome::None,
            Ok(n) => match self.mdd.cubes(n, 1).0.into_iter().next() {
                Some(cube) => Outcome::Found(cube),
                None => Outcome::None,
            },
            Err(Exhausted) => Outcome::Undecided,
        }
    }
}
