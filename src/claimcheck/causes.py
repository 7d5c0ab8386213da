"""Likely causes: the small slips that would make an inconsistent claim or check fit.

When a record is inconsistent, claimcheck tries the slips that writers and editors make most
often and reports those under which the record fits, most likely first. Each class of slip
is one function, registered in :data:`CAUSES` with a name, a finding code (CC5xx), a
description in plain words and a rank (lower is likelier). Two families:

- **Edits of a printed figure**: one digit changed, two adjacent digits swapped, a decimal
  point or scale word slipped, percent printed for percentage points. The printed text is
  edited, read again by the one figure reader (:func:`claimcheck.figures.read_figure`, so
  "$7.66 billion" is read exactly as a printed figure), and the edited record and every check
  that depends on it are evaluated again. An edit is a likely cause when the inconsistent
  record then fits, and not only under the loose reading of a round figure, and no record
  that did not fail fares worse.
- **Slips of arithmetic**: a change divided by the new value instead of the old, a total off
  by exactly one part, a per-unit figure divided by another figure than its denominator. The
  record's own amounts are recomputed with the slip and judged by the engine's one rule
  (:func:`claimcheck.verdicts.judge`).

A likely cause is a note beside a verdict; it never changes one. The search runs only for
inconsistent records, so a file that adds up pays nothing for it, and it is bounded by
counts, never by the clock, so that the same file always gives the same causes.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterator
from typing import Any, Generic, Protocol, Self, TypeVar

from claimcheck import rates, rules, units
from claimcheck.amounts import Amount
from claimcheck.checks import CHECK_KINDS
from claimcheck.checks.base import target_unit
from claimcheck.checks.formula import FormulaCheck
from claimcheck.checks.ratio import RatioCheck
from claimcheck.derivation import derive
from claimcheck.exact import Exact
from claimcheck.figures import Reading, ReadingContext, read_figure
from claimcheck.formulas import Formula, bind
from claimcheck.intervals import Interval
from claimcheck.kinds import CLAIM_KINDS, Outcome
from claimcheck.kinds.base import Context
from claimcheck.kinds.change import ChangeClaim
from claimcheck.kinds.conversion import ConversionClaim, market_terms
from claimcheck.kinds.total import TotalClaim
from claimcheck.loader import ClaimFile
from claimcheck.market import widened
from claimcheck.numerals import decimal_comma
from claimcheck.records import Check, Claim, Expectation, Figure, Record
from claimcheck.results import Comparison, Derived, LikelyCause, Result
from claimcheck.valueclass import value_class
from claimcheck.verdicts import Verdict

MAX_CAUSES = 3
"""Likely causes reported per record: when more fit, the figures are too rough to single one out."""

MAX_FIGURES = 12
"""Printed figures whose edits are tried per inconsistent record: its own, then those it reads."""

MAX_DIGITS = 12
"""Digits of one printed figure that digit edits try, from the left: more than any figure needs."""

MAX_RECORD_EVALUATIONS = 400
"""Evaluations of records that the edits tried for one inconsistent record may take: about a
quarter of a millisecond each, so at most a tenth of a second per record, and more than any
record of the test files needs (the most, a check over two claims, takes about 250)."""

MAX_FILE_EVALUATIONS = 2000
"""Evaluations the edits of one claim file may take in all, whatever its number of
inconsistencies: at most about half a second of CPU for the most broken file. The bounds are
counts, not a clock, so the same file always gets the same causes."""

MAX_DIVISORS = 60
"""Other figures tried as the divisor of a per-unit figure, in file order."""

_ERRORS = (ArithmeticError, ValueError, LookupError)
"""What evaluating an edited record may raise (a unit mismatch, a result too large, a value
the edit took away): the edit is then no likely cause. Anything else is a bug, reported as
one by the engine's safety net."""


class ValueTable(Protocol):
    """The amounts of every evaluated record by id and field, as the engine keeps them."""

    values: dict[str, dict[str, Amount]]
    primary: dict[str, str]

    def copy(self) -> Self: ...

    def lookup(self, name: str) -> Amount: ...


V = TypeVar("V", bound=ValueTable)


Miss = tuple[int, Exact]
"""How far a slip's figures miss the printed one: (0 outright, 1 near, 2 far; the relative
gap), lower is likelier (see :func:`_miss`)."""


@value_class(repr=False, eq=False)
class Fit:
    """One slip under which an inconsistent record fits, as a finder reports it."""

    figure: str
    printed: str
    message: str
    suggested: str | None = None
    same: object = None
    """What makes two fits the same slip: the edited figure's value ("48.6 billion" and
    "48,600 million" are one suggestion); the message when None."""
    miss: Miss = (0, Exact(0))
    """How far the printed numbers with the slip still miss the printed figure (see :func:`_miss`)."""


