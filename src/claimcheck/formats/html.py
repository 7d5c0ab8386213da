"""One self-contained HTML report: each article's text with every claimed figure marked.

A figure is marked where the article prints it (located by character offsets, see
:mod:`claimcheck.quotes`), by verdict with a colour, an icon and a text label. Selecting it
(click, tap or keyboard focus) shows its derivation, the same lines as ``claimcheck
explain``. Above the text: a summary with counts and the findings, each linking to its place.
Claims whose quote cannot be placed (no article text) and the checks across claims follow
as lists. Inline CSS only: no script, no external request, no framework; a print style
sheet, a phone layout and a dark scheme. The page embeds the ClaimReview JSON-LD of
``--format claimreview``.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from html import escape

from claimcheck import __version__
from claimcheck.explanation import Node, explain
from claimcheck.findings import Finding, findings_of
from claimcheck.formats import FileOutput, RenderOptions, RunSummary, Totals, shown_findings
from claimcheck.formats.claimreview import anchor, reviews
from claimcheck.quotes import NormalizedText, Span, article_body, locate
from claimcheck.results import FileReport, Problem, Result
from claimcheck.verdicts import Verdict

ICONS = {
    Verdict.CONSISTENT: "\u2713",
    Verdict.INCONSISTENT: "\u2717",
    Verdict.AMBIGUOUS: "?",
    Verdict.UNVERIFIABLE: "\u25cb",
}
"""An icon for each verdict, so that colour is never the only sign."""
ORDER = (Verdict.INCONSISTENT, Verdict.AMBIGUOUS, Verdict.CONSISTENT, Verdict.UNVERIFIABLE)
LEVEL_ICONS = {"error": "\u2717", "warning": "?", "note": "\u25cb"}


def _badge(verdict: Verdict) -> str:
    return (
        f'<span class="badge"><span class="icon" aria-hidden="true">{ICONS[verdict]}</span>'
        f" {verdict.value}</span>"
    )


def _tree(node: Node) -> str:
    """An explanation as nested blocks of spans (allowed inside a paragraph, unlike lists)."""
    css = f' class="line v-{node.verdict}"' if node.verdict else ' class="line"'
    children = "".join(_tree(child) for child in node.children)
    inner = f'<span class="sub">{children}</span>' if children else ""
    return f'<span class="node"><span{css}>{escape(node.text)}</span>{inner}</span>'


def _why(report: FileReport, result: Result) -> str:
    return f'<span class="why" role="note">{_tree(explain(report, result))}</span>'


def _figures(report: FileReport, result: Result) -> tuple[str, ...]:
    printed = tuple(reading.printed for _, reading in result.readings)
    period = getattr(result.record, "period", None)
    if not printed and period is not None:
        printed = (period.printed,)
    return printed


class _Mark:
    """One highlighted figure: where it stands and whose it is."""

    def __init__(self, span: Span, result: Result, first: bool) -> None:
        self.span = span
        self.result = result
        self.first = first


def _marks(report: FileReport, body: str) -> tuple[list[_Mark], list[Result]]:
    """Every figure's place in ``body``, and the claims that could not be placed."""
    text = NormalizedText(body)
    marks: list[_Mark] = []
    unplaced: list[Result] = []
    for result in report.claims:
        quote = getattr(result.record, "quote", None)
        if result.source is not None or not quote:
            continue
        located = locate(text, quote, _figures(report, result))
        if located is None:
            unplaced.append(result)
            continue
        spans = [span for _, span in located.figures] or [located.quote]
        marks += [_Mark(span, result, index == 0) for index, span in enumerate(spans)]
    marks.sort(key=lambda mark: (mark.span.start, -mark.span.end))
    paragraphs = _paragraphs(body)
    kept: list[_Mark] = []
    for mark in marks:
        within = any(start <= mark.span.start and mark.span.end <= end for start, end in paragraphs)
        if not within or (kept and mark.span.start < kept[-1].span.end):
            if mark.first:  # the claim's anchor must exist: show it in the list instead
                unplaced.append(mark.result)
            continue
        kept.append(mark)
    return kept, unplaced


