"""Reading a printed figure ("more than 10 million visitors", "$7.66 billion") as an interval.

This is where "55.6 billion yuan" becomes [55.55, 55.65) billion CNY. Every word of the
figure is accounted for, in this order (the README's figure grammar table says the same):

    [hedge] [sign] [currency] NUMBER [range] [scale] [percent|points] [currency]
    [qualifiers] [noun] [per-phrase] [in/of description]

A word that is none of these is an error with its place and the closest known word: a figure
is never read from part of its string. The rounding rules:

- A decimal figure stands for the values that round to it: "55.6" is [55.55, 55.65).
- An integer with a scale word is precise to one unit of that scale: "65 million" is
  [64.5, 65.5) million.
- A bare integer is precise to its last non-zero digit, because trailing zeros in news
  copy are usually rounding: "1,200" is [1150, 1250), "215" is [214.5, 215.5). A claim
  overrides this with ``precision`` or declares an exact count with ``exact``.
- A number, fraction or multiple spelled out ("nine", "a third", "twice") is exact.
- A hedge word at the start ("nearly", "more than") changes the interval as the table in
  :mod:`claimcheck.hedges` says.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import field
from typing import Any, Literal, NamedTuple

from claimcheck import numerals, vocabulary
from claimcheck.amounts import Amount
from claimcheck.exact import Exact, from_text
from claimcheck.hedges import PHRASES, Hedge, HedgeKind
from claimcheck.identity import ValueMemo
from claimcheck.intervals import INF, Interval
from claimcheck.limits import MAX_FIGURE_LENGTH, MAX_PRECISION_DIGITS
from claimcheck.numerals import Number, NumberError
from claimcheck.units import (
    Unit,
    UnknownUnitError,
    dimensionless,
    divide,
    parse_unit,
    unit_of,
    unit_words,
)
from claimcheck.valueclass import value_class
from claimcheck.vocabulary import DEFAULT, Term, Vocabulary

SCALES: dict[str, tuple[str, int]] = {
    "thousand": ("thousand", 10**3),
    "k": ("thousand", 10**3),
    "million": ("million", 10**6),
    "mn": ("million", 10**6),
    "mln": ("million", 10**6),
    "m": ("million", 10**6),
    "billion": ("billion", 10**9),
    "bn": ("billion", 10**9),
    "bln": ("billion", 10**9),
    "b": ("billion", 10**9),
    "trillion": ("trillion", 10**12),
    "tn": ("trillion", 10**12),
    "trn": ("trillion", 10**12),
    "lakh": ("lakh", 10**5),
    "crore": ("crore", 10**7),
    "lakh crore": ("lakh crore", 10**12),
}
"""Scale words and abbreviations (case-insensitive), with the word shown back and the factor."""

RATIO_WORDS: tuple[tuple[str, str], ...] = (
    ("percentage points", "percentage_point"),
    ("percentage point", "percentage_point"),
    ("basis points", "basis_point"),
    ("basis point", "basis_point"),
    ("per cent", "percent"),
    ("percent", "percent"),
    ("points", "percentage_point"),
    ("point", "percentage_point"),
    ("ppts", "percentage_point"),
    ("ppt", "percentage_point"),
    ("pts", "percentage_point"),
    ("bps", "basis_point"),
    ("pct", "percent"),
    ("pp", "percentage_point"),
    ("bp", "basis_point"),
    ("%", "percent"),
)
"""Words that make a figure a percentage, in points or basis points; longest first."""

FRACTION_WORDS: dict[str, int] = {
    "half": 2,
    "halves": 2,
    "third": 3,
    "thirds": 3,
    "quarter": 4,
    "quarters": 4,
    "fifth": 5,
    "fifths": 5,
    "sixth": 6,
    "sixths": 6,
    "seventh": 7,
    "sevenths": 7,
    "eighth": 8,
    "eighths": 8,
    "ninth": 9,
    "ninths": 9,
    "tenth": 10,
    "tenths": 10,
}
"""Fractions printed in words ("a third", "two-thirds"): the denominator."""

CHANGE_WORDS: dict[str, Exact] = {
    "doubled": Exact(100),
    "tripled": Exact(200),
    "trebled": Exact(200),
    "quadrupled": Exact(300),
    "halved": Exact(-50),
}
"""Verbs that print a change in percent: "doubled" is up 100 percent."""

INCREASE_NOUNS = ("increase", "rise", "jump", "gain", "growth", "surge", "expansion")
"""Nouns after a multiple that make it a change: "a fivefold increase" is up 400 percent."""

_NUMBER_START_WORDS = (
    *(phrase for phrase, _ in PHRASES),
    *numerals.NUMBER_WORDS,
    *SCALES,
    *FRACTION_WORDS,
    *CHANGE_WORDS,
    "dozen",
    "couple",
    "twice",
    "between",
)
_PERIOD_LEADS = frozenset(("last", "this", "next", "past", "previous", "same"))
_PERIOD_UNITS = frozenset(("year", "years", "month", "months", "week", "weeks", "quarter", "day", "decade"))
_MAX_IN_M = 1000
"""The largest M of a share printed "N in M": "one in three", "1 in 1,000"."""
_SCALE_PHRASES = tuple(SCALES)
_CHANGE_PHRASES = tuple(CHANGE_WORDS)
_FRACTION_PHRASES = tuple(FRACTION_WORDS)
_RATIO_PHRASES = tuple(phrase for phrase, _ in RATIO_WORDS)
_RATIO_UNITS = dict(RATIO_WORDS)
_HEDGE_PHRASES = tuple(phrase for phrase, _ in PHRASES)
_HEDGES_BY_PHRASE = dict(PHRASES)
DESCRIPTION_WORDS = frozenset(("in", "of", "on", "at", "from", "across", "among", "during", "for", "with"))
"""Words that start a description of what a figure counts: "yuan in revenue", "of GDP"."""

BOUND_KINDS = (HedgeKind.ABOVE, HedgeKind.AT_LEAST, HedgeKind.BELOW, HedgeKind.AT_MOST)
APPROXIMATE_KINDS = (HedgeKind.APPROXIMATE, HedgeKind.BELOW_CLOSE)
Role = Literal["value", "share", "ratio", "change"]

_KEYWORDS = tuple(
    sorted(
        {"thousand", "million", "billion", "trillion", "percent", "percentage", "points", "hundred"}
        | {"dozen", "couple", "basis", "lakh", "crore", "twice", "times", "fold"}
        | {word for word in numerals.NUMBER_WORDS if len(word) >= 5}
        | {"third", "thirds", "quarter", "quarters", "fifth", "fifths", "tenth", "tenths", "half"}
    )
)
"""Words a misspelling of which must not be taken for a qualifier: "milion" is an error."""
_KEYWORD_SET = frozenset(_KEYWORDS)


class FigureError(ValueError):
    """A printed figure that cannot be read; ``offset`` is where in the printed string."""

    def __init__(self, message: str, offset: int = 0) -> None:
        super().__init__(message)
        self.offset = offset


class UnknownWordError(FigureError):
    """A word where a unit or counted noun belongs that the vocabulary does not know."""


@value_class()
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


_NO_OPTIONS = FigureOptions()
"""The default reading (options are immutable: one instance serves every figure)."""


class ReadingContext(NamedTuple):
    """What the article says about how its figures are printed."""

    locale: str | None = None
    """The article's locale ("en", "de-CH"): decides the decimal mark and local currencies."""
    currency_hints: tuple[str, ...] = ()
    """Currencies that ambiguous symbols stand for in this article: ("JPY",) for ¥."""
    vocabulary: Vocabulary = DEFAULT


PLAIN = ReadingContext()


@value_class(repr=False, eq=False)
class Reading:
    """A printed figure and everything claimcheck read from it."""

    printed: str
    interval: Interval
    unit: Unit
    nominal: Exact | None
    """The figure's own value, when it is a value and not a bound ("more than X")."""
    scale_word: str
    scale: int
    hedge: Hedge | None
    hedge_phrase: str
    noun: str
    steps: tuple[str, ...] = field(default=())
    """How the figure was read, in words, for ``explain``."""
    role: Role = "value"
    """What the figure is: a value, a share ("a third"), a ratio ("twice"), a change ("doubled")."""
    has_unit: bool = False
    """Whether the figure printed its unit (a currency, percent, a noun) or got it from options."""
    strict: Interval | None = None
    """The strict reading, when the loose one is wider: "1,200" to the unit, [1199.5, 1200.5)."""
    loose_rounding: str = ""
    """What the loose reading assumes, in words: "rounded to the nearest hundred"."""

    @property
    def loose_note(self) -> str:
        """The loose reading's assumption about this figure: "'1,200' is rounded to the nearest hundred"."""
        return f"{self.printed!r} is {self.loose_rounding}" if self.loose_rounding else ""

    @functools.cached_property
    def amount(self) -> Amount:
        """The amount the printed figure stands for, with both of its readings (made once: a
        reading is shared by every figure printed the same way)."""
        loose = (self.loose_note,) if self.loose_rounding else ()
        approximate = self.hedge is not None and self.hedge.kind in APPROXIMATE_KINDS
        hedged = (repr(self.printed),) if approximate else ()
        return Amount(self.interval, self.unit, self.nominal, self.strict, loose, hedged)


