//! Batch answers for analysts: `who_handles_many` (columns, computed without the GIL and on
//! several threads); the dictionary-coded columns that `responsibility_table` shares.
//!
//! Inputs are resolved once per distinct name; the answers are computed in plain Rust; the
//! output columns are dictionary-coded (`Coded`), so a Python list reuses one string object per
//! distinct value and an Arrow column is a dictionary array built from two buffers.

use crate::convert;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList, PyString};
use quanze_core::query::{self, HandleMode, WhoAnswer};
use quanze_core::{view, Date, ItemId, PlaceId, RuleSet};
use rustc_hash::FxHashMap;
use std::sync::Arc;

/// One question of a batch: resolved ids, or the message of the failed lookup.
#[derive(Clone)]
struct Job {
    item: Result<ItemId, u32>,
    place: Result<PlaceId, u32>,
    date: Date,
}

/// One answer of a batch, compactly.
enum Outcome {
    Handled {
        handler: u32,
        legal_subject: u32,
        executor: u32,
        mode: HandleMode,
        delegation: Option<u32>,
    },
    Conflict,
    Failed(String),
}

fn answer(rs: &RuleSet, job: &Job, messages: &[String]) -> Outcome {
    let message = |i: u32| messages.get(i as usize).cloned().unwrap_or_default();
    let (item, place) = match (job.item, job.place) {
        (Ok(i), Ok(p)) => (i, p),
        (Err(e), _) | (_, Err(e)) => return Outcome::Failed(message(e)),
    };
    match query::who_handles(rs, item, place, job.date) {
        Ok(WhoAnswer::Handled(h)) => Outcome::Handled {
            handler: h.handler.0,
            legal_subject: h.legal_subject.0,
            executor: h.executor.0,
            mode: h.mode,
            delegation: h.delegation.map(|d| d.0),
        },
        Ok(WhoAnswer::Conflict { .. }) => Outcome::Conflict,
        Err(e) => Outcome::Failed(e.to_string()),
    }
}

/// The most threads a batch may ask for.
pub const MAX_THREADS: i64 = 256;

/// Reads `threads=`: None (every core) or a whole number from 1 to [`MAX_THREADS`].
pub fn threads(value: Option<&Bound<'_, PyAny>>) -> PyResult<Option<usize>> {
    let Some(value) = value.filter(|v| !v.is_none()) else {
        return Ok(None);
    };
    let bad = || {
        PyValueError::new_err(format!(
            "threads must be a whole number from 1 to {MAX_THREADS}, or None for every core; got {}",
            value.repr().map_or_else(|_| "?".to_owned(), |r| r.to_string())
        ))
    };
    // A whole number: an int or anything with `__index__` (numpy integers), not a bool.
    if value.is_instance_of::<pyo3::types::PyBool>() || !value.hasattr("__index__")? {
        return Err(bad());
    }
    let n = value
        .call_method0("__index__")
        .and_then(|n| n.extract::<i64>())
        .map_err(|_| bad())?;
    if (1..=MAX_THREADS).contains(&n) {
        usize::try_from(n).map(Some).map_err(|_| bad())
    } else {
        Err(bad())
    }
}

