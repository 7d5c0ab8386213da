"""The fast paths of display and of the JSON document, held to plain references.

Amount texts are remembered by value (the ends, their closedness and the unit's text) and the
common decimal is rounded in integers: these tests write the same texts the plain way, with
``fractions`` and ``decimal`` and ``json.dumps``, over random values, units and closedness. The
intervals of one example share a few ends, so that the memo is asked for equal ends with other
closedness or another unit, and must not answer with another interval's text.
"""

from __future__ import annotations

import decimal
import json
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from claimcheck import display, units
from claimcheck.amounts import Amount
from claimcheck.exact import Exact
from claimcheck.formats import json as json_format
from claimcheck.intervals import INF, Endpoint, Interval
from claimcheck.units import Unit

ROUNDINGS = [decimal.ROUND_HALF_EVEN, decimal.ROUND_FLOOR, decimal.ROUND_CEILING]
UNIT_NAMES = ["percent", "visitor", "CNY", "USD", "CNY/USD", ""]
SCALES = ((10**12, "trillion"), (10**9, "billion"), (10**6, "million"))


def _unit(name: str) -> Unit:
    return units.parse_unit(name) if name else units.dimensionless()


def _plain(value: Endpoint) -> Fraction:
    """An exact end as a Fraction of Python ints (an ``mpq``'s terms are gmpy2 integers)."""
    return Fraction(int(value.numerator), int(value.denominator))  # type: ignore[union-attr]


def reference_end(value: Fraction, factor: int, rounding: str, digits: int) -> str:
    """``value / factor`` to ``digits`` significant digits, by the Decimal context alone."""
    context = decimal.Context(prec=digits, rounding=rounding)
    number = context.divide(decimal.Decimal(value.numerator), decimal.Decimal(value.denominator * factor))
    text = f"{number:,f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def reference_scale(ends: list[Endpoint]) -> tuple[int, str]:
    """The scale of the largest finite end (every end here is far below scientific notation)."""
    sizes = [abs(_plain(end)) for end in ends if not isinstance(end, float)]
    largest = max(sizes, default=Fraction(0))
    return next(((factor, word) for factor, word in SCALES if largest >= factor), (1, ""))


def reference_interval_in(interval: Interval, unit: Unit) -> str:
    lo, hi = interval.lo, interval.hi
    factor, word = reference_scale([lo, hi])
    if not isinstance(lo, float) and lo == hi:
        numbers = reference_end(_plain(lo), factor, decimal.ROUND_HALF_EVEN, 6)
    else:
        lo_text = (
            "-inf" if isinstance(lo, float) else reference_end(_plain(lo), factor, decimal.ROUND_FLOOR, 6)
        )
        hi_text = (
            "+inf" if isinstance(hi, float) else reference_end(_plain(hi), factor, decimal.ROUND_CEILING, 6)
        )
        numbers = (
            f"{'[' if interval.lo_closed else '('}{lo_text}, {hi_text}{']' if interval.hi_closed else ')'}"
        )
    name = units.format_unit(unit)
    suffix = " ".join(part for part in (word, name) if part)
    return f"{numbers} {suffix}" if suffix else numbers


def reference_exact(value: Endpoint) -> str | None:
    if isinstance(value, float):
        return None
    value = _plain(value)
    rest = value.denominator
    for prime in (2, 5):
        while rest % prime == 0:
            rest //= prime
    if rest != 1:
        return f"{value.numerator}/{value.denominator}"
    places = 0
    while (value * 10**places).denominator != 1:
        places += 1
    exact = decimal.Context(prec=200).divide(
        decimal.Decimal(value.numerator), decimal.Decimal(value.denominator)
    )
    return format(exact, f".{places}f")


def reference_amount_json(amount: Amount) -> str:
    """An amount's members as the JSON document wrote them with a dictionary and json.dumps."""

    def interval(value: Interval) -> dict[str, object]:
        return {
            "lo": reference_exact(value.lo),
            "hi": reference_exact(value.hi),
            "lo_closed": value.lo_closed,
            "hi_closed": value.hi_closed,
        }

    members = {
        "interval": interval(amount.interval),
        "strict_interval": None if amount.strict is None else interval(amount.strict),
        "nominal": None if amount.nominal is None else reference_exact(amount.nominal),
        "unit": units.format_unit(amount.unit),
        "text": reference_interval_in(amount.interval, amount.unit),
    }
    return json.dumps(members, ensure_ascii=False, separators=(",", ":"))[1:-1]