class _Parsed:
    """What the scanner has found so far."""

    __slots__ = (
        "currency",
        "number",
        "number2",
        "per_count",
        "ratio",
        "role",
        "scale",
        "scale_first",
        "scale_word",
        "steps",
        "term_factor",
    )

    def __init__(self) -> None:
        self.number: Number | None = None
        self.number2: Number | None = None
        self.role: Role = "value"
        self.scale_word = ""
        self.scale = 1
        self.scale_first = False
        self.ratio = ""
        self.currency: tuple[str, str, int] | None = None
        """(code, as printed, offset)."""
        self.per_count = _ONE
        """The number of a per-phrase: 100,000 in "12 cases per 100,000 people"."""
        self.term_factor = _ONE
        """A declared multiple: 2 for "double room: 2 bed"."""
        self.steps: list[str] = []

    def kept(self) -> tuple[Any, ...]:
        """Everything found but the number and the steps, for :meth:`restore`."""
        return (
            self.currency,
            self.number2,
            self.per_count,
            self.ratio,
            self.role,
            self.scale,
            self.scale_first,
            self.scale_word,
            self.term_factor,
        )

    def restore(self, kept: tuple[Any, ...]) -> None:
        """Set everything :meth:`kept` holds (attribute by attribute: no loop over names)."""
        (
            self.currency,
            self.number2,
            self.per_count,
            self.ratio,
            self.role,
            self.scale,
            self.scale_first,
            self.scale_word,
            self.term_factor,
        ) = kept

    def copy(self) -> _Parsed:
        """A copy to read on from, with its own list of steps."""
        copied = _Parsed.__new__(_Parsed)
        for name in _Parsed.__slots__:
            setattr(copied, name, getattr(self, name))
        copied.steps = list(self.steps)
        return copied


_ONE = Exact(1)
_ZERO = Exact(0)
_SCALE_FACTORS = {factor: Exact(factor) for _, factor in SCALES.values()}

_SPACES = "\u00a0\u2007\u2009\u202f"
_ASCII_SPACES = str.maketrans("\t\n\r\f\v", "     ")
_DASHES = "\u2013\u2014"
_RANGE_CONNECTORS = ("to", "-", *_DASHES)
_WORD = re.compile(r"[^\W\d_]+(?:['-][^\W\d_]+)*")


def _normalize(printed: str) -> tuple[str, str]:
    """The figure with one character for each printed one: (text, lower-cased text).

    Unicode digits become ASCII, typographic spaces, minus and apostrophes their plain forms,
    and compatibility forms (fullwidth letters, the long s) their NFKC letter. Characters whose
    normal or lower-case form is longer (the dotted capital I) are kept as they are, so that
    every offset in the text is an offset in the printed figure.
    """
    if printed.isascii():  # the common case: nothing to map but white space
        text = printed if printed.isprintable() else printed.translate(_ASCII_SPACES)
        return text, text.lower()
    chars = []
    for char in printed:
        if char.isdecimal():
            chars.append(str(unicodedata.decimal(char)))
        elif char in _SPACES or char.isspace():
            chars.append(" ")
        elif char == "\u2212":
            chars.append("-")
        elif char in "\u2019\u2018":
            chars.append("'")
        else:
            form = unicodedata.normalize("NFKC", char)
            chars.append(form if len(form) == 1 and unicodedata.category(char) != "No" else char)
    text = "".join(chars)
    lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return text, lowered


@functools.lru_cache(maxsize=2048)
def read_figure(
    printed: str, options: FigureOptions | None = None, context: ReadingContext = PLAIN
) -> Reading:
    """Read one printed figure; raises :class:`FigureError` with the reason and place.

    Readings are immutable, so repeated figures ("16.2 percent") are read once.
    """
    options = options or _NO_OPTIONS
    if not printed.strip():
        raise FigureError("the figure is empty")
    if len(printed) > MAX_FIGURE_LENGTH:
        raise FigureError(f"the figure is longer than {MAX_FIGURE_LENGTH} characters")
    return _Scanner(printed, options, context).read()


_TAILS: ValueMemo[tuple[Any, ...], tuple[Unit, str, bool, tuple[str, ...], Exact, Exact]] = ValueMemo()
"""What :meth:`_Scanner.tail` made of the words after a number part (see
:meth:`_Scanner.known_tail`), by everything it reads (an archive's figures end in a few dozen
ways)."""


class _Shape(NamedTuple):
    """What a figure of a common shape was read as, but for its number (see
    :meth:`_Scanner.shape_key`)."""

    parts: tuple[Hedge | None, str, Unit, str, bool]
    """The hedge, the hedge as printed, the unit, the noun, whether a unit was printed."""
    state: tuple[Any, ...]
    """What the scanner found before the interval (:meth:`_Parsed.kept`)."""
    steps: tuple[str, ...]


_SHAPES: ValueMemo[tuple[Any, ...], _Shape] = ValueMemo()
"""Figures of the common shapes read before, by :meth:`_Scanner.shape_key` (an archive's
figures come in a few hundred)."""


