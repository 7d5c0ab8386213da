"""A dated event: "In July 2024, Jinzhong set up a working group", "in 2023".

Relative dates are resolved against the publication date. An event told in the past tense
must lie before publication, and one told as a plan after it.
"""

from __future__ import annotations

from dataclasses import field
from typing import Literal

from claimcheck.kinds.base import ClaimKind, Context, Issue, Outcome
from claimcheck.periods import Period
from claimcheck.records import Claim, doc
from claimcheck.valueclass import value_class
from claimcheck.verdicts import CONSISTENT, INCONSISTENT


@value_class(kw_only=True, repr=False, eq=False)
class EventClaim(Claim):
    tense: Literal["past", "future"] = field(
        default="past", metadata=doc("Whether the article tells of the event as done or to come.")
    )


def validate(claim: EventClaim) -> list[Issue]:
    if claim.period is None or claim.period.recurring:
        return [("an event needs a 'period' with a date: 'July 2024', 'October last year'", claim.at)]
    return []


def evaluate(claim: EventClaim, context: Context) -> Outcome:
    period: Period | None = claim.period
    assert period is not None and period.start is not None and period.end is not None
    start, end, published = period.start, period.end, context.article.date
    resolved = f"{period.printed!r} is {period.label}"
    if claim.tense == "past":
        if start > published:
            return Outcome(
                {},
                (),
                INCONSISTENT,
                f"{resolved}, after the publication date {published}, yet told as past",
            )
        if end > published:
            return Outcome({}, (), CONSISTENT, f"{resolved}, which includes the publication date {published}")
        return Outcome({}, (), CONSISTENT, f"{resolved}, before the publication date {published}")
    if end < published:
        return Outcome(
            {},
            (),
            INCONSISTENT,
            f"{resolved}, before the publication date {published}, yet told as to come",
        )
    return Outcome({}, (), CONSISTENT, f"{resolved}, on or after the publication date {published}")


KIND = ClaimKind(
    name="event",
    record=EventClaim,
    summary="A dated event; relative dates resolve against the publication date.",
    evaluate=evaluate,
    primary="",
    validate=validate,
)
