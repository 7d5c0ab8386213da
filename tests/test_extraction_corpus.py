"""The test corpus of ``claimcheck extract``, checked on its own (no extractor needed).

Each article in ``tests/data/extraction/articles`` has, in ``tests/data/extraction/expected``, the
claims a careful fact-checker would draft from it (the rules are in the extraction spec). These
tests keep the corpus honest: every figure is printed verbatim in its article and readable by the
strict figure reader, field names fit each claim's kind, and every claim with two or more figures
is arithmetically consistent, except the planted errors, which must be inconsistent.
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
import yaml

from claimcheck import rates
from claimcheck.figures import Reading, read_figure

CORPUS = Path(__file__).resolve().parent / "data" / "extraction"
ARTICLES = CORPUS / "articles"
EXPECTED = CORPUS / "expected"

KINDS = {"figure", "change", "conversion", "share", "total", "bound", "event"}
FIELDS: dict[str, set[str]] = {
    "change": {"value", "previous", "rate"},
    "conversion": {"amount", "converted"},
    "share": {"share", "part", "whole"},
    "total": {"parts", "total"},
    "bound": {"value"},
    "figure": {"value"},
    "event": set(),
}
REQUIRED: dict[str, set[str]] = {
    "conversion": {"amount", "converted"},
    "share": {"share"},
    "total": {"parts", "total"},
    "bound": {"value"},
    "figure": {"value"},
}
STYLES = ("wire", "biz", "stats", "health", "sport", "travel", "md")
MARKET_TOLERANCE = Fraction(1, 100)
"""How far a printed conversion may stray from the ECB rate of its date and the days before:
newsrooms convert at their sources' rates, within tenths of a percent of the ECB's (the
extractor proposes the same 1 percent)."""


@dataclass(frozen=True)
class Case:
    """One article and what extraction must find in it."""

    name: str
    meta: dict[str, Any]
    body: str
    expected: dict[str, Any]

    @property
    def claims(self) -> list[dict[str, Any]]:
        return list(self.expected.get("claims") or [])

    @property
    def planted(self) -> list[dict[str, Any]]:
        return list(self.expected.get("planted_errors") or [])


def _load(expected_path: Path) -> Case:
    expected = yaml.safe_load(expected_path.read_text(encoding="utf-8"))
    article = ARTICLES / str(expected.get("article", ""))
    assert article.is_file(), f"{expected_path.name}: article {article.name} is missing"
    text = article.read_text(encoding="utf-8")
    head, separator, body = text.partition("\n---\n")
    assert separator, f"{article.name}: no front matter closed by a '---' line"
    meta = yaml.safe_load(head)
    assert isinstance(meta, dict), f"{article.name}: the front matter is not a mapping"
    return Case(expected_path.stem, meta, body, expected)


CASES = [_load(path) for path in sorted(EXPECTED.glob("*.yaml"))]
IDS = [case.name for case in CASES]


def _strings(value: str | list[str]) -> list[str]:
    return value if isinstance(value, list) else [value]


def _figures(case: Case) -> list[str]:
    return [
        text
        for claim in case.claims
        for value in (claim.get("figures") or {}).values()
        for text in _strings(value)
    ]


def _read(text: str) -> Reading:
    return read_figure(text)


# -- the corpus as a whole -----------------------------------------------------------------------


def test_corpus_size_and_styles() -> None:
    articles = sorted(path for path in ARTICLES.iterdir() if path.suffix in {".txt", ".md"})
    assert len(CASES) >= 60
    assert {case.expected["article"] for case in CASES} == {path.name for path in articles}
    assert {path.stem for path in articles} == set(IDS), "each article is named after its expected file"
    styles = Counter(name.split("-", 1)[0] for name in IDS)
    assert set(styles) == set(STYLES), styles
    for style in STYLES[:-1]:
        assert styles[style] >= 8, f"too few {style} articles: {styles[style]}"
    assert all(case.expected["article"].endswith(".md") == case.name.startswith("md-") for case in CASES)


def test_corpus_has_planted_errors_and_traps() -> None:
    assert sum(len(case.planted) for case in CASES) >= 12
    assert sum(1 for case in CASES if case.planted) >= 12
    assert sum(len(case.expected.get("not_figures") or []) for case in CASES) >= 40
    kinds = Counter(claim["kind"] for case in CASES for claim in case.claims)
    assert all(kinds[kind] > 0 for kind in KINDS), kinds


# -- each article --------------------------------------------------------------------------------


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_front_matter_and_length(case: Case) -> None:
    for key in ("title", "publisher", "date"):
        assert str(case.meta.get(key) or "").strip(), f"{case.name}: front matter lacks {key}"
    published = case.meta["date"]
    assert isinstance(published, datetime.date), f"{case.name}: date is not YYYY-MM-DD"
    assert datetime.date(2015, 1, 1) <= published <= datetime.date(2025, 12, 31)
    words = len(case.body.split())
    assert 80 <= words <= 600, f"{case.name}: {words} words"


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_expected_file_shape(case: Case) -> None:
    assert set(case.expected) <= {"article", "claims", "not_figures", "planted_errors"}
    assert case.claims, f"{case.name}: no claims"
    for claim in case.claims:
        assert set(claim) <= {"kind", "period", "figures"}, claim
        kind = claim["kind"]
        assert kind in KINDS, claim
        figures = claim.get("figures") or {}
        assert set(figures) <= FIELDS[kind], f"{case.name}: fields {sorted(figures)} do not fit {kind}"
        assert REQUIRED.get(kind, set()) <= set(figures), f"{case.name}: {kind} lacks a field: {claim}"
        if kind == "change":
            assert {"value", "rate"} & set(figures), f"{case.name}: a change needs a value or a rate"
        if kind == "event":
            assert "period" in claim, f"{case.name}: an event needs its period"
        if kind == "total":
            assert isinstance(figures["parts"], list) and figures["parts"], claim
        for field, value in figures.items():
            assert isinstance(value, list) == (field == "parts"), f"{case.name}: {field} of {claim}"
            assert all(isinstance(text, str) and text.strip() for text in _strings(value)), claim


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_printed_strings_occur_verbatim(case: Case) -> None:
    for text in _figures(case):
        assert text in case.body, f"{case.name}: figure {text!r} is not in the article"
    for claim in case.claims:
        if "period" in claim:
            assert str(claim["period"]) in case.body, f"{case.name}: period {claim['period']!r}"
    for text in case.expected.get("not_figures") or []:
        assert text in case.body, f"{case.name}: not_figure {text!r} is not in the article"


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_not_figures_are_never_figures(case: Case) -> None:
    figures = set(_figures(case))
    for text in case.expected.get("not_figures") or []:
        assert text not in figures, f"{case.name}: {text!r} is both a figure and a not_figure"


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_every_figure_is_readable(case: Case) -> None:
    """Figures use the vocabulary's nouns and currencies, so the strict reader reads them all."""
    for text in _figures(case):
        _read(text)


