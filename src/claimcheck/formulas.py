"""A small, safe expression language for derived figures.

A formula is arithmetic over names: ``revenue.value / tourists.value``,
``(1 + revenue.rate) / (1 + tourists.rate) - 1``. It allows numbers, names (a claim or
check id, optionally followed by one ``.field``), ``+ - * / **``, unary minus, parentheses
and the functions ``min``, ``max``, ``abs`` and ``root``. Exponents must be whole-number literals no
larger than :data:`~claimcheck.limits.MAX_EXPONENT`, or fractions of two such literals written
out (``x ** (1/4)``, ``x ** (2/3)``); ``root(x, n)`` is the n-th root, n a whole-number literal
up to :data:`~claimcheck.limits.MAX_ROOT_DEGREE`. Roots are exact intervals rounded outward
(:mod:`claimcheck.roots`). There are no strings, no attribute access on objects, no
keywords and no comprehensions: the text is parsed by Python's ``ast`` module and every
node is checked against a whitelist before anything is evaluated, and evaluation only
looks names up in a table of amounts. Results are bounded in size
(:data:`~claimcheck.limits.MAX_RESULT_DIGITS`), checked before each power is taken, so that
stacked powers are refused instead of computed for hours.
"""

from __future__ import annotations

import ast
import functools
import keyword
import math
import re
from collections.abc import Callable, Mapping

from claimcheck import limits
from claimcheck.amounts import Amount, fractional_power, root
from claimcheck.exact import Exact
from claimcheck.intervals import Interval, IntervalError
from claimcheck.limits import (
    MAX_EXPONENT,
    MAX_FORMULA_DEPTH,
    MAX_FORMULA_LENGTH,
    MAX_FORMULA_NODES,
    MAX_NUMBER_DIGITS,
    MAX_RESULT_BITS,
    MAX_RESULT_DIGITS,
    MAX_ROOT_DEGREE,
)
from claimcheck.valueclass import value_class

_NUMBER_LIMIT = 10**MAX_NUMBER_DIGITS
"""A number in a formula must be below this and, unless zero, above its reciprocal."""
FUNCTIONS: dict[str, Callable[..., Amount]] = {
    "min": lambda *args: functools.reduce(Amount.minimum, args),
    "max": lambda *args: functools.reduce(Amount.maximum, args),
    "abs": lambda arg: arg.absolute(),
}
ROOT = "root"
"""``root(x, n)``: called like a function, but its degree n is a literal, never an amount."""
_NAME = re.compile(r"[a-z][a-z0-9_]*(?:\.[a-z][a-z0-9_]*)?")


class FormulaError(ValueError):
    """A formula that is malformed or uses something the language does not allow."""

    def __init__(self, message: str, offset: int = 0) -> None:
        self.message = message
        self.offset = offset
        super().__init__(message)


class ResultTooLargeError(FormulaError):
    """A computed value that would pass :data:`~claimcheck.limits.MAX_RESULT_DIGITS`."""

    def __init__(self, expression: str, offset: int = 0) -> None:
        super().__init__(
            f"{expression!r} would give a number of more than {MAX_RESULT_DIGITS:,} digits", offset
        )


@value_class(repr=False, eq=False)
class Formula:
    """A parsed, checked formula and the names it reads."""

    text: str
    tree: ast.expr
    names: tuple[str, ...]
    labels: dict[int, str]
    """The text of each operation and call, by ``id`` of its node: the label of its step."""
    leaves: dict[int, str | Amount]
    """What each name (its qualified name) and number (its amount) stands for, by ``id`` of
    its node: worked out once, when the formula is checked, not at every evaluation."""
    plan: tuple[Instruction, ...] | None = None
    """The tree in evaluation order, when it holds only names, numbers, signs and ``+ - * /``
    (nearly every formula): evaluated by a loop instead of a walk that asks each node's type."""


Instruction = tuple[int, int, Callable[[Amount, Amount], Amount] | None]
"""One step of a formula's plan: what to do (:data:`_LEAF`, :data:`_NEGATE` or
:data:`_OPERATE`), the ``id`` of its node, and for an operation, the operation."""
_LEAF, _NEGATE, _OPERATE = range(3)

Step = tuple[str, Amount]
"""One computed sub-expression, as written in the formula, and its amount."""


