"""Exact interval ends as text: every decimal end is the Fraction itself, written out."""

from __future__ import annotations

import decimal
from fractions import Fraction
from unittest.mock import patch

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimcheck import display
from claimcheck.display import exact_text
from claimcheck.exact import Exact
from claimcheck.intervals import INF, Interval

decimal_denominators = st.builds(
    lambda twos, fives: 2**twos * 5**fives, st.integers(0, 12), st.integers(0, 12)
)


@given(numerator=st.integers(-(10**15), 10**15), denominator=decimal_denominators)
def test_a_decimal_end_is_written_exactly(numerator: int, denominator: int) -> None:
    value = Fraction(numerator, denominator)
    text = exact_text(value)
    assert text is not None and "/" not in text
    assert Fraction(text) == value
    # As many places as the value needs, no more: the larger power of 2 or 5 in its denominator.
    twos = fives = 0
    rest = value.denominator
    while rest % 2 == 0:
        rest, twos = rest // 2, twos + 1
    while rest % 5 == 0:
        rest, fives = rest // 5, fives + 1
    places = len(text.partition(".")[2])
    assert places == max(twos, fives)


@given(
    numerator=st.integers(-(10**9), 10**9),
    denominator=st.integers(1, 10**6).filter(lambda d: d // (d & -d) % 5 != 0 or d % 3 == 0),
)
def test_an_end_that_is_no_decimal_is_a_fraction(numerator: int, denominator: int) -> None:
    value = Fraction(numerator, denominator)
    rest = value.denominator // (value.denominator & -value.denominator)
    while rest % 5 == 0:
        rest //= 5
    text = exact_text(value)
    assert text is not None
    if rest == 1:
        assert Fraction(text) == value and "/" not in text
    else:
        assert text == f"{value.numerator}/{value.denominator}"


def test_infinite_ends_have_no_exact_text() -> None:
    assert exact_text(INF) is None
    assert exact_text(-INF) is None
    assert exact_text(Fraction(-1, 8)) == "-0.125"
    assert exact_text(Fraction(7)) == "7"


def _through_decimal(value: Fraction, rounding: str, digits: int, factor: int) -> str:
    """What ``display._decimal`` writes when the Decimal context does the rounding."""
    with patch.object(display, "_short_decimal", lambda *_: None):
        return display._decimal(value, rounding, digits, factor)


ROUNDINGS = [decimal.ROUND_HALF_EVEN, decimal.ROUND_FLOOR, decimal.ROUND_CEILING]


@given(
    numerator=st.one_of(st.integers(-(10**13), 10**13), st.integers(-(10**40), 10**40)),
    denominator=st.one_of(st.integers(1, 10**4), decimal_denominators, st.integers(1, 10**12)),
    rounding=st.sampled_from(ROUNDINGS),
    digits=st.integers(1, display.SIGNIFICANT_DIGITS),
    factor=st.sampled_from([1, 10**6, 10**9, 10**12]),
)
def test_integer_rounding_writes_what_the_decimal_context_writes(
    numerator: int, denominator: int, rounding: str, digits: int, factor: int
) -> None:
    value = Fraction(numerator, denominator)
    expected = _through_decimal(value, rounding, digits, factor)
    assert display._decimal(value, rounding, digits, factor) == expected
    assert display._decimal(Exact(value), rounding, digits, factor) == expected  # gmpy2's terms


@pytest.mark.parametrize(
    ("value", "rounding", "digits", "expected"),
    [
        (Fraction(999_9997, 10), decimal.ROUND_HALF_EVEN, 6, "1,000,000"),  # rounds up to a new digit
        (Fraction(999_9997, 10), decimal.ROUND_FLOOR, 6, "999,999"),
        (Fraction(-999_9997, 10), decimal.ROUND_FLOOR, 6, "-1,000,000"),
        (Fraction(-999_9997, 10), decimal.ROUND_CEILING, 6, "-999,999"),
        (Fraction(5950, 823), decimal.ROUND_FLOOR, 6, "7.22964"),
        (Fraction(5950, 823), decimal.ROUND_CEILING, 6, "7.22965"),
        (Fraction(25, 2), decimal.ROUND_HALF_EVEN, 2, "12"),  # a tie goes to the even digit
        (Fraction(35, 2), decimal.ROUND_HALF_EVEN, 2, "18"),
        (Fraction(1234567, 100), decimal.ROUND_HALF_EVEN, 6, "12,345.7"),
        (Fraction(0), decimal.ROUND_FLOOR, 6, "0"),
        (Fraction(1, 3), decimal.ROUND_HALF_EVEN, 3, "0.333"),  # below 1: the Decimal's case
    ],
)
def test_decimal_text(value: Fraction, rounding: str, digits: int, expected: str) -> None:
    assert display._decimal(value, rounding, digits) == expected
    assert _through_decimal(value, rounding, digits, 1) == expected


def _span_digits_with_fractions(interval: Interval) -> int:
    """The digits of a span as first written, in Fraction arithmetic: the reference."""
    lo, hi = interval.lo, interval.hi
    if isinstance(lo, float) or isinstance(hi, float) or hi == lo:
        return display.SHORT_DIGITS
    ratio = max(abs(lo), abs(hi)) / (hi - lo)
    return min(display.SIGNIFICANT_DIGITS, display.SHORT_DIGITS + max(0, len(str(int(ratio))) - 2))


ends = st.fractions(max_denominator=10**9).filter(lambda value: abs(value) < 10**15)


@given(first=ends, second=ends, infinite=st.sampled_from(["", "lo", "hi"]))
def test_span_digits_in_integers_match_fractions(first: Fraction, second: Fraction, infinite: str) -> None:
    lo, hi = min(first, second), max(first, second)
    interval = Interval(-INF if infinite == "lo" else lo, INF if infinite == "hi" else hi, True, True)
    assert display._span_digits(interval) == _span_digits_with_fractions(interval)
    exact = Interval(*(end if isinstance(end, float) else Exact(end) for end in (interval.lo, interval.hi)))
    assert display._span_digits(exact) == _span_digits_with_fractions(interval)


@given(ratio=st.fractions(max_denominator=10**12).filter(lambda value: abs(value) < 10**9))
def test_percent_in_integers_matches_fractions(ratio: Fraction) -> None:
    expected = display._decimal(ratio * 100, decimal.ROUND_HALF_EVEN, 3) + "%"
    assert display.format_percent(ratio) == display.format_percent(Exact(ratio)) == expected