PLANTED = [case for case in CASES if case.planted]


@pytest.mark.parametrize("case", PLANTED, ids=[case.name for case in PLANTED])
def test_planted_errors_name_a_claim(case: Case) -> None:
    for planted in case.planted:
        assert len(_matching(case, planted)) == 1, f"{case.name}: {planted} names no single claim"


# -- arithmetic ----------------------------------------------------------------------------------


def _matching(case: Case, planted: dict[str, Any]) -> list[dict[str, Any]]:
    fields = {key: value for key, value in planted.items() if key != "kind"}
    assert len(fields) == 1, f"{case.name}: {planted} should name one figure"
    ((field, text),) = fields.items()
    return [
        claim
        for claim in case.claims
        if claim["kind"] == planted["kind"] and text in _strings((claim.get("figures") or {}).get(field, []))
    ]


Bounds = tuple[Fraction | float, Fraction | float]


def _bounds(reading: Reading) -> Bounds:
    return reading.interval.lo, reading.interval.hi


def _quotient(top: Bounds, bottom: Bounds) -> Bounds:
    low = top[0] / bottom[1] if bottom[1] != float("inf") else Fraction(0)
    high = top[1] / bottom[0] if bottom[0] > 0 and top[1] != float("inf") else float("inf")
    return low, high


def _overlap(a: Bounds, b: Bounds) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def _consistent(claim: dict[str, Any], case: Case) -> bool | None:
    """Whether some reading of the printed figures makes the claim's arithmetic hold; None when
    the claim has nothing to check."""
    figures = claim.get("figures") or {}
    kind = claim["kind"]
    if kind == "change" and {"value", "previous", "rate"} <= set(figures):
        value, previous = _read(figures["value"]), _read(figures["previous"])
        rate = _read(figures["rate"])
        if str(rate.unit) == "percent":
            low, high = _quotient(_bounds(value), _bounds(previous))
            change: Bounds = ((low - 1) * 100, (high - 1) * 100 if high != float("inf") else high)
        else:
            change = (value.interval.lo - previous.interval.hi, value.interval.hi - previous.interval.lo)
        # The printed rate has no sign: "down 9 percent" prints 9 percent.
        return _overlap(change, _bounds(rate)) or _overlap((-change[1], -change[0]), _bounds(rate))
    if kind == "share" and {"part", "whole"} <= set(figures):
        low, high = _quotient(_bounds(_read(figures["part"])), _bounds(_read(figures["whole"])))
        return _overlap((low * 100, high * 100), _bounds(_read(figures["share"])))
    if kind == "total":
        parts = [_read(text) for text in figures["parts"]]
        if len(parts) < 2:
            return None
        total = (sum(part.interval.lo for part in parts), sum(part.interval.hi for part in parts))
        return _overlap(total, _bounds(_read(figures["total"])))
    if kind == "conversion":
        amount, converted = _read(figures["amount"]), _read(figures["converted"])
        implied = _quotient(_bounds(amount), _bounds(converted))
        window = rates.window(str(amount.unit), str(converted.unit), case.meta["date"], 5)
        return any(
            _overlap(implied, (rate.value * (1 - MARKET_TOLERANCE), rate.value * (1 + MARKET_TOLERANCE)))
            for rate in window
        )
    return None


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_arithmetic_holds_except_where_planted(case: Case) -> None:
    planted = [claim for error in case.planted for claim in _matching(case, error)]
    for claim in case.claims:
        consistent = _consistent(claim, case)
        if any(claim is error for error in planted):
            assert consistent is False, f"{case.name}: planted error {claim} is not an error"
        else:
            assert consistent is not False, f"{case.name}: {claim} is inconsistent but not planted"
