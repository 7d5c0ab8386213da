"""The figure reader's quick path for common shapes reads every figure as the full scanner does.

:meth:`claimcheck.figures._Scanner.quick_number_part` reads the number part of the common
figures ("$4.88 billion", "about 40 percent", "1.2 million tourists") without the lookups that
would find nothing, and leaves everything else to :meth:`_Scanner.number_part`. These tests
read generated figures, made of the real vocabulary and of near misses, both ways: the same
reading field by field, or the same error with the same message and offset.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from unittest import mock

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from claimcheck import figures, numerals
from claimcheck.figures import PLAIN, FigureOptions, ReadingContext
from claimcheck.hedges import PHRASES
from claimcheck.vocabulary import DEFAULT, Declaration


@contextmanager
def full_scanner() -> Iterator[None]:
    """Figures read with the full scanner alone: the quick path declines every figure, and no
    shape read before is replayed."""
    with (
        mock.patch.object(figures._Scanner, "quick_number_part", lambda self: None),
        mock.patch.object(figures._Scanner, "shape_key", lambda self: None),
    ):
        yield


def outcome(printed: str, options: FigureOptions | None, context: ReadingContext) -> tuple[Any, ...]:
    """Everything a reading holds, or the error's type, message and offset (uncached)."""
    try:
        reading = figures.read_figure.__wrapped__(printed, options, context)  # type: ignore[attr-defined]
    except ValueError as error:
        return ("error", type(error), str(error), getattr(error, "offset", None))
    return tuple((field.name, getattr(reading, field.name)) for field in dataclasses.fields(reading))


def both_ways(printed: str, options: FigureOptions | None, context: ReadingContext) -> None:
    quick = outcome(printed, options, context)
    with full_scanner():
        full = outcome(printed, options, context)
    assert quick == full


def forget() -> None:
    """Nothing kept of the figures read before: no words after a number, no shape."""
    figures._TAILS.clear()
    figures._SHAPES.clear()


def quick_reads(printed: str, context: ReadingContext = PLAIN) -> bool:
    """Whether the quick path reads the number part of ``printed`` itself."""
    return figures._Scanner(printed, FigureOptions(), context).quick_number_part() is not None


# The vocabulary the figures are made of -------------------------------------------------------

HEDGES = [phrase for phrase, _ in PHRASES]
SCALE_WORDS = list(figures.SCALES)
RATIO_WORDS = [phrase for phrase, _ in figures.RATIO_WORDS]
SUFFIX_CURRENCIES = sorted(figures._suffix_words())
PREFIX_SYMBOLS = sorted(figures._prefix_symbols())
NOUNS = DEFAULT.noun_words()
OTHER_WORDS = [
    *figures.DESCRIPTION_WORDS,
    *figures.INCREASE_NOUNS,
    *figures.FRACTION_WORDS,
    *figures.CHANGE_WORDS,
    *numerals.NUMBER_WORDS,
    "out of", "times", "fold", "x", "to", "and", "between", "per", "a", "an", "one", "every",
    "twice", "dozen", "nine", "twenty-five", "last year", "revenue", "gdp", "head", "capita",
    "-", "\u2013", "%", "km", "kr.", "u.s. dollars", "-fold", "e3",
]  # fmt: skip

CONTEXTS = [
    PLAIN,
    ReadingContext(locale="de"),
    ReadingContext(locale="en-IN"),
    ReadingContext(locale="fr-CH", currency_hints=("CAD",)),
    ReadingContext(currency_hints=("AUD", "JPY")),
    ReadingContext(
        vocabulary=DEFAULT.declare(
            (
                Declaration("gizmo", "noun", "test"),
                Declaration("sprocket", "noun", "test"),
                Declaration("box of gizmos", "6 gizmo", "test"),
                Declaration("double room", "2 bed", "test"),
            )
        )
    ),
]
OPTIONS = [
    None,
    FigureOptions(exact=True),
    FigureOptions(precision="0.1"),
    FigureOptions(unit="person"),
    FigureOptions(margin="10 percent"),
    FigureOptions(upper="100 million"),
]


def typo(word: str, where: int, how: int) -> str:
    """``word`` misspelt: a letter dropped, doubled or changed, or a capital."""
    if not word:
        return word
    at = where % len(word)
    return [
        word[:at] + word[at + 1 :],
        word[:at] + word[at] + word[at:],
        word[:at] + "q" + word[at + 1 :],
        word.upper(),
        word.capitalize(),
    ][how % 5]


