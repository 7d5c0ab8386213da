"""Finding the printed figures of a sentence, and what is not a figure (years, dates, names).

A figure is found where a number starts; its extent is decided with the figure reader itself
(:func:`claimcheck.figures.figure_prefix` for the number part, the vocabulary for the noun),
and the whole span is then read on from there (:func:`claimcheck.figures.read_prefixed`, the same
scanner as :func:`claimcheck.figures.read_figure`): extraction reads
a figure exactly as a claim file would.
"""

from __future__ import annotations

import functools
import itertools
import re
from typing import NamedTuple

from claimcheck import numerals
from claimcheck.figures import (
    CHANGE_WORDS,
    FRACTION_WORDS,
    SCALES,
    FigureError,
    Reading,
    ReadingContext,
    figure_prefix,
    read_prefixed,
)
from claimcheck.hedges import PHRASES
from claimcheck.units import UnknownUnitError
from claimcheck.vocabulary import DEFAULT, Vocabulary, normalize, singular_forms

MONEY_NOUNS = frozenset(
    (
        "revenue revenues sales investment investments funding profit profits losses loss tax taxes"
        " fees subsidies spending aid loans exports imports income wages donations damages fines"
        " bonuses dividends turnover earnings savings debt"
    ).split()
)
"""Nouns that say what money is, kept with it: "45 million yuan in revenue"."""

MONTHS = (
    "january february march april may june july august september october november december"
    " jan feb mar apr jun jul aug sep sept oct nov dec"
).split()
NAME_WORDS = frozenset(
    (
        "no number article section chapter page pages paragraph clause item route highway flight"
        " platform gate room level grade class category phase stage round game week day episode"
        " season version model series act resolution table figure ticker code symbol"
    ).split()
)
"""Words before a number that make it a label ("Article 5", "Route 66"), not a figure."""
STOPWORDS = frozenset(
    (
        "the a an and or but of in on at to for from with by as is was were are be been its their"
        " his her this that these those which who whom than then so such per each every while after"
        " before during over under into onto about against between through since until"
        " last next past previous earlier ago later"
    ).split()
)


class Span(NamedTuple):
    """A figure found in a sentence: where it is, as printed, and how it reads."""

    start: int
    end: int
    printed: str
    reading: Reading


_SYMBOL_BEFORE = re.compile(
    r"(?:\b[A-Za-z.]{1,4})?[$€£¥₹₩₽₺₪฿₱]\s?$|\b[A-Z]{3}\s?$|\b(?:Rs\.?|Sfr|Rp|RM)\s?$|\bR$"
)
_SYMBOL_WIDTH = 6
"""The longest text ``_SYMBOL_BEFORE`` matches ("U.S.$ "): a search need try only the places
that close to the end (a test checks the width against the pattern)."""
_PEOPLE = "children|people|adults|those|them|anyone|everyone|patients|women|men|girls|boys|pupils|residents"
_ATTACHED_SYMBOL = re.compile(
    r"\b(?:Rs|RM|Rp|[A-Z]{3})(?=\d)|\bR(?=[\d.,]+\s*(?:million|billion|trillion|bn|m)\b)"
)
"""Currency symbols printed against the number: "EUR5bn", "R40 million" (a bare "R21" is a name)."""
_NUMBER_START = re.compile(r"(?<![\w.,':])[-+−]?\d")
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_WORD_STARTS = frozenset(
    (
        *numerals.NUMBER_WORDS,
        *CHANGE_WORDS,
        "a",
        "an",
        "twice",
        "half",
        "between",
    )
)


@functools.cache
def _word_start() -> re.Pattern[str]:
    """Words a figure may start with: number words, "a" and "half", "twice", "doubled", "-fold"."""
    words = "|".join(sorted(_WORD_STARTS, key=len, reverse=True))
    return re.compile(rf"(?<![^\W\d_])({words}|[^\W\d_]+fold)(?![^\W\d_])", re.IGNORECASE)


_LETTERS = re.compile(r"[^\W\d_]+")


