"""Verifying a loaded claim file: evaluate every claim, then every check in dependency order."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from claimcheck import rules, safety
from claimcheck.amounts import Amount
from claimcheck.checks import CHECK_KINDS
from claimcheck.formulas import FormulaError, ResultTooLargeError
from claimcheck.kinds import CLAIM_KINDS, Outcome
from claimcheck.kinds.base import Context
from claimcheck.loader import ClaimFile, load_claim_file
from claimcheck.records import Check, Claim, FormulaText, Record
from claimcheck.results import FileReport, Problem, Result
from claimcheck.units import UnitMismatchError
from claimcheck.verdicts import INCONSISTENT, verdicts_only
from claimcheck.yamlsource import Mark


class MissingValueError(LookupError):
    """A reference to a value that the claim or check does not have."""

    def __init__(self, name: str, available: list[str] | None, failed_at: Mark | None = None) -> None:
        self.name = name
        record_id, _, field = name.partition(".")
        if available is None:
            where = (
                f": see line {failed_at.line}"
                if failed_at is not None
                else " (see the error reported for it)"
            )
            message = f"depends on {record_id!r}, which could not be checked{where}"
        elif not available:  # an event claim: a date, no amount
            message = f"{record_id!r} has no value to compute with"
        else:
            message = f"{record_id!r} has no value {field!r}; it has {', '.join(available)}"
        super().__init__(message)


class _Values:
    """The amounts every evaluated claim and check exposes, by reference name."""

    def __init__(self, failed: dict[str, Mark]) -> None:
        self.values: dict[str, dict[str, Amount]] = {}
        self.primary: dict[str, str] = {}
        self.failed = failed
        """Records that have a problem of their own, with its place: what depends on them says so."""

    def copy(self) -> _Values:
        """A table to evaluate edited records in without touching this one (see claimcheck.causes)."""
        copied = _Values(self.failed)
        copied.values, copied.primary = dict(self.values), dict(self.primary)
        return copied

    def lookup(self, name: str) -> Amount:
        record_id, _, field = name.partition(".")
        values = self.values.get(record_id)
        if values is None:
            raise MissingValueError(name, None, self.failed.get(record_id))
        field = field or self.primary[record_id]
        if field not in values:
            raise MissingValueError(f"{record_id}.{field}", sorted(values))
        return values[field]


def verify_path(path: Path) -> FileReport:
    """Load and verify one claim file."""
    return verify(load_claim_file(path))


def verify(claim_file: ClaimFile) -> FileReport:
    """Evaluate every claim and check of a loaded file.

    A unit mismatch, a reference to a missing value or a result too large to compute is a
    problem of the claim file, reported at the record (or the reference) that caused it; an
    unexpected exception is an internal error of that record. Either way the other records
    are still evaluated. A problem found when the file was loaded stops only the record it
    is about (and what depends on it); only a file without a usable article stops them all.
    """
    if claim_file.article is None:
        return FileReport(claim_file.path, claim_file.article, (), claim_file.problems)
    failed: dict[str, Mark] = {}
    for problem in claim_file.problems:
        if problem.record_id is not None:
            failed.setdefault(problem.record_id, problem.at)
    values = _Values(failed)
    results: dict[str, Result] = {}
    problems: list[Problem] = list(claim_file.problems)
    checks = {check.id: check for check in claim_file.checks}
    context = Context(claim_file.article, claim_file.defaults)
    quote_lines = claim_file.quote_lines
    inconsistent = False
    for record in (*claim_file.claims, *(checks[check_id] for check_id in claim_file.check_order)):
        record_id = record.id
        if record_id in failed:
            continue
        try:
            outcome = _evaluate(context, record, values)
            verdict = outcome.verdict
            results[record_id] = Result(
                record,
                record.readings() if isinstance(record, Claim) else (),
                outcome.derived,
                verdict,
                outcome.message,
                quote_lines.get(record_id),
                outcome.remarks,
            )
            if verdict is INCONSISTENT:
                inconsistent = True
        except (UnitMismatchError, MissingValueError, FormulaError) as error:
            place = _place(record, error)
            problems.append(Problem(claim_file.path, place, _reason(error), record_id, _code(error)))
            failed.setdefault(record_id, place)
        except Exception as error:  # the safety net: see claimcheck.safety
            problems.append(safety.internal_problem(claim_file.path, record.at, record_id, "checking", error))
            failed.setdefault(record_id, record.at)
    if inconsistent:
        _add_likely_causes(claim_file, context, results, values, problems)
    ordered = [
        results[record.id] for record in (*claim_file.claims, *claim_file.checks) if record.id in results
    ]
    problems.sort(key=lambda problem: (problem.at.line, problem.at.col))
    return FileReport(claim_file.path, claim_file.article, tuple(ordered), tuple(problems))


def _evaluate(context: Context, record: Record, values: _Values) -> Outcome:
    # Each record's values by name, and the name its bare id stands for.
    if isinstance(record, Claim):
        kind = CLAIM_KINDS[record.kind]
        outcome = kind.evaluate(record, context)
        values.values[record.id] = outcome.values
        values.primary[record.id] = kind.primary
        return outcome
    outcome = CHECK_KINDS[record.kind].evaluate(record, values.lookup)
    values.values[record.id] = {"value": outcome.derived[0].result}
    values.primary[record.id] = "value"
    return outcome


def _add_likely_causes(
    claim_file: ClaimFile,
    context: Context,
    results: dict[str, Result],
    values: _Values,
    problems: list[Problem],
) -> None:
    """Beside each inconsistent result, the slips that would make it fit (see claimcheck.causes).

    Only files with an inconsistency get here, so the search costs the common case nothing.
    """
    from claimcheck.causes import Search

    search = Search(claim_file, results, values, lambda record, table: _evaluate(context, record, table))
    for record_id, result in list(results.items()):
        if result.verdict is not INCONSISTENT:
            continue
        try:
            with verdicts_only():  # each edit needs only the verdicts it leads to
                causes = search.causes_of(result)
        except Exception as error:  # the safety net: see claimcheck.safety
            problems.append(
                safety.internal_problem(
                    claim_file.path, result.record.at, record_id, "searching likely causes of", error
                )
            )
            continue
        if causes:
            results[record_id] = dataclasses.replace(result, causes=causes)


def _code(error: Exception) -> str:
    if isinstance(error, UnitMismatchError):
        return rules.UNIT_MISMATCH
    if isinstance(error, MissingValueError):
        return rules.REFERENCE_INVALID
    if isinstance(error, ResultTooLargeError):
        return rules.VALUE_TOO_LARGE
    return rules.FORMULA_INVALID


def _reason(error: Exception) -> str:
    return f"bad formula: {error}" if type(error) is FormulaError else str(error)


def _place(record: Record, error: Exception) -> Mark:
    """The reference a missing value was asked for by, the failing part of a formula, or the record."""
    if isinstance(error, MissingValueError) and isinstance(record, Check):
        for ref in record.references():
            if ref.text == error.name or ref.target == error.name.partition(".")[0]:
                return ref.at
    if isinstance(error, FormulaError):
        formula = getattr(record, "formula", None)
        if isinstance(formula, FormulaText):
            return Mark(formula.at.line, formula.at.col + error.offset)
    return record.at
