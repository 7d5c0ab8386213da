"""SARIF 2.1.0 for GitHub code scanning: the rules from the registry, one result per finding.

Inconsistencies, their likely causes (as notes), ambiguities and claim-file errors become
results; unverifiable figures, which are not problems, only when notes are asked for (--show
notes, --fail-on note).
Locations are relative to the repository root (the ``%SRCROOT%`` base), as code scanning
expects.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from claimcheck import __version__
from claimcheck.findings import Finding, findings_of
from claimcheck.formats import FileOutput, RenderOptions, RunSummary
from claimcheck.results import FileReport
from claimcheck.rules import RULES, Rule

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/claimcheck/claimcheck"


def _rule(rule: Rule) -> dict[str, Any]:
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": f"{rule.summary} {rule.why}"},
        "help": {
            "text": f"{rule.summary}\n\nWhy it matters: {rule.why}\n\nExample: {rule.example}",
            "markdown": f"{rule.summary}\n\n**Why it matters:** {rule.why}\n\n**Example:** {rule.example}",
        },
        "defaultConfiguration": {"level": rule.level},
        "properties": {"tags": [rule.name.split("-")[0]]},
    }


def _result(finding: Finding, options: RenderOptions) -> dict[str, Any]:
    who = f"[{finding.record_id}] " if finding.record_id else ""
    return {
        "ruleId": finding.code,
        "ruleIndex": list(RULES).index(finding.code),
        "level": finding.level,
        "message": {"text": who + finding.message},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": options.relative(finding.path), "uriBaseId": "%SRCROOT%"},
                    "region": {"startLine": finding.line, "startColumn": finding.col},
                }
            }
        ],
    }


def render_file(report: FileReport, options: RenderOptions) -> str:
    level = options.lowest_shown
    results = [_result(finding, options) for finding in findings_of(report) if finding.shown_at(level)]
    return ",".join(json.dumps(result, ensure_ascii=False) for result in results)


def render_document(outputs: Sequence[FileOutput], options: RenderOptions) -> str:
    joined = ",".join(output.text for output in outputs if output.part)
    head, tail = _frame()
    return head + joined + tail


SEPARATOR = ","
SUMMARY_FIRST = False
SUMMARY_LISTS_FINDINGS = False


def document_head(summary: RunSummary | None, empty: bool, options: RenderOptions) -> str:
    return _frame()[0]


def document_tail(summary: RunSummary, empty: bool, options: RenderOptions) -> str:
    return _frame()[1]


def _frame() -> tuple[str, str]:
    """The log before and after its results: each file's results are written between them,
    so that each file's part can be made in the worker process that verified it."""
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "claimcheck",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "informationUri": INFORMATION_URI,
                        "rules": [_rule(rule) for rule in RULES.values()],
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": [],
            }
        ],
    }
    text = json.dumps(log, indent=2, ensure_ascii=False)
    empty = '"results": []'
    at = text.index(empty) + len(empty) - 1
    return text[:at], text[at:] + "\n"
