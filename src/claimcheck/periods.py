"""Periods and dates as articles print them, resolved against the publication date.

"last year" in an article of 2025-03-11 is 2024; "October last year" is October 2024;
"July 2024", "2023", "2025-03-10" and "the first quarter of 2024" are absolute. Recurring
periods ("annually", "a year") have no dates of their own.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import MAXYEAR, MINYEAR, date

from claimcheck.limits import MAX_PERIOD_DEPTH

MONTHS = {name.lower(): index for index, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): index for index, name in enumerate(calendar.month_abbr) if name})

_RELATIVE_YEARS = {
    "this year": 0,
    "the year": 0,
    "last year": -1,
    "the previous year": -1,
    "the past year": -1,
    "the year before": -1,
    "a year earlier": -1,
    "next year": 1,
}
_RECURRING = ("annually", "a year", "per year", "each year", "every year", "yearly", "per annum")


class PeriodError(ValueError):
    """A period that cannot be read."""


@dataclass(frozen=True, repr=False, eq=False)
class Period:
    """A stretch of calendar time, or a recurring period such as "annually"."""

    printed: str
    start: date | None
    end: date | None
    label: str

    @property
    def recurring(self) -> bool:
        return self.start is None

    def shifted_years(self, years: int) -> Period:
        """The same stretch ``years`` earlier or later: the prior year of a change.

        Raises :class:`PeriodError` when that leaves the calendar (the year before year 1).
        """
        if self.start is None or self.end is None:
            return self
        if not MINYEAR <= self.start.year + years <= self.end.year + years <= MAXYEAR:
            raise PeriodError(f"{self.printed!r} shifted by {years:+d} year(s) is outside the calendar")
        start = _add_years(self.start, years)
        end = _add_years(self.end, years)
        return Period(f"{self.printed} {years:+d} year(s)", start, end, _label(start, end))


def _add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _month(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def _label(start: date, end: date) -> str:
    if start == end:
        return start.isoformat()
    if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31) and start.year == end.year:
        return str(start.year)
    if start.day == 1 and start.year == end.year and start.month == end.month:
        return f"{start.year}-{start.month:02d}"
    return f"{start.isoformat()} to {end.isoformat()}"


def parse_period(printed: str, published: date) -> Period:
    """Resolve a printed period against the publication date."""
    text = " ".join(printed.lower().replace(",", " ").split())
    text = re.sub(r"^(?:in|during|for|since|on|over)\s+", "", text)
    if text in _RECURRING:
        return Period(printed, None, None, "recurring: " + text)
    start_end = _resolve(text, published, 0)
    if start_end is None:
        shown = printed if len(printed) <= 60 else printed[:57] + "..."
        raise PeriodError(
            f"cannot read the period {shown!r}: write a year ('2024'), a month ('July 2024'),"
            " a date ('2025-03-10'), 'last year', 'October last year' or 'annually'"
        )
    start, end = start_end
    return Period(printed, start, end, _label(start, end))


def _latest_part(text: str, published: date) -> tuple[date, date] | None:
    """ "the second quarter", "the first half" with no year: the latest one that has begun.

    News reports a quarter or a half when it ends, so it is the one of the publication year
    if it has started by the publication date, else the year before's.
    """
    match = re.fullmatch(r"(?:the\s+)?(first|second|third|fourth)\s+(quarter|half)", text)
    if match is None:
        return None
    months = 3 if match[2] == "quarter" else 6
    order = ("first", "second", "third", "fourth").index(match[1])
    if months == 6 and order > 1:
        return None
    first_month = months * order + 1
    year = published.year if (published.month, published.day) >= (first_month, 1) else published.year - 1
    if not MINYEAR <= year <= MAXYEAR:
        return None
    return date(year, first_month, 1), _month(year, first_month + months - 1)[1]


def _resolve(text: str, published: date, depth: int) -> tuple[date, date] | None:
    # A period reads a year inside a month or a quarter, once or twice; deeper nesting
    # ("may may may ... 2024") is never a date and would only recurse.
    if depth > MAX_PERIOD_DEPTH:
        return None
    if text in _RELATIVE_YEARS:
        year = published.year + _RELATIVE_YEARS[text]
        if not MINYEAR <= year <= MAXYEAR:
            return None
        return date(year, 1, 1), date(year, 12, 31)
    if re.fullmatch(r"\d{4}", text):
        year = int(text)
        if year < MINYEAR:
            return None
        return date(year, 1, 1), date(year, 12, 31)
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        try:
            day = date.fromisoformat(text)
        except ValueError:
            return None
        return day, day
    if re.fullmatch(r"\d{4}-\d{2}", text):
        year, month = (int(part) for part in text.split("-"))
        return _month(year, month) if 1 <= month <= 12 else None
    latest = _latest_part(text, published)
    if latest is not None:
        return latest
    match = re.fullmatch(r"(?:the\s+)?(\w+)\s+half\s+(?:of\s+)?(.+)", text)
    if match and match[1] in ("first", "second"):
        half = ("first", "second").index(match[1])
        year_span = _resolve(match[2], published, depth + 1)
        if year_span is None:
            return None
        year = year_span[0].year
        return date(year, 6 * half + 1, 1), _month(year, 6 * half + 6)[1]
    match = re.fullmatch(r"(?:the\s+)?(\w+)\s+(?:quarter|q)\s+(?:of\s+)?(.+)", text)
    if match and match[1] in ("first", "second", "third", "fourth"):
        quarter = ("first", "second", "third", "fourth").index(match[1])
        year_span = _resolve(match[2], published, depth + 1)
        if year_span is None:
            return None
        year = year_span[0].year
        return date(year, 3 * quarter + 1, 1), _month(year, 3 * quarter + 3)[1]
    words = text.split(" ", 1)
    if words[0] in MONTHS and len(words) == 2:
        year_span = _resolve(words[1], published, depth + 1)
        if year_span is None:
            return None
        return _month(year_span[0].year, MONTHS[words[0]])
    match = re.fullmatch(r"(\d{1,2})\s+(\w+)\s+(\d{4})", text)
    if match and match[2] in MONTHS:
        try:
            day = date(int(match[3]), MONTHS[match[2]], int(match[1]))
        except ValueError:
            return None
        return day, day
    return None
