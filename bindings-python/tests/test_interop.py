"""Analysts' interop: batch columns, the responsibility table, pandas, polars, Arrow, networkx."""

from __future__ import annotations

import datetime
import threading

import pytest

import quanze
from conftest import DAY


def test_who_handles_many_agrees_with_single_calls(rules: quanze.RuleSet) -> None:
    items = [i for i in rules.items() for _ in rules.places(level="township")]
    places = [p for _ in rules.items() for p in rules.places(level="township")]
    columns = rules.who_handles_many(items, places, DAY)
    assert list(columns) == [
        "item", "place", "date", "status", "handler", "legal_subject", "executor", "mode", "delegation", "error",
    ]
    assert all(len(c) == len(items) for c in columns.values())
    for row, (item, place) in enumerate(zip(items, places)):
        try:
            single = rules.who_handles(item, place, DAY)
        except quanze.QueryError as error:
            assert columns["status"][row] == "error"
            assert columns["error"][row] == str(error)
            continue
        assert columns["status"][row] == single.status
        assert columns["handler"][row] == single.handler
        assert columns["mode"][row] == single.mode
        assert columns["delegation"][row] == single.delegation


def test_who_handles_many_broadcasts_and_reports_lookup_errors(rules: quanze.RuleSet) -> None:
    columns = rules.who_handles_many(["330205-CF-001", "nope"], "甬江街道", datetime.date(2024, 5, 1))
    assert columns["status"] == ["handled", "error"]
    assert columns["date"] == ["2024-05-01", "2024-05-01"]
    assert str(columns["error"][1]).startswith("unknown item `nope`")
    with pytest.raises(ValueError, match="equal lengths"):
        rules.who_handles_many(["a", "b"], ["x", "y", "z"], DAY)
    with pytest.raises(ValueError, match="not a valid date"):
        rules.who_handles_many(["330205-CF-001"], ["甬江街道"], ["yesterday"])
    empty = rules.who_handles_many([], [], [])
    assert all(v == [] for v in empty.values())


