//! The answer classes: frozen, with one attribute per field of the named view
//! (`quanze_core::view`), `to_dict()`, `to_json()` (the same document as the CLI's `--json`),
//! and a `.proof` built on first access, so that asking costs no proof work.

use crate::convert::json_to_py;
use crate::errors;
use crate::proof::PyProof;
use pyo3::prelude::*;
use quanze_core::checker::{self, CheckError};
use quanze_core::proof::Subject;
use quanze_core::proof::{Proof, Query};
use quanze_core::query::{self, QueryError};
use quanze_core::query::{
    AcceptAnswer, CanAnswer, DutiesAnswer, EscalationAnswer, ScenarioAnswer, WhoAnswer,
    WhyNotAnswer,
};
use quanze_core::{view, RuleSet};
use serde_json::Value;
use std::sync::{Arc, OnceLock};

/// An answer of any query.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AnyAnswer {
    Who(WhoAnswer),
    Can(CanAnswer),
    WhyNot(WhyNotAnswer),
    Scenario(ScenarioAnswer),
    Escalate(EscalationAnswer),
    Duties(DutiesAnswer),
    Accept(AcceptAnswer),
}

impl AnyAnswer {
    /// The named view, as every surface shows it.
    pub fn view(&self, rs: &RuleSet) -> Value {
        match self {
            AnyAnswer::Who(a) => view::who(rs, a),
            AnyAnswer::Can(a) => view::can(rs, a),
            AnyAnswer::WhyNot(a) => view::why_not(rs, a),
            AnyAnswer::Scenario(a) => view::scenario(rs, a),
            AnyAnswer::Escalate(a) => view::escalate(rs, a),
            AnyAnswer::Duties(a) => view::duties(rs, a),
            AnyAnswer::Accept(a) => view::accept(rs, a),
        }
    }

    /// The answer with ids, as the CLI's `"answer"` field.
    pub fn to_value(&self) -> Value {
        let value = match self {
            AnyAnswer::Who(a) => serde_json::to_value(a),
            AnyAnswer::Can(a) => serde_json::to_value(a),
            AnyAnswer::WhyNot(a) => serde_json::to_value(a),
            AnyAnswer::Scenario(a) => serde_json::to_value(a),
            AnyAnswer::Escalate(a) => serde_json::to_value(a),
            AnyAnswer::Duties(a) => serde_json::to_value(a),
            AnyAnswer::Accept(a) => serde_json::to_value(a),
        };
        value.unwrap_or(Value::Null)
    }

    /// Reads the `"answer"` of a JSON document, in the shape the proof's query gives.
    pub fn from_value(query: &Query, value: Value) -> Result<AnyAnswer, serde_json::Error> {
        Ok(match query {
            Query::WhoHandles { .. } => AnyAnswer::Who(serde_json::from_value(value)?),
            Query::Can { .. } => AnyAnswer::Can(serde_json::from_value(value)?),
            Query::WhyNot { .. } => AnyAnswer::WhyNot(serde_json::from_value(value)?),
            Query::Scenario { .. } => AnyAnswer::Scenario(serde_json::from_value(value)?),
            Query::Escalate { .. } => AnyAnswer::Escalate(serde_json::from_value(value)?),
            Query::Duties { .. } => AnyAnswer::Duties(serde_json::from_value(value)?),
            Query::AcceptPoints { .. } => AnyAnswer::Accept(serde_json::from_value(value)?),
        })
    }

    /// Runs the independent checker on `proof` of this answer.
    pub fn check(&self, rs: &RuleSet, proof: &Proof) -> Result<(), CheckError> {
        match self {
            AnyAnswer::Who(a) => checker::check(rs, a, proof),
            AnyAnswer::Can(a) => checker::check(rs, a, proof),
            AnyAnswer::WhyNot(a) => checker::check(rs, a, proof),
            AnyAnswer::Scenario(a) => checker::check(rs, a, proof),
            AnyAnswer::Escalate(a) => checker::check(rs, a, proof),
            AnyAnswer::Duties(a) => checker::check(rs, a, proof),
            AnyAnswer::Accept(a) => checker::check(rs, a, proof),
        }
    }
}

