"""A currency conversion against the market: did the printed amounts use a rate of the day?

The implied rate (an interval, from the printed amounts) is consistent when some ECB
reference rate in the window falls inside it, widened by the tolerance (1 percent unless the
claim file or project sets another). Otherwise it is inconsistent, with the distance to the
nearest rate and what the converted amount would have been at that rate. When the data has no
rate for a currency or date, the verdict is unverifiable and says why.
"""

from __future__ import annotations

import functools
from datetime import date

from claimcheck import rates, rules, units
from claimcheck.amounts import Amount
from claimcheck.display import format_derived, format_number, format_percent, format_span
from claimcheck.exact import Exact
from claimcheck.identity import IdentityMemo, ValueMemo
from claimcheck.intervals import Interval
from claimcheck.results import Comparison, Derived
from claimcheck.valueclass import value_class
from claimcheck.verdicts import (
    CONSISTENT,
    INCONSISTENT,
    TOO_ROUGH_LOOSE_WIDTH,
    TOO_ROUGH_WIDTH,
    UNVERIFIABLE,
    Verdict,
    only_verdicts_wanted,
    too_rough,
)

FORMULA = "rate"
"""The implied rate itself is what the market rates are compared with."""


def widened(interval: Interval, tolerance: Exact) -> Interval:
    """An interval of rates widened on both sides by a relative tolerance of each end.

    Each end moves away by ``tolerance`` times its own size, so that the interval only ever
    grows, whatever the sign of its ends (a negative amount implies a negative rate).
    ``tolerance`` is from 0 to 1 (the loader refuses others); an infinite end stays put.
    """
    if tolerance == 0:
        return interval
    lo, hi = interval.lo, interval.hi
    # lo - |lo| * tolerance and hi + |hi| * tolerance, in one product each.
    shrink, grow = 1 - tolerance, 1 + tolerance
    return Interval(
        lo if isinstance(lo, float) else lo * (shrink if lo >= 0 else grow),
        hi if isinstance(hi, float) else hi * (grow if hi >= 0 else shrink),
        interval.lo_closed,
        interval.hi_closed,
    )


DEFAULT_TOLERANCE = Exact(1, 100)
"""How far an implied rate may lie from every ECB rate of the window and still be taken as a
market rate: 1 percent. Newsrooms convert at their own sources' rates (a central bank's
parity, a wire service, the day before's fix); ``python benchmarks/rate_tolerance.py``
measures two ECB fixes a business day apart, a stand-in for two sources, at 0.97 percent or
less on 95 days in 100 across six major pairs since 2015. Claim files and projects may set
their own ``rate_tolerance``."""


