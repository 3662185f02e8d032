//! `quanze._quanze`: the Python extension over quanze-core and quanze-dsl.
//!
//! pyo3 lives in this crate only; everything it exposes is a thin layer over the Rust API:
//! [`rules`] (`RuleSet`, `load`, `loads`, `check`, pickling through the compiled snapshot),
//! [`answers`] (frozen answer classes built on the core's named views), [`proof`] (`Proof`),
//! [`batch`] (`who_handles_many`, `responsibility_table`), [`graph`] (`to_networkx`),
//! [`errors`] (the exception hierarchy) and [`convert`] (dates, facts, JSON to Python).
//! The pure-Python part of the package (`python/quanze`) adds the stubs, `Diagnostic`, `Table`
//! and the networkx and Arrow builders.

mod answers;
mod batch;
mod convert;
mod errors;
mod graph;
mod proof;
mod rules;
mod table;

use pyo3::prelude::*;

#[pymodule]
fn _quanze(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add_function(wrap_pyfunction!(rules::load, m)?)?;
    m.add_function(wrap_pyfunction!(rules::loads, m)?)?;
    m.add_function(wrap_pyfunction!(rules::check, m)?)?;
    m.add_function(wrap_pyfunction!(rules::_rules_from_bytes, m)?)?;
    m.add_function(wrap_pyfunction!(answers::_answer_from_query, m)?)?;
    m.add_class::<rules::PyRuleSet>()?;
    m.add_class::<proof::PyProof>()?;
    m.add_class::<answers::PyWhoAnswer>()?;
    m.add_class::<answers::PyCanAnswer>()?;
    m.add_class::<answers::PyWhyNotAnswer>()?;
    m.add_class::<answers::PyScenarioAnswer>()?;
    m.add_class::<answers::PyEscalationAnswer>()?;
    m.add_class::<answers::PyDutiesAnswer>()?;
    m.add_class::<answers::PyAcceptAnswer>()?;
    // A class with `__eq__` gets all six comparison slots; the four orderings would only
    // return NotImplemented, yet help() lists them. Removing them leaves `<` a TypeError, as
    // for any unordered object, and keeps help() to what the class does.
    for class in [
        "RuleSet",
        "Proof",
        "WhoAnswer",
        "CanAnswer",
        "WhyNotAnswer",
        "ScenarioAnswer",
        "EscalationAnswer",
        "DutiesAnswer",
        "AcceptAnswer",
    ] {
        let class = m.getattr(class)?;
        let own = class.getattr("__dict__")?;
        for name in ["__lt__", "__le__", "__gt__", "__ge__"] {
            if own.contains(name)? {
                class.delattr(name)?;
            }
        }
    }
    m.add("QuanzeError", py.get_type::<errors::QuanzeError>())?;
    m.add("RuleError", py.get_type::<errors::RuleError>())?;
    m.add("QueryError", py.get_type::<errors::QueryError>())?;
    m.add("ProofError", py.get_type::<errors::ProofError>())?;
    m.add("SnapshotError", py.get_type::<errors::SnapshotError>())?;
    m.add("InternalError", py.get_type::<errors::InternalError>())?;
    Ok(())
}
