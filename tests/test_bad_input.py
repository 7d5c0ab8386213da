"""One test per class of bad claim file: each must give its place, its id and a clear reason."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from claimcheck.engine import verify_path
from claimcheck.results import Problem
from tests.conftest import ARTICLE_HEADER

Write = Callable[[str], Path]


def problems(path: Path) -> list[Problem]:
    report = verify_path(path)
    assert not report.results or report.problems, "expected the file to be refused"
    return list(report.problems)


def only(path: Path) -> Problem:
    found = problems(path)
    assert len(found) == 1, [str(problem) for problem in found]
    return found[0]


def test_empty_file(claim_file: Write) -> None:
    problem = only(claim_file(""))
    assert problem.code == "CC402"
    assert (problem.at.line, problem.message) == (
        1,
        "file is empty: expected a claim file with 'article' and 'claims'",
    )


def test_not_yaml(claim_file: Write) -> None:
    problem = only(claim_file("article: [unclosed\nclaims: []\n"))
    assert problem.code == "CC402"
    assert problem.message.startswith("not valid YAML")
    assert problem.at.line == 2


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes(b"article:\n  title: caf\xe9\n")
    problem = only(path)
    assert problem.code == "CC401"
    assert problem.message == "file is not UTF-8 text (byte 0xe9 cannot be decoded)"
    assert (problem.at.line, problem.at.col) == (2, 13)


def test_binary(tmp_path: Path) -> None:
    path = tmp_path / "binary.yaml"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    assert "binary" in only(path).message


def test_wrong_top_level_shape(claim_file: Write) -> None:
    problem = only(claim_file("- just\n- a list\n"))
    assert problem.message == "a claim file must be a mapping with 'article' and 'claims'"


def test_unknown_keys_with_suggestion(claim_file: Write) -> None:
    path = claim_file(
        ARTICLE_HEADER
        + """\
claims:
  - id: a
    kind: figure
    quote: "10 projects"
    valeu: 10 projects
"""
    )
    found = problems(path)
    messages = [problem.message for problem in found]
    assert "unknown key 'valeu' in figure claim; did you mean 'value'?" in messages
    assert "figure claim is missing the required key 'value'" in messages
    unknown = next(problem for problem in found if "valeu" in problem.message)
    assert (unknown.at.line, unknown.at.col, unknown.record_id) == (9, 5, "a")


def test_missing_fields(claim_file: Write) -> None:
    path = claim_file(ARTICLE_HEADER + "claims:\n  - id: a\n    kind: change\n")
    problem = only(path)
    assert problem.code == "CC403"
    assert problem.message == "change claim is missing the required key 'quote'"
    assert (problem.at.line, problem.record_id) == (6, "a")


def test_wrong_types(claim_file: Write) -> None:
    path = claim_file(
        ARTICLE_HEADER
        + """\
claims:
  - id: a
    kind: figure
    quote: [not, text]
    value:
      printed: 10 projects
      exact: maybe
"""
    )
    messages = {problem.message: problem.at.line for problem in problems(path)}
    assert messages == {
        "'quote' must be a single value, not a list": 8,
        "'exact': must be true or false, not 'maybe'": 11,
    }


def test_bad_date(claim_file: Write) -> None:
    path = claim_file("article:\n  title: t\n  publisher: p\n  date: 11 March 2025\nclaims: []\n")
    problem = only(path)
    assert problem.message == "'date': must be a date written YYYY-MM-DD, not '11 March 2025'"
    assert problem.at.line == 4


def test_duplicate_keys(claim_file: Write) -> None:
    path = claim_file(ARTICLE_HEADER + "  title: again\nclaims: []\n")
    problem = only(path)
    assert problem.code == "CC402"
    assert problem.message == "duplicate key 'title' (first at line 2)"
    assert problem.at.line == 5


def test_duplicate_ids(claim_file: Write) -> None:
    claim = '  - id: a\n    kind: figure\n    quote: "10 projects"\n    value: 10 projects\n'
    problem = only(claim_file(ARTICLE_HEADER + "claims:\n" + claim + claim))
    assert problem.code == "CC403"
    assert problem.message == "duplicate id 'a' (first used at line 6)"
    assert (problem.at.line, problem.record_id) == (10, "a")


def test_unknown_kind(claim_file: Write) -> None:
    path = claim_file(ARTICLE_HEADER + "claims:\n  - id: a\n    kind: guess\n    quote: x\n")
    problem = only(path)
    assert problem.message.startswith("unknown claim kind 'guess'; expected one of figure, change")
    assert problem.at.line == 7


SIMPLE_CLAIMS = """\
claims:
  - id: tourists
    kind: figure
    quote: "65 million tourists"
    value: 65 million tourists
  - id: revenue
    kind: figure
    quote: "66.3 billion yuan"
    value: 66.3 billion yuan
