"""A comparison between claims: Pingyao's visitors cannot exceed Jinzhong's tourists.

The comparison is inconsistent only when no reading of the printed figures satisfies it;
when some readings do and others do not, it is consistent and the message says so.
"""

from __future__ import annotations

from dataclasses import field
from typing import Literal

from claimcheck.amounts import Amount
from claimcheck.checks.base import CheckKind, Lookup
from claimcheck.derivation import derive
from claimcheck.exact import Exact
from claimcheck.identity import IdentityMemo
from claimcheck.intervals import INF, Interval
from claimcheck.kinds.base import Outcome, outcome
from claimcheck.records import Check, Ref, doc
from claimcheck.results import Comparison
from claimcheck.units import Unit
from claimcheck.valueclass import value_class
from claimcheck.verdicts import INCONSISTENT

Relation = Literal["<", "<=", ">", ">=", "=="]
_WORDS = {"<": "less than", "<=": "at most", ">": "more than", ">=": "at least", "==": "equal to"}


@value_class(kw_only=True, repr=False, eq=False)
class ComparisonCheck(Check):
    left: Ref = field(metadata=doc("The claim or value on the left: 'pingyao_visitors'."))
    relation: Relation = field(metadata=doc("How left must relate to right: <, <=, >, >= or ==."))
    right: Ref = field(metadata=doc("The claim or value on the right: 'jinzhong_tourists'."))


_ZERO = Exact(0)
_REQUIRED: dict[str, Interval] = {
    "<": Interval(_ZERO, INF, False, False),
    "<=": Interval(_ZERO, INF, True, False),
    ">": Interval(-INF, _ZERO, False, False),
    ">=": Interval(-INF, _ZERO, False, True),
    "==": Interval.point(_ZERO),
}
"""The values ``right - left`` must take for each relation to hold."""


def evaluate(check: ComparisonCheck, lookup: Lookup) -> Outcome:
    left, right = check.left.text, check.right.text
    inputs = {left: lookup(left), right: lookup(right)}
    # right - left is in right's unit (see Amount.__sub__); derive() computes it, and raises
    # the unit mismatch if there is one.
    required = _required(check.relation, inputs[right].unit)
    words = f"{left} {_WORDS[check.relation]} {right}"

    def holds(result: Amount) -> str:
        certain = required.interval.intersection(result.interval) == result.interval
        return (
            f"{words} holds for every reading of the printed figures"
            if certain
            else f"{words} holds for some readings of the printed figures, not all"
        )

    derived = derive(
        "margin",
        check.description or f"{right} minus {left}, which must be {_required_words(check.relation)}",
        "right - left",
        inputs,
        expected=Comparison(f"the requirement {words}", required, "required"),
        on_fit=holds,
        bound={"left": left, "right": right},
    )
    if derived.verdict is INCONSISTENT:
        derived = derived.with_message(f"{words} fails for every reading: {derived.message}")
    return outcome({}, [derived], derived.message)


def _required(relation: Relation, unit: Unit) -> Amount:
    """The values ``right - left`` must take, in ``unit``: one amount per relation and unit,
    which reports then find by its identity."""
    key = (relation, id(unit))
    found = _REQUIRED_AMOUNTS.get(key)
    if found is None:
        found = _REQUIRED_AMOUNTS.remember(unit, Amount(_REQUIRED[relation], unit), key)
    return found


_REQUIRED_AMOUNTS: IdentityMemo[Amount] = IdentityMemo(256)


def _required_words(relation: Relation) -> str:
    return {
        "<": "above zero",
        "<=": "zero or more",
        ">": "below zero",
        ">=": "zero or less",
        "==": "zero",
    }[relation]


KIND = CheckKind(
    name="comparison",
    record=ComparisonCheck,
    summary="One claim's value must be less than, at most, more than or equal to another's.",
    evaluate=evaluate,
)
