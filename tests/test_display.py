"""Exact interval ends as text: every decimal end is the Fraction itself, written out."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from claimcheck.display import exact_text
from claimcheck.intervals import INF

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
