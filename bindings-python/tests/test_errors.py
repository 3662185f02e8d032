"""The exception hierarchy: rule errors with located diagnostics, query errors with
suggestions, snapshot errors; all pickle with their data."""

from __future__ import annotations

import json
import pickle
import re
from collections.abc import Callable
from pathlib import Path

import pytest

import quanze

BROKEN = """region 宁波市 city {
  region 江北区 county {
    department 综合行政执法局
    township 甬江街道 class 特大
  }
}
item 330205-CF-001 "处罚" {
  list 行政执法  type 行政处罚  holder 综合执法局
}
"""


def test_hierarchy() -> None:
    for error in (quanze.RuleError, quanze.QueryError, quanze.ProofError, quanze.SnapshotError, quanze.InternalError):
        assert issubclass(error, quanze.QuanzeError)
    assert issubclass(quanze.QuanzeError, Exception)


def test_rule_error_carries_located_diagnostics() -> None:
    with pytest.raises(quanze.RuleError) as caught:
        quanze.loads(BROKEN, name="broken.qz")
    diagnostics = caught.value.diagnostics
    errors = [d for d in diagnostics if d.is_error]
    assert errors
    first = errors[0]
    assert isinstance(first, quanze.Diagnostic)
    assert first.file == "broken.qz"
    assert first.line == 8
    # Columns count characters: `  list 行政执法  type 行政处罚  holder ` is 31 characters.
    assert first.column == BROKEN.splitlines()[7].index("综合执法局") + 1
    assert first.code.startswith("Q")
    assert "综合执法局" in first.message
    assert "broken.qz:8" in str(caught.value)


def test_rule_error_pickles_with_its_diagnostics() -> None:
    with pytest.raises(quanze.RuleError) as caught:
        quanze.loads(BROKEN, name="broken.qz")
    copy = pickle.loads(pickle.dumps(caught.value))
    assert type(copy) is quanze.RuleError
    assert copy.diagnostics == caught.value.diagnostics
    assert str(copy) == str(caught.value)


def test_syntax_errors_and_full_width_punctuation() -> None:
    with pytest.raises(quanze.RuleError) as caught:
        quanze.loads("region 宁波市 city { region 江北区 county { township 甬江街道 class 特大， } }")
    assert any("，" in (d.help or "") + d.message for d in caught.value.diagnostics)


def test_check_does_not_raise(tmp_path: Path) -> None:
    (tmp_path / "a.qz").write_text(BROKEN, encoding="utf-8")
    found = quanze.check(tmp_path)
    assert any(d.is_error and d.file == "a.qz" for d in found)
    with pytest.raises(quanze.RuleError):
        quanze.load(tmp_path)


def test_a_missing_directory_is_a_rule_error(tmp_path: Path) -> None:
    with pytest.raises(quanze.RuleError):
        quanze.load(tmp_path / "nowhere")


def test_unknown_names_suggest(rules: quanze.RuleSet) -> None:
    with pytest.raises(quanze.QueryError) as caught:
        rules.who_handles("330205-CF-01", "甬江街道", "2024-05-01")
    error = caught.value
    assert error.kind == "unknown"
    assert error.what == "item"
    assert error.name == "330205-CF-01"
    assert "330205-CF-001" in error.suggestions
    assert "did you mean" in str(error)
    with pytest.raises(quanze.QueryError) as caught:
        rules.who_handles("330205-CF-001", "甬江街", "2024-05-01")
    assert caught.value.what == "place"
    assert any("甬江街道" in s for s in caught.value.suggestions)
    with pytest.raises(quanze.QueryError, match="unit"):
        rules.can("综合执法局", "330205-CF-001", "甬江街道", "2024-05-01")
    with pytest.raises(quanze.QueryError, match="topic"):
        rules.scenario("建筑垃", "甬江街道", {}, "2024-05-01")


def test_query_errors_of_the_engine(rules: quanze.RuleSet) -> None:
    with pytest.raises(quanze.QueryError) as caught:
        rules.scenario("建筑垃圾", "孔浦街道", {"环节": "飞行"}, "2024-05-01")
    assert caught.value.kind == "unknown_value"
    assert caught.value.detail == {"unknown_value": {"fact": "环节", "value": "飞行"}}
    copy = pickle.loads(pickle.dumps(caught.value))
    assert copy.kind == "unknown_value" and str(copy) == str(caught.value)


def test_an_unknown_part_is_refused_with_did_you_mean(rules: quanze.RuleSet) -> None:
    with pytest.raises(quanze.QueryError) as caught:
        rules.who_handles("330205-CF-001", "甬江街道", "2024-05-01", part="没收较大数额财产")
    assert caught.value.kind == "unknown_part"
    assert "did you mean `没收较大数额财物`?" in str(caught.value)