def _figure(report: FileReport, mark: _Mark, text: str, count: int) -> str:
    result = mark.result
    verdict = result.verdict.value
    ident = anchor(report.path, result.record.id) + ("" if mark.first else f"~{count}")
    return (
        f'<span class="fig v-{verdict}" tabindex="0" id="{escape(ident)}"'
        f' data-claim="{escape(result.record.id)}" data-verdict="{verdict}">'
        f'<mark class="printed">{escape(text)}</mark>{_badge(result.verdict)}{_why(report, result)}</span>'
    )


def _paragraphs(body: str) -> list[Span]:
    """Where each paragraph (text between blank lines) of the article stands."""
    import re

    return [Span(*found.span()) for found in re.finditer(r"\S(?:.|\n(?!\s*\n))*", body)]


def _article_text(report: FileReport, body: str, marks: list[_Mark]) -> str:
    """The article's paragraphs with the marks placed (no mark spans two paragraphs)."""
    parts: list[str] = []
    seen: dict[str, int] = {}
    queue = list(marks)
    for start, end in _paragraphs(body):
        html: list[str] = []
        position = start
        while queue and queue[0].span.start < end:
            mark = queue.pop(0)
            if mark.span.start < position or mark.span.end > end:
                continue
            html.append(escape(body[position : mark.span.start]))
            seen[mark.result.record.id] = seen.get(mark.result.record.id, 0) + 1
            html.append(
                _figure(report, mark, body[mark.span.start : mark.span.end], seen[mark.result.record.id])
            )
            position = mark.span.end
        html.append(escape(body[position:end]))
        parts.append(f"<p>{''.join(html)}</p>")
    return "\n".join(parts)


def _counts(counts: dict[Verdict, int]) -> str:
    items = "".join(
        f'<li class="v-{verdict.value}">{_badge(verdict)} <b>{counts[verdict]}</b></li>' for verdict in ORDER
    )
    return f'<ul class="counts">{items}</ul>'


def _finding(report: FileReport, finding: Finding, linked: set[str]) -> str:
    place = escape(f"{finding.path}:{finding.line}:{finding.col}")
    who = ""
    if finding.record_id:
        target = anchor(report.path, finding.record_id)
        name = escape(finding.record_id)
        who = f' <a href="#{escape(target)}">{name}</a>' if finding.record_id in linked else f" {name}"
    return (
        f'<li class="l-{finding.level}">'
        f'<span class="icon" aria-hidden="true">{LEVEL_ICONS[finding.level]}</span>'
        f" <b>{finding.code}</b> {escape(finding.rule.name)} ({finding.level}){who}"
        f' <span class="place">{place}</span><br>{escape(finding.message)}'
        f'<br><span class="rule-why">Why it matters: {escape(finding.rule.why)}</span></li>'
    )


def _details(report: FileReport, result: Result, text: str) -> str:
    ident = escape(anchor(report.path, result.record.id))
    # Findings start open, so that a link to one shows its derivation at once.
    opened = " open" if result.verdict in (Verdict.INCONSISTENT, Verdict.AMBIGUOUS) else ""
    return (
        f'<li><details id="{ident}"{opened} class="v-{result.verdict.value}"'
        f' data-claim="{escape(result.record.id)}" data-verdict="{result.verdict.value}">'
        f"<summary><code>{escape(result.record.id)}</code>"
        f" {_badge(result.verdict)} {escape(text)}</summary>{_why(report, result)}</details></li>"
    )


