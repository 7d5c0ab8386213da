"""Claim-file records: the article, claims and checks, never changed once loaded.

Every record keeps the place it was read from (``at``) so that any finding or error can
point to file, line and column. The fields of each record type, with their ``doc``
metadata, are also the source of the JSON Schema that ``claimcheck schema`` prints.

Records here and throughout claimcheck are declared ``repr=False, eq=False``: nothing compares
them, and generating those two methods for some fifty dataclasses cost about 10 ms of every
run's start-up. Only the value types (``Interval``, ``Mark``, ``FigureOptions``) keep equality.
"""

from __future__ import annotations

import datetime
from dataclasses import field, fields
from typing import Any

from claimcheck.figures import FigureOptions, Reading
from claimcheck.formulas import Formula
from claimcheck.periods import Period
from claimcheck.valueclass import value_class
from claimcheck.yamlsource import Mark

NOWHERE = Mark(0, 0)


def doc(text: str, **extra: Any) -> dict[str, Any]:
    """Field metadata: the description shown in the JSON Schema and the docs."""
    return {"doc": text, **extra}


INTERNAL: dict[str, Any] = {"internal": True}


@value_class(repr=False, eq=False)
class Figure:
    """A figure as printed in the article, and how claimcheck read it."""

    printed: str
    reading: Reading
    options: FigureOptions
    at: Mark


@value_class(repr=False, eq=False)
class Ref:
    """A reference to a claim or check by id, optionally to one of its values: ``id.field``."""

    text: str
    at: Mark

    @property
    def target(self) -> str:
        return self.text.split(".", 1)[0]


@value_class(repr=False, eq=False)
class Expectation:
    """What a check's result should match: a printed figure, or a value the file already has.

    ``expect: 12.8 percent`` repeats a printed figure; ``expect: {claim: tourists.previous}``
    names a claim, a reference figure or a check (or one of its values) instead.
    """

    figure: Figure | None = None
    ref: Ref | None = None


@value_class(repr=False, eq=False)
class UnitName:
    """A unit a claim file names ("percent", "CNY/visitor"), read with the file's vocabulary."""

    text: str
    unit: Any
    """The registry unit (a ``claimcheck.units.Unit``)."""
    at: Mark

    def __str__(self) -> str:
        return self.text


@value_class(repr=False, eq=False)
class FormulaText:
    """A formula in the safe expression language, checked at load time."""

    formula: Formula
    at: Mark


@value_class(kw_only=True, repr=False, eq=False)
class Article:
    """The article whose figures are checked."""

    title: str = field(metadata=doc("The headline, as published."))
    publisher: str = field(metadata=doc("Who published it: 'China Daily'."))
    date: datetime.date = field(
        metadata=doc("Publication date, YYYY-MM-DD; relative periods resolve against it.")
    )
    url: str | None = field(default=None, metadata=doc("The article's address."))
    locale: str | None = field(
        default=None,
        metadata=doc(
            "The locale of the article's copy ('en', 'de-CH', 'sv'): decides whether '4,83' has a"
            " decimal comma and what 'kr' or '¥' stand for. English when not given.",
            pattern=r"^[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*$",
        ),
    )
    currency_hints: tuple[str, ...] = field(
        default=(),
        metadata=doc(
            "Currencies that ambiguous symbols and names stand for in this article, as ISO codes:"
            " [JPY] reads '¥' as yen, [AUD] reads '$' as Australian dollars."
        ),
    )
    text: str | None = field(
        default=None,
        metadata=doc(
            "Path of the article text, relative to the claim file. When given, every quote"
            " must be found in it."
        ),
    )
    at: Mark = field(default=NOWHERE, metadata=INTERNAL)


@value_class(kw_only=True, repr=False, eq=False)
class Source:
    """The document a reference figure comes from."""

    title: str = field(metadata=doc("The document's title, or what it is when it has none."))
    publisher: str = field(metadata=doc("Who published it: 'Jinzhong Bureau of Statistics'."))
    date: datetime.date | None = field(default=None, metadata=doc("Publication date, YYYY-MM-DD."))
    url: str | None = field(default=None, metadata=doc("The document's address."))
    at: Mark = field(default=NOWHERE, metadata=INTERNAL)

    def citation(self) -> str:
        """The source in one line: title, publisher, date, address."""
        parts = [repr(self.title), self.publisher]
        if self.date is not None:
            parts.append(self.date.isoformat())
        if self.url:
            parts.append(self.url)
        return ", ".join(parts)


@value_class(kw_only=True, repr=False, eq=False)
class Defaults:
    """Settings for every claim of the file, unless a claim sets its own."""

    rate_window: int = field(
        default=3,
        metadata=doc(
            "Business days before the publication date whose market exchange rates a currency"
            " conversion may use, besides the publication date itself."
        ),
    )
    rate_tolerance: Figure | None = field(
        default=None,
        metadata=doc("How far a conversion's implied rate may stray from the market rate: '1 percent'."),
    )
    at: Mark = field(default=NOWHERE, metadata=INTERNAL)


