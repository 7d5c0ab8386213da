"""Loading's shortcuts give what the general way gives: the order of checks, the line of a quote,
records made without their ``__init__``."""

from __future__ import annotations

import dataclasses
import graphlib
import itertools
import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimcheck import schema
from claimcheck.checks import CHECK_KINDS
from claimcheck.kinds import CLAIM_KINDS
from claimcheck.loader import (
    _ArticleIndex,
    _in_quote,
    _normalize,
    _spaced_plainly_long,
    _static_order,
    load_claim_file,
    load_claim_text,
)
from claimcheck.realpaths import real_folder, resolved

NAMES = [f"c{index}" for index in range(8)]


@settings(max_examples=300, deadline=None, derandomize=True, database=None)
@given(st.dictionaries(st.sampled_from(NAMES), st.sets(st.sampled_from(NAMES), max_size=3), max_size=8))
def test_checks_are_ordered_as_graphlib_orders_them(graph: dict[str, set[str]]) -> None:
    try:
        expected: tuple[str, ...] | None = tuple(graphlib.TopologicalSorter(graph).static_order())
    except graphlib.CycleError:
        expected = None
    assert _static_order(graph) == expected


def lines_by_normalising_each(article: str) -> list[int]:
    """For each character of the normalised article, its line: normalising line by line."""
    found: list[int] = []
    for number, line in enumerate(article.splitlines(), start=1):
        chunk = _normalize(line)
        if chunk:
            if found:
                found.append(number)  # the space before the chunk belongs to its line
            found.extend([number] * len(chunk))
    return found


ARTICLE_TEXT = st.lists(
    st.sampled_from([*"ab C\n\r\t\x0b\x0c\x1c\x85\u2028“”–ßİﬁ", "\r\n", "  "]), max_size=40
).map("".join)


@settings(max_examples=300, deadline=None, derandomize=True, database=None)
@given(ARTICLE_TEXT)
def test_a_quote_is_found_on_its_line(article: str) -> None:
    index = _ArticleIndex.of(article)
    lines = lines_by_normalising_each(article)
    assert len(index.text) == len(lines)
    for position, character in enumerate(index.text):
        if character != " ":  # a quote starts with a word
            assert index.line_at(position) == lines[position]


def test_quote_lines_in_a_loaded_file(tmp_path: Path) -> None:
    (tmp_path / "article.txt").write_text(
        "Title\n\n\u201cVisitors rose\u201d, it said.\nIn 2024 the city hosted\n65 million\ntourists.\n"
    )
    claims = """\
article:
  title: T
  publisher: P
  date: 2025-03-11
  text: article.txt
claims:
  - id: visitors
    kind: event
    quote: '"visitors rose"'
    period: July 2024
  - id: tourists
    kind: figure
    quote: hosted 65 million tourists
    value: 65 million tourists
"""
    loaded = load_claim_text(tmp_path / "claims.yaml", claims)
    assert [problem.message for problem in loaded.problems] == []
    assert loaded.quote_lines == {"visitors": 3, "tourists": 4}


def test_records_are_made_as_their_classes_make_them() -> None:
    kinds = itertools.chain(CLAIM_KINDS.values(), CHECK_KINDS.values())
    for cls in [kind.record for kind in kinds]:
        fields = [field for field in dataclasses.fields(cls) if field.name != "at"]
        required = {
            field.name: f"{field.name} value"
            for field in fields
            if field.default is dataclasses.MISSING and field.default_factory is dataclasses.MISSING
        }
        made = schema._plan(cls).make(dict(required), schema.Mark(3, 4))
        called = cls(**required, at=schema.Mark(3, 4))
        assert type(made) is cls
        assert list(vars(made).items()) == list(vars(called).items()), cls


def test_the_article_index_holds_the_article_normalised_as_a_whole() -> None:
    @settings(max_examples=300, deadline=None, derandomize=True, database=None)
    @given(ARTICLE_TEXT)
    def holds(article: str) -> None:
        assert _ArticleIndex.of(article).text == _normalize(article)

    holds()


QUOTE_TEXT = st.lists(
    st.sampled_from([*"aB 5.,%$\n\t\x1c\x85\u2028\u00a0“”‘’–—\"'-ßİﬁΣς", "  ", "per cent", "SS"]), max_size=30
).map("".join)


@settings(max_examples=500, deadline=None, derandomize=True, database=None)
@given(QUOTE_TEXT, st.data())
def test_a_figure_is_found_in_its_quote_as_when_both_are_normalised(quote: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(quote)))
    end = data.draw(st.integers(start, len(quote)))
    for printed in (quote[start:end], data.draw(QUOTE_TEXT)):
        normalized = _normalize(quote)
        assert _in_quote(printed, quote, normalized) == (_normalize(printed) in normalized)


@settings(max_examples=500, deadline=None, derandomize=True, database=None)
@given(QUOTE_TEXT)
def test_a_text_spaced_plainly_is_normalised_as_any_other(text: str) -> None:
    """Texts whose words are one space apart skip splitting and joining: the same result."""
    translated = text.translate(str.maketrans("“”‘’–—", "\"\"''--"))
    assert _normalize(text) == " ".join(translated.split()).casefold()
    lines = [" ".join(line.split()) for line in translated.splitlines()]
    lengths = [len(line.casefold()) + 1 if line else 0 for line in lines]
    assert _ArticleIndex.of(text).starts == list(itertools.accumulate(lengths, initial=0))


