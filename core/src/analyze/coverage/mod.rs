//! Exact coverage reasoning over a topic's fact domains, without enumerating their product.
//!
//! A topic with eight facts of ten values has 10^8 combinations; scenario conditions mention
//! only a few values of a few facts. Two ideas keep the analysis exact and small:
//!
//! 1. **Partition refinement.** For each fact, values that no condition tells apart form one
//!    class: every atom (`fact == v`, `fact in [..]`) is a union of classes. A topic that
//!    mentions three values of a fact has at most four classes for it, whatever its domain.
//! 2. **A decision diagram over the classes** (`mdd.rs`): each scenario's selection condition
//!    (it matches, and no scenario that overrides it matches) becomes a reduced, shared
//!    multi-valued decision diagram. Equal functions are one node, so "no scenario selected"
//!    (the gaps) and "both selected" (an overlap) are built by memoized `and` / `or` / `not`
//!    and read off exactly: a path to `true` is a *cube* (some facts fixed to a class, the others
//!    free), the paths are disjoint, and the number of combinations is counted on the graph.
//!
//! The answers are exact; the cost follows the number of classes the conditions distinguish
//! and the sharing between them, not the size of the domains. A node budget bounds
//! pathological inputs: when it runs out the answer is [`Outcome::Undecided`], never a guess.

mod mdd;
mod topic;

pub(crate) use topic::{Outcome, TopicCoverage};

use crate::model::scenario::{Cond, Topic};
use std::collections::BTreeMap;

/// A set of classes of one fact, as a bit set.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Classes(Vec<u64>);

impl Classes {
    fn with(len: usize) -> Classes {
        Classes(vec![0; len.div_ceil(64).max(1)])
    }

    fn insert(&mut self, class: u32) {
        let (word, bit) = ((class / 64) as usize, class % 64);
        if let Some(w) = self.0.get_mut(word) {
            *w |= 1u64 << bit;
        }
    }

    pub(crate) fn contains(&self, class: u32) -> bool {
        let (word, bit) = ((class / 64) as usize, class % 64);
        self.0.get(word).is_some_and(|w| w & (1u64 << bit) != 0)
    }
}

/// A condition over classes: what the search evaluates.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Formula {
    True,
    In { fact: usize, classes: Classes },
    Not(Box<Formula>),
    And(Vec<Formula>),
    Or(Vec<Formula>),
}

impl Formula {
    pub(crate) fn not(self) -> Formula {
        match self {
            Formula::Not(inner) => *inner,
            other => Formula::Not(Box::new(other)),
        }
    }
}

/// The classes of every fact of a topic, refined by a set of conditions.
#[derive(Clone, Debug)]
pub(crate) struct Space {
    /// Per fact: the classes, each the list of its value indices in ascending order.
    classes: Vec<Vec<Vec<u32>>>,
    /// Per fact: the class of each value.
    class_of: Vec<Vec<u32>>,
}

/// One class per fact, or `None` for a fact the cube leaves free.
pub(crate) type Cube = Vec<Option<u32>>;

fn atoms(cond: &Cond, out: &mut Vec<(usize, Vec<u32>)>) {
    match cond {
        Cond::True => {}
        Cond::Eq { fact, value } | Cond::Ne { fact, value } => {
            out.push((*fact as usize, vec![*value]));
        }
        Cond::In { fact, values } => out.push((*fact as usize, values.clone())),
        Cond::Not(inner) => atoms(inner, out),
        Cond::And(parts) | Cond::Or(parts) => {
            for p in parts {
                atoms(p, out);
            }
        }
    }
}

