"""The words claimcheck knows: counted nouns, currencies, units, and what a newsroom declares.

Everything that turns a printed word into a unit goes through :class:`Vocabulary`: the figure
reader, unit strings in claim files and ``claimcheck units``. The words themselves are data
(``data/nouns.txt``, ``data/currencies.txt``, ``data/units.txt``), read on first use; plurals
are reduced to singulars here and nowhere else.

A :class:`Vocabulary` is immutable and hashable, so that readings made with it can be cached;
declarations (``[tool.claimcheck.units]``, a claim file's ``units:``) make a new one.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Literal, NamedTuple

from claimcheck.exact import Exact, from_text

TermKind = Literal["noun", "currency", "unit"]


class Term(NamedTuple):
    """What a word stands for: ``factor`` times the unit named ``canonical``."""

    kind: TermKind
    canonical: str
    """The registry name: "visitor", "CNY", "tonne", "overnight_stay"."""
    factor: Exact = Exact(1)
    origin: str = "claimcheck"
    """Where the word was defined: "claimcheck", "claimcheck.toml", "the claim file"."""


class VocabularyError(ValueError):
    """A unit declaration that cannot be taken; ``declaration`` is the one at fault."""

    def __init__(self, message: str, declaration: Declaration) -> None:
        super().__init__(message)
        self.declaration = declaration


IRREGULAR_PLURALS: dict[str, str] = {
    "people": "person",
    "children": "child",
    "men": "man",
    "women": "woman",
    "feet": "foot",
    "teeth": "tooth",
    "mice": "mouse",
    "geese": "goose",
    "lives": "life",
    "wives": "wife",
    "knives": "knife",
    "halves": "half",
    "leaves": "leaf",
    "shelves": "shelf",
    "thieves": "thief",
    "wolves": "wolf",
    "calves": "calf",
    "analyses": "analysis",
    "crises": "crisis",
    "diagnoses": "diagnosis",
    "theses": "thesis",
    "indices": "index",
    "criteria": "criterion",
    "phenomena": "phenomenon",
    "media": "medium",
    "lei": "leu",
    "leva": "lev",
    "kronor": "krona",
    "kronur": "krona",
    "kroner": "krone",
    "reais": "real",
    "koruny": "koruna",
    "litai": "litas",
    "lati": "lats",
    "liri": "lira",
}
"""Plurals that no rule derives. Words whose plural is the word itself need no entry."""


def normalize(phrase: str) -> str:
    """The lookup key of a printed phrase: lower case, hyphens as spaces, single spaces."""
    return " ".join(phrase.casefold().replace("-", " ").split())


def singular_forms(phrase: str) -> list[str]:
    """``phrase`` (normalized) and the singulars its last word may be plural of, in order."""
    head, _, last = phrase.rpartition(" ")
    prefix = f"{head} " if head else ""
    forms = [last]
    if last in IRREGULAR_PLURALS:
        forms.append(IRREGULAR_PLURALS[last])
    if last.endswith("ies") and len(last) > 4:
        forms.append(last[:-3] + "y")
    if last.endswith("ves"):
        forms += [last[:-3] + "f", last[:-3] + "fe"]
    strip_es = last[:-2] if last.endswith("es") else None
    strip_s = last[:-1] if last.endswith("s") and not last.endswith("ss") else None
    # "buses" is bus, "sites" is site: the likelier singular first, in case both are words.
    likelier_es = last.endswith(("ses", "xes", "zes", "ches", "shes"))
    forms += [f for f in ((strip_es, strip_s) if likelier_es else (strip_s, strip_es)) if f]
    return [prefix + form for form in dict.fromkeys(forms)]


DATA = Path(__file__).parent / "data"
"""The package's data files. Read as files beside the modules (the package is installed as
files): importlib.resources would cost more, on first use, than reading them all."""


def _data(name: str) -> str:
    return (DATA / name).read_text(encoding="utf-8")


def _lines(text: str) -> list[str]:
    return [line.split("#", 1)[0].strip() for line in text.splitlines() if line.split("#", 1)[0].strip()]


class Currency(NamedTuple):
    """A currency: its code, the symbols printed before a number, the names printed after it."""

    code: str
    symbols: tuple[str, ...]
    suffix_symbols: tuple[str, ...]
    names: tuple[str, ...]


class Ambiguity(NamedTuple):
    """A symbol or name that stands for one of several currencies."""

    word: str
    choices: tuple[str, ...]
    default: str | None


@functools.cache
def currencies() -> tuple[Currency, ...]:
    """Every currency of ``data/currencies.txt``, in file order."""
    found = []
    for line in _lines(_data("currencies.txt")):
        if line.startswith("?"):
            continue
        code, symbols, names = (part.strip() for part in line.split("|"))
        prefix = tuple(symbol for symbol in symbols.split() if not symbol.startswith("~"))
        suffix = tuple(symbol[1:] for symbol in symbols.split() if symbol.startswith("~"))
        found.append(Currency(code, prefix, suffix, tuple(n.strip() for n in names.split(",") if n.strip())))
    return tuple(found)


@functools.cache
def ambiguities() -> dict[str, Ambiguity]:
    """Ambiguous symbols and names ("$", "¥", "kr", "dollars"), by their case-folded form."""
    found = {}
    for line in _lines(_data("currencies.txt")):
        if line.startswith("?"):
            word, codes = (part.strip() for part in line[1:].split("|"))
            choices = tuple(code.rstrip("*") for code in codes.split())
            default = next((code.rstrip("*") for code in codes.split() if code.endswith("*")), None)
            found[word.casefold()] = Ambiguity(word, choices, default)
    return found


LOCALE_CURRENCIES: dict[str, str] = {
    "zh": "CNY",
    "zh-hk": "HKD",
    "zh-tw": "TWD",
    "ja": "JPY",
    "sv": "SEK",
    "nb": "NOK",
    "nn": "NOK",
    "no": "NOK",
    "da": "DKK",
    "is": "ISK",
    "en-au": "AUD",
    "en-ca": "CAD",
    "fr-ca": "CAD",
    "en-nz": "NZD",
    "en-sg": "SGD",
    "es-mx": "MXN",
    "en-ph": "PHP",
    "fil": "PHP",
}
"""The currency a locale's own symbols and names stand for ("kr" in Swedish copy is SEK)."""


