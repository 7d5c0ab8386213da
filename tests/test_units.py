"""The unit registry: units.txt read as pint reads it, units named as pint's parser names them."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import pint
import pytest

from claimcheck import units
from claimcheck.vocabulary import Term, _default_nouns, currencies

CURRENCY_AND_NOUN_LINES = ["CNY = [currency_CNY]", "visitor = [visitor]", "site = [site]"]


def _pint_reads(line: str) -> Any:
    """The definition pint's own text parser makes of ``line``."""
    ureg = pint.UnitRegistry(None, non_int_type=Fraction)
    (definition,) = ureg._def_parser.iter_parsed_project(ureg._def_parser.parse_string(line))
    return definition


def _shape(definition: Any) -> tuple[Any, ...]:
    """Everything of a unit definition that the registry uses, with the types of the numbers."""
    reference = definition.reference
    return (
        definition.name,
        definition.defined_symbol,
        definition.aliases,
        type(definition.converter).__name__,
        definition.converter.scale,
        type(definition.converter.scale),
        [(key, value, type(value)) for key, value in reference.items()],
        reference._non_int_type,
        definition.is_base,
    )


@pytest.mark.parametrize("line", [*units._definitions().values(), *CURRENCY_AND_NOUN_LINES])
def test_each_line_of_units_txt_gives_the_definition_pint_would(line: str) -> None:
    assert _shape(units.unit_definition(line)) == _shape(_pint_reads(line))


def test_a_power_of_a_unit_named_twice_counts_every_time() -> None:
    definition = units.unit_definition("odd = 10000 / 16 * metre * metre ** 2 / second = od")
    assert _shape(definition) == _shape(_pint_reads("odd = 10000 / 16 * metre * metre ** 2 / second = od"))
    assert dict(definition.reference) == {"metre": 3, "second": -1}
    assert definition.converter.scale == Fraction(625)


@pytest.mark.parametrize(
    "term",
    [
        *(Term("unit", name) for name in units._definitions()),
        Term("currency", "CNY"),
        Term("currency", "USD"),
        Term("noun", "visitor"),
        Term("noun", "project"),
    ],
)
def test_a_term_names_the_unit_pint_would_parse(term: Term) -> None:
    unit = units.unit_of(term)
    parsed = units.registry().parse_units(term.canonical)
    assert unit == parsed
    assert [(key, value, type(value)) for key, value in unit._units.items()] == [
        (key, value, type(value)) for key, value in parsed._units.items()
    ]
    assert units.format_unit(unit) == units.format_unit(parsed)


def test_every_noun_and_currency_names_the_unit_pint_would_parse() -> None:
    terms = {*_default_nouns().values(), *(Term("currency", currency.code) for currency in currencies())}
    for term in sorted(terms):
        unit = units.unit_of(term)
        parsed = units.registry().parse_units(term.canonical)
        assert unit._units == parsed._units, term
        assert units.format_unit(unit) == units.format_unit(parsed), term


def test_the_plain_number_is_pints_dimensionless() -> None:
    unit = units.dimensionless()
    assert unit == units.registry().dimensionless
    assert unit._units == units.registry().parse_units("dimensionless")._units
    assert unit.dimensionless
    assert units.format_unit(unit) == ""
