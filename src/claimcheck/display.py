"""Numbers, intervals and amounts as text, the same for every output format.

Interval ends are rounded outward (the lower end down, the upper end up) so that a
displayed interval always contains the exact one. Large values are shown with the scale
words newspapers use, so "55550000000" reads "55.55 billion".

Numbers far beyond any article (a claim file may hold them) are shown in scientific
notation, and never by turning a huge integer into text: that is slow, and past 4,300
digits Python refuses it (see :mod:`claimcheck.limits`).
"""

from __future__ import annotations

import decimal
import functools
import math
import re
from collections.abc import Mapping
from fractions import Fraction

from claimcheck import units
from claimcheck.amounts import Amount
from claimcheck.exact import Exact
from claimcheck.identity import IdentityMemo, ValueMemo
from claimcheck.intervals import Endpoint, Interval
from claimcheck.limits import MAX_EXACT_DIGITS, MAX_PLAIN_DIGITS
from claimcheck.units import Unit

_MAX_EXACT_BITS = math.ceil(MAX_EXACT_DIGITS * math.log2(10))
_PLAIN_BITS = math.ceil(MAX_PLAIN_DIGITS * math.log2(10))
_KEPT_BITS = 256
"""Bits of a huge numerator or denominator kept when approximating: far beyond six digits."""


SIGNIFICANT_DIGITS = 6
SHORT_DIGITS = 4
"""Significant digits of a value worked from printed numbers: enough to redo it on a calculator."""
_SCALES = ((10**12, "trillion"), (10**9, "billion"), (10**6, "million"))


@functools.cache
def _context(digits: int, rounding: str) -> decimal.Context:
    return decimal.Context(prec=digits, rounding=rounding)


def _decimal(value: Fraction, rounding: str, digits: int = SIGNIFICANT_DIGITS, factor: int = 1) -> str:
    """``value / factor`` to ``digits`` significant digits, grouped by thousands."""
    # Integer arithmetic throughout: exact-number operations dominate large reports otherwise.
    # int(): an exact number's terms may be gmpy2 integers, which Decimal and "," refuse.
    return _decimal_ratio(int(value.numerator), int(value.denominator) * factor, rounding, digits)


def _rounded(value: Fraction, factor: int, rounding: str, digits: int) -> str:
    """:func:`_decimal` (``factor`` and ``digits`` in another order), the common case worked
    here in one go: a value at least 1 in size and below ``10**digits`` (the ends of most
    figures: "55.55" billion, "7.22964"), cut to ``digits`` significant digits in integers and
    rounded as the Decimal context would. Every other value is :func:`_decimal_ratio`'s."""
    numerator, denominator = int(value.numerator), int(value.denominator) * factor
    negative = numerator < 0
    whole, rest = divmod(-numerator if negative else numerator, denominator)
    if (
        whole
        and whole < _DIGIT_LIMIT
        and denominator.bit_length() <= _SHORT_BITS
        and rounding in _INTEGER_ROUNDINGS
    ):
        places = digits - (_WIDTHS[whole] if whole < 1000 else len(str(whole)))
        if places >= 0:
            fraction = ""
            if rest:
                scale = _POWERS_OF_TEN[places]
                kept, remainder = divmod(rest * scale, denominator)  # the digits after the point
                if rounding == _HALF_EVEN:  # the last digit kept is kept's, or whole's
                    twice = remainder * 2
                    up = twice > denominator or (
                        twice == denominator and (kept if places else whole) % 2 == 1
                    )
                else:
                    up = bool(remainder) and negative is (rounding == _FLOOR)
                if up:
                    kept += 1
                    if kept == scale:  # 9.99995 up to 10
                        whole, kept = whole + 1, 0
                if kept:
                    fraction = "." + str(kept).rjust(places, "0").rstrip("0")
            text = (str(whole) if whole < 1000 else f"{whole:,}") + fraction
            return "-" + text if negative else text
    return _decimal_ratio(numerator, denominator, rounding, digits)


