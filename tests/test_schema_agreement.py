"""The JSON Schema and the loader agree on a corpus of generated claim files (issue 12).

Each file is judged twice: by the loader, and as an editor judges it, by reading the YAML as
YAML 1.2 (where `period: 2024` is a number and `date: 2025-03-11` a string) and validating it
against the schema, dates checked as dates. On the format they must agree: the schema accepts a
file exactly when the loader reports no problem. Some problems lie beyond what a JSON Schema can
see (a figure claimcheck cannot read, a quote not in the article, a reference to an id that is
not there, anchors): for each of those classes the schema must accept the file and the loader
must refuse it with that class's code, so that an editor never flags a file claimcheck accepts.

Not in the corpus, because JSON Schema sees values, not the text written: `True` or `TRUE` for
true (the loader takes only `true`), and numbers written `3.0`, `+5`, `0x10` or `1e2` where the
loader wants two digits.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from claimcheck.loader import load_claim_file
from claimcheck.schema import json_schema

VALIDATOR = jsonschema.Draft202012Validator(json_schema(), format_checker=jsonschema.FormatChecker())


class Yaml12Loader(yaml.SafeLoader):
    """PyYAML with YAML 1.2's core schema, as editors read YAML: no yes/no booleans, no dates."""


Yaml12Loader.yaml_implicit_resolvers = {}
for tag, pattern, first in [
    ("bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("int", r"^(?:[-+]?[0-9]+)$", "-+0123456789"),
    (
        "float",
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF))$",
        "-+.0123456789",
    ),
    ("null", r"^(?:~|null|Null|NULL|)$", "~nN\0"),
]:
    Yaml12Loader.add_implicit_resolver(f"tag:yaml.org,2002:{tag}", re.compile(pattern), list(first))