def digits() -> st.SearchStrategy[str]:
    integers = st.integers(0, 10**9)
    return st.one_of(
        integers.map(str),
        integers.map(lambda n: f"{n:,}"),
        integers.map(lambda n: f"{n:,}".replace(",", ".")),
        integers.map(lambda n: f"{n:,}".replace(",", "'")),
        integers.map(lambda n: f"{n:,}".replace(",", " ")),
        st.tuples(integers, st.integers(0, 10**4)).map(lambda t: f"{t[0]}.{t[1]}"),
        st.tuples(st.integers(0, 10**6), st.integers(0, 999)).map(lambda t: f"{t[0]:,}.{t[1]:03d}"),
        st.tuples(integers, st.integers(0, 99)).map(lambda t: f"{t[0]},{t[1]}"),
        st.sampled_from(["0", "1", "00", "1,23", "1,2345", "12,34,567", "1.2.3", "5e3", "065", "1..2"]),
        st.sampled_from(["\u0664\u0662", "\uff15", "4\u202f830"]),  # other digits and spaces
    )


words = st.one_of(
    st.sampled_from(HEDGES),
    st.sampled_from(SCALE_WORDS),
    st.sampled_from(RATIO_WORDS),
    st.sampled_from(SUFFIX_CURRENCIES),
    st.sampled_from(NOUNS),
    st.sampled_from(OTHER_WORDS),
)
misspelt = st.builds(typo, words, st.integers(0, 20), st.integers(0, 4))


@st.composite
def shaped_figures(draw: st.DrawFn) -> str:
    """A figure in the grammar's order, each part there or not, sometimes misspelt."""
    parts: list[str] = []

    def maybe(strategy: st.SearchStrategy[str]) -> None:
        if draw(st.booleans()):
            parts.append(draw(st.one_of(strategy, misspelt) if draw(st.integers(0, 9)) == 0 else strategy))

    maybe(st.sampled_from(HEDGES))
    maybe(st.sampled_from(["-", "+", "\u2212"]))
    symbol = draw(st.sampled_from(["", "", "$", "$", *PREFIX_SYMBOLS]))
    number = draw(digits())
    parts.append(symbol + number)
    maybe(st.sampled_from(SCALE_WORDS))
    if draw(st.integers(0, 5)) == 0:  # a range
        parts.append(draw(st.sampled_from(["to", "-", "\u2013"])))
        parts.append(draw(st.sampled_from(["", "$"])) + draw(digits()))
        maybe(st.sampled_from(SCALE_WORDS))
    maybe(st.sampled_from(RATIO_WORDS))
    maybe(st.sampled_from(SUFFIX_CURRENCIES))
    for _ in range(draw(st.integers(0, 3))):
        parts.append(draw(st.one_of(st.sampled_from(NOUNS), words, misspelt)))
    glue = draw(st.sampled_from([" ", " ", " ", " ", "-", "", "  "]))
    text = " ".join(parts) if draw(st.booleans()) else glue.join(parts)
    return text + draw(st.sampled_from(["", "", "", ".", " ", ",", "%"]))


@st.composite
def common_figures(draw: st.DrawFn) -> str:
    """A figure of the quick path's shapes: [hedge] ["$"] digits, then words one space apart
    (scale, percent, currency, nouns and whatever else), now and then misspelt; or "%" right
    after the digits."""
    parts: list[str] = []

    def maybe(strategy: st.SearchStrategy[str], chance: int = 2) -> None:
        if draw(st.integers(0, chance - 1)) == 0:
            parts.append(draw(misspelt if draw(st.integers(0, 14)) == 0 else strategy))

    maybe(st.sampled_from(HEDGES), 3)
    symbol = draw(st.sampled_from(["", "", "$"]))
    percent = draw(st.sampled_from(["", "", "", "%"]))
    parts.append(symbol + draw(digits()) + percent)
    maybe(st.sampled_from(SCALE_WORDS))
    maybe(st.sampled_from(RATIO_WORDS), 4)
    maybe(st.sampled_from(SUFFIX_CURRENCIES), 3)
    for _ in range(draw(st.integers(0, 3))):
        parts.append(draw(st.one_of(st.sampled_from(NOUNS), st.sampled_from(NOUNS), words, misspelt)))
    return " ".join(parts)


