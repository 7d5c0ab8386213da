"""What verifying a claim file produces: derived figures, results and file reports.

These are plain value records, never changed once made, that every output format renders;
nothing here knows about terminals or file formats.
"""

from __future__ import annotations

from dataclasses import field
from pathlib import Path

from claimcheck import rules
from claimcheck.amounts import Amount
from claimcheck.display import arithmetic
from claimcheck.figures import Reading
from claimcheck.formulas import Step
from claimcheck.records import Article, Check, Claim, Record, Source
from claimcheck.valueclass import value_class
from claimcheck.verdicts import Judgement, Verdict
from claimcheck.yamlsource import Mark


@value_class(repr=False, eq=False)
class Comparison:
    """What a derived figure was compared with: a printed figure or a limit."""

    label: str
    """In words: "printed rate '16.2 percent'", "100 percent (a share cannot exceed it)"."""
    amount: Amount
    noun: str = "printed"
    """What the figure compared with is, in a message: "printed", or "required" for a condition."""
    points: bool = False
    """A change in percentage points, computed on the percent scale: messages say "points"."""


@value_class(repr=False, eq=False)
class Derived:
    """One recomputed figure: its formula, inputs, steps, result and verdict."""

    name: str
    """The value's reference name: ``tourists.previous``."""
    label: str
    """The figure in words: "prior-year value implied by the value and the rate"."""
    formula: str
    inputs: tuple[tuple[str, Amount], ...]
    steps: tuple[Step, ...]
    result: Amount
    verdict: Verdict
    message: str
    compared_with: Comparison | None = None
    judgement: Judgement | None = None
    evidence: tuple[str, ...] = ()
    """The reference data used, in words: each market rate of the window, a cited document."""
    code: str | None = None
    """The finding a consistent or unverifiable verdict still deserves (see :class:`Judgement`)."""
    set_aside: bool = False
    """A reading of the printed figures that the claim's verdict set aside (relative or points)."""

    @property
    def arithmetic(self) -> str:
        """The formula on the printed numbers, as an editor redoes it on a calculator:
        "65 million / (1 + 16.2%) = 55.94 million visitor"; empty when a figure is a bound."""
        return arithmetic(self.formula, dict(self.inputs), self.result)

    @property
    def status(self) -> str:
        """The verdict as shown: "set aside" for a reading the claim's verdict did not take."""
        return "set aside" if self.set_aside else self.verdict.value

    def with_message(self, message: str) -> Derived:
        """The same figure with another message (``dataclasses.replace`` costs several times more)."""
        return Derived(
            self.name,
            self.label,
            self.formula,
            self.inputs,
            self.steps,
            self.result,
            self.verdict,
            message,
            self.compared_with,
            self.judgement,
            self.evidence,
            self.code,
            self.set_aside,
        )


Remark = tuple[str, str]
"""A finding beside a record's verdict: (rule code, message)."""


@value_class(repr=False, eq=False)
class Result:
    """The verdict on one claim or check, with everything that led to it."""

    record: Record
    readings: tuple[tuple[str, Reading], ...]
    derived: tuple[Derived, ...]
    verdict: Verdict
    message: str
    quote_line: int | None = None
    """Where the quote stands in the article text, when the claim file gives the text."""
    remarks: tuple[Remark, ...] = ()
    """Warnings and notes beside the verdict: a loose fit, a fit within rounding, too rough."""
    causes: tuple[LikelyCause, ...] = ()
    """For an inconsistent result: the slips that would make it fit, most likely first."""

    @property
    def is_check(self) -> bool:
        return isinstance(self.record, Check)

    @property
    def is_claim(self) -> bool:
        return isinstance(self.record, Claim)

    @property
    def source(self) -> Source | None:
        """The cited document, for a reference figure; None for the article's own claims."""
        return self.record.source if isinstance(self.record, Claim) else None


@value_class(repr=False, eq=False)
class LikelyCause:
    """A slip that would make an inconsistent claim or check fit (see :mod:`claimcheck.causes`).

    A note beside the verdict: it never changes one.
    """

    code: str
    """The finding code of the class of slip (a CC5xx rule)."""
    cause: str
    """The class of slip: "one-digit", "wrong-base"."""
    message: str
    """In words: "'$7.06 billion' would fit if it were '$7.66 billion' (one digit changed)"."""
    figure: str
    """The printed figure it is about, by reference name: ``renewal_investment.converted``."""
    printed: str
    """That figure as printed."""
    suggested: str | None = None
    """The figure as it would fit, for an edit of the printed text; None for a slip of arithmetic."""


@value_class(repr=False, eq=False)
class Problem:
    """Something wrong with a claim file itself, at a place."""

    path: Path
    at: Mark
    message: str
    record_id: str | None = None
    code: str = rules.SCHEMA_INVALID
    """The finding code of the problem (a CC4xx rule)."""

    def __str__(self) -> str:
        where = f"{self.path}:{self.at.line}:{self.at.col}"
        who = f" [{self.record_id}]" if self.record_id else ""
        return f"{where}: {self.code}{who} {self.message}"


@value_class(repr=False, eq=False)
class FileReport:
    """Everything verified in one claim file, or the problems that stopped it."""

    path: Path
    article: Article | None
    results: tuple[Result, ...] = ()
    problems: tuple[Problem, ...] = field(default=())

    @property
    def claims(self) -> tuple[Result, ...]:
        return tuple(result for result in self.results if result.is_claim)

    @property
    def checks(self) -> tuple[Result, ...]:
        return tuple(result for result in self.results if result.is_check)

    def count(self, verdict: Verdict) -> int:
        """How many claims and checks got ``verdict``."""
        return sum(1 for result in self.results if result.verdict is verdict)
