"""Where a quote, and each figure inside it, stands in an article's text: character offsets.

Quotes are matched the way the loader matches them (straight quotes and dashes, runs of
white space as one space, case folded), but the offsets returned are those of the original
text, so that a report can highlight exactly the characters the article printed.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from claimcheck.articletext import plain_text, split_front_matter
from claimcheck.limits import MAX_ARTICLE_BYTES

_QUOTES = str.maketrans(
    {"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'", "\u2013": "-", "\u2014": "-"}
)


class Span(NamedTuple):
    """Characters ``start`` up to (not including) ``end`` of a text."""

    start: int
    end: int


def normalize(text: str) -> str:
    """Text for quote matching: straight quotes and dashes, single spaces, case folded.

    The same normalisation as the loader's, so a quote the loader found is found here too.
    """
    return " ".join(text.translate(_QUOTES).split()).casefold()


class NormalizedText:
    """A text normalised for matching, with the original offset of every normalised character."""

    def __init__(self, text: str) -> None:
        self.text = text
        chars: list[str] = []
        origins: list[int] = []
        pending_space = False
        for index, char in enumerate(text):
            if char.isspace():
                pending_space = bool(chars)
                continue
            if pending_space:
                chars.append(" ")
                origins.append(index - 1)
                pending_space = False
            for folded in char.translate(_QUOTES).casefold():
                chars.append(folded)
                origins.append(index)
        self.normalized = "".join(chars)
        self.origins = origins

    def find(self, needle: str, start: int = 0, end: int | None = None) -> Span | None:
        """The original span of the first match of ``needle`` within original offsets [start, end)."""
        wanted = normalize(needle)
        if not wanted:
            return None
        low = self._normalized_offset(start)
        high = len(self.normalized) if end is None else self._normalized_offset(end)
        position = self.normalized.find(wanted, low, high)
        if position < 0:
            return None
        last = position + len(wanted) - 1
        return Span(self.origins[position], self.origins[last] + 1)

    def _normalized_offset(self, original: int) -> int:
        import bisect

        return bisect.bisect_left(self.origins, original)


class Located(NamedTuple):
    """A claim's quote in the article text and its figures inside the quote."""

    quote: Span
    figures: tuple[tuple[str, Span], ...]
    """(printed text, span) for each figure found inside the quote."""


def locate(text: NormalizedText, quote: str, printed: tuple[str, ...]) -> Located | None:
    """Find ``quote`` in the text and each printed figure inside it; None when the quote is not there.

    A figure printed twice in one quote is looked for after the previous figure, so that
    "1 county-level city and 8 counties" gives each figure its own place.
    """
    span = text.find(quote)
    if span is None:
        return None
    figures: list[tuple[str, Span]] = []
    for figure in printed:
        found = text.find(figure, span.start, span.end)
        if found is not None:
            figures.append((figure, found))
    return Located(span, tuple(figures))


def article_body(claim_file: Path, relative: str) -> str | None:
    """The readable text of a claim file's article (front matter removed), or None if unreadable.

    Read as the loader reads it: relative to the claim file, UTF-8, markup removed.
    """
    from claimcheck.loader import read_regular_file

    target = (claim_file.parent / relative).resolve()
    try:  # never a device, a FIFO or an endless file: the loader's limits
        raw = read_regular_file(target, MAX_ARTICLE_BYTES).decode("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return None
    return split_front_matter(plain_text(raw, target.suffix)).body