def _starts_figure(word: str) -> bool:
    """Whether a whole word (a run of letters) is one a figure may start with.

    The same as ``_word_start().fullmatch(word)``; a set lookup for plain ASCII words, where
    ignoring case is lower-casing.
    """
    if word.isascii():
        lowered = word.lower()
        return lowered in _WORD_STARTS or (len(lowered) > 4 and lowered.endswith("fold"))
    return _word_start().fullmatch(word) is not None


@functools.cache
def _ascii_word_start() -> re.Pattern[str]:
    """The words of ``_WORD_STARTS`` as whole words of lower-case ASCII text (no "-fold")."""
    words = "|".join(sorted(_WORD_STARTS, key=len, reverse=True))
    return re.compile(rf"(?<![a-z])(?:{words})(?![a-z])")


_ASCII_FOLD = re.compile(r"(?<![a-z])[a-z]+fold(?![a-z])")


def _starting_words(sentence: str) -> list[re.Match[str]]:
    """The whole words of ``sentence`` a figure may start with, as :func:`_starts_figure` says.

    In ASCII text, one search of the lower-cased sentence, whose literal alternatives are tried
    only where their first letter stands (a case-insensitive search of the sentence cost more
    than all the other tests of where a figure starts), rather than a look-up of every word.
    """
    if not sentence.isascii():
        return [match for match in _LETTERS.finditer(sentence) if _starts_figure(match.group())]
    lowered = sentence.lower()
    found = list(_ascii_word_start().finditer(lowered))
    if "fold" in lowered:
        found = sorted((*found, *_ASCII_FOLD.finditer(lowered)), key=lambda match: match.start())
    return found


_PERIOD_WORDS = frozenset(("year", "annum", "month", "quarter", "week", "decade"))
_ARTICLES = frozenset(("a", "an", "half"))
_AFTER_ARTICLE = frozenset(
    (*SCALES, *FRACTION_WORDS, "dozen", "couple", "hundred", "a", "an", "quarter", "third", "half")
)


def find_spans(sentence: str, context: ReadingContext) -> list[Span]:
    """Every figure printed in ``sentence``, left to right, none inside another."""
    spans: list[Span] = []
    covered = 0
    for start in _candidate_starts(sentence):
        if start < covered:
            continue
        span = _span_at(sentence, start, context)
        if span is not None:
            spans.append(span)
            covered = span.end
    return spans


def _candidate_starts(sentence: str) -> list[int]:
    starts = set()
    phones = _phones(sentence)
    for match in _NUMBER_START.finditer(sentence):
        if not _excluded(sentence, match.start(), phones):
            starts.add(_extend_back(sentence, match.start()))
    for match in _ATTACHED_SYMBOL.finditer(sentence):  # "R40 million", "EUR5bn": no space
        starts.add(_extend_back(sentence, match.start()))
    for match in _starting_words(sentence):
        word = match.group().lower()
        if word in ("a", "an"):  # "a" starts a figure only in "a million", "a third", "a dozen"
            following = _WORD.match(sentence, match.end() + 1)
            after = following.group().lower().split("-")[0] if following else ""
            if after not in _AFTER_ARTICLE and not after.endswith("fold"):
                continue
        if word == "half" and re.search(r"\b(first|second|the)\s+$", sentence[: match.start()], re.I):
            continue  # "the first half of 2024" is a period
        starts.add(_extend_back(sentence, match.start()))
    return sorted(starts)


