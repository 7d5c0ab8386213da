"""Loading a claim file: bytes to text to YAML to validated, cross-referenced records.

Every problem is collected with its place, so one run reports all that is wrong with a
file. Nothing in a claim file is executed: YAML is read as plain data, formulas are parsed
against a whitelist, and an article text is only ever read, relative to the claim file.
"""

from __future__ import annotations

import graphlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from claimcheck import rules
from claimcheck.articletext import plain_text
from claimcheck.checks import CHECK_KINDS
from claimcheck.config import EMPTY, ConfigError, config_for
from claimcheck.figures import PLAIN, ReadingContext
from claimcheck.kinds import CLAIM_KINDS
from claimcheck.records import Article, Check, Claim, Defaults, Record
from claimcheck.results import Problem
from claimcheck.schema import ID_PATTERN, Builder
from claimcheck.units import UnknownUnitError
from claimcheck.vocabulary import DEFAULT, Declaration, VocabularyError
from claimcheck.yamlsource import Document, Mark, YamlError, decode, parse
from claimcheck.yamlsource import Path as DocumentPath

CLAIM_FILE_SUFFIXES = (".yaml", ".yml")
TOP_LEVEL_KEYS = ("article", "units", "defaults", "claims", "references", "checks")
MAX_RECORDS = 10_000
MAX_ARTICLE_BYTES = 5 * 1024 * 1024


@dataclass(frozen=True, repr=False, eq=False)
class ClaimFile:
    """A loaded claim file: its records, or the problems that stop it from being checked."""

    path: Path
    article: Article | None = None
    defaults: Defaults = field(default_factory=Defaults)
    claims: tuple[Claim, ...] = ()
    """The article's claims, then the reference figures (the claims that have a source)."""
    checks: tuple[Check, ...] = ()
    problems: tuple[Problem, ...] = ()
    quote_lines: dict[str, int] = field(default_factory=dict)
    """For each claim id, the line of the article text where its quote starts."""
    check_order: tuple[str, ...] = ()
    """The check ids in an order where every check comes after the checks it reads."""
    context: ReadingContext = PLAIN
    """How the file's figures were read: locale, currency hints, declared units."""


