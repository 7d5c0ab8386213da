"""The table of hedge words and the interval each one makes of a printed figure.

This table is the one place where claimcheck decides what "nearly", "more than" or "about"
means; the README's verdict rules are generated from it and a test keeps them in step.
Phrases are matched at the start of a printed figure, longest phrase first.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from claimcheck.exact import Exact


class HedgeKind(enum.Enum):
    """How a hedge word moves the interval of the figure it qualifies."""

    APPROXIMATE = "approximate"  # the figure, give or take a margin
    BELOW_CLOSE = "below-close"  # just under the figure: [X - margin, X)
    ABOVE = "above"  # strictly more than the figure: (X, +inf)
    AT_LEAST = "at-least"  # [X, +inf)
    BELOW = "below"  # strictly less than the figure: [0, X)
    AT_MOST = "at-most"  # [0, X]


@dataclass(frozen=True, repr=False, eq=False)
class Hedge:
    """One family of hedge phrases and the interval they give a figure X."""

    kind: HedgeKind
    phrases: tuple[str, ...]
    margin: Exact
    """Relative margin for the approximate kinds; a claim may override it."""
    rule: str
    """The rule in words, as the README and `explain` show it."""


DEFAULT_MARGIN = Exact(1, 10)

HEDGES: tuple[Hedge, ...] = (
    Hedge(
        HedgeKind.APPROXIMATE,
        ("about", "around", "roughly", "approximately", "some", "an estimated", "estimated"),
        DEFAULT_MARGIN,
        "X give or take 10 percent of X (at least the rounding interval): [0.9 X, 1.1 X]",
    ),
    Hedge(
        HedgeKind.BELOW_CLOSE,
        ("nearly", "almost", "close to", "just under", "just below", "nigh on"),
        DEFAULT_MARGIN,
        "below X, by at most 10 percent of X (or the rounding interval, if wider): [0.9 X, X)",
    ),
    Hedge(
        HedgeKind.ABOVE,
        (
            "more than",
            "over",
            "above",
            "exceeded",
            "exceeding",
            "surpassed",
            "surpassing",
            "topped",
            "in excess of",
            "upwards of",
        ),
        Exact(0),
        "above X, open-ended unless the claim file gives an upper limit: (X, +inf)",
    ),
    Hedge(
        HedgeKind.AT_LEAST,
        ("at least", "no less than", "no fewer than", "a minimum of"),
        Exact(0),
        "X or more, open-ended unless the claim file gives an upper limit: [X, +inf)",
    ),
    Hedge(
        HedgeKind.BELOW,
        ("less than", "fewer than", "under", "below"),
        Exact(0),
        "below X, down to zero unless the claim file gives a lower limit: [0, X)",
    ),
    Hedge(
        HedgeKind.AT_MOST,
        ("up to", "at most", "no more than", "a maximum of"),
        Exact(0),
        "X or less, down to zero unless the claim file gives a lower limit: [0, X]",
    ),
)


def _phrase_index() -> tuple[tuple[str, Hedge], ...]:
    pairs = [(phrase, hedge) for hedge in HEDGES for phrase in hedge.phrases]
    return tuple(sorted(pairs, key=lambda pair: -len(pair[0])))


PHRASES: tuple[tuple[str, Hedge], ...] = _phrase_index()
"""Every phrase with its hedge, longest first so that "more than" wins over "more"."""


def match_hedge(text: str) -> tuple[Hedge, str, str] | None:
    """Split a leading hedge phrase off ``text``: (hedge, phrase as printed, rest)."""
    lowered = text.lower()
    for phrase, hedge in PHRASES:
        if lowered.startswith(phrase) and (len(text) == len(phrase) or not text[len(phrase)].isalnum()):
            return hedge, text[: len(phrase)], text[len(phrase) :].lstrip()
    return None
