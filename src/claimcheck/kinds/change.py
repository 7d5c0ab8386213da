"""A change: a value and its growth rate, or two values, or a change on its own.

"65 million tourists, up 16.2 percent" implies the prior year's value; a value and the
prior value imply the rate; all three printed are checked against each other. When the
quantity is itself a percentage and the change is printed in percent ("the urbanization
rate increased by 1 percent"), the change may be relative (times 1.01) or in percentage
points (plus 1 point): both readings are computed and the claim is ambiguous unless only
one of them fits.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Literal

from claimcheck import rules, units
from claimcheck.amounts import Amount
from claimcheck.derivation import amount_of, derive
from claimcheck.display import SHORT_DIGITS, format_number
from claimcheck.kinds.base import ClaimKind, Context, Issue, Outcome, outcome, remarks_of
from claimcheck.periods import PeriodError
from claimcheck.records import Claim, Figure, UnitName, doc
from claimcheck.results import Comparison, Derived
from claimcheck.verdicts import Verdict


@dataclass(frozen=True, kw_only=True, repr=False, eq=False)
class ChangeClaim(Claim):
    value: Figure | None = field(
        default=None, metadata=doc("The value after the change: '65 million domestic tourists'.")
    )
    previous: Figure | None = field(default=None, metadata=doc("The value before the change, when printed."))
    rate: Figure | None = field(
        default=None,
        metadata=doc(
            "The change: '16.2 percent', '1 percentage point', or an absolute amount in the"
            " value's unit ('5 million tourists')."
        ),
    )
    direction: Literal["increase", "decrease"] = field(
        default="increase", metadata=doc("Whether the printed change is a rise or a fall.")
    )
    unit: UnitName | None = field(
        default=None,
        metadata=doc(
            "The unit of the quantity that changed, when no value is printed: 'percent' for"
            " a rate such as an urbanization rate."
        ),
    )

    def __post_init__(self) -> None:
        # "up 12.8 percent from 4.21 million": a reader carries the value's unit to the
        # previous value printed without one, and the other way round.
        if self.value is not None and self.previous is not None:
            carried = _carry_unit(self.previous, self.value, "value") or _carry_unit(
                self.value, self.previous, "previous value"
            )
            if carried is not None:
                object.__setattr__(self, carried[0], carried[1])


def _carry_unit(bare: Figure, printed: Figure, source: str) -> tuple[str, Figure] | None:
    """``bare`` with the unit of ``printed``, when only ``printed`` has one."""
    reading = bare.reading
    if reading.has_unit or not units.is_dimensionless(reading.unit) or not printed.reading.has_unit:
        return None
    unit = printed.reading.unit
    steps = tuple(step for step in reading.steps if step != "unit: a plain number")
    step = f"unit: {units.unit_words(unit)}, carried from the {source} {printed.printed!r}"
    carried = dataclasses.replace(reading, unit=unit, has_unit=True, steps=(step, *steps))
    name = "previous" if source == "value" else "value"
    return name, Figure(bare.printed, carried, bare.options, bare.at)


def validate(claim: ChangeClaim) -> list[Issue]:
    printed = [name for name in ("value", "previous", "rate") if getattr(claim, name) is not None]
    if len(printed) < 2 and claim.rate is None:
        return [("a change needs a rate, or a value and a previous value", claim.at)]
    if claim.rate is not None and not claim.rate.reading.has_unit:
        text = claim.rate.printed.strip()
        return [
            (
                f"rate {text!r} has no unit: did you mean {text + ' percent'!r}?"
                " (a change in the value's own unit names it: '5 million tourists')",
                claim.rate.at,
            )
        ]
    if claim.rate is not None and units.is_points(claim.rate.reading.unit):
        quantity = _quantity_unit(claim)
        if quantity is not None and not units.is_percent(quantity):
            return [("percentage points apply only to a quantity measured in percent", claim.rate.at)]
    return []


def _quantity_unit(claim: ChangeClaim) -> units.Unit | None:
    for figure in (claim.value, claim.previous):
        if figure is not None:
            return figure.reading.unit
    return None if claim.unit is None else claim.unit.unit


@dataclass(frozen=True, repr=False, eq=False)
class _Reading:
    """One way to read the printed change: relative, in points, or absolute."""

    name: str
    words: str
    previous: str
    value: str
    rate: str


RELATIVE = _Reading(
    "relative",
    "relative change",
    "value / (1 + rate)",
    "previous * (1 + rate)",
    "value / previous - 1",
)
ADDITIVE = _Reading(
    "additive", "change in the value's own unit", "value - rate", "previous + rate", "value - previous"
)
POINTS = _Reading(
    "points",
    "change in percentage points",
    "value - rate",
    "previous + rate",
    "value - previous",
)


def evaluate(claim: ChangeClaim, context: Context) -> Outcome:
    inputs: dict[str, Amount] = {}
    for name in ("value", "previous"):
        figure = getattr(claim, name)
        if figure is not None:
            inputs[name] = amount_of(figure)
    readings = _readings(claim)
    if claim.rate is not None:
        rate = amount_of(claim.rate)
        inputs["rate"] = -rate if claim.direction == "decrease" else rate
    results = [(reading, _derive(claim, reading, inputs)) for reading in readings]
    if len(readings) == 1:
        return outcome(inputs, results[0][1], "nothing printed to compare the implied figures with")
    return _judge_ambiguous(claim, inputs, results)


def _readings(claim: ChangeClaim) -> list[_Reading]:
    if claim.rate is None:
        return [RELATIVE]
    rate_unit = claim.rate.reading.unit
    quantity = _quantity_unit(claim)
    if units.is_points(rate_unit):
        return [POINTS]
    if (
        quantity is not None
        and not units.is_dimensionless(quantity)
        and units.same_dimension(rate_unit, quantity)
    ):
        return [ADDITIVE]
    if quantity is not None and units.is_percent(quantity) and units.is_percent(rate_unit):
        return [RELATIVE, POINTS]
    return [RELATIVE]


def _derive(claim: ChangeClaim, reading: _Reading, inputs: dict[str, Amount]) -> list[Derived]:
    if reading is POINTS and "rate" in inputs:
        # Read the printed change as points of the quantity's own percent scale.
        rate = inputs["rate"]
        inputs = {**inputs, "rate": Amount(rate.interval, units.parse_unit("percent"), rate.nominal)}
    suffix = "" if reading in (RELATIVE, ADDITIVE) else f" ({reading.words})"
    tag = "" if reading in (RELATIVE, ADDITIVE) else f"_{reading.name}"
    derived: list[Derived] = []
    has = inputs.keys()
    if {"value", "previous"} <= has:
        rate_unit = None if reading is not RELATIVE else units.parse_unit("percent")
        expected = None
        if claim.rate is not None:
            sign = " as a decrease" if claim.direction == "decrease" else ""
            expected = Comparison(f"printed {claim.rate.printed!r}{sign}{suffix}", inputs["rate"])
        derived.append(
            derive(
                f"implied_rate{tag}",
                "change implied by the value and the previous value" + suffix,
                reading.rate,
                {name: inputs[name] for name in ("value", "previous")},
                unit=rate_unit,
                expected=expected,
            )
        )
    elif {"value", "rate"} <= has:
        derived.append(
            derive(
                f"previous{tag}",
                f"previous value{_when(claim, -1)} implied by the value and the change" + suffix,
                reading.previous,
                inputs,
            )
        )
    elif {"previous", "rate"} <= has:
        derived.append(
            derive(
                f"value{tag}",
                f"value{_when(claim, 0)} implied by the previous value and the change" + suffix,
                reading.value,
                inputs,
            )
        )
    elif "rate" in has:
        derived.append(_per_period(reading, inputs))
    return derived


def _when(claim: ChangeClaim, years: int) -> str:
    """ " (2023)": the period of a value, when the claim's period is a calendar year or span."""
    if claim.period is None or claim.period.recurring:
        return ""
    try:
        return f" ({claim.period.shifted_years(years).label})"
    except PeriodError:  # the year before year 1: the value is still implied, only not dated
        return ""


