"""The claim-file format: building records (never changed once built) from YAML, and its JSON Schema.

Both come from one source, the record dataclasses in :mod:`claimcheck.records`,
:mod:`claimcheck.kinds` and :mod:`claimcheck.checks`: their fields, types, defaults and
``doc`` metadata. Building validates everything at the edge and collects every problem with
its place, so that one run reports all of a file's errors.
"""

from __future__ import annotations

import dataclasses
import datetime
import difflib
import functools
import operator
import re
import types
import typing
from collections.abc import Callable
from typing import Any

from claimcheck import rules
from claimcheck.figures import (
    PLAIN,
    FigureError,
    FigureOptions,
    Reading,
    ReadingContext,
    UnknownWordError,
    read_figure,
)
from claimcheck.formulas import FormulaError, parse_formula
from claimcheck.identity import ValueMemo
from claimcheck.limits import MAX_FIGURE_LENGTH, MAX_FORMULA_LENGTH, MAX_TEXT
from claimcheck.periods import Period, PeriodError, parse_period
from claimcheck.records import Article, Defaults, Expectation, Figure, FormulaText, Ref, UnitName
from claimcheck.units import UnknownUnitError, parse_unit
from claimcheck.valueclass import value_class
from claimcheck.yamlsource import Document, Mark, Position, position_mark, text_mark

REF_PATTERN = r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)?$"
ID_PATTERN = r"^[a-z][a-z0-9_]*$"

_OPTION_VALUES = operator.attrgetter(*(field.name for field in dataclasses.fields(FigureOptions)))
"""The options of a figure's mapping form, in the order of FigureOptions' fields."""
_OPTIONS: ValueMemo[tuple[Any, ...], FigureOptions] = ValueMemo(256)
"""The options of figures written as mappings, by their values: the same few (``exact:
true``) in file after file, made once (options are never changed)."""


@dataclasses.dataclass(repr=False, eq=False)
class Builder:
    """Builds records from a parsed document, collecting problems as it goes.

    Values come with their packed position in the document (see :mod:`claimcheck.yamlsource`),
    turned into a :class:`Mark` only where a record, a figure or a problem needs one.
    """

    document: Document
    published: datetime.date | None = None
    problems: list[tuple[str, Mark, str | None, str]] = dataclasses.field(default_factory=list)
    """(reason, place, record id, finding code) of every problem found."""
    record_id: str | None = None
    context: ReadingContext = PLAIN
    """How this file's figures are read: the article's locale, currency hints, declared units
    (set with :meth:`read_in`)."""
    plain_readings: dict[str, Reading] = dataclasses.field(default_factory=lambda: _PLAIN_READINGS.of(PLAIN))
    """The readings of the figures printed with no options, in :attr:`context`, by figure."""

    def read_in(self, context: ReadingContext) -> None:
        """Read this file's figures in ``context`` from now on."""
        self.context = context
        self.plain_readings = _PLAIN_READINGS.of(context)

    def problem(self, message: str, mark: Mark, code: str = rules.SCHEMA_INVALID) -> None:
        self.problems.append((message, mark, self.record_id, code))

    # records ------------------------------------------------------------------------------
    def record(self, cls: type[Any], data: Any, position: Position, what: str) -> Any | None:
        """A ``cls`` record built from the mapping ``data`` at ``position``, or None after a problem."""
        if not isinstance(data, dict):
            self.problem(f"{what} must be a mapping of keys to values", position_mark(position))
            return None
        problems = self.problems
        before = len(problems)
        plan = _PLANS.get(cls) or _plan(cls)
        places = self.document.places[id(data)][1]
        if not plan.known.issuperset(data):
            for key in data:
                if key not in plan.known:
                    names = plan.names
                    close = difflib.get_close_matches(key, names, n=1)
                    hint = f"; did you mean {close[0]!r}?" if close else f"; expected {', '.join(names)}"
                    at = position_mark(self.document.key_position(data, key))
                    self.problem(f"unknown key {key!r} in {what}{hint}", at)
        values: dict[str, Any] = {}
        for name, required, optional, convert in plan.fields:
            value = data.get(name, _ABSENT)
            if value is _ABSENT:
                if required:
                    self.problem(f"{what} is missing the required key {name!r}", position_mark(position))
            elif value is None and optional:
                values[name] = None
            elif convert is _text:  # the most common field, inline
                if type(value) is str and len(value) <= MAX_TEXT and not value.isspace() and value:
                    values[name] = value
                else:
                    values[name] = _text(self, value, places[name], name)
            else:
                values[name] = convert(self, value, places[name], name)
        if len(problems) > before:
            return None
        return plan.make(values, position_mark(position))

    # values -------------------------------------------------------------------------------
    def figure(self, data: Any, position: Position, name: str) -> Figure | None:
        mark = position_mark(position)
        if isinstance(data, str):
            printed, options = data, _DEFAULT_OPTIONS
        elif isinstance(data, dict):
            built = self.record(_FigureSpec, data, position, f"figure {name!r}")
            if built is None:
                return None
            printed = built.printed
            values = _OPTION_VALUES(built)
            options = _OPTIONS.get(values) or _OPTIONS.remember(values, FigureOptions(*values))
        else:
            self.problem(f"{name!r} must be a printed figure such as '55.6 billion yuan'", mark)
            return None
        try:
            reading = self.plain_readings.get(printed) if options is _DEFAULT_OPTIONS else None
            if reading is None:
                reading = read_figure(printed, options, self.context)
                if options is _DEFAULT_OPTIONS:
                    _PLAIN_READINGS.remember(self.plain_readings, printed, reading)
        except (FigureError, UnknownUnitError) as error:
            unknown = isinstance(error, (UnknownUnitError, UnknownWordError))
            code = rules.UNKNOWN_UNIT if unknown else rules.FIGURE_UNREADABLE
            if isinstance(data, str) and isinstance(error, FigureError):
                mark = text_mark(position, error.offset)
            self.problem(f"cannot read figure {printed!r}: {error}", mark, code)
            return None
        if reading.role == "change" and not name.endswith("rate"):
            self.problem(
                f"{printed!r} describes a change; use it as a change's 'rate', or print the value",
                mark,
                rules.FIGURE_UNREADABLE,
            )
            return None
        return Figure(printed, reading, options, mark)

    def expectation(self, data: Any, position: Position, name: str) -> Expectation | None:
        """A check's ``expect``: a printed figure, or ``{claim: id.field}`` naming a value."""
        if isinstance(data, dict) and "claim" in data:
            built = self.record(_NamedValue, data, position, f"{name!r}")
            return None if built is None else Expectation(ref=built.claim)
        figure = self.figure(data, position, name)
        return None if figure is None else Expectation(figure=figure)


