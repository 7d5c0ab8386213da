"""The safety net: an exception claimcheck did not expect becomes a finding, never a traceback.

Every stage after parsing (building each record, reading its figures, units and period,
evaluating each claim and check, rendering each file) runs under a boundary per record.
When something unforeseen fails there, the record is reported as an internal error (CC499)
at its place, and the rest of the file and the other files are still checked; the run
exits 2, as for any broken input, never 1, which CI reads as findings about the article.
``--debug`` (or ``CLAIMCHECK_DEBUG=1``) also prints the traceback on standard error.

The boundaries are plain ``try`` blocks, which cost nothing when nothing is raised.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from claimcheck import rules
from claimcheck.results import Problem
from claimcheck.yamlsource import Mark

DEBUG_VARIABLE = "CLAIMCHECK_DEBUG"
"""Set to 1 to see the traceback of every internal error (``--debug`` sets it)."""

_MAX_DETAIL = 160
"""The exception's own words are kept short: the message must stay one line."""


def debug_enabled() -> bool:
    """Whether tracebacks of internal errors are wanted (inherited by worker processes)."""
    return os.environ.get(DEBUG_VARIABLE, "") not in ("", "0")


def internal_problem(
    path: Path, at: Mark, record_id: str | None, doing: str, error: BaseException
) -> Problem:
    """The finding that stands for an unexpected ``error`` while ``doing`` something at ``at``."""
    if debug_enabled():
        import traceback

        print(f"claimcheck: internal error in {path}:{at.line}:{at.col}", file=sys.stderr)
        traceback.print_exception(error, file=sys.stderr)
    subject = f" {record_id!r}" if record_id else ""
    detail = " ".join(_detail(error).split())
    if len(detail) > _MAX_DETAIL:
        detail = detail[: _MAX_DETAIL - 3] + "..."
    message = (
        f"internal error while {doing}{subject} at {path}:{at.line}, please report it"
        f" ({type(error).__name__}{': ' + detail if detail else ''})"
    )
    return Problem(path, at, message, record_id, rules.INTERNAL_ERROR)


def _detail(error: BaseException) -> str:
    try:
        return str(error)
    except Exception:  # an exception whose text itself fails (a number too long to print)
        return ""