Finder = Callable[["Search[Any]", Result], Iterator[Fit]]


@value_class(repr=False, eq=False)
class CauseClass:
    """One class of slip: how to find it, and how to name it."""

    name: str
    code: str
    rank: int
    """Lower is likelier: fits of a lower rank are reported first."""
    description: str
    find: Finder


@value_class(repr=False, eq=False)
class Edit:
    """An edited printed figure, and the edit in words."""

    text: str
    detail: str


StringEdits = Callable[[Figure, ReadingContext], Iterator[Edit]]


class Search(Generic[V]):
    """The likely causes of the inconsistent records of one evaluated claim file."""

    def __init__(
        self,
        claim_file: ClaimFile,
        results: dict[str, Result],
        values: V,
        evaluate: Callable[[Record, V], Outcome],
    ) -> None:
        self.claim_file = claim_file
        self.results = results
        self.values = values
        self.evaluate = evaluate
        self.budget = 0
        """Evaluations left for the record being searched."""
        self.spent = 0
        """Evaluations the file's searches have taken so far."""
        self.records: dict[str, Record] = {
            record.id: record for record in (*claim_file.claims, *claim_file.checks)
        }
        self._readers: dict[str, list[str]] | None = None
        self._dependents: dict[str, tuple[Record, ...]] = {}
        self._quick: dict[str, QuickTest | None] = {}
        self._edits: dict[tuple[StringEdits, str, str], tuple[Edit, ...]] = {}
        self._cannot_run_out: set[str] | None = None
        """The inconsistent records not searched yet, when no search of this file can reach a
        bound on evaluations (see :meth:`_searches_cannot_run_out`); empty when one can."""
        self.charge_every_edit = True
        """Whether every edit is charged as evaluated (the record being searched might reach
        a bound on evaluations, and must reach it where it always did); when not, an edit a
        quick test sets aside is dropped before its record is rebuilt, uncharged."""

    def causes_of(self, result: Result) -> tuple[LikelyCause, ...]:
        """The likely causes of one inconsistent result, most likely first, at most MAX_CAUSES.

        The engine asks once for each inconsistent result of the file; a result asked for
        again, or one not inconsistent, is searched with every edit charged.
        """
        cannot_run_out = self._searches_cannot_run_out()
        self.charge_every_edit = result.record.id not in cannot_run_out
        cannot_run_out.discard(result.record.id)  # searched once: a second search is charged
        allowed = min(MAX_RECORD_EVALUATIONS, MAX_FILE_EVALUATIONS - self.spent)
        self.budget = allowed
        try:
            return self._causes_of(result)
        finally:
            self.spent += allowed - self.budget

    def _searches_cannot_run_out(self) -> set[str]:
        """The inconsistent records of the file, when searching them all cannot reach a bound.

        Each edit is charged at most its record and the checks that depend on it. When even
        charging every edit of every inconsistent record stays below MAX_RECORD_EVALUATIONS
        for each and below MAX_FILE_EVALUATIONS for all, no search of this file runs out: an
        edit that surely does not fit (see :data:`QUICK_TESTS`) can then be set aside before
        its record is rebuilt and checked by the loader's rules, uncharged, and the same causes
        are found. Otherwise every edit is charged as it always was. Worked out only for files
        where a quick test may set edits aside.
        """
        if self._cannot_run_out is None:
            self._cannot_run_out = set()
            results = self.results.values()
            inconsistent = [result for result in results if result.verdict is Verdict.INCONSISTENT]
            if not any(type(result.record) in QUICK_TESTS for result in inconsistent):
                return self._cannot_run_out  # nothing would be set aside: no need to know
            total = 0
            try:
                for result in inconsistent:
                    most = self._most_evaluations(result, MAX_RECORD_EVALUATIONS)
                    if most is None or total + most >= MAX_FILE_EVALUATIONS:
                        self._cannot_run_out.clear()
                        break
                    total += most
                    self._cannot_run_out.add(result.record.id)
            except Exception:  # an edit that fails is reported by its own search
                self._cannot_run_out.clear()
        return self._cannot_run_out

    def _most_evaluations(self, result: Result, limit: int) -> int | None:
        """The most evaluations the edits tried for ``result`` could be charged; None as soon
        as that reaches ``limit`` (the search may run out).

        Only :class:`EditFinder` finders try edits, and so charge evaluations (see
        :meth:`try_edit`, which raises if a search thought unable to run out does)."""
        most = 0
        for owner, name, figure in self.figures(result):
            edits = sum(
                len(self.edits_of(cause.find.edits, owner, name, figure))
                for cause in CAUSES
                if isinstance(cause.find, EditFinder)
            )
            most += edits * (1 + sum(check.id in self.results for check in self.dependents(owner.id)))
            if most >= limit:
                return None
        return most

    def edits_of(self, edits: StringEdits, owner: Record, name: str, figure: Figure) -> tuple[Edit, ...]:
        """The edits ``edits`` makes of the figure ``name`` of ``owner``, listed once."""
        key = (edits, owner.id, name)
        found = self._edits.get(key)
        if found is None:
            found = self._edits[key] = tuple(edits(figure, self.claim_file.context))
        return found

    def _causes_of(self, result: Result) -> tuple[LikelyCause, ...]:
        found: dict[tuple[str, object], tuple[tuple[int, int, Exact, int], LikelyCause]] = {}
        for cause in CAUSES:
            for order, fit in enumerate(cause.find(self, result)):
                key = (fit.figure, fit.same if fit.same is not None else fit.message)
                if key in found:
                    continue  # the same slip found twice: the first, likelier, form names it
                # A slip under which the printed numbers give the printed figure outright is
                # likelier than one that comes near it, and that than one that fits only
                # thanks to wide rounding, whatever their class; then the likelier class, then
                # the closer fit.
                rank = (fit.miss[0], cause.rank, fit.miss[1], order)
                found[key] = (
                    rank,
                    LikelyCause(cause.code, cause.name, fit.message, fit.figure, fit.printed, fit.suggested),
                )
        ranked = sorted(found.values(), key=lambda item: item[0])
        if ranked:  # only the closest kind of fit: outright fits hide near ones, near ones far ones
            ranked = [item for item in ranked if item[0][0] == ranked[0][0][0]]
        best: dict[str, LikelyCause] = {}  # one suggestion per figure: it tells the editor what to check
        for _, likely in ranked:
            best.setdefault(likely.figure, likely)
        return tuple(best.values())[:MAX_CAUSES]

    # The records a figure reaches --------------------------------------------------------

    def readers(self, record_id: str) -> list[str]:
        """The checks that read ``record_id`` directly."""
        if self._readers is None:
            self._readers = {}
            for check in self.claim_file.checks:
                for target in dict.fromkeys(ref.target for ref in check.references()):
                    self._readers.setdefault(target, []).append(check.id)
        return self._readers.get(record_id, [])

    def dependents(self, record_id: str) -> tuple[Record, ...]:
        """Every check that reads ``record_id``, directly or through other checks, in evaluation order."""
        found = self._dependents.get(record_id)
        if found is None:  # asked for at every trial edit of the record's figures
            found = self._dependents[record_id] = self._reached_from(record_id)
        return found

    def _reached_from(self, record_id: str) -> tuple[Record, ...]:
        reached: set[str] = set()
        waiting = [record_id]
        while waiting:
            for reader in self.readers(waiting.pop()):
                if reader not in reached:
                    reached.add(reader)
                    waiting.append(reader)
        order = self.claim_file.check_order
        return tuple(self.records[check_id] for check_id in order if check_id in reached)

    def figures(self, result: Result) -> list[tuple[Record, str, Figure]]:
        """The printed figures an edit may touch: the record's own, then those of the claims a check reads.

        Reference figures are not edited: they are the cited source's, not the article's.
        """
        record = result.record
        found = [(record, name, figure) for name, figure in _own_figures(record)]
        if isinstance(record, Check):
            for claim in self._claims_read(record):
                if claim.source is None:
                    found += [(claim, name, figure) for name, figure in _own_figures(claim)]
        return found[:MAX_FIGURES]

    def _claims_read(self, check: Check) -> list[Claim]:
        claims: dict[str, Claim] = {}
        seen: set[str] = set()
        waiting: list[Record] = [check]
        while waiting:
            current = waiting.pop(0)
            if not isinstance(current, Check):
                continue
            for ref in current.references():
                target = self.records.get(ref.target)
                if target is None or target.id in seen:
                    continue
                seen.add(target.id)
                if isinstance(target, Claim):
                    claims[target.id] = target
                else:
                    waiting.append(target)
        return list(claims.values())

    # Trying an edit ----------------------------------------------------------------------

    def try_edit(
        self, target: Result, owner: Record, name: str, figure: Figure, text: str
    ) -> tuple[object, Miss] | None:
        """The value ``figure`` of ``owner`` printed as ``text`` stands for, and how closely
        ``target`` then fits (see :func:`_miss`); None when it does not fit, or the edit breaks
        what held."""
        try:
            reading = read_figure(text, figure.options, self.claim_file.context)
        except ValueError:  # a figure the edit made unreadable (FigureError, UnknownUnitError)
            return None
        if reading.role != figure.reading.role or reading.nominal == 0:
            return None  # a figure edited to nothing is no typo but a part left out
        hopeless = owner is target.record and self._cannot_fit(target, name, reading)
        if hopeless and not self.charge_every_edit:
            return None  # no search of the file can run out: no need to charge it
        edited = _replaced(owner, name, Figure(text, reading, figure.options, figure.at))
        if _issues(edited):
            return None
        # Checks that failed as printed (a claim-file problem) have no verdict to keep.
        affected = [edited, *(check for check in self.dependents(owner.id) if check.id in self.results)]
        if len(affected) > self.budget:
            if not self.charge_every_edit:  # edits were set aside uncharged: findings could drift
                raise RuntimeError(f"the search of {target.record.id!r} ran out where it could not")
            self.budget = 0
            return None
        self.budget -= len(affected)
        if hopeless:
            return None  # charged all the same: a bound is reached where it always was
        values = self.values.copy()
        miss: Miss | None = None
        for record in affected:
            try:
                outcome = self.evaluate(record, values)
            except _ERRORS:
                return None
            before = self.results.get(record.id)
            if record.id == target.record.id:
                if outcome.verdict is not Verdict.CONSISTENT or _loose(outcome.remarks):
                    return None
                miss = _miss(outcome.derived)
            elif (
                before is not None
                and before.verdict is not Verdict.INCONSISTENT
                and outcome.verdict.rank > before.verdict.rank
            ):
                return None  # the edit breaks what held
        same = reading.interval if reading.nominal is None else reading.nominal
        return None if miss is None else (same, miss)

    def _cannot_fit(self, target: Result, name: str, reading: Reading) -> bool:
        """Whether the target, its figure ``name`` read as ``reading``, surely does not fit:
        a cheap test that spares the full evaluation of most edits (see :data:`QUICK_TESTS`)."""
        record = target.record
        if record.id in self._quick:
            quick = self._quick[record.id]
        else:
            make = QUICK_TESTS.get(type(record))
            quick = self._quick[record.id] = None if make is None else make(record, self.claim_file)
        return quick is not None and quick(name, reading)