@settings(max_examples=500, deadline=None, derandomize=True, database=None)
@given(st.one_of(st.text(st.characters(max_codepoint=127), max_size=30), QUOTE_TEXT))
def test_a_long_text_is_spaced_plainly_only_when_splitting_and_joining_keeps_it(text: str) -> None:
    """The article's check: exact in ASCII (control characters that are not white space
    included), never wrong beyond it."""
    kept = " ".join(text.split()) == text
    if text.isascii():
        assert _spaced_plainly_long(text) == kept
    elif _spaced_plainly_long(text):
        assert kept


@pytest.fixture
def layout(tmp_path: Path) -> Path:
    """Article texts behind links, a link loop, a file where a folder is expected."""
    (tmp_path / "real").mkdir()
    (tmp_path / "real" / "a.txt").write_text("a")
    (tmp_path / "real" / "b.md").write_text("b")
    (tmp_path / "claims").mkdir()
    (tmp_path / "file").write_text("f")
    os.symlink(tmp_path / "real", tmp_path / "link")
    os.symlink(tmp_path / "real" / "b.md", tmp_path / "real" / "c.txt")  # the target's suffix counts
    os.symlink(tmp_path / "loop1", tmp_path / "loop2")
    os.symlink(tmp_path / "loop2", tmp_path / "loop1")
    return tmp_path


@pytest.mark.parametrize(
    "text",
    [
        "../real/a.txt",
        "../link/a.txt",
        "../real/c.txt",
        "../link/../real/a.txt",
        "../missing/../real/a.txt",
        "../file/../real/a.txt",
        "../loop1/a.txt",
        "../real/missing.txt",
        "../real/..",
        "../real/./a.txt",
        "../real/a.txt/",
    ],
)
def test_an_article_path_resolves_as_path_resolve_does(
    layout: Path, text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    def outcome(resolve: object, path: Path) -> object:
        try:
            return resolve(path)  # type: ignore[operator]
        except (OSError, RuntimeError) as error:
            return type(error), str(error)

    def parent(path: Path) -> str:
        return os.fspath(path.resolve().parent)

    for path in (layout / "claims" / text, Path("claims") / text, Path(Path(text).name)):
        monkeypatch.chdir(layout)
        assert outcome(resolved, path) == outcome(Path.resolve, path), path
        assert outcome(real_folder, path) == outcome(parent, path), path
        monkeypatch.chdir(layout / "real")  # the same relative path elsewhere: not what was cached
        assert outcome(resolved, path) == outcome(Path.resolve, path), path
        assert outcome(real_folder, path) == outcome(parent, path), path


def test_a_figure_read_before_in_another_context_is_read_in_the_files_own(tmp_path: Path) -> None:
    """Readings of figures printed with no options are shared by the files of one context:
    the same figure in a file with other currency hints, or other units, reads otherwise."""
    claims = """\
article:
  title: T
  publisher: P
  date: 2025-03-11{hints}
{units}claims:
  - id: spent
    kind: figure
    quote: spent ¥5 billion on 3 bed nights
    value: ¥5 billion
  - id: nights
    kind: figure
    quote: spent ¥5 billion on 3 bed nights
    value: 3 bed nights
"""

    def read(hints: str = "", units: str = "") -> tuple[str, str]:
        loaded = load_claim_text(tmp_path / "claims.yaml", claims.format(hints=hints, units=units))
        assert [problem.message for problem in loaded.problems] == []
        spent, nights = (claim.figures()["value"].reading for claim in loaded.claims)
        return str(spent.unit), str(nights.unit)

    yuan, noun = "\n  currency_hints: [CNY]", "units:\n  bed night: noun\n"
    plain = read(yuan, noun)
    assert read("\n  currency_hints: [JPY]", noun)[0] != plain[0]
    assert read(yuan, "units:\n  bed night: night\n")[1] != plain[1]
    assert read(yuan, noun) == plain


def test_the_readings_shared_by_files_stay_bounded_however_many_contexts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Files that each declare their own units are each a context of their own: the readings
    kept for them are let go before they outgrow the table's bounds (found in review: they
    grew by about 1 KB a figure, in up to 4,096 contexts)."""
    table = schema._PlainReadings()
    monkeypatch.setattr(schema, "_PLAIN_READINGS", table)
    claims = "article:\n  title: T\n  publisher: P\n  date: 2025-03-11\nunits:\n  gadget{n}: noun\nclaims:\n"
    claim = "  - id: c{i}\n    kind: figure\n    quote: made {i} gadget{n}s\n    value: {i} gadget{n}s\n"
    most_contexts = most_readings = 0
    for number, figures in enumerate([20] * (3 * table.MAX_CONTEXTS) + [399] * 30):
        n = "".join(chr(ord("a") + int(digit)) for digit in str(number))  # a unit's name has no digit
        text = claims.format(n=n) + "".join(claim.format(i=i, n=n) for i in range(1, figures + 1))
        loaded = load_claim_text(tmp_path / f"f{number}.yaml", text)
        assert [problem.message for problem in loaded.problems] == []
        assert str(loaded.claims[-1].figures()["value"].reading.unit) == f"gadget{n}"
        most_contexts = max(most_contexts, len(table.by_context))
        most_readings = max(most_readings, sum(len(readings) for readings in table.by_context.values()))
    assert most_contexts == table.MAX_CONTEXTS
    assert table.MAX_READINGS - 400 < most_readings <= table.MAX_READINGS


@pytest.mark.parametrize(
    "path",
    sorted([*Path("claims").rglob("*.yaml"), *Path("tests/data").rglob("*.yaml")]),
    ids=str,
)
def test_a_claims_readings_are_its_figures_readings(path: Path) -> None:
    """Claim.readings() reads the fields directly; it names and orders what figures() does."""
    for claim in load_claim_file(path).claims:
        assert claim.readings() == tuple((name, figure.reading) for name, figure in claim.figures().items())
