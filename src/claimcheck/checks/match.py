"""A figure against a reference figure from a cited source, under the same rounding rules.

"More than 10 million visitors" in the article and "10.12 million visitor-trips" in the
county's report match when their intervals meet. Either side may be a derived value.
"""

from __future__ import annotations

from dataclasses import field

from claimcheck.checks.base import CheckKind, Lookup
from claimcheck.derivation import derive
from claimcheck.kinds.base import Outcome, outcome
from claimcheck.records import Check, Ref, doc
from claimcheck.results import Comparison
from claimcheck.valueclass import value_class


@value_class(kw_only=True, repr=False, eq=False)
class MatchCheck(Check):
    figure: Ref = field(metadata=doc("The article's figure or a derived value: 'pingyao_visitors'."))
    reference: Ref = field(metadata=doc("The reference figure it should agree with: 'pingyao_report'."))


def evaluate(check: MatchCheck, lookup: Lookup) -> Outcome:
    figure, reference = check.figure.text, check.reference.text
    inputs = {figure: lookup(figure), reference: lookup(reference)}
    derived = derive(
        "value",
        check.description or f"{figure} against {reference}",
        "left",
        inputs,
        expected=Comparison(f"the reference figure {reference}", inputs[reference]),
        every_input=True,
        bound={"left": figure},
    )
    return outcome({}, [derived], derived.message)


KIND = CheckKind(
    name="match",
    record=MatchCheck,
    summary="A figure (printed or derived) against a reference figure from a cited source.",
    evaluate=evaluate,
)
