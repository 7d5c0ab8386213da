"""A bound: "surpassed 97 percent", "more than 1,200 projects".

A bound says where a figure lies without saying what it is. It is checked against the
limits the quantity can take, when the claim file gives them ("a coverage rate is at most
100 percent"): a bound outside them is inconsistent.
"""

from __future__ import annotations

from dataclasses import field

from claimcheck import units
from claimcheck.amounts import Amount
from claimcheck.derivation import amount_of, derive
from claimcheck.exact import Exact
from claimcheck.intervals import INF, Interval
from claimcheck.kinds.base import ClaimKind, Context, Issue, Outcome, outcome
from claimcheck.records import Claim, Figure, doc
from claimcheck.results import Comparison
from claimcheck.valueclass import value_class
from claimcheck.verdicts import CONSISTENT, UNVERIFIABLE


@value_class(kw_only=True, repr=False, eq=False)
class BoundClaim(Claim):
    value: Figure = field(metadata=doc("The bound as printed, with its hedge word: 'surpassed 97 percent'."))
    subjects: tuple[str, ...] = field(
        default=(), metadata=doc("What the bound holds for, when several: 'water supply', ...")
    )
    minimum: Figure | None = field(
        default=None, metadata=doc("The least value the quantity can take: '0 percent'.", not_printed=True)
    )
    maximum: Figure | None = field(
        default=None,
        metadata=doc("The greatest value the quantity can take: '100 percent'.", not_printed=True),
    )


def validate(claim: BoundClaim) -> list[Issue]:
    issues: list[Issue] = []
    if claim.value.reading.hedge is None:
        issues.append(("a bound needs a hedge word such as 'more than' or 'at least'", claim.value.at))
    for limit in (claim.minimum, claim.maximum):
        if limit is None:
            continue
        if limit.reading.nominal is None:
            issues.append(("a limit must be a plain figure, without a hedge word", limit.at))
        elif not units.same_dimension(limit.reading.unit, claim.value.reading.unit):
            issues.append((f"the limit {limit.printed!r} is not in the bound's unit", limit.at))
    if not issues and claim.minimum is not None and claim.maximum is not None:
        value = amount_of(claim.value)
        if _limit(claim.minimum, value) > _limit(claim.maximum, value):
            issues.append(
                (
                    f"the minimum {claim.minimum.printed!r} is above the maximum {claim.maximum.printed!r}",
                    claim.minimum.at,
                )
            )
    return issues


def _limit(figure: Figure, value: Amount) -> Exact:
    """A limit is exact: "100 percent" is the end of the scale, not a rounded figure."""
    nominal = amount_of(figure).to(value.unit).nominal
    assert nominal is not None  # validate() refuses hedged limits
    return nominal


def evaluate(claim: BoundClaim, context: Context) -> Outcome:
    value = amount_of(claim.value)
    inputs = {"value": value}
    if claim.minimum is None and claim.maximum is None:
        return Outcome(inputs, (), UNVERIFIABLE, "a bound with no limits to check it against")
    low = -INF if claim.minimum is None else _limit(claim.minimum, value)
    high = INF if claim.maximum is None else _limit(claim.maximum, value)
    limits = Amount(Interval(low, high), value.unit)
    words = " to ".join(figure.printed for figure in (claim.minimum, claim.maximum) if figure is not None)
    derived = derive(
        "value",
        "the bound within the limits the quantity can take",
        "value",
        inputs,
        expected=Comparison(f"the possible range ({words})", limits),
        on_fit=_unsaid,  # a fit is shown as the values it leaves possible, derived below
    )
    if derived.verdict is CONSISTENT:
        possible = derived.result.interval.intersection(limits.interval)
        assert possible is not None
        derived = derive(
            "possible",
            "the values the bound leaves possible",
            "value",
            {"value": Amount(possible, value.unit)},
        )
        return Outcome(
            {"value": derived.result},
            (derived,),
            UNVERIFIABLE,
            "the bound lies within the quantity's possible range",
        )
    return outcome(inputs, [derived], derived.message)


def _unsaid(result: Amount) -> str:
    return ""


KIND = ClaimKind(
    name="bound",
    record=BoundClaim,
    summary="A figure given only as a bound; checked against the quantity's possible range.",
    evaluate=evaluate,
    primary="value",
    validate=validate,
)
