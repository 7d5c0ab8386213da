"""Numbers as news prints them: digits with the grouping of any locale, and numbers in words.

This module reads the number itself ("4,830,000", "4 830 000", "1'000", "4,83" in German copy,
"twenty-five", "a dozen"); :mod:`claimcheck.figures` reads everything around it. A number is
returned with the place of its last printed digit, which decides its rounding interval.
"""

from __future__ import annotations

import functools
import re
from typing import NamedTuple

from claimcheck.exact import Exact
from claimcheck.limits import MAX_PRINTED_DIGITS as MAX_DIGITS

DECIMAL_COMMA_LANGUAGES = frozenset(
    "de fr es it pt nl ru pl sv da nb nn no fi cs sk hu ro tr id el bg hr sl lt lv et uk".split()
)
"""Languages whose copy writes 4,83 for 4.83 and groups thousands with a point or a space."""

INDIAN_GROUPING_LOCALES = frozenset({"en-in", "hi", "hi-in"})
"""Locales that group as 12,34,567 (lakh and crore)."""

UNITS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen"
    " fourteen fifteen sixteen seventeen eighteen nineteen"
).split()
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80}
TENS["ninety"] = 90
NUMBER_WORDS: dict[str, int] = {word: value for value, word in enumerate(UNITS)} | TENS
"""Single number words; compounds ("twenty-five") are read from these."""


@functools.cache
def _word_number() -> re.Pattern[str]:
    """Number words, a compound ("twenty-five") before a single word ("twenty")."""
    return re.compile(
        r"(?P<tens>" + "|".join(TENS) + r")(?:[- ](?P<unit>" + "|".join(UNITS[1:10]) + r"))?(?![^\W\d_])"
        r"|(?P<single>" + "|".join(sorted(UNITS, key=len, reverse=True)) + r")(?![^\W\d_])"
    )


_PHRASE_NUMBERS: dict[str, int] = {
    "a hundred": 100,
    "one hundred": 100,
    "a dozen": 12,
    "a couple of": 2,
}

DIGITS = re.compile(r"\d+(?:[.,'][0-9]+|[ ]\d{3}(?!\d))*")
"""Digits with what may separate them: points, commas, apostrophes, spaces before three digits."""


_POWERS_OF_TEN = [Exact(10**exponent) for exponent in range(MAX_DIGITS + 1)]
_DECIMAL_PLACES = [Exact(1, 10**exponent) for exponent in range(MAX_DIGITS + 1)]


class NumberError(ValueError):
    """A printed number that cannot be read unambiguously; ``offset`` is where, in the number."""

    def __init__(self, message: str, offset: int = 0) -> None:
        super().__init__(message)
        self.offset = offset


class Number(NamedTuple):
    """A printed number: its value, the place of its last digit, and whether it was words."""

    value: Exact
    place: Exact
    spelled: bool
    decimals: bool
    """Whether the number has a fractional part as printed ("4.83", "4,83" in German)."""


def decimal_comma(locale: str | None) -> bool:
    """Whether ``locale`` ("de", "fr-CH", "en-GB") writes a decimal comma."""
    return locale is not None and locale.casefold().replace("_", "-").split("-")[0] in DECIMAL_COMMA_LANGUAGES


def read_digits(text: str, locale: str | None = None) -> Number:
    """The number printed as ``text`` ("1,234.5"), by the grouping rules of ``locale``."""
    if text.isascii() and text.isdigit() and len(text) <= MAX_DIGITS:  # "215": as below, sooner
        value = int(text)
        trailing = len(text) - len(text.rstrip("0")) if value else 0
        return Number(Exact(value), _POWERS_OF_TEN[trailing], False, False)
    whole, point, fraction = text.partition(".")
    english_decimal = point and whole.isdigit() and fraction.isdigit() and not decimal_comma(locale)
    if english_decimal and text.isascii() and len(text) <= MAX_DIGITS:  # "16.2": as below, sooner
        places = len(fraction)
        return Number(Exact(int(whole + fraction), 10**places), _DECIMAL_PLACES[places], False, True)
    if _ENGLISH_GROUPED.fullmatch(text) and _english_grouping(locale):  # "1,234": as below, sooner
        digits = whole.replace(",", "")
        if len(digits) + len(fraction) <= MAX_DIGITS:
            if point:
                places = len(fraction)
                return Number(Exact(int(digits + fraction), 10**places), _DECIMAL_PLACES[places], False, True)
            value = int(digits)
            trailing = len(digits) - len(digits.rstrip("0")) if value else 0
            return Number(Exact(value), _POWERS_OF_TEN[trailing], False, False)
    return _read_grouped(text, locale)


