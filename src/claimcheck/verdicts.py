"""Verdicts, and the rule that turns a recomputed figure and a printed one into a verdict.

"Inconsistent" is said only when no reading of the printed figures fits: even the loose
readings (a round figure rounded to its last non-zero digit) do not meet. What fits only
loosely is a warning, what fits only thanks to rounding a note, and a comparison so rough
that any plausible value would pass is unverifiable: see :func:`judge`.
"""

from __future__ import annotations

import contextlib
import contextvars
import enum
from collections.abc import Callable, Iterator
from typing import Literal

from claimcheck import rules, units
from claimcheck.amounts import Amount
from claimcheck.display import (
    SHORT_DIGITS,
    format_amount,
    format_interval_in,
    format_number,
    format_percent,
    format_value,
)
from claimcheck.exact import Exact
from claimcheck.intervals import Interval
from claimcheck.units import Unit
from claimcheck.valueclass import value_class


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


CONSISTENT, INCONSISTENT, AMBIGUOUS, UNVERIFIABLE = (
    Verdict.CONSISTENT,
    Verdict.INCONSISTENT,
    Verdict.AMBIGUOUS,
    Verdict.UNVERIFIABLE,
)
"""The verdicts as module constants, for the paths that run for every figure: reading a member
off an Enum class goes through its metaclass's ``__getattr__`` hook, several times the cost of
a module global."""

_RANK = {
    UNVERIFIABLE: 0,
    CONSISTENT: 1,
    AMBIGUOUS: 2,
    INCONSISTENT: 3,
}


def worst(verdicts: list[Verdict]) -> Verdict:
    """The verdict that stands for several: the worst of them, unverifiable if none."""
    for verdict in _WORST_FIRST:  # four membership tests: cheaper than ranking each verdict
        if verdict in verdicts:
            return verdict
    return UNVERIFIABLE


_WORST_FIRST = sorted(_RANK, key=_RANK.__getitem__, reverse=True)

TOO_ROUGH_WIDTH = Exact(1)
"""A comparison is too rough to test when the figures it recomputes span more than the
figure they are compared with: it would pass anything from half to one and a half times it."""

TOO_ROUGH_LOOSE_WIDTH = Exact(1, 2)
"""The same, when only the loose reading of a round figure fits: that reading is already an
assumption, so it must at least tell apart values a quarter above and below the figure."""

HUGE_FACTOR = 10
"""A result this many times the printed figure (or this many times smaller) is described as a factor."""


@value_class(repr=False, eq=False)
class Judgement:
    """A verdict on one comparison, with its reason in words.

    ``code`` is the finding a consistent or unverifiable verdict still deserves: it fits only
    under the loose reading of a round figure (a warning), only thanks to rounding (a note),
    or the comparison is too rough to test anything (a note).
    """

    verdict: Verdict
    message: str
    within_rounding: bool = False
    gap: Exact | None = None
    relative_gap: Exact | None = None
    code: str | None = None
    strict_fit: bool = False
    """Whether the strict readings (each figure to its last printed digit) fit."""


