//! A unit's responsibilities on a date, as its duty list has them: the items it holds, the
//! items delegations bring it (an edge from the delegating department, coloured by mode), its
//! cooperation duties on territorial items and its roles in scenarios.

use super::{
    mode_color, Direction, Picture, Shape, FILL_DEPARTMENT, FILL_ITEM, FILL_LEAD, FILL_TOWNSHIP,
    TERRITORIAL,
};
use crate::answer::{CooperationDuty, HandleMode, ScenarioRole};
use crate::ids::{ItemId, UnitId};
use crate::model::unit::UnitKind;
use crate::query::{duties, QueryError};
use crate::ruleset::RuleSet;
use crate::view::mode_name;
use time::Date;

fn item_label(rs: &RuleSet, item: ItemId) -> Vec<String> {
    rs.item(item).map_or_else(
        || vec![item.to_string()],
        |i| vec![i.code.clone(), i.name.clone()],
    )
}

/// The picture of a unit's duties on `date`.
pub fn unit(rs: &RuleSet, id: UnitId, date: Date) -> Result<Picture, QueryError> {
    let answer = duties(rs, id, date)?;
    let unit = rs.unit(id);
    let name = unit.map_or_else(|| id.to_string(), |u| u.path.clone());
    let fill = match unit.map(|u| u.kind) {
        Some(UnitKind::Department) => FILL_DEPARTMENT,
        _ => FILL_TOWNSHIP,
    };
    let mut picture = Picture::new(name.clone(), Direction::LeftRight);
    let me = picture.node("u", vec![name], Shape::Box, fill);
    for duty in &answer.basic {
        let item = picture.node(
            &format!("i{}", duty.item.index()),
            item_label(rs, duty.item),
            Shape::Rounded,
            FILL_ITEM,
        );
        let delegation = duty
            .delegation
            .and_then(|d| rs.decls().delegations.get(d.index()));
        let mut label = mode_name(duty.mode).to_owned();
        if duty.conflict {
            label.push_str(" (conflict)");
        }
        picture.edge(&me, &item, Some(label), mode_color(duty.mode), false);
        if let Some(d) = delegation {
            let from = rs
                .unit(d.from)
                .map_or_else(|| d.from.to_string(), |u| u.path.clone());
            let dept = picture.node(
                &format!("d{}", d.from.index()),
                vec![from],
                Shape::Box,
                FILL_DEPARTMENT,
            );
            let verb = match duty.mode {
                HandleMode::Entrust => "委托",
                HandleMode::Statutory => "授权",
                _ => "赋权",
            };
            picture.edge(
                &dept,
                &me,
                Some(verb.to_owned()),
                mode_color(duty.mode),
                false,
            );
        }
    }
    for duty in &answer.cooperating {
        match duty {
            CooperationDuty::Territorial { item, duties, .. } => {
                let node = picture.node(
                    &format!("i{}", item.index()),
                    item_label(rs, *item),
                    Shape::Rounded,
                    FILL_ITEM,
                );
                picture.edge(
                    &me,
                    &node,
                    Some(format!("配合 [{}]", duties.join(", "))),
                    TERRITORIAL,
                    true,
                );
            }
            CooperationDuty::Scenario {
                scenario,
                role,
                duties,
            } => {
                let s = rs.scenario(*scenario);
                let label = s.map_or_else(
                    || vec![scenario.to_string()],
                    |s| vec![s.id.clone(), s.name.clone()],
                );
                let node = picture.node(
                    &format!("s{}", scenario.index()),
                    label,
                    Shape::Ellipse,
                    FILL_LEAD,
                );
                let role = match role {
                    ScenarioRole::Lead => "牵头".to_owned(),
                    ScenarioRole::Assist => "协同".to_owned(),
                    ScenarioRole::Township => format!("属地 [{}]", duties.join(", ")),
                };
                picture.edge(&me, &node, Some(role), TERRITORIAL, true);
            }
        }
    }
    for revoked in &answer.revoked {
        let node = picture.node(
            &format!("i{}", revoked.item.index()),
            item_label(rs, revoked.item),
            Shape::Rounded,
            FILL_ITEM,
        );
        picture.edge(&me, &node, Some("收回".to_owned()), super::OWN, true);
    }
    Ok(picture)
}