_FLOOR, _CEILING, _HALF_EVEN = decimal.ROUND_FLOOR, decimal.ROUND_CEILING, decimal.ROUND_HALF_EVEN
_WIDTHS = tuple(len(str(whole)) for whole in range(1000))
"""The digits of the integer parts of most ends, looked up rather than written out."""
_POWERS_OF_TEN = tuple(10**places for places in range(SIGNIFICANT_DIGITS + 1))
_SHORT_BITS = (_MAX_EXACT_BITS - 20) // 2
"""Denominators up to this many bits, with a quotient below 10**6 < 2**20, are within the bits
:func:`_decimal_ratio` works exactly (beyond, it approximates, and so does this)."""


def _decimal_ratio(numerator: int, denominator: int, rounding: str, digits: int) -> str:
    """``numerator / denominator`` (Python ints, in lowest terms but for a power of ten) as
    :func:`_decimal` writes it."""
    numerator_bits, denominator_bits = numerator.bit_length(), denominator.bit_length()
    if numerator_bits + denominator_bits > _MAX_EXACT_BITS:
        number = _approximate(numerator, denominator, rounding, digits)
    else:
        short = _short_decimal(numerator, denominator, rounding, digits)
        if short is not None:
            return short
        number = _context(digits, rounding).divide(decimal.Decimal(numerator), decimal.Decimal(denominator))
    # Bit lengths tell a number far from the plain range without asking the Decimal.
    near_the_edge = abs(numerator_bits - denominator_bits) > _PLAIN_BITS - 8
    if near_the_edge and number and not -MAX_PLAIN_DIGITS <= number.adjusted() < MAX_PLAIN_DIGITS:
        return f"{number:.{digits - 1}e}"
    text = f"{number:,f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _short_decimal(numerator: int, denominator: int, rounding: str, digits: int) -> str | None:
    """``numerator / denominator`` as :func:`_decimal` writes it, worked in integers, when it is
    zero or at least 1 in size and below ``10**digits``; else None (the Decimal does it).

    The ends of most figures are such numbers ("55.55" billion, "7.22964"), and integer
    division rounds them as the Decimal context would, several times faster.
    """
    if rounding not in _INTEGER_ROUNDINGS:
        return None
    if not numerator:
        return "0"
    whole, rest = divmod(abs(numerator), denominator)
    if not whole or whole >= _DIGIT_LIMIT:
        return None
    places = digits - len(str(whole))
    if places < 0:
        return None
    scale = 10**places
    kept, remainder = divmod(rest * scale, denominator)
    kept += whole * scale  # the first ``digits`` significant digits, cut towards zero
    negative = numerator < 0
    if remainder and _rounds_away(rounding, negative, kept, remainder * 2, denominator):
        kept += 1
    text = f"{kept // scale:,}"
    fraction = str(kept % scale).rjust(places, "0").rstrip("0") if places else ""
    if fraction:
        text = f"{text}.{fraction}"
    return "-" + text if negative else text


def _rounds_away(rounding: str, negative: bool, kept: int, twice_remainder: int, denominator: int) -> bool:
    """Whether a magnitude cut to ``kept`` (a nonzero remainder left) rounds away from zero."""
    if rounding == decimal.ROUND_HALF_EVEN:
        return twice_remainder > denominator or (twice_remainder == denominator and kept % 2 == 1)
    if rounding == decimal.ROUND_FLOOR:
        return negative
    return not negative  # decimal.ROUND_CEILING


_INTEGER_ROUNDINGS = frozenset({decimal.ROUND_HALF_EVEN, decimal.ROUND_FLOOR, decimal.ROUND_CEILING})


_DIGIT_LIMIT = 10**SIGNIFICANT_DIGITS
"""Integer parts from here on have more digits than a short decimal may: no need to write them."""


def scale_for(magnitude: Fraction) -> tuple[int, str]:
    """The scale word that suits a magnitude: (10**9, "billion"), or (1, "")."""
    if _BELOW_SCALES < magnitude < _ABOVE_SCALES:  # the common case, in two exact comparisons
        return _NO_SCALE
    size = abs(magnitude)
    if size > _PLAIN_SIZE:  # bit lengths this far apart take scientific notation; closer, never
        numerator, denominator = int(size.numerator), int(size.denominator)
        if numerator.bit_length() - denominator.bit_length() > _PLAIN_BITS:
            return _NO_SCALE  # written in scientific notation, where a scale word would only confuse
    for least, scale in _SCALE_SIZES:
        if size >= least:
            return scale
    return _NO_SCALE


