"""A total: parts that should add up to a printed whole."""

from __future__ import annotations

from dataclasses import field

from claimcheck.derivation import amount_of, derive
from claimcheck.kinds.base import ClaimKind, Context, Issue, Outcome, outcome
from claimcheck.limits import MAX_PARTS
from claimcheck.records import Claim, Figure, doc
from claimcheck.valueclass import value_class


@value_class(kw_only=True, repr=False, eq=False)
class TotalClaim(Claim):
    parts: tuple[Figure, ...] = field(metadata=doc("The parts as printed, two or more."))
    total: Figure = field(metadata=doc("The whole they should add up to, as printed."))


def validate(claim: TotalClaim) -> list[Issue]:
    if not 2 <= len(claim.parts) <= MAX_PARTS:
        return [(f"a total needs between 2 and {MAX_PARTS} parts", claim.at)]
    return []


def evaluate(claim: TotalClaim, context: Context) -> Outcome:
    inputs = {f"part_{index}": amount_of(part) for index, part in enumerate(claim.parts, 1)}
    formula = " + ".join(inputs)
    derived = derive("sum", "the parts added up", formula, inputs, expected=claim.total)
    return outcome({**inputs, "total": amount_of(claim.total)}, [derived], derived.message)


KIND = ClaimKind(
    name="total",
    record=TotalClaim,
    summary="Parts that should add up to a printed whole.",
    evaluate=evaluate,
    primary="total",
    validate=validate,
)
