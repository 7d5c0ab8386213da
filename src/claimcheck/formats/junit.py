"""JUnit XML for test dashboards: a testsuite per claim file, a testcase per claim and check.

Inconsistent claims and checks are failures, with their likely causes; claim-file problems
are errors; consistent, ambiguous and unverifiable ones pass, with their verdict in
``system-out``.
"""

from __future__ import annotations

from collections.abc import Sequence
from xml.sax.saxutils import quoteattr

from claimcheck.findings import result_code
from claimcheck.formats import FileOutput, RenderOptions, RunSummary, Totals
from claimcheck.results import FileReport
from claimcheck.verdicts import Verdict


def _text(text: str) -> str:
    from xml.sax.saxutils import escape

    return escape(text)


def render_file(report: FileReport, options: RenderOptions) -> str:
    path = options.relative(report.path)
    cases: list[str] = []
    failures = 0
    for result in report.results:
        record = result.record
        name = quoteattr(record.id)
        classname = quoteattr(f"{path}.{'checks' if result.is_check else 'claims'}")
        where = f"{path}:{record.at.line}:{record.at.col}"
        if result.verdict is Verdict.INCONSISTENT:
            failures += 1
            code = result_code(result)
            causes = "".join(
                f"\n{where}: {cause.code} likely cause: {cause.message}" for cause in result.causes
            )
            body = (
                f"<failure message={quoteattr(result.message)} type={quoteattr(code or 'inconsistent')}>"
                f"{_text(where)}: {_text(result.message)}{_text(causes)}</failure>"
            )
        else:
            code = result_code(result)
            said = f"{code} {result.verdict.value}" if code else result.verdict.value
            remarks = "".join(f"\n{where}: {remark}: {message}" for remark, message in result.remarks)
            body = f"<system-out>{_text(f'{where}: {said}: {result.message}{remarks}')}</system-out>"
        cases.append(
            f'    <testcase name={name} classname={classname} file={quoteattr(path)} line="{record.at.line}">'
            f"{body}</testcase>"
        )
    for problem in report.problems:
        where = f"{path}:{problem.at.line}:{problem.at.col}"
        cases.append(
            f"    <testcase name={quoteattr(problem.record_id or 'claim file')} classname={quoteattr(path)}"
            f' file={quoteattr(path)} line="{problem.at.line}">'
            f"<error message={quoteattr(problem.message)} type={quoteattr(problem.code)}>"
            f"{_text(where)}: {_text(problem.message)}</error></testcase>"
        )
    return (
        f'  <testsuite name={quoteattr(path)} tests="{len(cases)}" failures="{failures}"'
        f' errors="{len(report.problems)}" skipped="0">\n' + "\n".join(cases) + "\n  </testsuite>\n"
    )


def render_document(outputs: Sequence[FileOutput], options: RenderOptions) -> str:
    parts = "".join(output.text for output in outputs)
    return _head(Totals.of(outputs)) + parts + TAIL


SEPARATOR = ""
SUMMARY_FIRST = True
SUMMARY_LISTS_FINDINGS = False
TAIL = "</testsuites>\n"


def document_head(summary: RunSummary | None, empty: bool, options: RenderOptions) -> str:
    assert summary is not None
    return _head(summary.totals)


def document_tail(summary: RunSummary, empty: bool, options: RenderOptions) -> str:
    return TAIL


def _head(totals: Totals) -> str:
    tests = totals.claims + totals.checks + totals.problems
    failures = totals.counts[Verdict.INCONSISTENT]
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<testsuites name="claimcheck" tests="{tests}" failures="{failures}" errors="{totals.problems}">\n'
    )