_ABSENT = object()
"""A key the mapping does not have (None is a key written with no value)."""

_DEFAULT_OPTIONS = FigureOptions()


class _PlainReadings:
    """The readings of figures printed with no options, by context and figure: files read in
    the same context (nearly all of an archive's) share them. Readings are never changed, and
    the same figure in the same context always reads the same, so this only skips the look-up
    of :func:`read_figure`'s cache, which hashes the options and the context of every figure.
    Bounded: everything is let go when more than :data:`MAX_READINGS` readings in all or
    :data:`MAX_CONTEXTS` contexts (each keeps its vocabulary alive) would be kept."""

    MAX_READINGS = 4096
    MAX_CONTEXTS = 16

    __slots__ = ("by_context", "kept")

    def __init__(self) -> None:
        self.by_context: dict[ReadingContext, dict[str, Reading]] = {}
        self.kept = 0
        """Readings remembered since everything was last let go."""

    def of(self, context: ReadingContext) -> dict[str, Reading]:
        """The readings remembered in ``context``, to look figures up in and :meth:`remember`."""
        readings = self.by_context.get(context)
        if readings is None:
            if len(self.by_context) >= self.MAX_CONTEXTS:
                self.forget()
            readings = self.by_context[context] = {}
        return readings

    def remember(self, readings: dict[str, Reading], printed: str, reading: Reading) -> None:
        if self.kept >= self.MAX_READINGS:
            self.forget()  # ``readings`` too: a file still reading keeps only its own
        readings[printed] = reading
        self.kept += 1

    def forget(self) -> None:
        for readings in self.by_context.values():
            readings.clear()
        self.by_context.clear()
        self.kept = 0


_PLAIN_READINGS: _PlainReadings = _PlainReadings()


