"""The digit reader's quick paths read every number as its general reader does.

:func:`claimcheck.numerals.read_digits` reads the common numbers ("215", "16.2", "1,234")
without checking their groups one by one; everything else goes to the general reader, which
checks the groups by the rules of the article's locale. These tests read generated numbers
both ways: the same number, place and kind, or the same error with the same offset.
"""

from __future__ import annotations

from typing import Any

from hypothesis import example, given
from hypothesis import strategies as st

from claimcheck import numerals
from claimcheck.exact import Exact
from claimcheck.numerals import Number, NumberError

LOCALES = [None, "en", "en-GB", "en-IN", "EN_in", "hi", "de", "fr-CH", "de_CH", "xx"]


def outcome(read: Any, text: str, locale: str | None) -> tuple[Any, ...]:
    try:
        number = read(text, locale)
    except NumberError as error:
        return ("error", str(error), error.offset)
    return ("number", *number)


@st.composite
def printed_numbers(draw: st.DrawFn) -> str:
    """Digits in groups of one to four joined by commas, points, apostrophes or spaces, now
    and then with a decimal part; up to some sixty digits in all."""
    group = st.from_regex(r"[0-9]{1,4}", fullmatch=True)
    three = st.from_regex(r"[0-9]{3}", fullmatch=True)  # most often as grouped
    groups = draw(st.lists(st.one_of(three, three, group), min_size=1, max_size=12))
    separators = st.sampled_from([",", ",", ",", ".", "'", " "])
    text = groups[0] + "".join(draw(separators) + group for group in groups[1:])
    if draw(st.booleans()):
        text += draw(st.sampled_from([".", ","])) + draw(st.from_regex(r"[0-9]{1,12}", fullmatch=True))
    return text


@given(text=printed_numbers(), locale=st.sampled_from(LOCALES))
@example(text="1,234", locale=None)
@example(text="12,345,678.905", locale="en")
@example(text="1,234", locale="en-IN")
@example(text="1,234", locale="de")
@example(text="1,234,567", locale="en-IN")
@example(text="1" + ",000" * 10, locale=None)  # 31 digits
@example(text="1" + ",000" * 9 + ".5", locale=None)
@example(text="0,000", locale=None)
def test_the_quick_paths_read_as_the_general_reader(text: str, locale: str | None) -> None:
    assert outcome(numerals.read_digits, text, locale) == outcome(numerals._read_grouped, text, locale)


def test_a_number_grouped_in_threes_reads_to_its_last_digit() -> None:
    assert numerals.read_digits("1,234") == Number(Exact(1234), Exact(1), False, False)
    assert numerals.read_digits("4,830,000") == Number(Exact(4830000), Exact(10**4), False, False)
    assert numerals.read_digits("1,234.50") == Number(Exact(123450, 100), Exact(1, 100), False, True)
    assert numerals.read_digits("12,34,567", "en-IN") == Number(Exact(1234567), Exact(1), False, False)
