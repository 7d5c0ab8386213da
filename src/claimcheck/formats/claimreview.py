"""schema.org ClaimReview JSON-LD: one review per checked claim of an article.

Written to Google's fact-check structured-data profile: the required ``claimReviewed`` (the
claim as printed, kept under 75 characters and without the verdict), ``reviewRating`` (with
``alternateName`` and the numeric rating fields) and ``url``; the recommended ``author``,
``datePublished`` and ``itemReviewed`` (a ``Claim`` with its ``appearance`` and
``datePublished``; the claim's own author, often someone quoted, is not in claim files).
Claims with nothing to compare them with were not checked and get no review; reference
figures and checks are not claims of the article.

The numeric scale: 1 inconsistent, 2 ambiguous, 3 consistent.
"""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from claimcheck.formats import FileOutput, RenderOptions, RunSummary
from claimcheck.records import Article
from claimcheck.results import FileReport, Result
from claimcheck.verdicts import Verdict

RATINGS: dict[Verdict, tuple[int, str]] = {
    Verdict.INCONSISTENT: (1, "Inconsistent"),
    Verdict.AMBIGUOUS: (2, "Ambiguous"),
    Verdict.CONSISTENT: (3, "Consistent"),
}
"""The rating scale: number and text for each verdict that comes from a check."""
WORST, BEST = 1, 3
SHORT = 75
"""Google: keep claimReviewed under 75 characters, so it does not wrap on a phone."""


def anchor(path: Path, record_id: str) -> str:
    """The HTML report's element id for a claim: unique across the articles of one report."""
    stem = re.sub(r"[^A-Za-z0-9_-]+", "-", path.stem).strip("-") or "claims"
    return f"{stem}.{record_id}"


def short_claim(quote: str) -> str:
    """The quote, cut at a word boundary to fewer than 75 characters when it is longer."""
    text = " ".join(quote.split())
    if len(text) < SHORT:
        return text
    cut = text[: SHORT - 2].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "\u2026"


def review_author(path: Path, options: RenderOptions) -> dict[str, Any] | None:
    """Who publishes the review: --organisation, else the project configuration's ``review_author``.

    The configuration key (a name, or a table with ``name`` and ``url``) is being added to
    config.py in another branch; read through getattr, it is simply absent until then.
    """
    if options.organisation:
        return {"@type": "Organization", "name": options.organisation}
    try:
        from claimcheck.config import config_for

        configured = getattr(config_for(path), "review_author", None)
    except Exception:  # a configuration that cannot be read is reported by the loader
        return None
    name = getattr(configured, "name", configured)
    if not isinstance(name, str) or not name:
        return None
    author: dict[str, Any] = {"@type": "Organization", "name": name}
    url = getattr(configured, "url", None)
    if isinstance(url, str) and url:
        author["url"] = url
    return author


def checked(report: FileReport) -> list[Result]:
    """The article's claims that got a verdict from a comparison."""
    return [
        result
        for result in report.claims
        if result.source is None and result.verdict in RATINGS and getattr(result.record, "quote", None)
    ]


def _publisher(article: Article) -> dict[str, Any]:
    return {"@type": "Organization", "name": article.publisher}


def review(report: FileReport, result: Result, options: RenderOptions) -> dict[str, Any]:
    """The ClaimReview of one claim."""
    article = report.article
    assert article is not None
    value, label = RATINGS[result.verdict]
    appearance: dict[str, Any] = {
        "@type": "NewsArticle",
        "headline": article.title,
        "datePublished": article.date.isoformat(),
        "publisher": _publisher(article),
    }
    if article.url:
        appearance["url"] = article.url
    fragment = "#" + anchor(report.path, result.record.id)
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": (options.review_url or "") + fragment,
        "datePublished": options.review_date or datetime.date.today().isoformat(),
        "claimReviewed": short_claim(getattr(result.record, "quote", "")),
        "itemReviewed": {
            "@type": "Claim",
            "datePublished": article.date.isoformat(),
            "appearance": appearance,
            "firstAppearance": appearance,
        },
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": value,
            "bestRating": BEST,
            "worstRating": WORST,
            "alternateName": label,
            "name": label,
            "ratingExplanation": result.message,
        },
    }
    author = review_author(report.path, options)
    if author is not None:
        data["author"] = author
    return data


def reviews(report: FileReport, options: RenderOptions) -> list[dict[str, Any]]:
    """Every review of one claim file: none when it has no article."""
    if report.article is None:
        return []
    return [review(report, result, options) for result in checked(report)]


def render_file(report: FileReport, options: RenderOptions) -> str:
    return ",\n".join(json.dumps(item, indent=2, ensure_ascii=False) for item in reviews(report, options))


def render_document(outputs: Sequence[FileOutput], options: RenderOptions) -> str:
    parts = SEPARATOR.join(output.text for output in outputs if output.part)
    return f"[\n{parts}\n]\n" if parts else "[]\n"


SEPARATOR = ",\n"
SUMMARY_FIRST = False
SUMMARY_LISTS_FINDINGS = False


def document_head(summary: RunSummary | None, empty: bool, options: RenderOptions) -> str:
    return "" if empty else "[\n"


def document_tail(summary: RunSummary, empty: bool, options: RenderOptions) -> str:
    return "[]\n" if empty else "\n]\n"
