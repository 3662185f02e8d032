"""Inputs: the kinds of date every query takes, and the column kinds a batch takes."""

from __future__ import annotations

import datetime

import pytest

import quanze

ITEM, PLACE = "330205-CF-001", "甬江街道"
HANDLER = "宁波市/江北区/甬江街道"


def test_dates_as_date_string_and_datetime_at_midnight(rules: quanze.RuleSet) -> None:
    for day in ("2024-05-01", datetime.date(2024, 5, 1), datetime.datetime(2024, 5, 1)):
        assert rules.who_handles(ITEM, PLACE, day).handler == HANDLER


def test_a_datetime_with_a_time_of_day_is_refused(rules: quanze.RuleSet) -> None:
    with pytest.raises(ValueError, match=r"has a time of day.*\.date\(\)"):
        rules.who_handles(ITEM, PLACE, datetime.datetime(2024, 5, 1, 14, 30))
    with pytest.raises(ValueError, match="not a valid date"):
        rules.who_handles(ITEM, PLACE, "2024-5-1")
    with pytest.raises(TypeError, match="a date must be"):
        rules.who_handles(ITEM, PLACE, 20240501)  # type: ignore[arg-type]


def test_pandas_timestamp_and_numpy_datetime64(rules: quanze.RuleSet) -> None:
    pd = pytest.importorskip("pandas")
    np = pytest.importorskip("numpy")
    assert rules.who_handles(ITEM, PLACE, pd.Timestamp("2024-05-01")).handler == HANDLER
    assert rules.who_handles(ITEM, PLACE, np.datetime64("2024-05-01")).handler == HANDLER
    assert rules.who_handles(ITEM, PLACE, np.datetime64("2024-05-01T00:00:00.000000000")).handler == HANDLER
    assert rules.duties("甬江街道", np.datetime64("2024-05-01", "D")).basic
    assert len(rules.responsibility_table(pd.Timestamp("2024-05-01"))) > 0
    with pytest.raises(ValueError, match="has a time of day"):
        rules.who_handles(ITEM, PLACE, pd.Timestamp("2024-05-01 09:00"))
    with pytest.raises(ValueError, match="has a time of day"):
        rules.who_handles(ITEM, PLACE, np.datetime64("2024-05-01T09:00"))
    with pytest.raises(ValueError, match="NaT"):
        rules.who_handles(ITEM, PLACE, np.datetime64("NaT"))


def test_batch_columns_from_pandas_polars_numpy_and_arrow(rules: quanze.RuleSet) -> None:
    pd = pytest.importorskip("pandas")
    pl = pytest.importorskip("polars")
    pa = pytest.importorskip("pyarrow")
    np = pytest.importorskip("numpy")
    items = [ITEM, "nope", ITEM]
    places = [PLACE, PLACE, PLACE]
    expected = rules.who_handles_many(items, places, "2024-05-01")
    days = ["2024-05-01"] * 3
    for make in (pd.Series, pl.Series, pa.array, pa.chunked_array, np.array):
        wrap = (lambda v: pa.chunked_array([v])) if make is pa.chunked_array else make
        got = rules.who_handles_many(wrap(items), wrap(places), wrap(days))
        assert got == expected, make
    timestamps = pd.Series(pd.to_datetime(days))
    assert rules.who_handles_many(items, places, timestamps)["status"] == expected["status"]
    assert rules.who_handles_many(items, places, pa.array([datetime.date(2024, 5, 1)] * 3))["status"] == expected["status"]
    assert rules.who_handles_many(items, places, np.datetime64("2024-05-01"))["status"] == expected["status"]
    assert rules.who_handles_many(items, places, np.array(days, dtype="datetime64[D]"))["status"] == expected["status"]
