"""Hypothesis strategies for claim files: built from the schema, then mutated.

:func:`claim_files` draws a valid claim file (an article, claims of every kind, checks and
references, with quotes that hold their figures), then applies one mutation of a named
class: a value of the wrong type, deep nesting, odd Unicode, numbers at claimcheck's limits,
references to nothing, and so on. Each drawn :class:`Sample` says whether the mutated file is
clear-cut bad, which claimcheck must refuse (exit 2), or may be good or bad.

Used by tests/test_fuzz.py (a bounded number of examples in every test run) and by
benchmarks/fuzz_campaign.py (a long campaign).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

import yaml
from hypothesis import strategies as st

from claimcheck import limits

UNITS = ("visitors", "yuan", "projects", "tourists", "km", "miles", "districts", "percent")
HEDGES = ("", "", "", "more than ", "nearly ", "about ", "at least ", "less than ", "surpassed ")
SCALES = ("", "", " thousand", " million", " billion")
PERIODS = (
    "2024",
    "last year",
    "July 2024",
    "October last year",
    "annually",
    "2025-03-10",
    "the first quarter of 2024",
)
DATE = "2025-03-11"


@dataclass(frozen=True)
class Sample:
    """One generated claim file: its text, the mutation it went through, and whether it is
    clear-cut bad (claimcheck must refuse it with exit 2)."""

    text: str
    mutation: str
    bad: bool


# Building blocks -----------------------------------------------------------------------------

numbers = st.one_of(
    st.integers(0, 10**7).map(str),
    st.integers(1, 999_999).map(lambda n: f"{n:,}"),
    st.decimals(min_value=0, max_value=10**4, places=2, allow_nan=False, allow_infinity=False).map(str),
    st.sampled_from(["nine", "twelve", "0", "1", "55.6", "1,200", "65"]),
)
plain_figures = st.builds(
    lambda number, scale, unit: f"{number}{scale} {unit}",
    numbers,
    st.sampled_from(SCALES),
    st.sampled_from(UNITS),
)
figures = st.builds(lambda hedge, figure: hedge + figure, st.sampled_from(HEDGES), plain_figures)
percentages = st.builds(lambda n: f"{n} percent", st.decimals(0, 99, places=1).map(str))
ids = st.from_regex(r"[a-z][a-z0-9_]{0,8}", fullmatch=True)


def _claim(record_id: str, kind: str, fields: dict[str, Any]) -> dict[str, Any]:
    """A claim whose quote holds every printed figure."""
    printed = []
    for value in fields.values():
        if isinstance(value, str):
            printed.append(value)
        elif isinstance(value, list):
            printed.extend(item for item in value if isinstance(item, str))
    return {"id": record_id, "kind": kind, "quote": ", ".join(printed) or "an event", **fields}


@st.composite
def claims(draw: st.DrawFn, record_id: str) -> dict[str, Any]:
    kind = draw(st.sampled_from(["figure", "change", "conversion", "share", "total", "bound", "event"]))
    unit = draw(st.sampled_from(UNITS))
    number = draw(numbers)
    if kind == "figure":
        fields: dict[str, Any] = {"value": draw(figures)}
    elif kind == "change":
        shape = draw(st.sampled_from(["value-rate", "value-previous", "rate-unit", "all"]))
        fields = {}
        if shape != "rate-unit":
            fields["value"] = f"{number} {unit}"
        if shape in ("value-previous", "all"):
            fields["previous"] = f"{draw(numbers)} {unit}"
        if shape != "value-previous":
            fields["rate"] = draw(percentages)
        if shape == "rate-unit":
            fields["unit"] = unit
        if draw(st.booleans()):
            fields["period"] = draw(st.sampled_from(PERIODS))
    elif kind == "conversion":
        fields = {"amount": f"{number} billion yuan", "converted": f"${draw(numbers)} billion"}
        if draw(st.booleans()):
            fields["rate_tolerance"] = draw(percentages)
    elif kind == "share":
        fields = {"part": f"{number} {unit}", "whole": f"{draw(numbers)} {unit}", "share": draw(percentages)}
    elif kind == "total":
        parts = draw(st.lists(st.builds(lambda n: f"{n} {unit}", numbers), min_size=2, max_size=6))
        fields = {"parts": parts, "total": f"{draw(numbers)} {unit}"}
    elif kind == "bound":
        fields = {"value": f"more than {number} percent", "maximum": "100 percent"}
        if draw(st.booleans()):
            fields["minimum"] = "0 percent"
    else:
        fields = {
            "period": draw(st.sampled_from(PERIODS)),
            "tense": draw(st.sampled_from(["past", "future"])),
        }
    return _claim(record_id, kind, fields)


@st.composite
def checks(draw: st.DrawFn, record_id: str, targets: list[str]) -> dict[str, Any]:
    kind = draw(st.sampled_from(["formula", "ratio", "comparison"]))
    left, right = draw(st.sampled_from(targets)), draw(st.sampled_from(targets))
    if kind == "formula":
        operator = draw(st.sampled_from(["+", "-", "*", "/"]))
        return {"id": record_id, "kind": "formula", "formula": f"{left} {operator} {right}"}
    if kind == "ratio":
        return {"id": record_id, "kind": "ratio", "numerator": left, "denominator": right}
    relation = draw(st.sampled_from(["<", "<=", ">", ">=", "=="]))
    return {"id": record_id, "kind": "comparison", "left": left, "relation": relation, "right": right}


@st.composite
def documents(draw: st.DrawFn) -> dict[str, Any]:
    """A claim file as data, valid by construction."""
    record_ids = draw(st.lists(ids, min_size=1, max_size=5, unique=True))
    data: dict[str, Any] = {
        "article": {"title": "T", "publisher": "P", "date": DATE},
        "claims": [draw(claims(record_id)) for record_id in record_ids],
    }
    if draw(st.booleans()):
        data["checks"] = [
            draw(checks(f"check_{index}", record_ids)) for index in range(draw(st.integers(1, 3)))
        ]
    if draw(st.booleans()):
        reference = draw(claims("reference_a"))
        reference["source"] = {"title": "Report", "publisher": "Bureau", "date": "2025-01-01"}
        data["references"] = [reference]
    if draw(st.booleans()):
        data["defaults"] = {"rate_window": str(draw(st.integers(0, 10))), "rate_tolerance": draw(percentages)}
    return data


# Mutations -----------------------------------------------------------------------------------

HOSTILE_NUMBERS = (
    "9" * limits.MAX_NUMBER_DIGITS,
    "9" * (limits.MAX_NUMBER_DIGITS + 1),
    "1" + "0" * (limits.MAX_FIGURE_LENGTH - 10),
    "0." + "0" * 150 + "1",
    "1e308",
    "1e-400",
    "-0",
    "+5",
    "\u22125",
)
ODD_TEXT = (
    "\u200b5 visitors",
    "5\u00a0million visitors",
    "５ visitors",
    "٥ visitors",
    "5 mİllion visitors",
    "ſix visitors",
    "HK$5 billion",
    "nearly 0 visitors",
    "5 visitors" + "\u0301" * 5,
    "\U0001f600 5 visitors",
    "5 " + "x" * 300,
    "",
    " ",
    "5 visitors\n6 visitors",
)
ODD_PRECISIONS = ("1e400", "1e-400", "10/3", "-1", "0", "abc", "1/0", "1e5", "0.001")
ODD_PERIODS = (
    "0001",
    "9999",
    "may " * 300 + "2024",
    "the first quarter of the first quarter of 2024",
    "2024-13",
    "",
)
ODD_FORMULAS = (
    "(" * 60 + "1" + " + 1)" * 60,  # nested 60 deep (parentheses alone make no nodes)
    "((((2**12)**12)**12)**12)",
    "1e308 * 1e308",
    "a ** -12",
    "__import__('os')",
    "a.b.c",
    "1 / 0",
    " + ".join(["1"] * 120),
    "max()",
    "abs(1, 2)",
)


def _records(data: dict[str, Any]) -> list[dict[str, Any]]:
    return [record for key in ("claims", "checks", "references") for record in data.get(key, [])]


@st.composite
def mutated(  # noqa: PLR0915 - one branch per mutation class, read as a table
    draw: st.DrawFn, data: dict[str, Any]
) -> tuple[dict[str, Any] | str, str, bool]:
    """One mutation of a valid document: (data or raw text, mutation class, clear-cut bad)."""
    data = copy.deepcopy(data)
    records = _records(data)
    record = draw(st.sampled_from(records))
    key = draw(st.sampled_from(sorted(record)))
    mutation = draw(
        st.sampled_from(
            [
                "none",
                "type-swapped",
                "null-required",
                "kind-odd",
                "key-unknown",
                "key-dropped",
                "nesting",
                "unicode-figure",
                "number-at-limit",
                "precision-odd",
                "period-odd",
                "formula-odd",
                "reference-odd",
                "duplicate-id",
                "top-level-odd",
                "bytes-odd",
                "article-text-odd",
                "parts-many",
                "limits-swapped",
                "tolerance-odd",
                "unit-odd",
            ]
        )
    )
    if mutation == "none":
        return data, mutation, False
    if mutation == "type-swapped":
        record[key] = draw(st.sampled_from([[record[key]], {"x": record[key]}, [], {}]))
        return data, mutation, True
    if mutation == "null-required":
        field = draw(st.sampled_from(["id", "kind", "quote"]))
        if field in record:
            record[field] = None
            return data, mutation, True
        data["article"]["title"] = None
        return data, mutation, True
    if mutation == "kind-odd":
        record["kind"] = draw(st.sampled_from([["figure"], {"figure": 1}, "Figure", "", "figures", "1"]))
        return data, mutation, True
    if mutation == "key-unknown":
        record[draw(st.sampled_from(["valeu", "Value", "qoute", "__class__", "x" * 50]))] = "5 visitors"
        return data, mutation, True
    if mutation == "key-dropped":
        dropped = draw(st.sampled_from(["id", "kind"]))
        record.pop(dropped, None)
        return data, mutation, True
    if mutation == "nesting":
        depth = draw(st.integers(1, 50))
        value: Any = record[key]
        for _ in range(depth):
            value = draw(st.sampled_from([[value], {"printed": value}]))
        record[key] = value
        # A list is never a figure, and id, kind and quote are single words; a mapping
        # {"printed": ...} may be the long form of a figure.
        return data, mutation, isinstance(value, list) or key in ("id", "kind", "quote")
    if mutation == "unicode-figure":
        odd = draw(st.sampled_from(ODD_TEXT) | st.text(min_size=1, max_size=20))
        field = next(
            (name for name in ("value", "amount", "total", "rate", "part") if name in record), "value"
        )
        record[field] = odd
        record["quote"] = odd
        return data, mutation, False
    if mutation == "number-at-limit":
        number = draw(st.sampled_from(HOSTILE_NUMBERS))
        figure = f"{number} {draw(st.sampled_from(UNITS))}"
        data["claims"].append({"id": "limit", "kind": "figure", "quote": figure, "value": figure})
        return data, mutation, False
    if mutation == "precision-odd":
        figure = "5 visitors"
        precision = draw(st.sampled_from(ODD_PRECISIONS))
        value = {"printed": figure, "precision": precision}
        data["claims"].append({"id": "precise", "kind": "figure", "quote": figure, "value": value})
        return data, mutation, precision in ("-1", "0", "abc", "1/0")
    if mutation == "period-odd":
        record["period"] = draw(st.sampled_from(ODD_PERIODS))
        return data, mutation, record["period"] in ("2024-13", "")
    if mutation == "formula-odd":
        formula = draw(st.sampled_from(ODD_FORMULAS))
        data.setdefault("checks", []).append({"id": "odd_formula", "kind": "formula", "formula": formula})
        refused = ("((", "__import__", "a.b.c", "max()", "abs(1, 2)")
        return data, mutation, any(formula.startswith(item) for item in refused)
    if mutation == "reference-odd":
        target = draw(
            st.sampled_from(["nobody", "Upper", "a.b.c", "", "1a", record.get("id", "x") + ".nothing"])
        )
        data.setdefault("checks", []).append(
            {"id": "odd_reference", "kind": "comparison", "left": target, "relation": "<", "right": target}
        )
        return data, mutation, True
    if mutation == "duplicate-id":
        data["claims"].append(copy.deepcopy(data["claims"][0]))
        return data, mutation, True
    if mutation == "top-level-odd":
        choice = draw(
            st.sampled_from(["drop-article", "drop-claims", "claims-null", "claims-mapping", "extra-key"])
        )
        if choice == "drop-article":
            del data["article"]
        elif choice == "drop-claims":
            del data["claims"]
        elif choice == "claims-null":
            data["claims"] = None
        elif choice == "claims-mapping":
            data["claims"] = {"a": 1}
        else:
            data["unexpected"] = 1
        return data, mutation, True
    if mutation == "article-text-odd":
        data["article"]["text"] = draw(st.sampled_from(["/dev/zero", "/dev/null", ".", "missing.txt", "/"]))
        return data, mutation, True
    if mutation == "parts-many":
        count = draw(st.integers(2, limits.MAX_PARTS + 20))
        parts = ["1 district"] * count
        total = f"{count} districts"
        quote = ", ".join([*parts, total])
        data["claims"].append({"id": "many", "kind": "total", "quote": quote, "parts": parts, "total": total})
        return data, mutation, count > limits.MAX_PARTS
    if mutation == "limits-swapped":
        value = "more than 97 percent"
        bound = {"value": value, "minimum": "100 percent", "maximum": "0 percent"}
        data["claims"].append({"id": "swapped", "kind": "bound", "quote": value, **bound})
        return data, mutation, True
    if mutation == "tolerance-odd":
        tolerance = draw(
            st.sampled_from(["-50 percent", "5 yuan", "100 percent", "150 percent", "more than 1 percent"])
        )
        if draw(st.booleans()):
            data["defaults"] = {"rate_tolerance": tolerance}
        else:
            amounts = {"amount": "55.6 billion yuan", "converted": "$7.66 billion"}
            quote = "55.6 billion yuan ($7.66 billion)"
            conversion = {"id": "converted", "kind": "conversion", "quote": quote, **amounts}
            data["claims"].append({**conversion, "rate_tolerance": tolerance})
        return data, mutation, True
    if mutation == "unit-odd":
        unit = draw(st.sampled_from(["foo", "", "visitors per", "percent", "km/h", "yuan**2"]))
        change = {"id": "unit_change", "kind": "change", "quote": "up 3 percent", "rate": "3 percent"}
        data["claims"].append(
            {**change, "unit": unit, "period": draw(st.sampled_from(("0001", "9999", "2024")))}
        )
        return data, mutation, unit in ("foo", "", "visitors per")
    # bytes-odd: damage the YAML text itself
    text = _dump(data)
    position = draw(st.integers(0, max(0, len(text) - 1)))
    insert = draw(
        st.sampled_from(["\x00", "\x80", "\t", ": :", "- [", "&a ", "*a", "!!python/object ", "\ufeff", '"'])
    )
    # A NUL makes the file binary and a C1 control is refused anywhere in a YAML stream; the
    # others may land inside a string, where they are only text.
    return text[:position] + insert + text[position:], mutation, insert in ("\x00", "\x80")


def _dump(data: dict[str, Any]) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000)


@st.composite
def claim_files(draw: st.DrawFn) -> Sample:
    """A claim file built from the schema and then mutated once."""
    data, mutation, bad = draw(mutated(draw(documents())))
    text = data if isinstance(data, str) else _dump(data)
    return Sample(text, mutation, bad)
