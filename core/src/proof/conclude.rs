//! The final claim each answer stands for, given the query of the receipt: what the checker
//! compares the proof's last step with.

use super::{Claim, Concludes, Query};
use crate::answer::{
    AcceptAnswer, CanAnswer, DutiesAnswer, EscalationAnswer, ScenarioAnswer, WhoAnswer,
    WhyNotAnswer,
};

impl Concludes for WhoAnswer {
    fn conclusion(&self, query: &Query) -> Option<Claim> {
        let Query::WhoHandles {
            item,
            place,
            date,
            part,
        } = query
        else {
            return None;
        };
        let (item, place, date, part) = (*item, *place, *date, part.clone());
        Some(match self {
            WhoAnswer::Handled(handling) => Claim::Handles {
                item,
                place,
                date,
                part,
                handling: handling.clone(),
            },
            WhoAnswer::Conflict {
                township,
                candidates,
            } => Claim::Contested {
                item,
                place,
                date,
                part,
                township: *township,
                candidates: candidates.clone(),
            },
        })
    }
}

impl Concludes for CanAnswer {
    fn conclusion(&self, query: &Query) -> Option<Claim> {
        let Query::Can {
            unit,
            item,
            place,
            date,
        } = query
        else {
            return None;
        };
        let (unit, item, place, date) = (*unit, *item, *place, *date);
        match (self.allowed, self.capacity) {
            (true, Some(capacity)) if !self.conflict => Some(Claim::May {
                unit,
                item,
                place,
                date,
                capacity,
            }),
            (false, None) => Some(Claim::MayNot {
                unit,
                item,
                place,
                date,
                conflict: self.conflict,
            }),
            _ => None,
        }
    }
}

impl Concludes for WhyNotAnswer {
    fn conclusion(&self, query: &Query) -> Option<Claim> {
        let Query::WhyNot {
            unit,
            item,
            place,
            date,
        } = query
        else {
            return None;
        };
        Some(Claim::WhyNot {
            unit: *unit,
            item: *item,
            place: *place,
            date: *date,
            answer: self.clone(),
        })
    }
}

impl Concludes for ScenarioAnswer {
    fn conclusion(&self, query: &Query) -> Option<Claim> {
        let Query::Scenario {
            topic,
            place,
            facts,
            date,
        } = query
        else {
            return None;
        };
        Some(Claim::ScenarioResult {
            topic: *topic,
            place: *place,
            date: *date,
            facts: facts.clone(),
            answer: self.clone(),
        })
    }
}

impl Concludes for EscalationAnswer {
    fn conclusion(&self, query: &Query) -> Option<Claim> {
        let Query::Escalate {
            place,
            severity,
            subject,
            facts,
            date,
        } = query
        else {
            return None;
        };
        Some(Claim::EscalationResult {
            place: *place,
            severity: severity.clone(),
            subject: *subject,
            facts: facts.clone(),
            date: *date,
            answer: self.clone(),
        })
    }
}

impl Concludes for DutiesAnswer {
    fn conclusion(&self, query: &Query) -> Option<Claim> {
        let Query::Duties { unit, date } = query else {
            return None;
        };
        Some(Claim::DutiesResult {
            unit: *unit,
            date: *date,
            answer: self.clone(),
        })
    }
}

impl Concludes for AcceptAnswer {
    fn conclusion(&self, query: &Query) -> Option<Claim> {
        let Query::AcceptPoints { item, place, date } = query else {
            return None;
        };
        Some(Claim::AcceptResult {
            item: *item,
            place: *place,
            date: *date,
            answer: self.clone(),
        })
    }
}
