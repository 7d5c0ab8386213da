"""Periods and dates as articles print them, resolved against the publication date.

"last year" in an article of 2025-03-11 is 2024; "October last year" is October 2024;
"July 2024", "2023", "2025-03-10" and "the first quarter of 2024" are absolute. Recurring
periods ("annually", "a year") have no dates of their own.

Also: quarters and halves ("Q1 2024", "H2 2023"), stretches of months within a year
("January-November 2024"), fiscal years ("fiscal 2013", "FY2013", "2022/23", "2022-23") and
ranges from one period to another ("2015 to 2019", "2015-2019", "between Q1 2020 and Q1 2024"),
whose ends a multi-year change is measured between (:func:`years_between`).

A fiscal year's months depend on who keeps it (October to September for the US government,
April to March in the UK, India and Japan, July to June in Australia), and a fiscal year named
by one year may be named by the year it starts or ends in. A fiscal year is therefore dated by
every month it could cover (so that an event's date is never judged on a guess), and fiscal
years are counted apart in whole years, only against fiscal years written the same way.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import MAXYEAR, MINYEAR, date

from claimcheck.exact import Exact
from claimcheck.limits import MAX_PERIOD_DEPTH, MAX_PERIOD_LENGTH

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
    reckoning: str = "calendar period"
    """How the period is reckoned: "calendar period", "fiscal year" ('FY2013') or "split fiscal
    year" ('2022/23'); periods are counted apart only within one reckoning."""
    fiscal_year: int | None = None
    """For a fiscal year, the year it is counted as: the named year, or the second of a split year."""
    first: Period | None = None
    """For a range ("2015 to 2019"), the period it runs from."""
    last: Period | None = None
    """For a range, the period it runs to."""

    @property
    def recurring(self) -> bool:
        return self.start is None

    @property
    def is_range(self) -> bool:
        """Whether the period runs from one period to another: "2015 to 2019"."""
        return self.first is not None and self.last is not None

    def months(self) -> tuple[int, int] | None:
        """(first month, length in months) on a scale of months, or None when not whole months.

        The first month is counted from year 0 (year * 12 + month - 1); a fiscal year counts as
        the twelve months from its counting year's start, the same for every fiscal year.
        """
        if self.fiscal_year is not None:
            return self.fiscal_year * 12, 12
        if self.start is None or self.end is None or self.start.day != 1:
            return None
        if self.end.day != calendar.monthrange(self.end.year, self.end.month)[1]:
            return None
        first = self.start.year * 12 + self.start.month - 1
        return first, self.end.year * 12 + self.end.month - first

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
        printed = f"{self.printed} {years:+d} year(s)"
        shifted: Period | None = Period(printed, start, end, _label(start, end))
        if self.fiscal_year is not None:
            shifted = _fiscal_period(printed, self.fiscal_year + years, self.reckoning)
        elif self.first is not None and self.last is not None:
            shifted = _range(printed, self.first.shifted_years(years), self.last.shifted_years(years))
        if shifted is None:
            raise PeriodError(f"{self.printed!r} shifted by {years:+d} year(s) is outside the calendar")
        return shifted


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
    text = " ".join(printed.lower().replace(",", " ").replace("\u2013", "-").replace("\u2014", "-").split())
    text = re.sub(r"^(?:in|during|for|since|on|over|from)\s+", "", text)
    if text in _RECURRING:
        return Period(printed, None, None, "recurring: " + text)
    shown = printed if len(printed) <= 60 else printed[:57] + "..."
    if len(text) > MAX_PERIOD_LENGTH:
        raise PeriodError(
            f"cannot read the period {shown!r}: a period is at most {MAX_PERIOD_LENGTH} characters"
        )
    period = _single(printed, text, published) or _span(printed, text, published)
    if period is None:
        raise PeriodError(
            f"cannot read the period {shown!r}: write a year ('2024'), a month ('July 2024'),"
            " a date ('2025-03-10'), a quarter ('Q1 2024'), a fiscal year ('FY2013', '2022/23'),"
            " 'last year', 'October last year', 'annually', or a range ('2015 to 2019')"
        )
    return period


