"""Interval arithmetic: every result must contain the exact result at every corner of its inputs.

The exact results are computed independently with ``fractions.Fraction`` on sampled points of
the inputs (their ends when closed, points just inside when open), so a wrong end or a wrong
open/closed flag is caught. The intervals themselves hold claimcheck's own exact numbers
(gmpy2's mpq), as the figures read from claim files do.
"""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimcheck.exact import Exact
from claimcheck.intervals import INF, Interval

finite = st.fractions(min_value=-1000, max_value=1000, max_denominator=1000).map(Exact)


@st.composite
def intervals(draw: st.DrawFn, allow_infinite: bool = False) -> Interval:
    lo = draw(finite)
    hi = draw(finite.filter(lambda value: value >= lo))
    lo_closed, hi_closed = draw(st.booleans()), draw(st.booleans())
    if lo == hi:
        lo_closed = hi_closed = True
    low: Exact | float = lo
    high: Exact | float = hi
    if allow_infinite and draw(st.booleans()):
        low = -INF
    if allow_infinite and draw(st.booleans()):
        high = INF
    return Interval(low, high, lo_closed, hi_closed)


def reference(end: Exact | float) -> Fraction | float:
    """An interval end as a standard-library Fraction: the reference arithmetic."""
    if isinstance(end, float):
        return end
    return Fraction(int(end.numerator), int(end.denominator))


def samples(interval: Interval) -> list[Fraction]:
    """Points of the interval (as Fractions): its attained ends, points just inside open ends,
    the middle."""
    points: list[Fraction] = []
    lo = reference(interval.lo) if not isinstance(interval.lo, float) else None
    hi = reference(interval.hi) if not isinstance(interval.hi, float) else None
    tiny = Fraction(1, 10**9)
    if lo is not None:
        points.append(lo if interval.lo_closed else lo + tiny * (1 if hi is None else min(1, hi - lo)))
    if hi is not None:
        points.append(hi if interval.hi_closed else hi - tiny * (1 if lo is None else min(1, hi - lo)))
    if lo is not None and hi is not None:
        points.append((lo + hi) / 2)
    if lo is None and hi is None:
        points.extend([Fraction(-(10**6)), Fraction(0), Fraction(10**6)])
    elif lo is None:
        assert hi is not None
        points.append(hi - 10**6)
    elif hi is None:
        points.append(lo + 10**6)
    return [point for point in points if interval.contains(point)]


BINARY: list[
    tuple[str, Callable[[Interval, Interval], Interval], Callable[[Fraction, Fraction], Fraction]]
] = [
    ("add", Interval.__add__, lambda a, b: a + b),
    ("sub", Interval.__sub__, lambda a, b: a - b),
    ("mul", Interval.__mul__, lambda a, b: a * b),
    ("min", Interval.minimum, min),
    ("max", Interval.maximum, max),
]


@pytest.mark.parametrize(("name", "operation", "exact"), BINARY, ids=[case[0] for case in BINARY])
@given(a=intervals(allow_infinite=True), b=intervals(allow_infinite=True))
def test_binary_operations_contain_every_exact_result(
    name: str,
    operation: Callable[[Interval, Interval], Interval],
    exact: Callable[[Fraction, Fraction], Fraction],
    a: Interval,
    b: Interval,
) -> None:
    result = operation(a, b)
    for x in samples(a):
        for y in samples(b):
            assert result.contains(exact(x, y)), (name, a, b, x, y, result)


@given(a=intervals(), b=intervals())
def test_division_contains_every_exact_quotient(a: Interval, b: Interval) -> None:
    result = a / b
    for x in samples(a):
        for y in samples(b):
            if y != 0:
                assert result.contains(x / y), (a, b, x, y, result)


