"""Rich tables for people: the claims, the derived figures, and a summary line."""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import IO

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from claimcheck.display import format_amount
from claimcheck.findings import findings_of
from claimcheck.formats import FileOutput, RenderOptions, Totals
from claimcheck.results import Derived, FileReport, Result
from claimcheck.verdicts import Verdict

VERDICT_STYLES = {
    Verdict.CONSISTENT: "green",
    Verdict.INCONSISTENT: "bold red",
    Verdict.AMBIGUOUS: "bold yellow",
    Verdict.UNVERIFIABLE: "dim",
}
ROW_STYLES = {Verdict.INCONSISTENT: "red", Verdict.AMBIGUOUS: "yellow"}


def make_console(stream: IO[str], options: RenderOptions) -> Console:
    """A console that writes to ``stream``, with colour only when asked for."""
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


def verdict_text(verdict: Verdict) -> Text:
    return Text(verdict.value, style=VERDICT_STYLES[verdict])


def render_file(report: FileReport, options: RenderOptions) -> str:
    if options.quiet:  # findings only, one line each; problems go to standard error
        return "".join(
            f"{finding}\n"
            for finding in findings_of(report)
            if finding.at_least("warning") and not finding.is_problem
        )
    if report.problems and not report.results:
        return ""  # problems go to standard error, printed by the CLI
    stream = io.StringIO()
    _file(make_console(stream, options), report)
    return stream.getvalue()


def render_document(outputs: Sequence[FileOutput], options: RenderOptions) -> str:
    stream = io.StringIO()
    stream.writelines(output.part for output in outputs)
    if not options.quiet:
        make_console(stream, options).print(summary_line(Totals.of(outputs)))
    return stream.getvalue()


def _file(console: Console, report: FileReport) -> None:
    article = report.article
    if article is not None:
        console.print(
            Text(article.title, style="bold"), Text(f"{article.publisher}, {article.date}"), sep=" - "
        )
    console.print(Text(str(report.path), style="dim"))
    claims = [result for result in report.claims if result.source is None]
    references = [result for result in report.claims if result.source is not None]
    if claims:
        console.print(_claims_table(claims, "Claims"))
    if references:
        console.print(_claims_table(references, "Reference figures (from cited sources)"))
    derived = _derived_table(report.results)
    if derived.row_count:
        console.print(derived)


def _claims_table(results: Sequence[Result], title: str) -> Table:
    table = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD, expand=False)
    table.add_column("id", no_wrap=True)
    table.add_column("line", justify="right")
    table.add_column("printed")
    table.add_column("stands for")
    table.add_column("verdict", no_wrap=True)
    for result in results:
        printed = "\n".join(reading.printed for _, reading in result.readings)
        stands = "\n".join(format_amount(reading.amount) for _, reading in result.readings)
        if not result.readings and (period := getattr(result.record, "period", None)) is not None:
            printed, stands = period.printed, period.label
        table.add_row(
            result.record.id,
            str(result.record.at.line),
            printed,
            stands,
            verdict_text(result.verdict),
            style=ROW_STYLES.get(result.verdict),
        )
    return table


def _derived_name(result: Result, derived: Derived) -> str:
    return result.record.id if result.is_check else f"{result.record.id}.{derived.name}"


def _derived_table(results: Sequence[Result]) -> Table:
    table = Table(title="Derived figures", title_justify="left", box=box.SIMPLE_HEAD, expand=True)
    rows = [(result, derived) for result in results for derived in result.derived]
    id_width = max((len(_derived_name(result, derived)) for result, derived in rows), default=2)
    table.add_column("id", no_wrap=True, min_width=id_width)
    table.add_column("what", overflow="fold", ratio=4)
    table.add_column("recomputed", ratio=3)
    table.add_column("compared with", overflow="fold", ratio=3)
    table.add_column("verdict", no_wrap=True)
    for result, derived in rows:
        compared = (
            "-"
            if derived.compared_with is None
            else f"{derived.compared_with.label}\n{format_amount(derived.compared_with.amount)}"
        )
        table.add_row(
            _derived_name(result, derived),
            Text.assemble(derived.label, "\n", (f"= {derived.formula}", "dim")),
            format_amount(derived.result),
            compared,
            verdict_text(derived.verdict),
            style=ROW_STYLES.get(derived.verdict),
        )
    return table


def summary_line(totals: Totals) -> Text:
    """One line: how many claims and checks, and how many of each verdict."""
    text = Text(f"{totals.files} file(s), {totals.claims} claims, {totals.checks} checks: ")
    parts = []
    for verdict in (Verdict.INCONSISTENT, Verdict.AMBIGUOUS, Verdict.CONSISTENT, Verdict.UNVERIFIABLE):
        count = totals.counts[verdict]
        parts.append(Text(f"{count} {verdict.value}", style=VERDICT_STYLES[verdict] if count else ""))
    if totals.problems:
        parts.append(Text(f"{totals.problems} claim-file problem(s)", style="bold red"))
    return text + Text(", ").join(parts)