QuickTest = Callable[[str, Reading], bool]
"""Whether a record, one of its own figures (by field name) read otherwise, surely does not
fit: True only where evaluating the edited record would give a verdict other than
consistent, or raise one of :data:`_ERRORS`, so that :meth:`Search.try_edit` would reject the
edit anyway; False whenever in doubt."""


def _own_figures(record: Record) -> list[tuple[str, Figure]]:
    """A record's printed figures by field name: a claim's quoted ones, a check's 'expect'."""
    if isinstance(record, Claim):
        return list(record.figures().items())
    found: list[tuple[str, Figure]] = []
    for item in dataclasses.fields(record):
        value = getattr(record, item.name)
        if isinstance(value, Expectation):  # a check's 'expect': printed, or naming a value
            value = value.figure
        if isinstance(value, Figure):
            found.append((item.name, value))
    return found


def _replaced(record: Record, name: str, figure: Figure) -> Record:
    """``record`` with the figure of field ``name`` ("value", "parts[2]") replaced."""
    field_name, _, index = name.partition("[")
    changed: dict[str, Any] = {field_name: figure}
    if isinstance(getattr(record, field_name), Expectation):
        changed[field_name] = Expectation(figure=figure)
    if index:
        items = list(getattr(record, field_name))
        items[int(index[:-1]) - 1] = figure
        changed[field_name] = tuple(items)
    return dataclasses.replace(record, **changed)