_TAIL = 60
"""Characters before a number that decide what it is: patterns anchored at its start look no
further, so that a long sentence costs no more per number than a short one."""
_HEDGE_BEFORE = re.compile(
    r"(?<![^\W\d_])(" + "|".join(re.escape(phrase) for phrase, _ in PHRASES) + r")\s*$", re.IGNORECASE
)
_HEDGE_WIDTH = max(len(phrase) for phrase, _ in PHRASES)
"""The longest hedge phrase: one before a number ends where the spaces before it start."""
_WORD_BEFORE = re.compile(r"(?<![A-Za-z])([A-Za-z][\w.]*+)\W*$")
"""The last word: tried only where a word starts, and never backtracking into the word (a
word followed by more than non-word characters is no match, however much of it is taken)."""
_ORDINAL = re.compile(r"(st|nd|rd|th)\b")
_NAME_OF = re.compile(r"\b[A-Z][\w-]* of $")
_LETTERS_AFTER = re.compile(r"[a-zA-Z]")
_UNIT_LETTERS = re.compile(r"(?i:k|m|mn|mln|bn|b|bln|tn|trn|fold|pp|ppt|bps?|pct|km|kg|kwh|mw|gw|t)\b|x\b")
_COMPOUND = re.compile(r"-(?!fold\b|percent\b|per\b)[a-z]")
_TIME = re.compile(r"\s*(:\d\d|[ap]\.?m\.?\b|o'clock)", re.IGNORECASE)
_DATE = re.compile(r"/\d|-\d{2}-\d{2}")
_MONTH_AFTER = re.compile(r"\s*(" + "|".join(MONTHS) + r")\b", re.IGNORECASE)
_AGE = re.compile(r"\b(aged?|ages)\s+(\w+\s+)?(\d+\s*(to|and|-|–)\s*)?$", re.IGNORECASE)
_CALL = re.compile(r"\b(call|calling|dial|dialling|hotline|helpline)\W+$", re.IGNORECASE)
_AGE_LIMIT = re.compile(
    rf"\b({_PEOPLE})\s+(under|over|below|above|older than|younger than)\s+$", re.IGNORECASE
)
_LIMIT_WORDS = ("under", "over", "below", "above", "than")
_YEAR = re.compile(r"(19|20)\d\d")
_DIGITS = re.compile(r"[-+−]?[\d,.'’]*\d")


def _extend_back(sentence: str, start: int) -> int:
    """Move a figure's start back over a currency symbol or code and a hedge before it."""
    offset = max(0, start - _TAIL)
    before = sentence[offset:start]
    symbol = _symbol_before(before)
    if symbol is not None:
        start = offset + symbol.start()
        before = sentence[offset:start]
    if before.endswith(("-", "−")) and (len(before) == 1 or before[-2] in " (\u2013"):
        start -= 1  # a minus sign
        before = sentence[offset:start]
    hedge = _HEDGE_BEFORE.search(before, max(0, len(before.rstrip()) - _HEDGE_WIDTH))
    return offset + hedge.start() if hedge is not None else start


def _symbol_before(before: str) -> re.Match[str] | None:
    """``_SYMBOL_BEFORE.search(before)``, tried only where a match can start."""
    return _SYMBOL_BEFORE.search(before, max(0, len(before) - _SYMBOL_WIDTH))


def _excluded(sentence: str, start: int, phones: list[tuple[int, int]]) -> bool:
    """Whether the number at ``start`` is a year, a date, a time, an ordinal or a label."""
    digits = _DIGITS.match(sentence, start)
    assert digits is not None
    token = digits.group()
    after = sentence[digits.end() : digits.end() + _TAIL]
    before = sentence[max(0, start - _TAIL) : start]
    word_before = _WORD_BEFORE.search(before)
    previous = word_before.group(1).lower().rstrip(".") if word_before else ""
    if _ORDINAL.match(after):  # 14th
        return True
    money = _money_before(before)
    if money:
        return False  # "EUR 2,200", "$2024"
    if any(phone_start <= start < phone_end for phone_start, phone_end in phones):
        return True
    if before.endswith(" of ") and _NAME_OF.search(before):  # Group of 20
        return True
    if before[-1:].isalpha() or (before[-1:] == "-" and before[-2:-1].isalpha()):  # G20, COVID-19
        return True
    if _LETTERS_AFTER.match(after) and not _UNIT_LETTERS.match(after):
        return True  # 737MAX, 3D
    if _COMPOUND.match(after):  # a 30-year mortgage, a 12-member panel
        return True
    if _TIME.match(after) or _DATE.match(after):  # 3:30, 10 a.m., 11/03/2025, 2025-03-11
        return True
    if previous in MONTHS or _MONTH_AFTER.match(after):
        return True  # March 11, 11 March
    # (each search only where the words it needs are printed: "age", a limit word at the end)
    if ("age" in before.lower() and _AGE.search(before)) or _CALL.search(before):
        return True  # "aged 50 to 74", "starting age from 56", "call 119"
    limit = before[-1:].isspace() and before.rstrip().lower().endswith(_LIMIT_WORDS)
    if limit and _AGE_LIMIT.search(before):
        return not _has_unit_after(after)  # "children under 16": an age limit
    if previous in NAME_WORDS and not _has_unit_after(after):
        return True  # Article 5, No. 1, page 12
    # "Boeing 737", "Group of 20" are names; a capitalised verb or sentence start is not.
    if word_before is not None and _label_name(sentence[:start], after, word_before, before):
        return True
    if _YEAR.fullmatch(token) and not _has_unit_after(after, money=money):
        return True  # a year
    if before.endswith(("-", "\u2013")) and before[-2:-1].isdigit():
        return True  # the second number of "10-12" or "3-1", read with the first
    return _score(token, after)


