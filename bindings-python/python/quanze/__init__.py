"""quanze (权责): who handles this?

Rule files describing who holds which administrative power and duty in Chinese local government
(county departments delegating powers to townships, territorial duties, collaborative scenarios,
escalation), compiled into a rule set and answered with proofs that an independent checker
verifies.

>>> import quanze
>>> rules = quanze.load("rules-examples/ningbo-construction-waste")      # doctest: +SKIP
>>> answer = rules.who_handles("330205-CF-001", "甬江街道", "2024-05-01")  # doctest: +SKIP
>>> answer.handler, answer.mode                                          # doctest: +SKIP
('宁波市/江北区/甬江街道', 'grant')
>>> rules.verify(answer.proof)                                           # doctest: +SKIP
"""

from quanze._diagnostic import Diagnostic, Label
from quanze._quanze import (
    AcceptAnswer,
    CanAnswer,
    DutiesAnswer,
    EscalationAnswer,
    InternalError,
    Proof,
    ProofError,
    QuanzeError,
    QueryError,
    RuleError,
    RuleSet,
    ScenarioAnswer,
    SnapshotError,
    WhoAnswer,
    WhyNotAnswer,
    __version__,
    check,
    load,
    loads,
)
from quanze._table import Table
from quanze._testing import TestResult

__all__ = [
    "AcceptAnswer",
    "CanAnswer",
    "Diagnostic",
    "DutiesAnswer",
    "EscalationAnswer",
    "InternalError",
    "Label",
    "Proof",
    "ProofError",
    "QuanzeError",
    "QueryError",
    "RuleError",
    "RuleSet",
    "ScenarioAnswer",
    "SnapshotError",
    "Table",
    "TestResult",
    "WhoAnswer",
    "WhyNotAnswer",
    "__version__",
    "check",
    "load",
    "loads",
]
