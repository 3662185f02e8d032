//! A scenario's workflow chart: a header with the lead, the collaborators and the township's
//! duties, then the steps in order, each with its actor and time limit. Steps the lead acts
//! in are filled orange.

use super::{Direction, Picture, Shape, FILL_HEADER, FILL_ITEM, FILL_LEAD, OWN, TERRITORIAL};
use crate::ids::ScenarioId;
use crate::model::scenario::Role;
use crate::ruleset::RuleSet;

/// How a role reads in a picture.
pub(super) fn role_text(rs: &RuleSet, role: &Role) -> String {
    match role {
        Role::Named(name) => name.clone(),
        Role::HandlerOf(item) => {
            format!("承办 {}", rs.item(*item).map_or("?", |i| i.code.as_str()))
        }
        Role::Level(level) => level.chinese().to_owned(),
        Role::Lead => "牵头".to_owned(),
    }
}

/// The workflow chart of a scenario; `None` for an unknown id.
pub fn scenario(rs: &RuleSet, id: ScenarioId) -> Option<Picture> {
    let s = rs.scenario(id)?;
    let title = format!("{} {}", s.id, s.name);
    let mut picture = Picture::new(title.clone(), Direction::TopDown);
    let mut header = vec![title];
    if let Some(lead) = &s.lead {
        header.push(format!("牵头: {}", role_text(rs, lead)));
    }
    if !s.assist.is_empty() {
        let assist: Vec<String> = s.assist.iter().map(|r| role_text(rs, r)).collect();
        header.push(format!("协同: {}", assist.join(", ")));
    }
    if !s.township_duties.is_empty() {
        header.push(format!("属地: {}", s.township_duties.join(", ")));
    }
    let mut previous = picture.node("h", header, Shape::Box, FILL_HEADER);
    for (i, step) in s.flow.iter().enumerate() {
        let mut label = vec![format!("{}. {}", i + 1, step.action)];
        let lead = matches!(step.actor, Some(Role::Lead));
        if let Some(actor) = &step.actor {
            let mut who = role_text(rs, actor);
            if lead {
                if let Some(l) = &s.lead {
                    who = format!("牵头 {}", role_text(rs, l));
                }
            }
            label.push(who);
        }
        if let Some(limit) = &step.limit {
            label.push(format!("时限 {limit}"));
        }
        let fill = if lead { FILL_LEAD } else { FILL_ITEM };
        let node = picture.node(&format!("s{i}"), label, Shape::Rounded, fill);
        let first = i == 0;
        let color = if first { OWN } else { TERRITORIAL };
        picture.edge(&previous, &node, None, color, first);
        previous = node;
    }
    Some(picture)
}