"""


def test_reference_to_missing_id(claim_file: Write) -> None:
    path = claim_file(
        ARTICLE_HEADER
        + SIMPLE_CLAIMS
        + "checks:\n  - id: per\n    kind: ratio\n    numerator: revenue\n    denominator: tourist\n"
    )
    problem = only(path)
    assert problem.code == "CC406"
    assert problem.message == "reference to unknown id 'tourist'; did you mean 'tourists'?"
    assert (problem.at.line, problem.record_id) == (18, "per")


def test_reference_to_missing_value(claim_file: Write) -> None:
    path = claim_file(
        ARTICLE_HEADER
        + SIMPLE_CLAIMS
        + "checks:\n  - id: per\n    kind: ratio\n"
        + "    numerator: revenue.previous\n    denominator: tourists\n"
    )
    problem = only(path)
    assert problem.code == "CC406"
    assert problem.message == "'revenue' has no value 'previous'; it has value"
    assert problem.at.line == 17


def test_reference_to_an_event(claim_file: Write) -> None:
    """Found by tests/test_fuzz.py: the message named an empty value and an empty list."""
    path = claim_file(
        ARTICLE_HEADER
        + "claims:\n  - id: opened\n    kind: event\n    quote: opened in July 2024\n"
        + "    period: July 2024\n"
        + "checks:\n  - id: twice\n    kind: formula\n    formula: opened * 2\n"
    )
    problem = only(path)
    assert (problem.code, problem.message) == ("CC406", "'opened' has no value to compute with")
    assert (problem.at.line, problem.record_id) == (13, "twice")


def test_reference_cycle(claim_file: Write) -> None:
    path = claim_file(
        ARTICLE_HEADER
        + SIMPLE_CLAIMS
        + """\
checks:
  - id: one
    kind: formula
    formula: two * 2
  - id: two
    kind: formula
    formula: one / 2
