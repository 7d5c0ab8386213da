"""A share: a part of a whole, as amounts, as a percentage, or both.

"Nine county-level regions accounting for 89 percent of the city's output" leaves 11
percent to the rest; a part and a whole imply the share; a share and a whole imply the
part. A part can never exceed its whole: a share above 100 percent is inconsistent.
"""

from __future__ import annotations

import functools
from dataclasses import field, replace

from claimcheck import units
from claimcheck.amounts import Amount
from claimcheck.derivation import amount_of, derive
from claimcheck.exact import Exact
from claimcheck.intervals import Interval
from claimcheck.kinds.base import ClaimKind, Context, Issue, Outcome, outcome
from claimcheck.records import Claim, Figure, doc
from claimcheck.results import Comparison, Derived
from claimcheck.valueclass import value_class
from claimcheck.verdicts import CONSISTENT, UNVERIFIABLE


@value_class(kw_only=True, repr=False, eq=False)
class ShareClaim(Claim):
    share: Figure | None = field(default=None, metadata=doc("The share as printed: '89 percent'."))
    part: Figure | None = field(default=None, metadata=doc("The part, when printed as an amount."))
    whole: Figure | None = field(default=None, metadata=doc("The whole, when printed as an amount."))


def validate(claim: ShareClaim) -> list[Issue]:
    if claim.share is None and (claim.part is None or claim.whole is None):
        return [("a share needs a share, or a part and a whole", claim.at)]
    if claim.share is not None and not units.is_dimensionless(claim.share.reading.unit):
        return [("a share must be a percentage or a plain ratio", claim.share.at)]
    return []


@functools.cache
def _possible_shares() -> Comparison:
    """Made once: the same amount for every share, which reports then find by its identity."""
    percent = units.parse_unit("percent")
    return Comparison(
        "0 to 100 percent (a part cannot exceed its whole)",
        Amount(Interval(Exact(0), Exact(100)), percent, None),
    )


@functools.cache
def _whole_percent() -> Amount:
    """100 percent, what ``all`` stands for in a share's formulas (made once)."""
    return Amount(Interval.point(100), units.parse_unit("percent"), Exact(100))


WITHIN_LIMITS = "within 0 to 100 percent"
"""What passing the check against the possible range says (see :func:`_limit_check`)."""


def _within_limits(result: Amount) -> str:
    return WITHIN_LIMITS


def _limit_check(derived: Derived) -> Derived:
    """A check against the possible range only ever fails: passing it verifies nothing.

    Derived with ``on_fit=_within_limits``, so that a pass already has its message."""
    if derived.verdict is CONSISTENT:
        return replace(derived, verdict=UNVERIFIABLE)
    return derived


def evaluate(claim: ShareClaim, context: Context) -> Outcome:
    percent = units.parse_unit("percent")
    inputs: dict[str, Amount] = {
        name: amount_of(figure)
        for name in ("share", "part", "whole")
        if (figure := getattr(claim, name)) is not None
    }
    formulas = dict(inputs, all=_whole_percent())
    derived: list[Derived] = []
    if "part" in inputs and "whole" in inputs:
        label = "share implied by the part and the whole"
        if claim.share is not None:
            derived.append(
                derive("implied_share", label, "part / whole", formulas, unit=percent, expected=claim.share)
            )
        else:
            derived.append(
                _limit_check(
                    derive(
                        "implied_share",
                        label,
                        "part / whole",
                        formulas,
                        unit=percent,
                        expected=_possible_shares(),
                        on_fit=_within_limits,
                    )
                )
            )
        derived.append(derive("rest", "what the part leaves of the whole", "whole - part", formulas))
    elif "share" in inputs:
        derived.append(
            _limit_check(
                derive(
                    "possible_share",
                    "the printed share within what a share can be",
                    "share",
                    formulas,
                    unit=percent,
                    expected=_possible_shares(),
                    on_fit=_within_limits,
                )
            )
        )
        if "whole" in inputs:
            derived.append(
                derive("part", "part implied by the share of the whole", "share * whole", formulas)
            )
            derived.append(
                derive("rest", "what the part leaves of the whole", "whole - share * whole", formulas)
            )
        elif "part" in inputs:
            derived.append(
                derive("whole", "whole implied by the part and its share", "part / share", formulas)
            )
    if "share" in inputs:
        derived.append(
            derive("rest_share", "share left to the rest of the whole", "all - share", formulas, unit=percent)
        )
    return outcome(inputs, derived, "nothing printed to compare the implied figures with")


KIND = ClaimKind(
    name="share",
    record=ShareClaim,
    summary="A part of a whole: implies the part, the whole, the share and what is left.",
    evaluate=evaluate,
    primary="share",
    validate=validate,
)
