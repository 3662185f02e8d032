"""Every query through Python, against the example's expectations, with proofs that verify."""

from __future__ import annotations

import datetime
import json

import pytest

import quanze
from conftest import DAY

FACTS = {"环节": "运输", "地点": "城市道路", "载体": "核准车辆", "成分": "一般建筑垃圾"}


def test_who_handles_a_granted_item(rules: quanze.RuleSet) -> None:
    a = rules.who_handles("330205-CF-001", "甬江街道", DAY)
    assert isinstance(a, quanze.WhoAnswer)
    assert a.status == "handled"
    assert a.handler == "宁波市/江北区/甬江街道"
    assert a.mode == "grant"
    assert a.executor == "宁波市/江北区/甬江街道/综合行政执法队"
    assert a.delegation == "D0"
    assert a.candidates is None
    assert a.to_dict()["handler"] == a.handler
    assert "handler='宁波市/江北区/甬江街道'" in repr(a)


@pytest.mark.parametrize(
    ("item", "place", "day", "handler", "mode"),
    [
        ("330205-CF-001", "孔浦街道", DAY, "宁波市/江北区/综合行政执法局", "own"),
        ("330205-JC-014", "慈城镇", DAY, "宁波市/江北区/慈城镇", "entrust"),
        ("330205-JC-014", "慈城镇", "2025-06-30", "宁波市/江北区/住房和城乡建设局", "own"),
        ("330205-CF-004", "庄桥街道", "2025-03-01", "宁波市/江北区/综合行政执法局", "own"),
    ],
)
def test_who_handles_follows_delegations_in_time(
    rules: quanze.RuleSet, item: str, place: str, day: str, handler: str, mode: str
) -> None:
    a = rules.who_handles(item, place, day)
    assert (a.handler, a.mode) == (handler, mode)
    rules.verify(a.proof)


def test_entrust_acts_in_the_departments_name(rules: quanze.RuleSet) -> None:
    a = rules.who_handles("330205-JC-014", "慈城镇", DAY)
    assert a.legal_subject == "宁波市/江北区/住房和城乡建设局"


def test_a_reserved_part_stays_with_the_holder(rules: quanze.RuleSet) -> None:
    a = rules.who_handles("330205-CF-001", "慈城镇", DAY, part="没收较大数额财物")
    assert a.handler == "宁波市/江北区/综合行政执法局"
    rules.verify(a.proof)


def test_dates_may_be_date_objects_or_iso_strings(rules: quanze.RuleSet) -> None:
    by_text = rules.who_handles("330205-CF-001", "甬江街道", "2024-05-01")
    by_date = rules.who_handles("330205-CF-001", "甬江街道", datetime.date(2024, 5, 1))
    assert by_text == by_date
    assert hash(by_text) == hash(by_date)
    with pytest.raises(ValueError, match="not a valid date"):
        rules.who_handles("330205-CF-001", "甬江街道", "2024-5-1")
    with pytest.raises(ValueError, match="not a valid date"):
        rules.who_handles("330205-CF-001", "甬江街道", "2024-02-30")
    with pytest.raises(ValueError, match="time of day"):
        rules.who_handles("330205-CF-001", "甬江街道", datetime.datetime(2024, 5, 1, 9))
    with pytest.raises(TypeError):
        rules.who_handles("330205-CF-001", "甬江街道", 20240501)  # type: ignore[arg-type]


def test_keyword_arguments(rules: quanze.RuleSet) -> None:
    a = rules.who_handles(item="330205-CF-001", place="甬江街道", date=DAY)
    assert a.mode == "grant"


def test_can_after_a_grant(rules: quanze.RuleSet) -> None:
    denied = rules.can("综合行政执法局", "330205-CF-001", "甬江街道", DAY)
    assert isinstance(denied, quanze.CanAnswer)
    assert not denied.allowed and not denied
    allowed = rules.can("甬江街道", "330205-CF-001", "甬江街道", DAY)
    assert allowed.allowed and allowed
    assert allowed.capacity in {"handler", "legal_subject", "executor"}
    for a in (denied, allowed):
        rules.verify(a.proof)


def test_why_not_names_the_handler(rules: quanze.RuleSet) -> None:
    a = rules.why_not("综合行政执法局", "330205-CF-001", "甬江街道", DAY)
    assert not a.allowed
    assert a.reasons[0]["reason"] == "handled_by"
    assert a.reasons[0]["handler"] == "宁波市/江北区/甬江街道"
    rules.verify(a.proof)


