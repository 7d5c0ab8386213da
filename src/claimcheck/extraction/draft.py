"""A drafted claim file: the claims of an article, its proposed checks, and every guess as a comment."""

from __future__ import annotations

import datetime
import json
import re
from dataclasses import dataclass, field

from claimcheck import units
from claimcheck.extraction.claims import DraftClaim, draft_claims, lede_of, proper_names
from claimcheck.extraction.sentences import sentences
from claimcheck.extraction.spans import MONEY_NOUNS, Span, find_spans
from claimcheck.figures import ReadingContext


class ExtractionError(ValueError):
    """An article that cannot be drafted from, with the reason (and the option that fixes it)."""


@dataclass
class ArticleInfo:
    """What the claim file's ``article:`` block says."""

    title: str
    publisher: str
    date: datetime.date | None
    url: str | None = None
    text: str | None = None
    """The article text's path, relative to where the claim file will be written."""
    locale: str | None = None


@dataclass
class DraftCheck:
    """A check the extractor proposes, from claims that share an entity, period and paragraph."""

    id: str
    kind: str
    fields: dict[str, str]
    note: str


@dataclass
class Draft:
    """Everything extraction found in one article."""

    article: ArticleInfo
    claims: list[DraftClaim]
    checks: list[DraftCheck] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def extract(body: str, article: ArticleInfo, context: ReadingContext) -> Draft:
    """Draft the claims of an article body."""
    found: list[DraftClaim] = []
    relative = False
    split = sentences(body)
    names = proper_names(split)
    lede = lede_of(split, names, article.date)
    for sentence in split:
        spans = find_spans(sentence.text, context)
        claims = draft_claims(sentence, spans, article.date, names, lede)
        relative = relative or any(c.period and not re.search(r"\d{4}", c.period) for c in claims)
        found += claims
    if article.date is None and relative:
        raise ExtractionError(
            "the article has relative periods ('last year') but no date: give it with --date YYYY-MM-DD"
            " or a 'date:' line in the article's front matter"
        )
    _name(found)
    draft = Draft(article, found)
    draft.checks = _per_unit_checks(found)
    return draft


def _name(claims: list[DraftClaim]) -> None:
    """Ids from the entity and what is counted: "pingyao_county_visitors"."""
    taken: set[str] = set()
    for made in claims:
        words = re.findall(r"[a-z0-9]+", (made.entity or "").lower())[:2]
        words.append(_what(made))
        base = "_".join(words)
        if not base[0].isalpha():
            base = f"{made.kind}_{base}"
        name, number = base, 2
        while name in taken:
            name, number = f"{base}_{number}", number + 1
        taken.add(name)
        made.id = name


_MONEY_NOUN = re.compile(r"\b(" + "|".join(sorted(MONEY_NOUNS)) + r")\b")


def _what(made: DraftClaim) -> str:
    """A word for what a claim counts: "tourists", "revenue", "urbanization_rate", "share"."""
    spans = made.spans()
    if not spans:
        return made.kind
    span = spans[0]
    text = made.sentence.text
    if units.currency_code(span.reading.unit):
        after = re.search(r"\bin (\w+)$", span.printed)
        near = _MONEY_NOUN.findall(text[max(0, span.start - 60) : span.start])
        return after.group(1) if after else (near[-1] if near else "amount")
    if units.is_percent(span.reading.unit) or units.is_points(span.reading.unit):
        rate = re.findall(r"\b([a-z]+) rates?\b", text[: span.start].lower())
        if rate:
            return f"{rate[-1]}_rate"
        return "share" if made.kind == "share" else "rate" if made.kind == "change" else "percent"
    words = re.findall(r"[A-Za-z]+", span.printed.split(" per ")[0])
    return words[-1].lower() if words else "figure"


def _per_unit_checks(claims: list[DraftClaim]) -> list[DraftCheck]:
    """Money per count for an amount and a count of one paragraph, entity and period."""
    checks: list[DraftCheck] = []
    money = [
        (c, f)
        for c in claims
        for f, s in _named_spans(c)
        if units.currency_code(s.reading.unit) and f in ("value", "amount")
    ]
    counts = [
        (c, f)
        for c in claims
        for f, s in _named_spans(c)
        if c.kind in ("figure", "bound", "change") and f == "value" and _counted(s)
    ]
    taken = {c.id for c in claims}  # and the checks' ids, as they are made
    for amount_claim, amount_field in money:
        for count_claim, _ in counts:
            same = (
                amount_claim.sentence.paragraph == count_claim.sentence.paragraph
                and amount_claim.period == count_claim.period
                and amount_claim is not count_claim
            )
            if not same:
                continue
            amount_span = _span(amount_claim, amount_field)
            count_span = _span(count_claim, "value")
            code = units.currency_code(amount_span.reading.unit)
            noun = units.format_unit(count_span.reading.unit)
            name, number = f"{amount_claim.id}_per_{noun}", 2
            while name in taken:
                name, number = f"{amount_claim.id}_per_{noun}_{number}", number + 1
            taken.add(name)
            checks.append(
                DraftCheck(
                    name,
                    "ratio",
                    {
                        "numerator": _ref(amount_claim, amount_field),
                        "denominator": _ref(count_claim, "value"),
                        "unit": f"{code}/{noun}",
                    },
                    f"proposed: {amount_span.printed!r} per {count_span.printed!r}, printed in one paragraph",
                )
            )
    return checks


