"""The safe expression language: what it computes, and everything it refuses."""

from __future__ import annotations

import ast
import dataclasses
import time
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimcheck.amounts import Amount
from claimcheck.exact import Exact
from claimcheck.formulas import Formula, FormulaError, bind, evaluate, parse_formula
from claimcheck.intervals import Interval
from claimcheck.units import UnitMismatchError, parse_unit


def amount(lo: int, hi: int, unit: str = "dimensionless") -> Amount:
    return Amount(Interval(Fraction(lo), Fraction(hi)), parse_unit(unit))


def test_evaluates_with_units_and_records_steps() -> None:
    values = {"revenue.value": amount(100, 110, "CNY"), "tourists": amount(10, 11, "tourist")}
    result, steps = evaluate(parse_formula("revenue.value / tourists * 2"), values.__getitem__)
    assert result.interval == Interval(Fraction(200, 11), Fraction(22))
    assert str(result.unit) == "CNY / visitor"
    assert [text for text, _ in steps] == ["revenue.value / tourists", "revenue.value / tourists * 2"]


def test_functions_and_powers() -> None:
    values = {"a": amount(-2, 3)}
    result, _ = evaluate(parse_formula("max(abs(a), 1) ** 2"), values.__getitem__)
    assert result.interval == Interval(Fraction(1), Fraction(9))


def test_names_are_reported() -> None:
    assert parse_formula("(1 + a.rate) / (1 + b.rate) - 1").names == ("a.rate", "b.rate")


def test_adding_yuan_to_visitors_is_a_unit_mismatch() -> None:
    values = {"a": amount(1, 2, "CNY"), "b": amount(1, 2, "visitor")}
    with pytest.raises(UnitMismatchError, match="cannot add CNY and visitor"):
        evaluate(parse_formula("a + b"), values.__getitem__)


@pytest.mark.parametrize(
    ("formula", "reason"),
    [
        ("__import__('os').system('true')", "only the functions"),
        ("a.b.c", "one '.field' at most"),
        ("a.__class__", "not a claim reference"),
        ("'text'", "only numbers"),
        ("a if b else c", "IfExp is not allowed"),
        ("[x for x in a]", "ListComp is not allowed"),
        ("lambda: 1", "Lambda is not allowed"),
        ("a % 3", "operator % is not allowed"),
        ("a // 3", "operator // is not allowed"),
        ("9 ** 9 ** 9", "exponent must be a whole number"),
        ("a ** 99", "exponents are limited"),
        ("a ** b", "exponent must be a whole number"),
        ("a ** 0.5", "exponent must be a whole number"),
        ("max(*a)", "plain arguments"),
        ("min(a, key=b)", "plain arguments"),
        ("abs(a, b)", "wrong number of arguments"),
        ("True + 1", "only numbers"),
        ("1e999", "finite"),
        ("a +", "malformed formula"),
        ("", "empty"),
        ("a" * 600, "longer than"),
        ("(" * 300 + "a" + ")" * 300, "nested too deeply|malformed|longer than"),
        ("+".join(["a"] * 240), "more than 200 parts"),
    ],
)
def test_refused(formula: str, reason: str) -> None:
    with pytest.raises(FormulaError, match=reason):
        parse_formula(formula)


def test_refusal_is_fast_even_for_exponent_towers() -> None:
    start = time.perf_counter()
    with pytest.raises(FormulaError):
        parse_formula("9**9**9**9**9")
    assert time.perf_counter() - start < 1


@pytest.mark.parametrize(
    "text",
    [
        "(1 + a.rate) / (1 + b.rate) - 1",
        "  a*b  +  max(a, b , 2)  ",
        "-(a - b) ** 2 / abs(a)",
        "min(a, max(b, 3)) * 100",
        "(a +\n b) * 2",
    ],
)
def test_step_labels_are_the_text_of_each_operation(text: str) -> None:
    """Labels are worked out when the formula is parsed; they must be what Python's own
    source segments give (the way they were once computed at every evaluation)."""
    formula = parse_formula(text)
    values = {"a": Amount.number(3), "a.rate": Amount.number(Fraction(1, 10)), "b": Amount.number(2)}
    values["b.rate"] = Amount.number(Fraction(1, 20))
    _, steps = evaluate(formula, values.__getitem__)
    expected = [
        ast.get_source_segment(text.strip(), node)
        for node in ast.walk(ast.parse(text.strip(), mode="eval"))
        if isinstance(node, (ast.BinOp, ast.Call))
    ]
    assert sorted(label for label, _ in steps) == sorted(expected)


