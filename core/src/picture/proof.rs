//! A proof as a tree: one node per step (its rule and claim), an edge from each conclusion to
//! its premises; leaves (steps citing a declaration) are filled.

use super::{Direction, Picture, Shape, FILL_HEADER, FILL_ITEM, OWN};
use crate::proof::text::describe;
use crate::proof::Proof;
use crate::ruleset::RuleSet;

/// Wraps a long claim into lines of at most `width` characters.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for c in text.chars() {
        line.push(c);
        if line.chars().count() >= width {
            lines.push(std::mem::take(&mut line));
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// The proof tree, conclusion on top.
pub fn proof(rs: &RuleSet, proof: &Proof) -> Picture {
    let mut picture = Picture::new("proof", Direction::TopDown);
    for step in proof.steps.iter().rev() {
        let mut label = vec![format!("#{} {}", step.id, step.rule.name())];
        label.extend(wrap(&describe(rs, &step.claim), 28));
        if let Some(at) = step.cite.as_ref().and_then(|c| rs.sources().locate(c.span)) {
            label.push(format!("{}:{}:{}", at.file, at.line, at.column));
        }
        let fill = if step.cite.is_some() {
            FILL_HEADER
        } else {
            FILL_ITEM
        };
        picture.node(&format!("p{}", step.id), label, Shape::Box, fill);
    }
    for step in proof.steps.iter().rev() {
        for premise in &step.premises {
            picture.edge(
                &format!("p{}", step.id),
                &format!("p{premise}"),
                None,
                OWN,
                false,
            );
        }
    }
    picture
}
