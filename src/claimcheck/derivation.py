"""Recomputing a figure from others with a formula, and judging it against a printed one.

Claim kinds and checks both derive their figures here, so every derived figure carries
the same trail for ``explain``: formula, inputs, intermediate steps, result, comparison.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from claimcheck.amounts import Amount
from claimcheck.display import arithmetic
from claimcheck.formulas import Formula, evaluate, evaluate_bound, parse_formula
from claimcheck.identity import ValueMemo
from claimcheck.records import Figure
from claimcheck.results import Comparison, Derived
from claimcheck.units import Unit
from claimcheck.verdicts import UNVERIFIABLE, judge

NOTHING_TO_COMPARE = "nothing printed to compare it with"

_PARSED: ValueMemo[str, Formula] = ValueMemo()
"""The formulas claimcheck writes itself, by their text."""


def amount_of(figure: Figure) -> Amount:
    """The amount a printed figure stands for."""
    return figure.reading.amount


def derive(
    name: str,
    label: str,
    formula: str | Formula,
    inputs: Mapping[str, Amount],
    *,
    unit: Unit | None = None,
    expected: Figure | Comparison | None = None,
    unverifiable: str = NOTHING_TO_COMPARE,
    every_input: bool = False,
    on_fit: Callable[[Amount], str] | None = None,
    bound: Mapping[str, str] | None = None,
) -> Derived:
    """Compute ``formula`` (text, or already parsed) over ``inputs``; compare with ``expected``
    when there is one. The inputs shown are those the formula reads, or with ``every_input``
    all of ``inputs`` (a figure matched against a reference shows both). ``on_fit`` gives the
    message of a fit from the result, for a caller that words it itself: the judge's message
    of a fit is then not written. With ``bound``, ``formula`` is a shape whose placeholders
    stand for those names: what ``bind(formula, **bound)`` would give (see
    :func:`~claimcheck.formulas.evaluate_bound`)."""
    value = inputs.__getitem__
    if bound is not None:
        assert isinstance(formula, str), "a shape to bind is a text"
        text, names, result, steps = evaluate_bound(formula, bound, value)
    else:
        if isinstance(formula, Formula):
            parsed = formula
        else:  # claimcheck's own formulas, a few texts: found by the text, a C look-up
            parsed = _PARSED.get(formula) or _PARSED.remember(formula, parse_formula(formula, trusted=True))
        result, steps = evaluate(parsed, value)
        text, names = parsed.text, parsed.names
    if unit is not None:
        result = result.to(unit)
    read = tuple(zip(names, map(value, names), strict=True))
    used = tuple(inputs.items()) if every_input else read
    if expected is None:
        return Derived(name, label, text, used, tuple(steps), result, UNVERIFIABLE, unverifiable)
    comparison = (
        Comparison(f"printed {expected.printed!r}", expected.reading.amount)
        if isinstance(expected, Figure)
        else expected
    )
    judgement = judge(
        result,
        comparison.amount,
        comparison.label,
        lambda: arithmetic(text, dict(read), result),
        comparison.noun,
        comparison.points,
        None if on_fit is None else lambda: on_fit(result),
    )
    return Derived(
        name,
        label,
        text,
        used,
        tuple(steps),
        result,
        judgement.verdict,
        judgement.message,
        comparison,
        judgement,
        code=judgement.code,
    )
