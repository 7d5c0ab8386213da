"""The stable JSON document: one record per claim and per check, with exact intervals.

The document is compact JSON, byte for byte what ``json.dumps(..., ensure_ascii=False,
separators=(",", ":"))`` writes, but written directly as text: a file's amounts reappear many
times (as readings, as the inputs of derived figures, as what a figure is compared with), and
the text of each is made once per object and copied, instead of building a dictionary for every
appearance and encoding it again. Strings are encoded by the json module's own encoder.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from claimcheck import __version__, rules
from claimcheck.amounts import Amount
from claimcheck.display import exact_text, exact_text_of, interval_numbers_exact, unit_suffixes, unit_text
from claimcheck.figures import Reading
from claimcheck.findings import result_code
from claimcheck.formats import FileOutput, RenderOptions, RunSummary, Totals
from claimcheck.identity import IdentityMemo, ValueMemo
from claimcheck.intervals import Endpoint, Interval
from claimcheck.records import Check, Claim, Source
from claimcheck.results import Derived, FileReport, LikelyCause, Problem, Remark, Result
from claimcheck.units import Unit
from claimcheck.verdicts import Verdict
from claimcheck.yamlsource import Mark

FORMAT_VERSION = 1

_quoted = json.encoder.encode_basestring
"""A string as JSON: the function ``json.dumps`` itself uses when ``ensure_ascii`` is off."""


def _text(value: str | None) -> str:
    return "null" if value is None else _quoted(value)


_COMMA = ","


def _list(items: list[str]) -> str:
    return f"[{_COMMA.join(items)}]"


_AMOUNTS: IdentityMemo[str] = IdentityMemo()
_READINGS: IdentityMemo[str] = IdentityMemo(1024)
"""Small: an entry keeps its reading alive, with everything read from the figure (4,096 of them
cost a run about 4 MB more at its peak), and the readings shared across files are few."""


def interval_json(interval: Interval) -> str:
    """An interval with exact ends, as a JSON object: decimal strings, "a/b" fractions, or
    null for infinity."""
    lo, hi = interval.lo, interval.hi
    lo_text = _exact_json(lo)
    return (
        f'{{"lo":{lo_text},"hi":{lo_text if hi == lo else _exact_json(hi)},'
        f'"lo_closed":{"true" if interval.lo_closed else "false"},'
        f'"hi_closed":{"true" if interval.hi_closed else "false"}}}'
    )


def amount_json(amount: Amount) -> str:
    """An amount's members of a JSON object (without braces: readings and inputs add their own),
    remembered by the amount: a file's amounts reappear many times (a reading's, as the input of
    every figure derived from it; a result, as what another figure is compared with).

    Then by value: a third of a file's amounts are other objects equal to one already shown
    (a figure that is one of its inputs, a result equal to the printed figure, readings shared
    by many files). The key is the ends' own ``str()``, one C call each, canonical for an exact
    number ("-3/2", "7") and never an infinity's ("inf"), from which the exact texts are made."""
    text = _AMOUNTS.get(id(amount))
    if text is not None:
        return text
    interval, strict, nominal = amount.interval, amount.strict, amount.nominal
    lo, hi = interval.lo, interval.hi
    lo_str = str(lo)
    hi_str = lo_str if hi is lo else str(hi)
    nominal_str = "" if nominal is None else str(nominal)
    unit = _UNITS.get(id(amount.unit)) or _unit_json(amount.unit)
    key = (lo_str, hi_str, interval.lo_closed, interval.hi_closed, nominal_str, unit)
    text = _AMOUNT_VALUES.get(key) if strict is None else None
    if text is None:
        lo_exact = exact_text_of(lo_str, lo)
        hi_exact = lo_exact if hi_str == lo_str else exact_text_of(hi_str, hi)
        # Exact texts are digits, ".", "-", "/" and "~1.5e+4620" at most: nothing a JSON string
        # escapes, so each is quoted as it is.
        lo_json = "null" if lo_exact is None else f'"{lo_exact}"'
        hi_json = lo_json if hi_exact is lo_exact else "null" if hi_exact is None else f'"{hi_exact}"'
        nominal_json = "null" if nominal is None else f'"{exact_text_of(nominal_str, nominal)}"'
        numbers, word = interval_numbers_exact(interval, lo_exact, hi_exact)
        suffixes = _SUFFIXES.get(id(amount.unit)) or _suffixes(amount.unit)
        text = (
            f'"interval":{{"lo":{lo_json},"hi":{hi_json},'
            f'"lo_closed":{"true" if interval.lo_closed else "false"},'
            f'"hi_closed":{"true" if interval.hi_closed else "false"}}},'
            f'"strict_interval":{"null" if strict is None else interval_json(strict)},'
            f'"nominal":{nominal_json},"unit":{unit},'
            # The numbers are digits, signs, ",", ".", "e", brackets and "inf": nothing to escape.
            f'"text":"{numbers}{suffixes[word]}"'
        )
        if strict is None:  # the few amounts with a strict reading are not worth a longer key
            _AMOUNT_VALUES.remember(key, text)
    return _AMOUNTS.remember(amount, text)