def check_market_rate(
    implied: Amount,
    amount: Amount,
    converted_unit: units.Unit,
    published: date,
    business_days_before: int,
    tolerance: Exact,
) -> Derived | None:
    """The implied rate judged against the market rates of the window; None if not currencies.

    The same ladder as every comparison (see :func:`claimcheck.verdicts.judge`): the strict
    readings of the printed amounts first, the loose ones only with a warning, and a pair too
    rough to test any rate is unverifiable.
    """
    base, quote = units.currency_code(amount.unit), units.currency_code(converted_unit)
    if base is None or quote is None:
        return None
    inputs = (("rate", implied),)
    try:
        window = rates.window(base, quote, published, business_days_before)
    except rates.RatesUnavailableError as error:
        label = _label(base, quote, published, business_days_before)
        return Derived("market_rate", label, FORMULA, inputs, (), implied, UNVERIFIABLE, str(error))
    texts = _window_texts(window, base, quote, published, business_days_before)
    strict = widened(implied.strict_interval, tolerance)
    loose = widened(implied.interval, tolerance)
    matches = [rate for rate in window if strict.contains(rate.value)]
    loose_matches = [rate for rate in window if loose.contains(rate.value)]
    if only_verdicts_wanted():  # a likely-cause search keeps only the verdict: no text is written
        return _bare(texts.label, implied, window, matches, loose_matches)
    # Each rate's distance once: the nearest rate is named whatever the verdict.
    distances = {rate: _distance(rate, implied.strict_interval) for rate in window}
    nearest = min(window, key=distances.__getitem__)
    off = distances[nearest]
    tested = implied.strict_interval if matches else implied.interval
    rough = _rough(implied, nearest, matches) if loose_matches else None
    inside, outside, tolerance_line = _tolerance_texts(tolerance)
    evidence = (
        *[texts.inside[rate] if rate in matches else texts.outside[rate] for rate in window],
        _source_line(),
        tolerance_line,
    )
    implied_words = f"the implied rate {format_derived(implied)}"
    rate_texts, days = texts.values, texts.days

    def judged(verdict: Verdict, message: str, rate: rates.Rate, code: str | None = None) -> Derived:
        point = _rate_amount(rate, implied.unit)
        compared = Comparison(f"the ECB rate of {days[rate]}", point)
        return Derived(
            "market_rate",
            texts.label,
            FORMULA,
            inputs,
            (),
            implied,
            verdict,
            message,
            compared,
            None,
            evidence,
            code=code,
        )

    if rough is not None:
        return judged(
            UNVERIFIABLE,
            f"too rough to test: the printed amounts allow any rate from"
            f" {format_span(tested, implied.unit)}, a span of {format_percent(rough)} of the ECB"
            f" rate of {days[nearest]}, {rate_texts[nearest]}, so no market rate could fail",
            nearest,
            rules.TOO_ROUGH,
        )
    if matches:
        best = min(matches, key=distances.__getitem__)
        gap = distances[best]
        where = (
            f"matches the ECB rate of {days[best]}, {rate_texts[best]}"
            if gap == 0
            else f"lies {format_percent(gap)} from the ECB rate of {days[best]}, {rate_texts[best]}{inside}"
        )
        return judged(
            CONSISTENT,
            f"{implied_words} {where}" + (texts.day_note if best.day != published else ""),
            best,
        )
    would_be = ""
    if amount.nominal is not None:
        at_nearest = amount.nominal / nearest.value
        would_be = (
            f"; at that rate {format_number(amount.nominal, amount.unit)} would be"
            f" {format_number(at_nearest, converted_unit)}"
        )
    if loose_matches:
        return judged(
            CONSISTENT,
            f"{implied_words} fits an ECB rate only if {' and '.join(implied.loose)}: read to their"
            f" last printed digits, the nearest, {days[nearest]}'s {rate_texts[nearest]},"
            f" lies {format_percent(off)} away{outside}{would_be}",
            nearest,
            rules.LOOSE_FIT,
        )
    return judged(
        INCONSISTENT,
        f"no ECB rate in the window fits {implied_words}: the nearest, {days[nearest]}'s"
        f" {rate_texts[nearest]}, lies {format_percent(off)} away{outside}{would_be}",
        nearest,
    )


def _label(base: str, quote: str, published: date, business_days_before: int) -> str:
    return (
        f"{base} per {quote} against the {rates.SOURCE} of {published} and the"
        f" {business_days_before} business days before"
    )


@value_class(repr=False, eq=False)
class _WindowTexts:
    """What the reports of a window's conversions say of it, whatever the amounts: written once
    for each window, which every conversion of the same pair and date shares."""

    label: str
    days: dict[rates.Rate, str]
    """Each rate's day, as text."""
    values: dict[rates.Rate, str]
    """Each rate, as text: "7.2585 CNY per USD"."""
    inside: dict[rates.Rate, str]
    """Each rate's line of evidence when the implied rates meet it."""
    outside: dict[rates.Rate, str]
    """The same, when they do not."""
    day_note: str
    """The publication date's own rate, or that it has none, for a fit of another day's rate."""


def _window_texts(
    window: tuple[rates.Rate, ...], base: str, quote: str, published: date, business_days_before: int
) -> _WindowTexts:
    key = (id(window), base, quote, published, business_days_before)
    hit = _WINDOW_TEXTS.get(key)
    if hit is not None:
        return hit
    days = {rate: str(rate.day) for rate in window}
    rate_texts = {rate: _rate(rate.value, base, quote) for rate in window}
    lines = {
        rate: f"{days[rate]}: {rate_texts[rate]}" + (" (publication date)" if rate.day == published else "")
        for rate in window
    }
    on_the_day = next((rate for rate in window if rate.day == published), None)
    day_note = (
        f"; on {published} the rate was {rate_texts[on_the_day]}"
        if on_the_day is not None
        else f"; {published} has no rate (not an ECB business day)"
    )
    texts = _WindowTexts(
        _label(base, quote, published, business_days_before),
        days,
        rate_texts,
        {rate: line + " - inside" for rate, line in lines.items()},
        {rate: line + " - outside" for rate, line in lines.items()},
        day_note,
    )
    return _WINDOW_TEXTS.remember(window, texts, key)


