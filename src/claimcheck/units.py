"""Units: claimcheck's own pint registry, and the mapping from printed nouns to units.

The registry is built on first use from ``data/units.txt`` (a few milliseconds), never from
pint's default definitions. Unit algebra and conversion factors are cached: a claim file
uses a handful of units, and pint's operations cost microseconds each.
"""

from __future__ import annotations

import functools
import re
from fractions import Fraction
from importlib import resources
from typing import Any

Unit = Any
"""A ``pint.Unit`` of claimcheck's registry (pint's own types are generic and unwieldy)."""

CURRENCY_SYMBOLS: dict[str, str] = {
    "US$": "USD",
    "HK$": "HKD",
    "NT$": "TWD",
    "$": "USD",
    "¥": "CNY",
    "€": "EUR",
    "£": "GBP",
}
"""Printed currency symbols and the currency each stands for, longest first."""


class UnknownUnitError(ValueError):
    """A printed unit or noun that the registry does not define."""

    def __init__(self, name: str, suggestions: list[str]) -> None:
        self.name = name
        self.suggestions = suggestions
        hint = f" (did you mean {', '.join(suggestions)}?)" if suggestions else ""
        super().__init__(f"unknown unit {name!r}{hint}")


class UnitMismatchError(ValueError):
    """Two quantities whose units cannot be added or compared."""

    def __init__(self, left: Unit, right: Unit, operation: str) -> None:
        self.left = left
        self.right = right
        self.operation = operation
        super().__init__(
            f"cannot {operation} {format_unit(left)} and {format_unit(right)}: "
            f"{dimension_words(left)} is not {dimension_words(right)}"
        )


@functools.cache
def registry() -> Any:
    """The unit registry, built once from our own definitions file."""
    import pint

    ureg: Any = pint.UnitRegistry(None, non_int_type=Fraction)
    definitions = (resources.files("claimcheck") / "data" / "units.txt").read_text(encoding="utf-8")
    # One define() per line is half the cost of load_definitions(), which sets up pint's
    # file-parsing machinery (imports, nested files) that our flat file does not use.
    for line in definitions.splitlines():
        definition = line.split("#", 1)[0].strip()
        if definition:
            ureg.define(definition)
    return ureg


@functools.cache
def dimensionless() -> Unit:
    return registry().dimensionless


@functools.cache
def parse_unit(name: str) -> Unit:
    """The unit named ``name`` (a registry name, alias or expression such as "CNY/visit")."""
    import pint

    ureg = registry()
    try:
        return ureg.parse_units(name)
    except (pint.UndefinedUnitError, pint.errors.DefinitionSyntaxError, AttributeError) as error:
        raise UnknownUnitError(name, _suggest(name)) from error
    except Exception as error:  # pint's parser raises assorted errors on malformed text
        raise UnknownUnitError(name, _suggest(name)) from error


_NOUN_SPLIT = re.compile(r"[\s\-]+")


@functools.cache
def unit_for_noun(noun: str) -> Unit:
    """The unit of a printed noun phrase: "domestic tourists" is a visit, "yuan" is CNY.

    Tries the whole phrase, then ever shorter runs of its words, the later run first at
    each length ("domestic tourists" -> "tourists", "yuan in revenue" -> "yuan"), so that
    qualifiers and trailing descriptions need no definitions of their own.
    """
    numerator, per, denominator = noun.lower().partition(" per ")
    if per:  # "yuan per tourist"
        return divide(unit_for_noun(numerator), unit_for_noun(denominator))
    words = [word for word in _NOUN_SPLIT.split(noun.strip().lower()) if word]
    if not words:
        return dimensionless()
    for length in range(len(words), 0, -1):
        for start in range(len(words) - length, -1, -1):
            candidate = "_".join(words[start : start + length])
            for form in _singular_forms(candidate):
                unit = _lookup(form)
                if unit is not None:
                    return unit
    raise UnknownUnitError(noun, _suggest(words[-1]))


def _singular_forms(word: str) -> list[str]:
    forms = [word]
    if word.endswith("ies"):
        forms.append(word[:-3] + "y")
    if word.endswith("es"):
        forms.append(word[:-2])
    if word.endswith("s"):
        forms.append(word[:-1])
    return forms


def _lookup(name: str) -> Unit | None:
    names = known_names()
    for candidate in (name, name.upper()):
        if candidate in names:
            return registry().parse_units(candidate)
    return None


@functools.cache
def known_names() -> frozenset[str]:
    """Every unit name, symbol and alias the registry defines."""
    return frozenset(registry()._units.keys())


def _suggest(name: str) -> list[str]:
    import difflib

    return difflib.get_close_matches(name.lower(), sorted(known_names()), n=3, cutoff=0.6)


@functools.cache
def conversion_factor(source: Unit, target: Unit) -> Fraction:
    """The exact factor that turns an amount in ``source`` into one in ``target``."""
    import pint

    ureg = registry()
    try:
        magnitude = ureg.Quantity(Fraction(1), source).to(target).magnitude
    except pint.DimensionalityError as error:
        raise UnitMismatchError(source, target, "convert between") from error
    return Fraction(magnitude)


@functools.cache
def same_dimension(a: Unit, b: Unit) -> bool:
    """Whether amounts in ``a`` and ``b`` can be added and compared."""
    return bool(a.dimensionality == b.dimensionality)


@functools.cache
def multiply(a: Unit, b: Unit) -> Unit:
    return a * b


@functools.cache
def divide(a: Unit, b: Unit) -> Unit:
    return a / b


@functools.cache
def power(a: Unit, exponent: int) -> Unit:
    return a**exponent


@functools.cache
def reduced(unit: Unit) -> Unit:
    """``unit`` with what cancels cancelled: a plain ratio, or percent dropped from a product."""
    if unit.dimensionless:
        return unit if is_percent(unit) else dimensionless()
    exponent = dict(unit._units).get("percent", 0)
    if exponent:
        return unit / registry().percent ** exponent
    return unit


@functools.cache
def currency_code(unit: Unit) -> str | None:
    """ "CNY" for the yuan; None for a unit that is not one currency."""
    dimensions = dict(unit.dimensionality)
    if len(dimensions) == 1:
        ((name, exponent),) = dimensions.items()
        if exponent == 1 and name.startswith("[currency_"):
            return str(name)[len("[currency_") : -1]
    return None


@functools.cache
def is_percent(unit: Unit) -> bool:
    """Whether ``unit`` is percent: a ratio printed on a scale of 100."""
    return bool(unit == registry().percent)


@functools.cache
def is_points(unit: Unit) -> bool:
    """Whether ``unit`` is the percentage point."""
    return bool(unit == registry().percentage_point)


@functools.cache
def is_dimensionless(unit: Unit) -> bool:
    return bool(unit.dimensionless)


@functools.cache
def format_unit(unit: Unit) -> str:
    """A unit as people read it: "CNY/visit", "percent", "" for a plain number."""
    if is_dimensionless(unit) and not is_percent(unit):
        return ""
    return str(unit).replace(" / ", "/").replace(" * ", "·").replace(" ** ", "^")


@functools.cache
def dimension_words(unit: Unit) -> str:
    """The dimension of a unit in words, for error messages: "currency_CNY/visit"."""
    dims = unit.dimensionality
    if not dims:
        return "a plain number"
    return str(dims).replace("[", "").replace("]", "").replace(" / ", "/")