@pytest.mark.parametrize(
    ("shape", "names", "written"),
    [
        ("left / right", {"left": "revenue.amount", "right": "tourists"}, "revenue.amount / tourists"),
        ("right - left", {"left": "share_2023", "right": "share_2024"}, "share_2024 - share_2023"),
        ("left", {"left": "report.value"}, "report.value"),
        ("left / right", {"left": "tourists", "right": "tourists"}, "tourists / tourists"),
    ],
)
def test_a_bound_shape_is_the_formula_written_out(shape: str, names: dict[str, str], written: str) -> None:
    bound, parsed = bind(shape, **names), parse_formula(written)
    assert (bound.text, bound.names) == (parsed.text, parsed.names)
    table = {
        "revenue.amount": Amount(Interval(Fraction(5), Fraction(6)), parse_unit("yuan")),
        "tourists": Amount(Interval(Fraction(2), Fraction(3)), parse_unit("visitors")),
        "share_2023": Amount(Interval(Fraction(40), Fraction(41)), parse_unit("percent")),
        "share_2024": Amount(Interval(Fraction(45), Fraction(46)), parse_unit("percent")),
        "report.value": Amount(Interval(Fraction(7), Fraction(8)), parse_unit("visitors")),
    }
    bound_result, bound_steps = evaluate(bound, table.__getitem__)
    parsed_result, parsed_steps = evaluate(parsed, table.__getitem__)
    assert bound_result == parsed_result
    assert [label for label, _ in bound_steps] == [label for label, _ in parsed_steps]


# Node counting is skipped for formulas too short to pass the limit: the bound must hold for
# every expression Python parses, not only for those the language allows.
_DENSE = [
    "a",
    "-a",
    "--a",
    "~-a",
    "a,",
    "(*a,)",
    "a,b",
    "a<b",
    "a<b<c<d",
    "a@b",
    "a.b.c",
    "a[b]",
    "[a]",
    "[*a,*b]",
    "f(*a)",
    "()",
    "[]",
    "{a}",
    "{a:b}",
    "a if b else c",
    "not a",
    "(a:=b)",
    "f(a=b)",
    "[a for a in b]",
    "lambda:0",
    'f"{a}"',
    "a<b,c>d",
    "-a,-b",
    "a[b,c]",
    "a[b:c:d]",
]


@pytest.mark.parametrize("text", _DENSE)
def test_no_expression_has_more_nodes_than_the_skipped_count_assumes(text: str) -> None:
    from claimcheck.formulas import NODES_PER_CHARACTER

    nodes = sum(1 for _ in ast.walk(ast.parse(text, mode="eval")))
    assert nodes <= NODES_PER_CHARACTER * len(text)


@given(
    st.recursive(
        st.sampled_from(["a", "b1", "0", "2.5", "x.y"]),
        lambda inner: st.one_of(
            st.tuples(inner, st.sampled_from(["+", "-", "*", "/", "**", "<", "@", ","]), inner).map("".join),
            st.tuples(st.sampled_from(["-", "~", "+"]), inner).map("".join),
            inner.map(lambda text: f"({text})"),
            inner.map(lambda text: f"f({text})"),
            inner.map(lambda text: f"[{text}]"),
            st.tuples(inner, inner).map(lambda pair: f"{pair[0]}[{pair[1]}]"),
        ),
        max_leaves=30,
    )
)
def test_generated_expressions_stay_within_the_node_bound(text: str) -> None:
    from claimcheck.formulas import NODES_PER_CHARACTER

    try:
        tree = ast.parse(text, mode="eval")
    except SyntaxError:
        return
    assert sum(1 for _ in ast.walk(tree)) <= NODES_PER_CHARACTER * len(text)


def _walked(formula: Formula) -> Formula:
    """The same formula without its plan: evaluated by the walk of its tree."""
    return dataclasses.replace(formula, plan=None)


_PLANNED_EXPRESSIONS = st.recursive(
    st.sampled_from(["a", "b", "c.rate", "2", "0.5", "100"]),
    lambda inner: st.one_of(
        st.tuples(inner, st.sampled_from([" + ", " - ", " * ", " / "]), inner).map(
            lambda parts: f"({''.join(parts)})"
        ),
        st.tuples(st.sampled_from(["-", "+"]), inner).map("".join),
    ),
    max_leaves=8,
)