def _no_duplicates(loader: Yaml12Loader, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
    keys = [loader.construct_object(key, deep=deep) for key, _ in node.value]
    if len(keys) != len(set(map(repr, keys))):
        raise yaml.constructor.ConstructorError(None, None, "duplicate key", node.start_mark)
    return yaml.SafeLoader.construct_mapping(loader, node, deep=deep)


Yaml12Loader.add_constructor("tag:yaml.org,2002:map", lambda loader, node: _no_duplicates(loader, node, True))


def editor_accepts(raw: bytes) -> bool:
    """Whether an editor's YAML 1.2 reading of the file validates against the schema."""
    try:
        data = yaml.load(raw.decode("utf-8"), Loader=Yaml12Loader)
    except (UnicodeDecodeError, yaml.YAMLError, RecursionError):
        return False
    return VALIDATOR.is_valid(data)


# the corpus ---------------------------------------------------------------------------------

HEADER = """\
article:
  title: Test article
  publisher: Test Daily
  date: 2025-03-11
"""

BASES: dict[str, str] = {
    "figure": HEADER
    + """\
claims:
  - id: projects
    kind: figure
    quote: "launched 215 projects last year"
    period: last year
    value: 215 projects
""",
    "change": HEADER
    + """\
claims:
  - id: tourists
    kind: change
    quote: "hosted 65 million tourists, a 16.2 percent increase"
    entity: Jinzhong
    period: 2024
    value: 65 million tourists
    rate: 16.2 percent
    direction: increase
""",
    "conversion": HEADER
    + """\
defaults:
  rate_window: 3
  rate_tolerance: 2 percent
claims:
  - id: investment
    kind: conversion
    quote: "an investment of 55.6 billion yuan ($7.66 billion)"
    amount: 55.6 billion yuan
    converted: $7.66 billion
    rate_window: 5
""",
    "share": HEADER
    + """\
claims:
  - id: output
    kind: share
    quote: "accounting for 89 percent of the city's total"
    share: 89 percent
""",
    "total": HEADER
    + """\
units:
  library: noun
claims:
  - id: split
    kind: total
    quote: "28 libraries in the centre and 12 libraries in the suburbs, 40 libraries in all"
    parts: [28 libraries, 12 libraries]
    total: 40 libraries
""",
    "bound": HEADER
    + """\
claims:
  - id: coverage
    kind: bound
    quote: "have all surpassed 97 percent"
    subjects: [water supply, heating]
    value: surpassed 97 percent
    maximum: 100 percent
""",
    "event": HEADER
    + """\
claims:
  - id: group
    kind: event
    quote: "In July 2024, Jinzhong set up a special working group"
    period: July 2024
    tense: past
""",
    "checks": HEADER
    + """\
claims:
  - id: tourists
    kind: figure
    quote: "65 million tourists"
    value: 65 million tourists
  - id: revenue
    kind: figure
    quote: "66.3 billion yuan"
    value: 66.3 billion yuan
references:
  - id: report
    kind: figure
    quote: "Tourists: 65.1 million tourists"
    value: 65.1 million tourists
    source:
      title: Statistical communique
      publisher: Jinzhong Bureau of Statistics
      date: 2025-02-20
checks:
  - id: per_tourist
    kind: ratio
    numerator: revenue
    denominator: tourists
    unit: yuan per tourist
  - id: per_tourist_formula
    kind: formula
    formula: revenue / tourists
    description: Revenue per tourist.
  - id: more_revenue
    kind: comparison
    left: revenue
    relation: ">"
    right: tourists.value
  - id: agrees
    kind: match
    figure: tourists
    reference: report
""",
}


@dataclass(frozen=True)
class Case:
    name: str
    raw: bytes
    beyond: str | None = None
    """For a class the schema cannot see: the code the loader must refuse it with."""


Edit = Callable[[str], str]


def _sub(old: str, new: str) -> Edit:
    def edit(text: str) -> str:
        assert old in text, (old, text)
        return text.replace(old, new, 1)

    return edit


def _line_edits(text: str) -> Iterator[tuple[str, Edit, bool]]:
    """For each `key: value` line inside a record: drop it, misspell its key, make it a list, a
    mapping or empty. Yields (name, edit, whether the result stays valid)."""
    for line in text.splitlines():
        match = re.fullmatch(r"( +)(?:- )?([a-z_]+): (.+)", line)
        if match is None or match[2] in ("article", "source"):
            continue
        indent, key, value = match[1], match[2], match[3]
        optional = key in {
            "period", "entity", "direction", "rate_window", "rate_tolerance", "subjects", "maximum",
            "tense", "unit", "description", "rate", "share", "source", "url",
        }  # fmt: skip
        if key != "id" and "- " not in line:
            yield f"drop-{key}", _sub(line + "\n", ""), optional
        if "- " not in line:
            yield f"misspell-{key}", _sub(f"{indent}{key}:", f"{indent}{key}x:"), False
            yield f"list-{key}", _sub(line, f"{indent}{key}: [{value.strip('[]')}, again]"), key == "subjects"
            yield f"mapping-{key}", _sub(line, f"{indent}{key}: {{odd: {value.strip('[]')}}}"), False
            yield f"empty-{key}", _sub(line, f'{indent}{key}: ""'), False


# Edits that must keep a file valid: how else a value may be written.
VALID_EDITS: list[tuple[str, Edit]] = [
    ("date-quoted", _sub("date: 2025-03-11", 'date: "2025-03-11"')),
    ("article-url", _sub("  date: 2025-03-11\n", "  date: 2025-03-11\n  url: https://news.example/a\n")),
    ("article-locale", _sub("  date: 2025-03-11\n", "  date: 2025-03-11\n  locale: en-GB\n")),
    ("article-hints", _sub("  date: 2025-03-11\n", "  date: 2025-03-11\n  currency_hints: [JPY]\n")),
    ("units-section", _sub("claims:\n", "units:\n  bed night: night\nclaims:\n")),
    ("units-null", _sub("claims:\n", "units:\nclaims:\n")),
    ("references-empty", lambda text: text + "references: []\n"),
    ("checks-null", lambda text: text + "checks:\n" if "\nchecks:" not in text else text),
    ("note-number", _sub("    kind:", "    note: 12\n    kind:")),
    ("note-boolean", _sub("    kind:", "    note: true\n    kind:")),
]

# Edits that break the format, which both must refuse.
FORMAT_EDITS: list[tuple[str, Edit]] = [
    ("empty-file", lambda text: ""),
    ("comment-only", lambda text: "# nothing here\n"),
    ("not-yaml", lambda text: "article: [unclosed\nclaims: []\n"),
    ("top-level-list", lambda text: "- just\n- a list\n"),
    ("top-level-text", lambda text: "just text\n"),
    (
        "no-article",
        lambda text: (
            text.split("claims:", 1)[0].replace(HEADER, "") + "claims:" + text.split("claims:", 1)[1]
        ),
    ),
    ("no-claims", lambda text: HEADER),
    ("unknown-top-level", lambda text: text + "claimz: []\n"),
    ("article-list", lambda text: text.replace(HEADER, "article: [a, b]\n")),
    ("article-null", lambda text: text.replace(HEADER, "article:\n")),
    ("claims-mapping", lambda text: HEADER + "claims:\n  a: 1\n"),
    ("claims-text", lambda text: HEADER + "claims: many\n"),
    ("claim-text", lambda text: HEADER + "claims:\n  - just text\n"),
    ("claim-null", lambda text: HEADER + "claims:\n  -\n"),
    ("date-words", _sub("date: 2025-03-11", "date: 11 March 2025")),
    ("date-short", _sub("date: 2025-03-11", "date: 2025-3-11")),
    ("date-impossible", _sub("date: 2025-03-11", "date: 2025-13-45")),
    ("date-number", _sub("date: 2025-03-11", "date: 20250311")),
    ("title-null", _sub("title: Test article", "title:")),
    ("title-blank", _sub("title: Test article", 'title: "   "')),
    ("title-list", _sub("title: Test article", "title: [a, b]")),
    ("article-unknown-key", _sub("  date: 2025-03-11\n", "  date: 2025-03-11\n  author: someone\n")),
    ("locale-bad", _sub("  date: 2025-03-11\n", "  date: 2025-03-11\n  locale: english!\n")),
    ("defaults-list", _sub("claims:\n", "defaults: [3]\nclaims:\n")),
    ("defaults-null", _sub("claims:\n", "defaults:\nclaims:\n")),
    ("defaults-unknown", _sub("claims:\n", "defaults:\n  window: 3\nclaims:\n")),
    ("units-list", _sub("claims:\n", "units: [bed night]\nclaims:\n")),
    ("units-nested", _sub("claims:\n", "units:\n  bed night: {a: b}\nclaims:\n")),
    ("kind-missing", lambda text: re.sub(r"\n    kind: [a-z]+", "", text, count=1)),
    ("kind-unknown", lambda text: re.sub(r"kind: [a-z]+", "kind: guess", text, count=1)),
    ("kind-list", lambda text: re.sub(r"kind: ([a-z]+)", r"kind: [\1]", text, count=1)),
    ("id-bad", lambda text: re.sub(r"- id: ([a-z_]+)", r"- id: Bad-\1", text, count=1)),
    ("id-missing", lambda text: re.sub(r"- id: [a-z_]+\n    ", "- ", text, count=1)),
    ("record-unknown-key", _sub("    kind:", "    colour: blue\n    kind:")),
    ("note-blank", _sub("    kind:", '    note: ""\n    kind:')),
    ("duplicate-key", _sub("  date: 2025-03-11\n", "  date: 2025-03-11\n  title: again\n")),
    ("not-utf8", lambda text: text.replace("Test article", "caf\udce9")),
    ("binary", lambda text: "\x00\x01\x02PNG"),
    ("tab-indent", lambda text: text.replace("  title:", "\ttitle:", 1)),
    ("custom-tag", _sub("title: Test article", "title: !custom Test article")),
    ("plain-tag", _sub("title: Test article", "title: !!str Test article")),
]

# Edits beyond what a JSON Schema can see: the schema accepts, the loader refuses with the code.


def _misspell_figure(text: str) -> str:
    return re.sub(r"(value|amount|share|total): (\S+) ", r"\1: \2 bilion ", text, count=1)


def _unknown_unit(text: str) -> str:
    if "\nchecks:" in text:
        return text.replace("unit: yuan per tourist", "unit: zorks per tourist")
    return text + "checks:\n  - id: odd\n    kind: formula\n    formula: 1\n    unit: zorks\n"


def _quote_elsewhere(text: str) -> str:
    return re.sub(r'quote: "[^"]*"', 'quote: "something else entirely"', text, count=1)


def _duplicate_first_claim(text: str) -> str:
    return re.sub(r"(claims:\n)(  - id: ([a-z_]+)\n(?:    .*\n)+)", r"\1\2\2", text, count=1)


def _unreadable_period(text: str) -> str:
    without = re.sub(r"\n    period: .*", "", text)
    return re.sub(r"(    kind: [a-z]+\n)", r"\1    period: sometime or other\n", without, count=1)


BEYOND_EDITS: list[tuple[str, str, Edit]] = [
    ("figure-unreadable", "CC404", _misspell_figure),
    ("unit-unknown", "CC405", _unknown_unit),
    ("figure-not-in-quote", "CC409", _quote_elsewhere),
    ("duplicate-id", "CC403", _duplicate_first_claim),
    ("period-unreadable", "CC403", _unreadable_period),
    ("reference-unknown", "CC406", _sub("denominator: tourists", "denominator: tourist")),
    ("formula-malformed", "CC408", _sub("formula: revenue / tourists", "formula: revenue / (tourists")),
    ("formula-unsafe", "CC408", _sub("formula: revenue / tourists", "formula: __import__('os')")),
    (
        "anchor-alias",
        "CC402",
        _sub(
            "  title: Test article\n  publisher: Test Daily\n", "  title: &t Test article\n  publisher: *t\n"
        ),
    ),
]


KIND_RULES = {
    "change/drop-rate": "CC403",
    "share/drop-share": "CC403",
    "event/drop-period": "CC403",
    "total/misspell-library": "CC405",
    "total/list-parts": "CC404",
}
"""Edits whose refusal needs claimcheck's own reading: fields each optional on its own that a
kind's rule requires in combination ("a change needs a rate, or a value and a previous value"),
and words the figure reader does not know."""


def corpus() -> list[Case]:
    cases: list[Case] = []
    for base_name, base in BASES.items():
        cases.append(Case(f"{base_name}", base.encode()))
        for name, edit, _ in _line_edits(base):
            text = edit(base)
            case_name = f"{base_name}/{name}"
            cases.append(Case(case_name, text.encode(), KIND_RULES.get(case_name)))
        for name, edit in [*VALID_EDITS, *FORMAT_EDITS]:
            try:
                text = edit(base)
            except AssertionError:
                continue
            raw = text.encode("utf-8", "surrogateescape")
            cases.append(Case(f"{base_name}/{name}", raw))
        for name, code, edit in BEYOND_EDITS:
            try:
                text = edit(base)
            except AssertionError:
                continue
            if text != base and not (base_name == "event" and name == "figure-not-in-quote"):
                cases.append(Case(f"{base_name}/{name}", text.encode(), code))
    return cases


CORPUS = corpus()


def test_the_corpus_is_large_and_covers_every_kind_of_case() -> None:
    assert len(CORPUS) >= 200
    assert len({case.name.split("/", 1)[-1] for case in CORPUS}) >= 60
    assert {code for case in CORPUS if case.beyond for code in [case.beyond]} >= {
        "CC402", "CC403", "CC404", "CC405", "CC406", "CC408", "CC409"
    }  # fmt: skip


def _loader_problems(case: Case, folder: Path) -> list[str]:
    path = folder / "case.yaml"
    path.write_bytes(case.raw)
    return [problem.code for problem in load_claim_file(path).problems]


@pytest.mark.parametrize("case", CORPUS, ids=lambda case: case.name)
def test_schema_and_loader_agree(case: Case, tmp_path: Path) -> None:
    problems = _loader_problems(case, tmp_path)
    accepted = editor_accepts(case.raw)
    if case.beyond is not None:
        assert accepted, "the schema must not refuse what only claimcheck's reading can judge"
        assert case.beyond in problems, problems
    else:
        assert accepted == (not problems), (
            f"schema {'accepts' if accepted else 'refuses'}; loader: {problems}"
        )


def test_an_editor_error_points_at_the_alternative_of_the_kind() -> None:
    """With one mistake in a change claim, the errors name the change claim's fields only."""
    data = yaml.load(BASES["change"].replace("direction: increase", "direction: upward"), Loader=Yaml12Loader)
    errors = list(VALIDATOR.iter_errors(data))
    leaves = [error for top in errors for error in ([top, *top.context] if top.context else [top])]
    assert leaves
    for error in leaves:
        assert "change" in error.schema_path or list(error.absolute_path)[-1:] == ["direction"], error
    assert any(list(error.absolute_path) == ["claims", 0, "direction"] for error in leaves)
    assert not any("figure" in str(error.schema_path) for error in leaves)