@value_class(kw_only=True, repr=False, eq=False)
class _NamedValue:
    """The form of ``expect`` that names a value instead of repeating a printed figure."""

    claim: Ref = dataclasses.field(
        metadata={
            "doc": "The claim, reference figure or check whose value the result should match,"
            " or one of its values: 'share_2023', 'tourists.previous'."
        }
    )
    at: Mark = dataclasses.field(default=Mark(0, 0), metadata={"internal": True})


@value_class(kw_only=True, repr=False, eq=False)
class _FigureSpec(FigureOptions):
    """The mapping form of a figure, for figures that need a non-default reading."""

    printed: str = dataclasses.field(metadata={"doc": "The figure exactly as printed."})
    at: Mark = dataclasses.field(default=Mark(0, 0), metadata={"internal": True})


# Scalars: each field type written as one YAML scalar has a parser from the text (and its
# position, for the types that keep their place) to the value; a parser raises ValueError,
# PeriodError, FormulaError or UnknownUnitError for text it refuses.


def _boolean(builder: Builder, data: str, position: Position) -> bool:
    if data not in ("true", "false"):
        raise ValueError(f"must be true or false, not {data!r}")
    return data == "true"


def _integer(builder: Builder, data: str, position: Position) -> int:
    if not re.fullmatch(r"\d{1,2}", data):
        raise ValueError(f"must be a whole number from 0 to 99, not {data!r}")
    return int(data)


def _date(builder: Builder, data: str, position: Position) -> datetime.date:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", data):
        raise ValueError(f"must be a date written YYYY-MM-DD, not {data!r}")
    return datetime.date.fromisoformat(data)


def _period(builder: Builder, data: str, position: Position) -> Period | None:
    if builder.published is None:
        return None  # the article's date is missing or wrong, which is reported already
    return _read_period(data, builder.published)


_read_period = functools.lru_cache(maxsize=1024)(parse_period)
"""Periods repeat from claim to claim and file to file ('last year', '2024'), never changed."""

_REF = re.compile(REF_PATTERN)


def _ref(builder: Builder, data: str, position: Position) -> Ref:
    if not _REF.fullmatch(data):
        raise ValueError(f"{data!r} is not a reference: write a claim id, or id.value")
    return Ref(data, position_mark(position))


def _unit_name(builder: Builder, data: str, position: Position) -> UnitName:
    return UnitName(data, parse_unit(data, builder.context.vocabulary), position_mark(position))


def _formula(builder: Builder, data: str, position: Position) -> FormulaText:
    return FormulaText(parse_formula(data), position_mark(position))


_SCALARS: dict[Any, Callable[[Builder, str, Position], Any]] = {
    bool: _boolean,
    int: _integer,
    datetime.date: _date,
    Period: _period,
    Ref: _ref,
    FormulaText: _formula,
    UnitName: _unit_name,
}
"""The parser of each scalar type but text (see :func:`_text`)."""


_HINTS: dict[type[Any], dict[str, Any]] = {}


def _hints(cls: type[Any]) -> dict[str, Any]:
    """The resolved field types of a record class (resolving them is slow, so once per class)."""
    hints = _HINTS.get(cls)
    if hints is None:
        hints = _HINTS[cls] = typing.get_type_hints(cls)
    return hints


Converter = Callable[[Builder, Any, Position, str], Any]
"""Builds one field's value: (builder, data, its position, field name) to the value, or None
after a problem."""


@value_class(repr=False, eq=False)
class _Plan:
    """How to build a record class, worked out once from its fields and types."""

    fields: tuple[tuple[str, bool, bool, Converter], ...]
    """(name, required, optional, converter) of every field a claim file may set: an optional
    field (typed ``X | None``) written with no value is None; any other value goes to the
    converter."""
    names: list[str]
    known: frozenset[str]
    make: Callable[[dict[str, Any], Mark], Any]
    """The record from the values of the fields the file sets, and its place."""


_PLANS: dict[type[Any], _Plan] = {}


def _plan(cls: type[Any]) -> _Plan:
    """The plan of a record class: resolving types and choosing converters once per class,
    not once per value, is most of the time of building records."""
    plan = _PLANS.get(cls)
    if plan is None:
        hints = _hints(cls)
        fields = [field for field in dataclasses.fields(cls) if not field.metadata.get("internal")]
        entries = []
        for field in fields:
            inner = _optional_of(hints[field.name])
            optional = inner is not None
            entries.append(
                (field.name, _required(field), optional, _converter(inner if optional else hints[field.name]))
            )
        plan = _PLANS[cls] = _Plan(
            tuple(entries),
            [field.name for field in fields],
            frozenset(field.name for field in fields),
            _maker(cls),
        )
    return plan


