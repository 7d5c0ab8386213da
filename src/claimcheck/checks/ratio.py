"""A ratio or per-unit figure across claims: revenue per tourist, investment per project."""

from __future__ import annotations

from dataclasses import field

from claimcheck.checks.base import CheckKind, Lookup, expected_value, target_unit
from claimcheck.derivation import derive
from claimcheck.kinds.base import Outcome, outcome
from claimcheck.records import Check, Expectation, Ref, UnitName, doc
from claimcheck.valueclass import value_class


@value_class(kw_only=True, repr=False, eq=False)
class RatioCheck(Check):
    numerator: Ref = field(metadata=doc("What is divided: 'revenue' or 'revenue.previous'."))
    denominator: Ref = field(metadata=doc("What it is divided by: 'tourists'."))
    unit: UnitName | None = field(
        default=None, metadata=doc("The unit to show the result in: 'CNY/visit', 'percent'.")
    )
    expect: Expectation | None = field(
        default=None,
        metadata=doc(
            "What the ratio should match, if anything: a printed figure ('12.8 percent'), or a"
            " value of this file named instead of repeated ({claim: tourists.previous})."
        ),
    )


def evaluate(check: RatioCheck, lookup: Lookup) -> Outcome:
    names = (check.numerator.text, check.denominator.text)
    inputs = {name: lookup(name) for name in names}
    derived = derive(
        "value",
        check.description or f"{names[0]} per {names[1]}",
        "left / right",
        inputs,
        unit=target_unit(check),
        expected=None if check.expect is None else expected_value(check.expect, lookup),
        bound={"left": names[0], "right": names[1]},
    )
    return outcome({}, [derived], derived.message)


KIND = CheckKind(
    name="ratio",
    record=RatioCheck,
    summary="One claim's value divided by another's.",
    evaluate=evaluate,
)
