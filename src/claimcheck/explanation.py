"""The step-by-step derivation of one verdict, as a tree of lines any renderer can show."""

from __future__ import annotations

from dataclasses import dataclass, field

from claimcheck.display import format_amount, format_derived, format_reading
from claimcheck.records import Source
from claimcheck.results import Derived, FileReport, Result


@dataclass(repr=False, eq=False)
class Node:
    """One line of an explanation, with the lines that detail it."""

    text: str
    children: list[Node] = field(default_factory=list)
    verdict: str | None = None
    """Set on lines that state a verdict, so renderers can colour them."""

    def add(self, text: str, verdict: str | None = None) -> Node:
        child = Node(text, verdict=verdict)
        self.children.append(child)
        return child


def explain(report: FileReport, result: Result) -> Node:
    """How ``result`` was reached: quote, readings, formulas, inputs, steps, comparison, verdict."""
    record = result.record
    root = Node(f"{record.id} ({record.kind}, {report.path}:{record.at.line})")
    quote = getattr(record, "quote", None)
    if quote is not None:
        where = f" (article line {result.quote_line})" if result.quote_line else ""
        root.add(f"quote{where}: \u201c{quote}\u201d")
    if result.source is not None:
        root.add(f"source: {result.source.citation()}")
    period = getattr(record, "period", None)
    if period is not None:
        root.add(f"period: {period.printed!r} is {period.label}")
    since = getattr(record, "since", None)  # a change over several years: where it starts
    if since is not None:
        root.add(f"since: {since.printed!r} is {since.label}")
    description = getattr(record, "description", None)
    if description and all(derived.label != description for derived in result.derived):
        root.add(f"what: {description}")
    if result.readings:
        read = root.add("how the printed figures were read")
        for name, reading in result.readings:
            shown = format_reading(reading.amount)
            node = read.add(f"{name}: {reading.printed!r} -> {shown}")
            for step in reading.steps:
                node.add(step)
    sources = {other.record.id: other.source for other in report.results if other.source is not None}
    for derived in result.derived:
        _derived(root, derived, sources)
    if record.note:
        root.add(f"note: {record.note}")
    for cause in result.causes:
        root.add(f"likely cause: {cause.message} [{cause.code}]")
    root.add(f"verdict: {result.verdict.value} - {result.message}", verdict=result.verdict.value)
    return root


def _derived(root: Node, derived: Derived, sources: dict[str, Source]) -> None:
    node = root.add(f"derived {derived.name}: {derived.label}")
    node.add(f"formula: {derived.formula}")
    if derived.inputs:
        inputs = node.add("inputs")
        for name, amount in derived.inputs:
            entry = inputs.add(f"{name} = {format_reading(amount)}")
            source = sources.get(name.partition(".")[0])
            if source is not None:
                entry.add(f"reference figure from {source.citation()}")
    computed = [(text, amount) for text, amount in derived.steps]
    if len(computed) > 1:
        steps = node.add("steps")
        for text, amount in computed:
            steps.add(f"{text} = {format_amount(amount)}")
    node.add(f"result: {format_derived(derived.result)}")
    if derived.arithmetic:
        node.add(f"on the printed numbers: {derived.arithmetic}")
    if derived.evidence:
        evidence = node.add("reference data")
        for fact in derived.evidence:
            evidence.add(fact)
    if derived.compared_with is not None:
        node.add(
            f"compared with {derived.compared_with.label}: {format_reading(derived.compared_with.amount)}"
        )
    node.add(f"{derived.status}: {derived.message}", verdict=derived.verdict.value)