def _maker(cls: type[Any]) -> Callable[[dict[str, Any], Mark], Any]:
    """How to make a record of ``cls`` from the values of the fields a file sets.

    Calling a record class with a dozen keyword arguments matches each to its field again for
    every record. For a plain dataclass (every field set by ``__init__``, defaults that are
    values, not factories) filling the new record's ``__dict__`` in field order, then calling
    ``__post_init__``, makes the same object; any other class is made by calling it.
    """
    fields = dataclasses.fields(cls)
    plain = (
        cls.__dataclass_params__.init
        and all(field.init and field.default_factory is dataclasses.MISSING for field in fields)
        and not any("__slots__" in vars(klass) for klass in cls.__mro__[:-1])
    )
    if not plain:  # pragma: no cover - every record class is plain today
        return lambda values, at: cls(**values, at=at)
    # Field order, with None standing for the required fields, which every record built has.
    template = {
        field.name: None if field.default is dataclasses.MISSING else field.default for field in fields
    }
    post_init = getattr(cls, "__post_init__", None)
    new = object.__new__

    def make(values: dict[str, Any], at: Mark) -> Any:
        record = new(cls)
        attributes = record.__dict__
        attributes.update(template)
        attributes.update(values)
        attributes["at"] = at
        if post_init is not None:
            post_init(record)
        return record

    return make


def _optional_of(hint: Any) -> Any:
    """``X`` for a type ``X | None``; None for any other type."""
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        options = [arg for arg in typing.get_args(hint) if arg is not type(None)]
        return options[0]
    return None


_CONVERTERS: dict[Any, Converter] = {}


def _converter(hint: Any) -> Converter:
    """The converter for values of type ``hint``, made once per type."""
    converter = _CONVERTERS.get(hint)
    if converter is None:
        converter = _CONVERTERS[hint] = _make_converter(hint)
    return converter


def _make_converter(hint: Any) -> Converter:
    inner = _optional_of(hint)
    if inner is not None:
        convert = _converter(inner)

        def optional(builder: Builder, data: Any, position: Position, name: str) -> Any:
            return None if data is None else convert(builder, data, position, name)

        return optional
    origin = typing.get_origin(hint)
    if origin is tuple:
        item = _converter(typing.get_args(hint)[0])

        def sequence(builder: Builder, data: Any, position: Position, name: str) -> Any:
            if data is None:
                return _empty(builder, position, name)
            if not isinstance(data, list):
                builder.problem(f"{name!r} must be a list", position_mark(position))
                return ()
            places = builder.document.places[id(data)][1]
            return tuple(
                item(builder, element, places[index], f"{name}[{index + 1}]")
                for index, element in enumerate(data)
            )

        return sequence
    if origin is typing.Literal:
        allowed = typing.get_args(hint)

        def literal(builder: Builder, data: Any, position: Position, name: str) -> Any:
            if data is None:
                return _empty(builder, position, name)
            if data not in allowed:
                builder.problem(
                    f"{name!r} must be one of {', '.join(map(str, allowed))}, not {data!r}",
                    position_mark(position),
                )
            return data

        return literal
    build = {Figure: Builder.figure, Expectation: Builder.expectation}.get(hint)
    if build is not None:  # a printed figure, or a check's expectation

        def built(builder: Builder, data: Any, position: Position, name: str) -> Any:
            if data is None:
                return _empty(builder, position, name)
            return build(builder, data, position, name)

        return built
    if hint is str:
        return _text
    if hint not in _SCALARS and isinstance(hint, type) and dataclasses.is_dataclass(hint):
        record_class = hint

        def record(builder: Builder, data: Any, position: Position, name: str) -> Any:
            if data is None:
                return _empty(builder, position, name)
            return builder.record(record_class, data, position, f"{name!r}")

        return record
    parse = _SCALARS.get(hint)
    if parse is None:  # pragma: no cover - a record field of a type with no parser
        raise TypeError(f"no parser for {hint!r}")

    def scalar(builder: Builder, data: Any, position: Position, name: str) -> Any:
        # One scalar within the length limit (the common case) needs no call to say so.
        if (type(data) is not str or len(data) > MAX_TEXT) and not _one_scalar(builder, data, position, name):
            return None
        try:
            return parse(builder, data, position)
        except FormulaError as error:
            mark = position_mark(position)
            builder.problem(
                f"bad formula: {error.message}",
                Mark(mark.line, mark.col + error.offset),
                rules.FORMULA_INVALID,
            )
        except UnknownUnitError as error:
            builder.problem(str(error), position_mark(position), rules.UNKNOWN_UNIT)
        except (ValueError, PeriodError) as error:
            builder.problem(f"{name!r}: {error}", position_mark(position))
        return None

    return scalar


