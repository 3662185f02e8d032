//! quanze-dsl: the rule language. Text → [`ast`] (with spans and comments) → lowered into a
//! [`quanze_core::RuleSet`], with diagnostics collected in one run.
//!
//! ```
//! let (rules, diagnostics) = quanze_dsl::compile_str("example.qz", r#"
//!     region 宁波市 city { region 江北区 county { township 慈城镇 class 一般 department 住建局 } }
//! "#);
//! assert!(diagnostics.iter().all(|d| !d.is_error()));
//! assert!(rules.is_some());
//! ```

pub mod ast;
pub mod codes;
pub mod fmt;
pub mod load;
pub mod lower;
pub mod parse;
pub mod render;
pub mod sarif;

pub use load::{
    check_path, check_texts, compile_owned, compile_path, compile_str, compile_texts, Compiled,
};
