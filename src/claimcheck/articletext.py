"""An article's text as people read it: front matter split off, Markdown and HTML markup removed.

The loader matches quotes against this text and the extractor takes its quotes from it, so
that a quote drafted from an article is always found in it again.
"""

from __future__ import annotations

import re
from typing import NamedTuple

FRONT_MATTER_KEYS = ("title", "publisher", "date", "url", "locale")


class ArticleText(NamedTuple):
    """The body of an article and the metadata of its front-matter block."""

    body: str
    meta: dict[str, str]


def plain_text(raw: str, suffix: str) -> str:
    """The readable text of an article file: markup removed for .md and .html files."""
    suffix = suffix.lower()
    if suffix in (".html", ".htm"):
        return _html_text(raw)
    if suffix in (".md", ".markdown"):
        return _markdown_text(raw)
    return raw


def split_front_matter(text: str) -> ArticleText:
    """Split a leading ``key: value`` block ended by ``---`` (or YAML-style ``---`` fences)."""
    lines = text.splitlines(keepends=True)
    start = 1 if lines and lines[0].strip() == "---" else 0
    meta: dict[str, str] = {}
    for index in range(start, min(len(lines), start + 12)):
        line = lines[index].strip()
        if line == "---" and meta:
            return ArticleText("".join(lines[index + 1 :]), meta)
        key, colon, value = line.partition(":")
        if not colon or key.strip().lower() not in FRONT_MATTER_KEYS:
            break
        meta[key.strip().lower()] = value.strip().strip("\"'")
    return ArticleText(text, {})


_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_EMPHASIS = re.compile(r"(\*\*|__|\*|_|`)(?=\S)(.+?)(?<=\S)\1")
_MD_LINE = re.compile(r"^(?:#{1,6}\s+|>\s?|[-*+]\s+|\d+\.\s+)", re.MULTILINE)


def _markdown_text(raw: str) -> str:
    text = _MD_LINK.sub(r"\1", raw)
    text = _MD_EMPHASIS.sub(r"\2", text)
    return _MD_LINE.sub("", text)


BLOCK_TAGS = frozenset("p div br li h1 h2 h3 h4 h5 h6 tr blockquote section article header footer".split())
SKIPPED_TAGS = frozenset(("script", "style", "noscript", "template", "head"))


def _html_text(raw: str) -> str:
    """The text of an HTML page, paragraph by paragraph; scripts and styles left out."""
    from html.parser import HTMLParser  # only for HTML articles: verify never pays for it

    parts: list[str] = []
    skipping = 0

    class TextOf(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            nonlocal skipping
            if tag in SKIPPED_TAGS:
                skipping += 1
            elif tag in BLOCK_TAGS:
                parts.append("\n\n")

        def handle_endtag(self, tag: str) -> None:
            nonlocal skipping
            if tag in SKIPPED_TAGS and skipping:
                skipping -= 1
            elif tag in BLOCK_TAGS:
                parts.append("\n\n")

        def handle_data(self, data: str) -> None:
            if not skipping:
                parts.append(data)

    parser = TextOf(convert_charrefs=True)
    parser.feed(raw)
    parser.close()
    paragraphs = (" ".join(block.split()) for block in "".join(parts).split("\n\n"))
    return "\n\n".join(paragraph for paragraph in paragraphs if paragraph) + "\n"