_AMOUNT_VALUES: ValueMemo[tuple[object, ...], str] = ValueMemo()


def _exact_json(value: Endpoint) -> str:
    """An end's exact text as JSON: it is digits, ".", "-", "/" and "~1.5e+4620" at most,
    nothing a JSON string escapes, so it is quoted as it is."""
    text = exact_text(value)
    return "null" if text is None else f'"{text}"'


def _unit_json(unit: Unit) -> str:
    """A unit's text as JSON, remembered by the unit: a file shows a few units many times."""
    return _UNITS.get(id(unit)) or _UNITS.remember(unit, _quoted(unit_text(unit)))


_UNITS: IdentityMemo[str] = IdentityMemo(256)


def _suffixes(unit: Unit) -> dict[str, str]:
    """What follows an amount's numbers in its JSON text, by scale word, escaped as JSON (without
    the quotes), remembered by the unit."""
    escaped = {word: _quoted(suffix)[1:-1] for word, suffix in unit_suffixes(unit).items()}
    return _SUFFIXES.remember(unit, escaped)


_SUFFIXES: IdentityMemo[dict[str, str]] = IdentityMemo(256)


def _reading(name: str, reading: Reading) -> str:
    """Remembered by the reading and the field's name (``_READINGS.get((id(reading), name))``):
    a reading is shared by every figure printed the same way, in every file."""
    hedge = _quoted(reading.hedge_phrase) if reading.hedge_phrase else "null"
    text = (
        f'{{"field":{_quoted(name)},"printed":{_quoted(reading.printed)},"hedge":{hedge},'
        f"{_AMOUNTS.get(id(reading.amount)) or amount_json(reading.amount)}}}"
    )
    return _READINGS.remember(reading, text, (id(reading), name))


def _derived(derived: Derived) -> str:
    # An amount's text is found by the amount (``_AMOUNTS.get(id(amount))``) before any call:
    # a derived figure's inputs and what it is compared with were nearly all shown before.
    compared, evidence, label, formula, message = (
        derived.compared_with,
        derived.evidence,
        derived.label,
        derived.formula,
        derived.message,
    )
    # Each member after a comma, the first comma cut below: a loop, because a list
    # comprehension makes a function call of its own, and most lists here are of one or two.
    inputs = ""
    for name, amount in derived.inputs:
        inputs += f',{{"name":{_quoted(name)},{_AMOUNTS.get(id(amount)) or amount_json(amount)}}}'
    compared_with = (
        "null"
        if compared is None
        else f'{{"label":{_quoted(compared.label)},'
        f"{_AMOUNTS.get(id(compared.amount)) or amount_json(compared.amount)}}}"
    )
    result = derived.result
    lines = _COMMA.join([_STRINGS.get(line) or _string(line) for line in evidence]) if evidence else ""
    return (
        f'{{"name":{_quoted(derived.name)},"label":{_STRINGS.get(label) or _string(label)},'
        f'"formula":{_quoted(formula)},"inputs":[{inputs[1:]}],'
        f'"result":{{{_AMOUNTS.get(id(result)) or amount_json(result)}}},"compared_with":{compared_with},'
        f'"verdict":{_VERDICTS[id(derived.verdict)]},"set_aside":{"true" if derived.set_aside else "false"},'
        f'"message":{_STRINGS.get(message) or _string(message)},'
        f'"evidence":[{lines}]}}'
    )


def _string(text: str) -> str:
    """A string that recurs from figure to figure and file to file (a label, a message, a line
    of evidence) as JSON, remembered by value: the json module's encoder takes longer over a
    sentence than hashing it does, and ``_STRINGS.get(text)`` comes first. Formulas and the
    labels of what a figure is compared with are encoded directly: most name the file's own
    records or carry its figures, and are never seen again."""
    return _STRINGS.remember(text, _quoted(text))


_STRINGS: ValueMemo[str, str] = ValueMemo()


_CONSISTENT = Verdict.CONSISTENT
_CODES: dict[str | None, str] = {None: "null", **{code: _quoted(code) for code in rules.RULES}}
"""Each rule's code as JSON, made once: a result's code is one of them, or None."""
_VERDICTS = {id(verdict): _quoted(verdict.value) for verdict in Verdict}
"""Each verdict's JSON string, by identity (an Enum's hash and ``value`` are Python calls)."""


def _source(source: Source) -> str:
    date = None if source.date is None else source.date.isoformat()
    return (
        f'{{"title":{_quoted(source.title)},"publisher":{_quoted(source.publisher)},'
        f'"date":{_text(date)},"url":{_text(source.url)}}}'
    )


def _number(value: int | None) -> str:
    return "null" if value is None else int.__repr__(value)


def _path(path: Path) -> str:
    """A file's path as a JSON string, made once: every result of the file repeats it."""
    return _PATHS.get(id(path)) or _PATHS.remember(path, _quoted(str(path)))


_PATHS: IdentityMemo[str] = IdentityMemo(16)


