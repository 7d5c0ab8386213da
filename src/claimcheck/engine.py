"""Verifying a loaded claim file: evaluate every claim, then every check in dependency order."""

from __future__ import annotations

from pathlib import Path

from claimcheck.amounts import Amount
from claimcheck.checks import CHECK_KINDS
from claimcheck.kinds import CLAIM_KINDS, Outcome
from claimcheck.loader import ClaimFile, check_order, load_claim_file
from claimcheck.records import Record
from claimcheck.results import FileReport, Problem, Result
from claimcheck.units import UnitMismatchError


class MissingValueError(LookupError):
    """A reference to a value that the claim or check does not have."""

    def __init__(self, name: str, available: list[str]) -> None:
        self.name = name
        super().__init__(
            f"{name.split('.', maxsplit=1)[0]!r} has no value {name.split('.', 1)[-1]!r}; it has"
            f" {', '.join(available) or 'no values'}"
        )


class _Values:
    """The amounts every evaluated claim and check exposes, by reference name."""

    def __init__(self) -> None:
        self.values: dict[str, dict[str, Amount]] = {}
        self.primary: dict[str, str] = {}

    def add(self, record_id: str, values: dict[str, Amount], primary: str) -> None:
        self.values[record_id] = values
        self.primary[record_id] = primary

    def lookup(self, name: str) -> Amount:
        record_id, _, field = name.partition(".")
        values = self.values.get(record_id)
        if values is None:
            raise MissingValueError(name, None)
        field = field or self.primary[record_id]
        if field not in values:
            raise MissingValueError(f"{record_id}.{field}", sorted(values))
        return values[field]


def verify_path(path: Path) -> FileReport:
    """Load and verify one claim file."""
    return verify(load_claim_file(path))


def verify(claim_file: ClaimFile) -> FileReport:
    """Evaluate every claim and check of a loaded file."""
    if claim_file.problems or claim_file.article is None:
        return FileReport(claim_file.path, claim_file.article, (), claim_file.problems)
    article = claim_file.article
    values = _Values()
    results: dict[str, Result] = {}
    problems: list[Problem] = []

    def attempt(record: Record, run: object) -> Outcome | None:
        try:
            return run()  # type: ignore[operator,no-any-return]
        except (UnitMismatchError, MissingValueError) as error:
            mark = next(
                (
                    ref.at
                    for ref in getattr(record, "references", lambda: ())()
                    if isinstance(error, MissingValueError) and ref.text == error.name
                ),
                record.at,
            )
            problems.append(Problem(claim_file.path, mark, str(error), record.id))
            return None

    for claim in claim_file.claims:
        kind = CLAIM_KINDS[claim.kind]
        result = attempt(claim, lambda kind=kind, claim=claim: kind.evaluate(claim, article))
        if result is None:
            continue
        values.add(claim.id, result.values, kind.primary)
        readings = tuple((name, figure.reading) for name, figure in claim.figures().items())
        results[claim.id] = Result(
            claim,
            readings,
            result.derived,
            result.verdict,
            result.message,
            claim_file.quote_lines.get(claim.id),
        )
    for check in check_order(claim_file.checks):
        check_kind = CHECK_KINDS[check.kind]
        result = attempt(check, lambda kind=check_kind, check=check: kind.evaluate(check, values.lookup))
        if result is None:
            continue
        values.add(check.id, {"value": result.derived[0].result}, "value")
        results[check.id] = Result(check, (), result.derived, result.verdict, result.message)
    ordered = [
        results[record.id] for record in (*claim_file.claims, *claim_file.checks) if record.id in results
    ]
    return FileReport(claim_file.path, article, tuple(ordered), tuple(problems))