@value_class(kw_only=True, repr=False, eq=False)
class Record:
    """What claims and checks share: an id, a kind and a place."""

    id: str = field(
        metadata=doc(
            "Unique id in this file: lower-case letters, digits and '_', starting with a letter.",
            pattern=r"^[a-z][a-z0-9_]*$",
        )
    )
    kind: str = field(metadata=doc("The kind of record; decides the other fields."))
    note: str | None = field(default=None, metadata=doc("A free note for the reader."))
    at: Mark = field(default=NOWHERE, metadata=INTERNAL)


@value_class(kw_only=True, repr=False, eq=False)
class Claim(Record):
    """A numerical claim the article makes."""

    quote: str = field(metadata=doc("The sentence or clause, exactly as printed."))
    entity: str | None = field(default=None, metadata=doc("Who or what the figure is about."))
    period: Period | None = field(
        default=None,
        metadata=doc("When: '2024', 'July 2024', 'last year', 'October last year', 'annually'."),
    )
    source: Source | None = field(
        default=None,
        metadata=doc(
            "For entries under 'references': the document the figure comes from. Claims of the"
            " article itself have none."
        ),
    )

    def figures(self) -> dict[str, Figure]:
        """The figures this claim quotes from the article, by field name.

        Limits the claim file adds (a coverage rate's 100 percent maximum) are not quoted
        and are left out.
        """
        found: dict[str, Figure] = {}
        for name in _printed_fields(type(self)):
            value = getattr(self, name)
            if isinstance(value, Figure):
                found[name] = value
            elif isinstance(value, tuple):
                for index, element in enumerate(value):
                    if isinstance(element, Figure):
                        found[f"{name}[{index + 1}]"] = element
        return found

    def readings(self) -> tuple[tuple[str, Reading], ...]:
        """The readings of :meth:`figures`, by the same names; read off the fields themselves
        when each holds one figure or none (every kind but a total's parts), with no
        dictionary built: the engine asks for every claim."""
        readings = []
        for name in _printed_fields(type(self)):
            value = getattr(self, name)
            if type(value) is Figure:
                readings.append((name, value.reading))
            elif value is not None:  # a tuple of figures: figures() names each
                return tuple([(name, figure.reading) for name, figure in self.figures().items()])
        return tuple(readings)


_PRINTED_FIELDS: dict[type[Any], tuple[str, ...]] = {}


def _printed_fields(cls: type[Any]) -> tuple[str, ...]:
    """The fields of a claim class that may hold printed figures, worked out once per class:
    those typed with :class:`Figure`, unless marked ``not_printed``."""
    names = _PRINTED_FIELDS.get(cls)
    if names is None:
        names = _PRINTED_FIELDS[cls] = tuple(
            name for name in _fields_holding(cls, (Figure,)) if not _metadata(cls, name).get("not_printed")
        )
    return names


def _fields_holding(cls: type[Any], kinds: tuple[type[Any], ...]) -> tuple[str, ...]:
    """The fields of a record class, in order, whose type mentions one of ``kinds``
    (``Figure``, ``Figure | None`` and ``tuple[Figure, ...]`` all mention Figure)."""
    import typing

    hints = typing.get_type_hints(cls)

    def mentions(hint: Any) -> bool:
        return hint in kinds or any(mentions(arg) for arg in typing.get_args(hint))

    return tuple(item.name for item in fields(cls) if mentions(hints[item.name]))


def _metadata(cls: type[Any], name: str) -> Any:
    return next(item.metadata for item in fields(cls) if item.name == name)


@value_class(kw_only=True, repr=False, eq=False)
class Check(Record):
    """A check across claims, referring to them by id."""

    description: str | None = field(default=None, metadata=doc("What the check computes, in words."))

    def references(self) -> tuple[Ref, ...]:
        """Every claim or check this one reads."""
        found: list[Ref] = []
        for field_name in _referring_fields(type(self)):
            value = getattr(self, field_name)
            if isinstance(value, Ref):
                found.append(value)
            elif isinstance(value, FormulaText):
                found.extend(Ref(name, value.at) for name in value.formula.names)
            elif isinstance(value, Expectation) and value.ref is not None:
                found.append(value.ref)
            elif isinstance(value, tuple):
                found.extend(item for item in value if isinstance(item, Ref))
        return tuple(found)


_REFERRING_FIELDS: dict[type[Any], tuple[str, ...]] = {}


def _referring_fields(cls: type[Any]) -> tuple[str, ...]:
    """The fields of a check class that may refer to other records, worked out once per class."""
    names = _REFERRING_FIELDS.get(cls)
    if names is None:
        names = _REFERRING_FIELDS[cls] = _fields_holding(cls, (Ref, FormulaText, Expectation))
    return names
