"""The report for people in a terminal: findings first, then the claims and derived figures.

For each claim file: a short header (article, date, counts), the findings that matter
(inconsistencies, then warnings; notes when asked for) each with its code, place, message and
why it matters, then the tables. Tables are drawn only when they fit the width without
breaking a word; at 80 columns and below, and whenever a table would not fit, each record is
a block of its own. Numbers, intervals and ids are never cut.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import IO, TYPE_CHECKING

from claimcheck.display import format_derived, format_reading
from claimcheck.findings import Finding, findings_of
from claimcheck.formats import FileOutput, RenderOptions, RunSummary, Totals, shown_findings
from claimcheck.formats.layout import GAP, Column, column_widths, longest_word, table_lines, wrap
from claimcheck.formats.textline import Line
from claimcheck.results import Derived, FileReport, Result
from claimcheck.verdicts import Verdict

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

VERDICT_STYLES = {
    Verdict.CONSISTENT: "green",
    Verdict.INCONSISTENT: "bold red",
    Verdict.AMBIGUOUS: "bold yellow",
    Verdict.UNVERIFIABLE: "dim",
}
ROW_STYLES = {Verdict.INCONSISTENT: "red", Verdict.AMBIGUOUS: "yellow"}
LEVEL_STYLES = {"error": "bold red", "warning": "bold yellow", "note": "dim"}
BLOCKS_UP_TO = 80
"""At this width and below, records are shown one per block rather than in tables."""
INDENT = "    "


def make_console(stream: IO[str], options: RenderOptions) -> Console:
    """A console that writes to ``stream``, with colour only when asked for."""
    from rich.console import Console

    return Console(
        file=stream,
        force_terminal=options.colour,
        no_color=not options.colour,
        highlight=False,
        # Claim text is shown as written: "[sic]" or "[county]" in a quote is not Rich markup.
        markup=False,
        emoji=False,
        soft_wrap=False,
        width=options.width,
    )


def verdict_text(verdict: Verdict) -> Line:
    return Line(verdict.value, style=VERDICT_STYLES[verdict])


def render_file(report: FileReport, options: RenderOptions) -> str:
    if options.quiet:  # findings only, one line each; problems go to standard error
        return "".join(
            f"{finding}\n"
            for finding in shown_findings(findings_of(report), options)
            if not finding.is_problem
        )
    if report.problems and not report.results:
        return ""  # problems go to standard error, printed by the CLI
    stream = io.StringIO()
    write_lines(stream, file_lines(report, options), options)
    return stream.getvalue()


def write_lines(stream: IO[str], lines: Sequence[Line | Text], options: RenderOptions) -> None:
    """Write lines wrapped already, between words only (Rich would cut a word that is too long).

    Without colour, Rich would write each line's text as it is: so it is written directly,
    which spares importing and running Rich's console (a tenth of a short run). Lines with a
    tab or ending in white space, which Rich expands or trims, are left to Rich.
    """
    if not options.colour and all(_plain_as_rich_prints_it(line.plain) for line in lines):
        stream.writelines(f"{line.plain}\n" for line in lines)
        return
    console = make_console(stream, options)
    for line in lines:
        console.print(line.rich() if isinstance(line, Line) else line, soft_wrap=True)


def _plain_as_rich_prints_it(text: str) -> bool:
    return "\t" not in text and not any(part[-1:].isspace() for part in text.split("\n"))


def render_document(outputs: Sequence[FileOutput], options: RenderOptions) -> str:
    stream = io.StringIO()
    stream.writelines(output.text for output in outputs)
    stream.write(_summary(Totals.of(outputs), options))
    return stream.getvalue()


SEPARATOR = ""
SUMMARY_FIRST = False
SUMMARY_LISTS_FINDINGS = False


def document_head(summary: RunSummary | None, empty: bool, options: RenderOptions) -> str:
    return ""


def document_tail(summary: RunSummary, empty: bool, options: RenderOptions) -> str:
    return _summary(summary.totals, options)


def _summary(totals: Totals, options: RenderOptions) -> str:
    if options.quiet:
        return ""
    stream = io.StringIO()
    write_lines(stream, wrap_text(summary_line(totals), options.width), options)
    return stream.getvalue()


def file_lines(report: FileReport, options: RenderOptions) -> list[Line]:
    """One claim file's part of the report, line by line."""
    width = options.width
    lines: list[Line] = []
    article = report.article
    if article is not None:
        lines += [Line(line, style="bold") for line in wrap(article.title, width)]
        lines += [Line(line) for line in wrap(f"{article.publisher}, {article.date}", width)]
    lines += [Line(line, style="dim") for line in wrap(str(report.path), width)]
    lines += wrap_text(_counts(report), width)
    findings = [finding for finding in shown_findings(findings_of(report), options) if not finding.is_problem]
    results = {result.record.id: result for result in report.results}
    lines.append(Line(""))
    if findings:
        lines.append(Line(f"Findings ({len(findings)})", style="bold"))
        for finding in findings:
            lines += _finding(finding, results.get(finding.record_id or ""), width)
    else:
        quiet_levels = (
            "inconsistencies, ambiguities or notes" if options.notes else "inconsistencies or ambiguities"
        )
        lines += [Line(line) for line in wrap(f"No {quiet_levels}.", width)]
        lines.append(Line(""))
    claims = [result for result in report.claims if result.source is None]
    references = [result for result in report.claims if result.source is not None]
    if claims:
        lines += _claims(claims, "Claims", width)
    if references:
        lines += _claims(references, "Reference figures (from cited sources)", width)
    rows = [(result, derived) for result in report.results for derived in result.derived]
    shown = [row for row in rows if options.everything or row[1].verdict is not Verdict.UNVERIFIABLE]
    if shown:
        lines += _derived(shown, width)
    hidden = len(rows) - len(shown)
    if hidden:
        lines += [
            Line(line, style="dim")
            for line in wrap(
                f"{hidden} derived figure(s) with nothing to compare them with not shown; --show all lists"
                " them, 'claimcheck explain ID' shows one.",
                width,
            )
        ]
        lines.append(Line(""))
    return lines


