//! A small multi-valued decision diagram: reduced, hash-consed, with memoized `and`, `or` and
//! `not`. Variables are facts in topic order; a node on a fact has one child per class of that
//! fact. Two equal functions are the same node, so `x ∧ ¬x` is `FALSE` at once, whatever the
//! formulas looked like, and satisfiability, witnesses and counts are read off the graph.

use super::{Classes, Cube, Formula, Space};
use rustc_hash::FxHashMap;

/// A node id; 0 and 1 are the terminals.
pub(crate) type NodeId = u32;
pub(crate) const FALSE: NodeId = 0;
pub(crate) const TRUE: NodeId = 1;

/// The diagram grew past its node budget: the question is undecided.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Exhausted;

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
struct Node {
    /// The fact tested; `u32::MAX` for the terminals.
    fact: u32,
    kids: Box<[NodeId]>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Op {
    And,
    Or,
}

pub(crate) struct Mdd {
    nodes: Vec<Node>,
    unique: FxHashMap<Node, NodeId>,
    apply_cache: FxHashMap<(Op, NodeId, NodeId), NodeId>,
    not_cache: FxHashMap<NodeId, NodeId>,
    /// Classes per fact.
    widths: Vec<u32>,
    limit: usize,
}

impl Mdd {
    pub(crate) fn new(space: &Space, limit: usize) -> Mdd {
        let terminal = |_| Node {
            fact: u32::MAX,
            kids: Box::new([]),
        };
        Mdd {
            nodes: vec![terminal(0), terminal(1)],
            unique: FxHashMap::default(),
            apply_cache: FxHashMap::default(),
            not_cache: FxHashMap::default(),
            widths: (0..space.facts()).map(|f| space.class_count(f)).collect(),
            limit,
        }
    }

    fn fact(&self, n: NodeId) -> u32 {
        self.nodes
            .get(n as usize)
            .map_or(u32::MAX, |node| node.fact)
    }

    /// The child of `n` for `class` of `fact`: `n` itself when it does not test that fact.
    fn child(&self, n: NodeId, fact: u32, class: u32) -> NodeId {
        match self.nodes.get(n as usize) {
            Some(node) if node.fact == fact => {
                node.kids.get(class as usize).copied().unwrap_or(FALSE)
            }
            _ => n,
        }
    }

    fn make(&mut self, fact: u32, kids: Vec<NodeId>) -> Result<NodeId, Exhausted> {
        // Reduction: a test whose branches all agree is no test.
        if let Some(first) = kids.first().copied() {
            if kids.iter().all(|k| *k == first) {
                return Ok(first);
            }
        } else {
            return Ok(FALSE);
        }
        let node = Node {
            fact,
            kids: kids.into_boxed_slice(),
        };
        if let Some(id) = self.unique.get(&node) {
            return Ok(*id);
        }
        if self.nodes.len() >= self.limit {
            return Err(Exhausted);
        }
        let id = NodeId::try_from(self.nodes.len()).map_err(|_| Exhausted)?;
        self.nodes.push(node.clone());
        self.unique.insert(node, id);
        Ok(id)
    }

    fn apply(&mut self, op: Op, a: NodeId, b: NodeId) -> Result<NodeId, Exhausted> {
        let (zero, one) = match op {
            Op::And => (FALSE, TRUE),
            Op::Or => (TRUE, FALSE),
        };
        if a == zero || b == zero {
            return Ok(zero);
        }
        if a == one || a == b {
            return Ok(b);
        }
        if b == one {
            return Ok(a);
        }
        let key = (op, a.min(b), a.max(b));
        if let Some(r) = self.apply_cache.get(&key) {
            return Ok(*r);
        }
        let fact = self.fact(a).min(self.fact(b));
        let width = self.widths.get(fact as usize).copied().unwrap_or(0);
        let mut kids = Vec::with_capacity(width as usize);
        for class in 0..width {
            let (ka, kb) = (self.child(a, fact, class), self.child(b, fact, class));
            kids.push(self.apply(op, ka, kb)?);
        }
        let r = self.make(fact, kids)?;
        self.apply_cache.insert(key, r);
        Ok(r)
    }

    pub(crate) fn and(&mut self, a: NodeId, b: NodeId) -> Result<NodeId, Exhausted> {
        self.apply(Op::And, a, b)
    }

    pub(crate) fn or(&mut self, a: NodeId, b: NodeId) -> Result<NodeId, Exhausted> {
        self.apply(Op::Or, a, b)
    }

    pub(crate) fn not(&mut self, a: NodeId) -> Result<NodeId, Exhausted> {
        match a {
            FALSE => return Ok(TRUE),
            TRUE => return Ok(FALSE),
            _ => {}
        }
        if let Some(r) = self.not_cache.get(&a) {
            return Ok(*r);
        }
        let (fact, kids) = match self.nodes.get(a as usize) {
            Some(node) => (node.fact, node.kids.to_vec()),
            None => return Ok(TRUE),
        };
        let mut negated = Vec::with_capacity(kids.len());
        for k in kids {
            negated.push(self.not(k)?);
        }
        let r = self.make(fact, negated)?;
        self.not_cache.insert(a, r);
        Ok(r)
    }