def judge(
    recomputed: Amount,
    printed: Amount,
    label: str,
    arithmetic: Callable[[], str] | None = None,
    noun: str = "printed",
    points: bool = False,
    fit_message: Callable[[], str] | None = None,
) -> Judgement:
    """Compare a recomputed amount with a printed one (converted to the recomputed unit).

    The ladder, from best to worst: the printed numbers themselves give the printed result;
    the strict readings (each figure to its last printed digit) fit only thanks to rounding
    (a note); only the loose readings fit, where a round figure may be rounded to its last
    non-zero digit (a warning); nothing fits (inconsistent). A fit too rough to test anything
    is unverifiable instead. ``arithmetic`` works the computation on the printed numbers, in
    words, that an inconsistency leads with (only an inconsistency asks for it); ``noun``
    says what ``printed`` is ("printed", "required"); ``points``, that it is a change in
    percentage points computed on the percent scale. ``fit_message`` gives the message of a
    fit (consistent) in place of the ladder's, which is then not written: for a caller that
    says what a fit means in its own words.
    """
    printed = printed.to(recomputed.unit)
    rung, rough = _rung(recomputed, printed)
    if only_verdicts_wanted():  # a search that needs only the verdict: no message is written
        return _BARE[rung]
    if fit_message is not None and rung in _FITS:
        bare = _BARE[rung]
        return Judgement(
            bare.verdict, fit_message(), bare.within_rounding, code=bare.code, strict_fit=bare.strict_fit
        )
    if rung == "no fit":
        return _inconsistent(recomputed, printed, label, arithmetic, noun, points)
    if rung == "too rough":
        strict_fit = recomputed.strict_interval.overlaps(printed.strict_interval)
        tested = recomputed.strict_interval if strict_fit else recomputed.interval
        how = "" if strict_fit else f" (and only if {_joined(_notes(recomputed.loose, printed.loose))})"
        span = (
            "any value at all (a division by figures that may be zero)"
            if rough is None
            else f"{format_value(recomputed, tested)}, a span of {format_percent(rough)} of the figure"
            " it is compared with"
        )
        return Judgement(
            UNVERIFIABLE,
            f"{label}: too rough to test: the printed figures allow {span}{how}, so no plausible value"
            " could fail",
            code=rules.TOO_ROUGH,
            strict_fit=strict_fit,
        )
    if rung == "loose":
        notes = _joined(_notes(recomputed.loose, printed.loose))
        return Judgement(
            CONSISTENT,
            f"{label} fits only if {notes}: read to their last printed digits, recomputed"
            f" {_strict_text(recomputed)} does not meet {noun}"
            f" {_strict_text(printed)}",
            code=rules.LOOSE_FIT,
        )
    nominal = recomputed.nominal
    if rung == "margin":
        assert nominal is not None
        hedges = recomputed.hedged if not printed.strict_interval.contains(nominal) else printed.hedged
        return Judgement(
            CONSISTENT,
            f"{label} fits within the margin of {_joined(hedges)}:"
            f" the printed numbers themselves give {_short(nominal, recomputed.unit)}, and the margin"
            " covers the rest",
            within_rounding=True,
            strict_fit=True,
        )
    if rung == "rounding":
        assert nominal is not None
        return Judgement(
            CONSISTENT,
            f"{label} fits only within rounding: the printed numbers themselves give"
            f" {_short(nominal, recomputed.unit)}, outside {_strict_text(printed)},"
            " but the rounding intervals overlap",
            within_rounding=True,
            code=rules.ROUNDING_FIT,
            strict_fit=True,
        )
    return Judgement(
        CONSISTENT,
        f"{label} fits: recomputed {format_value(recomputed)} meets {noun} {_strict_text(printed)}",
        strict_fit=True,
    )


Rung = Literal["as printed", "margin", "rounding", "loose", "too rough", "no fit"]


def _rung(recomputed: Amount, printed: Amount) -> tuple[Rung, Exact | None]:
    """Where a comparison stands on the ladder, and the relative span when it is too rough
    (None for a span without end: a division by figures that may be zero)."""
    loose = recomputed.interval
    if not loose.overlaps(printed.interval):
        return "no fit", None
    # The strict intervals (Amount.strict_interval, written out: this runs for every comparison).
    strict = loose if recomputed.strict is None else recomputed.strict
    printed_strict = printed.interval if printed.strict is None else printed.strict
    strict_fit = strict.overlaps(printed_strict)
    tested = strict if strict_fit else loose
    if isinstance(tested.lo, float) and isinstance(tested.hi, float):
        return "too rough", None
    rough = too_rough(tested, printed, TOO_ROUGH_WIDTH if strict_fit else TOO_ROUGH_LOOSE_WIDTH)
    if rough is not None:
        return "too rough", rough
    if not strict_fit:
        return "loose", None
    nominal = recomputed.nominal
    if nominal is not None and not printed_strict.contains(nominal):
        # Outside the printed figure, even with the margin of its hedge: only the rounding of
        # the figures it was recomputed from (or their own hedges' margins) makes it fit.
        return ("margin" if recomputed.hedged else "rounding"), None
    if printed.hedged and nominal is not None and nominal != printed.nominal:
        return "margin", None  # the printed figure's own "about" covers the difference
    return "as printed", None


_BARE: dict[Rung, Judgement] = {
    "as printed": Judgement(CONSISTENT, "", strict_fit=True),
    "margin": Judgement(CONSISTENT, "", within_rounding=True, strict_fit=True),
    "rounding": Judgement(CONSISTENT, "", within_rounding=True, code=rules.ROUNDING_FIT, strict_fit=True),
    "loose": Judgement(CONSISTENT, "", code=rules.LOOSE_FIT),
    "too rough": Judgement(UNVERIFIABLE, "", code=rules.TOO_ROUGH),
    "no fit": Judgement(INCONSISTENT, ""),
}
"""The verdict of each rung without its message, for :func:`verdicts_only`."""

_FITS: frozenset[Rung] = frozenset(("as printed", "margin", "rounding", "loose"))
"""The rungs of a consistent verdict: their flags are those of :data:`_BARE`."""

_VERDICTS_ONLY: contextvars.ContextVar[bool] = contextvars.ContextVar("verdicts_only", default=False)