def _score(token: str, after: str) -> bool:
    """Whether "3-1" is a score (or a code) rather than a range: ranges rise and carry a unit."""
    second = re.match(r"[-\u2013](\d+(?:\.\d+)?)(.*)", after)
    if second is None:
        return False
    try:
        low, high = float(token.replace(",", "")), float(second.group(1))
    except ValueError:
        return True
    rest = second.group(2)
    unit_follows = _has_unit_after(rest) or bool(
        re.match(r"\s+(?!(?:in|on|at|to|and|or|the|a)\b)[a-z]", rest)
    )
    return low >= high or not unit_follows


_PHONE = re.compile(
    r"(?<![\w,.])(?:\+\d[\d ().-]{6,}\d|\(?\d{2,4}\)?[ -]\d{3,4}(?:[ -]\d{3,4})*\b"
    r"|\b0\d{2,4}(?:[ -]\d{2,4}){2,}\b)"
)


def _phones(sentence: str) -> list[tuple[int, int]]:
    """Telephone numbers: a leading +, or groups of digits joined by hyphens or spaces."""
    found = []
    for match in _PHONE.finditer(sentence):
        text = match.group()
        years = re.fullmatch(r"(19|20)\d\d-(19|20)?\d\d", text)  # 2015-2019 is a span of years
        if (text.startswith(("+", "0")) or "-" in text.strip("()")) and not years:
            found.append((match.start(), match.end()))
    return found


def _label_name(full_before: str, after: str, word: re.Match[str], before: str) -> bool:
    """Whether a number is part of a name: right after a capitalised word, inside the sentence.

    "Boeing 737" and "Route 66" are names; "China 610,000 visitors" is a figure with its noun.
    """
    capitalised = word.group(1)[0].isupper() and before.rstrip().endswith(word.group(1))
    if not capitalised:
        return False
    noun = re.match(r"\s*[\d,.]*\s+([^\W\d_]+)", after)
    counted = noun is not None and DEFAULT.term(noun.group(1)) is not None
    initial = not full_before[: len(full_before) - len(before) + word.start()].strip()
    return not counted and not _has_unit_after(after) and not initial


def _has_unit_after(after: str, money: bool = False) -> bool:
    if money:
        return True
    return bool(
        re.match(
            r"\s*(%|percent|per cent|percentage|points?\b|million|billion|trillion|thousand|bn|mn|m\b|k\b)",
            after,
            re.IGNORECASE,
        )
    )


def _money_before(before: str) -> bool:
    return _symbol_before(before) is not None


_FROM_OR_BY = re.compile(r"(?<!\bup )(?<!\bdown )\b(from|by)\s+$", re.IGNORECASE)
"""Before a change's first figure; searched only in the last word (four letters at most)."""