@given(a=intervals(), b=intervals())
def test_closed_finite_results_are_tight(a: Interval, b: Interval) -> None:
    """For closed inputs the ends of a product are attained at corners: nothing is lost."""
    a = Interval(a.lo, a.hi)
    b = Interval(b.lo, b.hi)
    corners = [x * y for x in (a.lo, a.hi) for y in (b.lo, b.hi)]  # type: ignore[operator]
    product = a * b
    assert product.lo == min(corners)
    assert product.hi == max(corners)


@given(a=intervals(allow_infinite=True), exponent=st.integers(min_value=-4, max_value=5))
def test_powers_contain_every_exact_power(a: Interval, exponent: int) -> None:
    result = a**exponent
    for x in samples(a):
        if x == 0 and exponent < 0:
            continue
        assert result.contains(x**exponent), (a, exponent, x, result)


@given(a=intervals(allow_infinite=True))
def test_absolute_value(a: Interval) -> None:
    result = a.absolute()
    for x in samples(a):
        assert result.contains(abs(x))


def test_division_by_an_interval_holding_zero_is_unbounded() -> None:
    result = Interval.point(1) / Interval(Fraction(-1), Fraction(1))
    assert result == Interval.everything()


def test_open_ended_division_matches_the_pingyao_case() -> None:
    visitors = Interval(Fraction(10_000_000), INF, False, False)
    growth = Interval(Fraction(1105, 1000), Fraction(1115, 1000), True, False)
    previous = visitors / growth
    assert previous.hi == INF
    assert previous.lo == Fraction(10_000_000) / Fraction(1115, 1000)
    assert not previous.lo_closed


def test_overlap_respects_open_ends() -> None:
    assert not Interval(Fraction(1), Fraction(2), True, False).overlaps(Interval(Fraction(2), Fraction(3)))
    assert Interval(Fraction(1), Fraction(2)).overlaps(Interval(Fraction(2), Fraction(3)))
    assert Interval(Fraction(1), Fraction(2)).gap_to(Interval(Fraction(5), Fraction(6))) == 3


def test_empty_intervals_are_refused() -> None:
    with pytest.raises(ValueError, match="empty"):
        Interval(Fraction(2), Fraction(1))
    with pytest.raises(ValueError, match="empty"):
        Interval(Fraction(1), Fraction(1), True, False)


# --- fast paths against the general rules ---------------------------------------------------
#
# Multiplication, reciprocals and the emptiness check have fast paths for intervals above zero
# and for Fraction ends. The general rules they shortcut are kept here as the reference, over
# plain Fractions: every result must be the same interval, ends and open or closed flags.

small = st.fractions(min_value=-5, max_value=5, max_denominator=7).map(Exact)


@st.composite
def edge_intervals(draw: st.DrawFn) -> Interval:
    """Intervals with many zero, equal and infinite ends: where a shortcut can go wrong."""
    lo = draw(st.sampled_from([Exact(0), Exact(1)]) | small)
    hi = draw(st.sampled_from([lo, lo + 1]) | small.filter(lambda value: value >= lo))
    lo_closed, hi_closed = draw(st.booleans()), draw(st.booleans())
    if lo == hi:
        lo_closed = hi_closed = True
    low: Exact | float = -INF if draw(st.integers(0, 4)) == 0 else lo
    high: Exact | float = INF if draw(st.integers(0, 3)) == 0 else hi
    return Interval(low, high, lo_closed, hi_closed)


def reference_product(a: Interval, b: Interval) -> tuple[object, ...]:
    """The product by its four corners, zero times infinity taken as zero."""

    def times(x: Fraction | float, y: Fraction | float) -> Fraction | float:
        if x == 0 or y == 0:
            return Fraction(0)
        if isinstance(x, float) or isinstance(y, float):
            return INF if (x > 0) == (y > 0) else -INF
        return x * y

    corners = [
        (times(x, y), (x_closed and y_closed) or (x == 0 and x_closed) or (y == 0 and y_closed))
        for x, x_closed in ((reference(a.lo), a.lo_closed), (reference(a.hi), a.hi_closed))
        for y, y_closed in ((reference(b.lo), b.lo_closed), (reference(b.hi), b.hi_closed))
    ]
    lo = min(value for value, _ in corners)
    hi = max(value for value, _ in corners)
    lo_closed = any(closed for value, closed in corners if value == lo) and not isinstance(lo, float)
    hi_closed = any(closed for value, closed in corners if value == hi) and not isinstance(hi, float)
    return (lo, hi, lo_closed, hi_closed)


