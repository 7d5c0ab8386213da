"""A single figure: a count, an amount of money, a rate."""

from __future__ import annotations

from dataclasses import field

from claimcheck.derivation import amount_of
from claimcheck.kinds.base import ClaimKind, Context, Outcome
from claimcheck.records import Claim, Figure, doc
from claimcheck.valueclass import value_class
from claimcheck.verdicts import UNVERIFIABLE


@value_class(kw_only=True, repr=False, eq=False)
class FigureClaim(Claim):
    value: Figure = field(metadata=doc("The figure as printed: 'nearly 50,000 foreign tourists'."))


def evaluate(claim: FigureClaim, context: Context) -> Outcome:
    return Outcome(
        {"value": amount_of(claim.value)},
        (),
        UNVERIFIABLE,
        "a single figure: nothing in the article to recompute it from",
    )


KIND = ClaimKind(
    name="figure",
    record=FigureClaim,
    summary="One printed figure; other checks can refer to it.",
    evaluate=evaluate,
    primary="value",
)