def wrap_text(text: Line, width: int) -> list[Line]:
    """A styled one-line text wrapped between words, keeping its styles."""
    lines = []
    offset = 0
    for line in wrap(text.plain, width):
        start = text.plain.index(line, offset)
        lines.append(text[start : start + len(line)])
        offset = start + len(line)
    return lines


def _counts(report: FileReport) -> Line:
    text = Line(f"{len(report.claims)} claims, {len(report.checks)} checks: ")
    parts = [
        Line(
            f"{report.count(verdict)} {verdict.value}",
            style=VERDICT_STYLES[verdict] if report.count(verdict) else "",
        )
        for verdict in (Verdict.INCONSISTENT, Verdict.AMBIGUOUS, Verdict.CONSISTENT, Verdict.UNVERIFIABLE)
    ]
    return text + Line(", ").join(parts)


def _finding(finding: Finding, result: Result | None, width: int) -> list[Line]:
    """A finding as a block: code and name, place, then message and why, indented."""
    head = Line.assemble(
        (finding.code, LEVEL_STYLES[finding.level]), f" {finding.rule.name} ({finding.level})"
    )
    where = f"{finding.path}:{finding.line}:{finding.col}"
    if finding.record_id:
        where = f"{finding.record_id} at {where}"
    if result is not None and result.quote_line:
        where += f", article line {result.quote_line}"
    lines = [Line("  ") + head]
    lines += [Line(INDENT + line, style="dim") for line in wrap(where, width - len(INDENT))]
    lines += [Line(INDENT + line) for line in wrap(finding.message, width - len(INDENT))]
    if not finding.is_likely_cause:  # a likely cause follows its inconsistency, which says why
        lines += [
            Line(INDENT + line) for line in wrap(f"Why it matters: {finding.rule.why}", width - len(INDENT))
        ]
    note = result.record.note if result is not None else None
    if note:
        lines += [Line(INDENT + line) for line in wrap(f"Note: {note}", width - len(INDENT))]
    lines.append(Line(""))
    return lines


def _printed_and_meaning(result: Result) -> tuple[str, str]:
    printed = "\n".join(reading.printed for _, reading in result.readings)
    stands = "\n".join(format_reading(reading.amount) for _, reading in result.readings)
    if not result.readings and (period := getattr(result.record, "period", None)) is not None:
        printed, stands = period.printed, period.label
    return printed, stands


CLAIM_COLUMNS = (
    Column("id"),
    Column("line", right=True),
    Column("printed"),
    Column("stands for"),
    Column("verdict"),
)


def _claims(results: Sequence[Result], title: str, width: int) -> list[Line]:
    rows = []
    for result in results:
        printed, stands = _printed_and_meaning(result)
        rows.append((result.record.id, str(result.record.at.line), printed, stands, result.verdict.value))
    verdicts = [result.verdict for result in results]
    widths = column_widths(CLAIM_COLUMNS, rows, width - 2) if width > BLOCKS_UP_TO else None
    if widths is not None:
        return [Line(title, style="bold"), *_table(CLAIM_COLUMNS, rows, widths, verdicts), Line("")]
    lines = [Line(title, style="bold")]
    for result, (record_id, line, printed, stands, _) in zip(results, rows, strict=True):
        fields = [("printed", printed), ("stands for", stands), ("message", result.message)]
        lines += _block(record_id, result.verdict, fields, width, f"line {line}")
    return lines


