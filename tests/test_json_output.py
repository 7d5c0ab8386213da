"""The JSON document is written as text, not through ``json.dumps``: it must be exactly the
compact JSON ``json.dumps(..., ensure_ascii=False, separators=(",", ":"))`` writes."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimcheck.cli import app
from tests.conftest import ROOT, SHANXI

TRICKY = """\
article:
  title: "Tricky \\"quotes\\", a back\\\\slash, a\\ttab, café, 山西 and \\u2028 a line separator"
  publisher: "Test Daily 🗞"
  date: 2025-03-11
  url: https://example.org/a?b=1&c=<d>

claims:
  - id: visitors
    kind: change
    quote: "«about 65 million visitors», up 16.2 percent from 50 million visitors — officials said \\"so\\""
    value: about 65 million visitors
    previous: 50 million visitors
    rate: 16.2 percent
  - id: revenue
    kind: figure
    quote: "revenue of more than 66.3 billion yuan"
    value: more than 66.3 billion yuan
  - id: share
    kind: figure
    quote: "a third of the revenue, -0.5 percent"
    value: -0.5 percent

checks:
  - id: revenue_per_visitor
    kind: ratio
    description: "revenue per visitor, in \\"yuan\\""
    numerator: revenue
    denominator: visitors
    unit: CNY/visitor
"""


def canonical(document: str) -> str:
    return json.dumps(json.loads(document), ensure_ascii=False, separators=(",", ":")) + "\n"


@pytest.mark.parametrize("where", ["shanxi", "ci", "tricky"])
def test_the_document_is_compact_json_as_json_dumps_writes_it(
    where: str, claim_file: Callable[[str], Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    target = {"shanxi": str(SHANXI), "ci": "tests/data/ci", "tricky": str(claim_file(TRICKY))}[where]
    result = CliRunner().invoke(app, ["verify", "--no-cache", "--format", "json", target])
    document = result.stdout
    assert json.loads(document)["files"]  # a document with files in it, and valid JSON
    assert document == canonical(document)


def test_strings_keep_their_characters(claim_file: Callable[[str], Path]) -> None:
    result = CliRunner().invoke(app, ["verify", "--no-cache", "--format", "json", str(claim_file(TRICKY))])
    document = result.stdout
    file = json.loads(document)["files"][0]
    assert file["article"]["title"] == (
        'Tricky "quotes", a back\\slash, a\ttab, café, 山西 and \u2028 a line separator'
    )
    assert file["article"]["publisher"] == "Test Daily 🗞"
    assert "山西" in document and "\\u" not in document.replace("\\u2028", "")  # not ASCII-escaped
    quotes = [result["quote"] for result in file["results"]]
    assert (
        '«about 65 million visitors», up 16.2 percent from 50 million visitors — officials said "so"'
        in quotes
    )
    assert not file["problems"]
