"""Fitting text to a width without breaking a number, an interval or an id.

Words are never cut: a line breaks only between words, and an interval such as
"[55.55, 55.65)" counts as one word. A table is laid out only when every column fits its
longest word; otherwise the caller shows one record per block.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from claimcheck.valueclass import value_class

_TOKEN = re.compile(r"[\[(][-+0-9.,/a-z]*, [-+0-9.,/a-z]*[\])]|\S+")
"""An interval (kept whole), or any run of non-blank characters."""

GAP = 2
"""Spaces between table columns."""


def tokens(text: str) -> list[str]:
    """The unbreakable words of ``text``."""
    return _TOKEN.findall(text)


def longest_word(text: str) -> int:
    # No word spans a line break, so the words of the whole text are those of its lines.
    return max(map(len, _TOKEN.findall(text)), default=0)


def wrap(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width`` characters, breaking only between words.

    A word longer than ``width`` stands alone on its line, whole. Line breaks in ``text`` are kept.
    """
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        words = tokens(paragraph)
        if sum(map(len, words)) + len(words) - 1 <= width:  # the usual case: it fits on one line
            lines.append(" ".join(words))
            continue
        line = ""
        for word in words:
            if line and len(line) + 1 + len(word) > width:
                lines.append(line)
                line = word
            else:
                line = f"{line} {word}" if line else word
        lines.append(line)
    return lines


@value_class(repr=False, eq=False)
class Column:
    header: str
    right: bool = False
    """Right-aligned (numbers)."""


def column_widths(columns: Sequence[Column], rows: Sequence[Sequence[str]], width: int) -> list[int] | None:
    """Widths that fit ``width`` with no word broken, or None when the table cannot fit."""
    cells = [[column.header, *(row[index] for row in rows)] for index, column in enumerate(columns)]
    minimum = [max(longest_word(cell) for cell in column) for column in cells]
    maximum = [max(len(line) for cell in column for line in cell.splitlines() or [""]) for column in cells]
    available = width - GAP * (len(columns) - 1)
    if sum(minimum) > available:
        return None
    widths = list(maximum)
    while sum(widths) > available:
        # Narrow the widest column that can still give way.
        candidates = [index for index in range(len(widths)) if widths[index] > minimum[index]]
        index = max(candidates, key=lambda item: widths[item])
        widths[index] -= 1
    return widths


def table_lines(
    columns: Sequence[Column], rows: Sequence[Sequence[str]], widths: Sequence[int]
) -> list[list[list[str]]]:
    """Each row as its lines, each line as its padded cells (the caller joins and styles them)."""
    laid: list[list[list[str]]] = []
    for row in rows:
        lines: list[list[str]] = []
        wrapped = [wrap(cell, widths[index]) for index, cell in enumerate(row)]
        height = max(len(cell) for cell in wrapped)
        for number in range(height):
            line: list[str] = []
            for index, cell in enumerate(wrapped):
                text = cell[number] if number < len(cell) else ""
                line.append(text.rjust(widths[index]) if columns[index].right else text.ljust(widths[index]))
            lines.append(line)
        laid.append(lines)
    return laid
