"""Fitting text to a width: the quick paths give what the word-by-word definitions give."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from claimcheck.formats.layout import longest_word, tokens, wrap


def wrap_word_by_word(text: str, width: int) -> list[str]:
    """The definition: words added to a line while they fit, each paragraph on its own."""
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        line = ""
        for word in tokens(paragraph):
            if line and len(line) + 1 + len(word) > width:
                lines.append(line)
                line = word
            else:
                line = f"{line} {word}" if line else word
        lines.append(line)
    return lines


def longest_word_line_by_line(text: str) -> int:
    return max((len(word) for line in text.splitlines() for word in tokens(line)), default=0)


pieces = st.sampled_from(
    [
        "[55.55, 55.65)",
        "(1, 2]",
        "billion",
        "CNY",
        "a",
        "7.22964",
        " ",
        "  ",
        "\n",
        "\t",
        "\u2028",
        "\x0c",
        "x,",
        ")",
    ]
)
texts = st.lists(pieces, max_size=30).map("".join)


@given(text=texts, width=st.integers(-1, 60))
def test_wrap_is_greedy_word_by_word(text: str, width: int) -> None:
    assert wrap(text, width) == wrap_word_by_word(text, width)


@given(text=texts)
def test_longest_word_of_the_whole_text(text: str) -> None:
    assert longest_word(text) == longest_word_line_by_line(text)


def test_an_interval_is_one_word() -> None:
    assert wrap("recomputed [55.55, 55.65) billion CNY", 16) == [
        "recomputed",
        "[55.55, 55.65)",
        "billion CNY",
    ]
    assert longest_word("recomputed [55.55, 55.65)\nbillion") == len("[55.55, 55.65)")
