"""A change: a value and its growth rate, or two values, or a change on its own.

"65 million tourists, up 16.2 percent" implies the prior year's value; a value and the
prior value imply the rate; all three printed are checked against each other. When the
quantity is itself a percentage and the change is printed in percent ("the urbanization
rate increased by 1 percent"), the change may be relative (times 1.01) or in percentage
points (plus 1 point): both readings are computed and the claim is ambiguous unless only
one of them fits.

A change over several years ("up 48 percent from 2015 to 2019, an average of 10.3 percent a
year") spans the years between its two periods (``period: 2015 to 2019``, or ``since: 2015``
with ``period: 2019``, or ``years: 4``). The total change and the average yearly change,
compounded, are both derived, from the value and the previous value when both are printed, else
each from the other; each is compared with its printed figure.
"""

from __future__ import annotations

import dataclasses
from dataclasses import field
from typing import Literal

from claimcheck import rules, units
from claimcheck.amounts import Amount
from claimcheck.derivation import amount_of, derive
from claimcheck.display import SHORT_DIGITS, format_number
from claimcheck.exact import Exact
from claimcheck.identity import IdentityMemo, by_identity
from claimcheck.kinds.base import ClaimKind, Context, Issue, Outcome, outcome, remarks_of
from claimcheck.periods import Period, PeriodError, short_label, years_between
from claimcheck.records import Claim, Figure, UnitName, doc
from claimcheck.results import Comparison, Derived
from claimcheck.valueclass import value_class
from claimcheck.verdicts import AMBIGUOUS, CONSISTENT, INCONSISTENT, UNVERIFIABLE