/// Answers `q`, with its proof when `proved`.
pub fn run(
    rs: &RuleSet,
    q: &Query,
    proved: bool,
) -> Result<(AnyAnswer, Option<Proof>), QueryError> {
    macro_rules! answer {
        ($variant:ident, $plain:expr, $proved:expr) => {
            if proved {
                let (a, p) = $proved?;
                (AnyAnswer::$variant(a), Some(p))
            } else {
                (AnyAnswer::$variant($plain?), None)
            }
        };
    }
    Ok(match q {
        Query::WhoHandles {
            item,
            place,
            date,
            part,
        } => answer!(
            Who,
            query::who_handles_part(rs, *item, *place, *date, part.as_deref()),
            query::who_handles_part_proved(rs, *item, *place, *date, part.as_deref())
        ),
        Query::Can {
            unit,
            item,
            place,
            date,
        } => answer!(
            Can,
            query::can(rs, *unit, *item, *place, *date),
            query::can_proved(rs, *unit, *item, *place, *date)
        ),
        Query::WhyNot {
            unit,
            item,
            place,
            date,
        } => answer!(
            WhyNot,
            query::why_not(rs, *unit, *item, *place, *date),
            query::why_not_proved(rs, *unit, *item, *place, *date)
        ),
        Query::Scenario {
            topic,
            place,
            facts,
            date,
        } => answer!(
            Scenario,
            query::scenario(rs, *topic, *place, facts, *date),
            query::scenario_proved(rs, *topic, *place, facts, *date)
        ),
        Query::Escalate {
            place,
            severity,
            subject,
            facts,
            date,
        } => {
            let subject: Option<Subject> = *subject;
            answer!(
                Escalate,
                query::escalate(rs, *place, severity, subject, facts, *date),
                query::escalate_proved(rs, *place, severity, subject, facts, *date)
            )
        }
        Query::Duties { unit, date } => answer!(
            Duties,
            query::duties(rs, *unit, *date),
            query::duties_proved(rs, *unit, *date)
        ),
        Query::AcceptPoints { item, place, date } => answer!(
            Accept,
            query::accept_points(rs, *item, *place, *date),
            query::accept_points_proved(rs, *item, *place, *date)
        ),
    })
}

/// What every answer class holds.
pub struct Inner {
    pub rules: Arc<RuleSet>,
    pub query: Query,
    pub answer: AnyAnswer,
    view: OnceLock<Value>,
    proof: OnceLock<Py<PyProof>>,
}

impl Inner {
    pub fn new(rules: Arc<RuleSet>, query: Query, answer: AnyAnswer) -> Inner {
        Inner {
            rules,
            query,
            answer,
            view: OnceLock::new(),
            proof: OnceLock::new(),
        }
    }

    pub fn view(&self) -> &Value {
        self.view.get_or_init(|| self.answer.view(&self.rules))
    }

    /// One field of the view; `None` when the answer's shape has no such field.
    pub fn field(&self, py: Python<'_>, name: &str) -> PyResult<PyObject> {
        match self.view().get(name) {
            Some(value) => json_to_py(py, value),
            None => Ok(py.None()),
        }
    }

    pub fn to_dict(&self, py: Python<'_>) -> PyResult<PyObject> {
        json_to_py(py, self.view())
    }

    pub fn proof(&self, py: Python<'_>) -> PyResult<Py<PyProof>> {
        if let Some(proof) = self.proof.get() {
            return Ok(proof.clone_ref(py));
        }
        let (_, proof) = errors::guard(|| {
            run(&self.rules, &self.query, true).map_err(|e| errors::query(py, e))
        })?;
        let proof = proof.ok_or_else(|| errors::InternalError::new_err("no proof was built"))?;
        let object = Py::new(
            py,
            PyProof {
                proof,
                rules: Some(self.rules.clone()),
                answer: Some(self.answer.clone()),
            },
        )?;
        // Another thread may have won the race; both proofs are equal, keep the first.
        let _ = self.proof.set(object);
        self.proof
            .get()
            .map(|p| p.clone_ref(py))
            .ok_or_else(|| errors::InternalError::new_err("the proof was not kept"))
    }