_NO_SCALE = (1, "")
_SCALE_SIZES = tuple((Exact(factor), (factor, word)) for factor, word in _SCALES)
"""The least size of each scale, as exact numbers: compared with an end without converting it."""
_ABOVE_SCALES = _SCALE_SIZES[-1][0]
_BELOW_SCALES = -_ABOVE_SCALES
_PLAIN_SIZE = Exact(2**_PLAIN_BITS)
"""Below this, a numerator has at most ``_PLAIN_BITS`` bits more than its denominator."""


def unit_text(unit: Unit) -> str:
    """:func:`claimcheck.units.format_unit`, remembered by the unit's identity: pint hashes a
    unit from its exponents each time, and a report shows the same few units again and again."""
    entry = _UNIT_TEXTS.get(id(unit))
    return _UNIT_TEXTS.remember(unit, units.format_unit(unit)) if entry is None else entry


_UNIT_TEXTS: IdentityMemo[str] = IdentityMemo()


def _unit_suffix(scale_word: str, unit: Unit) -> str:
    return _suffix(scale_word, unit_text(unit))


def _suffix(scale_word: str, name: str) -> str:
    if scale_word and name:
        return f" {scale_word} {name}"
    return f" {scale_word or name}" if scale_word or name else ""


@functools.lru_cache(maxsize=4096)
def format_number(value: Fraction, unit: Unit, digits: int = SIGNIFICANT_DIGITS) -> str:
    """One value with its unit: "8.969 million visitor"."""
    factor, word = scale_for(value)
    return _rounded(value, factor, decimal.ROUND_HALF_EVEN, digits) + _unit_suffix(word, unit)