class _Scanner:
    """One pass over a printed figure, left to right, part by part."""

    def __init__(self, printed: str, options: FigureOptions, context: ReadingContext) -> None:
        self.printed = printed
        self.text, self.low = _normalize(printed)
        self.pos = 0
        self.options = options
        self.context = context
        self.found = _Parsed()
        self._runs: dict[int, list[tuple[str, int]]] = {}
        self.lookahead = 0
        """The furthest character read past the place reached that decided how far to go."""

    # helpers ------------------------------------------------------------------------------
    def error(self, message: str, at: int | None = None) -> FigureError:
        return FigureError(message, self.pos if at is None else at)

    def space(self) -> None:
        while self.pos < len(self.low) and self.low[self.pos] == " ":
            self.pos += 1

    def phrase(self, phrases: tuple[str, ...], boundary: bool = True) -> str | None:
        """The longest of ``phrases`` (lower case) printed at the current place, consumed.

        Words of a phrase may be printed with spaces or hyphens between them; with
        ``boundary``, a phrase that ends in a letter must not run on into another letter.
        Phrases of words are looked up word by word (a large vocabulary costs a dictionary
        lookup, not a compiled alternation); symbols go through one cached regular expression.
        """
        words, literals, longest, firsts = _split_phrases(phrases)
        start = self.pos
        if self.low[start : start + 1] not in firsts:
            return None  # every phrase found starts with the character printed here
        letter = self.low[start : start + 1].isalpha()
        if not letter and not literals:
            return None  # words start with a letter: nothing to look up here
        found = self.words(words, longest) if words and boundary and letter else None
        best = (self.pos, found) if found is not None else (start, None)
        self.pos = start
        for literal in literals:
            end = start + len(literal)
            if not self.low.startswith(literal, start) or end <= best[0]:
                continue
            if boundary and literal[-1].isalnum() and self.low[end : end + 1].isalpha():
                continue
            best = (end, literal)
        self.pos = best[0]
        return best[1]

    def words(self, table: dict[str, str], longest: int = 4) -> str | None:
        """The longest run of up to four words at the current place that ``table`` holds.

        ``longest`` is the most words a key of ``table`` has: longer runs are not looked up.
        """
        runs = self.runs()
        for key, end in runs[max(0, len(runs) - longest) :]:
            if self.low[end : end + 1] == "." and key + "." in table:  # "kr.", "Rs."
                self.pos = end + 1
                return table[key + "."]
            if key in table:
                self.pos = end
                return table[key]
        return None

    def runs(self) -> list[tuple[str, int]]:
        """The runs of one to four words at the current place, longest first, with their ends.

        Every table (hedges, scales, currencies, percent words) is looked up in the same runs,
        so they are cut once per place.
        """
        cached = self._runs.get(self.pos)
        if cached is not None:
            return cached
        found: list[tuple[str, int]] = []
        run = _WORD_RUN.match(self.low, self.pos)
        if run is not None:
            # words joined by single spaces, as the tables' keys are: "per cent", "lakh crore"
            key = ""
            for word in _WORD_IN_RUN.finditer(self.low, self.pos, run.end()):
                key = f"{key} {word.group()}" if key else word.group()
                found.append((key, word.end()))
            found.reverse()
        self._runs[self.pos] = found
        return found

    def symbol(self, symbols: dict[str, str]) -> str | None:
        """The longest currency symbol at the current place (symbols are short), consumed."""
        for length in range(min(_LONGEST_SYMBOL, len(self.low) - self.pos), 0, -1):
            candidate = self.low[self.pos : self.pos + length]
            if candidate in symbols:
                self.pos += length
                return candidate
        return None

    def word_here(self) -> str:
        match = _WORD.match(self.text, self.pos)
        return match.group() if match else self.text[self.pos : self.pos + 1]

    # the figure ----------------------------------------------------------------------------
    def read(self) -> Reading:
        shape = self.shape_key()
        if shape is not None:
            known = _SHAPES.get(shape[0])
            if known is not None:
                reading = self.known_shape(known, shape[1])
                if reading is not None:
                    return reading
        number_part = self.quick_number_part()
        if number_part is None:
            self.restart()
            number_part = self.number_part()
            quick = False
        else:
            quick = True
        sign, hedge, hedge_phrase = number_part
        unit, noun, has_unit = self.known_tail()
        if quick and shape is not None:
            parts = (hedge, hedge_phrase, unit, noun, has_unit)
            _SHAPES.remember(shape[0], _Shape(parts, self.found.kept(), tuple(self.found.steps)))
        return self.reading(sign, hedge, hedge_phrase, unit, noun, has_unit)

    def shape_key(self) -> tuple[tuple[Any, ...], str] | None:
        """What a figure of a common shape is read by, but for the digits of its number, and
        those digits (lower case); None for a figure of another shape.

        Figures differ mostly by their numbers: "55.6 billion yuan", "55.7 billion yuan". All
        that :meth:`quick_number_part` and :meth:`known_tail` make of everything else depends
        on the characters around the number as printed and as read (see :func:`_normalize`),
        where the number ends, the unit set in the claim file and the reading context; never on
        the number's digits, which :meth:`known_shape` reads afresh. Keep it so: a step of the
        quick path that looks at the number's value must not be replayed from a shape (the
        property test of tests/test_figure_quick_path.py compares replays with reading alone).
        """
        match = _quick_tables().shape.fullmatch(self.low)
        if match is None:
            return None
        start, end = match.span("number")
        key = (
            self.printed[:start],
            self.text[:start],
            end - start,
            self.printed[end:],
            self.text[end:],
            self.options.unit,
            self.context,
        )
        return key, match["number"]

    def known_shape(self, known: _Shape, digits: str) -> Reading | None:
        """The reading of a figure of a shape read before (see :meth:`shape_key`), with the
        number ``digits``: the scanner's state after the words is replayed. None for digits
        that the quick path leaves to the scanner, which reads or refuses them."""
        try:
            number = numerals.read_digits(digits, self.context.locale)
        except NumberError:
            return None
        found = self.found
        found.restore(known.state)
        found.number = number
        found.steps = list(known.steps)
        return self.reading(1, *known.parts)

    def known_tail(self) -> tuple[Unit, str, bool]:
        """:meth:`tail`, looked up by everything it reads when the same words were read after
        the same number part before.

        Figures differ mostly by their numbers: "385 projects", "120 projects". What
        :meth:`tail` makes of the words after the number depends on those words, where they
        start, what the number part found (currency, ratio, role, factors), the unit set in
        the claim file and the reading context, never on the number: so it is read once per
        such key, and its steps and factors are replayed. A tail that raises is not kept.
        """
        found = self.found
        pos = self.pos
        key = (
            # The words as printed and as read: how a figure is normalised depends on all of it
            # (a non-ASCII figure has more characters read as spaces, see _normalize).
            self.printed[pos:],
            self.text[pos:],
            self.low[pos:],
            pos,
            found.currency,
            found.ratio,
            found.role,
            found.term_factor,
            found.per_count,
            self.options.unit,
            self.context,
        )
        known = _TAILS.get(key)
        if known is None:
            before = len(found.steps)
            unit, noun, has_unit = self.tail()
            _TAILS.remember(
                key, (unit, noun, has_unit, tuple(found.steps[before:]), found.term_factor, found.per_count)
            )
            return unit, noun, has_unit
        unit, noun, has_unit, steps, found.term_factor, found.per_count = known
        found.steps += steps
        return unit, noun, has_unit

    def restart(self) -> None:
        """Back to the start of the figure, with nothing found."""
        self.pos = 0
        self.found = _Parsed()
        self._runs = {}
        self.lookahead = 0

    def quick_number_part(self) -> tuple[int, Hedge | None, str] | None:
        """:meth:`number_part` for the common shapes ("$4.88 billion", "about 40 percent",
        "1.2 million tourists"); None for any other, to be read by :meth:`number_part`.

        One regular expression splits the figure into an optional hedge, "$", the digits and
        words; the words that could start a part of the number (a scale word, percent, a
        currency) are found by their first word in tables made once, so that the lookups that
        would find nothing are not made. The parts found are read by the scanner's own methods,
        in :meth:`number_part`'s order, and every place the scanner would stop at is the same:
        the state it leaves is the one :meth:`number_part` leaves. Whatever the tables cannot
        decide, and any error, goes to :meth:`number_part`, which reads or refuses it as ever.
        """
        tables = _quick_tables()
        match = tables.shape.fullmatch(self.low)
        if match is None:
            return None
        found = self.found
        hedge: Hedge | None = None
        hedge_phrase = ""
        printed_hedge = match["hedge"]
        if printed_hedge is not None:
            # The hedge is the whole run of words before the number: the longest run the
            # scanner would look up, so the one it finds when the table holds it.
            phrase = tables.hedges.get(printed_hedge)
            if phrase is None:
                return None
            hedge = _HEDGES_BY_PHRASE[phrase]
            hedge_phrase = self.printed[: len(printed_hedge)].strip()
        try:
            if match["symbol"] is not None:
                at = match.start("symbol")
                self.set_currency(tables.dollar, self.text[at : at + 1], at)
            try:
                found.number = numerals.read_digits(match["number"], self.context.locale)
            except NumberError:
                return None
            self.pos = match.end("number")
            tokens = match["rest"].split()
            if match["percent"] is not None:
                self.quick_percent(tokens, tables)
            elif tokens and not self.quick_words(tokens, tables):
                return None
        except FigureError:
            return None
        return 1, hedge, hedge_phrase

    def quick_words(self, tokens: list[str], tables: _QuickTables) -> bool:
        """The rest of :meth:`quick_number_part`: the words after the number (``tokens``, one
        space apart) that belong to the number part; False for what it leaves to the scanner."""
        found = self.found
        rest = self.pos  # where the words after the number start, with a space
        firsts = [token.partition("-")[0] for token in tokens]
        if firsts[0] in tables.stops:
            return False  # a share ("5 in 8"), a multiple ("5 times"): not here
        self.pos += 1  # scale() skips the space before the next word
        at = 0  # the token the scanner has reached
        if firsts[0] in tables.scales:
            if tokens[0] in tables.scales:
                self.pos += len(tokens[0])
                self.scale_found(tokens[0], False)
                at = 1
            else:  # "million-strong"
                self.scale()
                at = self.token_after(tokens, 0, rest)
        if at < 0 or (at < len(tokens) and firsts[at] in tables.stops):
            return False  # a scale word that ends inside a word; a range: "65 million to 70 million"
        mark = self.pos
        if at < len(tokens):
            self.pos = _token_start(tokens, at, rest)  # the space the scanner skips
            if firsts[at] in tables.ratios:
                if tokens[at] in tables.ratio_words:
                    self.pos += len(tokens[at])
                    self.ratio_found(tables.ratio_words[tokens[at]])
                else:  # "percentage points": more than one word
                    mark = self.ratio(mark)
                if found.ratio:
                    mark = self.pos
                    at = self.token_after(tokens, at, rest)
                    if at < 0:
                        return False
                    self.space()
        if at < len(tokens):
            self.quick_suffix(tokens[at], firsts[at], tables)
        if found.currency is None or found.currency[2] < mark:
            self.pos = max(self.pos, mark)
        return True

    def quick_percent(self, tokens: list[str], tables: _QuickTables) -> None:
        """The rest of :meth:`quick_number_part` after "%" printed right after the number
        ("14.0%"): nothing between them is looked up, and only a currency may follow it."""
        self.pos += 1
        self.ratio_found("%")
        mark = self.pos
        if tokens:
            self.pos += 1  # the space the scanner skips
            self.quick_suffix(tokens[0], tokens[0].partition("-")[0], tables)
        if self.found.currency is None or self.found.currency[2] < mark:
            self.pos = max(self.pos, mark)

    def quick_suffix(self, token: str, first: str, tables: _QuickTables) -> None:
        """A currency printed after the number, at the current place, where ``token`` starts."""
        if first not in tables.suffixes:
            return
        meaning = tables.suffix_words.get(token)
        if meaning is None:  # "hong kong dollars": more than one word
            self.currency_suffix()
        else:
            start = self.pos
            self.pos += len(token)
            self.set_currency(meaning, self.text[start : self.pos], start)

    def token_after(self, tokens: list[str], at: int, rest: int) -> int:
        """The token after the one a part that started at token ``at`` ended with (at the
        current place); -1 when it ended inside a word ("million-strong")."""
        end = _token_start(tokens, at, rest) - 1
        for index in range(at, len(tokens)):
            end += 1 + len(tokens[index])
            if end >= self.pos:
                return index + 1 if end == self.pos else -1
        return -1

    def number_part(self) -> tuple[int, Hedge | None, str]:
        """Everything before the noun: hedge, sign, currency, number, range, scale, percent."""
        found = self.found
        self.space()
        hedge_start = self.pos
        hedge = self.hedge()
        hedge_phrase = self.printed[hedge_start : self.pos].strip() if hedge else ""
        self.space()
        sign = -1 if self.phrase(("-",), boundary=False) else 1
        if sign == 1:
            self.phrase(("+",), boundary=False)
        self.currency_prefix()
        self.space()
        self.number()
        if found.role == "value":
            self.scale()
            self.range()
        mark = self.pos
        self.space()
        mark = self.ratio(mark)
        self.space()
        self.currency_suffix()
        if self.found.currency is None or self.found.currency[2] < mark:
            self.pos = max(self.pos, mark)
        return sign, hedge, hedge_phrase

    def ratio(self, mark: int | None = None) -> int:
        """Percent or points at the current place; returns where the number part ends: after
        them, else at ``mark`` (the place before the space the scanner skipped)."""
        ratio = self.phrase(_RATIO_PHRASES)
        if ratio is None:
            return self.pos if mark is None else mark
        self.ratio_found(ratio)
        return self.pos

    def ratio_found(self, ratio: str) -> None:
        """Record the percent or points phrase ``ratio`` (of :data:`RATIO_WORDS`)."""
        found = self.found
        found.ratio = _RATIO_UNITS[ratio]
        if found.ratio == "basis_point":  # read as the points they are hundredths of
            found.ratio, found.term_factor = "percentage_point", Exact(1, 100)
            found.steps.append("basis points: hundredths of a percentage point")
        found.steps.append("unit: " + ("percent" if found.ratio == "percent" else found.ratio))

    def hedge(self) -> Hedge | None:
        phrase = self.phrase(_HEDGE_PHRASES)
        return None if phrase is None else _HEDGES_BY_PHRASE[phrase]

    # currencies ----------------------------------------------------------------------------
    def currency_prefix(self) -> None:
        start = self.pos
        if self.low[start : start + 1] not in _prefix_symbol_starts():
            return  # no symbol starts with the character printed here (a digit, mostly)
        symbol = self.symbol(_prefix_symbols())
        if symbol is None:
            return
        printed = self.text[start : self.pos]
        letters = symbol.replace(".", "").isalpha()
        after = self.low[self.pos : self.pos + 1]
        if letters and after.isalpha():  # "Rspeople": not a symbol
            self.pos = start
            return
        if symbol == "r" and not after.isdigit():  # "R" is the rand only right before digits
            self.pos = start
            return
        self.set_currency(_prefix_symbols()[symbol], printed, start)

    def currency_suffix(self) -> None:
        start = self.pos
        word = self.phrase(_suffix_phrases())
        if word is None:
            return
        if self.pos < len(self.low) and self.low[self.pos].isalpha():
            self.pos = start
            return
        self.set_currency(_suffix_words()[word], self.text[start : self.pos], start)

    def set_currency(self, meaning: str, printed: str, at: int) -> None:
        """Record the currency ``meaning`` (a code, or "?word" for an ambiguous one)."""
        code = meaning
        if meaning.startswith("?"):
            ambiguity = vocabulary.ambiguities()[meaning[1:]]
            resolved, how = vocabulary.resolve_ambiguity(
                ambiguity, self.context.currency_hints, self.context.locale
            )
            if resolved is None:
                raise self.error(how, at)
            code = resolved
            self.found.steps.append(how)
        previous = self.found.currency
        if previous is not None and previous[0] != code:
            raise self.error(
                f"two currencies in one figure: {previous[1]!r} ({previous[0]}) and {printed!r} ({code})", at
            )
        self.found.currency = (code, printed, at)

    # the number ----------------------------------------------------------------------------
    def number(self) -> None:
        start = self.pos
        if self.phrase(("between",)) is not None:
            self.space()
            self.currency_prefix()  # "between $10.1 billion and $10.3 billion"
            self.space()
            self.plain_number(first=True)
            self.scale(first=True)
            self.space()
            if self.phrase(("and",)) is None:
                raise self.error(f"'between' needs 'and' after {self.text[start : self.pos].strip()!r}")
            self.space()
            if self.found.currency is not None:
                self.currency_prefix()
                self.space()
            self.second_number()
            return
        words = self.low[self.pos : self.pos + 1].isalpha()  # shares and multiples are words
        if words and (self.change_word() or self.fraction() or self.multiple_word()):
            return
        self.plain_number(first=True)
        self.after_number()

    def plain_number(self, first: bool) -> Number:
        """Digits or number words at the current place."""
        found = self.found
        start = self.pos
        letter = self.low[start : start + 1].isalpha()  # numbers in words start with a letter
        words = numerals.match_words(self.low, self.pos) if letter else None
        if words is None and letter and self._a_scale():
            words = Number(Exact(1), Exact(0), True, False), self.pos
        if words is not None:
            number, end = words
            self.pos = end
        else:
            match = numerals.DIGITS.match(self.low, self.pos)
            if match is None:
                word = self.word_here()
                if word.lower() in ("a", "an", "one", "half"):  # "a milion", "a dozn": the next word
                    self.pos += len(word)
                    self.space()
                    word = self.word_here() or word
                close = _close(word, _NUMBER_START_WORDS)
                hint = f"; did you mean {close!r}?" if close else ""
                rest = self.text[self.pos :].strip()
                what = f"at {rest[:30]!r}" if rest else "at the end"
                raise self.error(f"expected a number {what}{hint}")
            if EXPONENT_AFTER.match(self.low, match.end()):
                raise self.error(
                    f"{self.text[start : match.end() + 3]!r}: exponent notation is not read;"
                    " write the figure as the article prints it ('5 million')",
                    start,
                )
            try:
                number = numerals.read_digits(match.group(), self.context.locale)
            except NumberError as error:
                raise self.error(str(error), start + error.offset) from error
            self.pos = match.end()
        if first:
            found.number = number
        else:
            found.number2 = number
        return number

    def _a_scale(self) -> bool:
        """Whether "a" or "an" before a scale word ("a million") stands here; consumes it."""
        start = self.pos
        if self.phrase(("a", "an")) is not None:
            self.space()
            if self.phrase(_SCALE_PHRASES) is not None:
                self.pos = start + 1 + (self.low[start + 1] == "n")
                return True
        self.pos = start
        return False

    def after_number(self) -> None:
        """What may turn a number into a share, a multiple or a change: "in 3", "times", "-fold"."""
        found = self.found
        number = found.number
        assert number is not None
        mark = self.pos
        self.space()
        if self.phrase(("in", "out of")) is not None:
            self.space()
            if (
                numerals.match_words(self.low, self.pos) is None
                and not self.low[self.pos : self.pos + 1].isdigit()
            ):
                self.pos = mark  # "5 in revenue": a description, read later
                return
            whole = self.plain_number(first=False)
            found.number2 = None
            if not 0 < number.value < whole.value <= _MAX_IN_M or number.decimals or whole.decimals:
                self.pos = mark  # "9876 in 2021" is not a share: "in 2021" is read later
                return
            self.set_role(
                "share", number.value / whole.value * 100, f"{_plain(number.value)} in {_plain(whole.value)}"
            )
            return
        self.pos = mark
        fold = self.phrase(("-fold", "fold", "x", " times", "times"))
        if fold is not None:
            self.multiple(number.value if number.spelled else None, number)

    def change_word(self) -> bool:
        word = self.phrase(_CHANGE_PHRASES)
        if word is None:
            return False
        self.set_role("change", CHANGE_WORDS[word], f"{word!r}")
        return True

    def fraction(self) -> bool:
        start = self.pos
        numerator = 1
        lead = self.phrase(("a", "an", "one"))
        if lead is None:
            words = numerals.match_words(self.low, self.pos)
            if words is not None and words[0].value > 1:
                numerator, self.pos = int(words[0].value), words[1]
        if (lead is not None or numerator > 1) and self.low[self.pos : self.pos + 1] in (" ", "-"):
            self.pos += 1
        half_scale = self.phrase(("half a", "half an"))
        if half_scale is not None and lead is None and numerator == 1:
            self.space()
            scale_word = self.phrase(_SCALE_PHRASES)
            if scale_word is not None:
                name, factor = SCALES[scale_word]
                self.found.number = Number(Exact(factor, 2), Exact(0), True, False)
                self.found.steps.append(f"'half a {name}': {factor // 2:,}")
                return True
        self.pos = start if half_scale is not None else self.pos
        word = self.phrase(_FRACTION_PHRASES)
        if word is None:
            self.pos = start
            return False
        if word.endswith("s") != (numerator > 1) and word not in ("half",):
            raise self.error(f"{self.text[start : self.pos]!r}: write 'a third' or 'two thirds'", start)
        value = Exact(numerator, FRACTION_WORDS[word]) * 100
        self.set_role("share", value, repr(self.text[start : self.pos]))
        return True

    def multiple_word(self) -> bool:
        start = self.pos
        if self.phrase(("twice",)) is not None:
            self.set_role("ratio", Exact(2), "'twice'")
            return True
        article = self.phrase(("a", "an"))
        self.space()
        folded = _FOLD_WORD.match(self.low, self.pos)
        words = numerals.match_words(self.low, self.pos)
        if folded is not None:  # "fivefold", "ten-fold"
            self.pos = folded.end()
            value = Exact(numerals.NUMBER_WORDS[folded["word"]])
            self.multiple(value, Number(value, Exact(0), True, False))
            return True
        if words is not None:
            self.pos = words[1]
            if self.phrase(("-fold", "fold", " times")) is not None:
                self.multiple(words[0].value, words[0])
                return True
        elif article is not None and numerals.DIGITS.match(self.low, self.pos):
            self.plain_number(first=True)
            if self.phrase(("-fold", "fold")) is not None:
                assert self.found.number is not None
                self.multiple(None, self.found.number)
                return True
        self.pos = start
        self.found.number = None
        return False

    def multiple(self, exact: Exact | None, number: Number) -> None:
        """A multiple ("five times", "2.5-fold"), or a change when a noun of growth follows."""
        mark = self.pos
        self.space()
        if self.phrase(INCREASE_NOUNS) is not None:
            self.found.role = "change"
            self.found.steps.append(
                f"a {_plain(number.value)}-fold increase: the value times {_plain(number.value)},"
                f" a change of ({_plain(number.value)} - 1) x 100 percent"
            )
            if exact is not None:
                self.set_role("change", (exact - 1) * 100, "")
            return
        self.pos = mark
        if exact is not None:
            self.set_role("ratio", exact, f"{_plain(exact)} times")
        else:
            self.found.role = "ratio"
            self.found.steps.append(f"{_plain(number.value)} times: a ratio")

    def set_role(self, role: Role, value: Exact, words: str) -> None:
        found = self.found
        found.role = role
        found.number = Number(value, Exact(0), True, False)
        if words:
            meaning = {
                "share": f"{_plain(value)} percent",
                "ratio": f"{_plain(value)} times",
                "change": f"a change of {_signed(value)} percent",
            }[role]
            found.steps.append(f"{words} is {meaning}, exactly")

    def scale(self, first: bool = False) -> None:
        if self.pos < len(self.low) and self.low[self.pos] == " ":
            self.space()
        word = self.phrase(_SCALE_PHRASES)
        if word is not None:
            self.scale_found(word, first)

    def scale_found(self, word: str, first: bool) -> None:
        """Record the scale word ``word`` (a key of :data:`SCALES`) that ends at the current place."""
        found = self.found
        name, factor = SCALES[word]
        if found.scale_word and found.scale != factor:
            raise self.error(f"two scale words: {found.scale_word!r} and {name!r}")
        found.scale_word, found.scale = name, factor
        found.scale_first = found.scale_first or first
        step = f"scale word {self.text[self.pos - len(word) : self.pos]!r}: times {factor:,}"
        if step not in found.steps:
            found.steps.append(step)

    def range(self) -> None:
        mark = self.pos
        self.space()
        connector = self.phrase(_RANGE_CONNECTORS)
        if connector is None:
            self.pos = mark
            return
        self.space()
        if self.found.currency is not None:
            self.currency_prefix()
        if (
            numerals.match_words(self.low, self.pos) is None
            and not self.low[self.pos : self.pos + 1].isdigit()
        ) or self._descends():
            self.pos = mark
            return
        self.second_number()

    def _descends(self) -> bool:
        """Whether the number here is below the first: "Rs 2,095 crore to 25 projects" is no range."""
        first = self.found.number
        match = numerals.DIGITS.match(self.low, self.pos)
        if first is None or match is None:
            return False
        try:
            second = numerals.read_digits(match.group(), self.context.locale).value
        except NumberError:
            return False
        after = self.low[match.end() :].lstrip()
        scale = next((w for w in ("thousand", "million", "billion", "trillion") if after.startswith(w)), None)
        if scale is not None and second < first.value:
            # Decided by a word that may be left unread ("1.2-1.5 billionfold"): a figure cut
            # before it, or right after it, reads otherwise.
            end = len(self.low) - len(after) + len(scale)
            self.lookahead = max(self.lookahead, min(len(self.low), end + 1))
        return scale is None and second < first.value

    def second_number(self) -> None:
        found = self.found
        first_scale = found.scale_word
        found.scale_word = ""
        self.plain_number(first=False)
        self.scale()
        if first_scale and found.scale_word and SCALES[first_scale][1] != found.scale:
            raise self.error("the two ends of a range have different scale words")
        if first_scale and not found.scale_word:
            found.scale_word, found.scale = first_scale, SCALES[first_scale][1]
        assert found.number is not None and found.number2 is not None
        found.steps.append(f"a range from {_plain(found.number.value)} to {_plain(found.number2.value)}")

    # the words after the number -------------------------------------------------------------
    def tail(self) -> tuple[Unit, str, bool]:
        """The unit, the noun phrase as printed, and whether the figure printed a unit."""
        found = self.found
        rest_start = self.pos
        end = len(self.low.rstrip())
        if end and self.low[end - 1] in ".,;:" and end - 1 >= self.pos:
            end -= 1  # a sentence's punctuation, copied with the figure
        tokens = (
            [(match.start(), match.group()) for match in _TAIL_TOKEN.finditer(self.text, self.pos, end)]
            if self.pos < end
            else []
        )
        noun = self.printed[rest_start:end].strip()
        vocab = self.context.vocabulary
        if found.currency:
            unit = _currency_unit(found.currency[0])
            found.steps.append(f"unit: {found.currency[0]} (from {found.currency[1]!r})")
        elif found.ratio:
            unit = parse_unit(found.ratio)
        elif found.role in ("share", "change"):
            unit = parse_unit("percent")
        else:
            unit = None
        words = tokens
        per_at, description_at, head_end = self.phrases_after(words)
        head_words = words[:head_end]
        if self.options.unit is not None:
            unit = parse_unit(self.options.unit, vocab)
            self.check_qualifiers(head_words, noun_head=None)
            found.steps.append(f"unit: {unit_words(unit)} (set in the claim file)")
            return self.with_per(unit, words, per_at, description_at), noun, True
        self.check_typos(head_words)
        if found.currency and head_words:
            # Money ends with its currency: anything more is a per-phrase or a description.
            at, first = head_words[0]
            term = vocab.term(first)
            what = self.printed[at : (words[head_end][0] if head_end < len(words) else end)].strip()
            if term is not None and term.kind != "currency":
                raise self.error(f"two units in one figure: {found.currency[1]!r} and {what!r}", at)
            raise self.error(
                f"unexpected {what!r} after the currency {found.currency[1]!r}: say what the money is"
                f" with 'in' or 'of' ('in {what}'), or what it is per with 'per'",
                at,
            )
        if unit is not None:
            # After a percentage, a share or a multiple, a noun says of what ("one in three
            # adults", "45 percent women").
            self.check_qualifiers(head_words, noun_head=None)
            if head_words:
                found.steps.append(f"{' '.join(w for _, w in head_words)!r} describes the figure")
        elif head_words:
            unit, factor_step = self.noun(head_words)
            found.steps.append(factor_step)
        elif per_at is None:
            if found.role != "ratio":
                found.steps.append("unit: a plain number")
            unit = dimensionless()
        unit = self.with_per(unit, words, per_at, description_at)
        if description_at is not None:
            found.steps.append(
                f"{self.printed[words[description_at][0] : end].strip()!r} says what is counted; not read"
            )
        has_unit = bool(
            found.currency
            or found.ratio
            or found.role in ("share", "change")
            or head_words
            or per_at is not None
        )
        return unit, noun, has_unit

    def phrases_after(self, words: list[tuple[int, str]]) -> tuple[int | None, int | None, int]:
        """Where the per-phrase and the description start among the words after the number
        part, if anywhere, and where the words before both end."""
        if not words:  # the figure ends with its number part: "$4.88 billion", "14.0 percent"
            return None, None, 0
        per_at = self.per_index(words)
        description_at = _description_index(words, len(words) if per_at is None else per_at)
        head_end = min(i for i in (per_at, description_at, len(words)) if i is not None)
        return per_at, description_at, head_end

    def per_index(self, words: list[tuple[int, str]]) -> int | None:
        for index, (_, word) in enumerate(words):
            lowered = word.lower()
            if lowered == "per" or (
                lowered == "for"
                and index + 1 < len(words)
                and words[index + 1][1].lower() in ("every", "each")
            ):
                return index
            if lowered in ("a", "an") and index + 1 < len(words):
                following = " ".join(w for _, w in words[index + 1 :]).lower()
                if following == "head" or self.context.vocabulary.term(words[index + 1][1]) is not None:
                    return index
        return None

    def with_per(
        self, unit: Unit | None, words: list[tuple[int, str]], per_at: int | None, description_at: int | None
    ) -> Unit:
        found = self.found
        if per_at is None:
            return unit if unit is not None else dimensionless()
        start = per_at + (2 if words[per_at][1].lower() == "for" else 1)
        stop = description_at if description_at is not None and description_at > per_at else len(words)
        denominator_words = words[start:stop]
        phrase = ("per " + " ".join(w for _, w in denominator_words)).lower()
        if not denominator_words:
            raise self.error(f"{words[per_at][1]!r} needs what it is per: 'per person'", words[per_at][0])
        if phrase in ("per capita", "per head"):
            per_unit = unit_of(Term("noun", "person"))
            found.steps.append(f"{phrase!r}: per person")
            count = Exact(1)
        else:
            count = Exact(1)
            first_pos, first = denominator_words[0]
            if first[0].isdigit():
                try:
                    count = numerals.read_digits(first.strip(), self.context.locale).value
                except NumberError as error:
                    raise self.error(str(error), first_pos + error.offset) from error
                if count == 0:
                    raise self.error("cannot be per zero", first_pos)
                denominator_words = denominator_words[1:]
                if not denominator_words:
                    raise self.error(f"per {first.strip()} what?", first_pos)
            per_unit, step = self.noun(denominator_words)
            found.steps.append(step.replace("unit: ", "per: "))
            if count != 1:
                found.steps.append(f"per {_plain(count)}: divided by {_plain(count)}")
        found.per_count = count
        base = unit if unit is not None else dimensionless()
        return divide(base, per_unit)

    def noun(self, words: list[tuple[int, str]]) -> tuple[Unit, str]:
        """The unit of a noun phrase: its head noun, with the words before it as qualifiers."""
        vocab = self.context.vocabulary
        lowered = [word.lower() for _, word in words]
        for index, word in enumerate(lowered[:-1]):
            if word in _PERIOD_LEADS and lowered[index + 1] in _PERIOD_UNITS:
                raise self.error(
                    f"{words[index][1]} {words[index + 1][1]!r} is a period, not what is counted:"
                    " put it in the claim's 'period'",
                    words[index][0],
                )
        for start in range(len(words)):
            phrase = " ".join(w for _, w in words[start:])
            term = vocab.term(phrase)
            if term is None or term.kind == "currency":
                continue
            self.check_qualifiers(words[:start], noun_head=start)
            unit = unit_of(term)
            if term.factor != 1:
                self.found.term_factor = term.factor
            step = f"unit: {unit_words(unit)} (from {phrase!r}"
            if start:
                step += f"; {' '.join(w for _, w in words[:start])!r} qualifies it"
            if term.origin != "claimcheck":
                step += f"; declared in {term.origin}"
            if term.factor != 1:
                step += f"; 1 {phrase} = {_plain(term.factor)} {term.canonical}"
            return unit, step + ")"
        at, word = words[-1]
        if word[0].isdigit():
            raise self.error(f"unexpected number {word.strip()!r}", at)
        close = vocab.suggest(word, _KEYWORDS)
        hint = f" (did you mean {', '.join(repr(c) for c in close)}?)" if close else ""
        raise UnknownWordError(f"unknown unit {word!r}{hint}; declare it under 'units:' if it is one", at)

    def check_typos(self, words: list[tuple[int, str]]) -> None:
        """Refuse a misspelt keyword anywhere before a per-phrase or description: "millon"."""
        vocab = self.context.vocabulary
        for at, word in words:
            if not word[0].isalpha():
                continue
            lowered = word.lower()
            if lowered in _KEYWORD_SET or vocab.term(word) is not None:
                continue  # a keyword or a known word: no misspelling (and no fuzzy search)
            close = _close_keyword(lowered)
            if close is not None:
                raise self.error(f"{word!r}: did you mean {close!r}?", at)

    def check_qualifiers(
        self, words: list[tuple[int, str]], noun_head: int | None, after_unit: bool = False
    ) -> None:
        vocab = self.context.vocabulary
        for index, (at, word) in enumerate(words):
            if word[0].isdigit():
                raise self.error(f"unexpected number {word.strip()!r} after the figure's number", at)
            if not word[0].isalpha():
                raise self.error(f"unexpected {word!r}", at)
            self.check_typos([(at, word)])
            term = vocab.term(word)
            if term is None:
                continue
            if term.kind == "currency":
                raise self.error(f"{word!r} names a currency where the figure's unit is expected", at)
            if after_unit:
                raise self.error(f"two units in one figure: {word!r} after the unit already printed", at)
            if noun_head is not None and index != noun_head - 1 and term.kind == "noun":
                raise self.error(f"{word!r} and the noun after it: which does the figure count?", at)

    # the interval --------------------------------------------------------------------------
    def reading(
        self, sign: int, hedge: Hedge | None, hedge_phrase: str, unit: Unit, noun: str, has_unit: bool
    ) -> Reading:
        found = self.found
        options = self.options
        number = found.number
        assert number is not None
        steps = found.steps
        scale = found.scale
        second = found.number2
        # "5 to 7 million": the scale word counts for both ends; "1,200 to two thousand": the
        # first end is already more than the second, so the scale word is the second's alone.
        first_scaled = not (
            second is not None and scale != 1 and second.value < number.value <= second.value * scale
        )
        if not first_scaled:
            steps.append(f"the scale word {found.scale_word!r} counts for the second end only")
        place = number.place
        if found.scale_word and first_scaled and not number.spelled and not number.decimals:
            place = _ONE  # "65 million": the 65 is given to the unit
        place2 = _ZERO
        if second is not None:
            place2 = second.place
            if found.scale_word and not second.spelled and not second.decimals:
                place2 = _ONE
            if not number.spelled and not second.spelled and first_scaled:
                # The two ends of a range are printed to one precision: the finer one. "8-10
                # percent" is [7.5, 10.5), not [5, 15) as a lone "10" would be.
                place = place2 = min(place, place2)
        half, rounding_step = _half_width(place, number.spelled, options)
        bound = hedge is not None and hedge.kind in BOUND_KINDS
        if not bound:  # a bound's own figure is taken as printed: "more than 10" is > 10
            steps.append(rounding_step)
        plain = found.term_factor == 1 and found.per_count == 1
        factor = (
            (_SCALE_FACTORS.get(scale) or Exact(scale))
            if plain
            else Exact(scale) * found.term_factor / found.per_count
        )
        # the common figure is read in its own unit: no product to reduce
        unscaled = plain and scale == 1
        first_factor = factor if first_scaled else factor / scale
        low = (
            (number.value if sign == 1 else -number.value) if unscaled else sign * number.value * first_factor
        )
        high = low
        half2 = _ZERO
        if second is not None:
            half2, _ = _half_width(place2, second.spelled, options)
            high = sign * second.value * factor
            low, high = min(low, high), max(low, high)
        ranged = second is not None
        interval = (
            _printed_interval(
                low,
                high,
                half if unscaled else half * first_factor,
                half2 if unscaled else half2 * factor,
                ranged,
            )
            if ranged
            else _rounding_interval(low, half if unscaled else half * first_factor)
        )
        nominal: Exact | None = (low + high) / 2 if ranged else low
        # The strict reading: a round figure taken to its last printed digit, trailing zeros
        # included. Only a bare integer rounded beyond its units ("1,200", "10 percent") has one.
        strict: Interval | None = None
        loose_rounding = ""
        widest = max(
            place if not number.spelled else _ZERO, place2 if second and not second.spelled else _ZERO
        )
        if widest > 1 and not bound and not options.exact and options.precision is None:
            strict = _printed_interval(
                low, high, first_factor / 2 if half else half, factor / 2 if half2 else half2, ranged
            )
            loose_rounding = f"rounded to the nearest {_place_words(widest)}"
        if hedge is not None:
            interval, strict, nominal = _hedged(
                hedge, hedge_phrase, (low, high, ranged), interval, strict, options, unit, steps
            )
        return Reading(
            printed=self.printed,
            interval=interval,
            unit=unit,
            nominal=nominal,
            scale_word=found.scale_word,
            scale=scale,
            hedge=hedge,
            hedge_phrase=hedge_phrase,
            noun=noun,
            steps=tuple(steps),
            role=found.role,
            has_unit=has_unit,
            strict=strict,
            loose_rounding=loose_rounding if strict is not None else "",
        )