NODES_PER_CHARACTER = 3
"""No expression's syntax tree has more nodes than three per character of its text: a name is
two (with its context), an operator adds at most two ('-a', 'a<b' with its operator node),
and the root one ('a' is three). So a formula this short cannot pass MAX_FORMULA_NODES, and
counting its nodes (a walk of the whole tree, a sixth of parsing it) is skipped."""

_SHORTEST_TOO_LARGE = MAX_FORMULA_NODES // NODES_PER_CHARACTER


@functools.lru_cache(maxsize=1024)
def parse_formula(text: str, *, trusted: bool = False) -> Formula:
    """Parse and check a formula; raises :class:`FormulaError` with the reason and column.

    ``trusted`` is for the formulas claimcheck builds itself (the sum of a total's parts):
    they may be longer than a claim file's formulas, whose size is limited.
    """
    if len(text) > MAX_FORMULA_LENGTH and not trusted:
        raise FormulaError(f"formula is longer than {MAX_FORMULA_LENGTH} characters")
    if not text.strip():
        raise FormulaError("formula is empty")
    if not trusted and len(text) <= _SHORTEST_TOO_LARGE:
        shaped = _shaped(text.strip())
        if shaped is not None:
            return shaped
    return _parsed(text, trusted)


def _parsed(text: str, trusted: bool) -> Formula:
    """:func:`parse_formula` of a formula that is neither too long nor empty, from its text."""
    try:
        tree = ast.parse(text.strip(), mode="eval")
    except SyntaxError as error:
        raise FormulaError(f"malformed formula: {error.msg}", (error.offset or 1) - 1) from None
    except (RecursionError, MemoryError, ValueError):
        raise FormulaError("formula is nested too deeply") from None
    if not trusted and len(text) > _SHORTEST_TOO_LARGE and sum(1 for _ in ast.walk(tree)) > MAX_FORMULA_NODES:
        raise FormulaError(f"formula has more than {MAX_FORMULA_NODES} parts")
    leaves: dict[int, str | Amount] = {}
    operations: list[ast.expr] = []
    # claimcheck's own sums nest once per part, up to MAX_PARTS: no depth limit for them.
    # claimcheck's own formulas compound over a multi-year change's years: more than 12.
    limit = MAX_ROOT_DEGREE if trusted else MAX_EXPONENT
    _check(tree.body, leaves, 0 if not trusted else -limits.MAX_PARTS, operations, limit)
    source = text.strip()
    labels = {id(node): _source(source, node) for node in operations}
    names = tuple(dict.fromkeys(leaf for leaf in leaves.values() if isinstance(leaf, str)))
    return Formula(source, tree.body, names, labels, leaves, _plan(tree.body))


_PLAIN_FORMULA = re.compile(
    r"(?:[ ()+*/-]|[a-z][a-z0-9_]*(?:\.[a-z][a-z0-9_]*)?(?![a-z0-9_.])|[0-9]+(?:\.[0-9]+)?(?![a-z0-9_.]))*"
)
"""A formula of names, numbers written plainly, ``+ - * /``, parentheses and spaces: the
formulas whose text can be read as a shape (see :func:`_shaped`)."""
_CLAIM_ID = re.compile(r"(?<![.a-z0-9_])[a-z][a-z0-9_]*")
"""The claim id of a name in a plain formula (not its '.field', nor part of a number)."""


def _shaped(text: str) -> Formula | None:
    """The formula ``text`` (stripped, short enough to skip the count of its nodes), made
    from its shape when it is a plain formula with a plan; None for any other, to be parsed.

    Formulas in an archive differ from file to file only by their claim ids:
    ``output_share_7.share * city_gdp_7``. Its shape, ``n0.share * n1``, is parsed and
    checked once, and each formula of that shape only fills in its ids, as :func:`bind` does:
    the same checks pass or fail on the same tree with other names (an id is never checked
    but for its spelling, which a plain formula's ids have), and the labels of its steps are
    the shape's with the ids written back. Shapes with powers or calls, whose evaluation
    reports places in the text, and anything unusual (a keyword, a capital, '1e5', a line
    break) are parsed as written.
    """
    if not _PLAIN_FORMULA.fullmatch(text):
        return None
    ids: dict[str, str] = {}

    def placeholder(match: re.Match[str]) -> str:
        name = match.group()
        found = ids.get(name)
        if found is None:
            found = ids[name] = f"n{len(ids)}"
        return found

    shape = _CLAIM_ID.sub(placeholder, text)
    if not _KEYWORDS.isdisjoint(ids):
        return None  # 'not', 'if': Python would read them otherwise
    template = _user_shape(shape)
    if template is None:
        return None
    formula, labels, names_of, leaves = template
    names = {placeholder: name for name, placeholder in ids.items()}
    return Formula(
        text,
        formula.tree,
        tuple(names[placeholder] + field for placeholder, field in names_of),
        {node: label.format_map(names) for node, label in labels.items()},
        {
            node: names[leaf[0]] + leaf[1] if isinstance(leaf, tuple) else leaf
            for node, leaf in leaves.items()
        },
        formula.plan,  # the same tree: its nodes keep their ids
    )


