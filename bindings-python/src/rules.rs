//! `quanze.RuleSet`: a compiled rule set, its queries, the checker, and pickling through the
//! compiled snapshot.

use crate::answers::{self, run, Inner};
use crate::convert;
use crate::errors;
use crate::proof::PyProof;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList, PyTuple};
use quanze_core::proof::Query;
use quanze_core::proof::Subject;
use quanze_core::testing::Verdict;
use quanze_core::{ItemId, PlaceId, PlaceLevel, RuleSet, TopicId, UnitId};
use std::path::PathBuf;
use std::sync::Arc;

/// A compiled rule set: ask it who handles what, where and when, check it, run its tests,
/// and verify proofs against it. Pickles through its compiled snapshot.
#[pyclass(frozen, module = "quanze._quanze", name = "RuleSet")]
pub struct PyRuleSet {
    pub rules: Arc<RuleSet>,
    /// The batch answers' name tables, built on the first batch.
    pub tables: std::sync::OnceLock<crate::batch::Tables>,
}

/// Compiles a rule-set directory, a `.qz` file, or reads a `.qzc` snapshot.
#[pyfunction]
pub fn load(py: Python<'_>, path: PathBuf) -> PyResult<PyRuleSet> {
    if path.extension().is_some_and(|e| e == "qzc") {
        let bytes = std::fs::read(&path)?;
        return from_snapshot(&bytes);
    }
    let compiled = errors::guard(|| Ok(py.allow_threads(|| quanze_dsl::check_path(&path))))?;
    match compiled.rules {
        Some(rules) => Ok(PyRuleSet {
            rules: Arc::new(rules),
            tables: std::sync::OnceLock::new(),
        }),
        None => Err(errors::rules(
            py,
            &path.display().to_string(),
            &compiled.diagnostics,
            &compiled.sources,
        )),
    }
}

/// Compiles rule text held in a string; `name` is the file name diagnostics show.
#[pyfunction]
#[pyo3(signature = (text, name = "<string>"))]
pub fn loads(py: Python<'_>, text: &str, name: &str) -> PyResult<PyRuleSet> {
    let files = [(name.to_owned(), text.to_owned())];
    let compiled = errors::guard(|| Ok(quanze_dsl::compile_texts(&files)))?;
    match compiled.rules {
        Some(rules) => Ok(PyRuleSet {
            rules: Arc::new(rules),
            tables: std::sync::OnceLock::new(),
        }),
        None => Err(errors::rules(
            py,
            name,
            &compiled.diagnostics,
            &compiled.sources,
        )),
    }
}

/// Every diagnostic of a rule set at `path` (errors and warnings); never raises for rule errors.
#[pyfunction]
pub fn check(py: Python<'_>, path: PathBuf) -> PyResult<Py<PyList>> {
    let compiled = errors::guard(|| Ok(py.allow_threads(|| quanze_dsl::check_path(&path))))?;
    errors::diagnostics(py, &compiled.diagnostics, &compiled.sources)
}

fn from_snapshot(bytes: &[u8]) -> PyResult<PyRuleSet> {
    errors::guard(|| Ok(RuleSet::from_bytes(bytes)))?
        .map(|rules| PyRuleSet {
            rules: Arc::new(rules),
            tables: std::sync::OnceLock::new(),
        })
        .map_err(|e| errors::SnapshotError::new_err(e.to_string()))
}

/// The unpickler: a rule set from snapshot bytes.
#[pyfunction]
pub fn _rules_from_bytes(data: &[u8]) -> PyResult<PyRuleSet> {
    from_snapshot(data)
}

impl PyRuleSet {
    pub fn from_arc(rules: Arc<RuleSet>) -> PyRuleSet {
        PyRuleSet {
            rules,
            tables: std::sync::OnceLock::new(),
        }
    }

    pub fn item(&self, py: Python<'_>, code: &str) -> PyResult<ItemId> {
        self.rules
            .lookup_item(code)
            .map_err(|e| errors::lookup(py, e))
    }

    pub fn place(&self, py: Python<'_>, name: &str) -> PyResult<PlaceId> {
        self.rules
            .lookup_place(name)
            .map_err(|e| errors::lookup(py, e))
    }

    fn unit(&self, py: Python<'_>, name: &str) -> PyResult<UnitId> {
        self.rules
            .lookup_unit(name)
            .map_err(|e| errors::lookup(py, e))
    }

    fn topic(&self, py: Python<'_>, name: &str) -> PyResult<TopicId> {
        self.rules
            .lookup_topic(name)
            .map_err(|e| errors::lookup(py, e))
    }