_TAIL_TOKEN = re.compile(r"[^\W\d_]+(?:['.-][^\W\d_]+)*|\d[\d,.']*(?: \d{3}(?!\d))*|\S")
EXPONENT_AFTER = re.compile(r"e[+-]?\d")
_FOLD_WORD = re.compile(
    r"(?P<word>" + "|".join(sorted(numerals.NUMBER_WORDS, key=len, reverse=True)) + r")-?fold(?![^\W\d_])"
)


@functools.cache
def _currency_unit(code: str) -> Unit:
    return unit_of(Term("currency", code))


@functools.cache
def _prefix_symbols() -> dict[str, str]:
    """Symbols and codes printed before a number, lower case, with the code or "?word"."""
    symbols: dict[str, str] = {}
    for currency in vocabulary.currencies():
        symbols[currency.code.lower()] = currency.code
        for symbol in currency.symbols:
            symbols[symbol.lower()] = currency.code
    for key in vocabulary.ambiguities():
        if not key[0].isalpha() or len(key) <= 3:
            symbols[key] = "?" + key
    return symbols


@functools.cache
def _prefix_symbol_starts() -> frozenset[str]:
    return frozenset(symbol[0] for symbol in _prefix_symbols() if symbol)


@functools.cache
def _suffix_words() -> dict[str, str]:
    """Codes, names and symbols printed after a number, lower case, with the code or "?word"."""
    words: dict[str, str] = {}
    for currency in vocabulary.currencies():
        words[currency.code.lower()] = currency.code
        for name in (*currency.names, *currency.suffix_symbols):
            words[vocabulary.normalize(name)] = currency.code
    for key in vocabulary.ambiguities():
        if key[0].isalpha():
            words[key] = "?" + key
    return words


