"""The figure reader: printed figures and the intervals they must give."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimcheck.display import format_interval
from claimcheck.figures import (
    FigureError,
    FigureOptions,
    Reading,
    UnknownWordError,
    figure_prefix,
    read_figure,
    read_prefixed,
)
from claimcheck.units import format_unit

CASES = [
    # printed, interval (in units of one), unit
    ("55.6 billion yuan", "[55,550,000,000, 55,650,000,000)", "CNY"),
    ("$7.66 billion", "[7,655,000,000, 7,665,000,000)", "USD"),
    ("16.2 percent", "[16.15, 16.25)", "percent"),
    ("16.2%", "[16.15, 16.25)", "percent"),
    ("65 million domestic tourists", "[64,500,000, 65,500,000)", "visitor"),
    ("65.0 million", "[64,950,000, 65,050,000)", ""),
    ("more than 10 million visitors", "(10,000,000, +inf)", "visitor"),
    ("nearly 50,000", "[45,000, 50,000)", ""),
    ("around 45 million yuan", "[40,500,000, 49,500,000]", "CNY"),
    ("surpassed 97 percent", "(97, +inf)", "percent"),
    ("at least 3 projects", "[3, +inf)", "project"),
    ("less than 5 percent", "[0, 5)", "percent"),
    ("up to 200 sites", "[0, 200]", "site"),
    ("1,200", "[1,150, 1,250)", ""),
    ("215 projects", "[214.5, 215.5)", "project"),
    ("nine county-level regions", "9", "region"),
    ("one to two dominant industries", "[1, 2]", "industry"),
    ("1 percentage point", "[0.5, 1.5)", "percentage_point"),
    ("CN¥3.2 trillion", "[3,150,000,000,000, 3,250,000,000,000)", "CNY"),
    ("RMB 5 bn", "[4,500,000,000, 5,500,000,000)", "CNY"),
    ("€12m", "[11,500,000, 12,500,000)", "EUR"),
    ("-3.5 percent", "[-3.55, -3.45)", "percent"),
    ("10-12 million tourists", "[9,500,000, 12,500,000)", "visitor"),
]


@pytest.mark.parametrize(("printed", "interval", "unit"), CASES)
def test_reading(printed: str, interval: str, unit: str) -> None:
    reading = read_figure(printed)
    assert format_interval(reading.interval) == interval
    assert format_unit(reading.unit) == unit


def test_more_than_keeps_the_figure_itself_as_the_open_end() -> None:
    reading = read_figure("more than 10 million")
    assert reading.interval.lo == 10_000_000
    assert not reading.interval.lo_closed
    assert reading.nominal is None  # a bound has no value of its own


def test_exact_and_precision_override_the_default_rounding() -> None:
    assert format_interval(read_figure("1,200", FigureOptions(exact=True)).interval) == "1,200"
    assert (
        format_interval(read_figure("1,200", FigureOptions(precision="1")).interval) == "[1,199.5, 1,200.5)"
    )


def test_upper_limit_closes_an_open_end() -> None:
    reading = read_figure("more than 10 million", FigureOptions(upper="11 million"))
    assert format_interval(reading.interval) == "(10,000,000, 11,000,000]"


def test_margin_override_narrows_about() -> None:
    reading = read_figure("about 100 million", FigureOptions(margin="2 percent"))
    assert reading.interval.lo == Fraction(98_000_000)
    assert reading.interval.hi == Fraction(102_000_000)


def test_a_nominal_value_is_kept_for_plain_figures() -> None:
    assert read_figure("55.6 billion yuan").nominal == Fraction(55_600_000_000)


@pytest.mark.parametrize("printed", ["", "lots of tourists", "more than many"])
def test_unreadable_figures(printed: str) -> None:
    with pytest.raises(FigureError):
        read_figure(printed)


def test_unknown_unit_suggests_close_names() -> None:
    with pytest.raises(UnknownWordError, match="did you mean 'visitor'"):
        read_figure("65 million vistors")


@given(
    value=st.decimals(min_value=0, max_value=10**6, places=3, allow_nan=False, allow_infinity=False),
    places=st.integers(min_value=0, max_value=3),
    scale=st.sampled_from([("", 1), (" thousand", 10**3), (" million", 10**6), (" billion", 10**9)]),
)
def test_a_printed_decimal_stands_for_the_values_that_round_to_it(
    value: Decimal, places: int, scale: tuple[str, int]
) -> None:
    word, factor = scale
    printed = f"{value:,.{places}f}"
    if not word and places == 0:
        return  # bare integers follow the trailing-zero rule, tested above
    reading = read_figure(printed + word)
    shown = Fraction(Decimal(printed.replace(",", ""))) * factor
    half = Fraction(1, 10**places) / 2 * factor
    assert reading.interval.lo == shown - half and reading.interval.lo_closed
    assert reading.interval.hi == shown + half and not reading.interval.hi_closed
    assert reading.nominal == shown
    exact = Fraction(value) * factor
    if abs(exact - shown) < half:  # every value that rounds to the printed figure is in its interval
        assert reading.interval.contains(exact)


def _outcome(read: Callable[[], Reading]) -> tuple[object, ...]:
    try:
        got = read()
    except FigureError as error:
        return ("error", str(error), error.offset)
    return (got.interval, got.unit, got.nominal, got.role, got.steps, got.noun, got.has_unit)


@pytest.mark.parametrize(
    ("text", "printed"),
    [
        ("more than 5 percent of voters", "more than 5 percent"),  # cut at the number part
        ("about 4,000 people", "about 4,000"),
        ("5-2 billionaires", "5-2"),  # "billion..." after it made "5-2" a range
        ("5-2 billionaires", "5-2 billion"),
        ("1 in 3 adults", "1 in 3"),
        ("5 timesheets", "5"),
        ("2.5-fold growth", "2.5-fold"),
    ],
)
def test_a_figure_read_on_from_its_number_part_reads_as_read_figure(text: str, printed: str) -> None:
    """Extraction reads the number part once, then reads on; any cut must read as a whole read."""
    prefix = figure_prefix(text)
    assert prefix is not None
    assert _outcome(lambda: read_prefixed(printed, prefix)) == _outcome(lambda: read_figure(printed))
