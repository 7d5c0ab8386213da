"""Splitting an article into sentences, with their places, without splitting "U.S." or "$7.66"."""

from __future__ import annotations

import re
from typing import NamedTuple

ABBREVIATIONS = frozenset(
    (
        "mr mrs ms dr prof st mt no nos vs etc inc ltd co corp jr sr gov sen rep gen col lt sgt"
        " jan feb mar apr jun jul aug sep sept oct nov dec approx est fig pp p vol ch art sec"
        " dept univ assn bros e.g i.e a.m p.m u.s u.k u.n e.u rs fr"
    ).split()
)
"""Words after which a full stop does not end a sentence (lower case, without the final stop)."""

_END = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s+|$)")


class Sentence(NamedTuple):
    """A sentence: its text exactly as printed, where it starts in the body, and its paragraph."""

    text: str
    start: int
    paragraph: int


def sentences(body: str) -> list[Sentence]:
    """The sentences of an article body, paragraph by paragraph (a blank line ends one)."""
    found: list[Sentence] = []
    offset = 0
    for number, block in enumerate(re.split(r"(\n[ \t]*\n)", body)):
        if number % 2 == 0 and block.strip():
            found += _split(block, offset, number // 2)
        offset += len(block)
    return found


def _split(paragraph: str, offset: int, number: int) -> list[Sentence]:
    found: list[Sentence] = []
    start = 0
    for match in _END.finditer(paragraph):
        end = match.end()
        if match.group()[0] == "." and _abbreviation_before(paragraph, match.start()):
            continue
        following = paragraph[end:].lstrip()
        if following and following[0].islower():  # "e.g. the", a stop inside a name
            continue
        _add(found, paragraph, start, end, offset, number)
        start = end
    _add(found, paragraph, start, len(paragraph), offset, number)
    return found


def _add(found: list[Sentence], paragraph: str, start: int, end: int, offset: int, number: int) -> None:
    text = paragraph[start:end]
    stripped = text.strip()
    if stripped:
        lead = len(text) - len(text.lstrip())
        found.append(Sentence(stripped, offset + start + lead, number))


_LETTERS_AND_STOPS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz."


def _abbreviation_before(text: str, stop: int) -> bool:
    head = text[:stop]
    word = head[len(head.rstrip(_LETTERS_AND_STOPS)) :]  # the letters and stops it ends with
    if not word:
        return False
    token = word.lower().strip(".")
    return token in ABBREVIATIONS or (len(token) == 1 and token.isalpha())
