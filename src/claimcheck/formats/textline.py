"""A line of the text report: its plain text, and the Rich text it stands for when coloured.

The report is built from small styled pieces ("  ", an id in bold, a verdict in red...).
Building a Rich ``Text`` for each of them cost more than the rest of rendering a file, and
most reports are written without colour (to a pipe, a file, CI), where only the plain text
is written. So a :class:`Line` keeps its plain text, worked out as Rich works it out, and the
recipe of the Rich operations it stands for: replayed when colour is wanted, they make the
same ``Text`` as before, so that coloured output is byte for byte what it was.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich.control import strip_control_codes
from rich.text import Text


class Line:
    """Styled text, as Rich's ``Text`` is used here: made, added, joined, cut and right-trimmed."""

    __slots__ = ("_make", "plain")

    def __init__(self, text: str = "", style: str = "") -> None:
        self.plain = strip_control_codes(text)
        """The text as Rich would print it without colour (control codes dropped, as Rich does)."""
        self._make: Callable[[], Text] = lambda: Text(text, style=style)

    @classmethod
    def _of(cls, plain: str, make: Callable[[], Text]) -> Line:
        line = cls.__new__(cls)
        line.plain = plain
        line._make = make
        return line

    @classmethod
    def assemble(cls, *parts: str | tuple[str, str]) -> Line:
        """As ``Text.assemble``: pieces of text, each alone or with its style."""
        plain = "".join(strip_control_codes(part if isinstance(part, str) else part[0]) for part in parts)
        return cls._of(plain, lambda: Text.assemble(*parts))

    def rich(self) -> Text:
        """The Rich text this line stands for, made anew."""
        return self._make()

    def __len__(self) -> int:
        return len(self.plain)

    def __add__(self, other: Line) -> Line:
        left, right = self._make, other._make
        return Line._of(self.plain + other.plain, lambda: left() + right())

    def __getitem__(self, part: slice) -> Line:
        """A slice of the line (with its styles), as ``Text`` slices; only steps of 1."""
        start, stop, step = part.indices(len(self.plain))
        if step != 1:
            raise ValueError("a line is cut in steps of 1 only")
        make = self._make
        return Line._of(self.plain[start:stop], lambda: make()[start:stop])

    def join(self, lines: Sequence[Line]) -> Line:
        """``lines`` with this line between each two, as ``Text.join``."""
        separator = self._make
        makers = [line._make for line in lines]
        return Line._of(
            self.plain.join(line.plain for line in lines),
            lambda: separator().join([make() for make in makers]),
        )

    def rstrip(self) -> None:
        """Drop white space at the end, in place, as ``Text.rstrip``."""
        self.plain = self.plain.rstrip()
        make = self._make

        def stripped() -> Text:
            text = make()
            text.rstrip()
            return text

        self._make = stripped