@value_class(kw_only=True, repr=False, eq=False)
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
    since: Period | None = field(
        default=None,
        metadata=doc(
            "For a change over several years: the period it is measured from, the previous"
            " value's ('up 48 percent from 2015': '2015'); 'period' is then the value's."
            " Same as writing the period as a range: 'period: 2015 to 2019'."
        ),
    )
    annual_rate: Figure | None = field(
        default=None,
        metadata=doc(
            "For a change over several years: the average yearly change, compounded"
            " ('an average of 10.3 percent a year': '10.3 percent'). Needs the span: a range"
            " 'period', 'since' or 'years'."
        ),
    )
    years: int | None = field(
        default=None,
        metadata=doc(
            "For a change over several years, when the article gives their number but not the"
            " periods ('over the past four years': 4)."
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
    if len(printed) < 2 and claim.rate is None and claim.annual_rate is None:
        return [("a change needs a rate, or a value and a previous value", claim.at)]
    span_issues = _validate_span(claim)
    if span_issues:
        return span_issues
    for name, rate in (("rate", claim.rate), ("annual_rate", claim.annual_rate)):
        if rate is not None and not rate.reading.has_unit:
            text = rate.printed.strip()
            return [
                (
                    f"{name} {text!r} has no unit: did you mean {text + ' percent'!r}?"
                    " (a change in the value's own unit names it: '5 million tourists')",
                    rate.at,
                )
            ]
    for rate in (claim.rate, claim.annual_rate):
        if rate is not None and units.is_points(rate.reading.unit):
            quantity = _quantity_unit(claim)
            if quantity is not None and not units.is_percent(quantity):
                return [("percentage points apply only to a quantity measured in percent", rate.at)]
    return []


def _validate_span(claim: ChangeClaim) -> list[Issue]:
    """A multi-year change's span: periods that can be counted apart, and an annual rate's span."""
    if claim.since is not None and (claim.period is None or claim.period.recurring or claim.period.is_range):
        return [
            (
                "'since' needs the claim's 'period', the single period of the value:"
                " 'since: 2015' with 'period: 2019'",
                claim.at,
            )
        ]
    if claim.years is not None and claim.years < 1:
        return [("'years' must be at least 1", claim.at)]
    try:
        span = span_of(claim)
    except PeriodError as error:
        return [(str(error), claim.at)]
    if claim.annual_rate is not None and span is None:
        return [
            (
                "an annual rate needs the span it is averaged over: a range 'period'"
                " ('2015 to 2019'), 'since: 2015' or 'years: 4'",
                claim.annual_rate.at,
            )
        ]
    if (
        claim.annual_rate is not None
        and claim.rate is not None
        and units.is_points(claim.annual_rate.reading.unit) != units.is_points(claim.rate.reading.unit)
    ):
        return [("the rate and the annual rate must both be in percent, or both in points", claim.at)]
    return []


@value_class(repr=False, eq=False)
class Span:
    """The years a multi-year change runs over, and the periods at its two ends when known."""

    years: Exact
    first: Period | None
    last: Period | None

    @property
    def words(self) -> str:
        """ "the 4 years from 2015 to 2019", "4 years"."""
        count = f"{format_years(self.years)} year{'s' if self.years != 1 else ''}"
        if self.first is None or self.last is None:
            return count
        return f"the {count} from {short_label(self.first)} to {short_label(self.last)}"


def format_years(years: Exact) -> str:
    """4, 1.5, 2 1/3: a count of years as a reader writes it."""
    if years.denominator == 1:
        return str(years.numerator)
    if (years * 10).denominator == 1 or (years * 100).denominator == 1:
        return str(float(years))
    whole, rest = divmod(years, 1)
    return f"{whole} {rest}" if whole else str(rest)


def span_of(claim: ChangeClaim) -> Span | None:
    """The span of a multi-year change, or None for a change over one period.

    Raises :class:`PeriodError` when the periods cannot be counted apart, or when 'years'
    disagrees with them.
    """
    first: Period | None = None
    last: Period | None = None
    if claim.since is not None and claim.period is not None:
        first, last = claim.since, claim.period
    elif claim.period is not None and claim.period.is_range:
        first, last = claim.period.first, claim.period.last
    years = None if first is None or last is None else years_between(first, last)
    if claim.years is not None:
        if years is not None and years != claim.years:
            raise PeriodError(
                f"'years: {claim.years}' disagrees with the periods, {format_years(years)} year(s)"
                f" from {short_label(first) if first else ''} to {short_label(last) if last else ''}"
            )
        years = Exact(claim.years)
        if first is None and claim.period is not None and not claim.period.recurring:
            last = claim.period
            try:
                first = last.shifted_years(-claim.years)
            except PeriodError:
                first = None
    if years is None:
        return None
    return Span(years, first, last)


def _quantity_unit(claim: ChangeClaim) -> units.Unit | None:
    for figure in (claim.value, claim.previous):
        if figure is not None:
            return figure.reading.unit
    return None if claim.unit is None else claim.unit.unit


@value_class(repr=False, eq=False)
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
    if claim.annual_rate is not None:
        annual = amount_of(claim.annual_rate)
        inputs["annual_rate"] = -annual if claim.direction == "decrease" else annual
    span = span_of(claim)
    if span is not None:
        results = [(reading, _derive_span(claim, reading, inputs, span)) for reading in readings]
    else:
        results = [(reading, _derive(claim, reading, inputs)) for reading in readings]
    if len(readings) == 1:
        return outcome(inputs, results[0][1], "nothing printed to compare the implied figures with")
    return _judge_ambiguous(claim, inputs, results)


def _readings(claim: ChangeClaim) -> tuple[_Reading, ...]:
    printed_rate = claim.rate or claim.annual_rate
    if printed_rate is None:
        return (RELATIVE,)
    rate_unit = printed_rate.reading.unit
    quantity = _quantity_unit(claim)
    return _readings_of(rate_unit, quantity)


@by_identity  # decided by the two units alone, which are shared
def _readings_of(rate_unit: units.Unit, quantity: units.Unit | None) -> tuple[_Reading, ...]:
    if units.is_points(rate_unit):
        return (POINTS,)
    if (
        quantity is not None
        and not units.is_dimensionless(quantity)
        and units.same_dimension(rate_unit, quantity)
    ):
        return (ADDITIVE,)
    if quantity is not None and units.is_percent(quantity) and units.is_percent(rate_unit):
        return (RELATIVE, POINTS)
    return (RELATIVE,)


def _derive(claim: ChangeClaim, reading: _Reading, inputs: dict[str, Amount]) -> list[Derived]:
    if reading is POINTS and "rate" in inputs:
        # Read the printed change as points of the quantity's own percent scale.
        rate = inputs["rate"]
        inputs = {**inputs, "rate": rate.relabelled(units.parse_unit("percent"))}
    suffix = "" if reading in (RELATIVE, ADDITIVE) else f" ({reading.words})"
    tag = "" if reading in (RELATIVE, ADDITIVE) else f"_{reading.name}"
    derived: list[Derived] = []
    has = inputs.keys()
    if {"value", "previous"} <= has:
        rate_unit = None if reading is not RELATIVE else units.parse_unit("percent")
        expected = None
        if claim.rate is not None:
            sign = " as a decrease" if claim.direction == "decrease" else ""
            expected = Comparison(
                f"printed {claim.rate.printed!r}{sign}{suffix}", inputs["rate"], points=reading is POINTS
            )
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


def _root_text(base: str, years: Exact) -> str:
    """The formula of the yearly factor over ``years``: ``root(base, 4)``, ``(base) ** (2/3)``."""
    exponent = 1 / years
    if exponent.numerator == 1:
        return f"root({base}, {exponent.denominator})"
    return f"({base}) ** ({exponent.numerator}/{exponent.denominator})"


def _power_text(base: str, years: Exact) -> str:
    """The formula of the factor over ``years`` from a yearly one: ``(base) ** 4``."""
    if years.denominator == 1:
        return f"({base}) ** {years.numerator}"
    return f"({base}) ** ({years.numerator}/{years.denominator})"


def _scaled_text(name: str, factor: Exact) -> str:
    """``name * 4``, ``name / 4``, ``name * 3 / 2``: a linear average's formula."""
    if factor.denominator == 1:
        return f"{name} * {factor.numerator}"
    if factor.numerator == 1:
        return f"{name} / {factor.denominator}"
    return f"{name} * {factor.numerator} / {factor.denominator}"


def _derive_span(
    claim: ChangeClaim, reading: _Reading, inputs: dict[str, Amount], span: Span
) -> list[Derived]:
    """The figures of a change over several years: the total change and the yearly one.

    The total comes from the value and the previous value when both are printed, else from
    the annual rate compounded; the annual rate from the two values, else from the total.
    Read as points (or in the value's own unit), a change adds up instead of compounding.
    """
    if reading is POINTS:
        inputs = {
            name: amount.relabelled(units.parse_unit("percent"))
            if name in ("rate", "annual_rate")
            else amount
            for name, amount in inputs.items()
        }
    compound = reading is RELATIVE
    suffix = "" if reading in (RELATIVE, ADDITIVE) else f" ({reading.words})"
    tag = "" if reading in (RELATIVE, ADDITIVE) else f"_{reading.name}"
    percent = units.parse_unit("percent") if compound else None
    has = inputs.keys()
    over = f" over {span.words}"
    yearly = "average yearly change" + (", compounded," if compound else "")
    derived: list[Derived] = []

    def expected(name: str) -> Comparison | None:
        figure = getattr(claim, name)
        if figure is None:
            return None
        sign = " as a decrease" if claim.direction == "decrease" else ""
        return Comparison(f"printed {figure.printed!r}{sign}{suffix}", inputs[name], points=reading is POINTS)

    def from_total(total: str) -> str:
        return (
            _root_text(total, span.years) + " - 1" if compound else _scaled_text(f"({total})", 1 / span.years)
        )

    def total_from_annual() -> str:
        if compound:
            return _power_text("1 + annual_rate", span.years) + " - 1"
        return _scaled_text("annual_rate", span.years)

    both = {"value", "previous"} <= has
    values: dict[str, Amount] = {name: inputs[name] for name in ("value", "previous") if name in has}
    if both:
        total_formula = "value / previous - 1" if compound else "value - previous"
        derived.append(
            derive(
                f"implied_rate{tag}",
                f"total change{over}, implied by the value and the previous value" + suffix,
                total_formula,
                values,
                unit=percent,
                expected=expected("rate"),
            )
        )
        annual_formula = (
            from_total("value / previous") if compound else _scaled_text("(value - previous)", 1 / span.years)
        )
        derived.append(
            derive(
                f"implied_annual_rate{tag}",
                f"{yearly}{over}, implied by the value and the previous value" + suffix,
                annual_formula,
                values,
                unit=percent,
                expected=expected("annual_rate"),
            )
        )
    if "rate" in has and (not both or "annual_rate" in has):
        derived.append(
            derive(
                f"annual_rate_from_rate{tag}" if both else f"implied_annual_rate{tag}",
                f"{yearly}{over}, implied by the total change" + suffix,
                from_total("1 + rate") if compound else _scaled_text("rate", 1 / span.years),
                {"rate": inputs["rate"]},
                unit=percent,
                expected=expected("annual_rate"),
            )
        )
    if "annual_rate" in has and not both:
        # With the total printed too, the annual rate derived from it is the one comparison;
        # the total derived from the annual rate is the same test the other way round.
        derived.append(
            derive(
                f"implied_rate{tag}",
                f"total change{over}, implied by the annual rate" + suffix,
                total_from_annual(),
                {"annual_rate": inputs["annual_rate"]},
                unit=percent,
                unverifiable=(
                    "the same test as the annual rate's, the other way round"
                    if "rate" in has
                    else "nothing printed to compare it with"
                ),
            )
        )
    if not both and ("value" in has or "previous" in has):
        if "rate" in has:
            change, change_inputs = "rate", {"rate": inputs["rate"]}
        else:
            change = total_from_annual().removesuffix(" - 1") if compound else f"({total_from_annual()})"
            change_inputs = {"annual_rate": inputs["annual_rate"]}
        factor = f"(1 + {change})" if change == "rate" else change
        if "value" in has:
            formula = f"value / {factor}" if compound else f"value - {change}"
            what = f"previous value{_at(span.first)} implied by the value and the change"
            derived.append(derive(f"previous{tag}", what + suffix, formula, {**values, **change_inputs}))
        else:
            formula = f"previous * {factor}" if compound else f"previous + {change}"
            what = f"value{_at(span.last)} implied by the previous value and the change"
            derived.append(derive(f"value{tag}", what + suffix, formula, {**values, **change_inputs}))
    totals = [item.result for item in derived if item.name == f"implied_rate{tag}" and both]
    total = totals[0] if totals else inputs.get("rate")
    return [_simple_average_hint(item, total, inputs.get("annual_rate"), span) for item in derived]


def _at(period: Period | None) -> str:
    return "" if period is None else f" ({short_label(period)})"


def _simple_average_hint(item: Derived, total: Amount | None, annual: Amount | None, span: Span) -> Derived:
    """An inconsistent annual rate that is the total divided by the years says so."""
    if (
        item.verdict is not INCONSISTENT
        or not item.name.startswith(("implied_annual_rate", "annual_rate_from_rate"))
        or total is None
        or annual is None
    ):
        return item
    average = total.interval.scaled(1 / span.years)
    if not average.overlaps(annual.to(total.unit).interval):
        return item
    hint = (
        f"; the printed annual rate is the total change divided by {format_years(span.years)}"
        " years, a simple average that leaves out compounding"
    )
    return item.with_message(item.message + hint)


def _when(claim: ChangeClaim, years: int) -> str:
    """ " (2023)": the period of a value, when the claim's period is a calendar year or span.

    Remembered by the period's identity: periods are shared by the claims, and the files,
    that print the same one."""
    period = claim.period
    if period is None or period.recurring:
        return ""
    key = (id(period), years)
    hit = _WHEN.get(key)
    if hit is not None:
        return hit
    try:
        when = f" ({period.shifted_years(years).label})"
    except PeriodError:  # the year before year 1: the value is still implied, only not dated
        when = ""
    return _WHEN.remember(period, when, key)


_WHEN: IdentityMemo[str] = IdentityMemo(256)


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
    # Only the figures compared with a printed one tell the readings apart: a multi-year
    # change also derives figures shown for reference (its total, when only the annual rate
    # is printed).
    compared = [(reading, _compared(items)) for reading, items in results]
    strict = [reading for reading, items in compared if items and all(_fits_strictly(item) for item in items)]
    if len(strict) == 1:  # one reading fits as printed, the other at best loosely
        return _one_reading(claim, strict[0], inputs, results)
    fits = {
        reading.name: all(item.verdict is CONSISTENT for item in items)
        for reading, items in compared
        if items
    }
    values = {**inputs, **{item.name: item.result for item in derived}}
    printed = _printed_change(claim)
    rough = [reading for reading, items in compared if items and any(_too_rough(item) for item in items)]
    if rough and not any(fits.values()) and len(fits) == len(results):
        # One reading does not fit, the other cannot be tested: neither error nor fit.
        others = [reading for reading, _ in results if reading not in rough]
        message = f"{printed!r}: " + "; ".join(
            [f"does not fit as a {reading.words}" for reading in others]
            + [f"as a {reading.words} the printed figures are too rough to test" for reading in rough]
        )
        return Outcome(values, tuple(derived), AMBIGUOUS, message)
    if len(fits) < len(results):
        message = (
            f"{printed!r} of a quantity that is itself a percentage can mean a relative change"
            " or a change in percentage points; both readings are shown and nothing printed"
            " tells them apart"
        )
        return Outcome(values, tuple(derived), AMBIGUOUS, message)
    fitting = [name for name, fit in fits.items() if fit]
    if len(fitting) == 2:
        return Outcome(
            values,
            tuple(derived),
            AMBIGUOUS,
            f"{printed!r} fits both as a relative change and as percentage points",
        )
    if len(fitting) == 1:
        kept = next(reading for reading, _ in results if reading.name == fitting[0])
        return _one_reading(claim, kept, inputs, results)
    return Outcome(
        values,
        tuple(derived),
        INCONSISTENT,
        f"{printed!r} fits neither as a relative change nor as percentage points",
    )


def _compared(items: list[Derived]) -> list[Derived]:
    """The derived figures compared with something printed (none: the reading tells nothing)."""
    return [item for item in items if item.verdict is not UNVERIFIABLE or _too_rough(item)]


def _too_rough(item: Derived) -> bool:
    return item.code == rules.TOO_ROUGH


def _printed_change(claim: ChangeClaim) -> str:
    """The printed change a message names: the rate, else the annual rate."""
    printed = claim.rate or claim.annual_rate
    return printed.printed if printed is not None else "the change"


def _fits_strictly(item: Derived) -> bool:
    return item.judgement is not None and item.judgement.strict_fit and item.verdict is CONSISTENT


def _one_reading(
    claim: ChangeClaim,
    kept: _Reading,
    inputs: dict[str, Amount],
    results: list[tuple[_Reading, list[Derived]]],
) -> Outcome:
    """Only one reading of a percent change of a percentage fits: say which, and what the other gives."""
    printed = _printed_change(claim)
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
    return Outcome(values, tuple(shown), CONSISTENT, message, remarks)


def _as_other(reading: _Reading, items: list[Derived]) -> str:
    """ "; as a relative change it would be 11.11%": what the reading set aside gives."""
    for item in _compared(items) or items:  # a multi-year change: the figure that was compared
        nominal = item.result.nominal
        if nominal is None:
            continue
        if item.name.startswith(("implied_rate", "implied_annual_rate", "annual_rate_from_rate")):
            value = format_number(nominal, units.dimensionless(), SHORT_DIGITS)
            yearly = "" if item.name.startswith("implied_rate") else " a year"
            return f"; as a {reading.words} it would be {value} {_rate_words(reading)}{yearly}"
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
