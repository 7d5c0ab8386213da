"""The text report without colour is written without Rich: it must be what Rich writes."""

from __future__ import annotations

import io

from hypothesis import given
from hypothesis import strategies as st
from rich.text import Text

from claimcheck.formats import RenderOptions
from claimcheck.formats.text import make_console, write_lines

characters = st.sampled_from(list("ab 12.,-\t\n\r\x07[]/é漢\u00a0")) | st.characters(codec="utf-8")
lines = st.lists(st.text(characters, max_size=60), max_size=6)


def rich_writes(texts: list[Text], options: RenderOptions) -> str:
    stream = io.StringIO()
    console = make_console(stream, options)
    for text in texts:
        console.print(text, soft_wrap=True)
    return stream.getvalue()


@given(plain=lines, width=st.integers(10, 120))
def test_lines_are_written_as_rich_writes_them(plain: list[str], width: int) -> None:
    options = RenderOptions(width=width)
    texts = [Text(line, style="bold" if index % 2 else "") for index, line in enumerate(plain)]
    stream = io.StringIO()
    write_lines(stream, texts, options)
    assert stream.getvalue() == rich_writes(texts, options)


def test_styled_lines_are_written_without_codes_when_not_coloured() -> None:
    stream = io.StringIO()
    write_lines(stream, [Text("inconsistent", style="bold red"), Text("")], RenderOptions(width=40))
    assert stream.getvalue() == "inconsistent\n\n"
