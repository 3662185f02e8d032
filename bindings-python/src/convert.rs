//! Arguments in, values out: civil dates from `datetime.date` or ISO strings, facts from a
//! mapping, and JSON views turned into plain Python objects.

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString};
use quanze_core::Date;
use serde_json::Value;

/// Reads `YYYY-MM-DD` with the parser every surface uses.
pub fn parse_date(text: &str) -> Option<Date> {
    quanze_core::request::parse_date(text)
}

fn bad_date(text: &str) -> PyErr {
    PyValueError::new_err(format!(
        "`{text}` is not a valid date; write YYYY-MM-DD or pass a datetime.date"
    ))
}

/// A civil date from an ISO string or a `datetime.date` (not a `datetime.datetime`: rules speak
/// of days, and silently dropping a time of day would hide a mistake).
pub fn date(value: &Bound<'_, PyAny>) -> PyResult<Date> {
    if let Ok(text) = value.downcast::<PyString>() {
        let text = text.to_str()?;
        return parse_date(text).ok_or_else(|| bad_date(text));
    }
    if value.hasattr("hour")? || !value.hasattr("toordinal")? {
        return Err(PyTypeError::new_err(format!(
            "a date must be a datetime.date or a YYYY-MM-DD string, not {}",
            value.get_type().name()?
        )));
    }
    let year: i32 = value.getattr("year")?.extract()?;
    let month: u8 = value.getattr("month")?.extract()?;
    let day: u8 = value.getattr("day")?.extract()?;
    time::Month::try_from(month)
        .ok()
        .and_then(|m| Date::from_calendar_date(year, m, day).ok())
        .ok_or_else(|| bad_date(&format!("{year:04}-{month:02}-{day:02}")))
}

/// Facts of a scenario query: a mapping of fact to value, or an iterable of pairs, in order.
pub fn facts(value: &Bound<'_, PyAny>) -> PyResult<Vec<(String, String)>> {
    let pairs = if let Ok(dict) = value.downcast::<PyDict>() {
        dict.items().into_any()
    } else if value.hasattr("items")? {
        value.call_method0("items")?
    } else {
        value.clone()
    };
    let mut out = Vec::new();
    for pair in pairs.try_iter()? {
        let (k, v): (String, String) = pair?.extract().map_err(|_| {
            PyTypeError::new_err("facts must map fact names to values, e.g. {\"环节\": \"运输\"}")
        })?;
        out.push((k, v));
    }
    Ok(out)
}

/// A JSON value as plain Python objects (dict, list, str, int, float, bool, None).
pub fn json_to_py(py: Python<'_>, value: &Value) -> PyResult<PyObject> {
    Ok(match value {
        Value::Null => py.None(),
        Value::Bool(b) => b.into_pyobject(py)?.to_owned().into_any().unbind(),
        Value::Number(n) => match (n.as_i64(), n.as_f64()) {
            (Some(i), _) => i.into_pyobject(py)?.into_any().unbind(),
            (None, Some(f)) => f.into_pyobject(py)?.into_any().unbind(),
            (None, None) => n.to_string().into_pyobject(py)?.into_any().unbind(),
        },
        Value::String(s) => PyString::new(py, s).into_any().unbind(),
        Value::Array(items) => {
            let list = PyList::empty(py);
            for item in items {
                list.append(json_to_py(py, item)?)?;
            }
            list.into_any().unbind()
        }
        Value::Object(map) => {
            let dict = PyDict::new(py);
            for (k, v) in map {
                dict.set_item(k, json_to_py(py, v)?)?;
            }
            dict.into_any().unbind()
        }
    })
}

/// Any value as a Python object; a conversion that fails (it cannot for the plain values passed
/// here) gives `None` rather than an error in the middle of building an exception.
pub fn obj<'py, T: IntoPyObject<'py>>(py: Python<'py>, value: T) -> PyObject {
    use pyo3::BoundObject;
    value
        .into_pyobject(py)
        .map(|b| b.into_any().unbind())
        .unwrap_or_else(|_| py.None())
}
