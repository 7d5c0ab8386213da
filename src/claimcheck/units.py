"""Units: claimcheck's own pint registry, and the mapping from printed nouns to units.

The registry is built on first use from ``data/units.txt`` (a few milliseconds), never from
pint's default definitions. Unit algebra and conversion factors are cached: a claim file
uses a handful of units, and pint's operations cost microseconds each.

Definitions and unit names are handed to pint as objects, never as text: pint's text parser
(its tokenizer, built on Python's ``tokenize``) costs about 5 ms the first time it runs, more
than the rest of a short run's work with units. units.txt is read with pint's syntax, and a
test checks that each of its lines gives the definition pint's parser would give.
"""

from __future__ import annotations

import functools
import re
from fractions import Fraction
from typing import Any

from claimcheck.exact import Exact
from claimcheck.identity import by_identity
from claimcheck.vocabulary import DATA, DEFAULT, Term, Vocabulary

MAX_UNIT_LENGTH = 100

Unit = Any
"""A ``pint.Unit`` of claimcheck's registry (pint's own types are generic and unwieldy)."""


class UnknownUnitError(ValueError):
    """A printed unit or noun that the vocabulary does not define."""

    def __init__(self, name: str, suggestions: list[str], reason: str = "", within: str = "") -> None:
        self.name = name
        self.suggestions = suggestions
        hint = f" (did you mean {', '.join(repr(s) for s in suggestions)}?)" if suggestions else ""
        detail = f": {reason}" if reason else ""
        where = f" in {within!r}" if within and within != name else ""
        super().__init__(f"unknown unit {name!r}{where}{detail}{hint}")


class UnitMismatchError(ValueError):
    """Two quantities whose units cannot be added or compared."""

    def __init__(self, left: Unit, right: Unit, operation: str) -> None:
        self.left = left
        self.right = right
        self.operation = operation
        message = f"cannot {operation} {unit_words(left)} and {unit_words(right)}"
        if is_dimensionless(left) != is_dimensionless(right):
            unit = unit_words(right if is_dimensionless(left) else left)
            message += f": a figure printed without a unit needs one here ({unit}?)"
        super().__init__(message)


@functools.cache
def registry() -> Any:
    """claimcheck's own unit registry: empty at first, never pint's default definitions.

    Every unit is defined the first time a figure uses it (:func:`unit_of`): the units of
    ``data/units.txt`` with the units their definitions need, and currencies and counted
    nouns each as a dimension of its own. A run pays for the units its files use, not for
    the whole vocabulary.
    """
    import pint

    # pint works in the standard library's Fraction (gmpy2's mpq loses exactness in its
    # conversions); its factors become Exact once, in conversion_factor.
    return pint.UnitRegistry(None, non_int_type=Fraction)


@functools.cache
def _definitions() -> dict[str, str]:
    """Each unit of ``data/units.txt`` by name, with its definition line in pint's syntax."""
    lines = (DATA / "units.txt").read_text(encoding="utf-8")
    found = {}
    for line in lines.splitlines():
        definition = line.split("#", 1)[0].strip()
        if definition:
            found[definition.split("=", 1)[0].strip()] = definition
    return found


def unit_definition(line: str) -> Any:
    """The ``pint`` unit definition of a line of units.txt, as pint's own parser reads it.

    The grammar is what units.txt uses: ``name = expression [= symbol] [= alias ...]``, where
    the expression is ``[dimension]`` or numbers and unit names (each with an optional
    ``** integer``) joined by ``*`` and ``/``, from left to right; ``_`` as the symbol means
    none. Every number is exact (a Fraction), as in a registry with ``non_int_type=Fraction``.
    """
    from pint.facets.plain import ScaleConverter, UnitDefinition
    from pint.util import UnitsContainer

    name, expression, *names = (part.strip() for part in line.split("="))
    symbol = None
    if names:
        first, *names = names
        symbol = None if first == "_" else first
    scale = Fraction(1)
    exponents: dict[str, Fraction] = {}
    sign, last, power_next = 1, "", False
    for token in expression.split():
        if token in ("*", "/"):
            sign = -1 if token == "/" else 1
        elif token == "**":
            power_next = True
        elif power_next:  # the power of the unit just read: it counted once, it counts n times
            exponents[last] += sign * (Fraction(token) - 1)
            power_next = False
        elif token[0].isdigit():
            scale = scale * Fraction(token) if sign > 0 else scale / Fraction(token)
        else:
            exponents[token] = exponents.get(token, Fraction(0)) + sign
            last = token
    reference = UnitsContainer(exponents, non_int_type=Fraction)
    aliases = tuple(alias for alias in names if alias not in ("", "_"))
    # pint annotates the scale as a float; a registry with non_int_type=Fraction keeps Fractions.
    converter = ScaleConverter(scale)  # type: ignore[arg-type]
    return UnitDefinition(name, symbol, aliases, converter, reference)


