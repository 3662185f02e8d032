//! `quanze.Proof`: a proof with its renderings. A proof made by a query stays bound to its rule
//! set and answer, so it renders with names and `RuleSet.verify` checks exactly that answer.

use crate::answers::AnyAnswer;
use crate::convert::json_to_py;
use crate::errors;
use crate::rules::PyRuleSet;
use pyo3::prelude::*;
use pyo3::types::PyTuple;
use quanze_core::plain::json_error;
use quanze_core::proof::{self, Proof};
use quanze_core::RuleSet;
use std::sync::Arc;

/// The proof of an answer: a tree of named inference steps over the rule set's declarations,
/// which `RuleSet.verify` checks independently of the engine; `str()` shows it indented.
#[pyclass(frozen, module = "quanze._quanze", name = "Proof")]
pub struct PyProof {
    pub proof: Proof,
    /// The rule set the proof was made with, if it was made here.
    pub rules: Option<Arc<RuleSet>>,
    /// The answer the proof is for, if known (made here, or read from a CLI document).
    pub answer: Option<AnyAnswer>,
}

impl PyProof {
    fn rules_for(&self, rules: Option<&Bound<'_, PyRuleSet>>) -> Option<Arc<RuleSet>> {
        rules
            .map(|r| r.get().rules.clone())
            .or_else(|| self.rules.clone())
    }

    fn json(&self) -> PyResult<String> {
        proof::to_json(&self.proof).map_err(|e| errors::InternalError::new_err(e.to_string()))
    }
}

#[pymethods]
impl PyProof {
    /// The proof's JSON form (documented in docs/PROOFS.md).
    fn to_json(&self) -> PyResult<String> {
        self.json()
    }

    /// Reads a proof: its JSON form, or a whole `quanze … --json` document (then the answer
    /// travels with it and `RuleSet.verify` checks that answer).
    #[staticmethod]
    fn from_json(py: Python<'_>, text: &str) -> PyResult<PyProof> {
        let bad = |e: serde_json::Error| {
            errors::proof(py, format!("the proof is malformed: {}", json_error(&e)))
        };
        let value: serde_json::Value = serde_json::from_str(text).map_err(bad)?;
        let (proof_value, answer_value) = match value.get("proof") {
            Some(p) => (p.clone(), value.get("answer").cloned()),
            None => (value, None),
        };
        let proof: Proof = serde_json::from_value(proof_value).map_err(bad)?;
        let answer = answer_value
            .map(|a| AnyAnswer::from_value(&proof.receipt.query, a))
            .transpose()
            .map_err(|e| {
                errors::proof(
                    py,
                    format!(
                        "the answer does not fit the proof's query: {}",
                        json_error(&e)
                    ),
                )
            })?;
        Ok(PyProof {
            proof,
            rules: None,
            answer,
        })
    }

    /// The proof as indented text; names need a rule set (the one it was made with by default).
    #[pyo3(signature = (rules = None))]
    fn to_text(&self, rules: Option<&Bound<'_, PyRuleSet>>) -> PyResult<String> {
        match self.rules_for(rules) {
            Some(rs) => errors::guard(|| Ok(proof::render_text(&rs, &self.proof))),
            None => Err(errors::QuanzeError::new_err(
                "this proof is not bound to a rule set; pass `rules=`",
            )),
        }
    }

    /// The proof tree as a Mermaid flowchart.
    #[pyo3(signature = (rules = None))]
    fn to_mermaid(&self, rules: Option<&Bound<'_, PyRuleSet>>) -> PyResult<String> {
        match self.rules_for(rules) {
            Some(rs) => errors::guard(|| Ok(proof::render_mermaid(&rs, &self.proof))),
            None => Err(errors::QuanzeError::new_err(
                "this proof is not bound to a rule set; pass `rules=`",
            )),
        }
    }

    /// The proof as plain Python data (the JSON form).
    fn to_dict(&self, py: Python<'_>) -> PyResult<PyObject> {
        json_to_py(py, &serde_json::to_value(&self.proof).unwrap_or_default())
    }

    /// The content hash of the rule set the proof was built against.
    #[getter]
    fn rule_set(&self) -> String {
        self.proof.receipt.rule_set.clone()
    }

    /// The engine version that built the proof.
    #[getter]
    fn engine(&self) -> String {
        self.proof.receipt.engine.clone()
    }

    /// The receipt's query, with ids.
    #[getter]
    fn query(&self, py: Python<'_>) -> PyResult<PyObject> {
        json_to_py(
            py,
            &serde_json::to_value(&self.proof.receipt.query).unwrap_or_default(),
        )
    }

    fn __len__(&self) -> usize {
        self.proof.steps.len()
    }

    fn __str__(&self) -> PyResult<String> {
        match &self.rules {
            Some(rs) => errors::guard(|| Ok(proof::render_text(rs, &self.proof))),
            None => self.json(),
        }
    }

    fn __repr__(&self) -> String {
        let rule = self.proof.steps.last().map_or("none", |s| s.rule.name());
        format!(
            "<Proof of {} steps, concluded by `{rule}`, against {}>",
            self.proof.steps.len(),
            self.proof.receipt.rule_set
        )
    }

    /// Notebooks show the proof tree (Mermaid) and its text.
    fn _repr_markdown_(&self) -> PyResult<String> {
        let Some(rs) = &self.rules else {
            return Ok(format!("```json\n{}\n```\n", self.json()?));
        };
        errors::guard(|| {
            Ok(format!(
                "```mermaid\n{}\n```\n\n```text\n{}```\n",
                proof::render_mermaid(rs, &self.proof).trim_end(),
                proof::render_text(rs, &self.proof)
            ))
        })
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other
            .downcast::<PyProof>()
            .is_ok_and(|o| o.get().proof == self.proof)
    }

    fn __hash__(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        self.proof.receipt.rule_set.hash(&mut h);
        self.proof.receipt.query.hash(&mut h);
        self.proof.steps.len().hash(&mut h);
        h.finish()
    }

    /// Pickles as the CLI document (answer and proof); the rule-set binding is not carried.
    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        let text = match &self.answer {
            Some(answer) => serde_json::to_string(&serde_json::json!({
                "answer": answer.to_value(),
                "proof": serde_json::to_value(&self.proof).unwrap_or_default(),
            }))
            .map_err(|e| errors::InternalError::new_err(e.to_string()))?,
            None => self.json()?,
        };
        let from_json = py.get_type::<PyProof>().getattr("from_json")?;
        PyTuple::new(py, [from_json, PyTuple::new(py, [text])?.into_any()])
    }
}
