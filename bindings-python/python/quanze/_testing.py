"""Results of a rule set's own `test` blocks, as frozen dataclasses."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TestResult:
    """One expectation of one `test` block, judged.

    `file`, `line` and `column` locate the failure (1-based; columns count characters): the name
    that did not resolve, otherwise the expectation. `expected` and `actual` are `None` when
    the expectation passed.
    """

    __test__ = False  # not a pytest test class, despite the name

    test: str
    expectation: str
    passed: bool
    file: str
    line: int
    column: int
    expected: str | None = None
    actual: str | None = None

    def __str__(self) -> str:
        if self.passed:
            return f"ok      {self.test}: {self.expectation}"
        return (
            f"FAILED  {self.test}: {self.expectation} ({self.file}:{self.line}:{self.column}): "
            f"expected {self.expected}, got {self.actual}"
        )