/// Answers every job, splitting the work over `threads` scoped threads.
fn compute(rs: &RuleSet, jobs: &[Job], messages: &[String], threads: usize) -> Vec<Outcome> {
    let threads = threads.max(1);
    if threads == 1 || jobs.len() < 4096 {
        return jobs.iter().map(|j| answer(rs, j, messages)).collect();
    }
    let chunk = jobs.len().div_ceil(threads);
    std::thread::scope(|scope| {
        let handles: Vec<_> = jobs
            .chunks(chunk)
            .map(|part| {
                scope.spawn(move || {
                    part.iter()
                        .map(|j| answer(rs, j, messages))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        let mut out = Vec::with_capacity(jobs.len());
        for handle in handles {
            match handle.join() {
                Ok(part) => out.extend(part),
                // A panicking worker is resumed on this thread, where the caller's guard turns
                // it into an InternalError.
                Err(payload) => std::panic::resume_unwind(payload),
            }
        }
        out
    })
}

/// A dictionary-coded column: `codes[i]` indexes `dictionary`, -1 is null.
pub(crate) struct Coded {
    pub(crate) name: &'static str,
    pub(crate) codes: Vec<i32>,
    pub(crate) dictionary: Arc<[String]>,
    /// The dictionary as Python strings, when the rule set keeps them (see [`Tables`]).
    pub(crate) strings: Option<Arc<[Py<PyString>]>>,
}

/// The names a batch answer draws on, built once per rule set (on its first batch) and kept
/// on the Python `RuleSet`: unit paths and delegation ids, as Rust and as Python strings.
pub struct Tables {
    units: Arc<[String]>,
    unit_strings: Arc<[Py<PyString>]>,
    delegations: Arc<[String]>,
    delegation_strings: Arc<[Py<PyString>]>,
}

impl Tables {
    pub fn new(py: Python<'_>, rs: &RuleSet) -> Tables {
        let units: Arc<[String]> = rs.decls().units.iter().map(|u| u.path.clone()).collect();
        let delegations: Arc<[String]> = (0..rs.decls().delegations.len())
            .map(|i| format!("D{i}"))
            .collect();
        let strings = |names: &[String]| -> Arc<[Py<PyString>]> {
            names
                .iter()
                .map(|n| PyString::new(py, n).unbind())
                .collect()
        };
        Tables {
            unit_strings: strings(&units),
            delegation_strings: strings(&delegations),
            units,
            delegations,
        }
    }
}

pub(crate) fn code(i: u32) -> i32 {
    i32::try_from(i).unwrap_or(-1)
}

/// Distinct strings of one input column: the row → distinct index map and the distinct values.
struct Distinct<'py> {
    rows: Vec<u32>,
    values: Vec<Bound<'py, PyAny>>,
}

/// Reads an input column: a single value (repeated) or a sequence; `is_scalar` says which.
fn column<'py>(
    value: &Bound<'py, PyAny>,
    is_scalar: impl Fn(&Bound<'py, PyAny>) -> bool,
) -> PyResult<Vec<Bound<'py, PyAny>>> {
    if is_scalar(value) {
        return Ok(vec![value.clone()]);
    }
    convert::column_values(value)
}

/// Groups equal values: strings by content, other objects by identity.
fn distinct<'py>(values: &[Bound<'py, PyAny>], n: usize) -> PyResult<Distinct<'py>> {
    let mut by_text: FxHashMap<String, u32> = FxHashMap::default();
    let mut by_ptr: FxHashMap<usize, u32> = FxHashMap::default();
    let mut out = Distinct {
        rows: Vec::with_capacity(n),
        values: Vec::new(),
    };
    let repeat = values.len() == 1;
    for i in 0..n {
        let Some(value) = values.get(if repeat { 0 } else { i }) else {
            break;
        };
        let next = u32::try_from(out.values.len()).unwrap_or(u32::MAX);
        let index = if let Ok(s) = value.downcast::<PyString>() {
            let text = s.to_str()?;
            match by_text.get(text) {
                Some(ix) => *ix,
                None => {
                    by_text.insert(text.to_owned(), next);
                    out.values.push(value.clone());
                    next
                }
            }
        } else {
            *by_ptr.entry(value.as_ptr() as usize).or_insert_with(|| {
                out.values.push(value.clone());
                next
            })
        };
        out.rows.push(index);
    }
    Ok(out)
}