# Sizes from below one to trillions, with denominators of printed decimals and of quotients.
magnitudes = st.sampled_from([1, 10**3, 10**6, 10**9, 10**12])
values = st.builds(
    lambda numerator, denominator, magnitude, negative: (
        Fraction(numerator, denominator) * magnitude * (-1 if negative else 1)
    ),
    st.integers(0, 10**7),
    st.one_of(st.sampled_from([1, 2, 4, 5, 8, 10, 20, 100, 1000, 10**6]), st.integers(1, 10**5)),
    magnitudes,
    st.booleans(),
)


@given(value=values, factor=st.sampled_from([1, 10**6, 10**9, 10**12]))
def test_an_end_is_rounded_as_the_decimal_context_rounds_it(value: Fraction, factor: int) -> None:
    for rounding in ROUNDINGS:
        for digits in (3, 4, 6):
            expected = reference_end(value, factor, rounding, digits)
            assert display._rounded(Exact(value), factor, rounding, digits) == expected
            assert display._rounded(value, factor, rounding, digits) == expected


def _interval(pool: list[Fraction], picks: tuple[int, int, bool, bool, int, int]) -> Interval:
    first, second, lo_closed, hi_closed, infinite, _ = picks
    lo, hi = sorted((pool[first], pool[second]))
    if lo == hi:
        lo_closed = hi_closed = True
    ends: tuple[Endpoint, Endpoint] = (Exact(lo), Exact(hi))
    if infinite == 1:
        ends = (-INF, ends[1])
    elif infinite == 2:
        ends = (ends[0], INF)
    return Interval(ends[0], ends[1], lo_closed, hi_closed)


picks = st.tuples(
    st.integers(0, 3), st.integers(0, 3), st.booleans(), st.booleans(), st.integers(0, 2), st.integers(0, 5)
)


@given(pool=st.lists(values, min_size=4, max_size=4), chosen=st.lists(picks, min_size=1, max_size=12))
def test_amount_texts_remembered_by_value_are_the_plain_texts(
    pool: list[Fraction], chosen: list[tuple[int, int, bool, bool, int, int]]
) -> None:
    # Few ends and many intervals: equal ends meet with other closedness and other units.
    for choice in chosen:
        interval = _interval(pool, choice)
        unit = _unit(UNIT_NAMES[choice[5]])
        assert display.format_interval_in(interval, unit) == reference_interval_in(interval, unit)
        # A copy: equal in value, another object.
        copy = Interval(interval.lo, interval.hi, interval.lo_closed, interval.hi_closed)
        assert display.format_interval_in(copy, unit) == reference_interval_in(interval, unit)


@given(pool=st.lists(values, min_size=4, max_size=4), chosen=st.lists(picks, min_size=1, max_size=8))
def test_an_amount_in_the_json_document_is_what_json_dumps_writes(
    pool: list[Fraction], chosen: list[tuple[int, int, bool, bool, int, int]]
) -> None:
    for index, choice in enumerate(chosen):
        interval = _interval(pool, choice)
        unit = _unit(UNIT_NAMES[choice[5]])
        strict = _interval(pool, chosen[index - 1]) if index % 2 else None
        nominal = None if index % 3 == 2 else Exact(pool[index % 4])
        amount = Amount(interval, unit, nominal, strict)
        assert json_format.amount_json(amount) == reference_amount_json(amount)


def reference_scale_for(magnitude: Fraction) -> tuple[int, str]:
    """The scale of one value as first written, in Python ints: the word of the largest factor it
    reaches, and none for a value written in scientific notation (bit lengths far apart)."""
    numerator, denominator = abs(magnitude.numerator), magnitude.denominator
    for factor, word in SCALES:
        if numerator >= factor * denominator:
            if numerator.bit_length() - denominator.bit_length() > display._PLAIN_BITS:
                return 1, ""
            return factor, word
    return 1, ""