def _span_at(sentence: str, start: int, context: ReadingContext, limit: int | None = None) -> Span | None:
    """The figure starting at ``start``, ending at or before ``limit``; None if none starts there."""
    stop = len(sentence) if limit is None else limit
    head = sentence[:start]
    if limit is None and _FROM_OR_BY.search(head, max(0, len(head.rstrip()) - 4)):
        # "from 4.21 million to 4.75 million" is a change, not the range "4.21 to 4.75 million"
        to = re.search(r"\s+to\s+", sentence[start:])
        if to is not None:
            span = _span_at(sentence, start, context, start + to.start())
            if span is not None:
                return span
    prefix = figure_prefix(sentence[start:stop], context)
    if prefix is None:
        return None
    number_end = start + len(sentence[start : start + prefix.end].rstrip())
    has_unit = prefix.money or prefix.ratio or prefix.role != "value"
    end = min(stop, _noun_end(sentence, number_end, has_unit, context, money=prefix.money))
    for candidate_end in dict.fromkeys((end, number_end)):
        printed = sentence[start:candidate_end].strip().rstrip(",;:")
        if not printed or re.match(r"between (19|20)\d\d and (19|20)\d\d\b", printed, re.I):
            return None  # "between 2015 and 2022" is a span of years
        try:
            reading = read_prefixed(printed, prefix, context)
        except (FigureError, UnknownUnitError):
            continue
        end = start + len(printed)
        figure = _is_figure(reading, printed) or _counted_of(sentence, end, reading)
        figure = figure or _from_to_words(sentence, start, end, reading)
        if (
            not figure
            or _duration_period(sentence, start, reading)
            or _not_a_figure(sentence, end, printed, reading)
        ):
            return None
        return Span(start, end, printed, reading)
    return None


def _duration_period(sentence: str, start: int, reading: Reading) -> bool:
    """ "in the first ten months", "over the past five years": a period, not a figure."""
    from claimcheck import units

    if units.format_unit(reading.unit) not in ("year", "month", "week", "day", "quarter"):
        return False
    if reading.hedge_phrase.lower() == "over":  # "77 percent over six years": during, not more than
        return True
    return _PERIOD_LEAD.search(sentence[:start]) is not None


_PERIOD_LEAD = re.compile(r"\b(the\s+)?(first|last|past|next|coming|previous)\s+$", re.IGNORECASE)


def _is_figure(reading: Reading, printed: str) -> bool:
    """Whether a reading is a figure worth a claim: "one" in "one of the" is not."""
    if reading.has_unit or reading.role != "value" or reading.scale > 1:
        return True
    return any(char.isdigit() for char in printed)


def _from_to_words(sentence: str, start: int, end: int, reading: Reading) -> bool:
    """ "from seven to five": numbers in words on both sides of a change."""
    before, after = sentence[:start], sentence[end:]
    spelled = r"(?:[^\W\d_]+(?:-[^\W\d_]+)?)"
    return reading.nominal is not None and bool(
        (re.search(r"\bfrom\s+$", before) and re.match(rf"\s+to\s+{spelled}\b", after))
        or re.search(rf"\bfrom\s+{spelled}\s+to\s+$", before)
    )


def _not_a_figure(sentence: str, end: int, printed: str, reading: Reading) -> bool:
    """A year span ("between 2015 and 2022"), an ordinal ("a third straight title"), a time."""
    if reading.role == "share" and printed.rsplit(maxsplit=1)[-1].lower() in FRACTION_WORDS:
        following = _NEXT_WORD.match(sentence, end)
        return following is not None and following.group(1).lower() not in ("of", "more", "fewer", "less")
    return False


def _counted_of(sentence: str, end: int, reading: Reading) -> bool:
    """ "Twenty-two of the train's wagons": a number in words counting what follows "of"."""
    many = reading.nominal is not None and reading.nominal >= 2
    return many and bool(_OF_THE.match(sentence, end))


_NEXT_WORD = re.compile(r"\s*([^\W\d_]+)")
_OF_THE = re.compile(r"\s+of\s+(the|its|their|his|her|our|these|those)\b")
_PER_COUNT = re.compile(r"\s*per\s+[\d,]+\s+([^\W\d_]+)")