def format_percent(ratio: Fraction) -> str:
    """A plain ratio as a percentage: 0.0123 -> "1.23%"."""
    numerator, denominator = int(ratio.numerator), int(ratio.denominator)
    common = math.gcd(100, denominator)  # ``ratio * 100`` in lowest terms, without a Fraction
    return (
        _decimal_ratio(numerator * (100 // common), denominator // common, decimal.ROUND_HALF_EVEN, 3) + "%"
    )


def _end(value: Endpoint, factor: int, rounding: str, digits: int = SIGNIFICANT_DIGITS) -> str:
    if isinstance(value, float):
        return "-inf" if value < 0 else "+inf"
    return _rounded(value, factor, rounding, digits)


def format_interval(interval: Interval, factor: int = 1) -> str:
    """An interval in interval notation, ends rounded outward: "[55.55, 55.65)"."""
    lo, hi = interval.lo, interval.hi
    if isinstance(lo, float):
        lo_text = "-inf" if lo < 0 else "+inf"
    elif lo == hi:  # a point
        return _rounded(lo, factor, _HALF_EVEN, SIGNIFICANT_DIGITS)
    else:
        lo_text = _rounded(lo, factor, _FLOOR, SIGNIFICANT_DIGITS)
    hi_text = (
        ("-inf" if hi < 0 else "+inf")
        if isinstance(hi, float)
        else _rounded(hi, factor, _CEILING, SIGNIFICANT_DIGITS)
    )
    return f"{'[' if interval.lo_closed else '('}{lo_text}, {hi_text}{']' if interval.hi_closed else ')'}"


def format_span(interval: Interval, unit: Unit) -> str:
    """An interval in words, ends rounded outward: "55.48 to 56.39 million visitor"."""
    factor, word = interval_scale(interval)
    if interval.is_point and not isinstance(interval.lo, float):
        return _rounded(interval.lo, factor, decimal.ROUND_HALF_EVEN, SHORT_DIGITS) + _unit_suffix(word, unit)
    digits = _span_digits(interval)
    lo = _end(interval.lo, factor, decimal.ROUND_FLOOR, digits)
    hi = _end(interval.hi, factor, decimal.ROUND_CEILING, digits)
    if isinstance(interval.hi, float):
        return f"{'at least' if interval.lo_closed else 'above'} {lo}{_unit_suffix(word, unit)}"
    if isinstance(interval.lo, float):
        return f"{'at most' if interval.hi_closed else 'below'} {hi}{_unit_suffix(word, unit)}"
    return f"{lo} to {hi}{_unit_suffix(word, unit)}"


def format_value(amount: Amount, interval: Interval | None = None) -> str:
    """A value as an editor reads it, from the printed numbers, then the values ``interval``
    (the strict one by default) allows: "55.94 million visitor (55.48 to 56.39 million)"."""
    interval = amount.strict_interval if interval is None else interval
    span = format_span(interval, amount.unit)
    if amount.nominal is None or interval.is_point:
        return span
    return f"{format_number(amount.nominal, amount.unit, SHORT_DIGITS)} ({span})"


def interval_scale(interval: Interval) -> tuple[int, str]:
    """The scale word that suits an interval, judged by its largest finite end."""
    lo, hi = interval.lo, interval.hi
    if isinstance(lo, float):
        return (1, "") if isinstance(hi, float) else scale_for(hi)
    if isinstance(hi, float):
        return scale_for(lo)
    low, high = scale_for(lo), scale_for(hi)
    return low if low[0] > high[0] else high  # one word per factor: the larger factor decides


def format_amount(amount: Amount) -> str:
    """An amount as interval, scale and unit: "[55.55, 55.65) billion CNY"."""
    return format_interval_in(amount.interval, amount.unit)


def format_interval_in(interval: Interval, unit: Unit) -> str:
    """An interval with its scale and unit, as :func:`format_amount` shows an amount."""
    lo, hi = interval.lo, interval.hi
    # The ends' terms, not the ends: an exact number hashes with a modular power, its terms
    # (never shared by an infinite end, whose "denominator" is 0 here) several times faster.
    key = (
        *((lo, 0) if isinstance(lo, float) else (lo.numerator, lo.denominator)),
        *((hi, 0) if isinstance(hi, float) else (hi.numerator, hi.denominator)),
        interval.lo_closed,
        interval.hi_closed,
        unit_text(unit),
    )
    text = _AMOUNT_TEXTS.get(key)
    if text is None:
        if (isinstance(lo, float) or _BELOW_SCALES < lo < _ABOVE_SCALES) and (
            isinstance(hi, float) or _BELOW_SCALES < hi < _ABOVE_SCALES
        ):
            factor, word = _NO_SCALE  # most amounts: what interval_scale finds, without asking it
        else:
            factor, word = interval_scale(interval)
        text = _AMOUNT_TEXTS.remember(key, format_interval(interval, factor) + _suffix(word, key[6]))
    return text


_AMOUNT_TEXTS: ValueMemo[tuple[object, ...], str] = ValueMemo()
"""Texts remembered by value (the terms of the ends in lowest terms, the closedness and the
unit's text): one file's amounts are shown several times each (as a result, as the input of
other results, as what a result is compared with), results equal readings in value, the same
bounds recur in every file, and a report shows every one."""


def format_derived(amount: Amount) -> str:
    """A derived figure as an editor reads it: its value from the printed numbers, then the
    values the rounding allows: "55.94 million visitor (55.48 to 56.39 million)", and the
    wider values of the loose readings when there are any."""
    if amount.nominal is None:
        return format_reading(amount)
    value = format_number(amount.nominal, amount.unit, SHORT_DIGITS)
    if amount.interval.is_point:
        return value
    factor, word = interval_scale(amount.interval)
    scale = f" {word}" if word else ""
    spans = [_span(amount.strict_interval, factor) + scale]
    if amount.strict is not None:
        spans.append(f"loosely {_span(amount.interval, factor)}{scale}")
    return f"{value} ({'; '.join(spans)})"


def format_reading(amount: Amount) -> str:
    """An amount's interval, strict first, then its loose reading and what that assumes:
    "[19.5, 20.5) percent, or [15, 25) if '20%' is rounded to the nearest ten"."""
    if amount.strict is None:
        return format_amount(amount)
    factor, _ = interval_scale(amount.interval)
    assumed = " and ".join(amount.loose)
    return (
        f"{format_amount(amount.strict_amount())}, or {format_interval(amount.interval, factor)} if {assumed}"
    )


def _span_digits(interval: Interval) -> int:
    """Significant digits for the ends of an interval in words: four, or more when the interval
    is narrow, so that rounding the ends outward does not hide how wide it is."""
    lo, hi = interval.lo, interval.hi
    if isinstance(lo, float) or isinstance(hi, float):
        return SHORT_DIGITS
    # In integers: lo = a/b, hi = c/d, and the ratio of the larger size to the width,
    # max(|a|/b, |c|/d) / (c/d - a/b), is max(|a|·d, |c|·b) / (c·b - a·d).
    a, b, c, d = int(lo.numerator), int(lo.denominator), int(hi.numerator), int(hi.denominator)
    width = c * b - a * d
    if not width:
        return SHORT_DIGITS
    # About 10**k: the width shows from the k-th digit on (past 10**6, k no longer matters).
    ratio = min(max(abs(a) * d, abs(c) * b) // width, _DIGIT_LIMIT)
    extra = max(0, len(str(ratio)) - 2)
    return min(SIGNIFICANT_DIGITS, SHORT_DIGITS + extra)


def _span(interval: Interval, factor: int) -> str:
    digits = _span_digits(interval)
    lo = _end(interval.lo, factor, decimal.ROUND_FLOOR, digits)
    hi = _end(interval.hi, factor, decimal.ROUND_CEILING, digits)
    return f"{lo} to {hi}"


def _approximate(numerator: int, denominator: int, rounding: str, digits: int) -> decimal.Decimal:
    """``numerator / denominator`` to ``digits`` digits, rounded as asked, from their leading bits.

    Both are cut to their leading :data:`_KEPT_BITS` bits and the power of two put back as an
    exponent, so this takes a moment however long they are. The error of the cut (below
    2**-250 relative) is covered by moving the value outward by 10**-60 relative before a
    directed rounding: a floor stays below the exact value and a ceiling above it.
    """
    work = decimal.Context(prec=digits + 70, Emax=decimal.MAX_EMAX, Emin=decimal.MIN_EMIN)
    cut_n = max(0, numerator.bit_length() - _KEPT_BITS)
    cut_d = max(0, denominator.bit_length() - _KEPT_BITS)
    value = work.divide(decimal.Decimal(numerator >> cut_n), decimal.Decimal(denominator >> cut_d))
    value = work.multiply(value, work.power(decimal.Decimal(2), cut_n - cut_d))
    margin = abs(value).scaleb(-60)
    if rounding == decimal.ROUND_FLOOR:
        value = work.subtract(value, margin)
    elif rounding == decimal.ROUND_CEILING:
        value = work.add(value, margin)
    final = decimal.Context(prec=digits, rounding=rounding, Emax=decimal.MAX_EMAX, Emin=decimal.MIN_EMIN)
    return final.plus(value)


def exact_text(value: Endpoint) -> str | None:
    """An interval end as an exact string for machine output: a decimal, or "a/b", or None.

    An end of more than :data:`MAX_EXACT_DIGITS` digits, which only a claim file built to
    break claimcheck can produce, is given rounded instead, marked with "~": "~1.00000e+4620".
    """
    if isinstance(value, float):
        return None
    numerator, denominator = value.numerator, value.denominator
    # Bit lengths bound the digits without converting anything to text.
    if numerator.bit_length() + denominator.bit_length() > _MAX_EXACT_BITS:
        return "~" + _decimal(value, decimal.ROUND_HALF_EVEN).replace(",", "")
    if denominator == 1:
        return str(numerator)
    # Python ints: mixing gmpy2's integers with ints converts on every operation below.
    numerator, denominator = int(numerator), int(denominator)
    twos = (denominator & -denominator).bit_length() - 1  # the trailing zero bits
    rest, fives = denominator >> twos, 0
    while rest % 5 == 0:
        rest, fives = rest // 5, fives + 1
    if rest != 1:
        return f"{numerator}/{denominator}"
    places = max(twos, fives)
    scaled = numerator * 10**places // denominator
    digits = str(abs(scaled)).rjust(places + 1, "0")
    sign = "-" if scaled < 0 else ""
    return sign + (f"{digits[:-places]}.{digits[-places:]}" if places else digits)


def exact_text_of(text: str, value: Endpoint) -> str | None:
    """:func:`exact_text` of ``value``, given its ``str()``: an exact number's is canonical,
    "7" or "-3/2", so a whole number's exact text is that text, and so is a fraction's unless
    its denominator divides a power of ten (then the digits are worked from the terms in the
    text). What this does not know (an infinity's "inf", a long text) is :func:`exact_text`'s."""
    if len(text) > _SHORT_EXACT or text[-1] == "f":
        return exact_text(value)
    numerator, slash, denominator = text.partition("/")
    if not slash:
        return text
    found = _DECIMAL_DENOMINATORS.get(denominator)
    if found is None:
        if len(denominator) >= _TABLE_DIGITS:
            return exact_text(value)
        if _DECIMAL_DENOMINATORS:
            return text  # no divisor of a power of ten: written as a fraction
        _DECIMAL_DENOMINATORS.update(_decimal_denominators())  # on first use: not at start-up
        return exact_text_of(text, value)
    places, multiplier = found
    scaled = int(numerator) * multiplier
    digits = str(-scaled if scaled < 0 else scaled).rjust(places + 1, "0")
    return f"{'-' if scaled < 0 else ''}{digits[:-places]}.{digits[-places:]}"


_SHORT_EXACT = 300
"""Characters of an end's ``str()`` worked here: far within :data:`MAX_EXACT_DIGITS`."""
_TABLE_DIGITS = 18
_DECIMAL_DENOMINATORS: dict[str, tuple[int, int]] = {}
"""Every denominator above 1 and below ``10**_TABLE_DIGITS`` whose fractions end as decimals,
``2**a * 5**b``, by its text, with the decimal places of its fractions and the factor that makes
it a power of ten (``"20": (2, 5)``): one look-up tells a fraction to write out from one to
leave as it is (a file's figures have both, by the dozen)."""


def _decimal_denominators() -> dict[str, tuple[int, int]]:
    table = {}
    for fives in range(_TABLE_DIGITS * 2):
        for twos in range(_TABLE_DIGITS * 4):
            denominator = 5**fives << twos
            if denominator >= 10**_TABLE_DIGITS:
                break
            places = max(twos, fives)
            table[str(denominator)] = (places, 2 ** (places - twos) * 5 ** (places - fives))
    del table["1"]
    return table


def format_interval_exact(interval: Interval, unit: Unit, lo_exact: str | None, hi_exact: str | None) -> str:
    """:func:`format_interval_in`, given the ends' exact texts (:func:`exact_text`'s), made of
    the pieces the JSON document joins (it escapes each unit's suffixes once): the numbers of
    :func:`interval_numbers_exact` and the suffix of :func:`unit_suffixes` for their scale word."""
    numbers, word = interval_numbers_exact(interval, lo_exact, hi_exact)
    return numbers + unit_suffixes(unit)[word]


def interval_numbers_exact(interval: Interval, lo_exact: str | None, hi_exact: str | None) -> tuple[str, str]:
    """:func:`format_interval_exact` without the unit: the interval's numbers ("[35.55, 35.65)":
    digits, signs, ",", ".", "e", brackets and "inf" alone) and its scale word ("billion"), which
    the JSON document joins with the unit's text, made once per unit.

    The ends of most figures are decimals ("35550000000", "15.5"), rounded here as text
    (:func:`_shown`); any other end is :func:`_rounded`'s. Not remembered: the document
    remembers the whole amount's text by value."""
    lo, hi = interval.lo, interval.hi
    if (lo_exact is None or _BELOW_SCALES < lo < _ABOVE_SCALES) and (
        hi_exact is None or _BELOW_SCALES < hi < _ABOVE_SCALES
    ):
        factor, word = _NO_SCALE  # most amounts: what interval_scale finds, without asking it
    else:
        factor, word = interval_scale(interval)
    zeros = _ZEROS[factor]
    if isinstance(lo, float):
        lo_text = "-inf" if lo < 0 else "+inf"
    elif lo == hi:  # a point
        text = _shown(lo_exact or "~", zeros, _HALF_EVEN) or _rounded(
            lo, factor, _HALF_EVEN, SIGNIFICANT_DIGITS
        )
        return text, word
    else:
        lo_text = _shown(lo_exact or "~", zeros, _FLOOR) or _rounded(lo, factor, _FLOOR, SIGNIFICANT_DIGITS)
    if isinstance(hi, float):
        hi_text = "-inf" if hi < 0 else "+inf"
    else:
        hi_text = _shown(hi_exact or "~", zeros, _CEILING) or _rounded(
            hi, factor, _CEILING, SIGNIFICANT_DIGITS
        )
    opening, closing = "[" if interval.lo_closed else "(", "]" if interval.hi_closed else ")"
    return f"{opening}{lo_text}, {hi_text}{closing}", word


def unit_suffixes(unit: Unit) -> dict[str, str]:
    """What follows an amount's numbers for each scale word ("" included): " billion CNY"."""
    name = unit_text(unit)
    return {word: _suffix(word, name) for word in ("", *(word for _, word in _SCALES))}


_ZEROS = {1: 0, **{factor: len(str(factor)) - 1 for factor, _ in _SCALES}}


def _shown(exact: str, zeros: int, rounding: str) -> str | None:
    """:func:`_rounded` of an end divided by ``10**zeros``, to :data:`SIGNIFICANT_DIGITS`
    digits, worked on its exact decimal text: the digits kept are the text's, the digits
    dropped tell whether to round up. Only the common case, a value at least 1 in size and
    below ``10**SIGNIFICANT_DIGITS`` that does not round up into another digit ("99.9999"):
    None for any other, and for a fraction ("2/3") or an approximation ("~1e+4620")."""
    if "/" in exact or exact[0] == "~":
        return None
    negative = exact[0] == "-"
    whole, _, fraction = (exact[1:] if negative else exact).partition(".")
    if zeros:
        if len(whole) <= zeros:
            return None
        whole, fraction = whole[:-zeros], whole[-zeros:] + fraction
    places = SIGNIFICANT_DIGITS - len(whole)
    if places < 0 or whole == "0":
        return None
    kept, dropped = fraction[:places], fraction[places:]
    if dropped and dropped.strip("0"):  # digits beyond those shown: round
        if rounding == _HALF_EVEN:
            first = dropped[0]
            up = first > "5" or (
                first == "5" and (bool(dropped[1:].strip("0")) or (kept or whole)[-1] in "13579")
            )
        else:
            up = negative is (rounding == _FLOOR)
        if up:
            if not kept or kept.count("9") == len(kept):  # into the next digit: _rounded's
                return None
            kept = str(int(kept) + 1).rjust(len(kept), "0")
    kept = kept.rstrip("0")
    if len(whole) > 3:
        whole = f"{int(whole):,}"
    text = f"{whole}.{kept}" if kept else whole
    return "-" + text if negative else text


_NAME = re.compile(r"\b[a-z][a-z0-9_]*(?:\.[a-z][a-z0-9_]*)?")


def arithmetic(formula: str, inputs: Mapping[str, Amount], result: Amount) -> str:
    """A formula worked on the printed numbers: "65 million / (1 + 16.2%) = 55.94 million visitor".

    Empty when a figure has no value of its own (a bound such as "more than 10 million").
    """
    if result.nominal is None:
        return ""
    shown: dict[str, str] = {}
    for name, amount in inputs.items():
        if amount.nominal is None:
            return ""
        shown[name] = calculator_number(amount.nominal, amount.unit)
    worked = _NAME.sub(lambda match: shown.get(match.group(0), match.group(0)), formula)
    if units.is_percent(result.unit):
        return f"{worked} = {calculator_number(result.nominal, result.unit)}"
    return f"{worked} = {format_number(result.nominal, result.unit, SHORT_DIGITS)}"


def calculator_number(value: Fraction, unit: Unit) -> str:
    """A number as typed into a calculator: "16.2%", "65 million", "(-3.5%)"."""
    text = format_number(value, units.dimensionless(), SHORT_DIGITS)
    if units.is_percent(unit):
        text += "%"
    return f"({text})" if value < 0 else text
