"""From the figures of a sentence to draft claims: kind, fields, period, entity, and the guesses.

The rules read the words around the figures in the same sentence, as a fact-checker would:
"up 16.2 percent" makes a change, "55.6 billion yuan ($7.66 billion)" a conversion,
"accounting for 89 percent" a share. Every guess a person should confirm is kept as a note
for the drafted file's comments; nothing found is silently dropped.
"""

from __future__ import annotations

import datetime
import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from claimcheck import units
from claimcheck.extraction.sentences import Sentence
from claimcheck.extraction.spans import Span
from claimcheck.hedges import HedgeKind
from claimcheck.periods import PeriodError, parse_period

RISE = (
    r"up|rose|risen|rise|rising|increased|increasing|increase|grew|grown|growth|jumped|gained"
    r"|climbed|surged|soared|higher|more|expanded|boosted"
)
FALL = (
    r"down|fell|fallen|fall|falling|dropped|drop|declined|decline|decreased|decrease|slipped"
    r"|plunged|slumped|shrank|contracted|lower|less|cut|reduced"
)
_BEFORE_RATE = re.compile(
    rf"\b({RISE}|{FALL})(\s+(by|of|some|nearly|about|around|almost|roughly))?\s*$", re.IGNORECASE
)
_AFTER_RATE = re.compile(
    rf"^\s*(\b({RISE}|{FALL})\b|year-on-year|year on year|from a year (earlier|ago|before)|"
    r"from the (previous|prior) year|compared with|over the previous|on the year|annually)",
    re.IGNORECASE,
)
_VERB_BY = re.compile(rf"\b({RISE}|{FALL})\b[^,;.]{{0,40}}\bby\s*$", re.IGNORECASE)
_VERB_BY_WIDTH = max(map(len, f"{RISE}|{FALL}".split("|"))) + 40 + len("by")
"""The longest ``_VERB_BY`` match before the spaces at its end."""
_FROM = re.compile(r"\bfrom\s*$", re.IGNORECASE)
_TO = re.compile(r"\bto\s*$")
_TO_OR_AT = re.compile(r"\b(to|at)\s*$")


def _verb_by(text: str, end: int) -> bool:
    """``_VERB_BY.search(text[:end])``: only where it ends in "by", and from where it can start."""
    head = text[:end].rstrip()
    return (
        head[-2:].lower() == "by"
        and _VERB_BY.search(text, max(0, len(head) - _VERB_BY_WIDTH), end) is not None
    )


def _ends(pattern: re.Pattern[str], text: str, end: int, words: int) -> re.Match[str] | None:
    """``pattern.search(text[:end])`` for a pattern anchored at the end whose match holds at most
    ``words`` words (and spaces after them): tried only from where those words start, not at
    every place of a long sentence before each figure.
    """
    head = text[:end]
    start = len(head)
    for _ in range(words):
        stripped = head[:start].rstrip()
        start = len(stripped) - len(stripped.rsplit(None, 1)[-1]) if stripped else 0
    return pattern.search(head, start)


_FALL_WORDS = re.compile(rf"\b({FALL})\b", re.IGNORECASE)
_SHARE_BEFORE = re.compile(
    r"\b(accounting for|accounted for|accounts for|account for|making up|made up|makes up|"
    r"a share of|the share of|represent(?:ing|ed|s)?|comprising|or)\s*$",
    re.IGNORECASE,
)
_SHARE_AFTER = re.compile(
    r"^\s*of\b(?!\s+(the\s+)?(previous|prior|last|a year|growth|increase))", re.IGNORECASE
)
_TOTAL = re.compile(
    r"\b(a total of|total of|totall?ing|totall?ed|in total|in all|combined|altogether|of which|total)\b",
    re.IGNORECASE,
)