def _derived_name(result: Result, derived: Derived) -> str:
    return result.record.id if result.is_check else f"{result.record.id}.{derived.name}"


DERIVED_COLUMNS = (
    Column("id"),
    Column("what"),
    Column("recomputed"),
    Column("compared with"),
    Column("verdict"),
)


def _compared(derived: Derived) -> str:
    if derived.compared_with is None:
        return "-"
    return f"{derived.compared_with.label}\n{format_reading(derived.compared_with.amount)}"


def _derived(rows: Sequence[tuple[Result, Derived]], width: int) -> list[Line]:
    title = "Derived figures"
    cells = [
        (
            _derived_name(result, derived),
            f"{derived.label}\n= {derived.formula}",
            format_derived(derived.result),
            _compared(derived),
            derived.status,
        )
        for result, derived in rows
    ]
    # A reading set aside is shown plainly, whatever it alone would have been.
    verdicts = [Verdict.UNVERIFIABLE if derived.set_aside else derived.verdict for _, derived in rows]
    widths = column_widths(DERIVED_COLUMNS, cells, width - 2) if width > BLOCKS_UP_TO else None
    if widths is not None:
        return [Line(title, style="bold"), *_table(DERIVED_COLUMNS, cells, widths, verdicts), Line("")]
    lines = [Line(title, style="bold")]
    for (_, derived), (name, *_rest) in zip(rows, cells, strict=True):
        compared = (
            []
            if derived.compared_with is None
            else [
                ("compared", f"{derived.compared_with.label}: {format_reading(derived.compared_with.amount)}")
            ]
        )
        fields = [
            ("what", derived.label),
            ("formula", derived.formula),
            ("recomputed", format_derived(derived.result)),
            *compared,
            ("message", derived.message),
        ]
        lines += _block(name, derived.verdict, fields, width, set_aside=derived.set_aside)
    return lines


def _block(
    name: str,
    verdict: Verdict,
    fields: Sequence[tuple[str, str]],
    width: int,
    where: str = "",
    set_aside: bool = False,
) -> list[Line]:
    """One record: its id, place and verdict on the first line, then one labelled field a line."""
    style = None if set_aside else ROW_STYLES.get(verdict)
    shown = Line("set aside", style="dim") if set_aside else verdict_text(verdict)
    tail = Line(f"{where}  " if where else "", style="dim") + shown
    head = Line("  ") + Line(name, style="bold") + Line("  ") + tail
    lines = [head]
    if len(head) > width:
        lines = [Line("  ") + Line(name, style="bold"), Line(INDENT) + tail]
    label_width = max(len(label) for label, _ in fields) + 2
    for label, value in fields:
        if not value:
            continue
        room = width - len(INDENT) - label_width
        if room < max(24, longest_word(value)):  # too narrow for a column of labels: value under label
            lines.append(Line(INDENT + label, style="dim"))
            lines += [Line(INDENT + "  " + line, style=style or "") for line in wrap(value, width - 6)]
            continue
        wrapped = wrap(value, room)
        for number, line in enumerate(wrapped):
            prefix = (label if number == 0 else "").ljust(label_width)
            lines.append(Line(INDENT) + Line(prefix, style="dim") + Line(line, style=style or ""))
    lines.append(Line(""))
    return lines


def _table(
    columns: Sequence[Column],
    rows: Sequence[Sequence[str]],
    widths: Sequence[int],
    verdicts: Sequence[Verdict],
) -> list[Line]:
    gap = " " * GAP
    header = gap.join(column.header.ljust(width) for column, width in zip(columns, widths, strict=True))
    lines = [Line("  " + header.rstrip(), style="bold"), Line("  " + "─" * len(header), style="dim")]
    for verdict, row_lines in zip(verdicts, table_lines(columns, rows, widths), strict=True):
        style = ROW_STYLES.get(verdict) or ""
        for number, cells in enumerate(row_lines):
            line = Line("  ") + Line(gap.join(cells[:-1]) + gap, style=style)
            line += verdict_text(verdict) if number == 0 else Line("")
            line.rstrip()
            lines.append(line)
    return lines


def summary_line(totals: Totals) -> Line:
    """One line: how many claims and checks, and how many of each verdict."""
    text = Line(f"{totals.files} file(s), {totals.claims} claims, {totals.checks} checks: ")
    parts = []
    for verdict in (Verdict.INCONSISTENT, Verdict.AMBIGUOUS, Verdict.CONSISTENT, Verdict.UNVERIFIABLE):
        count = totals.counts[verdict]
        parts.append(Line(f"{count} {verdict.value}", style=VERDICT_STYLES[verdict] if count else ""))
    if totals.problems:
        parts.append(Line(f"{totals.problems} claim-file problem(s)", style="bold red"))
    return text + Line(", ").join(parts)