    /// `{"answer", "named", "proof"}`, the document `quanze … --json` prints.
    pub fn to_json(&self, py: Python<'_>) -> PyResult<String> {
        let proof = self.proof(py)?;
        let document = serde_json::json!({
            "answer": self.answer.to_value(),
            "named": self.view(),
            "proof": serde_json::to_value(&proof.get().proof).unwrap_or(Value::Null),
        });
        serde_json::to_string_pretty(&document)
            .map_err(|e| errors::InternalError::new_err(e.to_string()))
    }

    pub fn repr(&self, class: &str, fields: &[&str]) -> String {
        let shown: Vec<String> = fields
            .iter()
            .filter_map(|f| match self.view().get(*f) {
                Some(Value::String(s)) => Some(format!("{f}='{s}'")),
                Some(Value::Bool(b)) => Some(format!("{f}={}", if *b { "True" } else { "False" })),
                Some(Value::Array(items)) => Some(format!("{f}=[{} item(s)]", items.len())),
                _ => None,
            })
            .collect();
        format!("{class}({})", shown.join(", "))
    }

    /// The question this answers, by name: the query's arguments with ids turned into an
    /// item code, unit and place paths and a topic name; the date as `YYYY-MM-DD`.
    pub fn question(&self) -> Value {
        let rs = &*self.rules;
        let value = serde_json::to_value(&self.query).unwrap_or(Value::Null);
        let Value::Object(outer) = value else {
            return Value::Null;
        };
        let Some((kind, Value::Object(args))) = outer.into_iter().next() else {
            return Value::Null;
        };
        let mut named = serde_json::Map::new();
        named.insert("query".to_owned(), Value::String(kind));
        for (key, value) in args {
            let id = value
                .as_u64()
                .and_then(|v| u32::try_from(v).ok())
                .map(|v| v as usize);
            let name = match (key.as_str(), id) {
                ("item", Some(i)) => rs
                    .item(quanze_core::ItemId::from_index(i))
                    .map(|x| x.code.clone()),
                ("place", Some(i)) => rs
                    .place(quanze_core::PlaceId::from_index(i))
                    .map(|x| x.path.clone()),
                ("unit", Some(i)) => rs
                    .unit(quanze_core::UnitId::from_index(i))
                    .map(|x| x.path.clone()),
                ("topic", Some(i)) => rs
                    .topic(quanze_core::TopicId::from_index(i))
                    .map(|x| x.name.clone()),
                _ => None,
            };
            named.insert(key, name.map_or(value, Value::String));
        }
        Value::Object(named)
    }

    /// One argument of the question, `None` when the query has no such argument.
    pub fn asked(&self, py: Python<'_>, name: &str) -> PyResult<PyObject> {
        let question = self.question();
        match question.get(name) {
            Some(Value::String(text)) if name == "date" => match crate::convert::parse_date(text) {
                Some(d) => Ok(py
                    .import("datetime")?
                    .getattr("date")?
                    .call1((d.year(), u8::from(d.month()), d.day()))?
                    .unbind()),
                None => Ok(py.None()),
            },
            Some(value) => json_to_py(py, value),
            None => Ok(py.None()),
        }
    }

    /// The pickle: the rule set (its snapshot) and the query, asked again on loading.
    pub fn reduce<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, pyo3::types::PyTuple>> {
        let query = serde_json::to_string(&self.query)
            .map_err(|e| errors::InternalError::new_err(e.to_string()))?;
        let rules = Py::new(py, crate::rules::PyRuleSet::from_arc(self.rules.clone()))?;
        let load = py.import("quanze._quanze")?.getattr("_answer_from_query")?;
        pyo3::types::PyTuple::new(
            py,
            [
                load.into_any(),
                (rules, query).into_pyobject(py)?.into_any(),
            ],
        )
    }

    pub fn equals(&self, other: &Inner) -> bool {
        self.rules.content_hash() == other.rules.content_hash()
            && self.query == other.query
            && self.answer == other.answer
    }
}