_FUTURE = re.compile(
    r"\b(will|would|shall|plans?|planned|planning|expects?|expected|intends?|is due|are due|"
    r"scheduled|set to|aims? to|to be held|next year|upcoming)\b",
    re.IGNORECASE,
)
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?"
)
_PERIOD = re.compile(
    # (the look-ahead names every letter a period starts with: the alternatives are tried
    # only where one stands, not at every word boundary)
    rf"\b(?=[adefjlmnopsty12])(?:{_MONTH}\s+(?:\d{{4}}|last year|this year)"
    r"|(?:the\s+)?(?:first|second|third|fourth)\s+quarter(?:\s+of\s+(?:\d{4}|last year|this year))?"
    r"|(?:the\s+)?(?:first|second)\s+half(?:\s+of\s+(?:\d{4}|last year|this year))?"
    r"|last year|this year|the past year|the previous year|a year earlier|next year"
    r"|annually|per year|each year|every year|yearly|per annum"
    r"|(?<![\d,.$€£¥])(?:19|20)\d\d(?![\d,.]?\d))\b",
    re.IGNORECASE,
)
_COMPARISON_BASE = re.compile(r"\b(from|than|compared with|against)\s+$", re.IGNORECASE)
_MONTH_NAMES = frozenset(
    "january february march april may june july august september october november december".split()
)
_SUBJECT_SKIP = frozenset("In On At By For Last This Next The A An Meanwhile But And However Also".split())


FIGURE_FIELDS = (
    "value",
    "previous",
    "rate",
    "amount",
    "converted",
    "share",
    "part",
    "whole",
    "total",
    "parts",
)
"""The fields of the claim kinds that hold printed figures, in the order a draft writes them."""


@dataclass
class DraftClaim:
    """A claim as the extractor proposes it."""

    kind: str
    sentence: Sentence
    fields: dict[str, Span | list[Span]] = field(default_factory=dict)
    extra: dict[str, str] = field(default_factory=dict)
    period: str | None = None
    entity: str | None = None
    notes: list[str] = field(default_factory=list)
    id: str = ""

    def spans(self) -> list[Span]:
        found: list[Span] = []
        for value in self.fields.values():
            found += value if isinstance(value, list) else [value]
        return found


_Make = Callable[..., DraftClaim]
"""Makes a claim of a kind from named figures, marking them used."""


def draft_claims(
    sentence: Sentence,
    spans: list[Span],
    published: datetime.date | None,
    names: frozenset[str] = frozenset(),
    lede: tuple[str | None, str | None] = (None, None),
) -> list[DraftClaim]:
    """The claims of one sentence, in the order their figures are printed.

    ``lede`` is the entity and period of the article's first paragraph: a later sentence
    about the same entity that prints no period of its own is taken to share it.
    """
    text = sentence.text
    period, period_note = _period(text, spans, published)
    entity = _entity(text, spans, names)
    lede_entity, lede_period = lede
    if (
        period is None
        and lede_period
        and entity
        and lede_entity
        and lede_entity.split()[0] == entity.split()[0]
        and sentence.paragraph > 0
    ):
        period = lede_period
        period_note = f"period {lede_period!r} taken from the first paragraph, about {lede_entity}"
    used: set[int] = set()
    claims: list[DraftClaim] = []

    def claim(kind: str, **fields: Span | list[Span]) -> DraftClaim:
        made = DraftClaim(kind, sentence, dict(fields), period=period, entity=entity)
        for value in fields.values():
            for span in value if isinstance(value, list) else [value]:
                used.add(span.start)
        claims.append(made)
        return made

    # A converted amount and a share may also be the value of a change ("rose to 5.47 trillion
    # won ($3.95 billion)", "made up 29 percent of deliveries, up from 18 percent"): they are
    # claimed first and kept free for the change rules, then marked used.
    shared = _conversions(text, spans, claim, used)
    shared |= _shares(text, spans, used, claim)
    used.difference_update(shared)
    _from_to_changes(text, spans, used, claim)
    _totals(text, spans, used, claim)
    _rate_changes(text, spans, used, claim)
    _absolute_changes(text, spans, used, claim)
    _base_changes(text, spans, used, claim)
    used.update(shared)
    for span in spans:
        if span.start in used:
            continue
        hedge = span.reading.hedge
        if hedge is not None and hedge.kind in (HedgeKind.ABOVE, HedgeKind.AT_LEAST):
            made = claim("bound", value=span)
            if units.is_percent(span.reading.unit):
                made.extra["maximum"] = "100 percent"
                made.notes.append(
                    f"{span.printed!r}: assumed at most 100 percent (a rate or a share); delete"
                    " 'maximum' if it can exceed 100"
                )
        elif hedge is not None and hedge.kind in (HedgeKind.BELOW, HedgeKind.AT_MOST):
            claim("bound", value=span)
        else:
            claim("figure", value=span)
    if not spans and period is not None and _dated(period) and period != lede_period:
        event = DraftClaim("event", sentence, {}, period=period, entity=entity)
        if _after_publication(period, published, text):
            event.extra["tense"] = "future"
            event.notes.append("told as still to come: check the article's tense")
        claims.append(event)
    for made in claims:
        if period_note and made.period:
            made.notes.append(period_note)
        if made.entity is None:
            made.notes.append("entity: who or what is this about? (not simple enough to tell)")
    claims.sort(key=lambda made: min((span.start for span in made.spans()), default=0))
    return claims