def resolve_ambiguity(
    ambiguity: Ambiguity, hints: tuple[str, ...], locale: str | None
) -> tuple[str | None, str]:
    """The currency an ambiguous word stands for, and how that was decided, in words.

    Returns (None, reason) when it cannot be told.
    """
    for code in hints:
        if code in ambiguity.choices:
            return code, f"{ambiguity.word!r} read as {code} (the article's currency_hints)"
    if locale:
        key = locale.casefold().replace("_", "-")
        for candidate in (key, key.split("-")[0]):
            local = LOCALE_CURRENCIES.get(candidate)
            if local in ambiguity.choices:
                return local, f"{ambiguity.word!r} read as {local} (the article's locale {locale})"
    if ambiguity.default is not None:
        return ambiguity.default, (
            f"{ambiguity.word!r} read as {ambiguity.default}, the default;"
            " set the article's currency_hints to read it otherwise"
        )
    choices = " or ".join(ambiguity.choices)
    return None, (
        f"{ambiguity.word!r} may be {choices}: say which in the article's currency_hints"
        f" (e.g. currency_hints: [{ambiguity.choices[0]}])"
    )


@functools.cache
def _unit_terms() -> dict[str, Term]:
    """Names, symbols and aliases of ``data/units.txt`` (ratios and physical units)."""
    terms: dict[str, Term] = {}
    for line in _lines(_data("units.txt")):
        name, _definition, *aliases = (part.strip() for part in line.split("="))
        term = Term("unit", name)
        for word in (name, *aliases):
            if word != "_":
                terms.setdefault(word, term)
                terms.setdefault(normalize(word.replace("_", " ")), term)
    return terms