def render_file(report: FileReport, options: RenderOptions) -> str:
    if not report.results or report.article is None:
        return ""  # the problems are listed in the document's summary
    article = report.article
    body = article_body(report.path, article.text) if article.text else None
    marks, unplaced = _marks(report, body) if body is not None else ([], [])
    if body is None:
        unplaced = [result for result in report.claims if result.source is None]
    counts = {verdict: report.count(verdict) for verdict in Verdict}
    findings = [finding for finding in shown_findings(findings_of(report), options) if not finding.is_problem]
    linked = {result.record.id for result in report.results}
    title = escape(article.title)
    headline = f'<a href="{escape(article.url)}">{title}</a>' if article.url else title
    parts = [
        f'<article class="report" data-file="{escape(str(report.path))}">',
        f'<header><h2>{headline}</h2><p class="meta">{escape(article.publisher)},'
        f' <time datetime="{article.date}">{article.date}</time> &middot;'
        f" <code>{escape(str(report.path))}</code></p>",
        f"<p>{len(report.claims)} claims, {len(report.checks)} checks</p>{_counts(counts)}</header>",
        '<section class="findings"><h3>Findings</h3>',
    ]
    if findings:
        parts.append(
            '<ol class="findings">' + "".join(_finding(report, f, linked) for f in findings) + "</ol>"
        )
    else:
        parts.append("<p>No inconsistencies or ambiguities.</p>")
    parts.append("</section>")
    if body is not None:
        parts += [
            '<section class="text"><h3>The article</h3>',
            '<p class="hint">Select a marked figure (click, tap or Tab) to see how its verdict'
            " was reached.</p>",
            _article_text(report, body, marks),
            "</section>",
        ]
    if unplaced:
        heading = "Claims without an article text" if body is None else "Claims not placed in the text"
        items = "".join(_details(report, result, getattr(result.record, "quote", "")) for result in unplaced)
        parts.append(f'<section class="claims"><h3>{heading}</h3><ul class="list">{items}</ul></section>')
    references = [result for result in report.claims if result.source is not None]
    if references:
        items = "".join(
            _details(report, result, getattr(result.record, "quote", "")) for result in references
        )
        parts.append(
            f'<section class="references"><h3>Reference figures (from cited sources)</h3>'
            f'<ul class="list">{items}</ul></section>'
        )
    if report.checks:
        items = "".join(
            _details(report, result, getattr(result.record, "description", None) or result.message)
            for result in report.checks
        )
        parts.append(
            f'<section class="checks"><h3>Checks across claims</h3><ul class="list">{items}</ul></section>'
        )
    data = reviews(report, options)
    if data:
        text = json.dumps(data, ensure_ascii=False, indent=1).replace("</", "<\\/")
        parts.append(f'<script type="application/ld+json">{text}</script>')
    parts.append("</article>")
    return "\n".join(parts) + "\n"


def render_document(outputs: Sequence[FileOutput], options: RenderOptions) -> str:
    problems = [problem for output in outputs for problem in output.problems]
    body = "".join(output.text for output in outputs)
    return _head(Totals.of(outputs), problems) + body + TAIL


SEPARATOR = ""
SUMMARY_FIRST = True
SUMMARY_LISTS_FINDINGS = False
TAIL = """</main>
</body>
</html>
"""


def document_head(summary: RunSummary | None, empty: bool, options: RenderOptions) -> str:
    assert summary is not None
    return _head(summary.totals, summary.problems)


def document_tail(summary: RunSummary, empty: bool, options: RenderOptions) -> str:
    return TAIL