def _single(printed: str, text: str, published: date) -> Period | None:
    """One period, not a range: a fiscal year, or any calendar period :func:`_resolve` reads."""
    fiscal = _fiscal(printed, text)
    if fiscal is not None:
        return fiscal
    start_end = _resolve(text, published, 0)
    if start_end is None:
        return None
    start, end = start_end
    return Period(printed, start, end, _label(start, end))


_FISCAL_NAMED = re.compile(r"(?:the\s+)?(?:fiscal(?:\s+year)?\s*|fy\s*)(\d{4})(?:\s+fiscal\s+year)?")
_FISCAL_SPLIT = re.compile(r"(?:(?:the\s+)?(?:fiscal(?:\s+year)?|fy)\s*)?(\d{4})\s*([/-])\s*(\d{2}|\d{4})")


def _fiscal(printed: str, text: str) -> Period | None:
    """ "fiscal 2013", "FY2013", "fiscal year 2013"; "2022/23", "FY2022-23", "2022/2023".

    "2022-23" is a split fiscal year only because 23 is no month; "2011-12" is December 2011
    (write "2011/12" for the fiscal year).
    """
    match = _FISCAL_NAMED.fullmatch(text)
    if match is not None:
        return _fiscal_period(printed, int(match[1]), "fiscal year")
    match = _FISCAL_SPLIT.fullmatch(text)
    if match is None:
        return None
    year, separator, second = int(match[1]), match[2], match[3]
    following = int(second) if len(second) == 4 else (year + 1) // 100 * 100 + int(second)
    if following != year + 1:
        return None
    named = text[:1].isalpha()
    if separator == "-" and len(second) == 2 and 1 <= int(second) <= 12 and not named:
        return None  # "2011-12" is a month
    if separator == "-" and len(second) == 4 and not named:
        return None  # "2022-2023" is a range of two calendar years
    return _fiscal_period(printed, year + 1, "split fiscal year")


def _fiscal_period(printed: str, year: int, kind: str) -> Period | None:
    """A fiscal year dated by every month it could cover (see the module's notes)."""
    if not MINYEAR + 1 < year < MAXYEAR - 1:
        return None
    if kind == "fiscal year":  # from February of the year before to March of the year after
        start, end = date(year - 1, 2, 1), date(year + 1, 3, 31)
        label = f"fiscal year {year}"
    else:  # starting in the first year, in February at the earliest, ending by November
        start, end = date(year - 1, 2, 1), date(year, 11, 30)
        label = f"fiscal year {year - 1}/{year % 100:02d}"
    return Period(printed, start, end, label, kind, year)


_RANGE_WORDS = re.compile(r"\s+(?:to|through|until|and)\s+|\s*-\s*")


