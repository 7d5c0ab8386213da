"""A currency conversion against the market: did the printed amounts use a rate of the day?

The implied rate (an interval, from the printed amounts) is consistent when some ECB
reference rate in the window falls inside it, widened by the claim file's tolerance if it
declares one. Otherwise it is inconsistent, with the gap to the nearest rate and what the
converted amount would have been at that rate. When the data has no rate for a currency or
date, the verdict is unverifiable and says why.
"""

from __future__ import annotations

from datetime import date
from fractions import Fraction

from claimcheck import rates, units
from claimcheck.amounts import Amount
from claimcheck.display import format_number, format_percent
from claimcheck.intervals import Interval
from claimcheck.results import Comparison, Derived
from claimcheck.verdicts import Verdict

FORMULA = "rate"
"""The implied rate itself is what the market rates are compared with."""


def widened(interval: Interval, tolerance: Fraction) -> Interval:
    """An interval of rates widened on both sides by a relative tolerance of each end.

    Each end moves away by ``tolerance`` times its own size, so that the interval only ever
    grows, whatever the sign of its ends (a negative amount implies a negative rate).
    ``tolerance`` is from 0 to 1 (the loader refuses others); an infinite end stays put.
    """
    if tolerance == 0:
        return interval
    lo, hi = interval.lo, interval.hi
    return Interval(
        lo if isinstance(lo, float) else lo - abs(lo) * tolerance,
        hi if isinstance(hi, float) else hi + abs(hi) * tolerance,
        interval.lo_closed,
        interval.hi_closed,
    )


def check_market_rate(
    implied: Amount,
    amount: Amount,
    converted_unit: units.Unit,
    published: date,
    business_days_before: int,
    tolerance: Fraction,
) -> Derived | None:
    """The implied rate judged against the market rates of the window; None if not currencies."""
    base, quote = units.currency_code(amount.unit), units.currency_code(converted_unit)
    if base is None or quote is None:
        return None
    label = (
        f"{base} per {quote} against the {rates.SOURCE} of {published} and the"
        f" {business_days_before} business days before"
    )
    inputs = (("rate", implied),)
    try:
        window = rates.window(base, quote, published, business_days_before)
    except rates.RatesUnavailableError as error:
        return Derived("market_rate", label, FORMULA, inputs, (), implied, Verdict.UNVERIFIABLE, str(error))
    accepted = widened(implied.interval, tolerance)
    latitude = f" (widened by the tolerance of {format_percent(tolerance)})" if tolerance else ""
    evidence = (
        *(
            f"{rate.day}: {_rate(rate.value, base, quote)}"
            + (" (publication date)" if rate.day == published else "")
            + (" - inside" if accepted.contains(rate.value) else " - outside")
            for rate in window
        ),
        f"source: {rates.SOURCE}, from the {rates.DATA_PACKAGE} package {rates.package_version()}",
    )
    on_the_day = next((rate for rate in window if rate.day == published), None)
    day_note = (
        f"; on the publication date the rate was {_rate(on_the_day.value, base, quote)}"
        if on_the_day is not None
        else f"; {published} has no rate (not an ECB business day)"
    )
    matches = [rate for rate in window if accepted.contains(rate.value)]

    def judged(verdict: Verdict, message: str, rate: rates.Rate) -> Derived:
        point = Amount(Interval.point(rate.value), implied.unit)
        compared = Comparison(f"the ECB rate of {rate.day}", point)
        return Derived(
            "market_rate", label, FORMULA, inputs, (), implied, verdict, message, compared, None, evidence
        )

    if matches:
        best = matches[0]
        message = (
            f"the implied rate{latitude} matches the ECB rate of {best.day},"
            f" {_rate(best.value, base, quote)}" + (day_note if best.day != published else "")
        )
        return judged(Verdict.CONSISTENT, message, best)
    nearest = min(window, key=lambda rate: Interval.point(rate.value).gap_to(accepted))
    gap = Interval.point(nearest.value).gap_to(accepted)
    would_be = ""
    if amount.nominal is not None:
        at_nearest = amount.nominal / nearest.value
        would_be = (
            f"; at that rate {format_number(amount.nominal, amount.unit)} would be"
            f" {format_number(at_nearest, converted_unit)}"
        )
    message = (
        f"no ECB rate in the window fits the implied rate{latitude}: the nearest, {nearest.day}'s"
        f" {_rate(nearest.value, base, quote)}, is off by at least {_plain(gap)}"
        f" ({format_percent(gap / nearest.value)}){would_be}"
    )
    return judged(Verdict.INCONSISTENT, message, nearest)


def _rate(value: Fraction, base: str, quote: str) -> str:
    return f"{_plain(value)} {base} per {quote}"


def _plain(value: Fraction) -> str:
    return format_number(value, units.dimensionless())
