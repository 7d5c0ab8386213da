"""Reading YAML: claimcheck's resolver against PyYAML's, the event reader against the composer,
and places made only when asked for."""

from __future__ import annotations

import concurrent.futures
import contextlib
import sys
from collections.abc import Callable
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from claimcheck import yamlsource
from claimcheck.limits import MAX_FILE_BYTES, MAX_YAML_DEPTH
from claimcheck.yamlsource import (
    PLAIN_TAGS,
    Document,
    Mark,
    YamlError,
    _composer,
    parse,
    position_mark,
    text_mark,
)

NULL = "tag:yaml.org,2002:null"
MERGE = "tag:yaml.org,2002:merge"


def meaning(tag: str) -> str:
    """What the reader does with a scalar of this tag: all claimcheck asks of a tag."""
    if tag == NULL:
        return "null"
    if tag == MERGE:
        return "merge"
    return "text" if tag in PLAIN_TAGS else "refused"


words = st.sampled_from(
    [
        "",
        "~",
        "null",
        "Null",
        "NULL",
        "nul",
        "<<",
        "=",
        "!",
        "&",
        "*",
        "true",
        "NO",
        "0x1F",
        "1e3",
        "2025-03-11",
    ]
)
scalars = words | st.text(st.sampled_from(list("~nulNUL<=!&*01.:-+eTtYy _abc")), max_size=6)


@given(value=scalars, plain=st.booleans())
def test_scalars_mean_what_they_mean_to_pyyaml(value: str, plain: bool) -> None:
    ours = _composer()("").resolve(yaml.ScalarNode, value, (plain, not plain))
    theirs = yaml.resolver.Resolver().resolve(yaml.ScalarNode, value, (plain, not plain))
    assert meaning(ours) == meaning(theirs)


def test_plain_nulls_are_none_and_quoted_ones_text() -> None:
    document = parse('a: ~\nb: "null"\nc:\nd: 65.0\ne: NO\n')
    assert document.data == {"a": None, "b": "null", "c": None, "d": "65.0", "e": "NO"}
    assert document.mark(("b",)) == Mark(2, 4)
    assert document.text_mark(("b",), 1) == Mark(2, 6)  # one column for the opening quote
    assert document.key_mark(("d",)) == Mark(4, 1)
    assert document.mark(("d", "missing", 3)) == Mark(4, 4)  # the nearest enclosing value


@pytest.mark.parametrize(
    ("text", "message", "mark"),
    [
        ("a: 1\n<<: {b: 2}\n", "merge keys ('<<') are not allowed in claim files", Mark(2, 1)),
        ("a: &x 1\nb: *x\n", "anchors and aliases are not allowed in claim files", Mark(1, 4)),
    ],
)
def test_refused_constructs_are_errors_at_their_place(text: str, message: str, mark: Mark) -> None:
    with pytest.raises(YamlError) as caught:
        parse(text)
    assert (caught.value.message, caught.value.mark) == (message, mark)


def test_tags_and_a_bare_equals_sign_are_reported_and_reading_goes_on() -> None:
    document = parse("a: =\nb: !!binary aGk=\nc: ok\n")
    assert document.data == {"a": "=", "b": "aGk=", "c": "ok"}
    assert [(error.message, error.mark) for error in document.errors] == [
        ("YAML tags such as 'tag:yaml.org,2002:value' are not allowed", Mark(1, 4)),
        ("YAML tags such as 'tag:yaml.org,2002:binary' are not allowed", Mark(2, 4)),
    ]


def test_duplicate_keys_name_the_first_line() -> None:
    document = parse("a: 1\nb: 2\na: 3\n")
    assert document.data == {"a": "1", "b": "2"}
    assert [(error.message, error.mark) for error in document.errors] == [
        ("duplicate key 'a' (first at line 1)", Mark(3, 1))
    ]


# The event reader against the composer ----------------------------------------------------
#
# parse() reads plain files from libyaml's events and leaves anything unusual to the composer
# and _Builder, the reference. On any text, both must give the same data, places and problems.


