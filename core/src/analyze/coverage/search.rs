//! The cube-splitting search: a complete, iterative depth-first search over fact classes with
//! three-valued evaluation, so a branch stops as soon as its outcome is known.

use super::{Cube, Formula, Space};

/// What a search found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Outcome {
    /// Every conjunct holds on every combination of this cube.
    Found(Cube),
    /// No combination satisfies every conjunct.
    None,
    /// The step budget ran out before the search could decide.
    Undecided,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tri {
    True,
    False,
    Unknown,
}

fn eval(f: &Formula, cube: &Cube) -> Tri {
    match f {
        Formula::True => Tri::True,
        Formula::In { fact, classes } => match cube.get(*fact).copied().flatten() {
            Some(class) if classes.contains(class) => Tri::True,
            Some(_) => Tri::False,
            // An atom on a fact outside the topic never holds (as `Cond::eval` has it).
            None if *fact >= cube.len() => Tri::False,
            None => Tri::Unknown,
        },
        Formula::Not(inner) => match eval(inner, cube) {
            Tri::True => Tri::False,
            Tri::False => Tri::True,
            Tri::Unknown => Tri::Unknown,
        },
        Formula::And(parts) => {
            let mut out = Tri::True;
            for p in parts {
                match eval(p, cube) {
                    Tri::False => return Tri::False,
                    Tri::Unknown => out = Tri::Unknown,
                    Tri::True => {}
                }
            }
            out
        }
        Formula::Or(parts) => {
            let mut out = Tri::False;
            for p in parts {
                match eval(p, cube) {
                    Tri::True => return Tri::True,
                    Tri::Unknown => out = Tri::Unknown,
                    Tri::False => {}
                }
            }
            out
        }
    }
}

/// Counts, per free fact, the atoms of undecided parts that mention it.
fn count_free(f: &Formula, cube: &Cube, counts: &mut [u32]) {
    match f {
        Formula::True => {}
        Formula::In { fact, .. } => {
            if cube.get(*fact).is_some_and(Option::is_none) {
                if let Some(c) = counts.get_mut(*fact) {
                    *c += 1;
                }
            }
        }
        Formula::Not(inner) => count_free(inner, cube, counts),
        Formula::And(parts) | Formula::Or(parts) => {
            for p in parts {
                if eval(p, cube) == Tri::Unknown {
                    count_free(p, cube, counts);
                }
            }
        }
    }
}

/// The node's state: every conjunct true, one false, or the fact to split on next.
enum Node {
    Sat,
    Unsat,
    Split(usize),
}

fn visit(conjuncts: &[Formula], cube: &Cube) -> Node {
    let mut counts = vec![0u32; cube.len()];
    let mut undecided = false;
    for c in conjuncts {
        match eval(c, cube) {
            Tri::False => return Node::Unsat,
            Tri::True => {}
            Tri::Unknown => {
                undecided = true;
                count_free(c, cube, &mut counts);
            }
        }
    }
    if !undecided {
        return Node::Sat;
    }
    // Split on the free fact mentioned most often; ties go to the first fact. An undecided
    // conjunct always mentions a free fact, so some count is positive.
    let mut best: Option<(usize, u32)> = None;
    for (fact, n) in counts.iter().enumerate() {
        if *n > 0 && best.is_none_or(|(_, m)| *n > m) {
            best = Some((fact, *n));
        }
    }
    match best {
        Some((fact, _)) => Node::Split(fact),
        None => Node::Unsat,
    }
}

/// Looks for a cube on which every conjunct holds, visiting at most `budget` nodes.
pub(crate) fn solve(space: &Space, conjuncts: &[Formula], budget: u64) -> Outcome {
    // A fact with an empty domain leaves no combination at all.
    if (0..space.facts()).any(|f| space.class_count(f) == 0) {
        return Outcome::None;
    }
    let mut cube: Cube = vec![None; space.facts()];
    // Each frame: the fact split at that depth and the class currently tried.
    let mut stack: Vec<(usize, u32)> = Vec::new();
    let mut steps: u64 = 0;
    loop {
        steps += 1;
        if steps > budget {
            return Outcome::Undecided;
        }
        let advance = match visit(conjuncts, &cube) {
            Node::Sat => return Outcome::Found(cube),
            Node::Split(fact) if space.class_count(fact) > 0 => {
                stack.push((fact, 0));
                if let Some(slot) = cube.get_mut(fact) {
                    *slot = Some(0);
                }
                false
            }
            Node::Split(_) | Node::Unsat => true,
        };
        if advance {
            // Backtrack: try the next class of the deepest fact that has one left.
            loop {
                let Some((fact, class)) = stack.pop() else {
                    return Outcome::None;
                };
                let next = class + 1;
                if next < space.class_count(fact) {
                    stack.push((fact, next));
                    if let Some(slot) = cube.get_mut(fact) {
                        *slot = Some(next);
                    }
                    break;
                }
                if let Some(slot) = cube.get_mut(fact) {
                    *slot = None;
                }
            }
        }
    }
}