def _head(totals: Totals, problems: Sequence[Problem]) -> str:
    problem_html = ""
    if problems:
        items = "".join(f"<li><code>{escape(str(problem))}</code></li>" for problem in problems)
        problem_html = (
            '<section class="problems"><h2>Claim files that could not be checked</h2>'
            f"<ul>{items}</ul></section>"
        )
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="generator" content="claimcheck {escape(__version__)}">
<link rel="icon" href="data:,">
<title>claimcheck report</title>
<style>{STYLE}</style>
</head>
<body>
<main>
<h1>claimcheck report</h1>
<p class="total">{totals.files} claim file(s), {totals.claims} claims, {totals.checks} checks</p>
{_counts(totals.counts)}
{problem_html}
"""


STYLE = """
:root{--bg:#fff;--fg:#1b1b1b;--muted:#5a5a5a;--line:#d8d8d8;--panel:#f6f6f4;
--ok:#1a7f37;--ok-bg:#e3f4e8;--bad:#b42318;--bad-bg:#fde7e4;--amb:#8a5a00;--amb-bg:#fff1cc;
--unv:#5f6368;--unv-bg:#eceff1;--focus:#1d4ed8}
@media (prefers-color-scheme:dark){:root{--bg:#151515;--fg:#e8e8e8;--muted:#a8a8a8;--line:#3a3a3a;
--panel:#1f1f1f;--ok:#6fdc8c;--ok-bg:#113a1f;--bad:#ff8a80;--bad-bg:#4a1512;--amb:#ffd166;
--amb-bg:#3d2e05;--unv:#b0b6bb;--unv-bg:#2a2d30;--focus:#93b4ff}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:1rem/1.6 Georgia,"Times New Roman",serif}
main{max-width:46rem;margin:0 auto;padding:1rem 1.25rem 4rem}
h1,h2,h3,.badge,.counts,.findings,.meta,.hint,.why,.list,.total,.problems{font-family:system-ui,-apple-system,
"Segoe UI",Roboto,sans-serif}
h1{font-size:1.4rem;margin:.5rem 0}
h2{font-size:1.3rem;margin:2rem 0 .25rem;line-height:1.3}
h3{font-size:1.05rem;margin:1.5rem 0 .5rem;border-bottom:1px solid var(--line)}
a{color:var(--focus)}
.meta,.hint,.place,.rule-why{color:var(--muted);font-size:.9rem}
code{font-size:.85em;overflow-wrap:anywhere}
.counts{display:flex;flex-wrap:wrap;gap:.5rem;list-style:none;padding:0;margin:.5rem 0}
.counts li{padding:.15rem .6rem;border-radius:1rem;border:1px solid var(--line)}
ol.findings{padding-left:1.2rem}
ol.findings li{margin:.6rem 0}
.l-error>.icon{color:var(--bad)}.l-warning>.icon{color:var(--amb)}.l-note>.icon{color:var(--unv)}
.fig{border-radius:.25rem;outline:none;cursor:pointer}
.fig mark{color:inherit;background:var(--tone-bg);border-bottom:2px solid var(--tone);padding:0 .1em}
.badge{font-size:.72rem;font-weight:600;color:var(--tone);white-space:nowrap;margin-left:.15em}
.v-consistent{--tone:var(--ok);--tone-bg:var(--ok-bg)}
.v-inconsistent{--tone:var(--bad);--tone-bg:var(--bad-bg)}
.v-ambiguous{--tone:var(--amb);--tone-bg:var(--amb-bg)}
.v-unverifiable{--tone:var(--unv);--tone-bg:var(--unv-bg)}
.counts .badge,.list .badge{color:var(--tone)}
.why{display:none;margin:.4rem 0 .8rem;padding:.6rem .8rem;background:var(--panel);
border:1px solid var(--line);border-left:4px solid var(--tone);border-radius:.3rem;
font-size:.85rem;line-height:1.45;cursor:auto;overflow-wrap:anywhere}
.fig:focus .why,.fig:focus-within .why,.fig:target .why{display:block}
.fig:focus mark,.fig:target mark{outline:3px solid var(--focus);outline-offset:1px}
details[open]>.why,.list .why{display:block}
.node{display:block}.sub{display:block;padding-left:1rem;border-left:1px dotted var(--line)}
.line{display:block}.line.v-consistent,.line.v-inconsistent,.line.v-ambiguous,.line.v-unverifiable{
color:var(--tone);font-weight:600}
.list{list-style:none;padding:0}.list li{margin:.4rem 0}
summary{cursor:pointer}summary:focus-visible{outline:3px solid var(--focus)}
@media (max-width:30rem){main{padding:.75rem}body{font-size:.95rem}h2{font-size:1.15rem}}
@media print{:root{--bg:#fff;--fg:#000;--muted:#333;--panel:#fff}
body{font-size:10.5pt}main{max-width:none;padding:0}
.fig mark{print-color-adjust:exact;-webkit-print-color-adjust:exact}
.why,.hint{display:none!important}details>.why{display:block}
a{color:inherit;text-decoration:none}article{break-before:page}li{break-inside:avoid}}
"""