impl Space {
    /// Refines each fact's domain by every atom of `conds`.
    pub(crate) fn new<'a>(topic: &Topic, conds: impl IntoIterator<Item = &'a Cond>) -> Space {
        let mut by_fact: Vec<Vec<Vec<u32>>> = vec![Vec::new(); topic.facts.len()];
        let mut found = Vec::new();
        for cond in conds {
            atoms(cond, &mut found);
        }
        for (fact, values) in found {
            if let Some(sets) = by_fact.get_mut(fact) {
                sets.push(values);
            }
        }
        let mut classes = Vec::with_capacity(topic.facts.len());
        let mut class_of = Vec::with_capacity(topic.facts.len());
        for (fact, sets) in topic.facts.iter().zip(&by_fact) {
            // Values with the same membership in every atom's set share a class; classes are
            // numbered in the order of their smallest value, so the output is deterministic.
            let mut signature_class: BTreeMap<Vec<bool>, u32> = BTreeMap::new();
            let mut fact_classes: Vec<Vec<u32>> = Vec::new();
            let mut of = Vec::with_capacity(fact.values.len());
            for v in 0..fact.values.len() {
                let v = u32::try_from(v).unwrap_or(u32::MAX);
                let signature: Vec<bool> = sets.iter().map(|s| s.contains(&v)).collect();
                let next = u32::try_from(fact_classes.len()).unwrap_or(u32::MAX);
                let class = *signature_class.entry(signature).or_insert(next);
                if class == next {
                    fact_classes.push(Vec::new());
                }
                if let Some(members) = fact_classes.get_mut(class as usize) {
                    members.push(v);
                }
                of.push(class);
            }
            classes.push(fact_classes);
            class_of.push(of);
        }
        Space { classes, class_of }
    }

    pub(crate) fn facts(&self) -> usize {
        self.classes.len()
    }

    /// The number of values of a fact.
    pub(crate) fn domain(&self, fact: usize) -> usize {
        self.class_of.get(fact).map_or(0, Vec::len)
    }

    /// The number of classes of a fact.
    pub(crate) fn class_count(&self, fact: usize) -> u32 {
        self.classes
            .get(fact)
            .map_or(0, |c| u32::try_from(c.len()).unwrap_or(u32::MAX))
    }

    /// The values of one class of a fact.
    pub(crate) fn members(&self, fact: usize, class: u32) -> &[u32] {
        self.classes
            .get(fact)
            .and_then(|c| c.get(class as usize))
            .map_or(&[][..], Vec::as_slice)
    }

    fn classes_of(&self, fact: usize, values: &[u32]) -> Classes {
        let count = self.class_count(fact) as usize;
        let mut set = Classes::with(count);
        if let Some(of) = self.class_of.get(fact) {
            for v in values {
                if let Some(c) = of.get(*v as usize) {
                    set.insert(*c);
                }
            }
        }
        set
    }

    /// Translates a condition whose atoms were given to [`Space::new`].
    pub(crate) fn formula(&self, cond: &Cond) -> Formula {
        match cond {
            Cond::True => Formula::True,
            Cond::Eq { fact, value } => Formula::In {
                fact: *fact as usize,
                classes: self.classes_of(*fact as usize, &[*value]),
            },
            Cond::Ne { fact, value } => Formula::In {
                fact: *fact as usize,
                classes: self.classes_of(*fact as usize, &[*value]),
            }
            .not(),
            Cond::In { fact, values } => Formula::In {
                fact: *fact as usize,
                classes: self.classes_of(*fact as usize, values),
            },
            Cond::Not(inner) => self.formula(inner).not(),
            Cond::And(parts) => Formula::And(parts.iter().map(|p| self.formula(p)).collect()),
            Cond::Or(parts) => Formula::Or(parts.iter().map(|p| self.formula(p)).collect()),
        }
    }

    /// One concrete combination of the cube: the first value of each class, or of each domain
    /// for a free fact.
    pub(crate) fn witness(&self, cube: &Cube) -> Vec<u32> {
        (0..self.facts())
            .map(|fact| {
                let class = cube.get(fact).copied().flatten().unwrap_or(0);
                self.members(fact, class).first().copied().unwrap_or(0)
            })
            .collect()
    }

    /// The number of combinations the cube stands for, saturating.
    pub(crate) fn size(&self, topic: &Topic, cube: &Cube) -> u128 {
        let mut n: u128 = 1;
        for (fact, decl) in topic.facts.iter().enumerate() {
            let width = match cube.get(fact).copied().flatten() {
                Some(class) => self.members(fact, class).len(),
                None => decl.values.len(),
            };
            n = n.saturating_mul(width as u128);
        }
        n
    }
}

/// Writes a combination as `fact=value, …` in the topic's fact order.
pub(crate) fn combination(topic: &Topic, values: &[u32]) -> String {
    topic
        .facts
        .iter()
        .zip(values)
        .map(|(f, v)| {
            let value = f.values.get(*v as usize).map_or("?", String::as_str);
            format!("{}={value}", f.name)
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Writes a cube as the constraints it fixes: `环节=运输, 地点 in [公路, 水路]`; free facts are
/// left out. An empty cube is `every combination`.
pub(crate) fn describe(space: &Space, topic: &Topic, cube: &Cube) -> String {
    let mut parts = Vec::new();
    for (fact, decl) in topic.facts.iter().enumerate() {
        let Some(class) = cube.get(fact).copied().flatten() else {
            continue;
        };
        let names: Vec<&str> = space
            .members(fact, class)
            .iter()
            .filter_map(|v| decl.values.get(*v as usize).map(String::as_str))
            .collect();
        match names.as_slice() {
            [one] => parts.push(format!("{}={one}", decl.name)),
            many => parts.push(format!("{} in [{}]", decl.name, many.join(", "))),
        }
    }
    if parts.is_empty() {
        "every combination".to_owned()
    } else {
        parts.join(", ")
    }
}

#[cfg(test)]
mod tests;