def _per_period(reading: _Reading, inputs: dict[str, Amount]) -> Derived:
    if reading is RELATIVE:
        return derive(
            "growth_factor",
            "factor applied to the quantity by a relative change (times 1 + rate)",
            "1 + rate",
            inputs,
        )
    return derive(
        "points" if reading is POINTS else "change",
        "change added to the quantity, read as percentage points",
        "rate",
        inputs,
    )


def _judge_ambiguous(
    claim: ChangeClaim, inputs: dict[str, Amount], results: list[tuple[_Reading, list[Derived]]]
) -> Outcome:
    derived = [item for _, items in results for item in items]
    strict = [reading for reading, items in results if items and all(_fits_strictly(item) for item in items)]
    if len(strict) == 1:  # one reading fits as printed, the other at best loosely
        return _one_reading(claim, strict[0], inputs, results)
    fits = {
        reading.name: all(item.verdict is Verdict.CONSISTENT for item in items)
        for reading, items in results
        if items and all(item.verdict is not Verdict.UNVERIFIABLE for item in items)
    }
    values = {**inputs, **{item.name: item.result for item in derived}}
    printed = claim.rate.printed if claim.rate is not None else "the change"
    if len(fits) < len(results):
        message = (
            f"{printed!r} of a quantity that is itself a percentage can mean a relative change"
            " or a change in percentage points; both readings are shown and nothing printed"
            " tells them apart"
        )
        return Outcome(values, tuple(derived), Verdict.AMBIGUOUS, message)
    fitting = [name for name, fit in fits.items() if fit]
    if len(fitting) == 2:
        return Outcome(
            values,
            tuple(derived),
            Verdict.AMBIGUOUS,
            f"{printed!r} fits both as a relative change and as percentage points",
        )
    if len(fitting) == 1:
        kept = next(reading for reading, _ in results if reading.name == fitting[0])
        return _one_reading(claim, kept, inputs, results)
    return Outcome(
        values,
        tuple(derived),
        Verdict.INCONSISTENT,
        f"{printed!r} fits neither as a relative change nor as percentage points",
    )


