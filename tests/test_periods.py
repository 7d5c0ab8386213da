"""Periods resolved against the publication date."""

from __future__ import annotations

from datetime import date

import pytest

from claimcheck.periods import PeriodError, parse_period

PUBLISHED = date(2025, 3, 11)


@pytest.mark.parametrize(
    ("printed", "label"),
    [
        ("last year", "2024"),
        ("the previous year", "2024"),
        ("this year", "2025"),
        ("2023", "2023"),
        ("in 2023", "2023"),
        ("July 2024", "2024-07"),
        ("October last year", "2024-10"),
        ("2025-03-10", "2025-03-10"),
        ("10 March 2025", "2025-03-10"),
        ("the first quarter of 2024", "2024-01-01 to 2024-03-31"),
        ("annually", "recurring: annually"),
    ],
)
def test_periods(printed: str, label: str) -> None:
    assert parse_period(printed, PUBLISHED).label == label


def test_shifting_a_year_back() -> None:
    assert parse_period("last year", PUBLISHED).shifted_years(-1).label == "2023"


@pytest.mark.parametrize("printed", ["someday", "Smarch 2024", "2024-13", "2025-02-30"])
def test_unreadable_periods(printed: str) -> None:
    with pytest.raises(PeriodError):
        parse_period(printed, PUBLISHED)


@pytest.mark.parametrize(
    ("printed", "published", "label"),
    [
        ("the second quarter", date(2024, 7, 25), "2024-04-01 to 2024-06-30"),
        ("the fourth quarter", date(2024, 7, 25), "2023-10-01 to 2023-12-31"),
        ("the first half", date(2024, 7, 25), "2024-01-01 to 2024-06-30"),
        ("the first half of 2023", date(2024, 7, 25), "2023-01-01 to 2023-06-30"),
        ("the second half", date(2024, 3, 1), "2023-07-01 to 2023-12-31"),
    ],
)
def test_quarters_and_halves_without_a_year_are_the_latest_begun(
    printed: str, published: date, label: str
) -> None:
    assert parse_period(printed, published).label == label
