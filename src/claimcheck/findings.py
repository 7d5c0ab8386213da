"""Findings: what a run reports to reviewers, each with its rule code, level and place.

A finding is an inconsistent claim or check (an error), an ambiguous one (a warning), an
unverifiable one (a note), a likely cause of an inconsistency (a note shown with it), or a
problem of the claim file itself (an error). Every CI format is rendered from findings; they
are small and travel between processes.
"""

from __future__ import annotations

import functools
from pathlib import Path

from claimcheck import rules
from claimcheck.results import FileReport, Problem, Result
from claimcheck.rules import LEVEL_RANK, Level, Rule
from claimcheck.valueclass import value_class
from claimcheck.verdicts import Verdict


@value_class(repr=False, eq=False)
class Finding:
    """One thing to show a reviewer, at a place in a claim file."""

    code: str
    path: Path
    line: int
    col: int
    record_id: str | None
    message: str
    is_problem: bool = False
    """A problem of the claim file itself, rather than a finding about the article."""

    @property
    def rule(self) -> Rule:
        return rules.RULES[self.code]

    @property
    def level(self) -> Level:
        return self.rule.level

    def at_least(self, level: Level) -> bool:
        return LEVEL_RANK[self.level] >= LEVEL_RANK[level]

    @property
    def is_likely_cause(self) -> bool:
        """A likely cause of an inconsistency (CC5xx): a note that goes with the error it explains."""
        return self.code in rules.LIKELY_CAUSES

    @property
    def shown_level(self) -> Level:
        """The level a report files it under: a likely cause is shown, and sorted, with its error."""
        return level_shown(self.code)

    def shown_at(self, level: Level) -> bool:
        """Whether a report that shows findings from ``level`` up shows this one."""
        return LEVEL_RANK[self.shown_level] >= LEVEL_RANK[level]

    def __str__(self) -> str:
        who = f" [{self.record_id}]" if self.record_id else ""
        return f"{self.path}:{self.line}:{self.col}: {self.code}{who} {self.message}"


def level_shown(code: str) -> Level:
    """The level a report files a finding of rule ``code`` under: its own, but a likely cause
    is shown, and sorted, with its error."""
    return "error" if code in rules.LIKELY_CAUSES else rules.RULES[code].level


def needed_from(code: str, level: Level) -> bool:
    """Whether a run that shows, or fails on, findings from ``level`` up needs a finding of
    rule ``code``: it is shown from that level up (a finding's shown level is never below its
    own, so one failed on is shown too)."""
    return LEVEL_RANK[level_shown(code)] >= LEVEL_RANK[level]


def result_code(result: Result) -> str | None:
    """The rule a result's verdict falls under; None for a consistent result."""
    verdict = result.verdict
    if verdict is _INCONSISTENT:
        return rules.INCONSISTENT_BY_KIND[result.record.kind]
    if verdict is _AMBIGUOUS:
        return rules.AMBIGUOUS
    if verdict is _UNVERIFIABLE:
        for code, _ in result.remarks:
            if code == rules.TOO_ROUGH:
                return None  # the remark says why, with its own code
        return rules.UNVERIFIABLE
    return None


_INCONSISTENT, _AMBIGUOUS, _UNVERIFIABLE = Verdict.INCONSISTENT, Verdict.AMBIGUOUS, Verdict.UNVERIFIABLE


def problem_finding(problem: Problem) -> Finding:
    return Finding(
        problem.code, problem.path, problem.at.line, problem.at.col, problem.record_id, problem.message, True
    )


def findings_of(report: FileReport, lowest: Level | None = None) -> tuple[Finding, ...]:
    """Every finding of one verified claim file, in file order; with ``lowest``, only those a
    run that shows or fails on findings from that level up needs (see :func:`needed_from`):
    the others, most of them notes, are never made."""
    needed = {} if lowest is None else _needed_codes(lowest)

    def wanted(code: str) -> bool:
        if lowest is None:
            return True
        known = needed.get(code)
        return needed_from(code, lowest) if known is None else known

    path = report.path
    found = [problem_finding(problem) for problem in report.problems if wanted(problem.code)]
    for result in report.results:
        remarks, causes = result.remarks, result.causes
        # Most results are consistent, with nothing beside: no code, no finding.
        if result.verdict is _CONSISTENT and not remarks and not causes:
            continue
        record = result.record
        line, col = record.at
        code = result_code(result)
        if code is not None and wanted(code):
            found.append(Finding(code, path, line, col, record.id, result.message))
        for remark_code, message in remarks:
            if wanted(remark_code):
                found.append(Finding(remark_code, path, line, col, record.id, message))
        for cause in causes:
            if wanted(cause.code):
                found.append(
                    Finding(cause.code, path, line, col, record.id, f"likely cause: {cause.message}")
                )
    return tuple(sorted(found, key=_place)) if len(found) > 1 else tuple(found)


_CONSISTENT = Verdict.CONSISTENT


def _place(finding: Finding) -> tuple[int, int]:
    return finding.line, finding.col


@functools.cache
def _needed_codes(lowest: Level) -> dict[str, bool]:
    """:func:`needed_from` of every rule's code, worked once per level."""
    return {code: needed_from(code, lowest) for code in rules.RULES}