fn length(columns: &[&[Bound<'_, PyAny>]]) -> PyResult<usize> {
    let lengths: Vec<usize> = columns
        .iter()
        .map(|c| c.len())
        .filter(|n| *n != 1)
        .collect();
    match lengths.first() {
        None => Ok(1),
        Some(n) if lengths.iter().all(|m| m == n) => Ok(*n),
        Some(_) => {
            let got: Vec<String> = columns.iter().map(|c| c.len().to_string()).collect();
            Err(PyValueError::new_err(format!(
                "items, places and dates must have equal lengths (or be single values), got {}",
                got.join(", ")
            )))
        }
    }
}

#[expect(
    clippy::too_many_arguments,
    reason = "the Python method's arguments, passed through as they are"
)]
pub fn who_many(
    py: Python<'_>,
    rs: &RuleSet,
    tables: &Tables,
    items: &Bound<'_, PyAny>,
    places: &Bound<'_, PyAny>,
    dates: &Bound<'_, PyAny>,
    arrow: bool,
    threads: Option<usize>,
) -> PyResult<PyObject> {
    let is_str = |v: &Bound<'_, PyAny>| v.is_instance_of::<PyString>();
    let is_date = convert::is_date_scalar;
    let item_values = column(items, is_str)?;
    let place_values = column(places, is_str)?;
    let date_values = column(dates, is_date)?;
    let n = length(&[&item_values, &place_values, &date_values])?;
    let items = distinct(&item_values, n)?;
    let places = distinct(&place_values, n)?;
    let dates = distinct(&date_values, n)?;

    let mut messages = Vec::new();
    let mut lookup = |result: Result<u32, String>| {
        result.map_err(|m| {
            messages.push(m);
            u32::try_from(messages.len() - 1).unwrap_or(u32::MAX)
        })
    };
    let mut item_names = Vec::new();
    let mut item_ids = Vec::new();
    for v in &items.values {
        let name: String = v.extract()?;
        item_ids.push(lookup(
            rs.lookup_item(&name)
                .map(|i| i.0)
                .map_err(|e| e.to_string()),
        ));
        item_names.push(name);
    }
    let mut place_names = Vec::new();
    let mut place_ids = Vec::new();
    for v in &places.values {
        let name: String = v.extract()?;
        place_ids.push(lookup(
            rs.lookup_place(&name)
                .map(|p| p.0)
                .map_err(|e| e.to_string()),
        ));
        place_names.push(name);
    }
    let date_list: Vec<Date> = dates
        .values
        .iter()
        .map(convert::date)
        .collect::<PyResult<_>>()?;

    let threads = threads.unwrap_or_else(|| {
        std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)
    });
    let (item_rows, place_rows, date_rows) = (&items.rows, &places.rows, &dates.rows);
    let outcomes = py.allow_threads(|| {
        let get = |ids: &[Result<u32, u32>], i: u32| ids.get(i as usize).copied().unwrap_or(Err(0));
        let jobs: Vec<Job> = (0..n)
            .map(|r| Job {
                item: get(&item_ids, item_rows.get(r).copied().unwrap_or(0)).map(ItemId),
                place: get(&place_ids, place_rows.get(r).copied().unwrap_or(0)).map(PlaceId),
                date: date_rows
                    .get(r)
                    .and_then(|d| date_list.get(*d as usize))
                    .copied()
                    .unwrap_or(Date::MIN),
            })
            .collect();
        compute(rs, &jobs, &messages, threads)
    });

    let mut columns = vec![
        Coded {
            name: "item",
            codes: items.rows.iter().map(|c| code(*c)).collect(),
            dictionary: item_names.into(),
            strings: None,
        },
        Coded {
            name: "place",
            codes: places.rows.iter().map(|c| code(*c)).collect(),
            dictionary: place_names.into(),
            strings: None,
        },
        Coded {
            name: "date",
            codes: dates.rows.iter().map(|c| code(*c)).collect(),
            dictionary: date_list.iter().map(ToString::to_string).collect(),
            strings: None,
        },
    ];
    columns.extend(answer_columns(tables, &outcomes));
    if arrow {
        to_arrow(py, n, &columns, &date_list, &dates.rows)
    } else {
        to_lists(py, &columns)
    }
}

