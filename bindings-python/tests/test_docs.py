"""Every runtime class, method and property says what it is."""

from __future__ import annotations

import inspect

import quanze
from quanze import _quanze


def _classes() -> list[type]:
    return [v for v in vars(_quanze).values() if isinstance(v, type)] + [
        quanze.Table, quanze.Diagnostic, quanze.TestResult,
    ]


def test_every_class_property_and_method_has_a_docstring() -> None:
    missing = []
    for cls in _classes():
        if not (cls.__doc__ or "").strip():
            missing.append(cls.__name__)
        for name, member in vars(cls).items():
            if name.startswith("_"):
                continue
            if isinstance(member, (property, staticmethod, classmethod)) or inspect.isdatadescriptor(member) or callable(member):
                doc = getattr(member, "__doc__", None)
                if not (doc or "").strip():
                    missing.append(f"{cls.__name__}.{name}")
    assert missing == []


def test_help_shows_no_ordering_methods() -> None:
    for cls in _classes():
        for name in ("__lt__", "__le__", "__gt__", "__ge__"):
            assert name not in vars(cls), f"{cls.__name__}.{name}"
