"""The text report without colour is written without Rich: it must be what Rich writes."""

from __future__ import annotations

import io

from hypothesis import given
from hypothesis import strategies as st
from rich.text import Text

from claimcheck.formats import RenderOptions
from claimcheck.formats.text import make_console, write_lines
from claimcheck.formats.textline import Line

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


pieces = st.lists(
    st.tuples(st.text(characters, max_size=12), st.sampled_from(["", "bold", "dim", "bold red", "green"])),
    min_size=1,
    max_size=5,
)


@given(parts=pieces, cut=st.integers(0, 40), length=st.integers(0, 40))
def test_a_line_is_the_rich_text_it_stands_for(parts: list[tuple[str, str]], cut: int, length: int) -> None:
    """Lines are made, added, joined, cut and trimmed as Rich texts are, to the same effect."""
    line, text = Line(*parts[0]), Text(parts[0][0], style=parts[0][1])
    for piece, style in parts[1:]:
        line, text = line + Line(piece, style), text + Text(piece, style=style)
    line = Line(", ").join([line, Line.assemble(*parts)])
    text = Text(", ").join([text, Text.assemble(*parts)])
    line, text = line[cut : cut + length], text[cut : cut + length]
    line.rstrip()
    text.rstrip()
    assert line.plain == text.plain
    assert len(line) == len(text)
    coloured = RenderOptions(colour=True, width=60)
    assert rich_writes([line.rich()], coloured) == rich_writes([text], coloured)
    stream = io.StringIO()
    write_lines(stream, [line], RenderOptions(width=60))
    assert stream.getvalue() == rich_writes([text], RenderOptions(width=60))