/// status, handler, legal_subject, executor, mode, delegation, error.
fn answer_columns(tables: &Tables, outcomes: &[Outcome]) -> Vec<Coded> {
    let modes = [
        HandleMode::Own,
        HandleMode::Grant,
        HandleMode::Entrust,
        HandleMode::Statutory,
        HandleMode::Territorial,
        HandleMode::Reserved,
    ];
    let mut status = Vec::with_capacity(outcomes.len());
    let (mut handler, mut legal, mut executor, mut mode, mut delegation) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let mut errors: Vec<String> = Vec::new();
    let mut error_index: FxHashMap<String, i32> = FxHashMap::default();
    let mut error = Vec::with_capacity(outcomes.len());
    for outcome in outcomes {
        match outcome {
            Outcome::Handled {
                handler: h,
                legal_subject: l,
                executor: x,
                mode: m,
                delegation: d,
            } => {
                status.push(0);
                handler.push(code(*h));
                legal.push(code(*l));
                executor.push(code(*x));
                mode.push(modes.iter().position(|k| k == m).map_or(-1, |p| p as i32));
                delegation.push(d.map_or(-1, code));
                error.push(-1);
            }
            Outcome::Conflict | Outcome::Failed(_) => {
                status.push(if matches!(outcome, Outcome::Conflict) {
                    1
                } else {
                    2
                });
                for column in [
                    &mut handler,
                    &mut legal,
                    &mut executor,
                    &mut mode,
                    &mut delegation,
                ] {
                    column.push(-1);
                }
                error.push(match outcome {
                    Outcome::Failed(message) => {
                        *error_index.entry(message.clone()).or_insert_with(|| {
                            errors.push(message.clone());
                            i32::try_from(errors.len() - 1).unwrap_or(-1)
                        })
                    }
                    _ => -1,
                });
            }
        }
    }
    vec![
        Coded {
            name: "status",
            codes: status,
            dictionary: ["handled", "conflict", "error"].map(String::from).into(),
            strings: None,
        },
        Coded {
            name: "handler",
            codes: handler,
            dictionary: tables.units.clone(),
            strings: Some(tables.unit_strings.clone()),
        },
        Coded {
            name: "legal_subject",
            codes: legal,
            dictionary: tables.units.clone(),
            strings: Some(tables.unit_strings.clone()),
        },
        Coded {
            name: "executor",
            codes: executor,
            dictionary: tables.units.clone(),
            strings: Some(tables.unit_strings.clone()),
        },
        Coded {
            name: "mode",
            codes: mode,
            dictionary: modes
                .iter()
                .map(|m| view::mode_name(*m).to_owned())
                .collect(),
            strings: None,
        },
        Coded {
            name: "delegation",
            codes: delegation,
            dictionary: tables.delegations.clone(),
            strings: Some(tables.delegation_strings.clone()),
        },
        Coded {
            name: "error",
            codes: error,
            dictionary: errors.into(),
            strings: None,
        },
    ]
}

/// Columns as a dict of lists, one shared string object per distinct value.
pub(crate) fn to_lists(py: Python<'_>, columns: &[Coded]) -> PyResult<PyObject> {
    let out = PyDict::new(py);
    for column in columns {
        let mut strings: Vec<Option<Bound<'_, PyString>>> = vec![None; column.dictionary.len()];
        let mut values = Vec::with_capacity(column.codes.len());
        for c in &column.codes {
            let shared = column
                .strings
                .as_deref()
                .and_then(|s| usize::try_from(*c).ok().and_then(|c| s.get(c)));
            if let Some(string) = shared {
                values.push(string.bind(py).clone().into_any());
                continue;
            }
            let value = match usize::try_from(*c)
                .ok()
                .and_then(|c| strings.get_mut(c).map(|s| (c, s)))
            {
                Some((c, slot)) => slot
                    .get_or_insert_with(|| {
                        PyString::new(py, column.dictionary.get(c).map_or("", String::as_str))
                    })
                    .clone()
                    .into_any(),
                None => py.None().into_bound(py),
            };
            values.push(value);
        }
        out.set_item(column.name, PyList::new(py, values)?)?;
    }
    Ok(out.into_any().unbind())
}

/// Columns as a `pyarrow.Table` of dictionary arrays (the date column as `date32`).
fn to_arrow(
    py: Python<'_>,
    n: usize,
    columns: &[Coded],
    dates: &[Date],
    date_rows: &[u32],
) -> PyResult<PyObject> {
    let specs = PyList::empty(py);
    for column in columns {
        let mut validity = vec![0u8; n.div_ceil(8)];
        let mut data = Vec::with_capacity(n * 4);
        for (i, c) in column.codes.iter().enumerate() {
            let value = if column.name == "date" {
                date_rows
                    .get(i)
                    .and_then(|d| dates.get(*d as usize))
                    .map_or(0, |d| d.to_julian_day() - 2_440_588)
            } else {
                *c
            };
            if *c >= 0 {
                if let Some(byte) = validity.get_mut(i / 8) {
                    *byte |= 1 << (i % 8);
                }
            }
            data.extend_from_slice(&value.to_le_bytes());
        }
        let dictionary = if column.name == "date" {
            py.None().into_bound(py)
        } else {
            PyList::new(py, column.dictionary.iter())?.into_any()
        };
        specs.append((
            column.name,
            PyBytes::new(py, &validity),
            PyBytes::new(py, &data),
            dictionary,
        ))?;
    }
    Ok(py
        .import("quanze._table")?
        .getattr("arrow_table")?
        .call1((n, specs))?
        .unbind())
}