class _QuickTables(NamedTuple):
    """What :meth:`_Scanner.quick_number_part` decides by, made once from the scanner's tables."""

    shape: re.Pattern[str]
    """The common shapes of a figure (lower case) that the quick path reads: [hedge] ["$"]
    digits ["%"], then words of letters one space apart."""
    hedges: dict[str, str]
    """Hedge phrases by their words as printed, one space apart."""
    dollar: str
    """What "$" stands for (a code, or "?$" for the ambiguous symbol)."""
    stops: frozenset[str]
    """First words after the number that the quick path leaves to the scanner: a share, a
    multiple, a range, a scale word of more than one word ("lakh crore")."""
    scales: frozenset[str]
    """Scale words of one word."""
    ratios: frozenset[str]
    """First words of percent and points phrases."""
    ratio_words: dict[str, str]
    """Percent and points phrases of one word that start no longer one, by the word."""
    suffixes: frozenset[str]
    """First words of currencies printed after a number."""
    suffix_words: dict[str, str]
    """Currencies printed after a number in one word that starts no longer name, by the word,
    with what they stand for (a code, or "?word")."""


def _token_start(tokens: list[str], at: int, rest: int) -> int:
    """Where token ``at`` of the words after a number starts: they are one space apart,
    after a space at ``rest``."""
    start = rest + 1
    for token in tokens[:at]:
        start += len(token) + 1
    return start