def shape(interval: Interval) -> tuple[object, ...]:
    return (interval.lo, interval.hi, interval.lo_closed, interval.hi_closed)


@given(a=edge_intervals(), b=edge_intervals())
def test_products_equal_the_four_corner_rule(a: Interval, b: Interval) -> None:
    assert shape(a * b) == reference_product(a, b)
    assert all(type(end) in (Exact, float) for end in shape(a * b)[:2])


@given(a=edge_intervals())
def test_reciprocals_above_zero_equal_the_general_rule(a: Interval) -> None:
    if isinstance(a.lo, float) or a.lo <= 0:
        return
    expected_lo = Fraction(0) if isinstance(a.hi, float) else 1 / reference(a.hi)
    result = a.reciprocal()
    expected = (expected_lo, 1 / reference(a.lo), a.hi_closed and not isinstance(a.hi, float), a.lo_closed)
    assert shape(result) == expected
    assert type(result.hi) is Exact


@given(lo=small, hi=small, lo_closed=st.booleans(), hi_closed=st.booleans())
def test_an_interval_is_empty_exactly_when_its_ends_say_so(
    lo: Fraction, hi: Fraction, lo_closed: bool, hi_closed: bool
) -> None:
    empty = lo > hi or (lo == hi and not (lo_closed and hi_closed))
    if empty:
        with pytest.raises(ValueError, match="empty interval"):
            Interval(lo, hi, lo_closed, hi_closed)
    else:
        assert shape(Interval(lo, hi, lo_closed, hi_closed)) == (lo, hi, lo_closed, hi_closed)


_UNCHECKED_ARITHMETIC = """
import itertools
from claimcheck.exact import Exact
from claimcheck.intervals import INF, Interval, _made, _made_as_is

assert _made is _made_as_is  # outside the tests, arithmetic makes its intervals unchecked
ends = [-INF, Exact(-3), Exact(0), Exact(1, 2), Exact(2), INF]
made = []
for lo, hi in itertools.combinations_with_replacement(ends, 2):
    if lo == hi and isinstance(lo, float):
        continue
    for lo_closed, hi_closed in itertools.product([True, False], repeat=2):
        if lo == hi:
            lo_closed = hi_closed = True
        lo_closed = lo_closed and not isinstance(lo, float)
        hi_closed = hi_closed and not isinstance(hi, float)
        made.append(Interval(lo, hi, lo_closed, hi_closed))
results = 0
for a, b in itertools.product(made, repeat=2):
    for result in (-a, a + b, a - b, a * b, a / b, a.reciprocal(), a.scaled(Exact(3, 2))):
        shape = (result.lo, result.hi, result.lo_closed, result.hi_closed)
        checked = Interval(*shape)  # refuses an empty interval, opens an infinite end
        assert (checked.lo, checked.hi, checked.lo_closed, checked.hi_closed) == shape, (a, b, shape)
        results += 1
print(results)
"""


def test_arithmetic_makes_valid_intervals_without_checking_them() -> None:
    """Outside the tests (values not frozen), the intervals that arithmetic makes are not
    checked again: every one of them, over ends of every kind, is one the checks accept as is."""
    import os
    import subprocess
    import sys

    environment = {name: value for name, value in os.environ.items() if name != "CLAIMCHECK_FROZEN_VALUES"}
    done = subprocess.run(
        [sys.executable, "-c", _UNCHECKED_ARITHMETIC],
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert int(done.stdout) > 10_000