@functools.cache
def _default_nouns() -> dict[str, Term]:
    nouns: dict[str, Term] = {}
    for line in _lines(_data("nouns.txt")):
        canonical, _, aliases = line.partition(":")
        name = normalize(canonical)
        term = Term("noun", name.replace(" ", "_"))
        for word in (name, *(normalize(alias) for alias in aliases.split(",") if alias.strip())):
            if word in nouns:
                raise AssertionError(f"nouns.txt lists {word!r} twice")
            nouns[word] = term
    return nouns


@functools.cache
def _currency_codes() -> dict[str, Term]:
    return {currency.code: Term("currency", currency.code) for currency in currencies()}


@functools.cache
def _default_currency_words() -> dict[str, Term]:
    words: dict[str, Term] = {}
    for currency in currencies():
        term = Term("currency", currency.code)
        for name in currency.names:
            words[normalize(name)] = term
    return words


class Declaration(NamedTuple):
    """One word a newsroom or a claim file adds: ``word: definition``."""

    word: str
    definition: str
    origin: str


class Vocabulary:
    """The words one claim file is read with: the defaults plus its declarations.

    Equal and hashable by its declarations, so that readings made with it can be cached.
    """

    __slots__ = ("_declared", "_terms", "declarations")

    def __init__(self, declarations: tuple[Declaration, ...] = ()) -> None:
        self.declarations = declarations
        self._declared: dict[str, Term] = {}
        self._terms: dict[str, Term | None] = {}
        """What :meth:`term` found for each phrase: the figure reader looks up the same nouns
        ("tourists", "projects") in figure after figure, several times in each."""

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Vocabulary) and other.declarations == self.declarations

    def __hash__(self) -> int:
        return hash(self.declarations)

    # lookups -------------------------------------------------------------------------------
    def term(self, phrase: str) -> Term | None:
        """What a printed word or phrase stands for, plural or singular; None if unknown."""
        terms = self._terms
        if phrase in terms:
            return terms[phrase]
        found = self._term(phrase)
        if len(terms) >= _MAX_REMEMBERED_TERMS:  # a bound on the memo, whatever is read
            terms.clear()
        terms[phrase] = found
        return found

    def _term(self, phrase: str) -> Term | None:
        exact = _unit_terms().get(phrase)  # symbols are case-sensitive: "MW" is not "mW"
        if exact is not None and phrase not in ("m", "b", "k"):
            return exact
        key = normalize(phrase)
        if not key:
            return None
        currency = _currency_codes().get(key.upper())
        if currency is not None:  # codes are read as printed, never as a plural ("SIT" is not "sits")
            return currency
        for form in singular_forms(key):
            for table in (self._declared, _default_currency_words(), _default_nouns(), _unit_terms()):
                found = table.get(form)
                if found is not None:
                    return found
        return None

    def noun_words(self) -> list[str]:
        """Every word that names a unit, for suggestions and listings."""
        words = {*self._declared, *_default_nouns(), *_default_currency_words(), *_currency_codes()}
        words.update(word for word in _unit_terms() if len(word) > 1)
        return sorted(words)

    def suggest(self, word: str, extra: tuple[str, ...] = ()) -> list[str]:
        """The known words closest to ``word``, best first."""
        import difflib

        pool = [*extra, *self.noun_words()]
        return difflib.get_close_matches(normalize(word), pool, n=3, cutoff=0.75)

    # declarations --------------------------------------------------------------------------
    def declare(self, declarations: tuple[Declaration, ...]) -> Vocabulary:
        """This vocabulary with more words; raises :class:`VocabularyError` on a bad one."""
        if not declarations:
            return self
        return _declared_vocabulary((*self.declarations, *declarations))