/// Declares an answer class: its attributes (fields of the named view), the fields its
/// `repr` shows, and any extra methods.
macro_rules! answer_class {
    ($rust:ident, $name:literal, $doc:literal, [$($field:ident: $fdoc:literal),*], repr [$($shown:literal),*] { $($extra:tt)* }) => {
        #[doc = $doc]
        #[pyclass(frozen, module = "quanze._quanze", name = $name)]
        pub struct $rust(pub Inner);

        #[pymethods]
        impl $rust {
            $(
                #[doc = $fdoc]
                #[getter]
                fn $field(&self, py: Python<'_>) -> PyResult<PyObject> {
                    self.0.field(py, stringify!($field))
                }
            )*

            /// The named view: units and places by path, items by code.
            fn to_dict(&self, py: Python<'_>) -> PyResult<PyObject> {
                self.0.to_dict(py)
            }

            /// The document `quanze … --json` prints: answer with ids, named view, proof.
            fn to_json(&self, py: Python<'_>) -> PyResult<String> {
                self.0.to_json(py)
            }

            /// The proof of this answer, built on first access.
            #[getter]
            fn proof(&self, py: Python<'_>) -> PyResult<Py<PyProof>> {
                self.0.proof(py)
            }

            fn __repr__(&self) -> String {
                self.0.repr($name, &[$($shown),*])
            }

            /// The question, by name: `query` (its kind) and its arguments (`item`, `place`,
            /// `unit`, `topic`, `date`, … as the query has them).
            #[getter]
            fn question(&self, py: Python<'_>) -> PyResult<PyObject> {
                json_to_py(py, &self.0.question())
            }

            /// The item asked about (its code), or None when the query names none.
            #[getter]
            fn item(&self, py: Python<'_>) -> PyResult<PyObject> {
                self.0.asked(py, "item")
            }

            /// The place asked about (its path), or None when the query names none.
            #[getter]
            fn place(&self, py: Python<'_>) -> PyResult<PyObject> {
                self.0.asked(py, "place")
            }

            /// The date asked about, a `datetime.date`.
            #[getter]
            fn date(&self, py: Python<'_>) -> PyResult<PyObject> {
                self.0.asked(py, "date")
            }

            fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, pyo3::types::PyTuple>> {
                self.0.reduce(py)
            }

            fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
                other
                    .downcast::<$rust>()
                    .is_ok_and(|o| self.0.equals(&o.get().0))
            }

            fn __hash__(&self) -> u64 {
                use std::hash::{Hash, Hasher};
                let mut h = std::collections::hash_map::DefaultHasher::new();
                self.0.rules.content_hash().hash(&mut h);
                self.0.query.hash(&mut h);
                h.finish()
            }

            $($extra)*
        }
    };
}

answer_class!(PyWhoAnswer, "WhoAnswer",
    "Who handles an item at a place on a date: the handler, in whose name, who executes, how.",
    [status: "`handled`, or `conflict` when delegations of equal specificity overlap.",
     handler: "The unit that handles the item, by path (None on a conflict).",
     legal_subject: "In whose name it acts (执法主体): the department under entrust, else the handler.",
     executor: "The office that executes, after the handler's routes.",
     mode: "How the handler holds it: own, grant, entrust, statutory, territorial or reserved.",
     delegation: "The delegation that moved the item (`D…`), or None.",
     cooperating: "Cooperating units and their duties (territorial items), or None.",
     township: "The township of a conflict, or None.",
     candidates: "The candidate handlings of a conflict, or None."],
    repr ["status", "handler", "legal_subject", "executor", "mode", "candidates"] {});

answer_class!(PyCanAnswer, "CanAnswer",
    "May a unit exercise an item at a place on a date; truthy when allowed.",
    [allowed: "Whether the unit may exercise the item here.",
     capacity: "As what: `handler`, `legal_subject` or `executor`, or None.",
     conflict: "Whether delegations conflict at the township."],
    repr ["allowed", "capacity", "conflict"] {
    fn __bool__(&self) -> bool {
        matches!(&self.0.answer, AnyAnswer::Can(a) if a.allowed)
    }
});

answer_class!(PyWhyNotAnswer, "WhyNotAnswer",
    "Why a unit may not exercise an item at a place on a date: the reasons, named.",
    [allowed: "Whether the unit may in fact exercise the item.",
     reasons: "The reasons it may not, each as a dict."],
    repr ["allowed", "reasons"] {});

