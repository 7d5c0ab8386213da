"""Reading an article file for extraction: size, encoding and front matter checked, with places."""

from __future__ import annotations

import datetime
import os
import re
from pathlib import Path

from claimcheck.articletext import plain_text, split_front_matter
from claimcheck.extraction.draft import ArticleInfo, ExtractionError

MAX_ARTICLE_BYTES = 5 * 1024 * 1024
"""The loader's own limit on article texts: a drafted file must load."""


def read_article(
    path: Path,
    *,
    date: str | None = None,
    title: str | None = None,
    publisher: str | None = None,
    url: str | None = None,
    locale: str | None = None,
    claim_file: Path | None = None,
) -> tuple[str, ArticleInfo]:
    """The article's body and what the claim file's ``article:`` block will say.

    Options override the article's front matter. Raises :class:`ExtractionError` with the
    file (and line, where there is one) on anything that cannot be drafted from.
    """
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise ExtractionError(f"{path}: not a regular file")
        if size > MAX_ARTICLE_BYTES:
            raise ExtractionError(f"{path}: the article is {size:,} bytes, more than the 5 MiB limit")
        raw = path.read_bytes()
    except OSError as error:
        raise ExtractionError(f"{path}: cannot read the article: {error.strerror or error}") from None
    if b"\0" in raw:
        raise ExtractionError(f"{path}:1:1: not a text file (it has NUL bytes)")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        col = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        raise ExtractionError(
            f"{path}:{line}:{col}: not UTF-8 (byte 0x{raw[error.start]:02x}); save the article as UTF-8"
        ) from None
    if not text.strip():
        raise ExtractionError(f"{path}:1:1: the article is empty")
    article = split_front_matter(plain_text(text, path.suffix))
    meta = article.meta
    when = date or meta.get("date")
    published = None
    if when:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", when):
            raise ExtractionError(f"{path}: the date {when!r} must be written YYYY-MM-DD (--date)")
        try:
            published = datetime.date.fromisoformat(when)
        except ValueError:
            raise ExtractionError(f"{path}: {when!r} is not a date (--date)") from None
    text_path = None
    if path.suffix.lower() not in (".html", ".htm"):
        base = (claim_file or path).resolve().parent
        text_path = os.path.relpath(path.resolve(), base) if claim_file else str(path.resolve())
    info = ArticleInfo(
        title=title or meta.get("title") or path.stem,
        publisher=publisher or meta.get("publisher") or "unknown (set --publisher)",
        date=published,
        url=url or meta.get("url"),
        text=text_path,
        locale=locale or meta.get("locale"),
    )
    return article.body, info