loose_figures = st.builds(
    lambda parts, glue: glue.join(parts),
    st.lists(st.one_of(words, misspelt, digits(), st.sampled_from(["$", "-", "%", "in"])), max_size=7),
    st.sampled_from([" ", " ", "-", ""]),
)


@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    printed=st.one_of(common_figures(), common_figures(), shaped_figures(), loose_figures),
    options=st.sampled_from(OPTIONS),
    context=st.sampled_from(CONTEXTS),
)
@example(printed="$4.88 billion", options=None, context=PLAIN)
@example(printed="about $4.88 billion", options=None, context=ReadingContext(locale="en-AU"))
@example(printed="5.3 percentage points", options=None, context=PLAIN)
@example(printed="10 million-strong", options=None, context=PLAIN)
@example(printed="3 million hong kong dollars", options=None, context=PLAIN)
@example(printed="1,2345 tourists", options=None, context=PLAIN)
@example(printed="4,83 million", options=None, context=ReadingContext(locale="de"))
@example(printed="more than 5 milion people", options=None, context=PLAIN)
@example(printed="12 boxes of gizmos", options=None, context=CONTEXTS[-1])
@example(printed="5 million to six million", options=None, context=PLAIN)
@example(printed="3 in ten adults", options=None, context=PLAIN)
@example(printed="5% hong kong dollars", options=None, context=PLAIN)
@example(printed="5% in 2024", options=None, context=PLAIN)
def test_quick_path_reads_as_the_full_scanner(
    printed: str, options: FigureOptions | None, context: ReadingContext
) -> None:
    both_ways(printed, options, context)


COMMON = [
    "$4.88 billion",
    "21.2 billion yuan",
    "14.0 percent",
    "65 million",
    "1.2 million tourists",
    "5.3 percentage points",
    "about 40 percent",
    "3,250",
    "more than 10 million visitors",
    "nearly 1,200 foreign tourists",
    "around 3.2 million yuan in revenue",
    "20 basis points",
    "3 million hong kong dollars",
    "1.5 trillion rupees",
    "14.0%",
    "5.3% of GDP",
]


@pytest.mark.parametrize("printed", COMMON)
def test_the_common_shapes_take_the_quick_path_and_read_the_same(printed: str) -> None:
    assert quick_reads(printed)
    for context in CONTEXTS:
        both_ways(printed, None, context)


@pytest.mark.parametrize(
    "printed",
    [
        "5 in 8 adults",  # a share
        "one in three",
        "5 times",  # a multiple
        "2.5-fold",
        "65 million to 70 million",  # a range
        "5 million to six million",
        "5 to nine percent",
        "3 in ten adults",  # a share in words
        "5 out of ten",
        "3 times more",
        "5-7 percent",
        "5 lakh crore",  # a scale word of two words
        "between 5 and 6 percent",
        "-5 percent",  # a sign
        "14 %",
        "\u20ac5 billion",  # a symbol other than "$"
        "about some 5",  # words before the number that are no hedge
        "five million",  # a number in words
        "5 million.",  # punctuation
        "5  million",  # two spaces
        "10 million-strong",  # a scale word that ends inside a word
        "1,2345 tourists",  # digits the scanner refuses, with its message
    ],
)
def test_other_shapes_are_left_to_the_full_scanner(printed: str) -> None:
    assert not quick_reads(printed)
    both_ways(printed, None, PLAIN)


def test_the_quick_path_reads_its_words_from_the_scanners_tables() -> None:
    tables = figures._quick_tables()
    assert tables.dollar == figures._prefix_symbols()["$"]
    assert tables.hedges["more than"] == "more than"
    assert {"million", "billion", "bn", "k", "crore"} <= tables.scales
    assert "lakh" not in tables.scales and "lakh" in tables.stops  # "lakh crore"
    assert tables.ratio_words["percent"] == "percent"
    assert "percentage" in tables.ratios and "percentage" not in tables.ratio_words
    assert tables.suffix_words["yuan"] == "CNY"
    assert "hong" in tables.suffixes and "hong" not in tables.suffix_words


def test_a_vocabulary_remembers_what_its_declarations_define() -> None:
    # The memo of term() must not keep what a declaration made before a later one found.
    declared = DEFAULT.declare(
        (Declaration("widget", "noun", "test"), Declaration("crate", "12 widget", "test"))
    )
    crate = declared.term("crates")
    assert crate is not None and crate.canonical == "widget" and crate.factor == 12
    assert DEFAULT.term("widget") is None
    assert declared.term("widget") is not None