def _issues(record: Record) -> bool:
    """Whether the loader would refuse the edited record (percentage points of a count)."""
    kind = CLAIM_KINDS[record.kind] if isinstance(record, Claim) else CHECK_KINDS[record.kind]
    return bool(kind.validate(record))


def _loose(remarks: tuple[tuple[str, str], ...]) -> bool:
    return any(code == rules.LOOSE_FIT for code, _ in remarks)


NEAR = 10
"""A derived figure on the printed numbers within this many half-units of the printed figure's
last digit comes near it: "1,511.6" for a printed "1,510" does, "1,517" does not."""


def _miss(derived: tuple[Derived, ...]) -> Miss:
    """How far derived figures on the printed numbers miss the printed figures they are compared
    with: 0 when every one gives its printed figure outright (it rounds to it), 1 when it comes
    within NEAR half-units of its last digit, 2 when it is farther and fits only thanks to
    rounding; and the largest gap relative to the printed figure."""
    kind, gaps = 0, [Exact(0)]
    for item in derived:
        if item.compared_with is None or item.set_aside:
            continue
        value, printed = item.result.nominal, item.compared_with.amount
        if value is None or printed.nominal is None:
            continue
        printed = printed.to(item.result.unit)
        assert printed.nominal is not None
        strict = printed.strict_interval
        if not strict.contains(value):
            unbounded = isinstance(strict.lo, float) or isinstance(strict.hi, float)
            half = 0 if unbounded else (strict.hi - strict.lo) / 2
            kind = max(kind, 1 if half and abs(value - printed.nominal) <= NEAR * half else 2)
        gaps.append(abs(value - printed.nominal) / abs(printed.nominal) if printed.nominal else abs(value))
    return kind, max(gaps)


