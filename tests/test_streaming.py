"""Streamed output: every format written file by file is byte for byte the document joined in
memory, in input order, sequential or from worker processes, and keeps no part once written."""

from __future__ import annotations

import io
import shutil
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from claimcheck.batch import PARALLEL_FROM_FILES, check_files
from claimcheck.formats import FORMATS, FileOutput, RenderOptions, RunSummary, output_format
from claimcheck.formats import stream as stream_module
from claimcheck.formats.stream import write_document
from tests.conftest import ROOT, SHANXI

CI = ROOT / "tests" / "data" / "ci"
OPTIONS = RenderOptions(width=100, root=ROOT, review_date="2025-03-12", review_url="https://news.example/r")


@pytest.fixture(scope="module")
def several(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """A clean file, a file with findings, a broken file, one that is not there, and the
    Shanxi file with its article text: every kind of part (and empty parts) in one run."""
    folder = tmp_path_factory.mktemp("several")
    clean = folder / "clean.yaml"
    clean.write_text(
        "article:\n  title: Clean\n  publisher: Test Daily\n  date: 2025-03-11\nclaims:\n"
        "  - id: a\n    kind: figure\n    quote: 12 schools\n    value: 12 schools\n",
        encoding="utf-8",
    )
    return [clean, CI / "planted.yaml", CI / "broken.yaml", folder / "missing.yaml", SHANXI]


def streamed(name: str, outputs: list[FileOutput], options: RenderOptions = OPTIONS) -> str:
    out = io.BytesIO()
    write_document(output_format(name), iter(outputs), out, options)
    return out.getvalue().decode("utf-8")


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_streamed_document_is_the_joined_document(name: str, several: list[Path]) -> None:
    outputs = list(check_files(several, name, OPTIONS, jobs=1))
    whole = output_format(name).render_document(outputs, OPTIONS)
    assert streamed(name, outputs) == whole
    assert len(whole) > 200  # a real document, with every file's part


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_streamed_document_with_no_file_is_the_empty_document(name: str) -> None:
    assert streamed(name, []) == output_format(name).render_document([], OPTIONS)


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_streamed_document_of_files_without_parts(name: str, several: list[Path]) -> None:
    """Only files that could not be checked: most formats have no part for them."""
    outputs = list(check_files(several[2:4], name, OPTIONS, jobs=1))
    assert streamed(name, outputs) == output_format(name).render_document(outputs, OPTIONS)


@pytest.mark.parametrize("name", ["junit", "html", "markdown"])
def test_a_spool_that_moves_to_disk_keeps_the_document(
    name: str, several: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Formats whose head shows the totals spool their parts; past the limit, on disk."""
    monkeypatch.setattr(stream_module, "SPOOL_IN_MEMORY", 64)
    outputs = list(check_files(several, name, OPTIONS, jobs=1))
    assert streamed(name, outputs) == output_format(name).render_document(outputs, OPTIONS)


@pytest.fixture(scope="module")
def many(tmp_path_factory: pytest.TempPathFactory, several: list[Path]) -> list[Path]:
    """Enough files for worker processes, each different, in an order that is not sorted."""
    folder = tmp_path_factory.mktemp("many")
    paths = []
    for index in range(PARALLEL_FROM_FILES + 8):
        source = several[index % 3]
        target = folder / f"{(index * 7) % 40:02d}-{source.name}"
        shutil.copy(source, target)
        paths.append(target)
    return paths


@pytest.mark.parametrize("name", ["json", "junit", "text"])
def test_worker_processes_give_the_same_document_in_input_order(name: str, many: list[Path]) -> None:
    sequential = list(check_files(many, name, OPTIONS, jobs=1))
    parallel = list(check_files(many, name, OPTIONS, jobs=2))
    assert [output.path for output in parallel] == many
    assert streamed(name, parallel) == output_format(name).render_document(sequential, OPTIONS)


def test_results_arrive_one_by_one(several: list[Path]) -> None:
    """The first file's result is there before the last file is verified."""
    results = check_files(several, "json", OPTIONS, jobs=1)
    first = next(results)
    assert first.path == several[0]
    assert sum(1 for _ in results) == len(several) - 1


def test_a_run_keeps_counts_not_parts(several: list[Path]) -> None:
    outputs = list(check_files(several, "json", OPTIONS, jobs=1))
    summary = write_document(output_format("json"), iter(outputs), io.BytesIO(), OPTIONS)
    assert summary.files == len(several)
    assert summary.findings == []  # the JSON summary lists none, so none are kept
    assert summary.levels == {"error", "warning", "note"}
    assert [problem.path for problem in summary.problems] == [CI / "broken.yaml", several[3]]
    assert not hasattr(summary, "parts")
    kept = write_document(output_format("markdown"), iter(outputs), io.BytesIO(), OPTIONS)
    # the likely cause of the inconsistency (a note) is shown with its error
    assert {finding.code for finding in kept.findings} == {"CC101", "CC501", "CC201", "CC405", "CC401"}


def test_a_file_sends_back_only_the_findings_the_run_shows_or_fails_on() -> None:
    from claimcheck.engine import verify_path
    from claimcheck.findings import findings_of

    every = findings_of(verify_path(CI / "planted.yaml"))
    assert any(finding.level == "note" and not finding.is_likely_cause for finding in every)
    (hidden,) = check_files([CI / "planted.yaml"], "json", OPTIONS, jobs=1)
    assert [str(f) for f in hidden.findings] == [
        str(f) for f in every if f.level != "note" or f.is_likely_cause
    ]
    assert len(hidden.findings) < len(every)
    (shown,) = check_files([CI / "planted.yaml"], "json", replace(OPTIONS, notes=True), jobs=1)
    assert [str(f) for f in shown.findings] == [str(f) for f in every]


@pytest.mark.parametrize("level", ["note", "warning", "error"])
def test_findings_made_for_a_level_are_those_a_run_from_that_level_needs(level: str) -> None:
    """Findings made only from a level up (the others never made) are the findings a run
    keeps from that level up, in the same order."""
    from claimcheck.engine import verify_path
    from claimcheck.findings import findings_of

    report = verify_path(CI / "planted.yaml")
    every = findings_of(report)
    # The rule as it was written before findings were made per level: shown or failed on.
    kept = [str(finding) for finding in every if finding.at_least(level) or finding.shown_at(level)]
    assert [str(finding) for finding in findings_of(report, level)] == kept
    assert len(kept) > 0 and (level == "note") == (len(kept) == len(every))


def test_summary_totals_are_the_joined_totals(several: list[Path]) -> None:
    from claimcheck.formats import Totals

    outputs = list(check_files(several, "text", OPTIONS, jobs=1))
    summary = RunSummary.of(outputs, OPTIONS)
    assert vars(summary.totals) == vars(Totals.of(outputs))
    assert summary.any_at_least("error") and summary.any_at_least("note")


def test_a_part_is_its_text_encoded_as_utf_8() -> None:
    (output,) = check_files([SHANXI], "json", OPTIONS, jobs=1)
    assert "é" in output.text  # the Shanxi file quotes a name with an accent
    assert output.part == output.text.encode("utf-8")
    assert output.text in output_format("json").render_document([output], OPTIONS)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
def test_standard_output_gets_the_document_in_its_own_encoding(
    encoding: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Parts are written as their UTF-8 bytes beneath a UTF-8 standard output, and as text
    through any other: either way the reader gets the document in the stream's encoding."""
    from claimcheck.cli import run

    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding=encoding, newline="\n")
    monkeypatch.setattr(sys, "stdout", stream)
    code = run(["verify", "--no-cache", "--format", "json", str(SHANXI)])
    stream.flush()
    document = raw.getvalue().decode(encoding)
    outputs = list(check_files([SHANXI], "json", RenderOptions(), jobs=1))
    assert code == 0
    assert "é" in document
    assert document == output_format("json").render_document(outputs, RenderOptions())


@pytest.mark.skipif(sys.platform != "linux", reason="a file name that is not UTF-8 needs a Linux file system")
@pytest.mark.parametrize("name", ["json", "junit", "text"])
def test_a_file_name_that_is_not_utf_8_is_written_escaped(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The name's odd byte is written as an escape: the document is still UTF-8 (and JSON reads
    the name back), where it used to stop with an internal error or come out invalid."""
    import json
    import os

    from claimcheck.cli import run

    odd = os.fsdecode(os.fsencode(tmp_path) + b"/caf\xe9.yaml")
    Path(odd).write_text(
        "article:\n  title: Odd name\n  publisher: Test Daily\n  date: 2025-03-11\nclaims:\n"
        "  - id: a\n    kind: figure\n    quote: 12 schools\n    value: 12 schools\n",
        encoding="utf-8",
    )
    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding="utf-8", errors="strict", newline="\n")
    monkeypatch.setattr(sys, "stdout", stream)
    code = run(["verify", "--no-cache", "--format", name, odd])
    stream.flush()
    document = raw.getvalue().decode("utf-8")  # strict: no byte of the name comes through as it is
    assert code == 0
    assert "caf\\udce9.yaml" in document
    if name == "json":
        assert json.loads(document)["files"][0]["file"] == odd