def _first_words(phrases: tuple[str, ...]) -> frozenset[str]:
    """The first word of each phrase, as the quick path splits words (a superset of what can
    start a match: a phrase found only by these words is looked up by the scanner itself)."""
    return frozenset(_SEPARATORS.split(phrase.strip(" -"))[0].rstrip(".") for phrase in phrases)


def _single_words(phrases: tuple[str, ...]) -> dict[str, str]:
    """The phrases the scanner finds by one word of letters alone, by that word: not a word
    that also starts a longer phrase, which the scanner would take when it follows."""
    words = _split_phrases(phrases)[0]
    longer = {key.split(" ")[0] for key in words if " " in key}
    return {key: phrase for key, phrase in words.items() if key.isalpha() and key not in longer}


@functools.cache
def _quick_tables() -> _QuickTables:
    words, literals, _, _ = _split_phrases(_HEDGE_PHRASES)
    # Hedges are looked up only as whole runs of words: a hedge that is a symbol would be missed.
    assert not literals, "a hedge that is not words needs the quick path's regex to know it"
    dollars = [symbol for symbol in _prefix_symbols() if symbol.startswith("$")]
    assert dollars == ["$"], "a symbol that starts with '$' needs the quick path's regex to know it"
    assert not any(start.isdigit() for start in _prefix_symbol_starts())
    assert _split_phrases(_RATIO_PHRASES)[1] == ("%",), "the quick path reads '%' as the one ratio symbol"
    multiword_scales = {phrase.split()[0] for phrase in _SCALE_PHRASES if " " in phrase}
    suffixes = _suffix_words()
    return _QuickTables(
        shape=re.compile(
            r"(?:(?P<hedge>[a-z]+(?: [a-z]+){0,3}) )?(?P<symbol>\$)?"
            r"(?P<number>[0-9]+(?:[.,'][0-9]+)*)(?P<percent>%)?(?P<rest>(?: [a-z]+(?:-[a-z]+)*)*)"
        ),
        hedges=dict(words),
        dollar=_prefix_symbols()["$"],
        stops=frozenset({"in", "out", "times", *_first_words(_RANGE_CONNECTORS), *multiword_scales}),
        scales=frozenset(_single_words(_SCALE_PHRASES)),
        ratios=_first_words(_RATIO_PHRASES),
        ratio_words=_single_words(_RATIO_PHRASES),
        suffixes=_first_words(_suffix_phrases()),
        suffix_words={word: suffixes[phrase] for word, phrase in _single_words(_suffix_phrases()).items()},
    )


