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

/// A civil date from an ISO string, a `datetime.date`, a `datetime.datetime` or
/// `pandas.Timestamp` at midnight, or a `numpy.datetime64` at midnight. A time of day is
/// refused rather than dropped: rules speak of days, and silently dropping 14:30 would hide a
/// mistake (a timestamp meant in another zone, say); `.date()` says the drop is meant.
pub fn date(value: &Bound<'_, PyAny>) -> PyResult<Date> {
    if let Ok(text) = value.downcast::<PyString>() {
        let text = text.to_str()?;
        return parse_date(text).ok_or_else(|| bad_date(text));
    }
    if is_datetime64(value) {
        return datetime64(value);
    }
    if !value.hasattr("toordinal")? {
        return Err(not_a_date(value));
    }
    if value.hasattr("hour")? {
        let midnight = ["hour", "minute", "second", "microsecond"]
            .iter()
            .map(|a| value.getattr(*a).and_then(|v| v.extract::<i64>()))
            .collect::<PyResult<Vec<i64>>>()
            .map_err(|_| not_a_date(value))?
            .iter()
            .all(|v| *v == 0)
            && value
                .getattr("nanosecond")
                .ok()
                .is_none_or(|v| v.extract::<i64>().is_ok_and(|n| n == 0));
        if !midnight {
            return Err(PyValueError::new_err(format!(
                "`{}` has a time of day; rules speak of days, so pass its .date() \
                 (a datetime is taken only at midnight)",
                value.str()?
            )));
        }
    }
    let field = |name: &str| value.getattr(name).map_err(|_| not_a_date(value));
    let year: i32 = field("year")?.extract().map_err(|_| not_a_date(value))?;
    let month: u8 = field("month")?.extract().map_err(|_| not_a_date(value))?;
    let day: u8 = field("day")?.extract().map_err(|_| not_a_date(value))?;
    time::Month::try_from(month)
        .ok()
        .and_then(|m| Date::from_calendar_date(year, m, day).ok())
        .ok_or_else(|| bad_date(&format!("{year:04}-{month:02}-{day:02}")))
}

fn not_a_date(value: &Bound<'_, PyAny>) -> PyErr {
    let name = value
        .get_type()
        .name()
        .map_or_else(|_| "?".to_owned(), |n| n.to_string());
    PyTypeError::new_err(format!(
        "a date must be a datetime.date (or a datetime at midnight), a YYYY-MM-DD string or a \
         numpy.datetime64, not {name} `{}`",
        value
            .str()
            .map_or_else(|_| "?".to_owned(), |s| s.to_string())
    ))
}

/// Whether `value` is a `numpy.datetime64` scalar (told by its type, without importing numpy).
pub fn is_datetime64(value: &Bound<'_, PyAny>) -> bool {
    let ty = value.get_type();
    ty.name()
        .is_ok_and(|n| n.to_str().is_ok_and(|n| n == "datetime64"))
        && ty
            .module()
            .is_ok_and(|m| m.to_str().is_ok_and(|m| m == "numpy"))
}

/// A `numpy.datetime64`: its day, when it has no time of day; NaT and times are refused.
fn datetime64(value: &Bound<'_, PyAny>) -> PyResult<Date> {
    let day = value.call_method1("astype", ("datetime64[D]",))?;
    let text = day.str()?.to_string();
    if !value.eq(&day)? {
        return Err(PyValueError::new_err(format!(
            "`{}` has a time of day (or is NaT); rules speak of days, so pass a day \
             (a datetime64 is taken only at midnight)",
            value.str()?
        )));
    }
    parse_date(&text).ok_or_else(|| bad_date(&text))
}

/// Whether a batch's dates argument is one date rather than a column of them.
pub fn is_date_scalar(value: &Bound<'_, PyAny>) -> bool {
    value.is_instance_of::<PyString>()
        || value.hasattr("toordinal").unwrap_or(false)
        || is_datetime64(value)
}

/// The values of a batch column: a pyarrow array through `to_pylist()`, anything else (a list,
/// a pandas or polars Series, a numpy array) by iterating it.
pub fn column_values<'py>(value: &Bound<'py, PyAny>) -> PyResult<Vec<Bound<'py, PyAny>>> {
    let is_arrow = value
        .get_type()
        .module()
        .is_ok_and(|m| m.to_str().is_ok_and(|m| m.starts_with("pyarrow")));
    if is_arrow && value.hasattr("to_pylist")? {
        return value.call_method0("to_pylist")?.try_iter()?.collect();
    }
    value.try_iter()?.collect()
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