def _text(builder: Builder, data: Any, position: Position, name: str) -> str | None:
    """A text field: one scalar, not blank."""
    if not _one_scalar(builder, data, position, name):
        return None
    if not data.strip():
        builder.problem(f"{name!r}: must not be empty", position_mark(position))
        return None
    return data  # type: ignore[no-any-return]


def _one_scalar(builder: Builder, data: Any, position: Position, name: str) -> bool:
    """Whether ``data`` is one YAML scalar within the length limit; reports it when not."""
    if data is None:
        _empty(builder, position, name)
        return False
    if not isinstance(data, str):
        builder.problem(f"{name!r} must be a single value, not a {_shape(data)}", position_mark(position))
        return False
    if len(data) > MAX_TEXT:
        builder.problem(f"{name!r} is longer than {MAX_TEXT} characters", position_mark(position))
        return False
    return True


def _empty(builder: Builder, position: Position, name: str) -> None:
    builder.problem(f"{name!r} must not be empty", position_mark(position))


def _required(field: dataclasses.Field[Any]) -> bool:
    return field.default is dataclasses.MISSING and field.default_factory is dataclasses.MISSING


def _shape(data: Any) -> str:
    return "list" if isinstance(data, list) else "mapping" if isinstance(data, dict) else "value"


# JSON Schema ------------------------------------------------------------------------------
#
# The schema describes what the loader accepts as an editor sees it. Editors read YAML 1.2,
# where `period: 2024` is a number and `date: 2025-03-11` a string, while the loader keeps
# every scalar as the text written; so a field the loader reads as text takes a number or a
# boolean too. Claims, references and checks choose their alternative by `kind` with
# if/then (JSON Schema's discriminator), so that a mistake in a change claim is reported
# against the change claim's fields rather than against every kind's.

SCHEMA_ID = "https://claimcheck.invalid/schema/claimfile-1.json"
SCHEMA_PATH = "schema/claimfile.schema.json"
"""Where a repository keeps the schema, relative to its top: what `claimcheck init` writes."""

_SCALAR_TYPES = ["string", "number", "boolean"]


def schema_text() -> str:
    """The JSON Schema as the file ``claimcheck schema`` prints and ships: indented, final newline."""
    import json

    return json.dumps(json_schema(), indent=2) + "\n"


def json_schema() -> dict[str, Any]:
    """The JSON Schema of claim files, for editors and other tools."""
    from claimcheck.checks import CHECK_KINDS
    from claimcheck.kinds import CLAIM_KINDS

    definitions: dict[str, Any] = {"figure": _figure_schema()}
    for name, kind in CLAIM_KINDS.items():
        definitions[f"claim-{name}"] = _object_schema(kind.record, kind.summary, kind=name, source="refused")
        definitions[f"reference-{name}"] = _object_schema(
            kind.record, kind.summary, kind=name, source="required"
        )
    for name, check in CHECK_KINDS.items():
        definitions[f"check-{name}"] = _object_schema(check.record, check.summary, kind=name)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "claimcheck claim file",
        "description": "An article's numerical claims and the checks across them.",
        "type": "object",
        "additionalProperties": False,
        "required": ["article", "claims"],
        "properties": {
            "article": _object_schema(Article, "The article whose figures are checked."),
            "units": {
                "type": ["object", "null"],
                "description": (
                    "Units this article's figures use that claimcheck does not know, or reads"
                    " otherwise here: 'overnight stay: noun' (a new counted noun), 'bed night:"
                    " night' (an alias), 'people: visitor' (the same persons, for this article)."
                ),
                "additionalProperties": {"type": _SCALAR_TYPES, "pattern": r"\S"},
            },
            "defaults": _object_schema(Defaults, "Settings for every claim of the file."),
            "claims": _records_schema("claim", list(CLAIM_KINDS), "The article's numerical claims."),
            "references": _records_schema(
                "reference",
                list(CLAIM_KINDS),
                "Figures from other documents (a report, a statistical communiqué),"
                " to compare the article's figures with; each needs a 'source'.",
            ),
            "checks": _records_schema("check", list(CHECK_KINDS), "Checks across claims, by id."),
        },
        "$defs": definitions,
    }