_KEYWORDS = frozenset(keyword.kwlist)


def _placeholder_and_field(name: str) -> tuple[str, str]:
    """A qualified name of a shape, ``n0.field``, as its placeholder and the rest: ``.field``."""
    placeholder, dot, field = name.partition(".")
    return placeholder, dot + field


@functools.lru_cache(maxsize=256)
def _user_shape(
    shape: str,
) -> tuple[Formula, dict[int, str], tuple[tuple[str, str], ...], dict[int, tuple[str, str] | Amount]] | None:
    """A shape parsed and checked as a claim file's formula is, with the labels of its steps
    as format strings (a field for each placeholder), and its names and leaves with each name
    split into its placeholder and the rest; None if it fails or has no plan, or when a field
    is a keyword ('x.in'), which Python would read otherwise."""
    if not _KEYWORDS.isdisjoint(re.findall(r"\.([a-z0-9_]+)", shape)):
        return None  # fields are not placeholders: the shape has the formula's own
    try:
        template = _parsed(shape, False)
    except FormulaError:
        return None
    if template.plan is None:
        return None
    labels = {
        node: _CLAIM_ID.sub(lambda match: "{" + match.group() + "}", label)
        for node, label in template.labels.items()
    }
    names = tuple(_placeholder_and_field(name) for name in template.names)
    leaves = {
        node: _placeholder_and_field(leaf) if isinstance(leaf, str) else leaf
        for node, leaf in template.leaves.items()
    }
    return template, labels, names, leaves


def bind(shape: str, **names: str) -> Formula:
    """The formula ``shape`` with claim references in the places of its placeholders:
    ``bind("left / right", left="revenue", right="tourists")`` is ``revenue / tourists``.

    Checks build their formulas from the references they name; the shape is parsed once, and
    each check only fills in its names (parsing every check's own text cost a sixth of
    verifying a file). ``shape`` must be a trusted formula whose only names are the keywords.
    """
    template, text, labels = _shape(shape)
    return Formula(
        text.format_map(names),
        template.tree,
        tuple(dict.fromkeys(names[name] for name in template.names)),
        {node: label.format_map(names) for node, label in labels.items()},
        {node: names[leaf] if isinstance(leaf, str) else leaf for node, leaf in template.leaves.items()},
        template.plan,  # the same tree: its nodes keep their ids
    )


@functools.lru_cache(maxsize=16)
def _shape(shape: str) -> tuple[Formula, str, dict[int, str]]:
    """The parsed shape, and its text and step labels as format strings with a field for each
    placeholder, so that binding names is a format call rather than a search."""
    template = parse_formula(shape, trusted=True)
    placeholder = re.compile(r"\b(?:" + "|".join(map(re.escape, template.names)) + r")\b")

    def fields(text: str) -> str:
        escaped = text.replace("{", "{{").replace("}", "}}")
        return placeholder.sub(lambda match: "{" + match.group() + "}", escaped)

    text = fields(template.text)
    # The label of the whole formula's step is its text: the same string, which evaluate_bound
    # then fills in once for both.
    labels = {node: fields(label) for node, label in template.labels.items()}
    return template, text, {node: text if label == text else label for node, label in labels.items()}


def _plan(tree: ast.expr) -> tuple[Instruction, ...] | None:
    """The plan of a checked tree (see :attr:`Formula.plan`); None if it has powers or calls."""
    plan: list[Instruction] = []

    def add(node: ast.expr) -> bool:
        if isinstance(node, (ast.Constant, ast.Name, ast.Attribute)):
            plan.append((_LEAF, id(node), None))
        elif isinstance(node, ast.UnaryOp):
            if not add(node.operand):
                return False
            if isinstance(node.op, ast.USub):
                plan.append((_NEGATE, id(node), None))
        elif isinstance(node, ast.BinOp) and type(node.op) in _BINARY:
            if not (add(node.left) and add(node.right)):
                return False
            plan.append((_OPERATE, id(node), _BINARY[type(node.op)]))
        else:
            return False
        return True

    return tuple(plan) if add(tree) else None


