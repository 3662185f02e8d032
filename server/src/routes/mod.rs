//! The handlers: queries in `queries.rs`, everything else in `tools.rs`.

pub mod queries;
pub mod tools;