_WINDOW_TEXTS: IdentityMemo[_WindowTexts] = IdentityMemo(64)


def _tolerance_texts(tolerance: Exact) -> tuple[str, str, str]:
    """A tolerance as the reports say it: inside it; outside it (or that there is none); and its
    line of evidence. Remembered by its terms: most files take the default."""
    key = (tolerance.numerator, tolerance.denominator)
    hit = _TOLERANCE_TEXTS.get(key)
    if hit is not None:
        return hit
    percent = format_percent(tolerance)
    tolerance_words = f"the tolerance of {percent}"
    texts = (
        f", inside {tolerance_words}",
        f", outside {tolerance_words}" if tolerance else " (no tolerance is set)",
        f"tolerance: {percent} of the implied rate on each side",
    )
    return _TOLERANCE_TEXTS.remember(key, texts)


_TOLERANCE_TEXTS: ValueMemo[tuple[object, object], tuple[str, str, str]] = ValueMemo(64)


def _rate_amount(rate: rates.Rate, unit: units.Unit) -> Amount:
    """A market rate as an amount in ``unit``: one per rate and unit, which reports then find
    by its identity (the rates of a window are shared by every conversion of its pair and date)."""
    key = (id(rate), id(unit))
    found = _RATE_AMOUNTS.get(key)
    if found is None:
        found = _RATE_AMOUNTS.remember((rate, unit), Amount(Interval.point(rate.value), unit), key)
    return found


_RATE_AMOUNTS: IdentityMemo[Amount] = IdentityMemo(256)


def _rough(implied: Amount, nearest: rates.Rate, matches: list[rates.Rate]) -> Exact | None:
    """How wide the implied rates are against the nearest ECB rate, when too wide to test: the
    strict readings when they fit, else the loose ones against half the limit."""
    tested = implied.strict_interval if matches else implied.interval
    reference = Amount(Interval.point(nearest.value), implied.unit, nearest.value)
    return too_rough(tested, reference, TOO_ROUGH_WIDTH if matches else TOO_ROUGH_LOOSE_WIDTH)


def _bare(
    label: str,
    implied: Amount,
    window: tuple[rates.Rate, ...],
    matches: list[rates.Rate],
    loose: list[rates.Rate],
) -> Derived:
    """The verdict alone, for :func:`claimcheck.verdicts.verdicts_only`: the nearest rate is
    sought only when a rate fits loosely, where it decides whether the fit is too rough."""
    verdict, code, nearest = INCONSISTENT, None, window[0]
    if loose:
        nearest = min(window, key=lambda rate: _distance(rate, implied.strict_interval))
        if _rough(implied, nearest, matches) is not None:
            verdict, code = UNVERIFIABLE, rules.TOO_ROUGH
        else:
            verdict, code = CONSISTENT, None if matches else rules.LOOSE_FIT
    compared = Comparison("", Amount(Interval.point(nearest.value), implied.unit))
    return Derived(
        "market_rate", label, FORMULA, (("rate", implied),), (), implied, verdict, "", compared, code=code
    )


@functools.cache
def _source_line() -> str:
    return f"source: {rates.SOURCE}, from the {rates.DATA_PACKAGE} package {rates.package_version()}"


def _distance(rate: rates.Rate, interval: Interval) -> Exact:
    """How far a rate lies from the implied rates, relative to the rate."""
    value, lo, hi = rate.value, interval.lo, interval.hi
    if type(lo) is Exact and type(hi) is Exact:  # finite: what Interval.gap_to gives
        if value < lo or (value == lo and not interval.lo_closed):
            return (lo - value) / value
        if value > hi or (value == hi and not interval.hi_closed):
            return (value - hi) / value
        return _ZERO
    return Interval.point(value).gap_to(interval) / value


_ZERO = Exact(0)


def _rate(value: Exact, base: str, quote: str) -> str:
    return f"{_plain(value)} {base} per {quote}"


def _plain(value: Exact) -> str:
    return format_number(value, units.dimensionless())
