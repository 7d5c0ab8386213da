"""Regression tests for issue 13: one claim file per class of failure found by fuzzing.

Each file in tests/data/fuzz/ once crashed claimcheck with a traceback, hung, or was wrongly
accepted (its first line says how). Each test runs the CLI on it, in this process, and
asserts the exit code and the message. The classes of the figure reader are each refused
with its place or read whole.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest

from claimcheck.cli import run

FUZZ = Path(__file__).resolve().parent / "data" / "fuzz"


def verify(
    name: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> tuple[int, list[str], dict[str, Any]]:
    """Exit code, stderr lines and the JSON document of ``claimcheck verify`` on one file."""
    monkeypatch.chdir(FUZZ)
    code = run(["verify", "--format", "json", f"{name}.yaml"])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, err.splitlines(), json.loads(out)


def refused(
    name: str, line: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, err, _ = verify(name, monkeypatch, capsys)
    assert (code, err) == (2, [line])


def result(document: dict[str, Any], record_id: str) -> dict[str, Any]:
    results = document["files"][0]["results"]
    return next(item for item in results if item["id"] == record_id)


# Fixed on this branch ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "line"),
    [
        (
            "article-text-dev-zero",
            "article-text-dev-zero.yaml:6:9: CC401 cannot read the article text '/dev/zero':"
            " not a regular file",
        ),
        (
            "bound-limits-swapped",
            "bound-limits-swapped.yaml:11:14: CC403 [a] the minimum '100 percent' is above the"
            " maximum '0 percent'",
        ),
        ("change-unit-unknown", "change-unit-unknown.yaml:11:11: CC405 [a] unknown unit 'foo'"),
        (
            "conversion-negative-tolerance",
            "conversion-negative-tolerance.yaml:12:21: CC403 [a] a rate tolerance must be at least 0"
            " and below 100 percent",
        ),
        (
            "defaults-tolerance-not-percent",
            "defaults-tolerance-not-percent.yaml:7:19: CC403 a rate tolerance must be a plain"
            " percentage such as '1 percent'",
        ),
        (
            "huge-number-json",
            "huge-number-json.yaml:14:14: CC408 [b] bad formula: numbers are limited to 100 digits",
        ),
        (
            "infinite-plus-huge",
            "infinite-plus-huge.yaml:14:18: CC408 [b] bad formula: numbers are limited to 100 digits",
        ),
        (
            "kind-not-a-string",
            "kind-not-a-string.yaml:8:11: CC403 [a] 'kind' must be a single word, one of figure,"
            " change, conversion, share, total, bound, event, not a list",
        ),
        (
            "nested-powers-hang",
            "nested-powers-hang.yaml:14:20: CC410 [b] '(((2**12)**12)**12)**12' would give a number"
            " of more than 1,000 digits",
        ),
        (
            "period-recursion",
            "period-recursion.yaml:10:13: CC403 [a] 'period': cannot read the period 'may may may may"
            " may may may may may may may may may may m...': a period is at most 100 characters",
        ),
        (
            "yaml-error-multiline",
            "yaml-error-multiline.yaml:11:13: CC402 not valid YAML: unacceptable character #x0080:"
            " control characters are not allowed",
        ),
        ("yaml-null-as-text", "yaml-null-as-text.yaml:3:10: CC403 'title' must not be empty"),
    ],
)
def test_refused_with_its_place(
    name: str, line: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    refused(name, line, monkeypatch, capsys)


def test_total_of_56_parts_is_checked(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, err, document = verify("total-56-parts", monkeypatch, capsys)
    assert (code, err) == (0, [])
    assert result(document, "a")["message"].startswith("printed '56 districts' fits")


def test_change_in_year_one_is_not_dated(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, err, document = verify("period-year-one-change", monkeypatch, capsys)
    assert (code, err) == (0, [])
    derived = result(document, "a")["derived"]
    assert [item["label"] for item in derived] == ["previous value implied by the value and the change"]


def test_negative_amount_with_tolerance_is_judged(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, err, document = verify("conversion-negative-amount-tolerance", monkeypatch, capsys)
    assert (code, err) == (1, [])
    found = result(document, "a")
    assert found["verdict"] == "inconsistent"
    assert found["message"].startswith("no ECB rate in the window fits the implied rate -7.258 CNY/USD")


def test_quote_matching_is_linear(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    started = time.perf_counter()
    code, err, document = verify("article-text-quadratic", monkeypatch, capsys)
    assert time.perf_counter() - started < 5
    assert (code, err) == (0, [])
    results = document["files"][0]["results"]
    assert len(results) > 2000
    # The quote of claim q0 stands on line 8 of the article text (the claim file itself).
    assert result(document, "q0")["quote_line"] == 8


# Fixed by the strict figure reader (figures.py, numerals.py, units.py) -----------------------


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("garbled-decimal-comma", "CC404 [a] cannot read figure '1,2 million yuan': '1,2': in English copy"),
        ("garbled-exponent", "CC404 [a] cannot read figure '$5e6': '5e6': exponent notation is not read"),
        ("precision-zero-denominator", "CC404 [a] cannot read figure '5 visitors': precision '2/0' must be"),
        ("precision-beyond-int-digits", "CC404 [a] cannot read figure '5 visitors': precision '1e5000' must"),
        ("precision-huge-exponent", "CC404 [a] cannot read figure '5 visitors': precision '1e999999999'"),
        ("precision-tiny-exponent", "CC404 [a] cannot read figure '5 visitors': precision '0.5e-99999'"),
        ("precision-huge-fraction", "CC404 [a] cannot read figure '5 visitors': precision '100000000000"),
        ("hedge-zero-width", "CC404 [a] cannot read figure 'nearly 0 visitors': 'nearly' leaves no room"),
        (
            "scale-word-dotted-capital-i",
            "CC404 [a] cannot read figure '5 mİllion visitors': 'mİllion': did you mean",
        ),
        ("unit-expression-hang", "CC405 [b] unknown unit '9' in '9**9**9'"),
        ("unit-mismatch-area", "CC407 [c] cannot add mu and visitor"),
    ],
)
def test_figure_refused(
    name: str, message: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    started = time.perf_counter()
    code, err, _ = verify(name, monkeypatch, capsys)
    assert time.perf_counter() - started < 5
    assert code == 2
    assert len(err) == 1
    assert err[0].startswith(f"{name}.yaml:")
    assert message in err[0]
    assert len(err[0]) < 400  # one line a person can read, however long the bad value


@pytest.mark.parametrize(
    ("name", "unit", "interval"),
    [
        ("garbled-space-thousands", "visitor", ("500000", "1500000")),  # was read as 1 visitor
        ("currency-symbol-lower-case", "HKD", ("4500000000", "5500000000")),
        ("number-word-long-s", "visitor", ("6", "6")),
    ],
)
def test_figure_read_whole(
    name: str,
    unit: str,
    interval: tuple[str, str],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, err, document = verify(name, monkeypatch, capsys)
    assert (code, err) == (0, [])
    reading = document["files"][0]["results"][0]["readings"][0]
    assert reading["unit"] == unit
    assert (reading["interval"]["lo"], reading["interval"]["hi"]) == interval


def test_units_with_powers_are_reported(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, err, document = verify("unit-power-format", monkeypatch, capsys)
    assert (code, err) == (0, [])
    assert "Traceback" not in json.dumps(document)