def test_query_errors_pickle(rules: quanze.RuleSet) -> None:
    with pytest.raises(quanze.QueryError) as caught:
        rules.who_handles("330205-CF-01", "甬江街道", "2024-05-01")
    copy = pickle.loads(pickle.dumps(caught.value))
    assert copy.suggestions == caught.value.suggestions


def test_bad_facts_are_a_type_error(rules: quanze.RuleSet) -> None:
    with pytest.raises(TypeError, match="facts"):
        rules.scenario("建筑垃圾", "孔浦街道", [1, 2], "2024-05-01")  # type: ignore[list-item]


# What Rust's `Debug` form or raw JSON would show: none of it belongs in a message for people.
# quanze writes its messages in lower case, and every Rust variant name (`NotYetInForce`,
# `Enforcement`, `RevocationId`) starts with a capital, so a capitalised ASCII word is one too.
_DEBUG_MARKERS = ("Some(", "None", "Id(", "List(", "{", "}", "expected struct", "expected enum", "expected u32")
_CAPITALISED = re.compile(r"(?<![A-Za-z0-9_])[A-Z][A-Za-z0-9_]*[a-z][A-Za-z0-9_]*")


def _assert_plain(message: str) -> None:
    assert not [m for m in _DEBUG_MARKERS if m in message], message
    assert not _CAPITALISED.findall(message), message


def test_the_plain_check_catches_debug_text() -> None:
    with pytest.raises(AssertionError):
        _assert_plain("the delegation is not active: NotYetInForce { since: 2030-01-01 }")
    with pytest.raises(AssertionError):
        _assert_plain("route List(Enforcement)")
    _assert_plain("the delegation is not active: expired on 2025-06-30")


def test_query_error_messages_have_no_debug_text(rules: quanze.RuleSet) -> None:
    calls: list[Callable[[], object]] = [
        lambda: rules.who_handles("330205-CF-01", "甬江街道", "2024-05-01"),
        lambda: rules.who_handles("330205-CF-001", "甬江街", "2024-05-01"),
        lambda: rules.can("综合信息指挥室", "330205-CF-001", "甬江街道", "2024-05-01"),
        lambda: rules.who_handles("330205-FW-101", "宁波市", "2024-05-01"),
        lambda: rules.scenario("建筑垃圾", "孔浦街道", {"环节": "飞行"}, "2024-05-01"),
        lambda: rules.scenario("建筑垃圾", "孔浦街道", {"颜色": "红"}, "2024-05-01"),
        lambda: rules.escalate("宁波市", "重大", "2024-05-01"),
        lambda: rules.escalate("半浦一格", "超大", "2024-05-01", topic="建筑垃圾"),
        lambda: rules.duties("甬江", "2024-05-01"),
        lambda: rules.accept_points("330205-CF-001", "杭州", "2024-05-01"),
    ]
    for call in calls:
        with pytest.raises(quanze.QueryError) as caught:
            call()
        _assert_plain(str(caught.value))


def test_proof_error_messages_have_no_debug_text(rules: quanze.RuleSet) -> None:
    # The entrustment of 330205-JC-014 to 慈城镇 ends on 2025-06-30: a proof that claims it is
    # active after that is refused, and the reason says so in words.
    document = json.loads(rules.who_handles("330205-JC-014", "慈城镇", "2024-05-01").to_json())
    active = next(s for s in document["proof"]["steps"] if s["rule"] == "active")
    active["claim"]["active"]["date"] = "2025-07-01"
    with pytest.raises(quanze.ProofError) as caught:
        rules.verify(quanze.Proof.from_json(json.dumps(document)))
    assert "expired on 2025-06-30" in caught.value.reason
    _assert_plain(str(caught.value))
    for text in ('{"version": "one"}', '{"proof": {"version": 1}, "answer": 5}', "[1, 2]"):
        with pytest.raises(quanze.ProofError) as caught:
            quanze.Proof.from_json(text)
        _assert_plain(str(caught.value))
    # A why-not proof that scans a revoked delegation reads as words too.
    proof = rules.why_not("庄桥街道", "330205-CF-004", "庄桥街道", "2025-03-01").proof
    assert "revoked on 2025-01-01 by revocation R0" in str(proof)
    _assert_plain(str(proof))


def test_graph_route_keys_are_words(rules: quanze.RuleSet) -> None:
    pytest.importorskip("networkx")
    keys = {data["key"] for *_, data in rules.to_networkx().edges(data=True) if data["kind"] == "routes_to"}
    assert keys == {"enforcement"}