def _conversions(text: str, spans: list[Span], claim: _Make, used: set[int]) -> set[int]:
    """Conversions; returns the amounts converted, which may also be the value of a change."""
    amounts: set[int] = set()
    for first, second in itertools.pairwise(spans):
        one, other = units.currency_code(first.reading.unit), units.currency_code(second.reading.unit)
        if one is None or other is None or one == other:
            continue
        between = text[first.end : second.start]
        if re.fullmatch(r"\s*\(\s*", between) or _CONVERSION_BETWEEN.fullmatch(between):
            made = claim("conversion", amount=first, converted=second)
            made.extra["rate_tolerance"] = CONVERSION_TOLERANCE
            made.notes.append(
                f"rate_tolerance {CONVERSION_TOLERANCE}: newsrooms convert at their own sources' rates,"
                " which differ from the ECB's; tighten it if the article names its rate"
            )
            used.discard(first.start)  # "rose to 5.47 trillion won ($3.95 billion)": also a change's value
            amounts.add(first.start)
            if "default" in " ".join(second.reading.steps + first.reading.steps):
                made.notes.append(
                    "'$' read as US dollars: set currency_hints if the article means another dollar"
                )
    return amounts


_CONVERSION_BETWEEN = re.compile(
    r"(\s+in\s[^;()$€£¥]{0,50})?\s*,?\s*"
    r"(or|or about|or roughly|or some|about|roughly|equivalent to|worth)\s*",
    re.IGNORECASE,
)
"""What stands between an amount and its conversion: "A$268 million in economic activity, or about"."""
CONVERSION_TOLERANCE = "1 percent"
"""Proposed for every drafted conversion: how far a newsroom's rate may be from the ECB fix."""

_FROM_BASE = re.compile(r"(\bfrom|\bcompared with|\bcompared to|\bthan)\s*$", re.IGNORECASE)
_AGAINST = re.compile(r"(\bagainst|\bversus|\bvs\.?)\s*$", re.IGNORECASE)
_EARLIER = re.compile(
    r"^[^,;.]{0,25}\b(a year|earlier|ago|before|previous|prior|last year|in (19|20)\d\d)", re.I
)


def _compatible(a: Span, b: Span) -> bool:
    """Same dimension, or one printed without a unit ("2,524, up from 1,094 deaths")."""
    plain = not a.reading.has_unit or not b.reading.has_unit
    return plain or units.same_dimension(a.reading.unit, b.reading.unit)


