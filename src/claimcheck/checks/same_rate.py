"""Several conversions of one article at one rate: their implied rates must share a point.

"55.6 billion yuan ($7.66 billion)" and, further down, "3.2 billion yuan ($441 million)" were
converted by one newsroom on one day: some single rate should fit both. Each conversion
implies an interval of rates; one rate fits them all exactly when the intervals meet, and of
intervals on a line that happens exactly when every two of them meet. So when no rate fits,
the pair that lies furthest apart is the one to name. A conversion written the other way round
(dollars first) is turned over: its rate of dollars per yuan becomes yuan per dollar.
"""

from __future__ import annotations

import dataclasses
from dataclasses import field
from itertools import combinations

from claimcheck import rules, units
from claimcheck.amounts import Amount
from claimcheck.checks.base import CheckKind, Lookup
from claimcheck.display import SHORT_DIGITS, format_number, format_percent, format_span, format_value
from claimcheck.exact import Exact
from claimcheck.intervals import Interval
from claimcheck.kinds.base import Issue, Outcome, outcome
from claimcheck.records import Check, Ref, doc
from claimcheck.results import Comparison, Derived
from claimcheck.units import UnitMismatchError
from claimcheck.valueclass import value_class
from claimcheck.verdicts import Judgement, Verdict


@value_class(kw_only=True, repr=False, eq=False)
class SameRateCheck(Check):
    conversions: tuple[Ref, ...] = field(
        metadata=doc(
            "The conversions that should use one rate, by id (or the rates they imply:"
            " 'investment.rate'): [investment, subsidy]. At least two.",
            min_items=2,
        )
    )


def validate(check: SameRateCheck) -> list[Issue]:
    if len(check.conversions) < 2:
        return [("a same_rate check needs at least two conversions", check.at)]
    seen: set[str] = set()
    for ref in check.conversions:
        if ref.text in seen:
            return [(f"{ref.text!r} is named twice", ref.at)]
        seen.add(ref.text)
    return []


def _aligned(amount: Amount, unit: units.Unit, name: str) -> Amount:
    """The rate in ``unit``; a rate the other way round (USD per CNY for CNY per USD) turned over."""
    if units.same_dimension(amount.unit, unit):
        return amount.to(unit)
    turned = Amount.number(1) / amount
    if units.same_dimension(turned.unit, unit):
        return turned.to(unit)
    raise UnitMismatchError(unit, amount.unit, f"compare the rate of {name!r} in")


def evaluate(check: SameRateCheck, lookup: Lookup) -> Outcome:
    names = [ref.text for ref in check.conversions]
    first = lookup(names[0])
    rates = {name: _aligned(lookup(name), first.unit, name) for name in names}
    inputs = tuple(rates.items())
    label = check.description or "one rate for every conversion: the rates all of them imply"
    formula = " ∩ ".join(names)
    every = "both" if len(names) == 2 else f"all {len(names)}"
    steps: list[tuple[str, Amount]] = []
    common: Interval | None = rates[names[0]].interval
    for count, name in enumerate(names[1:], start=2):
        common = rates[name].interval.intersection(common) if common is not None else None
        if common is None:
            break
        steps.append((" ∩ ".join(names[:count]), Amount(common, first.unit)))
    if common is None:
        return _disagree(label, formula, inputs, rates, every, first.unit)
    message = f"one rate fits {every} conversions: {format_span(common, first.unit)}"
    code = None
    strict = _common([rate.strict_interval for rate in rates.values()])
    if strict is None:
        # Read to their last printed digits the rates do not meet: they fit only under a round
        # figure's loose reading, the verdict ladder's warning.
        loose = tuple(dict.fromkeys(note for rate in rates.values() for note in rate.loose))
        low, high, _, _ = _furthest_pair({name: rate.strict_amount() for name, rate in rates.items()})
        message = (
            f"one rate fits {every} conversions only if {_joined(loose)}: read to their last"
            f" printed digits, {low!r} implies {format_value(rates[low].strict_amount())} and"
            f" {high!r} {format_value(rates[high].strict_amount())}"
        )
        code = rules.LOOSE_FIT
    narrower = None if strict is None or strict == common else strict
    derived = Derived(
        "value",
        label,
        formula,
        inputs,
        tuple(steps),
        Amount(common, first.unit, None, narrower),
        Verdict.CONSISTENT,
        message,
        judgement=Judgement(Verdict.CONSISTENT, message, code=code, strict_fit=code is None),
        code=code,
    )
    return outcome({}, [derived], message)


def _disagree(
    label: str,
    formula: str,
    inputs: tuple[tuple[str, Amount], ...],
    rates: dict[str, Amount],
    every: str,
    unit: units.Unit,
) -> Outcome:
    """No rate fits them all: the finding names the two conversions furthest apart."""
    low, high, gap, relative = _furthest_pair(rates)
    size = f"at least {format_number(gap, unit, SHORT_DIGITS)} apart"
    if relative is not None:
        size += f" ({format_percent(relative)} of the lower rate)"
    message = (
        f"no one rate fits {every} conversions: {low!r} implies {format_value(rates[low])}"
        f" and {high!r} {format_value(rates[high])}, {size}"
    )
    derived = Derived(
        "value",
        f"the rate implied by {low}, against the rate implied by {high}: the two conversions"
        " that disagree most",
        formula,
        inputs,
        (),
        # No value "on the printed numbers": an intersection has no arithmetic to redo, and
        # the message gives each rate's own.
        dataclasses.replace(rates[low], nominal=None),
        Verdict.INCONSISTENT,
        message,
        Comparison(f"the rate implied by {high}", rates[high]),
        Judgement(Verdict.INCONSISTENT, message, gap=gap, relative_gap=relative),
    )
    return outcome({}, [derived], message)


def _common(intervals: list[Interval]) -> Interval | None:
    """The values every interval holds, or None when there are none."""
    common: Interval | None = intervals[0]
    for interval in intervals[1:]:
        common = None if common is None else common.intersection(interval)
    return common


def _joined(items: tuple[str, ...]) -> str:
    if len(items) <= 1:
        return "".join(items) or "a round figure is rounded"
    return ", ".join(items[:-1]) + " and " + items[-1]


def _furthest_pair(rates: dict[str, Amount]) -> tuple[str, str, Exact, Exact | None]:
    """The two rates furthest apart, lower first: (lower, higher, gap, gap relative to the lower)."""
    best: tuple[str, str, Exact, Exact | None] | None = None
    for (a, left), (b, right) in combinations(rates.items(), 2):
        gap = left.interval.gap_to(right.interval)
        if gap == 0:
            continue
        low, high = (a, b) if left.interval.is_below(right.interval) else (b, a)
        end = rates[low].interval.hi
        relative = None if isinstance(end, float) or end <= 0 else gap / end
        key = relative if relative is not None else gap
        if best is None or key > (best[3] if best[3] is not None else best[2]):
            best = (low, high, gap, relative)
    assert best is not None  # the intervals do not all meet, so two of them do not
    return best


KIND = CheckKind(
    name="same_rate",
    record=SameRateCheck,
    summary="Several conversions of one article use one rate: their implied rates share a point.",
    evaluate=evaluate,
    validate=validate,
)