@given(
    _PLANNED_EXPRESSIONS,
    st.lists(st.fractions(min_value=-1000, max_value=1000, max_denominator=50), min_size=3, max_size=3),
    st.sampled_from(["percent", "CNY", "visitor"]),
)
def test_a_planned_formula_gives_what_the_walk_of_its_tree_gives(
    text: str, values: list[Fraction], unit: str
) -> None:
    """The loop over a formula's plan is a faster form of the walk: the same result, the same
    steps in the same order, and the same error, for any formula it takes."""
    formula = parse_formula(text)
    assert formula.plan is not None
    amounts = {
        name: Amount(
            Interval(Exact(value - 1), Exact(value + 1)),
            parse_unit(unit if name != "b" else "percent"),
            Exact(value),
        )
        for name, value in zip(["a", "b", "c.rate"], values, strict=True)
    }

    def outcome(evaluated: Formula) -> object:
        try:
            result, steps = evaluate(evaluated, amounts.__getitem__)
        except (UnitMismatchError, ZeroDivisionError) as error:
            return type(error), str(error)
        return result, steps

    assert outcome(formula) == outcome(_walked(formula))


@pytest.mark.parametrize("text", ["a ** 2", "root(a, 2)", "max(a, b)", "abs(a) + 1"])
def test_powers_and_calls_have_no_plan(text: str) -> None:
    assert parse_formula(text).plan is None
    assert bind("x ** 2", x="a").plan is None


_SHAPED_ATOMS = [
    "a",
    "b.rate",
    "city_gdp_7",
    "n0",
    "n1.share",
    "1",
    "2.5",
    "not",
    "abs",
    "x.in",
    "1e5",
    "A",
    "a.b.c",
]


@st.composite
def _written_formulas(draw: st.DrawFn, depth: int = 0) -> str:
    choice = draw(st.integers(0, 4 if depth < 3 else 0))
    if choice == 0:
        return draw(st.sampled_from(_SHAPED_ATOMS))
    if choice == 1:
        return f"({draw(_written_formulas(depth + 1))})"
    if choice == 2:
        return f"-{draw(_written_formulas(depth + 1))}"
    operator = draw(st.sampled_from([" + ", "-", " * ", "/", " ** ", " / "]))
    return draw(_written_formulas(depth + 1)) + operator + draw(_written_formulas(depth + 1))


def _parsed_as_written(text: str) -> object:
    """What parsing ``text`` itself gives: its text, names, labels, leaves and plan, in the
    order of its tree, or the error."""
    from claimcheck.formulas import _parsed

    try:
        formula = _parsed(text, False)
    except FormulaError as error:
        return error.message, error.offset
    return _shown(formula)


def _shown(formula: Formula) -> object:
    nodes = [id(node) for node in ast.walk(formula.tree)]
    leaves = [formula.leaves[node] for node in nodes if node in formula.leaves]
    return (
        formula.text,
        formula.names,
        [formula.labels[node] for node in nodes if node in formula.labels],
        [leaf if isinstance(leaf, str) else (leaf.nominal, leaf.interval) for leaf in leaves],
        None if formula.plan is None else [(action, operation) for action, _, operation in formula.plan],
    )


@settings(max_examples=500, deadline=None, derandomize=True, database=None)
@given(_written_formulas())
def test_a_formula_made_from_its_shape_is_the_formula_parsed_from_its_text(text: str) -> None:
    """Plain formulas are made from their shape with the ids filled in: the same formula as
    parsing the text gives, and what the shape cannot stand for (keywords, calls, powers,
    capitals, '1e5') is parsed as written, with its own error."""
    from claimcheck.formulas import _shaped

    shaped = _shaped(text)
    if shaped is not None:
        assert _shown(shaped) == _parsed_as_written(text)
    parse_formula.cache_clear()
    try:
        parsed: object = _shown(parse_formula(text))
    except FormulaError as error:
        parsed = error.message, error.offset
    assert parsed == _parsed_as_written(text)


def test_formulas_of_one_shape_share_its_tree() -> None:
    first = parse_formula("(1 + income_1.rate) / (1 + visitors_1.rate) - 1")
    second = parse_formula("(1 + income_2.rate) / (1 + visitors_2.rate) - 1")
    assert first.tree is second.tree
    assert second.names == ("income_2.rate", "visitors_2.rate")
    assert sorted(second.labels.values()) == [
        "(1 + income_2.rate) / (1 + visitors_2.rate)",
        "(1 + income_2.rate) / (1 + visitors_2.rate) - 1",
        "1 + income_2.rate",
        "1 + visitors_2.rate",
    ]
    assert parse_formula("not_1 + 2").names == ("not_1",)
    with pytest.raises(FormulaError, match="not allowed"):
        parse_formula("a if b else c")
