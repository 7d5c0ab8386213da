"""Reading a printed figure ("more than 10 million visitors", "$7.66 billion") as an interval.

This is where "55.6 billion yuan" becomes [55.55, 55.65) billion CNY. The rules:

- A decimal figure stands for the values that round to it: "55.6" is [55.55, 55.65).
- An integer with a scale word is precise to one unit of that scale: "65 million" is
  [64.5, 65.5) million.
- A bare integer is precise to its last non-zero digit, because trailing zeros in news
  copy are usually rounding: "1,200" is [1150, 1250), "215" is [214.5, 215.5). A claim
  overrides this with ``precision`` or declares an exact count with ``exact``.
- A number spelled out ("nine") is exact.
- A hedge word at the start ("nearly", "more than") changes the interval as the table in
  :mod:`claimcheck.hedges` says.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from fractions import Fraction

from claimcheck.amounts import Amount
from claimcheck.hedges import Hedge, HedgeKind, match_hedge
from claimcheck.intervals import INF, Interval
from claimcheck.units import CURRENCY_SYMBOLS, Unit, dimensionless, parse_unit, unit_for_noun

SCALES: dict[str, tuple[str, int]] = {
    "thousand": ("thousand", 10**3),
    "k": ("thousand", 10**3),
    "million": ("million", 10**6),
    "mn": ("million", 10**6),
    "m": ("million", 10**6),
    "billion": ("billion", 10**9),
    "bn": ("billion", 10**9),
    "b": ("billion", 10**9),
    "trillion": ("trillion", 10**12),
    "tn": ("trillion", 10**12),
}
"""Scale words and abbreviations, with the word shown back to the reader and the factor."""

NUMBER_WORDS: dict[str, int] = {
    word: value
    for value, word in enumerate(
        (
            "zero one two three four five six seven eight nine ten eleven twelve thirteen"
            " fourteen fifteen sixteen seventeen eighteen nineteen twenty"
        ).split()
    )
}

_CURRENCY_CODES = ("RMB", "CNY", "USD", "EUR", "GBP", "HKD", "JPY", "TWD")
_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|" + "|".join(
    sorted(NUMBER_WORDS, key=len, reverse=True)
)
_SYMBOL = "|".join(re.escape(symbol) for symbol in CURRENCY_SYMBOLS)
_SCALE = "|".join(sorted(SCALES, key=len, reverse=True))
_PERCENT = r"%|percent(?:age)?\s+points?|per\s*cent|percent|pp|ppts?"

_FIGURE = re.compile(
    rf"""
    (?P<sign>[-+\u2212])?
    (?:(?P<symbol>{_SYMBOL})|(?P<code>{"|".join(_CURRENCY_CODES)})\s+)?
    (?P<number>{_NUMBER})
    (?:\s*(?:to|-|\u2013)\s*(?P<number2>{_NUMBER}))?
    (?:\s*(?P<scale>{_SCALE})\b)?
    (?:\s*(?P<percent>{_PERCENT})(?![a-z]))?
    \s*(?P<noun>.*)
    """,
    re.VERBOSE | re.IGNORECASE,
)

MAX_FIGURE_LENGTH = 200
BOUND_KINDS = (HedgeKind.ABOVE, HedgeKind.AT_LEAST, HedgeKind.BELOW, HedgeKind.AT_MOST)


class FigureError(ValueError):
    """A printed figure that cannot be read."""


@dataclass(frozen=True)
class FigureOptions:
    """How a claim file overrides the default reading of one figure.

    The ``doc`` metadata is what the JSON Schema shows for the long form of a figure.
    """

    exact: bool = field(
        default=False, metadata={"doc": "The figure is an exact count: no rounding latitude."}
    )
    precision: str | None = field(
        default=None,
        metadata={"doc": "Place of the last printed digit in the figure's scale: '1', '10', '0.1'."},
    )
    margin: str | None = field(
        default=None, metadata={"doc": "Margin of 'about' or 'nearly', as '5 percent'."}
    )
    upper: str | None = field(
        default=None, metadata={"doc": "Upper limit of an open-ended figure ('more than ...')."}
    )
    lower: str | None = field(
        default=None, metadata={"doc": "Lower limit of a figure bounded above ('less than ...')."}
    )
    unit: str | None = field(
        default=None, metadata={"doc": "The unit, when the printed noun does not name it."}
    )


@dataclass(frozen=True, repr=False, eq=False)
class Reading:
    """A printed figure and everything claimcheck read from it."""

    printed: str
    interval: Interval
    unit: Unit
    nominal: Fraction | None
    """The figure's own value, when it is a value and not a bound ("more than X")."""
    scale_word: str
    scale: int
    hedge: Hedge | None
    hedge_phrase: str
    noun: str
    steps: tuple[str, ...] = field(default=())
    """How the figure was read, in words, for ``explain``."""

    @property
    def amount(self) -> Amount:
        """The amount the printed figure stands for."""
        return Amount(self.interval, self.unit, self.nominal)


