//! The declarations of a rule set, as plain data.

pub mod delegation;
pub mod item;
pub mod jurisdiction;
pub mod ladder;
pub mod org;
pub mod scenario;
pub mod test;
pub mod text;
pub mod unit;