_ENGLISH_GROUPED = re.compile(r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?")
"""Digits grouped in threes by commas, with a decimal point or not: "1,234", "12,345.6"."""


@functools.lru_cache(maxsize=64)
def _english_grouping(locale: str | None) -> bool:
    """Whether ``locale`` groups digits as :data:`_ENGLISH_GROUPED` does: every such number
    reads there as its digits with the commas left out."""
    if decimal_comma(locale):
        return False
    return locale is None or locale.casefold().replace("_", "-") not in INDIAN_GROUPING_LOCALES


def _read_grouped(text: str, locale: str | None) -> Number:
    """:func:`read_digits` for any text: the groups checked by the rules of ``locale``."""
    if sum(char.isdigit() for char in text) > MAX_DIGITS:
        raise NumberError(f"{text!r} has more than {MAX_DIGITS} digits")
    comma = decimal_comma(locale)
    point, groups = (",", ".' ") if comma else (".", ",' ")
    whole, mark, fraction = text.partition(point)
    if point in fraction:
        raise NumberError(f"{text!r} has two decimal marks", len(whole) + 1 + fraction.index(point))
    if any(separator in fraction for separator in groups):
        where = len(whole) + 1 + min(fraction.index(s) for s in groups if s in fraction)
        raise NumberError(_misplaced(text, comma), where)
    _check_groups(text, whole, groups, comma, locale)
    digits = "".join(char for char in whole if char.isdigit())
    if mark:
        return Number(
            Exact(int(digits + fraction), 10 ** len(fraction)),
            Exact(1, 10 ** len(fraction)),
            False,
            True,
        )
    value = int(digits)
    trailing = len(digits) - len(digits.rstrip("0")) if value else 0
    return Number(Exact(value), Exact(10**trailing), False, False)


def _check_groups(text: str, whole: str, groups: str, comma: bool, locale: str | None) -> None:
    parts = re.split(r"([.,' ])", whole)
    separators = set(parts[1::2])
    if not separators:
        return
    if len(separators) > 1:
        raise NumberError(f"{text!r} mixes separators {' and '.join(sorted(map(repr, separators)))}")
    blocks = parts[0::2]
    indian = locale is not None and locale.casefold().replace("_", "-") in INDIAN_GROUPING_LOCALES
    offset = len(blocks[0])
    for index, block in enumerate(blocks[1:], start=1):
        last = index == len(blocks) - 1
        fits = len(block) == 3 if (last or not indian) else len(block) == 2
        if not fits:
            raise NumberError(_misplaced(text, comma), offset)
        offset += 1 + len(block)
    if not 1 <= len(blocks[0]) <= (2 if indian and len(blocks) > 2 else 3):
        raise NumberError(f"{text!r}: the first group of digits is too long", 0)


def _misplaced(text: str, comma: bool) -> str:
    if comma:
        return (
            f"{text!r}: with a decimal-comma locale, '.' and spaces separate groups of three digits"
            f" and ',' is the decimal mark; write {text.replace('.', ',')!r} if it is a decimal"
        )
    return (
        f"{text!r}: in English copy a comma separates groups of three digits; if it is a decimal"
        f" comma, write {text.replace(',', '.')!r} or set the article's locale (e.g. locale: de)"
    )


def match_words(lowered: str, start: int) -> tuple[Number, int] | None:
    """A number in words at ``start`` of ``lowered`` ("twenty-five", "a dozen"), and its end."""
    for phrase, value in _PHRASE_NUMBERS.items():
        end = start + len(phrase)
        if lowered.startswith(phrase, start) and (end == len(lowered) or not lowered[end].isalpha()):
            return Number(Exact(value), Exact(0), True, False), end
    match = _word_number().match(lowered, start)
    if match is None:
        return None
    if match["single"]:
        value = NUMBER_WORDS[match["single"]]
    else:
        value = TENS[match["tens"]] + (NUMBER_WORDS[match["unit"]] if match["unit"] else 0)
    return Number(Exact(value), Exact(0), True, False), match.end()