def test_who_handles_many_is_the_same_on_any_number_of_threads(rules: quanze.RuleSet) -> None:
    townships = rules.places(level="township")
    items = [rules.items()[i % len(rules.items())] for i in range(10_000)]
    places = [townships[(i // 7) % len(townships)] for i in range(10_000)]
    one = rules.who_handles_many(items, places, DAY, threads=1)
    many = rules.who_handles_many(items, places, DAY, threads=4)
    assert one == many


def test_who_handles_many_releases_the_gil(rules: quanze.RuleSet) -> None:
    items = rules.items() * 5000
    results: list[dict[str, list[str | None]]] = []
    threads = [
        threading.Thread(target=lambda: results.append(rules.who_handles_many(items, "甬江街道", DAY)))
        for _ in range(3)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(results) == 3 and results[0] == results[1] == results[2]


def test_arrow_columns(rules: quanze.RuleSet) -> None:
    pa = pytest.importorskip("pyarrow")
    items = ["330205-CF-001", "330205-CF-004", "bad"]
    table = rules.who_handles_many(items, "庄桥街道", "2025-03-01", arrow=True)
    assert isinstance(table, pa.Table)
    assert table.schema.field("date").type == pa.date32()
    plain = rules.who_handles_many(items, "庄桥街道", "2025-03-01")
    as_lists = table.to_pydict()
    as_lists["date"] = [d.isoformat() for d in as_lists["date"]]
    assert as_lists == plain


def test_responsibility_table(rules: quanze.RuleSet) -> None:
    table = rules.responsibility_table(DAY)
    assert isinstance(table, quanze.Table) and isinstance(table, list)
    row = next(r for r in table if r["item"] == "330205-CF-001" and r["township"].endswith("甬江街道"))
    assert row["handler"] == "宁波市/江北区/甬江街道" and row["mode"] == "grant"
    assert row["county"] == "宁波市/江北区"
    assert all(list(r) == table.columns() for r in table)


def test_responsibility_table_holds_only_pairs_where_the_item_applies(rules: quanze.RuleSet) -> None:
    table = rules.responsibility_table(DAY)
    assert table and all(r["status"] in ("handled", "conflict") for r in table)
    assert "error" not in table.columns()
    pairs = {(r["item"], r["township"]) for r in table}
    assert len(pairs) == len(table)
    for item in rules.items():
        for township in rules.places(level="township"):
            try:
                rules.who_handles(item, township, DAY)
            except quanze.QueryError:
                assert (item, township) not in pairs
            else:
                assert (item, township) in pairs


def test_responsibility_table_columns_and_filters(rules: quanze.RuleSet) -> None:
    table = rules.responsibility_table(DAY)
    for column in ("delegated_by", "decision", "basis", "cooperating", "cooperation_duties"):
        assert column in table.columns()
    granted = next(r for r in table if r["mode"] == "grant")
    single = rules.who_handles(granted["item"], granted["township"], DAY)
    assert granted["delegation"] == single.delegation and granted["delegated_by"] is not None
    own = next(r for r in table if r["mode"] == "own")
    assert own["delegated_by"] is None and own["decision"] is None
    for row in table:
        if row["mode"] == "territorial":
            answer = rules.who_handles(row["item"], row["township"], DAY)
            assert bool(row["cooperating"]) == bool(answer.cooperating)
    county = table[0]["county"]
    assert {r["county"] for r in rules.responsibility_table(DAY, counties=[county])} == {county}
    assert rules.responsibility_table(DAY, counties=[]) == []
    one_list = table[0]["list"]
    assert {r["list"] for r in rules.responsibility_table(DAY, lists=[one_list])} == {one_list}
    edited = rules.responsibility_table(DAY)
    edited.pop()
    pytest.importorskip("pandas")
    assert len(edited.to_pandas()) == len(edited)
    with pytest.raises(ValueError, match="unknown list"):
        rules.responsibility_table(DAY, lists=["nope"])
    with pytest.raises(quanze.QueryError):
        rules.responsibility_table(DAY, counties=["nowhere"])


def test_pandas(rules: quanze.RuleSet) -> None:
    pd = pytest.importorskip("pandas")
    frame = rules.responsibility_table(DAY).to_pandas()
    assert isinstance(frame, pd.DataFrame)
    assert len(frame) == len(rules.responsibility_table(DAY))
    granted = frame[(frame["mode"] == "grant")]
    assert set(granted["item"]) >= {"330205-CF-001", "330205-CF-005"}
    duties = rules.duties("甬江街道", DAY).to_pandas()
    assert {"list", "item", "mode"} <= set(duties.columns)
    assert pd.DataFrame(rules.who_handles_many(rules.items(), "甬江街道", DAY)).shape[0] == len(rules.items())


def test_polars(rules: quanze.RuleSet) -> None:
    pl = pytest.importorskip("polars")
    frame = rules.responsibility_table(DAY).to_polars()
    assert isinstance(frame, pl.DataFrame)
    assert frame.height == len(rules.responsibility_table(DAY))
    by_mode = frame.group_by("mode").len().sort("mode", nulls_last=True)
    assert "grant" in by_mode["mode"].to_list()
    assert isinstance(rules.duties("甬江街道", DAY).to_polars(), pl.DataFrame)
    assert quanze.Table().to_polars().height == 0


def test_networkx(rules: quanze.RuleSet) -> None:
    nx = pytest.importorskip("networkx")
    graph = rules.to_networkx()
    assert isinstance(graph, nx.MultiDiGraph)
    kinds = {data["kind"] for _, data in graph.nodes(data=True)}
    assert kinds == {"place", "unit", "item", "topic", "scenario"}
    assert graph.nodes["item:330205-CF-001"]["list"] == "enforcement"
    assert graph.nodes["place:宁波市/江北区/甬江街道"]["level"] == "township"
    edge_kinds = {data["kind"] for *_, data in graph.edges(data=True)}
    assert {"within", "seated_at", "holds", "delegated_to", "revoked_from", "primary", "belongs_to"} <= edge_kinds
    assert graph.has_edge("unit:宁波市/江北区/综合行政执法局", "item:330205-CF-001")
    # With a date, who handles what where.
    dated = rules.to_networkx(DAY)
    handles = [
        (u, v, d) for u, v, d in dated.edges(data=True) if d["kind"] == "handles" and v == "item:330205-CF-001"
    ]
    assert ("unit:宁波市/江北区/甬江街道", "item:330205-CF-001") in {(u, v) for u, v, _ in handles}
    assert nx.has_path(dated, "place:宁波市/江北区/甬江街道", "place:宁波市")


@pytest.mark.parametrize("threads", [0, -1, 257, 10**30, True, 1.5, "2"])
def test_who_handles_many_refuses_bad_thread_counts(rules: quanze.RuleSet, threads: object) -> None:
    with pytest.raises(ValueError, match="threads must be a whole number from 1 to 256"):
        rules.who_handles_many("330205-CF-001", "甬江街道", DAY, threads=threads)  # type: ignore[call-overload]
    assert rules.who_handles_many("330205-CF-001", "甬江街道", DAY, threads=256)["status"] == ["handled"]
    np = pytest.importorskip("numpy")
    assert rules.who_handles_many("330205-CF-001", "甬江街道", DAY, threads=np.int64(2))["status"] == ["handled"]


def test_who_handles_many_builds_its_name_tables_once_per_rule_set(rules: quanze.RuleSet) -> None:
    first = rules.who_handles_many("330205-CF-001", "甬江街道", DAY)
    second = rules.who_handles_many(["330205-CF-001"], ["甬江街道"], [DAY])
    assert first["handler"][0] == "宁波市/江北区/甬江街道"
    # The unit paths are made into Python strings once, on the rule set's first batch.
    assert first["handler"][0] is second["handler"][0]
    assert first["delegation"][0] is second["delegation"][0]
