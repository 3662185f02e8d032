"""Diagnostics as frozen dataclasses: they compare, hash and pickle (and so does a `RuleError`
carrying them)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Label:
    """A secondary (or the primary) span of a diagnostic, with what it shows."""

    file: str
    line: int
    column: int
    end_line: int
    end_column: int
    message: str


@dataclass(frozen=True)
class Diagnostic:
    """One finding of the parser, the resolver or the analyzer.

    Lines and columns are 1-based; columns count characters (not bytes), so they are right on
    Chinese lines.
    """

    code: str
    severity: str
    message: str
    file: str
    line: int
    column: int
    end_line: int
    end_column: int
    labels: tuple[Label, ...] = ()
    help: str | None = None
    witness: str | None = None

    @property
    def is_error(self) -> bool:
        """Whether the diagnostic is an error (a rule set with one does not compile)."""
        return self.severity == "error"

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.severity}[{self.code}]: {self.message}"

    @classmethod
    def _from_json(cls, value: dict[str, Any]) -> Diagnostic:
        labels = tuple(Label(**label) for label in value.get("labels", ()))
        fields = {k: v for k, v in value.items() if k != "labels"}
        return cls(labels=labels, **fields)