def _span(printed: str, text: str, published: date) -> Period | None:
    """A stretch of months within one year ("January-November 2024"), or a range of two
    periods ("2015 to 2019", "between 2015 and 2019", "2015-19", "Q1 2020 to Q3 2021")."""
    stretch = _stretch(printed, text, published)
    if stretch is not None:
        return stretch
    between = text.startswith("between ")
    if between:
        text = text[len("between ") :]
    for split in _RANGE_WORDS.finditer(text):
        if (split.group().strip() == "and") != between:
            continue
        left, right = text[: split.start()], text[split.end() :]
        if re.fullmatch(r"\d{4}", left) and re.fullmatch(r"\d{2}", right):
            # "2015-19": the second year written with two digits ("2022-23" is a fiscal year)
            right = str(int(left) // 100 * 100 + int(right))
        last = _single(right, right, published) or _stretch(right, right, published)
        first = _single(left, left, published) or _stretch(left, left, published)
        if first is None or last is None:
            continue
        found = _range(printed, first, last)
        if found is None:
            raise PeriodError(f"the range {printed!r} must run from an earlier period to a later one")
        return found
    return None


def _stretch(printed: str, text: str, published: date) -> Period | None:
    """ "January-November 2024", "Jan to Nov 2024": the months from one to the other of a year."""
    match = re.fullmatch(r"([a-z]+)\s*(?:-|\s+to\s+|\s+through\s+)\s*([a-z]+\s+.+)", text)
    if match is None or match[1] not in MONTHS:
        return None
    last = _resolve(match[2], published, 1)
    if last is None or last[0].day != 1 or last[0].month != last[1].month:
        return None
    start = date(last[0].year, MONTHS[match[1]], 1)
    if not start < last[0]:
        return None
    return Period(printed, start, last[1], _label(start, last[1]))


def _range(printed: str, first: Period, last: Period) -> Period | None:
    """The range from ``first`` to ``last``: it starts with the one and ends with the other."""
    if first.start is None or first.end is None or last.start is None or last.end is None:
        return None
    if first.is_range or last.is_range or not first.start < last.start:
        return None
    label = f"{short_label(first)} to {short_label(last)}"
    return Period(printed, first.start, max(first.end, last.end), label, first=first, last=last)


def short_label(period: Period) -> str:
    """A range's end in few words: "2015", "Q1 2020", "H2 2023", "Jan-Nov 2024", "fiscal year 2013"."""
    months = period.months()
    if period.fiscal_year is not None or months is None or period.start is None:
        return period.label
    first, length = months
    year, month = divmod(first, 12)
    if length == 12 and month == 0:
        return str(year)
    if length == 3 and month % 3 == 0:
        return f"Q{month // 3 + 1} {year}"
    if length == 6 and month % 6 == 0:
        return f"H{month // 6 + 1} {year}"
    names = calendar.month_abbr
    if length == 1:
        return f"{names[month + 1]} {year}"
    last_year, last_month = divmod(first + length - 1, 12)
    if last_year == year:
        return f"{names[month + 1]}-{names[last_month + 1]} {year}"
    return period.label


def years_between(first: Period, last: Period) -> Exact:
    """The years from ``first`` to ``last``: from the start of the one to the start of the other.

    2015 to 2019 is 4 years; the first quarter of 2020 to the third quarter of 2021 is 1.5;
    January-November 2023 to January-November 2024 is 1; fiscal 2013 to fiscal 2018 is 5. Both
    must be whole months of the same length, in the same calendar, and ``last`` must come later.
    """
    first_months, last_months = first.months(), last.months()
    if first_months is None or last_months is None:
        day = first if first_months is None else last
        raise PeriodError(
            f"{day.printed!r} is not whole months: count years between years, quarters or months"
        )
    if first.reckoning != last.reckoning:
        raise PeriodError(
            f"{first.printed!r} is a {first.reckoning} and {last.printed!r} a {last.reckoning}:"
            " write both the same way to count the years between them"
        )
    if first_months[1] != last_months[1]:
        raise PeriodError(
            f"{first.printed!r} ({_months_words(first_months[1])}) and {last.printed!r}"
            f" ({_months_words(last_months[1])}) are not periods of the same length"
        )
    if last_months[0] <= first_months[0]:
        raise PeriodError(f"{last.printed!r} does not come after {first.printed!r}")
    return Exact(last_months[0] - first_months[0], 12)


def _months_words(count: int) -> str:
    return "1 month" if count == 1 else f"{count} months"


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


_SHORT_PART = re.compile(r"^(?:(\d{4})\s*([qh])([1-4])|([qh])([1-4])(?:\s+(?:of\s+)?(.+))?)$")
_ORDINALS = ("first", "second", "third", "fourth")


def _spelled_part(match: re.Match[str]) -> str:
    """ "Q1 2024", "2024 Q1", "H2" -> "the first quarter of 2024", "the second half"."""
    year, letter, number = (match[1], match[2], match[3]) if match[1] else (match[6], match[4], match[5])
    part = "quarter" if letter == "q" else "half" if int(number) <= 2 else "invalid"
    spelled = f"the {_ORDINALS[int(number) - 1]} {part}"
    return f"{spelled} of {year}" if year else spelled


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
    text = _SHORT_PART.sub(_spelled_part, text)
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
