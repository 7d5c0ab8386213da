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
from claimcheck.formats import FileOutput, RenderOptions
from claimcheck.results import FileReport
from claimcheck.rules import RULES, Level, Rule

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
    level: Level = "note" if options.notes else "warning"
    results = [_result(finding, options) for finding in findings_of(report) if finding.shown_at(level)]
    return ",".join(json.dumps(result, ensure_ascii=False) for result in results)


def render_document(outputs: Sequence[FileOutput], options: RenderOptions) -> str:
    head = {
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
    text = json.dumps(head, indent=2, ensure_ascii=False)
    joined = ",".join(output.part for output in outputs if output.part)
    # The per-file results are spliced into the empty list, so each file's part can be made
    # in the worker process that verified it.
    return text.replace('"results": []', f'"results": [{joined}]', 1) + "\n"