def _base_changes(text: str, spans: list[Span], used: set[int], claim: _Make) -> None:
    """ "rose to V from P", "V, up from P", "V, against P a year ago": a value and its base."""
    for index, value in enumerate(spans):
        if value.start in used:
            continue
        for base in spans[index + 1 :]:
            between = text[value.end : base.start]
            if len(between) > 80 or re.search(r";|\.\s+[A-Z]", between):
                break
            if base.start in used or _is_rate(value) != _is_rate(base):
                continue
            against = _ends(_AGAINST, text, base.start, 1) and _EARLIER.search(text[base.end :])
            if (_ends(_FROM_BASE, text, base.start, 2) or against) and _compatible(value, base):
                made = claim("change", value=value, previous=base)
                after, before = value.reading.nominal, base.reading.nominal
                if after is not None and before is not None and after < before:
                    made.extra["direction"] = "decrease"
                break


def _from_to_changes(text: str, spans: list[Span], used: set[int], claim: _Make) -> None:
    for first, second in itertools.pairwise(spans):
        if first.start in used or second.start in used:
            continue
        if not re.fullmatch(r"\s*to\s*", text[first.end : second.start]):
            continue
        if not _ends(_FROM, text, first.start, 1):
            continue
        if not units.same_dimension(first.reading.unit, second.reading.unit):
            continue
        fields: dict[str, Span] = {"previous": first, "value": second}
        rate = _nearby_rate(text, spans, used, first, second)
        if rate is not None:
            fields["rate"] = rate
        made = claim("change", **fields)
        before, after = first.reading.nominal, second.reading.nominal
        if before is not None and after is not None and after < before:
            made.extra["direction"] = "decrease"


def _nearby_rate(text: str, spans: list[Span], used: set[int], first: Span, second: Span) -> Span | None:
    for span in spans:
        if span.start in used or span in (first, second) or not _is_rate(span):
            continue
        if _rate_cue(text, span):
            return span
    return None


def _is_rate(span: Span) -> bool:
    unit = span.reading.unit
    return span.reading.role == "change" or units.is_percent(unit) or units.is_points(unit)


def _rate_cue(text: str, span: Span) -> bool:
    if span.reading.role == "change":
        return True
    return bool(
        _ends(_BEFORE_RATE, text, span.start, 2)
        or _AFTER_RATE.search(text[span.end :])
        or _verb_by(text, span.start)
    )


_ABSOLUTE = re.compile(
    rf"\b(({RISE}|{FALL}|increase|decrease|gain|drop|fall|rise)\s+of|({RISE}|{FALL})\s+by|by)\s*$",
    re.IGNORECASE,
)


def _absolute_changes(text: str, spans: list[Span], used: set[int], claim: _Make) -> None:
    """A change printed in the value's own unit: "cut by 15,000 yuan to 189,900 yuan"."""
    for index, change in enumerate(spans):
        if change.start in used or _is_rate(change) or not _ends(_ABSOLUTE, text, change.start, 2):
            continue
        after = [s for s in spans[index + 1 :] if s.start not in used and _compatible(s, change)]
        before = [s for s in spans[:index] if s.start not in used and _compatible(s, change)]
        if after and _ends(_TO, text, after[0].start, 1):
            value = after[0]
        elif before:
            value = before[-1]
        else:
            continue
        made = claim("change", value=value, rate=change)
        if _FALL_WORDS.search(text[max(0, change.start - 30) : change.start]):
            made.extra["direction"] = "decrease"


def _rate_changes(text: str, spans: list[Span], used: set[int], claim: _Make) -> None:
    for index, span in enumerate(spans):
        if span.start in used or not _is_rate(span) or not _rate_cue(text, span):
            continue
        value = _value_for(text, spans, used, index)
        fields: dict[str, Span] = {"rate": span} if value is None else {"value": value, "rate": span}
        base = _base_for(text, spans, used, value, span)
        if base is None and value is not None:
            base = _base_before(text, spans, used, value, span)
        if base is not None:
            fields["previous"] = base
        made = claim("change", **fields)
        around = text[max(0, span.start - 40) : span.end + 30]
        if _FALL_WORDS.search(around) and span.reading.role != "change":
            made.extra["direction"] = "decrease"
        quantity = value.reading.unit if value is not None else None
        if value is None and re.search(
            r"\brates?\b|\bshare\b|\bratio\b|percentage", text[: span.start], re.IGNORECASE
        ):
            made.extra["unit"] = "percent"
            quantity = units.parse_unit("percent")
        if quantity is not None and units.is_percent(quantity) and units.is_percent(span.reading.unit):
            made.notes.append(
                f"{span.printed!r} of a rate: percent or percentage points? (claimcheck computes both)"
            )


