"""The extraction pipeline for one article file, as ``extract`` and ``check`` run it."""

from __future__ import annotations

from pathlib import Path

from claimcheck.config import ConfigError, config_for
from claimcheck.extraction.article import read_article
from claimcheck.extraction.draft import ExtractionError, extract, render
from claimcheck.figures import ReadingContext
from claimcheck.vocabulary import DEFAULT, VocabularyError


def draft_text(
    article: Path,
    claim_file: Path | None,
    *,
    date: str | None = None,
    title: str | None = None,
    publisher: str | None = None,
    url: str | None = None,
    locale: str | None = None,
) -> str:
    """The drafted claim file for ``article``, to be written at ``claim_file`` (or shown)."""
    body, info = read_article(
        article, date=date, title=title, publisher=publisher, url=url, locale=locale, claim_file=claim_file
    )
    try:
        config = config_for(claim_file or article)
        vocabulary = DEFAULT.declare(config.declarations)
    except (ConfigError, VocabularyError) as error:
        raise ExtractionError(str(error)) from None
    context = ReadingContext(info.locale or config.locale, config.currency_hints, vocabulary)
    draft = extract(body, info, context)
    if not draft.claims:
        raise ExtractionError(f"{article}:1:1: no figures or dated events found in the article")
    return render(draft)