_SEPARATORS = re.compile(r"[ -]+")
_WORD_RUN = re.compile(r"[^\W\d_]+(?:[ -]+[^\W\d_]+){0,3}")
_WORD_IN_RUN = re.compile(r"[^\W\d_]+")
_LONGEST_SYMBOL = 6


_Split = tuple[dict[str, str], tuple[str, ...], int, frozenset[str]]
_SPLIT: dict[int, tuple[tuple[str, ...], _Split]] = {}


def _split_phrases(phrases: tuple[str, ...]) -> _Split:
    """Phrases of letters by their key (looked up word by word), the rest, longest first, the
    most words a key has, and the characters the phrases start with.

    No regular expressions: compiling an alternation of a few hundred currency names cost
    more than reading a whole claim file. The phrase sets are module constants, so they are
    split once, found by identity (hashing a tuple of two hundred names on every call cost
    more than the lookup it serves).
    """
    found = _SPLIT.get(id(phrases))
    if found is not None and found[0] is phrases:
        return found[1]
    words = {
        _SEPARATORS.sub(" ", phrase): phrase
        for phrase in phrases
        if _SEPARATORS.sub("", phrase.rstrip(".")).isalpha() and not phrase.startswith((" ", "-"))
    }
    literals = tuple(sorted((p for p in phrases if p not in words.values()), key=len, reverse=True))
    longest = max((key.count(" ") + 1 for key in words), default=0)
    firsts = frozenset(phrase[0] for phrase in phrases if phrase)
    if len(_SPLIT) > 64:  # only module constants belong here; never let a stray tuple pile up
        _SPLIT.clear()
    _SPLIT[id(phrases)] = (phrases, (words, literals, longest, firsts))
    return words, literals, longest, firsts


def _description_index(words: list[tuple[int, str]], before: int) -> int | None:
    """Where a description ("in revenue", "of GDP") starts among the first ``before`` words."""
    for index, (_, word) in enumerate(words[:before]):
        lowered = word.lower()
        following = words[index + 1][1].lower() if index + 1 < len(words) else ""
        if lowered in DESCRIPTION_WORDS and not (lowered == "for" and following in ("every", "each")):
            return index
    return None


@functools.cache
def _suffix_phrases() -> tuple[str, ...]:
    return tuple(_suffix_words())


@functools.lru_cache(maxsize=4096)
def _close_keyword(word: str) -> str | None:
    """The keyword ``word`` may be a misspelling of, cached by the word alone (hashing the
    tuple of sixty keywords for :func:`_close`'s cache cost more than the lookup)."""
    return _close(word, _KEYWORDS, cutoff=0.8)


@functools.lru_cache(maxsize=4096)
def _close(word: str, pool: tuple[str, ...], cutoff: float = 0.75) -> str | None:
    import difflib

    close = difflib.get_close_matches(word.lower(), pool, n=1, cutoff=cutoff)
    return close[0] if close and close[0] != word.lower() else None


_PREFIX_WINDOW = 100
"""Characters a number part can take: "more than US$1,234,567.89 billion" and then some."""


class Prefix(NamedTuple):
    """The number part of a figure found at the start of a text, for extraction."""

    end: int
    """Where the scanner stopped after the number part: the noun, if any, starts after it."""
    reads_to: int
    """How far the reading of the number part depends on the text: the end of its last printed
    character, or further where a word after it decided what it is. A figure cut shorter is
    read afresh by :func:`read_prefixed`."""
    role: Role
    money: bool
    """Whether a currency was printed: money ends with its currency."""
    ratio: bool
    """Whether percent or points were printed."""
    scanned: tuple[int, Hedge | None, str, _Parsed]
    """The scanner's state at ``end`` (sign, hedge, hedge as printed, what it found)."""