def _fits(derived: Derived) -> bool:
    """Whether a recomputed slip fits its printed figure as printed, not only loosely."""
    judgement = derived.judgement
    return derived.verdict is Verdict.CONSISTENT and judgement is not None and judgement.strict_fit


# Edits of a printed figure -------------------------------------------------------------------

_DIGITS = "0123456789"


class EditFinder:
    """A finder that tries ``edits`` on every printed figure a record depends on."""

    def __init__(self, edits: StringEdits) -> None:
        self.edits = edits

    def __call__(self, search: Search[Any], result: Result) -> Iterator[Fit]:
        for owner, name, figure in search.figures(result):
            where = "" if owner is result.record else f" (in {owner.id})"
            for edit in search.edits_of(self.edits, owner, name, figure):
                if search.budget <= 0:
                    return
                fitted = search.try_edit(result, owner, name, figure, edit.text)
                if fitted is None:
                    continue
                same, miss = fitted
                yield Fit(
                    f"{owner.id}.{name}",
                    figure.printed,
                    f"{figure.printed!r}{where} would fit if it were {edit.text!r} ({edit.detail})",
                    edit.text,
                    same,
                    miss,
                )


def _digit_places(text: str) -> list[int]:
    return [at for at, char in enumerate(text) if char in _DIGITS][:MAX_DIGITS]


def _leads(text: str, at: int) -> bool:
    """Whether the digit at ``at`` starts a number of several digits (it cannot become 0)."""
    before = text[at - 1] if at else " "
    starts = before not in _DIGITS and before not in ",.'"
    return starts and at + 1 < len(text) and text[at + 1] in _DIGITS


def digit_changes(figure: Figure, context: ReadingContext) -> Iterator[Edit]:
    """Every printed digit changed to every other digit, left to right."""
    text = figure.printed
    for at in _digit_places(text):
        for digit in _DIGITS:
            if digit == text[at] or (digit == "0" and _leads(text, at)):
                continue
            yield Edit(text[:at] + digit + text[at + 1 :], "one digit changed")


def digit_swaps(figure: Figure, context: ReadingContext) -> Iterator[Edit]:
    """Every two adjacent, different digits swapped."""
    text = figure.printed
    for at in _digit_places(text):
        if at + 1 < len(text) and text[at + 1] in _DIGITS and text[at] != text[at + 1]:
            if text[at + 1] == "0" and _leads(text, at):
                continue
            yield Edit(text[:at] + text[at + 1] + text[at] + text[at + 2 :], "two digits swapped")


_SCALE_STEPS = (
    ("thousand", "million", "billion", "trillion"),
    ("k", "m", "bn", "tn"),
    ("mn", "bn"),
    ("mln", "bln"),
)
"""Scale words a slip turns into each other, each series a thousand times apart; a word takes
the steps of the first series it is in."""

_SCALE_WORD = re.compile(
    r"(?<![^\W\d_])("
    + "|".join(sorted({w for s in _SCALE_STEPS for w in s}, key=len, reverse=True))
    + r")(?![^\W\d_])",
    re.IGNORECASE,
)

_SHIFTS = (
    (1, "10 times larger"),
    (-1, "10 times smaller"),
    (3, "1,000 times larger"),
    (-3, "1,000 times smaller"),
)
"""Places the decimal point moves, and the slip in words."""


def scale_slips(figure: Figure, context: ReadingContext) -> Iterator[Edit]:
    """A scale word a step up or down; the first number's decimal point moved one or three places.

    Scale words come first: of "48.6 billion" and "48,600 million", the first names the slip.
    """
    point, group = (",", ".") if decimal_comma(context.locale) else (".", ",")
    number = re.search(
        rf"(?<![\d{re.escape(point + group)}])\d[\d{re.escape(group)}]*(?:{re.escape(point)}\d+)?",
        figure.printed,
    )
    for match in _SCALE_WORD.finditer(figure.printed):
        word = match.group(0)
        series = next(series for series in _SCALE_STEPS if word.lower() in series)
        at = series.index(word.lower())
        for step in (1, -1):
            if 0 <= at + step < len(series):
                other = series[at + step]
                other = other.upper() if word.isupper() else other
                text = figure.printed[: match.start()] + other + figure.printed[match.end() :]
                yield Edit(text, f"{word!r} for {other!r}")
    if number is not None:
        token = number.group(0)
        for places, detail in _SHIFTS:
            shifted = _shifted(token, places, point, group)
            yield Edit(figure.printed[: number.start()] + shifted + figure.printed[number.end() :], detail)


