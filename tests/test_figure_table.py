"""The strict figure reader against a hand-written table of printed figures.

Every row of ``tests/data/figure_table.yaml`` was worked out by hand from the reader's grammar
(issue 7, "The strict figure reader"), not by running the reader: a valid figure must read as
the interval and unit given, an invalid one must raise ``FigureError`` (or ``UnknownUnitError``
for a noun the vocabulary lacks) with a message that contains the given text.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from claimcheck import figures
from claimcheck.display import format_interval
from claimcheck.units import UnknownUnitError, format_unit

TABLE = Path(__file__).resolve().parent / "data" / "figure_table.yaml"
ROWS: list[dict[str, Any]] = yaml.safe_load(TABLE.read_text(encoding="utf-8"))["rows"]

VALID = [row for row in ROWS if "error" not in row]
INVALID = [row for row in ROWS if "error" in row]

_CONTEXT_KEYS = {"locale", "currency_hints"}
_VALID_KEYS = {"printed", "interval", "unit", "why"} | _CONTEXT_KEYS
_ERROR_KEYS = {"printed", "error", "why"} | _CONTEXT_KEYS
_INTERVAL = re.compile(r"[\[(]-?[\d,.]+|\(-inf")


def _read(row: dict[str, Any]) -> Any:
    """Read one row's figure in the row's reading context (English, no hints, unless given)."""
    # Looked up at call time so that the table still collects before the rewrite lands.
    kwargs: dict[str, Any] = {}
    if "locale" in row:
        kwargs["locale"] = row["locale"]
    if "currency_hints" in row:
        kwargs["currency_hints"] = tuple(row["currency_hints"])
    context = figures.ReadingContext(**kwargs)
    return figures.read_figure(row["printed"], context=context)


def _id(row: dict[str, Any]) -> str:
    return str(row["printed"])


@pytest.mark.parametrize("row", VALID, ids=_id)
def test_valid_figure(row: dict[str, Any]) -> None:
    reading = _read(row)
    assert (format_interval(reading.interval), format_unit(reading.unit)) == (row["interval"], row["unit"])


@pytest.mark.parametrize("row", INVALID, ids=_id)
def test_invalid_figure(row: dict[str, Any]) -> None:
    with pytest.raises((figures.FigureError, UnknownUnitError)) as caught:
        _read(row)
    assert row["error"] in str(caught.value)


# The table itself -------------------------------------------------------------------------------


def test_the_table_is_large_enough() -> None:
    assert len(ROWS) >= 300
    assert len(INVALID) >= 80


@pytest.mark.parametrize("row", ROWS, ids=_id)
def test_rows_are_well_formed(row: dict[str, Any]) -> None:
    assert isinstance(row["printed"], str)
    if "error" in row:
        assert set(row) <= _ERROR_KEYS
        assert isinstance(row["error"], str) and row["error"]
    else:
        assert set(row) <= _VALID_KEYS and {"interval", "unit"} <= set(row)
        assert isinstance(row["interval"], str) and isinstance(row["unit"], str)
        interval = row["interval"]
        assert _INTERVAL.match(interval) or re.fullmatch(r"-?[\d,.]+", interval), interval
    if "locale" in row:
        assert isinstance(row["locale"], str)  # YAML reads a bare no as False
    if "currency_hints" in row:
        assert isinstance(row["currency_hints"], list)
        assert all(isinstance(code, str) and len(code) == 3 for code in row["currency_hints"])


def test_no_row_is_listed_twice() -> None:
    keys = [(row["printed"], row.get("locale"), tuple(row.get("currency_hints", ()))) for row in ROWS]
    assert len(keys) == len(set(keys))
