"""Evaluating a shape with its names bound in place: what binding and evaluating gives."""

from __future__ import annotations

from fractions import Fraction

import pytest

from claimcheck.amounts import Amount
from claimcheck.derivation import derive
from claimcheck.formulas import ResultTooLargeError, bind, evaluate, evaluate_bound
from claimcheck.intervals import Interval
from claimcheck.results import Comparison
from claimcheck.units import parse_unit


def amount(lo: int, hi: int, unit: str = "dimensionless", nominal: int | None = None) -> Amount:
    return Amount(
        Interval(Fraction(lo), Fraction(hi), True, False),
        parse_unit(unit),
        None if nominal is None else Fraction(nominal),
    )


VALUES = {
    "revenue": amount(100, 110, "CNY", 105),
    "tourists.previous": amount(10, 11, "tourist", 10),
    "share.rate": amount(3, 4, "percent"),
    "other": amount(-5, 2),
}


@pytest.mark.parametrize(
    ("shape", "names"),
    [
        ("left / right", {"left": "revenue", "right": "tourists.previous"}),
        ("left / right", {"left": "revenue", "right": "revenue"}),  # one name read twice
        ("right - left", {"left": "other", "right": "share.rate"}),
        ("left", {"left": "tourists.previous"}),
        ("-(left + right) * 2 - left / (1 + right)", {"left": "other", "right": "share.rate"}),
        ("left ** 2 + right", {"left": "other", "right": "share.rate"}),  # a power: no plan
        ("max(left, right)", {"left": "other", "right": "share.rate"}),  # a call: no plan
    ],
)
def test_a_bound_shape_evaluates_as_the_bound_formula(shape: str, names: dict[str, str]) -> None:
    formula = bind(shape, **names)
    result, steps = evaluate(formula, VALUES.__getitem__)
    text, read, bound_result, bound_steps = evaluate_bound(shape, names, VALUES.__getitem__)
    assert (text, read) == (formula.text, formula.names)
    assert bound_result == result
    assert bound_steps == steps
    assert [label for label, _ in bound_steps] == [label for label, _ in steps]
    assert bool(steps) == (shape != "left")  # every operation and call is a step; a name alone none


def test_a_bound_shape_too_large_names_the_bound_formula() -> None:
    huge = {"big": Amount(Interval.point(Fraction(10**40000)), parse_unit("dimensionless"))}
    with pytest.raises(ResultTooLargeError) as bound_error:
        evaluate_bound("left * left", {"left": "big"}, huge.__getitem__)
    with pytest.raises(ResultTooLargeError) as error:
        evaluate(bind("left * left", left="big"), huge.__getitem__)
    assert str(bound_error.value) == str(error.value)
    assert "big * big" in str(error.value)


def test_a_derived_figure_of_a_bound_shape_is_that_of_the_bound_formula() -> None:
    names = {"left": "revenue", "right": "tourists.previous"}
    expected = Comparison("the printed ratio", amount(9, 12, "CNY/tourist", 10))
    inputs = {name: VALUES[name] for name in names.values()}
    by_formula = derive(
        "value", "revenue per tourist", bind("left / right", **names), inputs, expected=expected
    )
    by_shape = derive("value", "revenue per tourist", "left / right", inputs, expected=expected, bound=names)
    assert by_shape.formula == by_formula.formula == "revenue / tourists.previous"
    assert by_shape.inputs == by_formula.inputs
    assert by_shape.steps == by_formula.steps
    assert by_shape.result == by_formula.result
    assert (by_shape.verdict, by_shape.message, by_shape.code) == (
        by_formula.verdict,
        by_formula.message,
        by_formula.code,
    )