def _check(
    node: ast.expr,
    leaves: dict[int, str | Amount],
    depth: int,
    operations: list[ast.expr],
    limit: int = MAX_EXPONENT,
) -> None:
    """Check ``node`` and below; collect the names read and the numbers (``leaves``), and the
    operations and calls (steps)."""
    offset = getattr(node, "col_offset", 0)
    if depth > MAX_FORMULA_DEPTH:
        raise FormulaError(f"formula is nested more than {MAX_FORMULA_DEPTH} levels deep", offset)
    depth += 1
    if isinstance(node, ast.Constant):
        if isinstance(node.value, bool) or not isinstance(node.value, (int, float)):
            raise FormulaError(f"only numbers are allowed, not {node.value!r}", offset)
        if isinstance(node.value, float) and not math.isfinite(node.value):
            raise FormulaError("numbers must be finite", offset)
        if node.value != 0 and not 1 / _NUMBER_LIMIT < abs(node.value) < _NUMBER_LIMIT:
            raise FormulaError(f"numbers are limited to {MAX_NUMBER_DIGITS} digits", offset)
        leaves[id(node)] = Amount.number(Exact(str(node.value)))
    elif isinstance(node, (ast.Name, ast.Attribute)):
        leaves[id(node)] = _reference(node)
    elif isinstance(node, ast.BinOp):
        if not isinstance(node.op, (ast.Add, ast.Sub, ast.Mult, ast.Div, ast.Pow)):
            raise FormulaError(f"operator {_symbol(node.op)} is not allowed", offset)
        operations.append(node)
        if isinstance(node.op, ast.Pow):
            _any_exponent(node.right, limit)
            _check(node.left, leaves, depth, operations, limit)
        else:
            _check(node.left, leaves, depth, operations, limit)
            _check(node.right, leaves, depth, operations, limit)
    elif isinstance(node, ast.UnaryOp):
        if not isinstance(node.op, (ast.USub, ast.UAdd)):
            raise FormulaError(f"operator {_symbol(node.op)} is not allowed", offset)
        _check(node.operand, leaves, depth, operations, limit)
    elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == ROOT:
        if node.keywords or len(node.args) != 2 or isinstance(node.args[0], ast.Starred):
            raise FormulaError("root() takes a value and a degree: root(x, 4)", offset)
        _root_degree(node.args[1])
        operations.append(node)
        _check(node.args[0], leaves, depth, operations, limit)
    elif isinstance(node, ast.Call):
        if not isinstance(node.func, ast.Name) or node.func.id not in FUNCTIONS:
            allowed = ", ".join(sorted([*FUNCTIONS, ROOT]))
            raise FormulaError(f"only the functions {allowed} may be called", offset)
        if node.keywords or any(isinstance(arg, ast.Starred) for arg in node.args):
            raise FormulaError("functions take plain arguments only", offset)
        if not node.args or (node.func.id == "abs" and len(node.args) != 1):
            raise FormulaError(f"wrong number of arguments to {node.func.id}()", offset)
        operations.append(node)
        for arg in node.args:
            _check(arg, leaves, depth, operations, limit)
    else:
        raise FormulaError(f"{type(node).__name__} is not allowed in a formula", offset)


def _reference(node: ast.Name | ast.Attribute) -> str:
    """The qualified name ``id`` or ``id.field``; anything deeper is refused."""
    if isinstance(node, ast.Name):
        text = node.id
    elif isinstance(node.value, ast.Name):
        text = f"{node.value.id}.{node.attr}"
    else:
        raise FormulaError("a name may have one '.field' at most", node.col_offset)
    if not _NAME.fullmatch(text):
        raise FormulaError(
            f"{text!r} is not a claim reference (lower-case letters, digits and '_')",
            node.col_offset,
        )
    return text


def _exponent(node: ast.expr, limit: int | None = MAX_EXPONENT) -> int:
    value: object = None
    if isinstance(node, ast.Constant):
        value = node.value
    elif (
        isinstance(node, ast.UnaryOp)
        and isinstance(node.op, ast.USub)
        and isinstance(node.operand, ast.Constant)
    ):
        value = node.operand.value
        value = -value if isinstance(value, int) and not isinstance(value, bool) else None
    if not isinstance(value, int) or isinstance(value, bool):
        raise FormulaError("an exponent must be a whole number written out", node.col_offset)
    if limit is not None and abs(value) > limit:
        raise FormulaError(f"exponents are limited to ±{limit}", node.col_offset)
    return value


