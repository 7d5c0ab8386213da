"""What every check kind provides: its record type and how to evaluate one record."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import field
from typing import Any

from claimcheck import units
from claimcheck.amounts import Amount
from claimcheck.kinds.base import Issue, Outcome, no_issues
from claimcheck.records import Check, Expectation, Figure, UnitName
from claimcheck.results import Comparison
from claimcheck.valueclass import value_class

Lookup = Callable[[str], Amount]
"""Finds the amount a reference such as ``tourists.previous`` names."""


@value_class(repr=False, eq=False)
class CheckKind:
    """One kind of cross-claim check."""

    name: str
    record: type[Check]
    summary: str
    evaluate: Callable[[Any, Lookup], Outcome]
    validate: Callable[[Any], list[Issue]] = field(default=no_issues)


def target_unit(check: Any) -> units.Unit | None:
    """The unit a check's result is shown in, when the file names one (read at load time)."""
    name: UnitName | None = getattr(check, "unit", None)
    return None if name is None else name.unit


def expected_value(expect: Expectation | None, lookup: Lookup) -> Figure | Comparison | None:
    """What a check's result is compared with: its printed figure, or the value it names."""
    if expect is None or expect.ref is None:
        return None if expect is None else expect.figure
    name = expect.ref.text
    return Comparison(f"{name} (named by 'expect')", lookup(name), noun=name)
