"""claimcheck's exact numbers (gmpy2's mpq) where they differ from fractions.Fraction.

Each test is a place where the switch from Fraction could have gone wrong quietly: a whole
exponent giving an inexact power, pint's conversion factors losing exactness, an integer part
refusing the thousands separator. The expected values are worked with Fraction.
"""

from __future__ import annotations

from fractions import Fraction

from claimcheck import units
from claimcheck.amounts import Amount
from claimcheck.exact import Exact
from claimcheck.figures import FigureOptions, ReadingContext, read_figure
from claimcheck.formulas import evaluate, parse_formula
from claimcheck.intervals import Interval
from claimcheck.vocabulary import DEFAULT, Declaration


def _number(lo: Fraction, hi: Fraction) -> Amount:
    return Amount(Interval(Exact(lo), Exact(hi)), units.dimensionless())


def test_a_whole_exponent_gives_an_exact_power() -> None:
    growth = _number(Fraction(11, 10), Fraction(12, 10))
    for formula in ("growth ** 2", "growth ** (4/2)"):
        result, _ = evaluate(parse_formula(formula), {"growth": growth}.__getitem__)
        assert type(result.interval.lo) is Exact and type(result.interval.hi) is Exact, formula
        assert (result.interval.lo, result.interval.hi) == (Fraction(121, 100), Fraction(144, 100))


def test_a_percentage_converts_to_its_exact_fraction() -> None:
    share = Amount(Interval.point(Exact(25)), units.parse_unit("percent"), Exact(25))
    plain = share.to(units.dimensionless())
    assert plain.nominal == Fraction(1, 4)
    assert type(plain.nominal) is Exact


def test_large_whole_numbers_are_written_with_thousands_separators() -> None:
    reading = read_figure("about 3,000 yuan")
    assert "printed to the nearest 1,000: ±500" in reading.steps
    assert "scale word 'million': times 1,000,000" in read_figure("2.5 million visitors").steps


def test_a_unit_declared_in_other_digits_is_read_as_with_ascii_digits() -> None:
    # "١٢ box": twelve boxes in Arabic-Indic digits, as a newsroom's claimcheck.toml may write it.
    vocabulary = DEFAULT.declare(
        (Declaration("box", "noun", "claimcheck.toml"), Declaration("crate", "١٢ box", "t"))
    )
    reading = read_figure("3 crates", None, ReadingContext(vocabulary=vocabulary))
    assert (reading.interval.lo, reading.interval.hi) == (Fraction(30), Fraction(42))


def test_a_precision_in_other_digits_is_read_as_with_ascii_digits() -> None:
    reading = read_figure("1,200 visitors", FigureOptions(precision="١٠"))
    assert (reading.interval.lo, reading.interval.hi) == (Fraction(1195), Fraction(1205))