    fn atom(&mut self, fact: usize, classes: &Classes) -> Result<NodeId, Exhausted> {
        let Some(width) = self.widths.get(fact).copied() else {
            // An atom on a fact outside the topic never holds (as `Cond::eval` has it).
            return Ok(FALSE);
        };
        let kids = (0..width)
            .map(|c| if classes.contains(c) { TRUE } else { FALSE })
            .collect();
        self.make(u32::try_from(fact).unwrap_or(u32::MAX), kids)
    }

    /// The node of a formula.
    pub(crate) fn formula(&mut self, f: &Formula) -> Result<NodeId, Exhausted> {
        match f {
            Formula::True => Ok(TRUE),
            Formula::In { fact, classes } => self.atom(*fact, classes),
            Formula::Not(inner) => {
                let n = self.formula(inner)?;
                self.not(n)
            }
            Formula::And(parts) => {
                let mut acc = TRUE;
                for p in parts {
                    let n = self.formula(p)?;
                    acc = self.and(acc, n)?;
                }
                Ok(acc)
            }
            Formula::Or(parts) => {
                let mut acc = FALSE;
                for p in parts {
                    let n = self.formula(p)?;
                    acc = self.or(acc, n)?;
                }
                Ok(acc)
            }
        }
    }

    /// Up to `max` cubes of the paths from `n` to `TRUE`, in order of class indices. The cubes
    /// are disjoint, and together they hold every combination on which `n` is true.
    pub(crate) fn cubes(&self, n: NodeId, max: usize) -> (Vec<Cube>, bool) {
        let mut out = Vec::new();
        let mut more = false;
        let mut cube: Cube = vec![None; self.widths.len()];
        // An explicit stack of (node, next class to try); depth is at most the number of facts.
        let mut stack: Vec<(NodeId, u32)> = vec![(n, 0)];
        while let Some((node, next)) = stack.pop() {
            if node == TRUE {
                if out.len() >= max {
                    more = true;
                    break;
                }
                out.push(cube.clone());
                continue;
            }
            let Some(decl) = self.nodes.get(node as usize) else {
                continue;
            };
            if node == FALSE {
                continue;
            }
            let fact = decl.fact as usize;
            // Find the next child that is not FALSE.
            let found = (next..u32::try_from(decl.kids.len()).unwrap_or(0))
                .find(|c| decl.kids.get(*c as usize).is_some_and(|k| *k != FALSE));
            match found {
                Some(class) => {
                    stack.push((node, class + 1));
                    // Facts are tested in increasing order along a path: forget the deeper
                    // choices of the previous path.
                    for (f, slot) in cube.iter_mut().enumerate().skip(fact) {
                        *slot = if f == fact { Some(class) } else { None };
                    }
                    let kid = decl.kids.get(class as usize).copied().unwrap_or(FALSE);
                    stack.push((kid, 0));
                }
                None => {
                    if let Some(slot) = cube.get_mut(fact) {
                        *slot = None;
                    }
                }
            }
        }
        (out, more)
    }

    /// The number of combinations on which `n` is true, saturating.
    pub(crate) fn count(&self, space: &Space, n: NodeId) -> u128 {
        // count(n, from) counts assignments of facts from `from` on; memoized per node.
        let total_from = |from: usize| -> u128 {
            (from..self.widths.len())
                .map(|f| space.domain(f) as u128)
                .fold(1u128, u128::saturating_mul)
        };
        let mut memo: FxHashMap<NodeId, u128> = FxHashMap::default();
        // Nodes are created children first, so ascending ids are a bottom-up order.
        let upto = (n as usize).min(self.nodes.len().saturating_sub(1));
        for id in 2..=upto {
            let Some(node) = self.nodes.get(id) else {
                continue;
            };
            let fact = node.fact as usize;
            let mut sum: u128 = 0;
            for (class, kid) in node.kids.iter().enumerate() {
                let size = space.members(fact, u32::try_from(class).unwrap_or(0)).len() as u128;
                let below = match *kid {
                    FALSE => 0,
                    TRUE => total_from(fact + 1),
                    k => {
                        let kf = self.fact(k) as usize;
                        let skipped = (fact + 1..kf)
                            .map(|f| space.domain(f) as u128)
                            .fold(1u128, u128::saturating_mul);
                        memo.get(&k).copied().unwrap_or(0).saturating_mul(skipped)
                    }
                };
                sum = sum.saturating_add(size.saturating_mul(below));
            }
            memo.insert(NodeId::try_from(id).unwrap_or(0), sum);
        }
        match n {
            FALSE => 0,
            TRUE => total_from(0),
            _ => {
                let skipped = (0..self.fact(n) as usize)
                    .map(|f| space.domain(f) as u128)
                    .fold(1u128, u128::saturating_mul);
                memo.get(&n).copied().unwrap_or(0).saturating_mul(skipped)
            }
        }
    }
}