def _parse_number(text: str) -> tuple[Fraction, Fraction, bool]:
    """The value of a printed number, the place of its last digit, and whether it is a word."""
    word = NUMBER_WORDS.get(text.lower())
    if word is not None:
        return Fraction(word), Fraction(0), True
    digits = text.replace(",", "")
    if "." in digits:
        decimals = len(digits.split(".")[1])
        return Fraction(digits), Fraction(1, 10**decimals), False
    value = Fraction(int(digits))
    stripped = digits.rstrip("0")
    trailing = len(digits) - len(stripped) if stripped else 0
    return value, Fraction(10**trailing), False


@functools.lru_cache(maxsize=8192)
def read_figure(printed: str, options: FigureOptions | None = None) -> Reading:
    """Read one printed figure; raises :class:`FigureError` with the reason when it cannot.

    Readings are immutable, so repeated figures ("16.2 percent") are read once.
    """
    options = options or FigureOptions()
    text = " ".join(printed.split())
    if not text:
        raise FigureError("the figure is empty")
    if len(text) > MAX_FIGURE_LENGTH:
        raise FigureError(f"the figure is longer than {MAX_FIGURE_LENGTH} characters")
    steps: list[str] = []

    hedge_match = match_hedge(text)
    hedge, hedge_phrase, rest = (None, "", text) if hedge_match is None else hedge_match
    match = _FIGURE.fullmatch(rest)
    if match is None:
        raise FigureError(f"no number found in {printed!r}")

    value, place, spelled = _parse_number(match["number"])
    scale_word, scale = "", 1
    if match["scale"]:
        scale_word, scale = SCALES[match["scale"].lower()]
        steps.append(f"scale word {match['scale']!r}: times {scale:,}")
        if not spelled and "." not in match["number"]:
            place = Fraction(1)  # "65 million": the 65 is given to the unit
    sign = -1 if match["sign"] in ("-", "\u2212") else 1

    unit, noun = _read_unit(match, options)
    steps.append(_unit_step(unit, noun))

    half, rounding_step = _half_width(place, spelled, options)
    bound = hedge is not None and hedge.kind in BOUND_KINDS
    if not bound:  # a bound's own figure is taken as printed: "more than 10 million" is > 10,000,000
        steps.append(rounding_step)
    low = sign * value * scale
    high = low
    if match["number2"]:
        value2, place2, spelled2 = _parse_number(match["number2"])
        if match["scale"] and not spelled2 and "." not in match["number2"]:
            place2 = Fraction(1)
        high = sign * value2 * scale
        half2, _ = _half_width(place2, spelled2, options)
        low, high = min(low, high), max(low, high)
        interval = Interval(low - half * scale, high + half2 * scale, True, half2 == 0)
        steps.append(f"a range from {match['number']} to {match['number2']}")
        nominal: Fraction | None = (low + high) / 2
    else:
        interval = _rounding_interval(low, half * scale)
        nominal = low
    if hedge is not None:
        interval, nominal = _apply_hedge(hedge, hedge_phrase, low, interval, options, unit, steps)
    return Reading(
        printed=printed,
        interval=interval,
        unit=unit,
        nominal=nominal,
        scale_word=scale_word,
        scale=scale,
        hedge=hedge,
        hedge_phrase=hedge_phrase,
        noun=noun,
        steps=tuple(steps),
    )


