"""Verdicts, and the rule that turns a recomputed figure and a printed one into a verdict.

"Inconsistent" is said only when no reading of the printed figures fits: the recomputed
interval and the printed interval do not meet. When they meet only because of rounding
latitude (the printed numbers themselves would not give the printed result), the verdict is
consistent and the message says so.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from fractions import Fraction

from claimcheck.amounts import Amount
from claimcheck.display import format_amount, format_number, format_percent


class Verdict(enum.Enum):
    """What claimcheck concludes about a claim, a derived figure or a check."""

    CONSISTENT = "consistent"
    INCONSISTENT = "inconsistent"
    AMBIGUOUS = "ambiguous"
    UNVERIFIABLE = "unverifiable"

    @property
    def rank(self) -> int:
        """Worse verdicts rank higher: a claim takes the worst verdict of its parts."""
        return _RANK[self]


_RANK = {
    Verdict.UNVERIFIABLE: 0,
    Verdict.CONSISTENT: 1,
    Verdict.AMBIGUOUS: 2,
    Verdict.INCONSISTENT: 3,
}


def worst(verdicts: list[Verdict]) -> Verdict:
    """The verdict that stands for several: the worst of them, unverifiable if none."""
    return max(verdicts, key=lambda verdict: verdict.rank, default=Verdict.UNVERIFIABLE)


@dataclass(frozen=True, repr=False, eq=False)
class Judgement:
    """A verdict on one comparison, with its reason in words."""

    verdict: Verdict
    message: str
    within_rounding: bool = False
    gap: Fraction | None = None
    relative_gap: Fraction | None = None


def judge(recomputed: Amount, printed: Amount, label: str) -> Judgement:
    """Compare a recomputed amount with a printed one (converted to the recomputed unit)."""
    printed = printed.to(recomputed.unit)
    if recomputed.interval.overlaps(printed.interval):
        nominal = recomputed.nominal
        if nominal is not None and not printed.interval.contains(nominal):
            return Judgement(
                Verdict.CONSISTENT,
                f"{label} fits only within rounding: the printed numbers themselves give"
                f" {format_number(nominal, recomputed.unit)}, outside"
                f" {format_amount(printed)}, but the rounding intervals overlap",
                within_rounding=True,
            )
        return Judgement(
            Verdict.CONSISTENT,
            f"{label} fits: recomputed {format_amount(recomputed)} meets printed {format_amount(printed)}",
        )
    gap = recomputed.interval.gap_to(printed.interval)
    below = recomputed.interval.is_below(printed.interval)
    reference = printed.nominal
    if reference is None:  # a bound: measure against its finite end nearest the result
        end = printed.interval.lo if below else printed.interval.hi
        reference = None if isinstance(end, float) else end
    relative = abs(gap / reference) if reference else None
    direction = "below" if below else "above"
    size = format_number(gap, recomputed.unit)
    if relative is not None:
        size += f" ({format_percent(relative)} of the printed figure)"
    return Judgement(
        Verdict.INCONSISTENT,
        f"{label} does not fit: recomputed {format_amount(recomputed)} lies {direction}"
        f" printed {format_amount(printed)}, off by at least {size}",
        gap=gap,
        relative_gap=relative,
    )