def _shifted(token: str, places: int, point: str, group: str) -> str:
    """A printed number with its decimal point moved ``places`` to the right, printed the same way."""
    whole, _, fraction = token.replace(group, "").partition(point)
    digits, at = whole + fraction, len(whole) + places
    if at < 1:
        digits, at = "0" * (1 - at) + digits, 1
    digits = digits.ljust(at, "0")
    new_whole, new_fraction = digits[:at].lstrip("0") or "0", digits[at:]
    if point not in token:  # "15,200" a thousand times smaller is "15.2", not "15.200"
        new_fraction = new_fraction.rstrip("0")
    if group in token or len(new_whole) > 3:
        head = len(new_whole) % 3 or 3
        new_whole = group.join(
            [new_whole[:head], *(new_whole[i : i + 3] for i in range(head, len(new_whole), 3))]
        )
    return new_whole + (point + new_fraction if new_fraction else "")


_PERCENT = re.compile(r"\s?(?:%|percent|per cent|pct)(?![^\W\d_])", re.IGNORECASE)
_POINTS = re.compile(r"\s?(?:percentage points?|points?|ppts?|pts|pp)(?![^\W\d_])", re.IGNORECASE)


def percent_points(figure: Figure, context: ReadingContext) -> Iterator[Edit]:
    """A change in percent printed as percentage points, or the other way round."""
    unit = figure.reading.unit
    if units.is_points(unit):
        match, other = _POINTS.search(figure.printed), " percent"
    elif units.is_percent(unit):
        one = figure.reading.nominal == 1
        match, other = _PERCENT.search(figure.printed), " percentage point" if one else " percentage points"
    else:
        return
    if match is not None:
        text = figure.printed[: match.start()] + other + figure.printed[match.end() :]
        yield Edit(
            text,
            "percent for percentage points" if units.is_points(unit) else "percentage points for percent",
        )


# Slips of arithmetic -------------------------------------------------------------------------


def wrong_base(search: Search[Any], result: Result) -> Iterator[Fit]:
    """A change in percent that fits the difference divided by the new value instead of the old."""
    claim = result.record
    if not isinstance(claim, ChangeClaim):
        return
    value, previous, rate = claim.value, claim.previous, claim.rate
    if value is None or previous is None or rate is None or not units.is_percent(rate.reading.unit):
        return
    printed_rate = rate.reading.amount
    signed = -printed_rate if claim.direction == "decrease" else printed_rate
    inputs = {"value": value.reading.amount, "previous": previous.reading.amount}
    derived = _derived(
        "(value - previous) / value",
        inputs,
        Comparison(f"printed {rate.printed!r}", signed),
        units.named("percent"),
    )
    if derived is not None and _fits(derived):
        yield Fit(
            f"{claim.id}.rate",
            rate.printed,
            f"{rate.printed!r} would fit if the change were divided by the new value instead of the"
            f" previous one: {derived.arithmetic}",
            miss=_miss((derived,)),
        )


_PLAIN_SUM = re.compile(r"\s*[a-z][a-z0-9_.]*(?:\s*\+\s*[a-z][a-z0-9_.]*)+\s*")
_PLAIN_QUOTIENT = re.compile(r"\s*([a-z][a-z0-9_.]*)\s*/\s*([a-z][a-z0-9_.]*)\s*")


def sum_off_by_a_part(search: Search[Any], result: Result) -> Iterator[Fit]:
    """A total that fits the sum of its parts with one part left out, or one counted twice."""
    record = result.record
    found = _sum_of(search, record)
    if found is None:
        return
    parts, inputs, total = found
    for name, printed in parts.items():
        others = [other for other in parts if other != name]
        for formula, how in ((" + ".join(others), "left out"), (" + ".join([*parts, name]), "counted twice")):
            derived = _derived(
                formula, inputs, Comparison(f"printed {total.printed!r}", total.reading.amount)
            )
            if derived is not None and _fits(derived):
                yield Fit(
                    f"{record.id}.{'total' if isinstance(record, TotalClaim) else 'expect'}",
                    total.printed,
                    f"{total.printed!r} would fit if {printed} were {how}: {derived.arithmetic}",
                    miss=_miss((derived,)),
                )


def _sum_of(search: Search[Any], record: Record) -> tuple[dict[str, str], dict[str, Amount], Figure] | None:
    """The parts (name and words), their amounts and the printed total of a total or a plain sum."""
    if isinstance(record, TotalClaim):
        parts = enumerate(record.parts, 1)
        names = {f"part_{index}": f"the part {part.printed!r}" for index, part in parts}
        amounts = {f"part_{index}": part.reading.amount for index, part in enumerate(record.parts, 1)}
        return names, amounts, record.total
    if not isinstance(record, FormulaCheck) or record.expect is None or record.expect.figure is None:
        return None
    text = record.formula.formula.text
    if not _PLAIN_SUM.fullmatch(text):
        return None
    terms = [term.strip() for term in text.split("+")]
    try:
        amounts = {term: search.values.lookup(term) for term in terms}
    except LookupError:
        return None
    return {term: term for term in terms}, amounts, record.expect.figure