def _rounding_interval(value: Fraction, half: Fraction) -> Interval:
    if half == 0:
        return Interval.point(value)
    return Interval(value - half, value + half, True, False)


def _half_width(place: Fraction, spelled: bool, options: FigureOptions) -> tuple[Fraction, str]:
    """Half the rounding interval's width, and the rule that gave it in words."""
    if options.exact:
        return Fraction(0), "declared exact in the claim file"
    if options.precision is not None:
        try:
            place = Fraction(options.precision.replace(",", ""))
        except ValueError as error:
            raise FigureError(f"precision {options.precision!r} is not a number") from error
        if place <= 0:
            raise FigureError(f"precision {options.precision!r} must be positive")
        return place / 2, f"precision {options.precision} set in the claim file: ±{_plain(place / 2)}"
    if spelled:
        return Fraction(0), "a number in words: exact"
    return place / 2, f"printed to the nearest {_plain(place)}: ±{_plain(place / 2)}"


def _read_unit(match: re.Match[str], options: FigureOptions) -> tuple[Unit, str]:
    noun = match["noun"].strip().strip(".,;()")
    if options.unit is not None:
        return parse_unit(options.unit), noun
    if match["symbol"]:
        return parse_unit(CURRENCY_SYMBOLS[match["symbol"]]), noun
    if match["code"]:
        return parse_unit(match["code"].upper()), noun
    if match["percent"]:
        word = match["percent"].lower()
        points = "point" in word or word.startswith("pp")
        return parse_unit("percentage_point" if points else "percent"), noun
    if not noun:
        return dimensionless(), noun
    return unit_for_noun(noun), noun


def _unit_step(unit: Unit, noun: str) -> str:
    from claimcheck.units import format_unit

    name = format_unit(unit) or "a plain number"
    return f"unit: {name}" + (f" (from {noun!r})" if noun else "")


def _apply_hedge(
    hedge: Hedge,
    phrase: str,
    value: Fraction,
    rounded: Interval,
    options: FigureOptions,
    unit: Unit,
    steps: list[str],
) -> tuple[Interval, Fraction | None]:
    kind = hedge.kind
    steps.append(f"hedge {phrase!r}: {hedge.rule}")
    if kind in (HedgeKind.APPROXIMATE, HedgeKind.BELOW_CLOSE):
        margin = hedge.margin if options.margin is None else _margin(options.margin)
        width = max(abs(value) * margin, Fraction(rounded.hi) - value)
        if kind is HedgeKind.APPROXIMATE:
            return Interval(value - width, value + width), value
        return Interval(value - width, value, True, False), None
    if kind in (HedgeKind.ABOVE, HedgeKind.AT_LEAST):
        upper = _limit(options.upper, unit, "upper")
        hi = INF if upper is None else upper
        if hi <= value:
            raise FigureError(f"the upper limit {options.upper!r} is not above the figure")
        return Interval(value, hi, kind is HedgeKind.AT_LEAST, upper is not None), None
    lower = _limit(options.lower, unit, "lower")
    lo = (Fraction(0) if value > 0 else -INF) if lower is None else lower
    if lo >= value:
        raise FigureError(f"the lower limit {options.lower!r} is not below the figure")
    return Interval(lo, value, lower is not None or value > 0, kind is HedgeKind.AT_MOST), None


def _margin(text: str) -> Fraction:
    reading = read_figure(text)
    if reading.nominal is None or reading.unit != parse_unit("percent"):
        raise FigureError(f"margin {text!r} must be a percentage such as '5 percent'")
    return reading.nominal / 100


def _limit(text: str | None, unit: Unit, which: str) -> Fraction | None:
    if text is None:
        return None
    reading = read_figure(text, FigureOptions(exact=True, unit=None))
    if reading.nominal is None:
        raise FigureError(f"the {which} limit {text!r} must be a plain figure")
    if reading.unit != unit and reading.unit != dimensionless():
        raise FigureError(f"the {which} limit {text!r} is not in the figure's unit")
    return reading.nominal


def _plain(value: Fraction) -> str:
    if value.denominator == 1:
        return f"{value.numerator:,}"
    return f"{float(value):g}"
