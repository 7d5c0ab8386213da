"""The limits on hostile values, unit by unit: each answers at once and never crashes."""

from __future__ import annotations

import datetime
import os
import time
from fractions import Fraction
from pathlib import Path

import pytest

from claimcheck import limits
from claimcheck.amounts import Amount
from claimcheck.display import exact_text, format_interval, format_number
from claimcheck.formulas import FormulaError, ResultTooLargeError, evaluate, parse_formula
from claimcheck.intervals import INF, Interval
from claimcheck.loader import UnreadableFileError, read_regular_file
from claimcheck.market import widened
from claimcheck.periods import PeriodError, parse_period
from claimcheck.units import dimensionless

PUBLISHED = datetime.date(2025, 3, 11)


def test_display_never_stringifies_a_huge_integer() -> None:
    huge = Fraction(10) ** 5000
    assert exact_text(huge) == "~1.00000e+5000"
    assert exact_text(-huge / 3) == "~-3.33333e+4999"
    # Rounded outward: the lower end down, the upper end up.
    assert format_interval(Interval(huge, huge + 1)) == "[9.99999e+4999, 1.00001e+5000]"
    assert format_number(Fraction(10**400, 3), dimensionless()) == "3.33333e+399"


def test_display_of_a_tiny_precision_is_immediate() -> None:
    started = time.perf_counter()
    end = Fraction(5) - Fraction(1, 4 * 10**99999)
    assert exact_text(end) == "~5"
    assert format_interval(Interval(end, Fraction(5))) == "[4.99999, 5]"
    assert time.perf_counter() - started < 1


def test_display_keeps_ordinary_numbers_exact() -> None:
    assert exact_text(Fraction(123, 4)) == "30.75"
    assert exact_text(Fraction(1, 3)) == "1/3"
    assert format_number(Fraction(55_550_000_000), dimensionless()) == "55.55 billion"


def test_infinite_end_plus_a_number_beyond_floats() -> None:
    beyond = Fraction(10) ** 400
    total = Interval(Fraction(5), INF, True, False) + Interval.point(beyond)
    assert (total.lo, total.hi) == (beyond + 5, INF)


def test_tolerance_widens_negative_rates_outward() -> None:
    assert widened(Interval(Fraction(-2), Fraction(-1)), Fraction(1, 10)) == Interval(
        Fraction(-22, 10), Fraction(-9, 10)
    )
    assert widened(Interval(Fraction(1), INF), Fraction(1, 2)).hi == INF


def test_stacked_powers_are_refused_before_they_are_computed() -> None:
    formula = parse_formula("(((((2**12)**12)**12)**12)**12)**12")
    started = time.perf_counter()
    with pytest.raises(ResultTooLargeError, match="more than 1,000 digits"):
        evaluate(formula, lambda name: Amount.number(1))
    assert time.perf_counter() - started < 1


def test_formula_numbers_and_nesting_are_limited() -> None:
    with pytest.raises(FormulaError, match="limited to 100 digits"):
        parse_formula("1e308 + 1")
    with pytest.raises(FormulaError, match="nested more than 50 levels"):
        parse_formula("(" * 60 + "1" + " + 1)" * 60)


def test_claimchecks_own_sums_may_be_long() -> None:
    names = " + ".join(f"part_{index}" for index in range(1, limits.MAX_PARTS + 1))
    with pytest.raises(FormulaError):
        parse_formula(names)
    assert len(parse_formula(names, trusted=True).names) == limits.MAX_PARTS


def test_period_nesting_is_limited() -> None:
    with pytest.raises(PeriodError):
        parse_period("may " * 1000 + "2024", PUBLISHED)
    assert parse_period("the first quarter of last year", PUBLISHED).label == "2024-01-01 to 2024-03-31"


def test_year_one_has_no_year_before() -> None:
    with pytest.raises(PeriodError, match="outside the calendar"):
        parse_period("0001", PUBLISHED).shifted_years(-1)


def test_only_regular_files_are_read(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(UnreadableFileError, match="not a regular file"):
        read_regular_file(fifo, 100)  # returns at once: no writer is waited for
    with pytest.raises(UnreadableFileError, match="not a regular file"):
        read_regular_file(Path("/dev/zero"), 100)
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * 101)
    with pytest.raises(UnreadableFileError, match="larger than"):
        read_regular_file(big, 100)
    assert read_regular_file(big, 101) == b"x" * 101


def test_a_device_named_on_the_command_line_is_not_read() -> None:
    from typer.testing import CliRunner

    from claimcheck.cli import app
    from claimcheck.config import EMPTY
    from claimcheck.discovery import find_claim_files

    files, problems = find_claim_files([Path("/dev/zero")], EMPTY)
    assert files == []
    assert [str(problem) for problem in problems] == ["/dev/zero:1:1: CC401 not a regular file or directory"]
    shown = CliRunner().invoke(app, ["verify", "--no-cache", "/dev/zero"])
    assert shown.exit_code == 2
    assert "/dev/zero:1:1: CC401 not a regular file or directory" in shown.output


def test_the_html_report_reads_article_texts_within_the_loaders_limit(tmp_path: Path) -> None:
    from claimcheck.limits import MAX_ARTICLE_BYTES
    from claimcheck.quotes import article_body

    (tmp_path / "article.txt").write_text("The county had 5 projects.\n", encoding="utf-8")
    with (tmp_path / "huge.txt").open("wb") as huge:  # sparse: a device would read forever
        huge.truncate(MAX_ARTICLE_BYTES + 1)
    claim_file = tmp_path / "claims.yaml"
    assert article_body(claim_file, "article.txt") == "The county had 5 projects.\n"
    assert article_body(claim_file, "huge.txt") is None