@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    printed=st.one_of(common_figures(), shaped_figures(), loose_figures, st.sampled_from(COMMON)),
    options=st.sampled_from(OPTIONS),
    context=st.sampled_from(CONTEXTS),
    shift=st.integers(1, 9),
    digits=st.sampled_from(["0123456789", "\u0660\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0669"]),
)
def test_the_words_after_a_number_read_before_read_the_same_again(
    printed: str, options: FigureOptions | None, context: ReadingContext, shift: int, digits: str
) -> None:
    """What the words after a number part make is kept and replayed (``_Scanner.known_tail``):
    a figure read after one that ends the same way with other digits (ASCII or not), or
    again, reads as a figure read with nothing kept."""
    other = "".join(digits[(int(char) + shift) % 10] if char.isdigit() else char for char in printed)
    forget()
    alone = outcome(printed, options, context)
    forget()
    outcome(other, options, context)
    assert outcome(printed, options, context) == alone
    assert outcome(printed, options, context) == alone


@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    printed=st.one_of(common_figures(), st.sampled_from(COMMON)),
    number=digits(),
    options=st.sampled_from(OPTIONS),
    context=st.sampled_from(CONTEXTS),
)
@example(printed="55.6 billion yuan", number="1,23", options=None, context=PLAIN)
@example(printed="nearly 5 percent", number="0", options=None, context=PLAIN)
@example(printed="$7.66 billion", number="7,66", options=None, context=ReadingContext(locale="de"))
def test_a_figure_of_a_shape_read_before_reads_as_if_read_alone(
    printed: str, number: str, options: FigureOptions | None, context: ReadingContext
) -> None:
    """A figure of a common shape read after one with other digits (``_Scanner.known_shape``:
    "55.7 billion yuan" after "55.6 billion yuan"; digits of any length, or ones that do not
    read) reads as a figure read with nothing kept, and as the full scanner reads it."""
    other = re.sub(r"[0-9]+(?:[.,'][0-9]+)*", lambda _: number, printed, count=1)
    forget()
    alone = outcome(other, options, context)
    with full_scanner():
        assert outcome(other, options, context) == alone
    forget()
    outcome(printed, options, context)
    assert outcome(other, options, context) == alone
    assert outcome(other, options, context) == alone


def test_a_shape_read_before_is_replayed() -> None:
    """The second figure of a shape is read from what the first left (not a test that could
    pass with nothing kept: the scanner's quick path is not asked again)."""
    forget()
    first = figures.read_figure.__wrapped__("about 4.83 million visitors")  # type: ignore[attr-defined]
    with mock.patch.object(figures._Scanner, "quick_number_part", side_effect=AssertionError):
        second = figures.read_figure.__wrapped__("about 4.84 million visitors")  # type: ignore[attr-defined]
    assert first.steps == second.steps
    assert second.nominal == 4_840_000
    assert second.unit == first.unit and second.noun == "visitors" == first.noun
    assert second.hedge is first.hedge and second.hedge_phrase == "about"


@pytest.mark.parametrize("separator", ["\x1c", "\x1d", "\x1e", "\x1f"])
def test_words_read_after_a_non_ascii_figure_are_not_replayed_for_an_ascii_one(separator: str) -> None:
    """A figure with a character other than ASCII is normalised with more characters read as
    spaces (an information separator among them): the words after its number read otherwise
    than the same words in an ASCII figure, whichever figure is read first."""
    ascii_figure = f"5 cases per 1{separator}000 people"
    other = f"\u0665 cases per 1{separator}000 people"
    forget()
    alone = outcome(ascii_figure, None, PLAIN)
    assert alone[:2] == ("error", figures.FigureError)  # '000' after the number
    forget()
    outcome(other, None, PLAIN)
    assert outcome(ascii_figure, None, PLAIN) == alone


def test_a_shape_keeps_everything_the_scanner_found_but_the_number_and_steps() -> None:
    """``_Parsed.kept`` and ``restore`` name the scanner's findings one by one: a finding added
    to ``_Parsed`` and not to them would be lost when a shape is replayed."""
    source = figures._Parsed()
    for index, name in enumerate(figures._Parsed.__slots__):
        setattr(source, name, f"value {index}")
    target = figures._Parsed()
    target.restore(source.kept())
    for name in figures._Parsed.__slots__:
        restored = getattr(target, name) == getattr(source, name)
        assert restored == (name not in ("number", "steps")), name