    fn ask(&self, py: Python<'_>, query: Query) -> PyResult<PyObject> {
        let (answer, _) =
            errors::guard(|| run(&self.rules, &query, false).map_err(|e| errors::query(py, e)))?;
        answers::wrap(py, Inner::new(self.rules.clone(), query, answer))
    }
}

#[pymethods]
impl PyRuleSet {
    /// Reads snapshot bytes (`RuleSet.to_bytes()`, or a `.qzc` file written by `quanze compile`).
    #[staticmethod]
    fn from_bytes(data: &[u8]) -> PyResult<PyRuleSet> {
        from_snapshot(data)
    }

    /// The compiled snapshot: versioned, checksummed bytes that load without parsing.
    fn to_bytes<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyBytes>> {
        let bytes = self
            .rules
            .to_bytes()
            .map_err(|e| errors::SnapshotError::new_err(e.to_string()))?;
        Ok(PyBytes::new(py, &bytes))
    }

    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        let loader = py.import("quanze._quanze")?.getattr("_rules_from_bytes")?;
        let args = PyTuple::new(py, [self.to_bytes(py)?])?;
        PyTuple::new(py, [loader, args.into_any()])
    }

    /// `sha256:` and the digest of the sources; proofs name it in their receipt.
    #[getter]
    fn content_hash(&self) -> &str {
        self.rules.content_hash()
    }

    fn __repr__(&self) -> String {
        let d = self.rules.decls();
        format!(
            "<RuleSet {} ({} files, {} places, {} units, {} items, {} scenarios)>",
            self.rules.content_hash(),
            self.rules.sources().files().len(),
            d.places.len(),
            d.units.len(),
            d.items.len(),
            d.scenarios.len()
        )
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other
            .downcast::<PyRuleSet>()
            .is_ok_and(|o| o.get().rules.content_hash() == self.rules.content_hash())
    }

    fn __hash__(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        self.rules.content_hash().hash(&mut h);
        h.finish()
    }

    /// The diagnostics of the rule set's sources, analyzer findings included, as `quanze check`
    /// reports them (a loaded rule set has no syntax or name errors, but the analyzer may find
    /// errors such as a grant without a basis).
    fn check(&self, py: Python<'_>) -> PyResult<Py<PyList>> {
        let files: Vec<(String, String)> = self
            .rules
            .sources()
            .files()
            .iter()
            .map(|f| (f.path.clone(), f.text.clone()))
            .collect();
        let compiled = errors::guard(|| Ok(py.allow_threads(|| quanze_dsl::check_texts(&files))))?;
        errors::diagnostics(py, &compiled.diagnostics, &compiled.sources)
    }

    /// Runs the rule set's `test` blocks: one `TestResult` per expectation, in order.
    fn run_tests(&self, py: Python<'_>) -> PyResult<Py<PyList>> {
        let results =
            errors::guard(
                || Ok(py.allow_threads(|| quanze_core::testing::run_tests(&self.rules))),
            )?;
        let class = py.import("quanze._testing")?.getattr("TestResult")?;
        let list = PyList::empty(py);
        for r in &results {
            let at = self.rules.sources().locate(r.at);
            let kwargs = PyDict::new(py);
            kwargs.set_item("test", &r.test)?;
            kwargs.set_item("expectation", &r.expectation)?;
            kwargs.set_item("passed", r.passed())?;
            kwargs.set_item("file", at.as_ref().map_or("", |l| l.file.as_str()))?;
            kwargs.set_item("line", at.as_ref().map_or(0, |l| l.line))?;
            kwargs.set_item("column", at.as_ref().map_or(0, |l| l.column))?;
            if let Verdict::Failed { expected, actual } = &r.verdict {
                kwargs.set_item("expected", expected)?;
                kwargs.set_item("actual", actual)?;
            }
            list.append(class.call((), Some(&kwargs))?)?;
        }
        Ok(list.unbind())
    }

    /// Item codes, in declaration order.
    fn items(&self) -> Vec<String> {
        self.rules
            .decls()
            .items
            .iter()
            .map(|i| i.code.clone())
            .collect()
    }

    /// Place paths, in declaration order; `level` keeps one level (`"township"`, `"乡镇"` …).
    #[pyo3(signature = (level = None))]
    fn places(&self, level: Option<&str>) -> PyResult<Vec<String>> {
        let wanted = level
            .map(|l| {
                PlaceLevel::ALL
                    .into_iter()
                    .find(|x| x.english() == l || x.chinese() == l)
                    .ok_or_else(|| {
                        let names: Vec<&str> =
                            PlaceLevel::ALL.iter().map(|x| x.english()).collect();
                        PyValueError::new_err(format!(
                            "unknown level `{l}`; one of {}",
                            names.join(", ")
                        ))
                    })
            })
            .transpose()?;
        Ok(self
            .rules
            .decls()
            .places
            .iter()
            .filter(|p| wanted.is_none_or(|w| p.level == w))
            .map(|p| p.path.clone())
            .collect())
    }

    /// Unit paths, in declaration order.
    fn units(&self) -> Vec<String> {
        self.rules
            .decls()
            .units
            .iter()
            .map(|u| u.path.clone())
            .collect()
    }

    /// Scenario topics, in declaration order.
    fn topics(&self) -> Vec<String> {
        self.rules
            .decls()
            .topics
            .iter()
            .map(|t| t.name.clone())
            .collect()
    }

    /// Who handles `item` at `place` on `date`; `part` names a part of the item.
    #[pyo3(signature = (item, place, date, *, part = None))]
    fn who_handles(
        &self,
        py: Python<'_>,
        item: &str,
        place: &str,
        date: &Bound<'_, PyAny>,
        part: Option<String>,
    ) -> PyResult<PyObject> {
        let query = Query::WhoHandles {
            item: self.item(py, item)?,
            place: self.place(py, place)?,
            date: convert::date(date)?,
            part,
        };
        self.ask(py, query)
    }

    /// May `unit` exercise `item` at `place` on `date`.
    fn can(
        &self,
        py: Python<'_>,
        unit: &str,
        item: &str,
        place: &str,
        date: &Bound<'_, PyAny>,
    ) -> PyResult<PyObject> {
        let query = Query::Can {
            unit: self.unit(py, unit)?,
            item: self.item(py, item)?,
            place: self.place(py, place)?,
            date: convert::date(date)?,
        };
        self.ask(py, query)
    }

    /// Why `unit` does not handle `item` at `place` on `date`.
    fn why_not(
        &self,
        py: Python<'_>,
        unit: &str,
        item: &str,
        place: &str,
        date: &Bound<'_, PyAny>,
    ) -> PyResult<PyObject> {
        let query = Query::WhyNot {
            unit: self.unit(py, unit)?,
            item: self.item(py, item)?,
            place: self.place(py, place)?,
            date: convert::date(date)?,
        };
        self.ask(py, query)
    }

    /// The scenario of `topic` that matches `facts` at `place` on `date`.
    fn scenario(
        &self,
        py: Python<'_>,
        topic: &str,
        place: &str,
        facts: &Bound<'_, PyAny>,
        date: &Bound<'_, PyAny>,
    ) -> PyResult<PyObject> {
        let query = Query::Scenario {
            topic: self.topic(py, topic)?,
            place: self.place(py, place)?,
            facts: convert::facts(facts)?,
            date: convert::date(date)?,
        };
        self.ask(py, query)
    }

    /// The escalation ladder at `place` up to `severity`, about an item or a topic (whose facts
    /// select the lead department).
    #[pyo3(signature = (place, severity, date, *, item = None, topic = None, facts = None))]
    #[allow(
        clippy::too_many_arguments,
        reason = "one keyword argument per part of the query"
    )]
    fn escalate(
        &self,
        py: Python<'_>,
        place: &str,
        severity: String,
        date: &Bound<'_, PyAny>,
        item: Option<&str>,
        topic: Option<&str>,
        facts: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<PyObject> {
        let subject = match (item, topic) {
            (Some(_), Some(_)) => {
                return Err(PyValueError::new_err("pass `item` or `topic`, not both"))
            }
            (Some(i), None) => Some(Subject::Item(self.item(py, i)?)),
            (None, Some(t)) => Some(Subject::Topic(self.topic(py, t)?)),
            (None, None) => None,
        };
        let facts = match facts {
            Some(f) if !f.is_none() => convert::facts(f)?,
            _ => Vec::new(),
        };
        if !facts.is_empty() && topic.is_none() {
            return Err(PyValueError::new_err(
                "`facts` describe a topic's case: pass `topic` with them",
            ));
        }
        let query = Query::Escalate {
            place: self.place(py, place)?,
            severity,
            subject,
            facts,
            date: convert::date(date)?,
        };
        self.ask(py, query)
    }

    /// The duty list of `unit` on `date` (基本履职, 配合履职, 上级部门收回).
    fn duties(&self, py: Python<'_>, unit: &str, date: &Bound<'_, PyAny>) -> PyResult<PyObject> {
        let query = Query::Duties {
            unit: self.unit(py, unit)?,
            date: convert::date(date)?,
        };
        self.ask(py, query)
    }

    /// Where a resident of `place` may hand in an application for `item`, and who handles it.
    fn accept_points(
        &self,
        py: Python<'_>,
        item: &str,
        place: &str,
        date: &Bound<'_, PyAny>,
    ) -> PyResult<PyObject> {
        let query = Query::AcceptPoints {
            item: self.item(py, item)?,
            place: self.place(py, place)?,
            date: convert::date(date)?,
        };
        self.ask(py, query)
    }

    /// Runs the independent checker. A proof from a query checks its own answer; a bare proof
    /// read from JSON checks the answer this rule set gives to its receipt's query. Raises
    /// `ProofError` when the proof does not hold.
    fn verify(&self, py: Python<'_>, proof: &Bound<'_, PyProof>) -> PyResult<()> {
        let proof = proof.get();
        errors::guard(|| {
            let answer = match &proof.answer {
                Some(answer) => answer.clone(),
                None => {
                    run(&self.rules, &proof.proof.receipt.query, false)
                        .map_err(|e| {
                            errors::proof(py, format!("the receipt's query has no answer: {e}"))
                        })?
                        .0
                }
            };
            answer
                .check(&self.rules, &proof.proof)
                .map_err(|e| errors::proof(py, e.to_string()))
        })
    }

    /// Batch `who_handles`: equal-length sequences (or single values, repeated) of items,
    /// places and dates. Runs without the GIL, on `threads` threads (default: every core).
    /// Returns columns: a dict of lists, or a `pyarrow.Table` when `arrow=True`.
    #[pyo3(signature = (items, places, dates, *, arrow = false, threads = None))]
    fn who_handles_many(
        &self,
        py: Python<'_>,
        items: &Bound<'_, PyAny>,
        places: &Bound<'_, PyAny>,
        dates: &Bound<'_, PyAny>,
        arrow: bool,
        threads: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<PyObject> {
        let threads = crate::batch::threads(threads)?;
        let tables = self
            .tables
            .get_or_init(|| crate::batch::Tables::new(py, &self.rules));
        errors::guard(|| {
            crate::batch::who_many(
                py,
                &self.rules,
                tables,
                items,
                places,
                dates,
                arrow,
                threads,
            )
        })
    }

    /// Who handles each item at each township where it applies on `date`, as a `quanze.Table`
    /// built from columns; `counties` (place names) and `lists` (list names) narrow it.
    #[pyo3(signature = (date, *, counties = None, lists = None))]
    fn responsibility_table<'py>(
        &self,
        py: Python<'py>,
        date: &Bound<'py, PyAny>,
        counties: Option<Vec<String>>,
        lists: Option<Vec<String>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let date = convert::date(date)?;
        let filters = crate::table::Filters { counties, lists };
        errors::guard(|| crate::table::responsibility_table(py, &self.rules, date, &filters))
    }

    /// The responsibility graph as a `networkx.MultiDiGraph` with typed nodes and edges; with a
    /// `date`, also `handles` edges from each handling unit to its items, per township.
    #[pyo3(signature = (date = None))]
    fn to_networkx<'py>(
        &self,
        py: Python<'py>,
        date: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let date = date.map(convert::date).transpose()?;
        errors::guard(|| crate::graph::to_networkx(py, &self.rules, date))
    }

    /// Rust-side cost of `who_handles` (name lookups and the query, no proof), in nanoseconds
    /// per call over `n` calls; for measuring the binding's overhead.
    fn _bench_who_handles(
        &self,
        item: &str,
        place: &str,
        date: &Bound<'_, PyAny>,
        n: usize,
    ) -> PyResult<f64> {
        let date = convert::date(date)?;
        let start = std::time::Instant::now();
        let mut handled = 0usize;
        for _ in 0..n {
            let i = self.rules.lookup_item(std::hint::black_box(item));
            let p = self.rules.lookup_place(std::hint::black_box(place));
            if let (Ok(i), Ok(p)) = (i, p) {
                if quanze_core::query::who_handles(&self.rules, i, p, date).is_ok() {
                    handled += 1;
                }
            }
        }
        std::hint::black_box(handled);
        Ok(start.elapsed().as_nanos() as f64 / n.max(1) as f64)
    }
}