def _any_exponent(node: ast.expr, limit: int | None = MAX_EXPONENT) -> int | Exact:
    """A whole exponent, or a fraction of two whole literals written out: ``(1/4)``, ``(-2/3)``.

    ``limit`` bounds the whole exponent or numerator; None when the formula was checked already.
    """
    if not (isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div)):
        return _exponent(node, limit)
    numerator = _exponent(node.left, limit)
    denominator = _literal(node.right)
    if denominator is None or denominator < 1:
        raise FormulaError(
            "a fractional exponent is two whole numbers written out: x ** (1/4)", node.right.col_offset
        )
    if denominator > MAX_ROOT_DEGREE:
        raise FormulaError(
            f"the denominator of an exponent is limited to {MAX_ROOT_DEGREE:,}", node.right.col_offset
        )
    return Exact(numerator, denominator)


def _root_degree(node: ast.expr) -> int:
    degree = _literal(node)
    if degree is None or degree < 1:
        raise FormulaError("a root's degree must be a whole number written out: root(x, 4)", node.col_offset)
    if degree > MAX_ROOT_DEGREE:
        raise FormulaError(f"a root's degree is limited to {MAX_ROOT_DEGREE:,}", node.col_offset)
    return degree


def _literal(node: ast.expr) -> int | None:
    """The value of a whole-number literal, or None for anything else."""
    if isinstance(node, ast.Constant) and isinstance(node.value, int) and not isinstance(node.value, bool):
        return node.value
    return None


def _symbol(op: ast.AST) -> str:
    return {
        "Mod": "%",
        "FloorDiv": "//",
        "MatMult": "@",
        "BitAnd": "&",
        "BitOr": "|",
        "BitXor": "^",
        "LShift": "<<",
        "RShift": ">>",
        "Not": "not",
        "Invert": "~",
    }.get(type(op).__name__, type(op).__name__)


def evaluate(formula: Formula, lookup: Callable[[str], Amount]) -> tuple[Amount, list[Step]]:
    """Evaluate a checked formula; every operation's result is recorded as a step."""
    steps: list[Step] = []
    plan = formula.plan
    if plan is None:
        result = _evaluate(formula.tree, formula, lookup, steps)
    else:
        # The plan: what _evaluate does, in the same order, as a loop (nearly every formula).
        leaves, labels = formula.leaves, formula.labels
        stack: list[Amount] = []
        for action, node, operation in plan:
            if action == _LEAF:
                leaf = leaves[node]
                stack.append(lookup(leaf) if isinstance(leaf, str) else leaf)
            elif action == _NEGATE:
                stack[-1] = -stack[-1]
            else:
                assert operation is not None
                right = stack.pop()
                result = stack[-1] = operation(stack[-1], right)
                steps.append((labels[node], result))
        result = stack[0]
    _refuse_too_large(result, formula.text)
    return result, steps


def _refuse_too_large(result: Amount, text: str) -> None:
    """Raise ResultTooLargeError (for the formula ``text``) when ``result`` holds a number
    larger than :data:`MAX_RESULT_BITS`.

    Sums, products and quotients grow at most to the total size of their operands (a few
    hundred thousand digits, computed in a moment), so their size is checked once, at the end
    of an evaluation; only a power can explode, and it is checked before it is taken.
    ``_bits(result) > MAX_RESULT_BITS``, written out: this runs for every figure.
    """
    interval = result.interval
    for value in (interval.lo, interval.hi, result.nominal):
        if type(value) is Exact and (
            value.numerator.bit_length() > MAX_RESULT_BITS or value.denominator.bit_length() > MAX_RESULT_BITS
        ):
            raise ResultTooLargeError(text)