def wrong_divisor(search: Search[Any], result: Result) -> Iterator[Fit]:
    """A per-unit figure that fits its numerator divided by another figure of the denominator's kind."""
    record = result.record
    if not isinstance(record, (RatioCheck, FormulaCheck)) or record.expect is None:
        return
    expect = record.expect.figure
    if expect is None:  # 'expect' names a value: no printed figure of its own to have slipped
        return
    if isinstance(record, RatioCheck):
        numerator, denominator = record.numerator.text, record.denominator.text
    elif match := _PLAIN_QUOTIENT.fullmatch(record.formula.formula.text):
        numerator, denominator = match.group(1), match.group(2)
    else:
        return
    try:
        top, bottom = search.values.lookup(numerator), search.values.lookup(denominator)
    except LookupError:
        return
    own = _full_name(search, denominator)
    skipped = {record.id, *(check.id for check in search.dependents(record.id))}
    tried = 0
    for record_id, fields in list(search.values.values.items()):
        if record_id in skipped:
            continue
        for field_name, amount in fields.items():
            name = f"{record_id}.{field_name}"
            if name == own or not units.same_dimension(amount.unit, bottom.unit) or tried == MAX_DIVISORS:
                continue
            tried += 1
            shown = record_id if search.values.primary.get(record_id) == field_name else name
            derived = _derived(
                bind("left / right", left=numerator, right=name),
                {numerator: top, name: amount},
                Comparison(f"printed {expect.printed!r}", expect.reading.amount),
                target_unit(record),
            )
            if derived is not None and _fits(derived):
                arithmetic = derived.arithmetic
                yield Fit(
                    f"{record.id}.expect",
                    expect.printed,
                    f"{expect.printed!r} would fit if {numerator} were divided by {shown} instead of"
                    f" {denominator}{': ' + arithmetic if arithmetic else ''}",
                    miss=_miss((derived,)),
                )


def _full_name(search: Search[Any], name: str) -> str:
    record_id, _, field_name = name.partition(".")
    return f"{record_id}.{field_name or search.values.primary.get(record_id, '')}"


def _derived(
    formula: str | Formula, inputs: dict[str, Amount], expected: Comparison, unit: Any = None
) -> Derived | None:
    try:
        return derive("slip", "the figure with the slip", formula, inputs, unit=unit, expected=expected)
    except _ERRORS:
        return None


# Quick tests: edits that surely do not fit, found without evaluating them ---------------------


def _market_test(claim: ConversionClaim, claim_file: ClaimFile) -> QuickTest | None:
    """The quick test of a currency conversion judged against market rates.

    Evaluated, the conversion is inconsistent whenever no market rate of its window lies in
    its implied rates (amount / converted) widened by the tolerance (see
    :func:`claimcheck.market.check_market_rate`): its verdict is the worst of its parts. The
    test is that rule itself, with the conversion's own terms (:func:`market_terms`) and
    :func:`~claimcheck.market.widened`, on the edited figure and the other as printed.
    Without a printed rate the conversion fits outright only when a market rate lies in its
    implied rates under the strict readings, widened (a fit of the loose readings alone is a
    loose fit, which is no likely cause, or too rough to test, which leaves the verdict
    unverifiable); with one, a fit too rough to test leaves the printed rate's verdict, so
    the loose readings are tested. None (no quick test, every edit evaluated) where the
    implied rate is not a plain rate of two currencies, or there are no market rates.
    """
    amount, converted = claim.amount.reading, claim.converted.reading
    base, quote = units.currency_code(amount.unit), units.currency_code(converted.unit)
    if base is None or quote is None or units.same_dimension(amount.unit, converted.unit):
        return None
    rate_unit = units.divide(amount.unit, converted.unit)
    reduced = units.reduced(rate_unit)
    if not (reduced is rate_unit or reduced == rate_unit):
        return None  # implied rates converted to another unit: not worth mirroring
    if claim_file.article is None:
        return None
    tolerance, days, published = market_terms(claim, Context(claim_file.article, claim_file.defaults))
    if tolerance is None:
        return None
    try:
        window = [rate.value for rate in rates.window(base, quote, published, days)]
    except Exception:  # no rates, no quick test: every edit is evaluated
        return None
    if not window:
        return None
    strict = claim.rate is None

    def tested(reading: Reading) -> Interval:
        """The reading the market test judges (see Reading.amount): strict without a printed rate."""
        return reading.strict if strict and reading.strict is not None else reading.interval

    # The figure that stays as printed, as the evaluation reads it: amount / converted is
    # amount * (1 / converted), so the reciprocal of a printed converted amount is taken once.
    try:
        per_converted = tested(converted).reciprocal()
    except ArithmeticError:
        return None
    printed_amount = tested(amount)
    lowest, highest = min(window), max(window)
    far = _far_ends(per_converted, printed_amount, lowest, highest, tolerance)

    def cannot_fit(name: str, reading: Reading) -> bool:
        if name not in ("amount", "converted"):
            return False  # a printed rate: the evaluation decides
        unit = amount.unit if name == "amount" else converted.unit
        if not (reading.unit is unit or reading.unit == unit):
            return False  # the edit changed the unit: the evaluation decides
        edited = tested(reading)
        lo, hi, bounds = edited.lo, edited.hi, far.get(name)
        if (
            bounds is not None
            and type(lo) is Exact
            and type(hi) is Exact
            and lo > 0
            and (hi < bounds[0] or lo > bounds[1])
        ):
            return True  # below or above every rate of the window, as found below
        try:
            implied = (
                tested(reading) * per_converted
                if name == "amount"
                else printed_amount * tested(reading).reciprocal()
            )
        except ArithmeticError:
            return False
        accepted = widened(implied, tolerance)  # as check_market_rate widens the implied rates
        if accepted.hi < lowest or accepted.lo > highest:
            return True  # below or above every rate of the window
        return not any(accepted.contains(rate) for rate in window)

    return cannot_fit