def load_claim_file(path: Path) -> ClaimFile:
    """Read and validate one claim file."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        return _failed(
            path, Mark(1, 1), f"cannot read file: {error.strerror or error}", rules.FILE_UNREADABLE
        )
    return _load_bytes(path, raw)


def load_claim_text(path: Path, text: str) -> ClaimFile:
    """Validate a claim file held in memory, as if it were at ``path`` (``claimcheck check``)."""
    return _load_bytes(path, text.encode("utf-8"))


def _load_bytes(path: Path, raw: bytes) -> ClaimFile:
    try:
        document = parse(decode(raw))
    except YamlError as error:
        return _failed(path, error.mark, error.message, error.code)
    except RecursionError:
        return _failed(path, Mark(1, 1), "YAML is nested too deeply", rules.YAML_INVALID)
    return _Loader(path, document).load()


def _failed(path: Path, mark: Mark, message: str, code: str) -> ClaimFile:
    return ClaimFile(path, problems=(Problem(path, mark, message, None, code),))


class _Loader:
    def __init__(self, path: Path, document: Document) -> None:
        self.path = path
        self.document = document
        self.builder = Builder(document)
        self.paths: dict[str, DocumentPath] = {}
        """Where each record stands in the document, by id."""
        for error in document.errors:
            self.builder.problem(error.message, error.mark, error.code)

    def load(self) -> ClaimFile:
        data = self.document.data
        if not isinstance(data, dict):
            self.builder.problem(
                "a claim file must be a mapping with 'article' and 'claims'", self.document.mark(())
            )
            return self._result(None, Defaults(), [], [], {})
        for key in data:
            if key not in TOP_LEVEL_KEYS:
                self.builder.problem(
                    f"unknown top-level key {key!r}; expected {', '.join(TOP_LEVEL_KEYS)}",
                    self.document.key_mark((key,)),
                )
        for key in ("article", "claims"):
            if key not in data:
                self.builder.problem(f"missing the top-level key {key!r}", self.document.mark(()))
        article = None
        if "article" in data:
            article = self.builder.record(Article, data["article"], ("article",), "the article")
            self.builder.published = article.date if article else None
        self.builder.context = self._reading_context(article, data.get("units"))
        defaults = Defaults()
        if "defaults" in data:
            defaults = self.builder.record(Defaults, data["defaults"], ("defaults",), "defaults") or defaults
        claims = self._records("claims", data.get("claims"), CLAIM_KINDS)
        references = self._records("references", data.get("references"), CLAIM_KINDS)
        self._sources(claims, references)
        claims += references
        checks = self._records("checks", data.get("checks"), CHECK_KINDS)
        self._unique_ids([*claims, *checks])
        self._validate(claims, checks)
        quote_lines = self._quotes(article, claims) if article else {}
        order = self._references(claims, checks)
        return self._result(article, defaults, claims, checks, quote_lines, order)

    def _reading_context(self, article: Article | None, units: Any) -> ReadingContext:
        """How this file's figures are read: the project's and the file's settings and units."""
        try:
            config = config_for(self.path)
        except ConfigError as error:
            self.builder.problem(
                f"{error.path}:{error.line}: {error.message}", Mark(1, 1), rules.CONFIG_INVALID
            )
            config = EMPTY
        declarations = list(config.declarations)
        if units is not None:
            mark = self.document.mark(("units",))
            if not isinstance(units, dict) or not all(isinstance(v, str) for v in units.values()):
                self.builder.problem(
                    "'units' must map words to definitions: 'overnight stay: noun', 'bed night: night'",
                    mark,
                    rules.CONFIG_INVALID,
                )
            else:
                declarations += [Declaration(word, text, "the claim file") for word, text in units.items()]
        try:
            vocabulary = DEFAULT.declare(tuple(declarations))
        except VocabularyError as error:
            bad = next((d for d in declarations if repr(d.word) in str(error)), None)
            where = (
                self.document.key_mark(("units", bad.word))
                if bad is not None and bad.origin == "the claim file"
                else Mark(1, 1)
            )
            origin = "" if bad is None or bad.origin == "the claim file" else f"{bad.origin}: "
            self.builder.problem(f"{origin}{error}", where, rules.CONFIG_INVALID)
            vocabulary = DEFAULT
        hints = config.currency_hints
        locale = config.locale
        if article is not None:
            for code in article.currency_hints:
                term = DEFAULT.term(code)
                if term is not None and term.kind == "currency":
                    continue
                self.builder.problem(
                    f"currency_hints: {code!r} is not a currency code claimcheck knows",
                    self.document.mark(("article", "currency_hints")),
                    rules.UNKNOWN_UNIT,
                )
            hints = (*article.currency_hints, *hints)
            locale = article.locale or locale
        return ReadingContext(locale, hints, vocabulary)

    def _sources(self, claims: list[Claim], references: list[Claim]) -> None:
        for claim in claims:
            if claim.source is not None:
                self._problem(
                    claim,
                    "a claim of the article has no 'source'; move it to 'references'",
                    self.document.mark((*self.paths[claim.id], "source")),
                )
        for reference in references:
            if reference.source is None:
                self._problem(reference, "a reference needs a 'source': the document its figure comes from")

    def _result(
        self,
        article: Article | None,
        defaults: Defaults,
        claims: list[Claim],
        checks: list[Check],
        quotes: dict[str, int],
        order: tuple[str, ...] = (),
    ) -> ClaimFile:
        problems = tuple(
            Problem(self.path, mark, message, record_id, code)
            for message, mark, record_id, code in sorted(self.builder.problems, key=lambda item: item[1])
        )
        return ClaimFile(
            self.path,
            article,
            defaults,
            tuple(claims),
            tuple(checks),
            problems,
            quotes,
            order,
            self.builder.context,
        )

    def _records(self, key: str, items: Any, registry: dict[str, Any]) -> list[Any]:
        if items is None:
            return []
        if not isinstance(items, list):
            self.builder.problem(f"{key!r} must be a list", self.document.mark((key,)))
            return []
        if len(items) > MAX_RECORDS:
            self.builder.problem(f"{key!r} has more than {MAX_RECORDS:,} entries", self.document.mark((key,)))
            return []
        records = []
        singular = key[:-1]
        for index, item in enumerate(items):
            path = (key, index)
            record_id = item.get("id") if isinstance(item, dict) else None
            self.builder.record_id = record_id if isinstance(record_id, str) else None
            kind_name = item.get("kind") if isinstance(item, dict) else None
            if not isinstance(item, dict):
                self.builder.problem(f"each {singular} must be a mapping", self.document.mark(path))
                continue
            if kind_name is None:
                self.builder.problem(
                    f"{singular} has no 'kind'; expected one of {', '.join(registry)}",
                    self.document.mark(path),
                )
                continue
            kind = registry.get(kind_name)
            if kind is None:
                self.builder.problem(
                    f"unknown {singular} kind {kind_name!r}; expected one of {', '.join(registry)}",
                    self.document.mark((*path, "kind")),
                )
                continue
            record = self.builder.record(kind.record, item, path, f"{kind_name} {singular}")
            if record is not None:
                self.paths.setdefault(record.id, path)
                if not re.fullmatch(ID_PATTERN, record.id):
                    self.builder.problem(
                        f"id {record.id!r} must be lower-case letters, digits and '_',"
                        " starting with a letter",
                        self.document.mark((*path, "id")),
                    )
                    continue
                records.append(record)
        self.builder.record_id = None
        return records

    def _unique_ids(self, records: list[Record]) -> None:
        seen: dict[str, Record] = {}
        for record in records:
            if record.id in seen:
                first = seen[record.id].at
                self._problem(record, f"duplicate id {record.id!r} (first used at line {first.line})")
            else:
                seen[record.id] = record

    def _problem(
        self, record: Record | None, message: str, mark: Mark | None = None, code: str = rules.SCHEMA_INVALID
    ) -> None:
        self.builder.record_id = record.id if record else None
        self.builder.problem(message, mark or (record.at if record else Mark(1, 1)), code)
        self.builder.record_id = None

    def _validate(self, claims: list[Claim], checks: list[Check]) -> None:
        for record in [*claims, *checks]:
            kind = CLAIM_KINDS.get(record.kind) or CHECK_KINDS[record.kind]
            try:
                issues = kind.validate(record)
            except UnknownUnitError as error:
                self._problem(record, str(error), record.at, rules.UNKNOWN_UNIT)
                continue
            for message, mark in issues:
                code = rules.UNKNOWN_UNIT if message.startswith("unknown unit") else rules.SCHEMA_INVALID
                self._problem(record, message, mark, code)

    def _quotes(self, article: Article, claims: list[Claim]) -> dict[str, int]:
        lines: dict[str, int] = {}
        text = None
        if article.text is not None:
            text = self._article_text(article)
        normalized_text = _normalize(text) if text is not None else None
        for claim in claims:
            quote = _normalize(claim.quote)
            for name, figure in claim.figures().items():
                if _normalize(figure.printed) not in quote:
                    message = f"figure {name!r} ({figure.printed!r}) is not in the quote"
                    self._problem(claim, message, figure.at, rules.QUOTE_MISMATCH)
            if normalized_text is None or text is None or claim.source is not None:
                continue  # a reference quotes its own source, not the article
            position = normalized_text.find(quote)
            if position < 0:
                mark = self.document.mark((*self.paths[claim.id], "quote"))
                self._problem(claim, "quote not found in the article text", mark, rules.QUOTE_MISMATCH)
            else:
                lines[claim.id] = _line_of(text, claim.quote) or 1
        return lines

    def _article_text(self, article: Article) -> str | None:
        assert article.text is not None
        mark = self.document.mark(("article", "text"))
        target = (self.path.parent / article.text).resolve()
        try:
            raw = target.read_bytes()
        except OSError as error:
            reason = f"cannot read the article text {article.text!r}: {error.strerror or error}"
            self._problem(None, reason, mark, rules.FILE_UNREADABLE)
            return None
        if len(raw) > MAX_ARTICLE_BYTES:
            self._problem(None, "the article text is larger than 5 MiB", mark, rules.FILE_UNREADABLE)
            return None
        try:
            return plain_text(raw.decode("utf-8-sig"), target.suffix)
        except UnicodeDecodeError:
            self._problem(
                None, f"the article text {article.text!r} is not UTF-8", mark, rules.FILE_UNREADABLE
            )
            return None

    def _references(self, claims: list[Claim], checks: list[Check]) -> tuple[str, ...]:
        """Report references to unknown ids and cycles; the checks' evaluation order."""
        ids = {record.id for record in [*claims, *checks]}
        check_ids = {check.id for check in checks}
        graph: dict[str, set[str]] = {}
        for check in checks:
            targets = set()
            for ref in check.references():
                if ref.target not in ids:
                    close = _close(ref.target, ids)
                    message = f"reference to unknown id {ref.target!r}{close}"
                    self._problem(check, message, ref.at, rules.REFERENCE_INVALID)
                elif ref.target in check_ids:
                    targets.add(ref.target)
            graph[check.id] = targets
        try:
            return tuple(graphlib.TopologicalSorter(graph).static_order())
        except graphlib.CycleError as error:
            cycle = error.args[1]
            first = next(check for check in checks if check.id == cycle[0])
            self._problem(first, "reference cycle: " + " -> ".join(cycle), None, rules.REFERENCE_INVALID)
            return ()