answer_class!(PyScenarioAnswer, "ScenarioAnswer",
    "Who leads and who assists in a scenario of a topic at a place, given the facts.",
    [status: "`matched`, `ambiguous`, `no_match` or `needs_facts`.",
     scenario: "The scenario matched, by id, or None.",
     name: "The scenario's name, or None.",
     lead: "The leading unit, by path, or None.",
     assist: "The assisting units, by path.",
     township: "The township government, by path, when it takes part.",
     township_duties: "The township's duties in the scenario.",
     flow: "The steps of the scenario, in order.",
     candidates: "The scenarios that match equally (when ambiguous).",
     designate: "Where and by whom the lead is designated when ambiguous, or None.",
     missing: "Facts the scenarios need and the question did not give.",
     possible: "Scenarios that could match once the missing facts are given."],
    repr ["status", "scenario", "lead", "candidates"] {});

answer_class!(PyEscalationAnswer, "EscalationAnswer",
    "The ladder an incident of a severity climbs at a place: its rungs, lowest first.",
    [ladder: "The ladder used, by name, or None.",
     rungs: "The rungs that apply, each with its severity, unit, deadline and reviewer."],
    repr ["ladder", "rungs"] {});

answer_class!(PyDutiesAnswer, "DutiesAnswer",
    "A unit's duties on a date: its basic list, its cooperating duties, what was taken back.",
    [basic: "基本履职: the items the unit handles, each with its mode and delegation.",
     cooperating: "配合履职: the items where the unit cooperates, with its duties.",
     revoked: "上级部门收回: the items revoked from the unit, with the revocation."],
    repr ["basic", "cooperating", "revoked"] {
    /// One row per entry, every list flattened, as a `quanze.Table` (a list of dicts).
    fn rows<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        py.import("quanze._table")?
            .getattr("duty_rows")?
            .call1((self.0.to_dict(py)?,))
    }

    /// The rows as a pandas DataFrame (needs pandas).
    fn to_pandas<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.rows(py)?.call_method0("to_pandas")
    }

    /// The rows as a polars DataFrame (needs polars).
    fn to_polars<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.rows(py)?.call_method0("to_polars")
    }
});

answer_class!(PyAcceptAnswer, "AcceptAnswer",
    "Where an application for an item is accepted at a place: the acceptance points.",
    [points: "The acceptance points (受理点).",
     handler: "The unit that handles the item, by path."],
    repr ["points"] {});

/// Wraps an answer in its class.
pub fn wrap(py: Python<'_>, inner: Inner) -> PyResult<PyObject> {
    Ok(match &inner.answer {
        AnyAnswer::Who(_) => Py::new(py, PyWhoAnswer(inner))?.into_any(),
        AnyAnswer::Can(_) => Py::new(py, PyCanAnswer(inner))?.into_any(),
        AnyAnswer::WhyNot(_) => Py::new(py, PyWhyNotAnswer(inner))?.into_any(),
        AnyAnswer::Scenario(_) => Py::new(py, PyScenarioAnswer(inner))?.into_any(),
        AnyAnswer::Escalate(_) => Py::new(py, PyEscalationAnswer(inner))?.into_any(),
        AnyAnswer::Duties(_) => Py::new(py, PyDutiesAnswer(inner))?.into_any(),
        AnyAnswer::Accept(_) => Py::new(py, PyAcceptAnswer(inner))?.into_any(),
    })
}

/// Unpickles an answer: asks `query` (JSON) of `rules` again.
#[pyfunction]
pub fn _answer_from_query(
    py: Python<'_>,
    rules: &Bound<'_, crate::rules::PyRuleSet>,
    query: &str,
) -> PyResult<PyObject> {
    let query: Query = serde_json::from_str(query)
        .map_err(|e| pyo3::exceptions::PyValueError::new_err(format!("not a query: {e}")))?;
    let rules = rules.get().rules.clone();
    let (answer, _) =
        errors::guard(|| run(&rules, &query, false).map_err(|e| errors::query(py, e)))?;
    wrap(py, Inner::new(rules, query, answer))
}
