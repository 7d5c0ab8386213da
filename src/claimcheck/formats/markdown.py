"""Markdown for pull-request comments and step summaries: findings first, then one collapsed
section per article with its claims and derived figures.

The github format's step summary (``$GITHUB_STEP_SUMMARY``) is the findings part of this same
renderer.
"""

from __future__ import annotations

from collections.abc import Sequence

from claimcheck.display import format_derived, format_reading
from claimcheck.findings import Finding
from claimcheck.formats import FileOutput, RenderOptions, RunSummary, Totals, shown_findings
from claimcheck.results import FileReport, Result
from claimcheck.verdicts import Verdict

ORDER = (Verdict.INCONSISTENT, Verdict.AMBIGUOUS, Verdict.CONSISTENT, Verdict.UNVERIFIABLE)


def cell(text: str) -> str:
    """Text safe inside a table cell: no pipes, no line breaks, no HTML."""
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("|", "\\|")
        .replace("\n", "<br>")
    )


def _counts(counts: dict[Verdict, int]) -> str:
    return ", ".join(f"{counts[verdict]} {verdict.value}" for verdict in ORDER)


def summary(outputs: Sequence[FileOutput], options: RenderOptions) -> str:
    """The heading, the run's counts and the table of findings (the github step summary)."""
    findings = [finding for output in outputs for finding in output.findings]
    return summary_text(Totals.of(outputs), findings, options)


def summary_text(totals: Totals, found: Sequence[Finding], options: RenderOptions) -> str:
    """The summary of a run with these totals and findings."""
    findings = shown_findings(found, options)
    lines = [
        "## claimcheck",
        "",
        f"{totals.files} claim file(s), {totals.claims} claims, {totals.checks} checks: "
        + _counts(totals.counts)
        + (f", {totals.problems} claim-file problem(s)" if totals.problems else ""),
        "",
    ]
    if not findings:
        wanted = "inconsistencies, ambiguities, notes" if options.notes else "inconsistencies, ambiguities"
        return "\n".join([*lines, f"No {wanted} or claim-file errors.", ""])
    lines += ["| level | code | file | line | id | message |", "| --- | --- | --- | ---: | --- | --- |"]
    lines += [_finding_row(finding, options) for finding in findings]
    return "\n".join([*lines, ""])


def _finding_row(finding: Finding, options: RenderOptions) -> str:
    cells = (
        finding.level,
        f"{finding.code} {finding.rule.name}",
        options.relative(finding.path),
        str(finding.line),
        finding.record_id or "",
        finding.message,
    )
    return "| " + " | ".join(cell(text) for text in cells) + " |"


def render_file(report: FileReport, options: RenderOptions) -> str:
    if not report.results:
        return ""  # a file that could not be checked is in the findings table
    article = report.article
    title = cell(article.title) if article is not None else cell(options.relative(report.path))
    where = f" ({cell(article.publisher)}, {article.date})" if article is not None else ""
    counts = {verdict: report.count(verdict) for verdict in Verdict}
    lines = [
        "<details>",
        f"<summary><b>{title}</b>{where}: {_counts(counts)}</summary>",
        "",
        f"`{options.relative(report.path)}`",
        "",
    ]
    claims = [result for result in report.claims if result.source is None]
    references = [result for result in report.claims if result.source is not None]
    lines += _claims(claims, "Claims")
    lines += _claims(references, "Reference figures (from cited sources)")
    rows = [
        (result, derived)
        for result in report.results
        for derived in result.derived
        if options.everything or derived.verdict is not Verdict.UNVERIFIABLE
    ]
    if rows:
        lines += [
            "**Derived figures**",
            "",
            "| id | what | recomputed | compared with | verdict |",
            "| --- | --- | --- | --- | --- |",
        ]
        for result, derived in rows:
            name = result.record.id if result.is_check else f"{result.record.id}.{derived.name}"
            compared = (
                "-"
                if derived.compared_with is None
                else f"{derived.compared_with.label}: {format_reading(derived.compared_with.amount)}"
            )
            formula = derived.formula.replace("|", "\\|")
            what = f"{cell(derived.label)}<br>= `{formula}`"
            row = (
                f"`{name}`",
                what,
                cell(format_derived(derived.result)),
                cell(compared),
                derived.status,
            )
            lines.append("| " + " | ".join(row) + " |")
        lines.append("")
    return "\n".join([*lines, "</details>", "", ""])


def _claims(results: Sequence[Result], title: str) -> list[str]:
    if not results:
        return []
    lines = [
        f"**{title}**",
        "",
        "| id | line | printed | stands for | verdict |",
        "| --- | ---: | --- | --- | --- |",
    ]
    for result in results:
        printed = [reading.printed for _, reading in result.readings]
        stands = [format_reading(reading.amount) for _, reading in result.readings]
        if not result.readings and (period := getattr(result.record, "period", None)) is not None:
            printed, stands = [period.printed], [period.label]
        row = (
            f"`{result.record.id}`",
            str(result.record.at.line),
            "<br>".join(cell(text) for text in printed),
            "<br>".join(cell(text) for text in stands),
            f"**{result.verdict.value}**" if result.verdict is Verdict.INCONSISTENT else result.verdict.value,
        )
        lines.append("| " + " | ".join(row) + " |")
    return [*lines, ""]


def render_document(outputs: Sequence[FileOutput], options: RenderOptions) -> str:
    parts = "".join(output.text for output in outputs)
    return summary(outputs, options) + ("\n" + parts if parts else "")


SEPARATOR = ""
SUMMARY_FIRST = True
SUMMARY_LISTS_FINDINGS = True


def document_head(summary: RunSummary | None, empty: bool, options: RenderOptions) -> str:
    assert summary is not None
    return summary_text(summary.totals, summary.findings, options) + ("" if empty else "\n")


def document_tail(summary: RunSummary, empty: bool, options: RenderOptions) -> str:
    return ""
