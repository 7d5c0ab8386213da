"""Roots of exact intervals: sound (every point's root inside), tight, and safe in formulas.

A root is irrational in general, so containment is checked exactly without computing it:
for an increasing power, ``lo <= x ** (1/n)`` holds exactly when ``lo ** n <= x``.
"""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimcheck import units
from claimcheck.amounts import Amount
from claimcheck.formulas import FormulaError, evaluate, parse_formula
from claimcheck.intervals import INF, Interval, IntervalError
from claimcheck.roots import ROOT_PRECISION_BITS, fractional_power, integer_root, root_bounds, root_interval
from tests.test_intervals import intervals, samples

degrees = st.integers(min_value=1, max_value=40)
positive = st.fractions(min_value=Fraction(1, 10**6), max_value=10**6, max_denominator=10**6)


def _inside(interval: Interval, point: Fraction, power: int) -> bool:
    """Whether the ``power``-th root of ``point`` lies in ``interval`` (an odd power, or ends >= 0)."""
    lo, hi = interval.lo, interval.hi
    above = isinstance(lo, float) or (lo**power < point if not interval.lo_closed else lo**power <= point)
    below = isinstance(hi, float) or (point < hi**power if not interval.hi_closed else point <= hi**power)
    return above and below


@given(st.integers(min_value=0, max_value=10**80), degrees)
def test_integer_root_is_the_floor_of_the_root(number: int, degree: int) -> None:
    root = integer_root(number, degree)
    assert root**degree <= number < (root + 1) ** degree


@given(positive, degrees)
def test_root_bounds_enclose_the_root_tightly(value: Fraction, degree: int) -> None:
    low, high = root_bounds(value, degree)
    assert low**degree <= value <= high**degree
    assert high - low <= high / 2 ** (ROOT_PRECISION_BITS - 1)


def test_exact_roots_are_exact() -> None:
    assert root_bounds(Fraction(16, 81), 4) == (Fraction(2, 3), Fraction(2, 3))
    assert root_bounds(Fraction(-27, 8), 3) == (Fraction(-3, 2), Fraction(-3, 2))
    assert root_interval(Interval(Fraction(4), Fraction(9), True, False), 2) == Interval(
        Fraction(2), Fraction(3), True, False
    )


@given(intervals(allow_infinite=True), st.integers(min_value=1, max_value=9).map(lambda n: 2 * n - 1))
def test_odd_roots_contain_the_root_of_every_point(interval: Interval, degree: int) -> None:
    result = root_interval(interval, degree)
    for point in samples(interval):
        assert _inside(result, point, degree), (interval, point, result)


@given(intervals(allow_infinite=True), st.integers(min_value=1, max_value=8).map(lambda n: 2 * n))
def test_even_roots_contain_the_root_of_every_non_negative_point(interval: Interval, degree: int) -> None:
    if interval.hi < 0 or (interval.hi == 0 and not interval.hi_closed):
        with pytest.raises(IntervalError):
            root_interval(interval, degree)
        return
    result = root_interval(interval, degree)
    assert result.lo >= 0
    for point in samples(interval):
        if point >= 0:
            assert _inside(result, point, degree), (interval, point, result)


@given(
    intervals().filter(lambda interval: interval.lo > 0),
    st.integers(min_value=-6, max_value=6).filter(bool),
    st.integers(min_value=2, max_value=12),
)
def test_fractional_powers_contain_every_point_s_power(
    interval: Interval, numerator: int, denominator: int
) -> None:
    exponent = Fraction(numerator, denominator)
    result = fractional_power(interval, exponent)
    for point in samples(interval):
        # y = x ** (p/q) exactly when y ** q = x ** p (for positive x and y)
        assert _inside(result, point**exponent.numerator, exponent.denominator), (interval, point, result)


def test_an_infinite_end_stays_infinite() -> None:
    result = root_interval(Interval(Fraction(8), INF, True, False), 3)
    assert result.lo == 2 and result.hi == INF


def _number(value: Fraction) -> Amount:
    return Amount(
        Interval(value - Fraction(1, 2000), value + Fraction(1, 2000), True, False),
        units.dimensionless(),
        value,
    )


def test_root_and_fractional_exponent_agree_in_formulas() -> None:
    lookup = {"growth": _number(Fraction(148, 100))}.__getitem__
    rooted, steps = evaluate(parse_formula("root(growth, 4) - 1"), lookup)
    powered, _ = evaluate(parse_formula("growth ** (1/4) - 1"), lookup)
    assert rooted.interval == powered.interval
    assert [text for text, _ in steps] == ["root(growth, 4)", "root(growth, 4) - 1"]
    assert 0.10204 < float(rooted.interval.lo) < float(rooted.interval.hi) < 0.10391


def test_a_root_of_a_percentage_is_the_root_of_its_fraction() -> None:
    share = Amount(Interval.point(Fraction(25)), units.parse_unit("percent"), Fraction(25))
    result, _ = evaluate(parse_formula("root(share, 2)"), {"share": share}.__getitem__)
    assert result.interval == Interval.point(Fraction(1, 2))


@pytest.mark.parametrize(
    ("formula", "reason"),
    [
        ("root(x)", "root() takes a value and a degree: root(x, 4)"),
        ("root(x, 0)", "a root's degree must be a whole number written out: root(x, 4)"),
        ("root(x, y)", "a root's degree must be a whole number written out: root(x, 4)"),
        ("root(x, 2.5)", "a root's degree must be a whole number written out: root(x, 4)"),
        ("root(x, 1201)", "a root's degree is limited to 1,200"),
        ("root(x=1, n=2)", "root() takes a value and a degree: root(x, 4)"),
        ("x ** (1/0)", "a fractional exponent is two whole numbers written out: x ** (1/4)"),
        ("x ** (1/y)", "a fractional exponent is two whole numbers written out: x ** (1/4)"),
        ("x ** (1/2000)", "the denominator of an exponent is limited to 1,200"),
        ("x ** (13/2)", "exponents are limited to ±12"),
        ("x ** 0.25", "an exponent must be a whole number written out"),
        ("x ** 24", "exponents are limited to ±12"),
    ],
)
def test_roots_keep_the_language_safe(formula: str, reason: str) -> None:
    with pytest.raises(FormulaError) as error:
        parse_formula(formula)
    assert error.value.message == reason


def test_claimcheck_s_own_formulas_compound_over_more_than_twelve_years() -> None:
    parsed = parse_formula("(1 + rate) ** 24 - 1", trusted=True)
    rate = Amount(Interval.point(Fraction(1, 10)), units.dimensionless(), Fraction(1, 10))
    result, _ = evaluate(parsed, {"rate": rate}.__getitem__)
    assert result.interval == Interval.point(Fraction(11, 10) ** 24 - 1)


def test_an_even_root_of_negative_values_is_a_formula_error() -> None:
    minus = Amount(Interval.point(Fraction(-4)), units.dimensionless(), Fraction(-4))
    with pytest.raises(FormulaError, match="an even root of a negative number"):
        evaluate(parse_formula("root(x, 2)"), {"x": minus}.__getitem__)


def test_a_root_of_money_is_refused() -> None:
    money = Amount(Interval.point(Fraction(4)), units.parse_unit("CNY"), Fraction(4))
    with pytest.raises(units.UnitMismatchError, match="needs a plain number or a percentage, not"):
        evaluate(parse_formula("root(x, 2)"), {"x": money}.__getitem__)
