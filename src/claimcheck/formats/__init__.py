"""The registry of output formats: each renders the same verified files its own way.

A format renders each claim file on its own (``render_file``, which may run in a worker
process and returns text). A run's document is the files' non-empty parts, joined by the
format's ``SEPARATOR``, between its ``document_head`` and ``document_tail``: written part by
part as files are verified (:mod:`claimcheck.formats.stream`), so that memory does not grow
with the number of files. ``render_document`` builds the same document from parts held in
memory (for one file, and as the reference the streamed document is tested against).
Adding a format is adding a module with those functions and a line in :data:`FORMATS`. An
unknown format name is an error, never a silent fallback.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, cast

from claimcheck.findings import Finding, findings_of
from claimcheck.records import Check, Claim
from claimcheck.results import Problem
from claimcheck.rules import LEVEL_RANK, Level
from claimcheck.valueclass import value_class
from claimcheck.verdicts import Verdict

if TYPE_CHECKING:
    from claimcheck.results import FileReport

FORMATS: dict[str, str] = {
    "text": "claimcheck.formats.text",
    "json": "claimcheck.formats.json",
    "github": "claimcheck.formats.github",
    "sarif": "claimcheck.formats.sarif",
    "junit": "claimcheck.formats.junit",
    "markdown": "claimcheck.formats.markdown",
    "claimreview": "claimcheck.formats.claimreview",
    "html": "claimcheck.formats.html",
}
"""Format names and the modules that render them (imported only when chosen)."""


MACHINE_FORMATS = frozenset(FORMATS) - {"text"}
"""Formats for programs, or documents of their own: never coloured with terminal codes."""

REPOSITORY_RELATIVE_FORMATS = frozenset({"github", "sarif", "junit"})
"""Formats for CI services, which locate files by their path in the repository."""


@value_class(repr=False, eq=False)
class RenderOptions:
    """How to render: colour (a terminal only), width, quiet, and paths relative to what."""

    colour: bool = False
    width: int = 120
    quiet: bool = False
    """Findings only: no tables of passing claims, no summary."""
    root: Path | None = None
    """Paths in the output are relative to this folder (the repository) when set."""
    notes: bool = False
    """Show notes (unverifiable figures) among the findings: --show notes, --fail-on note."""
    everything: bool = False
    """Show every record, derived figures with nothing to compare them with too: --show all."""
    organisation: str | None = None
    """Who publishes the review (ClaimReview's author): --organisation."""
    review_url: str | None = None
    """Where the HTML report will be published (ClaimReview's url): --review-url."""
    review_date: str | None = None
    """The review's publication date, YYYY-MM-DD; today when not given."""

    @property
    def lowest_shown(self) -> Level:
        """The lowest level of finding a report shows: notes only when asked for (--show
        notes, or --fail-on note, which shows what it fails on)."""
        return "note" if self.notes else "warning"

    def relative(self, path: Path) -> str:
        """``path`` as the output shows it: relative to ``root`` when it lies below it."""
        if self.root is not None:
            try:
                return path.resolve().relative_to(self.root).as_posix()
            except ValueError:
                pass
        return path.as_posix()


@value_class(repr=False, eq=False)
class FileOutput:
    """One verified claim file: its counts, its problems and its rendering in one format."""

    path: Path
    counts: dict[Verdict, int]
    claims: int
    checks: int
    problems: tuple[Problem, ...]
    findings: tuple[Finding, ...]
    part: bytes
    """Its part of the document, encoded as the document is written (see :func:`encoded`):
    the parent of a worker process and the cache pass it on without decoding it."""

    @classmethod
    def of(cls, report: FileReport, part: str, lowest: Level | None = None) -> FileOutput:
        """The output of ``report`` rendered as ``part``; with ``lowest``, only the findings a
        run that shows or fails on findings from that level up needs: notes stay behind unless
        they are shown (most findings are notes), so that fewer objects are cached and travel
        back from a worker process."""
        results = report.results
        # Counted in C: an Enum hashes in Python, and the report's claims and checks are tuples
        # built through a property of each result.
        verdicts = [result.verdict for result in results]
        records = [result.record for result in results]
        return cls(
            report.path,
            {verdict: verdicts.count(verdict) for verdict in _VERDICTS},
            len([record for record in records if isinstance(record, Claim)]),
            len([record for record in records if isinstance(record, Check)]),
            report.problems,
            findings_of(report, lowest),
            encoded(part),
        )

    @property
    def text(self) -> str:
        """Its part of the document as text."""
        return decoded(self.part)


def encoded(text: str) -> bytes:
    """``text`` as documents are written: UTF-8. A file name's bytes that are not UTF-8, which
    Python reads as lone surrogates, are written as escapes (``\\udce9``): a JSON document
    still reads back as the name, and no document stops at it or is left invalid UTF-8."""
    return text.encode("utf-8", "backslashreplace")


def decoded(data: bytes) -> str:
    """The text of :func:`encoded` ``data``."""
    return data.decode("utf-8")


_VERDICTS = tuple(Verdict)


@value_class(repr=False, eq=False)
class Totals:
    """What a run found, over all its files."""

    files: int
    claims: int
    checks: int
    counts: dict[Verdict, int]
    problems: int

    @classmethod
    def of(cls, outputs: Sequence[FileOutput]) -> Totals:
        counts = {verdict: sum(output.counts[verdict] for output in outputs) for verdict in Verdict}
        return cls(
            len(outputs),
            sum(output.claims for output in outputs),
            sum(output.checks for output in outputs),
            counts,
            sum(len(output.problems) for output in outputs),
        )


class RunSummary:
    """What a streamed run keeps of its files once their parts are written: counts, problems,
    the levels of its findings and, when a summary lists them, the findings it shows."""

    def __init__(self, options: RenderOptions, keep_findings: bool = False) -> None:
        self.options = options
        self.keep_findings = keep_findings
        self.files = 0
        self.claims = 0
        self.checks = 0
        self.counts = dict.fromkeys(Verdict, 0)
        self.problems: list[Problem] = []
        self.levels: set[Level] = set()
        self.findings: list[Finding] = []
        """The findings a summary shows (warnings and errors, notes when asked for), if kept."""

    def add(self, output: FileOutput) -> None:
        self.files += 1
        self.claims += output.claims
        self.checks += output.checks
        for verdict, count in output.counts.items():
            self.counts[verdict] += count
        self.problems.extend(output.problems)
        self.levels.update(finding.level for finding in output.findings)
        if self.keep_findings:
            lowest = self.options.lowest_shown
            self.findings += [finding for finding in output.findings if finding.shown_at(lowest)]

    @property
    def totals(self) -> Totals:
        return Totals(self.files, self.claims, self.checks, dict(self.counts), len(self.problems))

    def any_at_least(self, level: Level) -> bool:
        """Whether any finding is at ``level`` or above."""
        return any(LEVEL_RANK[seen] >= LEVEL_RANK[level] for seen in self.levels)

    @classmethod
    def of(cls, outputs: Sequence[FileOutput], options: RenderOptions) -> RunSummary:
        summary = cls(options, keep_findings=True)
        for output in outputs:
            summary.add(output)
        return summary


def shown_findings(findings: Sequence[Finding], options: RenderOptions) -> list[Finding]:
    """The findings a report for people shows, worst first: errors, warnings, then notes if asked."""
    wanted = [finding for finding in findings if finding.shown_at(options.lowest_shown)]
    return sorted(wanted, key=lambda finding: -LEVEL_RANK[finding.shown_level])


class OutputFormat(Protocol):
    """What a format module provides."""

    SEPARATOR: str
    """Written between two non-empty parts (the comma of a JSON list)."""
    SUMMARY_FIRST: bool
    """The head shows the run's summary, so the parts wait in a spool file until the end."""
    SUMMARY_LISTS_FINDINGS: bool
    """The summary lists the findings, so the run keeps those it shows."""

    def render_file(self, report: FileReport, options: RenderOptions) -> str:
        """One claim file's part of the document."""

    def document_head(self, summary: RunSummary | None, empty: bool, options: RenderOptions) -> str:
        """What comes before the first part: ``summary`` is None unless ``SUMMARY_FIRST``;
        ``empty`` says that no file has a part (the head is then written at the end)."""

    def document_tail(self, summary: RunSummary, empty: bool, options: RenderOptions) -> str:
        """What comes after the last part."""

    def render_document(self, outputs: Sequence[FileOutput], options: RenderOptions) -> str:
        """The whole document: every file's part, joined, with the run's summary."""


class UnknownFormatError(ValueError):
    def __init__(self, name: str) -> None:
        super().__init__(f"unknown format {name!r}; choose one of {', '.join(FORMATS)}")


def output_format(name: str) -> OutputFormat:
    """The format called ``name``."""
    module_name = FORMATS.get(name)
    if module_name is None:
        raise UnknownFormatError(name)
    return cast(OutputFormat, importlib.import_module(module_name))
