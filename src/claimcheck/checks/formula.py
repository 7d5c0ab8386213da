"""A general formula over claims and checks, in the safe expression language."""

from __future__ import annotations

from dataclasses import field

from claimcheck.checks.base import CheckKind, Lookup, expected_value, target_unit
from claimcheck.derivation import derive
from claimcheck.kinds.base import Outcome, outcome
from claimcheck.records import Check, Expectation, FormulaText, UnitName, doc
from claimcheck.valueclass import value_class


@value_class(kw_only=True, repr=False, eq=False)
class FormulaCheck(Check):
    formula: FormulaText = field(
        metadata=doc(
            "Arithmetic over claim ids and their values: numbers, names, + - * / **,"
            " parentheses, min, max, abs, root(x, n) and x ** (1/n)."
            " Example: '(1 + revenue.rate) / (1 + tourists.rate) - 1'."
        )
    )
    unit: UnitName | None = field(
        default=None, metadata=doc("The unit to show the result in: 'percent', 'CNY/visit'.")
    )
    expect: Expectation | None = field(
        default=None,
        metadata=doc(
            "What the result should match, if anything: a printed figure ('12.8 percent'), or a"
            " value of this file named instead of repeated ({claim: tourists.previous})."
        ),
    )


def evaluate(check: FormulaCheck, lookup: Lookup) -> Outcome:
    formula = check.formula.formula
    inputs = {name: lookup(name) for name in formula.names}
    derived = derive(
        "value",
        check.description or "the formula's result",
        formula,
        inputs,
        unit=target_unit(check),
        expected=None if check.expect is None else expected_value(check.expect, lookup),
    )
    return outcome({}, [derived], derived.message)


KIND = CheckKind(
    name="formula",
    record=FormulaCheck,
    summary="A formula over claims and checks, optionally compared with a printed figure.",
    evaluate=evaluate,
)