def figure_prefix(text: str, context: ReadingContext = PLAIN) -> Prefix | None:
    """The number part of a figure at the start of ``text``; None when none starts there.

    The extractor uses it to find where a figure's noun may begin, then reads the whole
    figure with :func:`read_prefixed`, which goes on from here exactly as :func:`read_figure`
    would, so that extraction and claim files read figures alike.
    """
    scanner = _Scanner(text[:_PREFIX_WINDOW], _NO_OPTIONS, context)
    try:
        sign, hedge, hedge_phrase = scanner.number_part()
    except FigureError:
        return None
    found = scanner.found
    return Prefix(
        scanner.pos,
        max(len(scanner.printed[: scanner.pos].rstrip()), scanner.lookahead),
        found.role,
        found.currency is not None,
        bool(found.ratio),
        (sign, hedge, hedge_phrase, found),
    )


def read_prefixed(printed: str, prefix: Prefix, context: ReadingContext = PLAIN) -> Reading:
    """``read_figure(printed)`` for a figure whose number part ``prefix`` has read already.

    ``printed`` must start with the text ``prefix`` was read from. Where it holds the number
    part and whatever decided it (``prefix.reads_to``), the scanner goes on from there: a
    look past the number part that found nothing to take left the scanner where ``printed``
    may end, so the reading is the one ``read_figure`` gives. The extractor's tests compare
    the two on every figure found.
    """
    if len(printed.rstrip()) < prefix.reads_to:
        return read_figure(printed, None, context)
    if len(printed) > MAX_FIGURE_LENGTH:
        raise FigureError(f"the figure is longer than {MAX_FIGURE_LENGTH} characters")
    sign, hedge, hedge_phrase, found = prefix.scanned
    scanner = _Scanner(printed, _NO_OPTIONS, context)
    scanner.found = found.copy()
    scanner.pos = prefix.end
    unit, noun, has_unit = scanner.tail()
    return scanner.reading(sign, hedge, hedge_phrase, unit, noun, has_unit)


def _rounding_interval(value: Exact, half: Exact) -> Interval:
    if half == 0:
        return Interval.point(value)
    return Interval(value - half, value + half, True, False)


def _hedged(
    hedge: Hedge,
    phrase: str,
    ends: tuple[Exact, Exact, bool],
    loose: Interval,
    strict: Interval | None,
    options: FigureOptions,
    unit: Unit,
    steps: list[str],
) -> tuple[Interval, Interval | None, Exact | None]:
    """Both readings of a figure (``ends``: its low and high value, whether it is a range)
    under its hedge, and its nominal value."""
    low, high, ranged = ends
    if ranged and hedge.kind is HedgeKind.APPROXIMATE:
        # "about 1,000 to 1,200": the margin reaches out from both ends.
        steps.append(f"hedge {phrase!r}: {hedge.rule}, from each end of the range")
        margin = hedge.margin if options.margin is None else _margin(options.margin)
        widened = _widened_range(loose, low, high, margin)
        narrow = None if strict is None else _widened_range(strict, low, high, margin)
        return widened, None if narrow == widened else narrow, (low + high) / 2
    interval, nominal = _apply_hedge(hedge, phrase, low, loose, options, unit, steps)
    if strict is not None:
        strict, _ = _apply_hedge(hedge, phrase, low, strict, options, unit, [])
        strict = None if strict == interval else strict
    return interval, strict, nominal


def _widened_range(rounded: Interval, low: Exact, high: Exact, margin: Exact) -> Interval:
    """A range give or take ``margin`` of each end (at least its rounding)."""
    lo, hi = rounded.lo, rounded.hi
    assert not isinstance(lo, float) and not isinstance(hi, float)
    return Interval(min(low - abs(low) * margin, lo), max(high + abs(high) * margin, hi))


def _printed_interval(low: Exact, high: Exact, half: Exact, half2: Exact, ranged: bool) -> Interval:
    """The values a printed figure or range stands for, given the half-widths of its ends."""
    if not ranged:
        return _rounding_interval(low, half)
    if low == high and half == 0 and half2 == 0:
        return Interval.point(low)
    return Interval(low - half, high + half2, True, half2 == 0)


_PLACE_WORDS = {10: "ten", 100: "hundred", 1000: "thousand", 10**4: "ten thousand", 10**5: "hundred thousand"}


def _place_words(place: Exact) -> str:
    """ "hundred" for 100: the unit a round figure may have been rounded to."""
    return _PLACE_WORDS.get(int(place), f"{int(place):,}")


_PRECISION = re.compile(rf"\d{{1,{MAX_PRECISION_DIGITS}}}(?:,\d{{3}})*(?:\.\d{{1,{MAX_PRECISION_DIGITS}}})?")


def _half_width(place: Exact, spelled: bool, options: FigureOptions) -> tuple[Exact, str]:
    """Half the rounding interval's width, and the rule that gave it in words."""
    if options.exact:
        return Exact(0), "declared exact in the claim file"
    if options.precision is not None:
        text = options.precision.strip()
        if not _PRECISION.fullmatch(text):
            shown = text if len(text) <= 30 else text[:27] + "..."
            raise FigureError(
                f"precision {shown!r} must be a positive decimal such as '1', '0.1' or '1,000'"
                f" (at most {MAX_PRECISION_DIGITS} digits before and after the point)"
            )
        place = from_text(text.replace(",", ""))
        if place <= 0:
            raise FigureError(f"precision {options.precision!r} must be positive")
        return place / 2, f"precision {options.precision} set in the claim file: ±{_plain(place / 2)}"
    if spelled:
        return _ZERO, "a number in words: exact"
    rule = _ROUNDING_RULES.get((place.numerator, place.denominator))
    return rule if rule is not None else _rounding_rule(place)


def _rounding_rule(place: Exact) -> tuple[Exact, str]:
    return place / 2, f"printed to the nearest {_plain(place)}: ±{_plain(place / 2)}"


def _apply_hedge(
    hedge: Hedge,
    phrase: str,
    value: Exact,
    rounded: Interval,
    options: FigureOptions,
    unit: Unit,
    steps: list[str],
) -> tuple[Interval, Exact | None]:
    kind = hedge.kind
    steps.append(f"hedge {phrase!r}: {hedge.rule}")
    if kind in (HedgeKind.APPROXIMATE, HedgeKind.BELOW_CLOSE):
        margin = hedge.margin if options.margin is None else _margin(options.margin)
        width = max(abs(value) * margin, Exact(rounded.hi) - value)
        if width == 0:  # "nearly 0", or a margin of 0 on an exact figure: nothing is "near" it
            raise FigureError(
                f"{phrase!r} leaves no room around {_plain(value)}: give a margin above 0 percent"
                " or drop 'exact'"
            )
        if kind is HedgeKind.APPROXIMATE:
            return Interval(value - width, value + width), value
        if value < 0:  # "nearly -100 percent" falls short of -100: towards zero, (-100, -90]
            return Interval(value, value + width, False, True), None
        return Interval(value - width, value, True, False), None
    if kind in (HedgeKind.ABOVE, HedgeKind.AT_LEAST):
        upper = _limit(options.upper, unit, "upper")
        hi = INF if upper is None else upper
        if hi <= value:
            raise FigureError(f"the upper limit {options.upper!r} is not above the figure")
        return Interval(value, hi, kind is HedgeKind.AT_LEAST, upper is not None), None
    lower = _limit(options.lower, unit, "lower")
    lo = (Exact(0) if value > 0 else -INF) if lower is None else lower
    if lo >= value:
        raise FigureError(f"the lower limit {options.lower!r} is not below the figure")
    return Interval(lo, value, lower is not None or value > 0, kind is HedgeKind.AT_MOST), None


def _margin(text: str) -> Exact:
    reading = read_figure(text)
    if reading.nominal is None or reading.unit != parse_unit("percent"):
        raise FigureError(f"margin {text!r} must be a percentage such as '5 percent'")
    if reading.nominal < 0:
        raise FigureError(f"margin {text!r} must not be negative")
    return reading.nominal / 100


def _limit(text: str | None, unit: Unit, which: str) -> Exact | None:
    if text is None:
        return None
    reading = read_figure(text, FigureOptions(exact=True, unit=None))
    if reading.nominal is None:
        raise FigureError(f"the {which} limit {text!r} must be a plain figure")
    if reading.unit != unit and reading.unit != dimensionless():
        raise FigureError(f"the {which} limit {text!r} is not in the figure's unit")
    return reading.nominal


def _plain(value: Exact) -> str:
    if value.denominator == 1:
        return f"{int(value.numerator):,}"
    return f"{float(value):.6g}"


def _signed(value: Exact) -> str:
    return ("+" if value > 0 else "") + _plain(value)


_ROUNDING_RULES = {
    (place.numerator, place.denominator): _rounding_rule(place)
    for place in (*(Exact(10**k) for k in range(16)), *(Exact(1, 10**k) for k in range(1, 10)))
}
"""The rule of each place a figure is commonly printed to, worked out once."""


__all__ = [
    "FigureError",
    "FigureOptions",
    "Reading",
    "ReadingContext",
    "UnknownUnitError",
    "UnknownWordError",
    "read_figure",
    "read_prefixed",
]