def _base_for(text: str, spans: list[Span], used: set[int], value: Span | None, rate: Span) -> Span | None:
    """The previous value of a change, printed after "from" or "compared with" in the sentence."""
    if value is None:
        return None
    later = [span for span in spans if span.start > max(value.start, rate.start) and span.start not in used]
    if later:  # only the first free figure after: not another clause's
        span = later[0]
        if _ends(_FROM_BASE, text, span.start, 2) and _compatible(span, value):
            return span
    return None


def _value_for(text: str, spans: list[Span], used: set[int], index: int) -> Span | None:
    """The value a rate belongs to: the nearest unused figure before it, else "to X" after it.

    A figure printed as a base ("down from 44 billion yen, a drop of 30 percent") is skipped
    for the value before it; a percentage is the value of a change in points.
    """
    rate = spans[index]
    points = units.is_points(rate.reading.unit)
    base = None
    for candidate in reversed(spans[:index]):
        if candidate.start in used:
            break
        if _ends(_FROM_BASE, text, candidate.start, 2):
            base = base or candidate
            continue
        if base is not None and not _compatible(candidate, base):
            continue  # "22.5 million fans to its 1,230 games, up from 22.2 million fans"
        if not _is_rate(candidate) or points or _ends(_TO, text, candidate.start, 1):
            return candidate
    for candidate in spans[index + 1 :]:
        if candidate.start not in used and _ends(_TO_OR_AT, text, candidate.start, 1):
            return candidate
        break
    return None


def _base_before(text: str, spans: list[Span], used: set[int], value: Span, rate: Span) -> Span | None:
    """A base printed between the value and its rate: "31 billion yen, down from 44 billion yen, a drop"."""
    for span in spans:
        if (
            value.start < span.start < rate.start
            and span.start not in used
            and _ends(_FROM_BASE, text, span.start, 2)
        ):
            return span
    return None


_PART_LINK = re.compile(r",|\b(or|about|is|was|are|were|makes?|made|represents?|represented)\b")


def _shares(text: str, spans: list[Span], used: set[int], claim: _Make) -> set[int]:
    """ "accounting for 89 percent", "300 jobs, about 5 percent of the 5,600 jobs", "a third".

    Returns the shares, which may also be the value of a change.
    """
    shares: set[int] = set()
    for index, span in enumerate(spans):
        if span.start in used:
            continue
        of = _SHARE_AFTER.match(text[span.end :])
        if span.reading.role == "share" or (
            units.is_percent(span.reading.unit) and (_ends(_SHARE_BEFORE, text, span.start, 3) or of)
        ):
            fields = {"share": span}
            part = spans[index - 1] if index else None
            if part is not None and part.start not in used and not _is_rate(part):
                between = text[part.end : span.start]
                if len(between) < 40 and _PART_LINK.search(between):
                    fields = {"part": part, "share": span}
            whole = spans[index + 1] if index + 1 < len(spans) else None
            if (
                whole is not None
                and whole.start not in used
                and re.fullmatch(r"\s*of\s+(the\s+|its\s+|their\s+|all\s+)?", text[span.end : whole.start])
            ):
                fields["whole"] = whole
            claim("share", **fields)
            shares.add(span.start)
    return shares


