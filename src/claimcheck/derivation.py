"""Recomputing a figure from others with a formula, and judging it against a printed one.

Claim kinds and checks both derive their figures here, so every derived figure carries
the same trail for ``explain``: formula, inputs, intermediate steps, result, comparison.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from fractions import Fraction

from claimcheck import units
from claimcheck.amounts import Amount
from claimcheck.display import SHORT_DIGITS, format_number
from claimcheck.formulas import Formula, evaluate, parse_formula
from claimcheck.records import Figure
from claimcheck.results import Comparison, Derived
from claimcheck.units import Unit
from claimcheck.verdicts import Verdict, judge

NOTHING_TO_COMPARE = "nothing printed to compare it with"


def amount_of(figure: Figure) -> Amount:
    """The amount a printed figure stands for."""
    return figure.reading.amount


def derive(
    name: str,
    label: str,
    formula: str,
    inputs: Mapping[str, Amount],
    *,
    unit: Unit | None = None,
    expected: Figure | Comparison | None = None,
    unverifiable: str = NOTHING_TO_COMPARE,
) -> Derived:
    """Compute ``formula`` over ``inputs``; compare with ``expected`` when there is one."""
    parsed = parse_formula(formula, trusted=True)
    result, steps = evaluate(parsed, inputs.__getitem__)
    if unit is not None:
        result = result.to(unit)
    used = tuple((input_name, inputs[input_name]) for input_name in parsed.names)
    if expected is None:
        return Derived(
            name,
            label,
            formula,
            used,
            tuple(steps),
            result,
            Verdict.UNVERIFIABLE,
            unverifiable,
            arithmetic=arithmetic(parsed, inputs, result),
        )
    comparison = (
        Comparison(f"printed {expected.printed!r}", amount_of(expected))
        if isinstance(expected, Figure)
        else expected
    )
    worked = arithmetic(parsed, inputs, result)
    judgement = judge(result, comparison.amount, comparison.label, worked, comparison.noun)
    return Derived(
        name,
        label,
        formula,
        used,
        tuple(steps),
        result,
        judgement.verdict,
        judgement.message,
        comparison,
        judgement,
        arithmetic=worked,
        code=judgement.code,
    )


_NAME = re.compile(r"\b[a-z][a-z0-9_]*(?:\.[a-z][a-z0-9_]*)?")


def arithmetic(formula: Formula, inputs: Mapping[str, Amount], result: Amount) -> str:
    """The formula worked on the printed numbers: "65 million / (1 + 16.2%) = 55.94 million visitor".

    Empty when a figure has no value of its own (a bound such as "more than 10 million").
    """
    if result.nominal is None:
        return ""
    shown: dict[str, str] = {}
    for name in formula.names:
        nominal = inputs[name].nominal
        if nominal is None:
            return ""
        shown[name] = calculator_number(nominal, inputs[name].unit)
    worked = _NAME.sub(lambda match: shown.get(match.group(0), match.group(0)), formula.text)
    if units.is_percent(result.unit):
        return f"{worked} = {calculator_number(result.nominal, result.unit)}"
    return f"{worked} = {format_number(result.nominal, result.unit, SHORT_DIGITS)}"


def calculator_number(value: Fraction, unit: Unit) -> str:
    """A number as typed into a calculator: "16.2%", "65 million", "(-3.5%)"."""
    if units.is_percent(unit):
        text = format_number(value, units.dimensionless(), SHORT_DIGITS) + "%"
    else:
        text = format_number(value, units.dimensionless(), SHORT_DIGITS)
    return f"({text})" if value < 0 else text