def _fits_strictly(item: Derived) -> bool:
    return item.judgement is not None and item.judgement.strict_fit and item.verdict is Verdict.CONSISTENT


def _one_reading(
    claim: ChangeClaim,
    kept: _Reading,
    inputs: dict[str, Amount],
    results: list[tuple[_Reading, list[Derived]]],
) -> Outcome:
    """Only one reading of a percent change of a percentage fits: say which, and what the other gives."""
    printed = claim.rate.printed if claim.rate is not None else "the change"
    message = f"{printed!r} fits only as a {kept.words}" + "".join(
        _as_other(reading, items) for reading, items in results if reading is not kept
    )
    shown = [
        item if reading is kept else dataclasses.replace(item, set_aside=True)
        for reading, items in results
        for item in items
    ]
    values = {**inputs, **{item.name: item.result for item in shown}}
    remarks = (*remarks_of([item for item in shown if not item.set_aside]), (rules.ONE_READING_FITS, message))
    return Outcome(values, tuple(shown), Verdict.CONSISTENT, message, remarks)


def _as_other(reading: _Reading, items: list[Derived]) -> str:
    """ "; as a relative change it would be 11.11%": what the reading set aside gives."""
    for item in items:
        nominal = item.result.nominal
        if nominal is None:
            continue
        if item.name.startswith("implied_rate"):
            value = format_number(nominal, units.dimensionless(), SHORT_DIGITS)
            return f"; as a {reading.words} it would be {value} {_rate_words(reading)}"
        value = format_number(nominal, item.result.unit, SHORT_DIGITS)
        return f"; as a {reading.words}, the {item.label.split(' implied')[0]} would be {value}"
    return f"; as a {reading.words} it does not fit"


def _rate_words(reading: _Reading) -> str:
    return "percentage points" if reading is POINTS else "percent"


KIND = ClaimKind(
    name="change",
    record=ChangeClaim,
    summary="A value and its change: implies the previous value, the rate or the value.",
    evaluate=evaluate,
    primary="value",
    validate=validate,
)