def test_scenario_lead_and_assist(rules: quanze.RuleSet) -> None:
    a = rules.scenario("建筑垃圾", "孔浦街道", FACTS, DAY)
    assert a.status == "matched"
    assert a.scenario == "CW-04"
    assert a.lead == "宁波市/江北区/综合行政执法局"
    assert a.assist == ["宁波市/江北区/交警大队", "宁波市/江北区/交通运输局"]
    assert a.flow and a.flow[0]["action"] == "发现"
    rules.verify(a.proof)
    # Facts may also come as pairs.
    assert rules.scenario("建筑垃圾", "孔浦街道", list(FACTS.items()), DAY) == a


def test_scenario_overrides(rules: quanze.RuleSet) -> None:
    facts = {"环节": "消纳", "地点": "河道", "载体": "无", "成分": "含危废"}
    a = rules.scenario(topic="建筑垃圾", place="慈城镇", facts=facts, date=DAY)
    assert a.scenario == "CW-13"
    assert a.lead == "宁波市/江北区/生态环境江北分局"


def test_escalate(rules: quanze.RuleSet) -> None:
    a = rules.escalate("孔浦街道", "重大", DAY, topic="建筑垃圾")
    assert a.ladder == "江北区分级处置"
    assert [r["severity"] for r in a.rungs] == ["微", "小", "一般", "重大"]
    assert a.rungs[-1]["unit"] == "宁波市/江北区/社会治理中心"
    rules.verify(a.proof)
    with pytest.raises(ValueError, match="not both"):
        rules.escalate("孔浦街道", "重大", DAY, topic="建筑垃圾", item="330205-CF-001")
    with pytest.raises(quanze.QueryError, match="severity"):
        rules.escalate("孔浦街道", "天大", DAY)


def test_duties(rules: quanze.RuleSet) -> None:
    a = rules.duties("甬江街道", DAY)
    assert isinstance(a, quanze.DutiesAnswer)
    assert "330205-CF-001" in {b["item"] for b in a.basic}
    rows = a.rows()
    assert isinstance(rows, quanze.Table) and isinstance(rows, list)
    assert len(rows) == len(a.basic) + len(a.cooperating) + len(a.revoked)
    assert {r["list"] for r in rows} <= {"basic", "cooperating", "revoked"}
    assert all(list(r) == rows.columns() for r in rows)
    rules.verify(a.proof)


def test_duties_lists_a_revoked_item(rules: quanze.RuleSet) -> None:
    a = rules.duties("庄桥街道", "2025-03-01")
    assert [r["item"] for r in a.revoked] == ["330205-CF-004"]


def test_accept_points(rules: quanze.RuleSet) -> None:
    a = rules.accept_points("330205-FW-101", "孔浦街道", DAY)
    assert isinstance(a.points, list)
    assert a.handler["handler"] == "宁波市/江北区/孔浦街道"
    rules.verify(a.proof)


def test_answers_are_frozen(rules: quanze.RuleSet) -> None:
    a = rules.who_handles("330205-CF-001", "甬江街道", DAY)
    with pytest.raises(AttributeError):
        a.handler = "someone else"  # type: ignore[misc]


def test_to_json_is_the_cli_document(rules: quanze.RuleSet) -> None:
    a = rules.who_handles("330205-CF-001", "甬江街道", DAY)
    document = json.loads(a.to_json())
    assert set(document) == {"answer", "named", "proof"}
    assert document["named"] == a.to_dict()
    assert document["proof"] == a.proof.to_dict()


def test_listings(rules: quanze.RuleSet) -> None:
    assert "330205-CF-001" in rules.items()
    townships = rules.places(level="township")
    assert "宁波市/江北区/甬江街道" in townships
    assert rules.places(level="乡镇") == townships
    assert "宁波市/江北区/综合行政执法局" in rules.units()
    assert rules.topics() == ["建筑垃圾"]
    with pytest.raises(ValueError, match="unknown level"):
        rules.places(level="planet")


def test_check_returns_diagnostics(rules: quanze.RuleSet) -> None:
    found = rules.check()
    assert all(isinstance(d, quanze.Diagnostic) for d in found)
    assert not any(d.is_error for d in found)


def test_a_scenario_without_a_tested_fact_needs_facts(rules: quanze.RuleSet) -> None:
    answer = rules.scenario("建筑垃圾", "孔浦街道", {"环节": "消纳"}, "2024-05-01")
    assert answer.status == "needs_facts"
    assert answer.missing and "环节" not in answer.missing
    assert answer.possible