def evaluate_bound(
    shape: str, names: Mapping[str, str], lookup: Callable[[str], Amount]
) -> tuple[str, tuple[str, ...], Amount, list[Step]]:
    """``evaluate(bind(shape, **names), lookup)``, with the bound formula's text and names,
    without making the bound formula: the shape's plan is run with each placeholder's name
    looked up, and only the labels of the steps taken are written. Checks evaluate their
    shapes once each, so binding (a formula's worth of dictionaries) cost more than the run."""
    template, text, labels = _shape(shape)
    plan = template.plan
    if plan is None:  # a shape with powers or calls: bound and evaluated as written
        formula = bind(shape, **names)
        return (formula.text, formula.names, *evaluate(formula, lookup))
    leaves = template.leaves
    steps: list[Step] = []
    stack: list[Amount] = []
    bound = None
    for action, node, operation in plan:  # as evaluate() runs a plan
        if action == _LEAF:
            leaf = leaves[node]
            stack.append(lookup(names[leaf]) if isinstance(leaf, str) else leaf)
        elif action == _NEGATE:
            stack[-1] = -stack[-1]
        else:
            assert operation is not None
            right = stack.pop()
            result = stack[-1] = operation(stack[-1], right)
            label = labels[node]
            step = label.format_map(names)
            if label is text:  # the whole formula's step: its text, filled in once (see _shape)
                bound = step
            steps.append((step, result))
    result = stack[0]
    if bound is None:
        bound = text.format_map(names)
    _refuse_too_large(result, bound)
    return bound, tuple(dict.fromkeys(map(names.__getitem__, template.names))), result, steps


def _evaluate(node: ast.expr, formula: Formula, lookup: Callable[[str], Amount], steps: list[Step]) -> Amount:
    leaf = formula.leaves.get(id(node))
    if leaf is not None:  # a name or a number
        return lookup(leaf) if isinstance(leaf, str) else leaf
    labels = formula.labels
    if isinstance(node, ast.UnaryOp):
        operand = _evaluate(node.operand, formula, lookup, steps)
        return -operand if isinstance(node.op, ast.USub) else operand
    if isinstance(node, ast.BinOp):
        left = _evaluate(node.left, formula, lookup, steps)
        if isinstance(node.op, ast.Pow):
            exponent = _any_exponent(node.right, None)  # within its limit: parse_formula made sure
            power = exponent if isinstance(exponent, int) else int(exponent.numerator)
            if _bits(left) * abs(power) > MAX_RESULT_BITS:
                raise ResultTooLargeError(labels[id(node)], node.col_offset)
            if isinstance(exponent, int) or exponent.denominator == 1:
                result = left**power
            else:
                result = _rooted(lambda: fractional_power(left, exponent), labels, node)
        else:
            right = _evaluate(node.right, formula, lookup, steps)
            result = _BINARY[type(node.op)](left, right)
    elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == ROOT:
        radicand = _evaluate(node.args[0], formula, lookup, steps)
        degree = _root_degree(node.args[1])
        result = _rooted(lambda: root(radicand, degree), labels, node)
    elif isinstance(node, ast.Call):
        assert isinstance(node.func, ast.Name)
        args = [_evaluate(arg, formula, lookup, steps) for arg in node.args]
        result = FUNCTIONS[node.func.id](*args)
    else:  # pragma: no cover - parse_formula refuses everything else
        raise FormulaError(f"{type(node).__name__} is not allowed in a formula")
    steps.append((labels[id(node)], result))
    return result


def _rooted(compute: Callable[[], Amount], labels: dict[int, str], node: ast.expr) -> Amount:
    """A root, with an even root of values that are all negative reported at its place."""
    try:
        return compute()
    except IntervalError as error:
        raise FormulaError(f"{labels[id(node)]!r}: {error}", node.col_offset) from None


def _source(text: str, node: ast.expr) -> str:
    """The text of ``node`` as written in ``text``, worked out once per formula."""
    end = node.end_col_offset
    if text.isascii() and node.lineno == node.end_lineno == 1 and end is not None:
        return text[node.col_offset : end] or ast.unparse(node)  # offsets count UTF-8 bytes
    return ast.get_source_segment(text, node) or ast.unparse(node)


def _bits(amount: Amount) -> int:
    """The size of an amount's largest number, in bits: cheap, and never turns it into text."""
    interval: Interval = amount.interval
    size = 0
    for value in (interval.lo, interval.hi, amount.nominal):
        if type(value) is Exact:  # not an infinite end, nor None (Exact is final)
            numerator, denominator = value.numerator.bit_length(), value.denominator.bit_length()
            # Comparisons rather than max(), a call: this runs at every evaluation.
            if numerator > size:  # noqa: PLR1730
                size = numerator
            if denominator > size:  # noqa: PLR1730
                size = denominator
    return size


_BINARY: dict[type[ast.operator], Callable[[Amount, Amount], Amount]] = {
    ast.Add: Amount.__add__,
    ast.Sub: Amount.__sub__,
    ast.Mult: Amount.__mul__,
    ast.Div: Amount.__truediv__,
}
