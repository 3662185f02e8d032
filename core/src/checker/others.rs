//! Checks of the scenario, escalation, duties and acceptance rules.

use super::{Checker, Verdict};
use crate::proof::Step;

impl Checker<'_> {
    pub(super) fn other_rule(&self, _step: &Step) -> Verdict {
        Err("the rule is not supported by this checker".to_owned())
    }
}