@given(
    numerator=st.one_of(st.integers(-(10**16), 10**16), st.integers(1, 2**display._PLAIN_BITS * 4)),
    denominator=st.one_of(st.integers(1, 10**6), st.sampled_from([1, 3, 2**20 + 1])),
    shift=st.sampled_from([0, display._PLAIN_BITS - 1, display._PLAIN_BITS, display._PLAIN_BITS + 1]),
)
def test_the_scale_of_a_value_is_the_one_its_integers_give(
    numerator: int, denominator: int, shift: int
) -> None:
    # Shifted so that some values land on either side of the edge of scientific notation.
    value = Fraction(numerator << shift if abs(numerator) < 2**40 else numerator, denominator)
    assert display.scale_for(Exact(value)) == display.scale_for(value) == reference_scale_for(value)


# Ends as the JSON document meets them: whole numbers, decimals of few and many digits, and
# fractions, at every scale, some huge (their exact text is given rounded, with "~").
exact_ends = st.one_of(
    values,
    st.builds(
        lambda numerator, twos, fives: Fraction(numerator, 2**twos * 5**fives),
        st.integers(-(10**20), 10**20),
        st.integers(0, 70),
        st.integers(0, 30),
    ),
    st.builds(
        lambda exponent, sign: Fraction(sign * 10**exponent + 1, 3),
        st.integers(900, 1100),
        st.sampled_from([1, -1]),
    ),
)


@given(value=exact_ends)
def test_an_exact_text_from_an_ends_str_is_the_exact_text(value: Fraction) -> None:
    end = Exact(value)
    assert display.exact_text_of(str(end), end) == display.exact_text(end) == display.exact_text(value)
    if abs(value.numerator) < 10**50 and value.denominator < 10**50:
        assert display.exact_text(end) == reference_exact(value)


def test_an_infinite_end_has_no_exact_text_from_its_str() -> None:
    assert display.exact_text_of(str(INF), INF) is None
    assert display.exact_text_of(str(-INF), -INF) is None


# Decimal ends with a few to many digits, at every scale, so that rounding to six digits meets
# ties ("2.5000005"), carries ("9.9999995") and digits dropped either side of a half.
decimal_ends = st.builds(
    lambda digits, places, magnitude, negative: (
        Fraction(int(digits), 10**places) * magnitude * (-1 if negative else 1)
    ),
    st.one_of(
        st.from_regex(r"[1-9][0-9]{0,11}", fullmatch=True),
        st.from_regex(r"[1-9](9{3,9}|0{3,9})[0-9]{0,3}", fullmatch=True),
        st.from_regex(r"[1-9][0-9]{0,5}50{0,6}[0-9]?", fullmatch=True),
    ),
    st.integers(0, 12),
    magnitudes,
    st.booleans(),
)


@given(value=decimal_ends, factor=st.sampled_from([1, 10**6, 10**9, 10**12]))
def test_an_end_rounded_as_text_is_rounded_as_the_decimal_context_rounds_it(
    value: Fraction, factor: int
) -> None:
    text = display.exact_text(Exact(value))
    assert text is not None
    zeros = len(str(factor)) - 1
    for rounding in ROUNDINGS:
        shown = display._shown(text, zeros, rounding)
        if shown is not None:  # else the end is _rounded's, held to the reference above
            assert shown == reference_end(value, factor, rounding, 6)


@given(
    pool=st.lists(st.one_of(exact_ends, decimal_ends), min_size=4, max_size=4),
    chosen=st.lists(picks, min_size=1, max_size=12),
)
def test_an_interval_shown_from_its_exact_texts_is_the_plain_text(
    pool: list[Fraction], chosen: list[tuple[int, int, bool, bool, int, int]]
) -> None:
    for choice in chosen:
        interval = _interval(pool, choice)
        unit = _unit(UNIT_NAMES[choice[5]])
        lo, hi = display.exact_text(interval.lo), display.exact_text(interval.hi)
        # format_interval_in is held to the Decimal reference above, within its range.
        assert display.format_interval_exact(interval, unit, lo, hi) == display.format_interval_in(
            interval, unit
        )
