"""Reading YAML: claimcheck's resolver against PyYAML's, and places made only when asked for."""

from __future__ import annotations

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from claimcheck.yamlsource import PLAIN_TAGS, Mark, YamlError, _composer, parse

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