def _noun_end(sentence: str, start: int, has_unit: bool, context: ReadingContext, money: bool = False) -> int:
    """Where the noun phrase of a figure ends: qualifiers and the noun they qualify.

    Money, percentages, shares and multiples carry their unit already: they may only be
    followed by a per-phrase, and money by "in revenue" and its kind.
    """
    words = [(m.start(), m.end(), m.group()) for m in itertools.islice(_WORD.finditer(sentence, start), 6)]
    words = _contiguous(sentence, start, words)
    vocabulary = context.vocabulary
    end = start
    if not has_unit:
        head = None
        for index in range(len(words)):
            word = words[index][2].lower()
            if word in STOPWORDS:
                break
            phrase = " ".join(word for _, _, word in words[: index + 1])
            if _known_noun(phrase, words[: index + 1], vocabulary):
                head = index
            elif head is not None:
                break
            elif _not_a_qualifier(word):
                longer = words[: index + 2]
                if len(longer) == index + 1 or not _known_noun(
                    " ".join(w for _, _, w in longer), longer, vocabulary
                ):
                    break  # "19 boats taking residents"; but "painting sites" is a noun
        if head is None:
            return _per_end(sentence, start, words, vocabulary)
        if _qualifies_unknown(words, head, vocabulary):
            return start  # "40 container ships": "container" qualifies a noun claimcheck does not know
        end = words[head][1]
        words = words[head + 1 :]
    elif money and len(words) > 1 and words[0][2].lower() == "in" and words[1][2].lower() in MONEY_NOUNS:
        return words[1][1]
    return _per_end(sentence, end, words, vocabulary)


def _not_a_qualifier(word: str) -> bool:
    """ "boats", "taking": an unknown plural noun or a verb ends the search for the noun."""
    return word.endswith("ing") or (word.endswith("s") and not word.endswith(("ss", "us", "is")))


def _qualifies_unknown(words: list[tuple[int, int, str]], head: int, vocabulary: Vocabulary) -> bool:
    if head + 1 >= len(words):
        return False
    word = normalize(words[head][2])
    following = words[head + 1][2]
    singular = len(singular_forms(word)) == 1  # no plural ending to take off
    unknown = following.lower() not in STOPWORDS and following.isalpha() and following.islower()
    return singular and unknown and vocabulary.term(following) is None


def _known_noun(phrase: str, words: list[tuple[int, int, str]], vocabulary: Vocabulary) -> bool:
    for first in range(len(words)):
        term = vocabulary.term(" ".join(word for _, _, word in words[first:]))
        if term is not None and term.kind != "currency":
            return True
    return False


def _per_end(sentence: str, end: int, words: list[tuple[int, int, str]], vocabulary: Vocabulary) -> int:
    number = _PER_COUNT.match(sentence, end)
    if number and vocabulary.term(number.group(1)) is not None:
        return number.end()  # "12 cases per 100,000 people"
    if not words:
        return end
    first = words[0][2].lower()
    if first in ("per", "a", "an") and len(words) > 2 and vocabulary.term(f"{words[1][2]} {words[2][2]}"):
        return words[2][1]  # "per passenger trip"
    if first in ("per", "a", "an") and len(words) > 1:
        second = words[1][2].lower()
        following = words[2][2].lower() if len(words) > 2 else ""
        if second in _PERIOD_WORDS and following in ("earlier", "ago", "before", "later"):
            return end  # "a year earlier" is what the figure is compared with
        if second in ("capita", "head") or vocabulary.term(second) is not None:
            return words[1][1]
    every = first == "for" and len(words) > 2 and words[1][2].lower() in ("every", "each")
    if every and vocabulary.term(words[2][2]) is not None:
        return words[2][1]
    return end


def _contiguous(sentence: str, start: int, words: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The words that follow ``start`` with nothing but spaces between them."""
    kept = []
    position = start
    for word in words:
        if sentence[position : word[0]].strip():
            break
        kept.append(word)
        position = word[1]
    return kept


__all__ = ["MONEY_NOUNS", "Span", "find_spans"]
