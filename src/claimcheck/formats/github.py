"""GitHub Actions workflow commands: one annotation per finding, on the diff.

``::error`` for inconsistencies and claim-file errors, ``::warning`` for ambiguities,
``::notice`` for the likely causes of an inconsistency; unverifiable figures are annotated as
``::notice`` only when notes are asked for (--show notes, --fail-on note). GitHub shows only
ten annotations of each kind per step, so the CLI also appends a Markdown table of every
finding to the step summary (``$GITHUB_STEP_SUMMARY``) when there is one: see
:func:`step_summary`.
"""

from __future__ import annotations

from collections.abc import Sequence

from claimcheck.findings import Finding
from claimcheck.formats import FileOutput, RenderOptions, RunSummary, Totals
from claimcheck.results import FileReport

COMMANDS = {"error": "error", "warning": "warning"}
"""Finding levels and the workflow command for each; notes are ``::notice`` when asked for."""


def escape_data(text: str) -> str:
    """Escape a workflow command's message, as GitHub's toolkit does."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a workflow command's property value: the message escapes, and ':' and ','."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(finding: Finding, options: RenderOptions) -> str | None:
    """The workflow command for one finding, or None when its level is not annotated."""
    command = COMMANDS.get(finding.level) or ("notice" if finding.shown_at(options.lowest_shown) else None)
    if command is None:
        return None
    properties = ",".join(
        f"{key}={escape_property(value)}"
        for key, value in (
            ("file", options.relative(finding.path)),
            ("line", str(finding.line)),
            ("col", str(finding.col)),
            ("title", finding.code),
        )
    )
    who = f" [{finding.record_id}]" if finding.record_id else ""
    return f"::{command} {properties}::{escape_data(f'{finding.rule.name}{who}: {finding.message}')}"


def render_file(report: FileReport, options: RenderOptions) -> str:
    from claimcheck.findings import findings_of

    lines = [line for finding in findings_of(report) if (line := annotation(finding, options))]
    return "".join(line + "\n" for line in lines)


def render_document(outputs: Sequence[FileOutput], options: RenderOptions) -> str:
    return "".join(output.text for output in outputs) + _summary(Totals.of(outputs))


SEPARATOR = ""
SUMMARY_FIRST = False
SUMMARY_LISTS_FINDINGS = False


def document_head(summary: RunSummary | None, empty: bool, options: RenderOptions) -> str:
    return ""


def document_tail(summary: RunSummary, empty: bool, options: RenderOptions) -> str:
    return _summary(summary.totals)


def _summary(totals: Totals) -> str:
    counts = ", ".join(f"{count} {verdict.value}" for verdict, count in totals.counts.items())
    return f"claimcheck: {totals.files} file(s), {totals.claims} claims, {totals.checks} checks: {counts}\n"


def step_summary(summary: RunSummary, options: RenderOptions) -> str:
    """A Markdown report of every finding above a note, for $GITHUB_STEP_SUMMARY.

    The findings part of the markdown format, so both read the same (``summary`` must have
    kept its findings).
    """
    from claimcheck.formats.markdown import summary_text

    return summary_text(summary.totals, summary.findings, options)