def _define(name: str) -> None:
    """Define ``name`` from units.txt, after the units its definition is written in."""
    ureg = registry()
    if name in ureg._units:
        return
    definition = unit_definition(_definitions()[name])
    for word in definition.reference:
        if word in _definitions() and word != name:
            _define(word)
    ureg.define(definition)


@functools.cache
def unit_of(term: Term) -> Unit:
    """The registry unit of a vocabulary term (its factor aside), defined on first use."""
    ureg = registry()
    name = term.canonical
    if term.kind == "unit":
        _define(name)
    elif name not in ureg._units:
        dimension = f"currency_{name}" if term.kind == "currency" else name
        ureg.define(unit_definition(f"{name} = [{dimension}]"))
    # What ureg.parse_units(name) gives for one name, without pint's text parser.
    canonical = ureg.get_name(name)
    return ureg.Unit(ureg.UnitsContainer({canonical: Fraction(1)} if canonical else {}))


@functools.cache
def named(name: str) -> Unit:
    """A unit of ``data/units.txt`` by its registry name: "percent", "percentage_point"."""
    return unit_of(Term("unit", name))


@functools.cache
def dimensionless() -> Unit:
    """The unit of a plain number (``ureg.dimensionless``, without pint's text parser)."""
    ureg = registry()
    return ureg.Unit(ureg.UnitsContainer())


_UNIT_SEPARATORS = re.compile(r"\s*(/|\bper\b|\*|·)\s*")


@functools.lru_cache(maxsize=1024)
def parse_unit(text: str, vocabulary: Vocabulary = DEFAULT) -> Unit:
    """The unit a claim file names: "percent", "visitors", "CNY/visitor", "yuan per tourist".

    The grammar is ours (words of the vocabulary joined by "/", "per", "*" or "·"); the text
    is never handed to pint's expression parser, which would evaluate "9**9**9".
    """
    if len(text) > MAX_UNIT_LENGTH:
        raise UnknownUnitError(text[:40] + "...", [], f"longer than {MAX_UNIT_LENGTH} characters")
    if text.strip() in ("1", "dimensionless"):
        return dimensionless()
    parts = _UNIT_SEPARATORS.split(text.strip())
    unit = None
    operator = "*"
    for index, part in enumerate(parts):
        if index % 2:
            operator = "/" if part in ("/", "per") else "*"
            continue
        if not part:
            raise UnknownUnitError(text, [], "a unit is missing around '/', 'per' or '*'")
        term = vocabulary.term(part)
        if term is None:
            raise UnknownUnitError(part, vocabulary.suggest(part), within=text)
        if term.factor != 1:
            raise UnknownUnitError(part, [], f"it is {term.factor} {term.canonical}; name the unit itself")
        factor = unit_of(term)
        unit = (
            factor if unit is None else (divide(unit, factor) if operator == "/" else multiply(unit, factor))
        )
    if unit is None:
        raise UnknownUnitError(text, [], "no unit given")
    return unit


@by_identity
@functools.cache
def conversion_factor(source: Unit, target: Unit) -> Exact:
    """The exact factor that turns an amount in ``source`` into one in ``target``."""
    import pint

    ureg = registry()
    try:
        magnitude = ureg.Quantity(Fraction(1), source).to(target).magnitude
    except pint.DimensionalityError as error:
        raise UnitMismatchError(source, target, "convert between") from error
    return Exact(magnitude)


