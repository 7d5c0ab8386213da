"""What every claim kind provides: its record type and how to evaluate one record."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import field
from typing import Any

from claimcheck.amounts import Amount
from claimcheck.records import Article, Claim, Defaults
from claimcheck.results import Derived, Remark
from claimcheck.valueclass import value_class
from claimcheck.verdicts import UNVERIFIABLE, Verdict, worst
from claimcheck.yamlsource import Mark

Issue = tuple[str, Mark]
"""A problem with one record found after its fields were read: (reason, place)."""


@value_class(repr=False, eq=False)
class Context:
    """What a claim is evaluated against: its article and the claim file's defaults."""

    article: Article
    defaults: Defaults


@value_class(repr=False, eq=False)
class Outcome:
    """What evaluating one claim gives: its named values, derived figures and verdict."""

    values: dict[str, Amount]
    derived: tuple[Derived, ...]
    verdict: Verdict
    message: str
    remarks: tuple[Remark, ...] = ()


def outcome(values: dict[str, Amount], derived: list[Derived], fallback: str) -> Outcome:
    """An outcome whose verdict is the worst of its derived figures' verdicts."""
    if len(derived) == 1:  # every check and most claims: what follows, for one figure
        item = derived[0]
        verdict, code, message = item.verdict, item.code, item.message
        return Outcome(
            {**values, item.name: item.result},
            (item,),
            verdict,
            message if verdict is not UNVERIFIABLE or code is not None else fallback,
            ((code, message),) if code is not None and not item.set_aside else (),
        )
    verdict = worst([item.verdict for item in derived])
    decisive = [
        item
        for item in derived
        if item.verdict is verdict and (verdict is not UNVERIFIABLE or item.code is not None)
    ]
    message = "; ".join(item.message for item in decisive) if decisive else fallback
    return Outcome(
        {**values, **{item.name: item.result for item in derived}},
        tuple(derived),
        verdict,
        message,
        remarks_of(derived),
    )


def remarks_of(derived: list[Derived]) -> tuple[Remark, ...]:
    """The findings the derived figures deserve beside their verdicts, each once."""
    found: dict[Remark, None] = {}
    for item in derived:
        if item.code is not None and not item.set_aside:
            found[(item.code, item.message)] = None
    return tuple(found)


def no_issues(claim: Any) -> list[Issue]:
    return []


@value_class(repr=False, eq=False)
class ClaimKind:
    """One kind of claim: the record it reads and how it is evaluated."""

    name: str
    record: type[Claim]
    summary: str
    evaluate: Callable[[Any, Context], Outcome]
    primary: str
    """The value a bare reference to the claim's id means."""
    validate: Callable[[Any], list[Issue]] = field(default=no_issues)