"""
    )
    problem = only(path)
    assert problem.code == "CC406"
    assert problem.message.startswith("reference cycle: ")
    assert set(problem.message.removeprefix("reference cycle: ").split(" -> ")) == {"one", "two"}


def test_unknown_unit(claim_file: Write) -> None:
    path = claim_file(
        ARTICLE_HEADER + 'claims:\n  - id: a\n    kind: figure\n    quote: "5 million widgets"\n'
        "    value: 5 million widgets\n"
    )
    problem = only(path)
    assert problem.code == "CC405"
    assert problem.message.startswith("cannot read figure '5 million widgets': unknown unit 'widgets'")
    assert (problem.at.line, problem.record_id) == (9, "a")


def test_unknown_currency_in_a_check_unit(claim_file: Write) -> None:
    path = claim_file(
        ARTICLE_HEADER
        + SIMPLE_CLAIMS
        + "checks:\n  - id: per\n    kind: ratio\n    numerator: revenue\n    denominator: tourists\n"
        "    unit: XYZ/visitor\n"
    )
    assert only(path).message.startswith("unknown unit 'XYZ' in 'XYZ/visitor'")


def test_unreadable_figure(claim_file: Write) -> None:
    path = claim_file(
        ARTICLE_HEADER
        + 'claims:\n  - id: a\n    kind: figure\n    quote: "a great many"\n    value: a great many\n'
    )
    problem = only(path)
    assert problem.code == "CC404"
    assert problem.message == "cannot read figure 'a great many': expected a number at 'great many'"


def test_unit_mismatch(claim_file: Write) -> None:
    path = claim_file(
        ARTICLE_HEADER
        + SIMPLE_CLAIMS
        + "checks:\n  - id: nonsense\n    kind: formula\n    formula: revenue + tourists\n"
    )
    problem = only(path)
    assert problem.code == "CC407"
    assert problem.message.startswith("cannot add CNY and visitor")
    assert (problem.at.line, problem.record_id) == (15, "nonsense")


def test_unsafe_formula(claim_file: Write) -> None:
    path = claim_file(
        ARTICLE_HEADER
        + SIMPLE_CLAIMS
        + "checks:\n  - id: evil\n    kind: formula\n"
        + "    formula: __import__('os').system('touch /tmp/pwned')\n"
    )
    problem = only(path)
    assert problem.code == "CC408"
    assert problem.message.startswith("bad formula: only the functions abs, max, min, root may be called")
    assert problem.at.line == 17


def test_malformed_formula(claim_file: Write) -> None:
    path = claim_file(
        ARTICLE_HEADER
        + SIMPLE_CLAIMS
        + "checks:\n  - id: broken\n    kind: formula\n    formula: revenue / (tourists\n"
    )
    assert only(path).message.startswith("bad formula: malformed formula")


def test_alias_bomb(claim_file: Write) -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)
    )
    problem = only(claim_file(bomb))
    assert problem.code == "CC402"
    assert problem.message == "anchors and aliases are not allowed in claim files"
    assert problem.at.line == 1  # the anchored value that the aliases repeat


def test_custom_tags_are_refused(claim_file: Write) -> None:
    path = claim_file(ARTICLE_HEADER + "claims: !!python/object:os.system []\n")
    problem = only(path)
    assert problem.message == "YAML tags such as 'tag:yaml.org,2002:python/object:os.system' are not allowed"
    assert problem.at.line == 5


def test_deep_nesting(claim_file: Write) -> None:
    problem = only(claim_file("claims: " + "[" * 5000 + "]" * 5000 + "\n"))
    assert "nest" in problem.message


def test_huge_file(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    path.write_bytes(b"# " + b"x" * (6 * 1024 * 1024) + b"\n")
    assert only(path).message == "file is larger than 5 MiB"


def test_quote_not_in_article(claim_file: Write, tmp_path: Path) -> None:
    (tmp_path / "article.txt").write_text("Jinzhong hosted 65 million domestic tourists last year.\n")
    path = claim_file(
        ARTICLE_HEADER
        + "  text: article.txt\n"
        + 'claims:\n  - id: a\n    kind: figure\n    quote: "Jinzhong hosted 75 million tourists"\n'
        "    value: 75 million tourists\n"
    )
    problem = only(path)
    assert problem.code == "CC409"
    assert (problem.message, problem.at.line, problem.record_id) == (
        "quote not found in the article text",
        9,
        "a",
    )


def test_figure_not_in_quote(claim_file: Write) -> None:
    path = claim_file(
        ARTICLE_HEADER + 'claims:\n  - id: a\n    kind: figure\n    quote: "65 million tourists"\n'
        "    value: 56 million tourists\n"
    )
    problem = only(path)
    assert problem.code == "CC409"
    assert problem.message == "figure 'value' ('56 million tourists') is not in the quote"
    assert problem.at.line == 9


def test_several_errors_are_all_reported(claim_file: Write) -> None:
    path = claim_file(
        ARTICLE_HEADER
        + """\
claims:
  - id: a
    kind: figure
    quote: "x"
    value: lots
  - id: Bad-Id
    kind: figure
    quote: "5 projects"
    value: 5 projects
  - id: c
    kind: nonsense
"""
    )
    lines = sorted(problem.at.line for problem in problems(path))
    assert lines == [9, 10, 15]


@pytest.mark.parametrize("name", ["missing.yaml"])
def test_missing_file(tmp_path: Path, name: str) -> None:
    assert only(tmp_path / name).message.startswith("cannot read file")