@contextlib.contextmanager
def verdicts_only() -> Iterator[None]:
    """Judge without writing messages, for a search that tries many edits and keeps only the
    verdicts (the likely-cause search): messages were most of its cost."""
    token = _VERDICTS_ONLY.set(True)
    try:
        yield
    finally:
        _VERDICTS_ONLY.reset(token)


def only_verdicts_wanted() -> bool:
    """Whether the judging under way is for :func:`verdicts_only`: messages are not wanted."""
    return _VERDICTS_ONLY.get()


def too_rough(tested: Interval, reference: Amount, limit: Exact = TOO_ROUGH_WIDTH) -> Exact | None:
    """How wide ``tested`` is against the reference figure, when that is wider than ``limit``."""
    if isinstance(tested.lo, float) or isinstance(tested.hi, float):
        return None  # open-ended: a bound, not imprecision
    size = reference.nominal
    if size is None:
        ends = [end for end in (reference.interval.lo, reference.interval.hi) if not isinstance(end, float)]
        size = max((abs(end) for end in ends), default=None)
    if not size:
        return None
    width = (tested.hi - tested.lo) / abs(size)
    return width if width > limit else None


def _inconsistent(
    recomputed: Amount,
    printed: Amount,
    label: str,
    arithmetic: Callable[[], str] | None,
    noun: str,
    points: bool = False,
) -> Judgement:
    gap = recomputed.interval.gap_to(printed.interval)
    below = recomputed.interval.is_below(printed.interval)
    reference = printed.nominal
    if reference is None:  # a bound: measure against its finite end nearest the result
        end = printed.interval.lo if below else printed.interval.hi
        reference = None if isinstance(end, float) else end
    relative = abs(gap / reference) if reference else None
    direction = "below" if below else "above"
    lead = ""
    if recomputed.nominal is not None and printed.nominal is not None:
        worked = arithmetic() if arithmetic is not None else ""
        worked = worked or _short(recomputed.nominal, recomputed.unit)
        if points and worked.endswith("%"):  # a difference of percentages: points
            worked = worked[:-1] + " points"
        printed_value = _short(printed.nominal, printed.unit)
        if points:  # a change in percentage points, computed on the percent scale
            printed_value = f"{_decimal_short(printed.nominal)} percentage points"
        off = _off_by(recomputed.nominal, printed.nominal, printed.unit)
        lead = f"{worked}, {noun} {printed_value}, {off}; "
    return Judgement(
        INCONSISTENT,
        f"{label} does not fit: {lead}in intervals, recomputed {format_amount(recomputed)} lies"
        f" {direction} {noun} {format_amount(printed)},"
        f" off by at least {_gap(gap, reference, recomputed.unit)}",
        gap=gap,
        relative_gap=relative,
    )


def _strict_text(amount: Amount) -> str:
    """``format_amount(amount.strict_amount())``, without making the strict amount."""
    return format_interval_in(amount.interval if amount.strict is None else amount.strict, amount.unit)


def _off_by(value: Exact, printed: Exact, unit: Unit) -> str:
    """How far a recomputed value is from the printed one: in the quantity's unit, or a factor."""
    if printed and value and (value > 0) == (printed > 0):
        factor = value / printed
        if factor >= HUGE_FACTOR:
            return f"about {_factor(factor)} times the printed figure"
        if factor <= Exact(1, HUGE_FACTOR):
            return f"about 1/{_factor(1 / factor)} of the printed figure"
    return "off by " + _gap(abs(value - printed), printed, unit)


def _gap(gap: Exact, reference: Exact | None, unit: Unit) -> str:
    """A gap in the unit of the quantity: percentage points between two percentages."""
    if units.is_percent(unit):
        size = _decimal_short(gap) + (" percentage point" if gap == 1 else " percentage points")
    else:
        size = _short(gap, unit)
    if reference and not units.is_percent(unit):
        relative = abs(gap / reference)
        if relative < HUGE_FACTOR:
            size += f" ({format_percent(relative)} of the printed figure)"
    return size


def _factor(value: Exact) -> str:
    # int(): an exact number rounds to gmpy2's mpz, which the "," format refuses.
    return f"{int(round(value)):,}" if value >= 100 else _decimal_short(value)  # noqa: RUF046


def _short(value: Exact, unit: Unit) -> str:
    return format_number(value, unit, SHORT_DIGITS)


def _decimal_short(value: Exact) -> str:
    return format_number(value, units.dimensionless(), SHORT_DIGITS)


def _notes(*groups: tuple[str, ...]) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for group in groups:
        seen.update(dict.fromkeys(group))
    return tuple(seen)


def _joined(items: tuple[str, ...]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]
