"""The stable JSON document: one record per claim and per check, with exact intervals."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from claimcheck import __version__, units
from claimcheck.amounts import Amount
from claimcheck.display import exact_text, format_amount
from claimcheck.figures import Reading
from claimcheck.findings import result_code
from claimcheck.formats import FileOutput, RenderOptions, Totals
from claimcheck.intervals import Interval
from claimcheck.records import Source
from claimcheck.results import Derived, FileReport, LikelyCause, Problem, Result
from claimcheck.verdicts import Verdict

FORMAT_VERSION = 1


def interval_json(interval: Interval) -> dict[str, Any]:
    """An interval with exact ends: decimal strings, "a/b" fractions, or null for infinity."""
    return {
        "lo": exact_text(interval.lo),
        "hi": exact_text(interval.hi),
        "lo_closed": interval.lo_closed,
        "hi_closed": interval.hi_closed,
    }


def amount_json(amount: Amount) -> dict[str, Any]:
    return {
        "interval": interval_json(amount.interval),
        "strict_interval": None if amount.strict is None else interval_json(amount.strict),
        "nominal": None if amount.nominal is None else exact_text(amount.nominal),
        "unit": units.format_unit(amount.unit),
        "text": format_amount(amount),
    }


def _reading(name: str, reading: Reading) -> dict[str, Any]:
    return {
        "field": name,
        "printed": reading.printed,
        "hedge": reading.hedge_phrase or None,
        **amount_json(reading.amount),
    }


def _derived(derived: Derived) -> dict[str, Any]:
    compared = derived.compared_with
    return {
        "name": derived.name,
        "label": derived.label,
        "formula": derived.formula,
        "inputs": [{"name": name, **amount_json(amount)} for name, amount in derived.inputs],
        "result": amount_json(derived.result),
        "compared_with": None
        if compared is None
        else {"label": compared.label, **amount_json(compared.amount)},
        "verdict": derived.verdict.value,
        "set_aside": derived.set_aside,
        "message": derived.message,
        "evidence": list(derived.evidence),
    }


def _source(source: Source | None) -> dict[str, Any] | None:
    if source is None:
        return None
    return {
        "title": source.title,
        "publisher": source.publisher,
        "date": None if source.date is None else source.date.isoformat(),
        "url": source.url,
    }


def result_json(report: FileReport, result: Result) -> dict[str, Any]:
    record = result.record
    return {
        "file": str(report.path),
        "line": record.at.line,
        "col": record.at.col,
        "id": record.id,
        "type": "check" if result.is_check else "reference" if result.source else "claim",
        "source": _source(result.source),
        "kind": record.kind,
        "quote": getattr(record, "quote", None),
        "quote_line": result.quote_line,
        "readings": [_reading(name, reading) for name, reading in result.readings],
        "derived": [_derived(item) for item in result.derived],
        "verdict": result.verdict.value,
        "code": result_code(result),
        "message": result.message,
        "remarks": [{"code": code, "message": message} for code, message in result.remarks],
        "likely_causes": [_cause(cause) for cause in result.causes],
    }


def _cause(cause: LikelyCause) -> dict[str, Any]:
    return {
        "code": cause.code,
        "cause": cause.cause,
        "figure": cause.figure,
        "printed": cause.printed,
        "suggested": cause.suggested,
        "message": cause.message,
    }


def problem_json(problem: Problem) -> dict[str, Any]:
    return {
        "file": str(problem.path),
        "line": problem.at.line,
        "col": problem.at.col,
        "id": problem.record_id,
        "code": problem.code,
        "message": problem.message,
    }


def file_json(report: FileReport) -> dict[str, Any]:
    """One claim file's record in the JSON document."""
    article = report.article
    return {
        "file": str(report.path),
        "article": None
        if article is None
        else {
            "title": article.title,
            "publisher": article.publisher,
            "date": article.date.isoformat(),
            "url": article.url,
        },
        "results": [result_json(report, result) for result in report.results],
        "problems": [problem_json(problem) for problem in report.problems],
    }


def _dumps(data: object) -> str:
    # Compact on purpose: with an indent, the json module falls back to its pure-Python
    # encoder, which takes longer than verifying the claims. Pipe to `jq` to read it.
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def render_file(report: FileReport, options: RenderOptions) -> str:
    return _dumps(file_json(report))


def render_document(outputs: Sequence[FileOutput], options: RenderOptions) -> str:
    totals = Totals.of(outputs)
    summary: dict[str, int] = {verdict.value: totals.counts[verdict] for verdict in Verdict}
    summary["problems"] = totals.problems
    head = _dumps({"claimcheck": __version__, "format_version": FORMAT_VERSION})[:-1]
    files = ",".join(output.part for output in outputs if output.part)
    return f'{head},"files":[{files}],"summary":{_dumps(summary)}}}\n'