ONE = Exact(1)
"""The factor :func:`conversion` gives between two equal units that are different objects."""


@by_identity
def conversion(source: Unit, target: Unit) -> Exact | None:
    """What an amount in ``source`` is multiplied by to be in ``target``: None when they are
    the same unit, :data:`ONE` (that very object) when only the name changes, else the factor.

    Remembered by the identity of the two units (amounts convert at every comparison and
    every sum of two units): one look-up, where pint compares units in Python."""
    if source is target or source == target:
        return None
    factor = conversion_factor(source, target)
    return ONE if factor == 1 else factor


@by_identity
def product(a: Unit, b: Unit) -> tuple[Unit, Exact | None]:
    """The unit of a product with what cancels cancelled (:func:`reduced`), and the factor
    from ``a * b`` to it as :func:`conversion` gives it; remembered by identity."""
    return _simplest(multiply(a, b))


@by_identity
def quotient(a: Unit, b: Unit) -> tuple[Unit, Exact | None]:
    """The unit of a quotient with what cancels cancelled, and the factor from ``a / b`` to
    it, as :func:`product` gives them for a product."""
    return _simplest(divide(a, b))


def _simplest(unit: Unit) -> tuple[Unit, Exact | None]:
    target = reduced(unit)
    if target is unit or target == unit:
        return unit, None
    return target, conversion(unit, target)


@by_identity
@functools.cache
def same_dimension(a: Unit, b: Unit) -> bool:
    """Whether amounts in ``a`` and ``b`` can be added and compared."""
    return bool(a.dimensionality == b.dimensionality)


@by_identity
@functools.cache
def multiply(a: Unit, b: Unit) -> Unit:
    return a * b


@by_identity
@functools.cache
def divide(a: Unit, b: Unit) -> Unit:
    return a / b


@functools.cache
def power(a: Unit, exponent: int) -> Unit:
    return a**exponent


@by_identity
@functools.cache
def reduced(unit: Unit) -> Unit:
    """``unit`` with what cancels cancelled: a plain ratio, or percent dropped from a product."""
    if unit.dimensionless:
        return unit if is_percent(unit) else dimensionless()
    exponent = dict(unit._units).get("percent", 0)
    if exponent:
        return unit / named("percent") ** exponent
    return unit


@by_identity
@functools.cache
def currency_code(unit: Unit) -> str | None:
    """ "CNY" for the yuan; None for a unit that is not one currency."""
    dimensions = dict(unit.dimensionality)
    if len(dimensions) == 1:
        ((name, exponent),) = dimensions.items()
        if exponent == 1 and name.startswith("[currency_"):
            return str(name)[len("[currency_") : -1]
    return None


@by_identity
@functools.cache
def is_percent(unit: Unit) -> bool:
    """Whether ``unit`` is percent: a ratio printed on a scale of 100."""
    return bool(unit == named("percent"))


@by_identity
@functools.cache
def is_points(unit: Unit) -> bool:
    """Whether ``unit`` is the percentage point."""
    return bool(unit == named("percentage_point"))


@by_identity
@functools.cache
def is_dimensionless(unit: Unit) -> bool:
    return bool(unit.dimensionless)


@by_identity
@functools.cache
def format_unit(unit: Unit) -> str:
    """A unit as people read it: "CNY/visitor", "percent", "" for a plain number.

    Written from the unit's own exponents rather than by pint's formatter, which fails on
    powers of units it does not know (visitor squared) on some Python versions.
    """
    if is_dimensionless(unit) and not is_percent(unit):
        return ""
    above = [_power(name, exponent) for name, exponent in unit._units.items() if exponent > 0]
    below = [_power(name, -exponent) for name, exponent in unit._units.items() if exponent < 0]
    return "/".join(["·".join(above) or "1", *below])


def _power(name: str, exponent: Any) -> str:
    return name if exponent == 1 else f"{name}^{exponent}"


def unit_words(unit: Unit) -> str:
    """A unit for a message: its name, or "a plain number"; never empty."""
    return format_unit(unit) or "a plain number"