def composed(text: str) -> Document:
    """The document as the composer and _Builder read it."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(yamlsource, "_read_events", lambda text: None)
        return parse(text)


def reading(read: Callable[[str], Document], text: str) -> tuple[Any, ...]:
    """Everything a reading gives: data, every place, the problems; or the error."""
    try:
        document = read(text)
    except YamlError as error:
        return ("error", error.message, error.mark, error.code)
    places: list[tuple[Any, ...]] = []

    def walk(value: Any, path: tuple[Any, ...]) -> None:
        if isinstance(value, (dict, list)):
            own, held = document.places[id(value)]
            keys = (
                {key: document.key_position(value, key) for key in value} if isinstance(value, dict) else None
            )
            places.append((path, own, repr(held), repr(keys)))
            for step, inner in value.items() if isinstance(value, dict) else enumerate(value):
                walk(inner, (*path, step))

    walk(document.data, ())
    problems = [(error.message, error.mark, error.code) for error in document.errors]
    return ("read", document.data, document.root, places, problems)


KEYS = ["a", "b", "a", "", "~", "<<", "'<<'", "!!merge a", "!!str b", "&k a", "*k", "? [x]", "!foo c"]
VALUES = [
    "x", "", "~", "null", "'null'", '"q"', "=", "!", "!!binary aGk=", "!!null x", "! y", "&v 1",
    "*v", "|\n  text", ">-\n  folded", "!!map {}", "!t [1]", "[]", "{}", "2025-03-11", "0x1F",
]  # fmt: skip


@st.composite
def yaml_texts(draw: st.DrawFn) -> str:
    """Small YAML documents with every construct the reader treats apart, sometimes broken."""

    def value(level: int) -> str:
        shape = draw(st.integers(0, 4)) if level < 3 else 0
        if shape <= 1:
            return draw(st.sampled_from(VALUES))
        if shape == 2:
            return "[" + ", ".join(value(level + 1) for _ in range(draw(st.integers(0, 3)))) + "]"
        if shape == 3:
            items = (
                f"{draw(st.sampled_from(KEYS))}: {value(level + 1)}" for _ in range(draw(st.integers(0, 3)))
            )
            return "{" + ", ".join(items) + "}"
        indent = "  " * (level + 1)
        lines = (
            f"{indent}{draw(st.sampled_from(KEYS))}: {value(level + 1)}"
            for _ in range(draw(st.integers(1, 3)))
        )
        return "\n" + "\n".join(lines)

    lines = [f"{draw(st.sampled_from(KEYS))}: {value(0)}" for _ in range(draw(st.integers(0, 4)))]
    text = "\n".join(lines) + "\n"
    if draw(st.booleans()):
        position = draw(st.integers(0, len(text)))
        text = (
            text[:position] + draw(st.sampled_from([*":-[]{}&*!'\"#\n ,?|>%\t", "---\n"])) + text[position:]
        )
    return text


@settings(max_examples=400, deadline=None, derandomize=True, database=None)
@given(text=yaml_texts())
def test_the_event_reader_reads_as_the_composer_does(text: str) -> None:
    assert reading(parse, text) == reading(composed, text)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "# a comment only\n",
        "---\n",
        "--- a\n--- b\n",
        "a: b\n...\n---\nc: d\n",
        "'quoted'\n",
        "*undefined\n",
        "a: 1\na: [2, &x 3]\nb: *x\n",  # an alias of a value never read (a duplicate's)
        "&k a: 1\nb: *k\n",  # an alias of a key
        "a: 1\na: {b: [c, {d: e}]}\nf: g\n",
        "claims: " + "[" * 150 + "]" * 150 + "\n",
    ],
)
def test_unusual_files_read_as_the_composer_reads_them(text: str) -> None:
    assert reading(parse, text) == reading(composed, text)


def test_nesting_is_limited() -> None:
    deep = MAX_YAML_DEPTH + 1
    assert parse("a: " + "[" * MAX_YAML_DEPTH + "]" * MAX_YAML_DEPTH + "\n").errors == []
    with pytest.raises(YamlError) as caught:
        parse("a: " + "[" * deep + "]" * deep + "\n")
    assert (caught.value.message, caught.value.mark) == ("YAML is nested too deeply", Mark(1, 1))
    nested = "a:\n" + "".join("  " * level + f"k{level}:\n" for level in range(1, deep + 1))
    with pytest.raises(YamlError, match="nested too deeply"):
        parse(nested)


def test_places_of_values_held() -> None:
    document = parse("a:\n  - x\n  - 'y'\nb: {c: d}\n")
    items, inner = document.data["a"], document.data["b"]
    assert position_mark(document.position(items)) == Mark(2, 3)
    assert position_mark(document.value_position(items, 1)) == Mark(3, 5)
    assert text_mark(document.value_position(items, 1), 0) == Mark(3, 6)  # past the quote
    assert position_mark(document.value_position(items, 5)) == Mark(2, 3)  # no such item
    assert position_mark(document.key_position(inner, "c")) == Mark(4, 5)
    assert position_mark(document.key_position(items, "c")) == Mark(2, 3)  # a list has no keys
    assert position_mark(document.key_position(inner, "x")) == Mark(4, 4)  # nor has it this one
    assert document.key_mark(("b", "c")) == Mark(4, 5)
    assert document.text_mark(("a", 1, "deeper"), 0) == Mark(3, 5)  # not the quoted text itself


def test_places_far_down_and_far_along_a_file_within_the_size_limit() -> None:
    lines = 300_000
    long = MAX_FILE_BYTES - lines - 20  # about the longest line a file within the limit has
    text = "\n" * lines + "{a: " + "x" * long + ", b: 'q'}\n"
    document = parse(text)
    column = 4 + long + 2 + 4  # 1-based: the quote that opens 'q'
    assert position_mark(document.value_position(document.data, "b")) == Mark(lines + 1, column)
    assert text_mark(document.value_position(document.data, "b"), 0) == Mark(lines + 1, column + 1)
    assert document.key_mark(("b",)) == Mark(lines + 1, column - 3)


def test_a_text_too_long_for_its_places_is_refused() -> None:
    with pytest.raises(YamlError, match="larger than"):
        parse("a: " + "x" * yamlsource._QUOTED)


# libyaml's event classes ---------------------------------------------------------------------
#
# The event reader has libyaml's module name its handlers instead of PyYAML's event classes
# while it reads. Plain files must take that path, and PyYAML must find its own classes after.


def test_plain_files_are_read_from_the_events() -> None:
    """Were libyaml's module to stop looking up its event classes by name (a PyYAML release),
    every file would go to the composer: still right, but slower; this says so."""
    document = yamlsource._read_events("a: [b, 'c']\nd: {e: ~}\n")
    assert document is not None
    assert document.data == {"a": ["b", "c"], "d": {"e": None}}


@pytest.mark.parametrize(
    "text",
    ["a: [b, c]\n", "a: &x b\n", "a: [b\n", "a: 1\na: 2\n", "--- a\n--- b\n", "a: b\n\x07"],
)
def test_pyyaml_has_its_own_event_classes_after_any_reading(text: str) -> None:
    with contextlib.suppress(YamlError):
        parse(text)
    events = list(yaml.parse("a: [b]\n", Loader=yaml.CSafeLoader))
    assert [type(event) for event in events] == [
        yaml.StreamStartEvent,
        yaml.DocumentStartEvent,
        yaml.MappingStartEvent,
        yaml.ScalarEvent,
        yaml.SequenceStartEvent,
        yaml.ScalarEvent,
        yaml.SequenceEndEvent,
        yaml.MappingEndEvent,
        yaml.DocumentEndEvent,
        yaml.StreamEndEvent,
    ]


def test_readings_in_threads_at_once_are_each_their_own() -> None:
    """The handlers hold one reading's state, and libyaml's module names one set at a time."""
    texts = [f"n: {n}\nitems: [{', '.join(f'v{n}-{i}' for i in range(60))}]\nend: {n}\n" for n in range(8)]
    expected = [composed(text).data for text in texts]
    switch = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # threads change hands within a reading
    try:
        with concurrent.futures.ThreadPoolExecutor(4) as pool:
            read = list(pool.map(lambda text: parse(text).data, texts * 25))
    finally:
        sys.setswitchinterval(switch)
    assert read == expected * 25


def test_another_threads_pyyaml_reading_during_ours_gets_pyyamls_events(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """While our handlers are named in libyaml's module, a PyYAML event reading in another
    thread is handed PyYAML's own events, and ours is not disturbed."""
    import threading

    other_text = "a: [1, b]\nc: {d: e}\n"
    expected = [
        (type(event), getattr(event, "value", None))
        for event in yaml.parse(other_text, Loader=yaml.CSafeLoader)
    ]
    seen: list[list[tuple[type, Any]]] = []
    scalar = yamlsource._scalar

    def read_elsewhere_then_scalar(*args: Any) -> Any:
        if not seen:  # the first special scalar of our reading: the handlers are named now
            events = yaml.parse(other_text, Loader=yaml.CSafeLoader)
            worker = threading.Thread(
                target=lambda: seen.append([(type(e), getattr(e, "value", None)) for e in events])
            )
            worker.start()
            worker.join()
        return scalar(*args)

    monkeypatch.setattr(yamlsource, "_scalar", read_elsewhere_then_scalar)
    text = "first: ~\nitems: [x, y]\nlast: {k: v}\n"
    document = parse(text)
    assert seen == [expected]
    assert document.data == composed(text).data == {"first": None, "items": ["x", "y"], "last": {"k": "v"}}
