//! Topics with finite fact domains and the collaborative scenarios over them (协同场景).

use crate::ids::{ItemId, ScenarioId, TopicId};
use crate::model::jurisdiction::PlaceLevel;
use crate::span::Span;
use serde::{Deserialize, Serialize};

/// One fact of a topic and its finite domain, e.g. `地点: 道路 | 河道 | 农田`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fact {
    pub name: String,
    pub values: Vec<String>,
    pub span: Span,
}

/// A topic such as 建筑垃圾.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Topic {
    pub name: String,
    pub facts: Vec<Fact>,
    /// The region the topic serves (declared inside it, or `at REGION`); `None`: everywhere.
    /// Outside it a query answers that the topic does not apply.
    #[serde(default)]
    pub region: Option<crate::ids::PlaceId>,
    pub span: Span,
}

impl Topic {
    pub fn fact_index(&self, name: &str) -> Option<usize> {
        self.facts.iter().position(|f| f.name == name)
    }
}

/// A condition over a topic's facts; facts and values are indices into the topic's domains.
/// It is deserialized with its nesting bounded, by `snapshot/cond.rs`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum Cond {
    True,
    Eq { fact: u32, value: u32 },
    Ne { fact: u32, value: u32 },
    In { fact: u32, values: Vec<u32> },
    Not(Box<Cond>),
    And(Vec<Cond>),
    Or(Vec<Cond>),
}

impl Cond {
    /// Evaluates the condition on facts some of which may be missing (`u32::MAX`): `None` when
    /// the outcome depends on a missing fact (Kleene's three-valued logic).
    pub fn eval_partial(&self, values: &[u32]) -> Option<bool> {
        let value = |fact: &u32| {
            values
                .get(*fact as usize)
                .copied()
                .filter(|v| *v != u32::MAX)
        };
        match self {
            Cond::True => Some(true),
            Cond::Eq { fact, value: want } => value(fact).map(|v| v == *want),
            Cond::Ne { fact, value: want } => value(fact).map(|v| v != *want),
            Cond::In { fact, values: set } => value(fact).map(|v| set.contains(&v)),
            Cond::Not(inner) => inner.eval_partial(values).map(|b| !b),
            Cond::And(parts) => {
                let all: Vec<Option<bool>> = parts.iter().map(|c| c.eval_partial(values)).collect();
                if all.contains(&Some(false)) {
                    Some(false)
                } else if all.iter().all(|b| *b == Some(true)) {
                    Some(true)
                } else {
                    None
                }
            }
            Cond::Or(parts) => {
                let all: Vec<Option<bool>> = parts.iter().map(|c| c.eval_partial(values)).collect();
                if all.contains(&Some(true)) {
                    Some(true)
                } else if all.iter().all(|b| *b == Some(false)) {
                    Some(false)
                } else {
                    None
                }
            }
        }
    }

    /// The facts the condition tests, each once, in order of first mention.
    pub fn tested_facts(&self, out: &mut Vec<u32>) {
        match self {
            Cond::True => {}
            Cond::Eq { fact, .. } | Cond::Ne { fact, .. } | Cond::In { fact, .. } => {
                if !out.contains(fact) {
                    out.push(*fact);
                }
            }
            Cond::Not(inner) => inner.tested_facts(out),
            Cond::And(parts) | Cond::Or(parts) => {
                for c in parts {
                    c.tested_facts(out);
                }
            }
        }
    }

    /// Evaluates the condition on one value index per fact. A fact index beyond `values`
    /// makes the atom false.
    pub fn eval(&self, values: &[u32]) -> bool {
        match self {
            Cond::True => true,
            Cond::Eq { fact, value } => values.get(*fact as usize) == Some(value),
            Cond::Ne { fact, value } => values.get(*fact as usize).is_some_and(|v| v != value),
            Cond::In { fact, values: set } => {
                values.get(*fact as usize).is_some_and(|v| set.contains(v))
            }
            Cond::Not(inner) => !inner.eval(values),
            Cond::And(parts) => parts.iter().all(|c| c.eval(values)),
            Cond::Or(parts) => parts.iter().any(|c| c.eval(values)),
        }
    }
}

/// Who a scenario role or workflow step names. Named roles resolve to concrete units of the
/// place's county at query time, so one scenario list serves every county.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Role {
    /// A unit name (`综合行政执法局`) or qualified path, resolved from the place's county.
    Named(String),
    /// Whoever handles this item at the place (e.g. the town itself where it was granted).
    HandlerOf(ItemId),
    /// The unit governing the place's ancestor at this level: `网格员` (the grid post), `村`
    /// (the village committee), `街道` / `乡镇` (the township government).
    Level(PlaceLevel),
    /// The scenario's lead.
    Lead,
}

/// A time limit such as `2h`, `30min`, `3d`, `4wd` (working days).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Duration {
    pub amount: u32,
    pub unit: DurationUnit,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum DurationUnit {
    Minutes,
    Hours,
    Days,
    WorkingHours,
    WorkingDays,
}

impl DurationUnit {
    pub fn suffix(self) -> &'static str {
        match self {
            DurationUnit::Minutes => "min",
            DurationUnit::Hours => "h",
            DurationUnit::Days => "d",
            DurationUnit::WorkingHours => "wh",
            DurationUnit::WorkingDays => "wd",
        }
    }

    pub fn from_suffix(suffix: &str) -> Option<DurationUnit> {
        Some(match suffix {
            "min" | "分钟" => DurationUnit::Minutes,
            "h" | "小时" => DurationUnit::Hours,
            "d" | "天" | "日" => DurationUnit::Days,
            "wh" | "工作小时" => DurationUnit::WorkingHours,
            "wd" | "工作日" | "个工作日" => DurationUnit::WorkingDays,
            _ => return None,
        })
    }
}

impl std::fmt::Display for Duration {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}{}", self.amount, self.unit.suffix())
    }
}

/// One step of a scenario's workflow (流程): `处置(牵头) 2h`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Step {
    pub action: String,
    pub actor: Option<Role>,
    pub limit: Option<Duration>,
    pub span: Span,
}

/// A slice of a topic with one lead, its collaborators and the township's boundary duties.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Scenario {
    /// The scenario's id as written, e.g. `CW-02`.
    pub id: String,
    pub name: String,
    pub topic: TopicId,
    /// `None` for the topic's catch-all (`otherwise`) scenario.
    pub condition: Option<Cond>,
    /// Scenarios this one removes when both match (not transitive).
    pub overrides: Vec<ScenarioId>,
    pub lead: Option<Role>,
    pub assist: Vec<Role>,
    pub township_duties: Vec<String>,
    /// Where each of `township_duties` is written, in the same order (empty when built in
    /// code); spans take no part in equality.
    #[serde(default)]
    pub duty_spans: Vec<Span>,
    pub flow: Vec<Step>,
    pub span: Span,
}

impl Scenario {
    pub fn is_otherwise(&self) -> bool {
        self.condition.is_none()
    }

    /// The span of the `i`-th township duty, or the scenario's span when it has none.
    pub fn duty_span(&self, i: usize) -> Span {
        self.duty_spans.get(i).copied().unwrap_or(self.span)
    }
}