def _named_spans(made: DraftClaim) -> list[tuple[str, Span]]:
    return [(name, value) for name, value in made.fields.items() if not isinstance(value, list)]


def _span(made: DraftClaim, name: str) -> Span:
    value = made.fields[name]
    assert not isinstance(value, list)
    return value


def _counted(span: Span) -> bool:
    unit = span.reading.unit
    return (
        not units.is_dimensionless(unit)
        and units.currency_code(unit) is None
        and "/" not in units.format_unit(unit)
    )


def _ref(made: DraftClaim, name: str) -> str:
    # A bare id stands for a claim's value; a conversion has none, so its fields are named.
    return made.id if name == "value" and made.kind != "conversion" else f"{made.id}.{name}"


# rendering -------------------------------------------------------------------------------------
def render(draft: Draft) -> str:
    """The draft as a claim file: YAML, with a comment on every guess to confirm."""
    article = draft.article
    lines = [
        "# Drafted by `claimcheck extract`: review every claim before relying on it. Comments mark",
        "# the guesses to confirm; delete a claim that is not one, and correct a kind or period.",
        "",
        "article:",
        f"  title: {_quoted(article.title)}",
        f"  publisher: {_quoted(article.publisher)}",
        f"  date: {article.date.isoformat() if article.date else '2000-01-01  # FIXME: the date'}",
    ]
    if article.url:
        lines.append(f"  url: {_quoted(article.url)}")
    if article.locale:
        lines.append(f"  locale: {_quoted(article.locale)}")
    if article.text:
        lines.append(f"  text: {_quoted(article.text)}")
    lines += [f"# {note}" for note in draft.notes]
    lines += ["", "claims:"]
    if not draft.claims:
        lines[-1] = "claims: []  # no figures found"
    for made in draft.claims:
        lines += _claim_lines(made)
    if draft.checks:
        lines += ["", "checks:"]
        for check in draft.checks:
            lines.append(f"  - id: {check.id}  # {check.note}")
            lines.append(f"    kind: {check.kind}")
            lines += [f"    {key}: {_quoted(value)}" for key, value in check.fields.items()]
    return "\n".join(lines) + "\n"


def _claim_lines(made: DraftClaim) -> list[str]:
    lines = ["", f"  - id: {made.id}"]
    lines += [f"    # {note}" for note in made.notes]
    lines.append(f"    kind: {made.kind}")
    lines.append(f"    quote: {_quoted(made.sentence.text)}")
    if made.entity:
        lines.append(f"    entity: {_quoted(made.entity)}")
    if made.period:
        lines.append(f"    period: {_quoted(made.period)}")
    carried = _carried_unit(made)
    for name, value in made.fields.items():
        if isinstance(value, list):
            lines.append(f"    {name}:")
            lines += [f"      - {_quoted(span.printed)}" for span in value]
        elif name == "rate" and carried:
            lines.append(f"    {name}:  # printed without a unit: the value's unit, {carried}")
            lines.append(f"      printed: {_quoted(value.printed)}")
            lines.append(f"      unit: {_quoted(carried)}")
        else:
            lines.append(f"    {name}: {_quoted(value.printed)}")
    lines += [f"    {key}: {_quoted(value)}" for key, value in made.extra.items()]
    return lines


def _carried_unit(made: DraftClaim) -> str:
    """The unit a change's rate printed without one takes from the value: "down 26,000"."""
    rate, value = made.fields.get("rate"), made.fields.get("value")
    if made.kind != "change" or not isinstance(rate, Span) or not isinstance(value, Span):
        return ""
    if rate.reading.has_unit or not value.reading.has_unit:
        return ""
    return units.format_unit(value.reading.unit)


def _quoted(text: str) -> str:
    """A YAML scalar: JSON's double-quoted strings are valid YAML and keep every character."""
    return json.dumps(text, ensure_ascii=False)