def _records_schema(prefix: str, kinds: list[str], description: str) -> dict[str, Any]:
    """A list of records, each validated only against the alternative its ``kind`` names."""
    return {
        "type": ["array", "null"],
        "description": description,
        "items": {
            "type": "object",
            "required": ["kind"],
            "properties": {"kind": {"enum": kinds, "description": f"The kind of {prefix}."}},
            # Understood by tools that read OpenAPI's keyword; JSON Schema validators use allOf.
            "discriminator": {"propertyName": "kind"},
            "allOf": [
                {
                    "if": {"properties": {"kind": {"const": kind}}, "required": ["kind"]},
                    "then": {"$ref": f"#/$defs/{prefix}-{kind}"},
                }
                for kind in kinds
            ],
        },
    }


def _object_schema(
    cls: type[Any], description: str, kind: str | None = None, source: str | None = None
) -> dict[str, Any]:
    hints = _hints(cls)
    properties: dict[str, Any] = {}
    required: list[str] = []
    for field in dataclasses.fields(cls):
        if field.metadata.get("internal"):
            continue
        if field.name == "source" and source == "refused":
            continue  # a claim of the article has no source: that makes it a reference
        schema = _type_schema(hints[field.name])
        if "doc" in field.metadata:
            schema["description"] = field.metadata["doc"]
        if field.name == "id":
            # The loader checks an id's pattern; other patterns (a locale's) only document.
            schema.update(type="string", pattern=field.metadata["pattern"])
        properties[field.name] = schema
        if "min_items" in field.metadata:
            schema["minItems"] = field.metadata["min_items"]
        if _required(field) or (field.name == "source" and source == "required"):
            required.append(field.name)
    if kind is not None:
        properties["kind"] = {"const": kind, "description": f"{kind}: {description}"}
    return {
        "type": "object",
        "description": description,
        "additionalProperties": False,
        "required": required,
        "properties": properties,
    }


def _type_schema(hint: Any) -> dict[str, Any]:
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        options = [arg for arg in typing.get_args(hint) if arg is not type(None)]
        return {"anyOf": [_type_schema(options[0]), {"type": "null"}]}
    if origin is tuple:
        return {"type": "array", "items": _type_schema(typing.get_args(hint)[0])}
    if origin is typing.Literal:
        return {"enum": list(typing.get_args(hint))}
    if hint is Figure:
        return {"$ref": "#/$defs/figure"}
    if hint is Expectation:
        named = _object_schema(_NamedValue, "A value of the claim file, named instead of printed again.")
        return {"anyOf": [{"$ref": "#/$defs/figure"}, named]}
    if hint is bool:
        # The loader takes the words true and false, quoted or not.
        return {"enum": [True, False, "true", "false"]}
    if hint is int:
        return {
            "anyOf": [
                {"type": "integer", "minimum": 0, "maximum": 99},
                {"type": "string", "pattern": r"^\d{1,2}$"},
            ]
        }
    if hint not in _SCALARS and isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return _object_schema(hint, (hint.__doc__ or "").strip())
    if hint is datetime.date:
        return {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$", "format": "date"}
    if hint is Ref:
        return {"type": "string", "pattern": REF_PATTERN}
    if hint is UnitName:
        return {"type": "string", "maxLength": 100, "pattern": r"\S"}
    if hint is FormulaText:
        return {"type": _SCALAR_TYPES, "maxLength": MAX_FORMULA_LENGTH, "pattern": r"\S"}
    # Text: anything written as one value, but not blank.
    return {"type": _SCALAR_TYPES, "maxLength": MAX_TEXT, "pattern": r"\S"}


def _figure_schema() -> dict[str, Any]:
    mapping = _object_schema(_FigureSpec, "A figure with options for how to read it.")
    return {
        "description": "A figure exactly as printed, such as '55.6 billion yuan' or"
        " 'more than 10 million visitors'.",
        "oneOf": [
            {"type": "string", "maxLength": MAX_FIGURE_LENGTH, "pattern": r"\S"},
            {"type": "number"},
            mapping,
        ],
    }
