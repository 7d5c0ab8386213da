"""Numbers, intervals and amounts as text, the same for every output format.

Interval ends are rounded outward (the lower end down, the upper end up) so that a
displayed interval always contains the exact one. Large values are shown with the scale
words newspapers use, so "55550000000" reads "55.55 billion".
"""

from __future__ import annotations

import decimal
from fractions import Fraction

from claimcheck import units
from claimcheck.amounts import Amount
from claimcheck.intervals import Endpoint, Interval
from claimcheck.units import Unit

SIGNIFICANT_DIGITS = 6
_SCALES = ((10**12, "trillion"), (10**9, "billion"), (10**6, "million"))


def _decimal(value: Fraction, rounding: str, digits: int = SIGNIFICANT_DIGITS) -> str:
    context = decimal.Context(prec=digits, rounding=rounding)
    number = context.divide(decimal.Decimal(value.numerator), decimal.Decimal(value.denominator))
    text = f"{number:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    integer, _, fraction = text.partition(".")
    sign = "-" if integer.startswith("-") else ""
    grouped = f"{int(integer.lstrip('-') or 0):,}"
    return sign + grouped + (f".{fraction}" if fraction else "")


def scale_for(magnitude: Fraction) -> tuple[int, str]:
    """The scale word that suits a magnitude: (10**9, "billion"), or (1, "")."""
    for factor, word in _SCALES:
        if abs(magnitude) >= factor:
            return factor, word
    return 1, ""


def _unit_suffix(scale_word: str, unit: Unit) -> str:
    words = [word for word in (scale_word, units.format_unit(unit)) if word]
    return (" " + " ".join(words)) if words else ""


def format_number(value: Fraction, unit: Unit) -> str:
    """One value with its unit: "8.969 million visit"."""
    factor, word = scale_for(value)
    return _decimal(value / factor, decimal.ROUND_HALF_EVEN) + _unit_suffix(word, unit)


def format_percent(ratio: Fraction) -> str:
    """A plain ratio as a percentage: 0.0123 -> "1.23%"."""
    return _decimal(ratio * 100, decimal.ROUND_HALF_EVEN, 3) + "%"


def _end(value: Endpoint, factor: int, rounding: str) -> str:
    if isinstance(value, float):
        return "-inf" if value < 0 else "+inf"
    return _decimal(value / factor, rounding)


def format_interval(interval: Interval, factor: int = 1) -> str:
    """An interval in interval notation, ends rounded outward: "[55.55, 55.65)"."""
    if interval.is_point and not isinstance(interval.lo, float):
        return _decimal(interval.lo / factor, decimal.ROUND_HALF_EVEN)
    left = "[" if interval.lo_closed else "("
    right = "]" if interval.hi_closed else ")"
    lo = _end(interval.lo, factor, decimal.ROUND_FLOOR)
    hi = _end(interval.hi, factor, decimal.ROUND_CEILING)
    return f"{left}{lo}, {hi}{right}"


def interval_scale(interval: Interval) -> tuple[int, str]:
    """The scale word that suits an interval, judged by its largest finite end."""
    ends = [abs(end) for end in (interval.lo, interval.hi) if not isinstance(end, float)]
    return scale_for(Fraction(max(ends))) if ends else (1, "")


def format_amount(amount: Amount) -> str:
    """An amount as interval, scale and unit: "[55.55, 55.65) billion CNY"."""
    factor, word = interval_scale(amount.interval)
    return format_interval(amount.interval, factor) + _unit_suffix(word, amount.unit)


def exact_text(value: Endpoint) -> str | None:
    """An interval end as an exact string for machine output: a decimal, or "a/b", or None."""
    if isinstance(value, float):
        return None
    denominator = value.denominator
    while denominator % 2 == 0:
        denominator //= 2
    while denominator % 5 == 0:
        denominator //= 5
    if denominator == 1:
        return _decimal(value, decimal.ROUND_HALF_EVEN, 60).replace(",", "")
    return f"{value.numerator}/{value.denominator}"
