"""Shared fixtures: the Ningbo example rule set, loaded once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

import quanze

EXAMPLE = Path(__file__).resolve().parents[2] / "rules-examples" / "ningbo-construction-waste"
DAY = "2024-05-01"


@pytest.fixture(scope="session")
def rules() -> quanze.RuleSet:
    return quanze.load(EXAMPLE)
