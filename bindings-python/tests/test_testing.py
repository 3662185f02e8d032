"""`RuleSet.run_tests()` runs the rule set's `test` blocks as `quanze test` does; `check()`
reports the analyzer's findings as `quanze check` does."""

from __future__ import annotations

import os
import pickle
import subprocess
from pathlib import Path

import pytest

import quanze
from conftest import EXAMPLE

RULES = """region 江北区 county {
  department 综合行政执法局
  township 甬江街道 class 特大 {
    unit 综合行政执法队 kind enforcement-team
  }
  township 孔浦街道 class 一般
}
item 330205-CF-001 "对随意倾倒建筑垃圾的行政处罚" {
  list 行政执法  type 行政处罚  holder 综合行政执法局
}
grant 330205-CF-001 to 甬江街道 since 2023-03-01
test "赋权街道自己处罚" {
  who 330205-CF-001 at 甬江街道 on 2024-05-01
  expect handler 甬江街道
  expect mode entrust
}
test "名字写错" {
  who 330205-CF-001 at 孔浦街道 on 2024-05-01
  expect handler 综合执法局
}
"""


def test_every_example_expectation_passes(rules: quanze.RuleSet) -> None:
    results = rules.run_tests()
    assert results, "the Ningbo example has test blocks"
    assert all(isinstance(r, quanze.TestResult) for r in results)
    failed = [str(r) for r in results if not r.passed]
    assert not failed, failed
    first = results[0]
    assert first.file.endswith("tests.qz")
    assert first.line > 1 and first.column >= 1
    assert first.expected is None and first.actual is None


def test_results_match_the_cli(rules: quanze.RuleSet) -> None:
    binary = os.environ.get("QUANZE_BIN")
    if not binary:
        pytest.skip("QUANZE_BIN does not name a quanze binary")
    out = subprocess.run([binary, "test", EXAMPLE], capture_output=True, text=True, check=True)
    lines = out.stdout.splitlines()
    assert lines[:-1] == [str(r) for r in rules.run_tests()]
    assert lines[-1] == f"{len(rules.run_tests())} passed, 0 failed"


def test_a_failed_expectation_says_what_was_expected_and_got() -> None:
    results = quanze.loads(RULES, name="t.qz").run_tests()
    by_expectation = {(r.test, r.expectation): r for r in results}
    assert by_expectation[("赋权街道自己处罚", "handler 甬江街道")].passed
    mode = by_expectation[("赋权街道自己处罚", "mode entrust")]
    assert not mode.passed
    assert mode.expected is not None and "entrust" in mode.expected
    assert mode.actual is not None and "grant" in mode.actual
    assert (mode.file, mode.line, mode.column) == ("t.qz", 15, 3)
    assert str(mode).startswith("FAILED  赋权街道自己处罚: mode entrust (t.qz:15:3)")


def test_an_unknown_name_fails_with_a_suggestion() -> None:
    results = quanze.loads(RULES, name="t.qz").run_tests()
    typo = next(r for r in results if r.test == "名字写错")
    assert not typo.passed
    assert typo.actual is not None and "综合行政执法局" in typo.actual
    # The failure points at the name that does not resolve, as `quanze test` does.
    assert typo.column == 18
    assert f"(t.qz:{typo.line}:18)" in str(typo)


def test_results_are_frozen_and_pickle(rules: quanze.RuleSet) -> None:
    result = rules.run_tests()[0]
    with pytest.raises(AttributeError):
        result.passed = False  # type: ignore[misc]
    assert pickle.loads(pickle.dumps(result)) == result


def test_a_rule_set_without_tests_has_no_results() -> None:
    text = RULES.split("test ", 1)[0]
    assert quanze.loads(text).run_tests() == []


def test_check_reports_the_analyzers_findings(tmp_path: Path) -> None:
    rules = quanze.loads(RULES, name="t.qz")
    codes = {d.code for d in rules.check()}
    assert "Q0306" in codes, codes  # the grant has no basis
    path = tmp_path / "t.qz"
    path.write_text(RULES, encoding="utf-8")
    assert "Q0306" in {d.code for d in quanze.check(path)}