def _close(name: str, ids: set[str]) -> str:
    import difflib

    matches = difflib.get_close_matches(name, sorted(ids), n=1)
    return f"; did you mean {matches[0]!r}?" if matches else ""


_QUOTES = str.maketrans(
    {"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'", "\u2013": "-", "\u2014": "-"}
)


def _normalize(text: str) -> str:
    """Text for quote matching: straight quotes and dashes, single spaces, case folded."""
    return " ".join(text.translate(_QUOTES).split()).casefold()


def _line_of(text: str, quote: str) -> int | None:
    words = quote.split()
    if not words:
        return None
    for number, line in enumerate(text.splitlines(), 1):
        if _normalize(" ".join(words[:4])) in _normalize(line):
            return number
    return None


def find_claim_files(paths: list[Path]) -> tuple[list[Path], list[Problem]]:
    """The claim files named by ``paths``: files as given, directories searched for YAML."""
    files: list[Path] = []
    problems: list[Problem] = []
    for path in paths:
        if path.is_dir():
            files.extend(
                sorted(
                    found
                    for found in path.rglob("*")
                    if found.suffix in CLAIM_FILE_SUFFIXES and found.is_file()
                )
            )
        elif path.is_file():
            files.append(path)
        else:
            problems.append(
                Problem(path, Mark(1, 1), "no such file or directory", None, rules.FILE_UNREADABLE)
            )
    return files, problems
