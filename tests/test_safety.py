"""The safety net: an exception planted in each stage becomes an internal error (CC499) of one
record, the rest of the file and the other files are still checked, and the exit code is 2."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from claimcheck import schema
from claimcheck.checks import CHECK_KINDS
from claimcheck.cli import run
from claimcheck.formats import json as json_format
from claimcheck.kinds import CLAIM_KINDS
from claimcheck.loader import _Loader
from claimcheck.safety import DEBUG_VARIABLE
from tests.conftest import ARTICLE_HEADER

CLAIMS = (
    ARTICLE_HEADER
    + """\
claims:
  - id: a
    kind: figure
    quote: 5 visitors
    value: 5 visitors
  - id: b
    kind: figure
    quote: 7 visitors
    value: 7 visitors
checks:
  - id: c
    kind: formula
    formula: a + b
"""
)


class Planted(RuntimeError):
    """The exception each test plants."""


def boom(*args: Any, **kwargs: Any) -> Any:
    raise Planted("planted for the test")


@pytest.fixture
def files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Two claim files; the net must keep the second one checked whatever fails in the first."""
    monkeypatch.delenv(DEBUG_VARIABLE, raising=False)
    first = tmp_path / "first.yaml"
    first.write_text(CLAIMS, encoding="utf-8")
    second = tmp_path / "second.yaml"
    second.write_text(CLAIMS.replace("5 visitors", "6 visitors"), encoding="utf-8")
    return [first, second]


def verify(
    files: list[Path], capsys: pytest.CaptureFixture[str], *options: str
) -> tuple[int, list[str], dict[str, Any], str]:
    code = run(["verify", "--format", "json", *options, *map(str, files)])
    out, err = capsys.readouterr()
    lines = [line for line in err.splitlines() if " CC" in line]
    return code, lines, json.loads(out), err


def ids(document: dict[str, Any], index: int) -> list[str]:
    return [result["id"] for result in document["files"][index]["results"]]


def only_for_a(original: Callable[..., Any]) -> Callable[..., Any]:
    """``original``, except that it fails for claim a of the first file, or its figure."""

    def planted(*args: Any, **kwargs: Any) -> Any:
        if any(getattr(arg, "quote", None) == "5 visitors" or arg == "5 visitors" for arg in args):
            raise Planted("planted for the test")
        return original(*args, **kwargs)

    return planted


def test_figure_reading(
    files: list[Path], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(schema, "read_figure", only_for_a(schema.read_figure))
    # Figures read by earlier tests are remembered by context: these are read again.
    monkeypatch.setattr(schema, "_PLAIN_READINGS", schema._PlainReadings())
    code, lines, document, _ = verify(files, capsys)
    assert code == 2
    assert lines == [
        f"{files[0]}:6:5: CC499 [a] internal error while reading 'a' at {files[0]}:6, please report it"
        " (Planted: planted for the test)",
        f"{files[0]}:17:14: CC406 [c] depends on 'a', which could not be read: see line 6",
    ]
    # The file is not checked with a claim missing; the other file is.
    assert ids(document, 1) == ["a", "b", "c"]


def test_loading(
    files: list[Path], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(_Loader, "_references", boom)
    code, lines, document, _ = verify(files, capsys)
    assert code == 2
    assert lines == [
        f"{path}:1:1: CC499 internal error while loading at {path}:1, please report it"
        " (Planted: planted for the test)"
        for path in files
    ]
    assert document["summary"]["problems"] == 2


def test_evaluating_a_claim(
    files: list[Path], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    kind = CLAIM_KINDS["figure"]
    monkeypatch.setitem(CLAIM_KINDS, "figure", dataclasses.replace(kind, evaluate=only_for_a(kind.evaluate)))
    code, lines, document, _ = verify(files, capsys)
    assert code == 2
    assert lines[0] == (
        f"{files[0]}:6:5: CC499 [a] internal error while checking 'a' at {files[0]}:6, please report it"
        " (Planted: planted for the test)"
    )
    # Claim b is still checked; check c, which reads a, says so.
    assert ids(document, 0) == ["b"]
    assert lines[1] == f"{files[0]}:17:14: CC406 [c] depends on 'a', which could not be checked: see line 6"
    assert ids(document, 1) == ["a", "b", "c"]


def test_evaluating_a_check(
    files: list[Path], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    kind = CHECK_KINDS["formula"]
    monkeypatch.setitem(CHECK_KINDS, "formula", dataclasses.replace(kind, evaluate=boom))
    code, lines, document, _ = verify(files, capsys)
    assert code == 2
    assert lines == [
        f"{path}:15:5: CC499 [c] internal error while checking 'c' at {path}:15, please report it"
        " (Planted: planted for the test)"
        for path in files
    ]
    assert ids(document, 0) == ids(document, 1) == ["a", "b"]


def test_rendering(
    files: list[Path], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    original = json_format.result_json

    def planted(report: Any, result: Any) -> Any:
        if result.record.id == "b":
            raise Planted("planted for the test")
        return original(report, result)

    monkeypatch.setattr(json_format, "result_json", planted)
    code, lines, document, _ = verify(files, capsys)
    assert code == 2
    assert lines == [
        f"{path}:10:5: CC499 [b] internal error while rendering 'b' at {path}:10, please report it"
        " (Planted: planted for the test)"
        for path in files
    ]
    assert ids(document, 0) == ids(document, 1) == ["a", "c"]


def test_findings_never_hide_an_internal_error(
    files: list[Path], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """An inconsistent claim would exit 1; with an internal error beside it, the run exits 2."""
    files[1].write_text(
        CLAIMS.replace("formula: a + b", "formula: a + b\n    expect: 20 visitors"), encoding="utf-8"
    )
    monkeypatch.setitem(CLAIM_KINDS, "figure", dataclasses.replace(CLAIM_KINDS["figure"], evaluate=boom))
    code, _, _, _ = verify(files[:1], capsys)
    assert code == 2


@pytest.mark.parametrize("how", ["option", "environment"])
def test_debug_shows_the_traceback(
    how: str, files: list[Path], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(CHECK_KINDS, "formula", dataclasses.replace(CHECK_KINDS["formula"], evaluate=boom))
    if how == "environment":
        monkeypatch.setenv(DEBUG_VARIABLE, "1")
        code, _, _, err = verify(files[:1], capsys)
    else:
        code, _, _, err = verify(files[:1], capsys, "--debug")
        monkeypatch.delenv(DEBUG_VARIABLE)  # --debug sets it for worker processes
    assert code == 2
    assert "Traceback (most recent call last)" in err
    assert "Planted: planted for the test" in err


def test_no_traceback_without_debug(
    files: list[Path], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(CHECK_KINDS, "formula", dataclasses.replace(CHECK_KINDS["formula"], evaluate=boom))
    _, _, _, err = verify(files[:1], capsys)
    assert "Traceback" not in err


def test_last_net_in_the_cli(
    files: list[Path], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """An error outside every record (here: joining the document) still exits 2, in one line."""
    monkeypatch.setattr(json_format, "document_tail", boom)
    code = run(["verify", "--format", "json", str(files[0])])
    _, err = capsys.readouterr()
    assert code == 2
    assert err.splitlines()[-1] == (
        "claimcheck: internal error, please report it (Planted: planted for the test)"
    )