def _far_ends(
    per_converted: Interval, printed_amount: Interval, lowest: Exact, highest: Exact, tolerance: Exact
) -> dict[str, tuple[Exact, Exact]]:
    """For each figure of a conversion, the ends an edit of it must reach for its implied
    rates, widened, to meet the window's rates: an edit read as ``[lo, hi]`` (finite, above
    zero) with ``hi`` below the first or ``lo`` above the second is below or above every rate.

    Where every interval is above zero, the implied rates run from ``lo * per_converted.lo``
    to ``hi * per_converted.hi`` for an edited amount, and from ``printed_amount.lo / hi`` to
    ``printed_amount.hi / lo`` for an edited converted amount (see Interval.__mul__), and
    widening multiplies their ends by ``1 - tolerance`` and ``1 + tolerance``: the two tests
    are those of ``cannot_fit`` solved for the edited figure's ends, two comparisons where
    ``cannot_fit`` makes three intervals. A figure left out is tested in full."""
    if not (type(lowest) is Exact and lowest > 0 and 0 <= tolerance < 1):
        return {}
    shrink, grow = 1 - tolerance, 1 + tolerance
    far: dict[str, tuple[Exact, Exact]] = {}
    low, high = per_converted.lo, per_converted.hi
    if type(low) is Exact and type(high) is Exact and low > 0:
        far["amount"] = (lowest / (high * grow), highest / (low * shrink))
    low, high = printed_amount.lo, printed_amount.hi
    if type(low) is Exact and type(high) is Exact and low > 0:
        far["converted"] = (low * shrink / highest, high * grow / lowest)
    return far


QUICK_TESTS: dict[type[Record], Callable[[Any, ClaimFile], QuickTest | None]] = {
    ConversionClaim: _market_test,
}
"""Quick tests by record type: what a record's edits need to fit, tested before they are
evaluated. A record type without one has every edit evaluated in full."""


CAUSES: tuple[CauseClass, ...] = (
    CauseClass(
        "digit-changed",
        rules.DIGIT_CHANGED,
        1,
        "one digit of a printed figure changed",
        EditFinder(digit_changes),
    ),
    CauseClass(
        "digits-swapped", rules.DIGITS_SWAPPED, 2, "two adjacent digits swapped", EditFinder(digit_swaps)
    ),
    CauseClass(
        "percent-for-points",
        rules.PERCENT_FOR_POINTS,
        3,
        "a change in percent printed as percentage points, or the other way round",
        EditFinder(percent_points),
    ),
    CauseClass(
        "wrong-base", rules.WRONG_BASE, 4, "a change divided by the new value instead of the old", wrong_base
    ),
    CauseClass(
        "sum-off-by-a-part",
        rules.SUM_OFF_BY_A_PART,
        5,
        "a total with one part left out or counted twice",
        sum_off_by_a_part,
    ),
    CauseClass(
        "wrong-divisor",
        rules.WRONG_DIVISOR,
        6,
        "a per-unit figure divided by another figure than its denominator",
        wrong_divisor,
    ),
    # Last: a figure a thousand times too small mimics whatever leaves it out (a part missing
    # from a total), and the slip that names the structure says more.
    CauseClass(
        "scale-slipped",
        rules.SCALE_SLIPPED,
        7,
        "a decimal point moved (10 or 1,000 times) or a scale word changed (million for billion)",
        EditFinder(scale_slips),
    ),
)
"""Every class of slip, likeliest first. Adding one is a function, a line here and a rule."""