def _place(at: Mark) -> str:
    """A result's line and column as JSON members, remembered by value: records stand at the
    same few places in file after file, and an int's text is made anew each time it is
    formatted."""
    return _PLACES.remember(at, f'"line":{at[0]},"col":{at[1]}')


_PLACES: ValueMemo[Mark, str] = ValueMemo()


def result_json(report: FileReport, result: Result) -> str:
    """One result's object in the JSON document."""
    path = _PATHS.get(id(report.path)) or _path(report.path)
    record, readings, derived, verdict = result.record, result.readings, result.derived, result.verdict
    remarks, causes, quote_line, message = result.remarks, result.causes, result.quote_line, result.message
    # Result.source and Result.is_check without property calls, and a check's quote without
    # getattr's AttributeError.
    if isinstance(record, Claim):
        source = record.source
        kind = "claim" if source is None else "reference"
        quote = _quoted(record.quote)
    else:
        source = None
        kind = "check" if isinstance(record, Check) else "claim"
        quote = "null"
    at = record.at
    shown = ""  # as _derived's inputs
    for name, item in readings:
        shown += f",{_READINGS.get((id(item), name)) or _reading(name, item)}"
    # A consistent result has no code (findings.result_code): most results are consistent.
    code = "null" if verdict is _CONSISTENT else _CODES.get(found := result_code(result)) or _text(found)
    # f"{number}": an int is formatted as str() formats it, without looking up a method.
    return (
        f'{{"file":{path},{_PLACES.get(at) or _place(at)},'
        f'"id":{_quoted(record.id)},"type":"{kind}","source":{"null" if source is None else _source(source)},'
        f'"kind":{_quoted(record.kind)},"quote":{quote},'
        f'"quote_line":{"null" if quote_line is None else quote_line},'
        f'"readings":[{shown[1:]}],'
        f'"derived":[{_COMMA.join(map(_derived, derived)) if derived else ""}],'
        f'"verdict":{_VERDICTS[id(verdict)]},'
        f'"code":{code},'
        f'"message":{_STRINGS.get(message) or _string(message)},'
        f'"remarks":[{_remarks(remarks) if remarks else ""}],'
        f'"likely_causes":[{_COMMA.join([_cause(cause) for cause in causes]) if causes else ""}]}}'
    )


def _remarks(remarks: tuple[Remark, ...]) -> str:
    return _COMMA.join(
        [f'{{"code":{_quoted(code)},"message":{_quoted(message)}}}' for code, message in remarks]
    )


def _cause(cause: LikelyCause) -> str:
    return (
        f'{{"code":{_quoted(cause.code)},"cause":{_quoted(cause.cause)},'
        f'"figure":{_quoted(cause.figure)},"printed":{_quoted(cause.printed)},'
        f'"suggested":{_text(cause.suggested)},"message":{_quoted(cause.message)}}}'
    )


def problem_json(problem: Problem) -> str:
    return (
        f'{{"file":{_quoted(str(problem.path))},"line":{_number(problem.at.line)},'
        f'"col":{_number(problem.at.col)},"id":{_text(problem.record_id)},'
        f'"code":{_quoted(problem.code)},"message":{_quoted(problem.message)}}}'
    )


def file_json(report: FileReport) -> str:
    """One claim file's object in the JSON document."""
    article = report.article
    article_json = (
        "null"
        if article is None
        else f'{{"title":{_quoted(article.title)},"publisher":{_quoted(article.publisher)},'
        f'"date":{_quoted(article.date.isoformat())},"url":{_text(article.url)}}}'
    )
    return (
        f'{{"file":{_path(report.path)},"article":{article_json},'
        f'"results":[{_COMMA.join([result_json(report, result) for result in report.results])}],'
        f'"problems":{_list([problem_json(problem) for problem in report.problems])}}}'
    )


def _dumps(data: object) -> str:
    # Compact on purpose: with an indent, the json module falls back to its pure-Python
    # encoder, which takes longer than verifying the claims. Pipe to `jq` to read it.
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def render_file(report: FileReport, options: RenderOptions) -> str:
    return file_json(report)


def render_document(outputs: Sequence[FileOutput], options: RenderOptions) -> str:
    files = ",".join(output.text for output in outputs if output.part)
    return f"{_head()}{files}{_tail(Totals.of(outputs))}"


SEPARATOR = ","
SUMMARY_FIRST = False
SUMMARY_LISTS_FINDINGS = False


def document_head(summary: RunSummary | None, empty: bool, options: RenderOptions) -> str:
    return _head()


def document_tail(summary: RunSummary, empty: bool, options: RenderOptions) -> str:
    return _tail(summary.totals)


def _head() -> str:
    version = _dumps({"claimcheck": __version__, "format_version": FORMAT_VERSION})[:-1]
    return f'{version},"files":['


def _tail(totals: Totals) -> str:
    summary: dict[str, int] = {verdict.value: totals.counts[verdict] for verdict in Verdict}
    summary["problems"] = totals.problems
    return f'],"summary":{_dumps(summary)}}}\n'
