"""A conversion: one amount printed in two currencies or units.

"55.6 billion yuan ($7.66 billion)" implies a rate of yuan per dollar. Between units of one
dimension (kilometres and miles) the factor is known exactly and the second amount is
checked; between currencies the implied rate is compared with a printed rate when there is
one, and with reference rates where reference data is plugged in.
"""

from __future__ import annotations

from dataclasses import field
from datetime import date

from claimcheck import units
from claimcheck.derivation import amount_of, derive
from claimcheck.exact import Exact
from claimcheck.kinds.base import ClaimKind, Context, Issue, Outcome, outcome
from claimcheck.market import DEFAULT_TOLERANCE, check_market_rate
from claimcheck.records import Claim, Figure, doc
from claimcheck.results import Comparison
from claimcheck.valueclass import value_class


@value_class(kw_only=True, repr=False, eq=False)
class ConversionClaim(Claim):
    amount: Figure = field(metadata=doc("The amount as first printed: '55.6 billion yuan'."))
    converted: Figure = field(metadata=doc("The same amount converted: '$7.66 billion'."))
    rate: Figure | None = field(
        default=None,
        metadata=doc(
            "A rate printed with the conversion, in units of amount per converted: '7.26 yuan' (per dollar)."
        ),
    )
    rate_window: int | None = field(
        default=None,
        metadata=doc("Business days before publication whose market rates may be used (default: 3)."),
    )
    rate_tolerance: Figure | None = field(
        default=None,
        metadata=doc(
            "How far the implied rate may stray from the market rate: '1 percent'.", not_printed=True
        ),
    )


def validate(claim: ConversionClaim) -> list[Issue]:
    amount, converted = claim.amount.reading.unit, claim.converted.reading.unit
    if amount == converted:
        return [("a conversion needs two different units or currencies", claim.converted.at)]
    return validate_tolerance(claim.rate_tolerance)


def validate_tolerance(tolerance: Figure | None) -> list[Issue]:
    """A rate tolerance, of a claim or of the file's defaults, is a percentage from 0 to 100.

    A negative one would turn the accepted rates inside out, and 100 percent or more would
    accept a rate of zero: neither is a tolerance.
    """
    if tolerance is None:
        return []
    nominal = tolerance.reading.nominal
    if nominal is None or not units.is_percent(tolerance.reading.unit):
        return [("a rate tolerance must be a plain percentage such as '1 percent'", tolerance.at)]
    if not 0 <= nominal < 100:
        return [("a rate tolerance must be at least 0 and below 100 percent", tolerance.at)]
    return []


def evaluate(claim: ConversionClaim, context: Context) -> Outcome:
    inputs = {"amount": amount_of(claim.amount), "converted": amount_of(claim.converted)}
    source, target = inputs["amount"].unit, inputs["converted"].unit
    if units.same_dimension(source, target):
        factor = units.conversion_factor(source, target)
        derived = derive(
            "recomputed",
            f"the amount converted at the exact factor ({factor} {units.format_unit(target)}"
            f" per {units.format_unit(source)})",
            "amount",
            inputs,
            unit=target,
            expected=claim.converted,
        )
        return outcome(inputs, [derived], derived.message)
    rate_unit = units.divide(source, target)
    expected = None
    if claim.rate is not None:
        rate = amount_of(claim.rate)
        if rate.unit == source or units.is_dimensionless(rate.unit):
            # "7.26 yuan" printed beside a dollar amount means 7.26 yuan per dollar.
            rate = rate.relabelled(rate_unit)
        expected = Comparison(f"printed rate {claim.rate.printed!r}", rate)
    derived = derive(
        "rate",
        f"{units.format_unit(source)} per {units.format_unit(target)} implied by the two amounts",
        "amount / converted",
        inputs,
        expected=expected,
        unverifiable="no printed rate to compare it with",
    )
    tolerance, window, published = market_terms(claim, context)
    assert tolerance is not None  # validate() made sure
    market = check_market_rate(derived.result, inputs["amount"], target, published, window, tolerance)
    return outcome(inputs, [derived] if market is None else [derived, market], derived.message)


def market_terms(claim: ConversionClaim, context: Context) -> tuple[Exact | None, int, date]:
    """What a conversion's implied rate is judged against the market with: the tolerance (None
    when it is not a plain percentage, which validation refuses), the business days of the
    window before the date, and the date."""
    defaults = context.defaults
    figure = claim.rate_tolerance or defaults.rate_tolerance
    tolerance: Exact | None = DEFAULT_TOLERANCE
    if figure is not None:
        nominal = figure.reading.nominal
        tolerance = nominal / 100 if nominal is not None and units.is_percent(figure.reading.unit) else None
    window = defaults.rate_window if claim.rate_window is None else claim.rate_window
    # A reference figure was converted when its own document was published.
    source = claim.source
    published = source.date if source is not None and source.date is not None else context.article.date
    return tolerance, window, published


KIND = ClaimKind(
    name="conversion",
    record=ConversionClaim,
    summary="One amount in two currencies or units: implies the rate or checks the factor.",
    evaluate=evaluate,
    primary="rate",
    validate=validate,
)
