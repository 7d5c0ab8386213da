"""Periods for multi-year changes: ranges, fiscal years, quarters and halves in short, month
stretches, and how many years lie between two periods."""

from __future__ import annotations

from datetime import date
from fractions import Fraction

import pytest

from claimcheck.periods import PeriodError, parse_period, years_between

PUBLISHED = date(2025, 3, 11)


@pytest.mark.parametrize(
    ("printed", "label"),
    [
        ("2015 to 2019", "2015 to 2019"),
        ("2015-2019", "2015 to 2019"),
        ("2015–2019", "2015 to 2019"),
        ("2015-19", "2015 to 2019"),
        ("from 2015 to 2019", "2015 to 2019"),
        ("between 2015 and 2019", "2015 to 2019"),
        ("2015 to last year", "2015 to 2024"),
        ("Q1 2020 to Q3 2021", "Q1 2020 to Q3 2021"),
        ("the first half of 2020 to the second half of 2021", "H1 2020 to H2 2021"),
        ("Jan-Nov 2023 to Jan-Nov 2024", "Jan-Nov 2023 to Jan-Nov 2024"),
        ("July 2023 to July 2024", "Jul 2023 to Jul 2024"),
        ("FY2013 to FY2018", "fiscal year 2013 to fiscal year 2018"),
        ("fiscal 2013", "fiscal year 2013"),
        ("FY 2013", "fiscal year 2013"),
        ("fiscal year 2013", "fiscal year 2013"),
        ("2022/23", "fiscal year 2022/23"),
        ("2022-23", "fiscal year 2022/23"),
        ("FY2022/23", "fiscal year 2022/23"),
        ("2099/2100", "fiscal year 2099/00"),
        ("2011-12", "2011-12"),  # December 2011, as before: write 2011/12 for the fiscal year
        ("Q1 2024", "2024-01-01 to 2024-03-31"),
        ("2024 Q3", "2024-07-01 to 2024-09-30"),
        ("H2 2023", "2023-07-01 to 2023-12-31"),
        ("q4", "2024-10-01 to 2024-12-31"),
        ("January-November 2024", "2024-01-01 to 2024-11-30"),
        ("Jan to Nov 2024", "2024-01-01 to 2024-11-30"),
    ],
)
def test_periods_of_multi_year_changes(printed: str, label: str) -> None:
    assert parse_period(printed, PUBLISHED).label == label


def test_a_range_keeps_its_two_ends() -> None:
    period = parse_period("2015 to 2019", PUBLISHED)
    assert period.is_range and period.first is not None and period.last is not None
    assert (period.first.label, period.last.label) == ("2015", "2019")
    assert (period.start, period.end) == (date(2015, 1, 1), date(2019, 12, 31))
    assert not parse_period("January-November 2024", PUBLISHED).is_range


def test_a_fiscal_year_is_dated_by_every_month_it_could_cover() -> None:
    """US federal FY2013 began in October 2012, Japan's in April 2013 and ended in March 2014."""
    named = parse_period("FY2013", PUBLISHED)
    assert named.start is not None and named.end is not None
    assert named.start <= date(2012, 10, 1) and named.end >= date(2014, 3, 31)
    split = parse_period("2022/23", PUBLISHED)  # the UK's April to March, Australia's July to June
    assert split.start is not None and split.end is not None
    assert split.start <= date(2022, 4, 1) and split.end >= date(2023, 6, 30)
    assert named.shifted_years(-1).label == "fiscal year 2012"


@pytest.mark.parametrize(
    ("first", "last", "years"),
    [
        ("2015", "2019", Fraction(4)),
        ("FY2013", "FY2018", Fraction(5)),
        ("2020/21", "2023/24", Fraction(3)),
        ("Q1 2020", "Q3 2021", Fraction(3, 2)),
        ("H1 2020", "H1 2023", Fraction(3)),
        ("January-November 2023", "January-November 2024", Fraction(1)),
        ("July 2024", "October 2024", Fraction(1, 4)),
        ("last year", "this year", Fraction(1)),
    ],
)
def test_years_between_two_periods(first: str, last: str, years: Fraction) -> None:
    assert years_between(parse_period(first, PUBLISHED), parse_period(last, PUBLISHED)) == years


@pytest.mark.parametrize(
    ("first", "last", "message"),
    [
        (
            "2015",
            "July 2019",
            "'2015' (12 months) and 'July 2019' (1 month) are not periods of the same length",
        ),
        (
            "FY2015",
            "2019",
            "'FY2015' is a fiscal year and '2019' a calendar period: write both the same way to count"
            " the years between them",
        ),
        (
            "FY2015",
            "2018/19",
            "'FY2015' is a fiscal year and '2018/19' a split fiscal year: write both the same way to"
            " count the years between them",
        ),
        ("2019", "2015", "'2015' does not come after '2019'"),
        (
            "2025-03-10",
            "2025-03-11",
            "'2025-03-10' is not whole months: count years between years, quarters or months",
        ),
    ],
)
def test_periods_that_cannot_be_counted_apart(first: str, last: str, message: str) -> None:
    with pytest.raises(PeriodError) as error:
        years_between(parse_period(first, PUBLISHED), parse_period(last, PUBLISHED))
    assert str(error.value) == message


@pytest.mark.parametrize(
    ("printed", "message"),
    [
        ("2019 to 2015", "the range '2019 to 2015' must run from an earlier period to a later one"),
        ("2015 to 2015", "the range '2015 to 2015' must run from an earlier period to a later one"),
        ("2015 to " + "may " * 30 + "2019", "a period is at most 100 characters"),
        ("Feb-Jan 2024", "cannot read the period 'Feb-Jan 2024'"),
        ("Q5 2024", "cannot read the period 'Q5 2024'"),
        ("H3 2024", "cannot read the period 'H3 2024'"),
        ("2022/24", "cannot read the period '2022/24'"),
    ],
)
def test_unreadable_ranges(printed: str, message: str) -> None:
    with pytest.raises(PeriodError, match=message.replace("(", r"\(").replace(")", r"\)")):
        parse_period(printed, PUBLISHED)