_MAX_REMEMBERED_TERMS = 256
"""The most phrases a vocabulary remembers the meaning of (:meth:`Vocabulary.term`): a file
reads a few dozen, and up to 256 declared vocabularies are kept (:func:`_declared_vocabulary`),
so the memos of a whole run stay within a few megabytes whatever the archive."""


@functools.lru_cache(maxsize=256)
def _declared_vocabulary(declarations: tuple[Declaration, ...]) -> Vocabulary:
    vocabulary = Vocabulary(declarations)
    for declaration in declarations:
        word = normalize(declaration.word)
        if not word or not re.fullmatch(r"[^\W\d_][\w ']*", word):
            raise VocabularyError(
                f"{declaration.word!r} is not a word or phrase that can name a unit", declaration
            )
        vocabulary._declared[word] = _define(vocabulary, word, declaration)
        vocabulary._terms.clear()  # what the declarations before it could not find
    return vocabulary


_MULTIPLE = re.compile(r"(?P<number>\d+(?:\.\d+)?)\s+(?P<word>.+)")


def _define(vocabulary: Vocabulary, word: str, declaration: Declaration) -> Term:
    definition = " ".join(declaration.definition.split())
    origin = declaration.origin
    if definition.casefold() == "noun":
        existing = vocabulary.term(word)
        if existing is not None:
            raise VocabularyError(
                f"{declaration.word!r} is already known as {existing.canonical};"
                f" to read it as a noun of its own, give it another name",
                declaration,
            )
        return Term("noun", word.replace(" ", "_").replace("'", ""), Exact(1), origin)
    factor = Exact(1)
    multiple = _MULTIPLE.fullmatch(definition)
    if multiple is not None:
        factor = from_text(multiple["number"])
        definition = multiple["word"]
        if factor == 0:
            raise VocabularyError(f"{declaration.word!r}: a unit cannot be zero times another", declaration)
    target = vocabulary.term(definition)
    if target is None:
        close = vocabulary.suggest(definition)
        hint = f" (did you mean {', '.join(repr(c) for c in close)}?)" if close else ""
        raise VocabularyError(
            f"{declaration.word!r} = {declaration.definition!r}: unknown unit {definition!r}{hint};"
            " write 'noun' to declare a new counted noun",
            declaration,
        )
    return Term(target.kind, target.canonical, target.factor * factor, origin)


DEFAULT = Vocabulary()
"""The vocabulary claimcheck ships."""


class Entry(NamedTuple):
    """One unit as ``claimcheck units`` lists it: its name, the words that print it, its origin."""

    canonical: str
    words: tuple[str, ...]
    origin: str


def listing(vocabulary: Vocabulary) -> dict[str, list[Entry]]:
    """Every unit the vocabulary knows, by group: currencies, counted nouns, units, declared."""
    groups: dict[str, list[Entry]] = {}
    for currency in currencies():
        words = (*currency.symbols, *currency.suffix_symbols, *currency.names)
        groups.setdefault("currencies", []).append(Entry(currency.code, words, "claimcheck"))
    for ambiguity in ambiguities().values():
        groups.setdefault("ambiguous", []).append(
            Entry(
                ambiguity.word,
                ambiguity.choices,
                f"default {ambiguity.default}" if ambiguity.default else "",
            )
        )
    by_noun: dict[str, list[str]] = {}
    for word, term in _default_nouns().items():
        by_noun.setdefault(term.canonical, []).append(word)
    groups["counted nouns"] = [Entry(name, tuple(words), "claimcheck") for name, words in by_noun.items()]
    by_unit: dict[str, list[str]] = {}
    for word, term in _unit_terms().items():
        if word not in by_unit.setdefault(term.canonical, []):
            by_unit[term.canonical].append(word)
    groups["units"] = [Entry(name, tuple(words), "claimcheck") for name, words in by_unit.items()]
    declared = [
        Entry(word, (f"{'' if t.factor == 1 else f'{t.factor} '}{t.canonical} ({t.kind})",), t.origin)
        for word, t in vocabulary._declared.items()
    ]
    if declared:
        groups["declared"] = declared
    return groups