def _totals(text: str, spans: list[Span], used: set[int], claim: _Make) -> None:
    free = [span for span in spans if span.start not in used and not _is_rate(span)]
    if len(free) < 3:
        return
    cue = _TOTAL.search(text)
    if cue is None:
        return
    after = [s for s in free if 0 <= s.start - cue.end() <= 40]
    if cue.group(1).lower() == "of which":
        total = max((s for s in free if s.end <= cue.start()), key=lambda s: s.end, default=None)
    elif after and cue.group(1).lower() not in ("in total", "in all", "combined", "altogether"):
        total = after[0]  # "a total of 11", "for total growth of 556,000 people"
    else:
        total = min(free, key=lambda s: min(abs(s.start - cue.end()), abs(cue.start() - s.end)))
    if total is None:
        return
    parts = [s for s in free if s is not total and units.same_dimension(s.reading.unit, total.reading.unit)]
    if len(parts) >= 2:
        claim("total", parts=parts, total=total)


def _period(text: str, spans: list[Span], published: datetime.date | None) -> tuple[str | None, str]:
    """The sentence's period as printed, and a note on how it resolves."""
    inside = [(span.start, span.end) for span in spans]
    for match in _PERIOD.finditer(text):
        if any(start <= match.start() < end for start, end in inside):
            continue
        printed = match.group()
        if printed[:1].isupper() and printed.split()[0].lower() not in _MONTH_NAMES:
            printed = printed[0].lower() + printed[1:]  # "Last year," at a sentence's start
        if _ends(_COMPARISON_BASE, text, match.start(), 2) and not re.fullmatch(r"\d{4}", printed):
            continue  # "from the previous year" is what the change is measured against
        if printed.lower() in ("a year earlier", "the previous year"):
            continue
        if published is None:
            return printed, ""
        try:
            period = parse_period(printed, published)
        except PeriodError:
            continue
        relative = not re.search(r"\d{4}", printed) and not period.recurring
        return printed, f"period {printed!r} read as {period.label}" if relative else ""
    return None, ""


def _after_publication(period: str, published: datetime.date | None, text: str) -> bool:
    """Whether an event is still to come when the article appears: by its date, else its verbs."""
    if published is not None:
        try:
            resolved = parse_period(period, published)
        except PeriodError:
            resolved = None
        if resolved is not None and resolved.start is not None:
            return resolved.start > published
    return bool(_FUTURE.search(text))


def _dated(period: str) -> bool:
    return bool(re.search(r"\d{4}|last year|this year", period, re.IGNORECASE)) and not re.fullmatch(
        r"(?i)(last|this) year", period
    )


def _entity(text: str, spans: list[Span], names: frozenset[str]) -> str | None:
    """The sentence's subject where it is simple: a name printed before the first figure.

    A name is a capitalised word that the article also capitalises inside a sentence, so
    that a sentence's first word ("Rates", "Meanwhile") is not taken for one.
    """
    before = text[: spans[0].start] if spans else text
    pattern = r"\b[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+)*(?:\s+(?:county|city|province|district|region))?"
    for match in re.finditer(pattern, before):
        words = [word for word in match.group().split() if word not in _SUBJECT_SKIP]
        while words and (words[0] not in names or words[0].lower().rstrip(".") in _MONTH_NAMES):
            words = words[1:]
        if words:
            return " ".join(words)
    return None


def proper_names(sentences: list[Sentence]) -> frozenset[str]:
    """Capitalised words the article prints inside its sentences, not only at their start."""
    names = set()
    for sentence in sentences:
        for match in re.finditer(r"(?<=[a-z,;] )[A-Z][\w'-]+", sentence.text):
            names.add(match.group())
    return frozenset(names)


def lede_of(
    sentences: list[Sentence], names: frozenset[str], published: datetime.date | None
) -> tuple[str | None, str | None]:
    """The entity and period of the article's first paragraph, when it prints both."""
    for sentence in sentences:
        if sentence.paragraph != sentences[0].paragraph:
            break
        period, _ = _period(sentence.text, [], published)
        entity = _entity(sentence.text, [], names)
        if period and entity:
            return entity, period
    return None, None
