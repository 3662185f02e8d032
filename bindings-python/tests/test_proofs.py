"""Proofs: renderings, JSON round trips, and the independent checker through Python."""

from __future__ import annotations

import json
import pickle

import pytest

import quanze
from conftest import DAY


@pytest.fixture()
def answer(rules: quanze.RuleSet) -> quanze.WhoAnswer:
    return rules.who_handles("330205-CF-001", "甬江街道", DAY)


def test_renderings(rules: quanze.RuleSet, answer: quanze.WhoAnswer) -> None:
    proof = answer.proof
    assert proof is answer.proof  # built once
    assert len(proof) > 1
    text = str(proof)
    assert "by_delegation" in text and "delegations.qz" in text
    assert proof.to_text() == text
    assert proof.to_mermaid().startswith(("flowchart", "graph"))
    markdown = proof._repr_markdown_()
    assert "```mermaid" in markdown
    assert proof.rule_set == rules.content_hash
    assert proof.engine == quanze.__version__
    assert "who_handles" in proof.query
    assert "by_delegation" in repr(proof)


def test_json_round_trip_verifies(rules: quanze.RuleSet, answer: quanze.WhoAnswer) -> None:
    bare = quanze.Proof.from_json(answer.proof.to_json())
    assert bare == answer.proof
    rules.verify(bare)
    # Unbound: text needs a rule set.
    assert json.loads(str(bare)) == answer.proof.to_dict()
    with pytest.raises(quanze.QuanzeError, match="not bound"):
        bare.to_text()
    assert "by_delegation" in bare.to_text(rules)
    with_answer = quanze.Proof.from_json(answer.to_json())
    rules.verify(with_answer)


def test_a_tampered_proof_is_refused(rules: quanze.RuleSet, answer: quanze.WhoAnswer) -> None:
    document = json.loads(answer.to_json())
    # Claim that the district bureau handles it.
    document["answer"]["handled"]["handler"] = document["answer"]["handled"]["legal_subject"] = 0
    tampered = quanze.Proof.from_json(json.dumps(document))
    with pytest.raises(quanze.ProofError) as caught:
        rules.verify(tampered)
    assert caught.value.reason
    # A step's premises rewired.
    proof = answer.proof.to_dict()
    proof["steps"][-1]["premises"] = []
    with pytest.raises(quanze.ProofError):
        rules.verify(quanze.Proof.from_json(json.dumps(proof)))


def test_a_proof_against_another_rule_set_is_refused(answer: quanze.WhoAnswer) -> None:
    other = quanze.loads("region 宁波市 city { region 江北区 county { township 甬江街道 class 特大 } }")
    with pytest.raises(quanze.ProofError, match="rule set"):
        other.verify(answer.proof)


def test_malformed_json_is_a_proof_error() -> None:
    with pytest.raises(quanze.ProofError, match="malformed"):
        quanze.Proof.from_json("{")
    with pytest.raises(quanze.ProofError, match="malformed"):
        quanze.Proof.from_json('{"version": 1}')


def test_proofs_pickle(rules: quanze.RuleSet, answer: quanze.WhoAnswer) -> None:
    copy = pickle.loads(pickle.dumps(answer.proof))
    assert copy == answer.proof
    rules.verify(copy)


@pytest.mark.parametrize("item", ["330205-CF-001", "330205-SD-031", "330205-JC-014", "330205-FW-101"])
@pytest.mark.parametrize("place", ["甬江街道", "慈城镇", "孔浦街道", "庄桥街道"])
def test_every_engine_proof_verifies(rules: quanze.RuleSet, item: str, place: str) -> None:
    a = rules.who_handles(item, place, DAY)
    rules.verify(a.proof)
    rules.verify(quanze.Proof.from_json(a.to_json()))
