"""Loading a claim file: bytes to text to YAML to validated, cross-referenced records.

Every problem is collected with its place, so one run reports all that is wrong with a
file. Nothing in a claim file is executed: YAML is read as plain data, formulas are parsed
against a whitelist, and an article text is only ever read, relative to the claim file.
Files are read only when they are regular files within the size limit, which is checked
with the file's size before reading: a device or a pipe is never read to its end.
Each record is built under the safety net (:mod:`claimcheck.safety`).
"""

from __future__ import annotations

import bisect
import dataclasses
import graphlib
import itertools
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from claimcheck import rules, safety
from claimcheck.articletext import plain_text
from claimcheck.checks import CHECK_KINDS
from claimcheck.config import EMPTY, Config, ConfigError, config_for
from claimcheck.figures import PLAIN, FigureError, FigureOptions, ReadingContext, read_figure
from claimcheck.kinds import CLAIM_KINDS
from claimcheck.kinds.base import no_issues
from claimcheck.kinds.conversion import validate_tolerance
from claimcheck.limits import MAX_ARTICLE_BYTES, MAX_FILE_BYTES, MAX_QUOTE_SEARCH, MAX_RECORDS
from claimcheck.realpaths import resolved_text
from claimcheck.records import Article, Check, Claim, Defaults, Figure, Record
from claimcheck.results import Problem
from claimcheck.schema import ID_PATTERN, Builder
from claimcheck.units import UnknownUnitError
from claimcheck.vocabulary import DEFAULT, Declaration, VocabularyError
from claimcheck.yamlsource import Document, Mark, Position, YamlError, decode, parse
from claimcheck.yamlsource import Path as DocumentPath

TOP_LEVEL_KEYS = ("article", "units", "defaults", "claims", "references", "checks")
_ID = re.compile(ID_PATTERN)


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


class UnreadableFileError(OSError):
    """A file that is not read: not a regular file, or larger than its limit."""

    def __init__(self, reason: str, too_large: bool = False) -> None:
        self.reason = reason
        self.too_large = too_large
        super().__init__(reason)


def read_regular_file(path: str | Path, limit: int) -> bytes:
    """The bytes of the regular file at ``path``, refused if larger than ``limit`` bytes.

    The size is checked with the file's own size before anything is read, and at most
    ``limit + 1`` bytes are ever read, so a device (/dev/zero), a FIFO or a file that
    grows while it is read cannot make claimcheck read without end. Opening does not block
    on a FIFO (``O_NONBLOCK``), and the type is checked on the opened file itself.
    """
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode):
            raise UnreadableFileError("not a regular file")
        if status.st_size > limit:
            raise UnreadableFileError(f"larger than {limit // (1024 * 1024)} MiB", too_large=True)
        # One byte more than its size tells a file that grew while it was read (or a file of
        # /proc, which says it is empty): never more than limit + 1 bytes.
        data = _read_at_most(descriptor, status.st_size + 1)
    finally:
        os.close(descriptor)
    if len(data) > status.st_size:
        raise UnreadableFileError("the file changed while it was read")
    return data


def _read_at_most(descriptor: int, size: int) -> bytes:
    """Up to ``size`` bytes of an open file, fewer only at its end: what a buffered file's
    ``read(size)`` gives, without making one (which cost as much as reading a claim file)."""
    chunks = []
    while size > 0:
        chunk = os.read(descriptor, size)
        if not chunk:
            break
        chunks.append(chunk)
        size -= len(chunk)
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)


def _suffix(name: str) -> str:
    """``Path(name).suffix`` of a file name: from its last dot, unless the dot is first or last."""
    dot = name.rfind(".")
    return name[dot:] if 0 < dot < len(name) - 1 else ""


def _reason(error: OSError) -> str:
    if isinstance(error, UnreadableFileError):
        return error.reason
    return str(error.strerror or error)


def load_claim_file(path: Path) -> ClaimFile:
    """Read and validate one claim file."""
    try:
        raw = read_regular_file(path, MAX_FILE_BYTES)
    except OSError as error:
        message = f"cannot read file: {_reason(error)}"
        if isinstance(error, UnreadableFileError) and error.too_large:
            message = f"file is {error.reason}"
        return _failed(path, Mark(1, 1), message, rules.FILE_UNREADABLE)
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
    try:
        return _Loader(path, document).load()
    except Exception as error:  # the safety net: see claimcheck.safety
        return ClaimFile(path, problems=(safety.internal_problem(path, Mark(1, 1), None, "loading", error),))


def _failed(path: Path, mark: Mark, message: str, code: str) -> ClaimFile:
    return ClaimFile(path, problems=(Problem(path, mark, message, None, code),))


class _Loader:
    def __init__(self, path: Path, document: Document) -> None:
        self.path = path
        self.document = document
        self.builder = Builder(document)
        self.paths: dict[str, DocumentPath] = {}
        self.failed: dict[str, Mark] = {}
        """Records that could not be read, by id, at their place: what refers to them says so."""
        self.config: Config = EMPTY
        """The project configuration in force for this file (set when the context is built)."""
        """Where each record stands in the document, by id."""
        for error in document.errors:
            self.builder.problem(error.message, error.mark, error.code)

    def _internal(self, path: DocumentPath, record_id: str | None, doing: str, error: Exception) -> None:
        """Report an unexpected exception as an internal error of one record, and go on."""
        problem = safety.internal_problem(self.path, self.document.mark(path), record_id, doing, error)
        self.builder.problems.append((problem.message, problem.at, record_id, problem.code))
        self.builder.record_id = None

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
            try:
                article = self.builder.record(
                    Article, data["article"], self.document.value_position(data, "article"), "the article"
                )
            except Exception as error:  # the safety net
                self._internal(("article",), None, "reading", error)
            self.builder.published = article.date if article else None
        self.builder.read_in(self._reading_context(article, data.get("units")))
        defaults = self._defaults(data)
        for key, shape in (
            ("claims", "a list"),
            ("references", "a list"),
            ("checks", "a list"),
            ("units", "a mapping"),
        ):
            if key in data and data[key] is None:  # "checks:" with nothing under it
                self.builder.problem(
                    f"{key!r} must be {shape}; delete the key if there is none", self.document.mark((key,))
                )
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
            config = self.config = config_for(self.path)
        except ConfigError as error:
            self.builder.problem(
                f"{error.path}:{error.line}: {error.message}", Mark(1, 1), rules.CONFIG_INVALID
            )
            config = self.config = EMPTY
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
            bad = error.declaration
            in_file = bad.origin == "the claim file"
            where = self.document.key_mark(("units", bad.word)) if in_file else Mark(1, 1)
            origin = "" if in_file else f"{bad.origin}: "
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

    def _defaults(self, data: dict[str, Any]) -> Defaults:
        """The file's defaults; what it leaves out comes from the project configuration."""
        project = self._project_defaults()
        if "defaults" not in data:
            return project
        try:
            defaults: Defaults | None = self.builder.record(
                Defaults, data["defaults"], self.document.value_position(data, "defaults"), "defaults"
            )
            if defaults is None:
                return project
            bad_tolerance = validate_tolerance(defaults.rate_tolerance)
            for message, mark in bad_tolerance:
                self._problem(None, message, mark)
            if bad_tolerance:  # reported; the claims are still checked, with the project's tolerance
                defaults = dataclasses.replace(defaults, rate_tolerance=project.rate_tolerance)
            given = data["defaults"] if isinstance(data["defaults"], dict) else {}
            inherited = {
                key: getattr(project, key) for key in ("rate_window", "rate_tolerance") if key not in given
            }
            return dataclasses.replace(defaults, **inherited)
        except Exception as error:  # the safety net
            self._internal(("defaults",), None, "reading", error)
            return project

    def _project_defaults(self) -> Defaults:
        """``rate_window`` and ``rate_tolerance`` of claimcheck.toml or [tool.claimcheck]."""
        config = self.config
        window = Defaults().rate_window if config.rate_window is None else config.rate_window
        tolerance = None
        if config.rate_tolerance is not None:
            try:
                reading = read_figure(config.rate_tolerance)
            except (FigureError, UnknownUnitError) as error:
                where = f"{config.path}: rate_tolerance {config.rate_tolerance!r}"
                self.builder.problem(f"{where}: {error}", Mark(1, 1), rules.CONFIG_INVALID)
            else:
                tolerance = Figure(config.rate_tolerance, reading, FigureOptions(), Mark(1, 1))
        return Defaults(rate_window=window, rate_tolerance=tolerance)

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
        positions = self.document.places[id(items)][1]
        for index, item in enumerate(items):
            path = (key, index)
            record_id = item.get("id") if isinstance(item, dict) else None
            self.builder.record_id = record_id if isinstance(record_id, str) else None
            try:
                record = self._record(singular, item, path, positions[index], registry)
            except Exception as error:  # the safety net: one record fails, the others are read
                if self.builder.record_id is not None:
                    self.failed.setdefault(self.builder.record_id, self.document.mark(path))
                self._internal(path, self.builder.record_id, "reading", error)
                continue
            if record is not None:
                records.append(record)
            elif isinstance(record_id, str):
                self.failed.setdefault(record_id, self.document.mark(path))
        self.builder.record_id = None
        return records

    def _record(
        self, singular: str, item: Any, path: DocumentPath, position: Position, registry: dict[str, Any]
    ) -> Any:
        """One claim, reference or check built from its mapping at ``path`` (and ``position``),
        or None after a problem."""
        if not isinstance(item, dict):
            self.builder.problem(f"each {singular} must be a mapping", self.document.mark(path))
            return None
        kind_name = item.get("kind")
        if kind_name is None:
            self.builder.problem(
                f"{singular} has no 'kind'; expected one of {', '.join(registry)}",
                self.document.mark(path),
            )
            return None
        if not isinstance(kind_name, str):
            self.builder.problem(
                f"'kind' must be a single word, one of {', '.join(registry)}, not a {_shape(kind_name)}",
                self.document.mark((*path, "kind")),
            )
            return None
        kind = registry.get(kind_name)
        if kind is None:
            self.builder.problem(
                f"unknown {singular} kind {kind_name!r}; expected one of {', '.join(registry)}",
                self.document.mark((*path, "kind")),
            )
            return None
        record = self.builder.record(kind.record, item, position, f"{kind_name} {singular}")
        if record is None:
            return None
        self.paths.setdefault(record.id, path)
        if not _ID.fullmatch(record.id):
            self.builder.problem(
                f"id {record.id!r} must be lower-case letters, digits and '_', starting with a letter",
                self.document.mark((*path, "id")),
            )
            return None
        return record

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
            if kind.validate is no_issues:
                continue  # most kinds: nothing to find once the fields are read
            try:
                issues = kind.validate(record)
            except UnknownUnitError as error:
                issues = [(str(error), record.at)]
            except Exception as error:  # the safety net
                self._internal(self.paths.get(record.id, ()), record.id, "validating", error)
                continue
            for message, mark in issues:
                code, place = rules.SCHEMA_INVALID, mark
                if message.startswith("unknown unit"):
                    code = rules.UNKNOWN_UNIT
                    if mark is record.at and record.id in self.paths:
                        # A record-wide unit ('unit:' of a change or a check) is shown at its key.
                        place = self.document.mark((*self.paths[record.id], "unit"))
                self._problem(record, message, place, code)

    def _quotes(self, article: Article, claims: list[Claim]) -> dict[str, int]:
        lines: dict[str, int] = {}
        text = None
        if article.text is not None:
            text = self._article_text(article)
        # Normalised once, with the offset where each line starts: matching stays linear in
        # the length of the article, however many quotes there are.
        index = _ArticleIndex.of(text) if text is not None else None
        if index is not None and len(index.text) * len(claims) > MAX_QUOTE_SEARCH:
            quoted = {claim.quote for claim in claims if claim.source is None}
            if len(index.text) * len(quoted) > MAX_QUOTE_SEARCH:
                message = (
                    f"the article text ({len(index.text):,} characters) is too long to look for"
                    f" {len(quoted):,} quotes in it; split the claim file"
                )
                self._problem(None, message, self.document.mark(("article", "text")), rules.FILE_UNREADABLE)
                index = None
        for claim in claims:
            try:
                line = self._quote(claim, index)
            except Exception as error:  # the safety net
                self._internal(self.paths.get(claim.id, ()), claim.id, "matching the quote of", error)
                continue
            if line is not None:
                lines[claim.id] = line
        return lines

    def _quote(self, claim: Claim, index: _ArticleIndex | None) -> int | None:
        """Check one claim's figures against its quote and its quote against the article."""
        quote = _normalize(claim.quote)
        for name, figure in claim.figures().items():
            if not _in_quote(figure.printed, claim.quote, quote):
                message = f"figure {name!r} ({figure.printed!r}) is not in the quote"
                self._problem(claim, message, figure.at, rules.QUOTE_MISMATCH)
        if index is None or claim.source is not None:
            return None  # a reference quotes its own source, not the article
        position = index.text.find(quote)
        if position < 0:
            mark = self.document.mark((*self.paths[claim.id], "quote"))
            self._problem(claim, "quote not found in the article text", mark, rules.QUOTE_MISMATCH)
            return None
        return index.line_at(position)

    def _article_text(self, article: Article) -> str | None:
        assert article.text is not None
        # The text of `self.path.parent / article.text`: joining, like Path's, starts again
        # at an absolute article path.
        target = resolved_text(os.path.join(os.path.dirname(self.path), article.text))
        try:
            raw = read_regular_file(target, MAX_ARTICLE_BYTES)
        except OSError as error:
            reason = f"cannot read the article text {article.text!r}: {_reason(error)}"
            if isinstance(error, UnreadableFileError) and error.too_large:
                reason = f"the article text is {error.reason}"
            self._problem(None, reason, self.document.mark(("article", "text")), rules.FILE_UNREADABLE)
            return None
        try:
            return plain_text(raw.decode("utf-8-sig"), _suffix(os.path.basename(target)))
        except UnicodeDecodeError:
            message = f"the article text {article.text!r} is not UTF-8"
            self._problem(None, message, self.document.mark(("article", "text")), rules.FILE_UNREADABLE)
            return None

    def _references(self, claims: list[Claim], checks: list[Check]) -> tuple[str, ...]:
        """Report references to unknown ids and cycles; the checks' evaluation order."""
        ids = {record.id for record in [*claims, *checks]}
        check_ids = {check.id for check in checks}
        graph: dict[str, set[str]] = {}
        for check in checks:
            targets = set()
            for ref in check.references():
                target = ref.target
                if target in ids:
                    if target in check_ids:
                        targets.add(target)
                elif target in self.failed:
                    line = self.failed[target].line
                    message = f"depends on {target!r}, which could not be read: see line {line}"
                    self._problem(check, message, ref.at, rules.REFERENCE_INVALID)
                else:
                    message = f"reference to unknown id {target!r}{_close(target, ids)}"
                    self._problem(check, message, ref.at, rules.REFERENCE_INVALID)
            graph[check.id] = targets
        order = _static_order(graph)
        if order is not None:
            return order
        while True:
            try:
                return tuple(graphlib.TopologicalSorter(graph).static_order())
            except graphlib.CycleError as error:
                # Report the cycle at its first check and order the rest without it.
                cycle = error.args[1]
                first = next(check for check in checks if check.id == cycle[0])
                self._problem(first, "reference cycle: " + " -> ".join(cycle), None, rules.REFERENCE_INVALID)
                for member in cycle:
                    graph.pop(member, None)
                graph = {check_id: targets - set(cycle) for check_id, targets in graph.items()}


def _static_order(graph: dict[str, set[str]]) -> tuple[str, ...] | None:
    """``graphlib.TopologicalSorter(graph).static_order()``, or None when ``graph`` has a cycle.

    The same algorithm and so the same order, without the sorter's search for a cycle up
    front and its bookkeeping: ordering a file's checks ran once per file. A cycle is left
    to graphlib, which names it.
    """
    # Nodes in order of first appearance (a node, then its new predecessors), as graphlib adds them.
    successors: dict[str, list[str]] = {}
    waiting: dict[str, int] = {}
    for node, predecessors in graph.items():
        if node not in waiting:
            waiting[node], successors[node] = 0, []
        for predecessor in predecessors:
            if predecessor not in waiting:
                waiting[predecessor], successors[predecessor] = 0, []
            successors[predecessor].append(node)
            waiting[node] += 1
    ready = [node for node, count in waiting.items() if count == 0]
    order: list[str] = []
    while ready:
        order += ready
        released = []
        for node in ready:
            for successor in successors[node]:
                waiting[successor] -= 1
                if waiting[successor] == 0:
                    released.append(successor)
        ready = released
    return tuple(order) if len(order) == len(waiting) else None


def _close(name: str, ids: set[str]) -> str:
    import difflib

    matches = difflib.get_close_matches(name, sorted(ids), n=1)
    return f"; did you mean {matches[0]!r}?" if matches else ""


_QUOTES = str.maketrans(
    {"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'", "\u2013": "-", "\u2014": "-"}
)


def _normalize(text: str) -> str:
    """Text for quote matching: straight quotes and dashes, single spaces, case folded."""
    if not text.isascii():  # the characters translated are not ASCII; most texts are
        text = text.translate(_QUOTES)
    elif _spaced_plainly(text):
        return text.lower()  # the same as casefold() for ASCII
    return " ".join(text.split()).casefold()


def _spaced_plainly(line: str) -> bool:
    """Whether ``line`` is its words joined by single spaces already, so that splitting and
    joining it would change nothing: no white space but single spaces inside it (the only
    white space that is printable is the space)."""
    return line.isprintable() and "  " not in line and line[:1] != " " and line[-1:] != " "


def _spaced_plainly_long(text: str) -> bool:
    """:func:`_spaced_plainly` of a long text, an article's: in ASCII, the white space that
    ``split()`` knows is looked for character by character at C speed, where ``isprintable``
    looks each character up in Unicode's tables (half of the time of indexing an article)."""
    if not text.isascii():
        return _spaced_plainly(text)
    if "  " in text or text[:1] == " " or text[-1:] == " ":
        return False
    return not any(white in text for white in _ASCII_WHITE)


_ASCII_WHITE = ("\n", "\t", "\r", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x1f")
"""The white space of ASCII but the space, as ``str.split()`` knows it."""


def _in_quote(printed: str, quote: str, normalized_quote: str) -> bool:
    """Whether a figure printed is in its quote once both are normalised (``normalized_quote``).

    A figure copied from its quote, as nearly all are, is found without normalising it: a part
    of a text is still a part once both are normalised, since each character is translated and
    case folded on its own, and white space inside the part is whole runs of the text's.
    """
    return printed in quote or _normalize(printed) in normalized_quote


@dataclass(frozen=True, repr=False, eq=False)
class _ArticleIndex:
    """The article text normalised once for quote matching, and where each line starts in it."""

    text: str
    starts: list[int]
    """For line n (1-based), at index n - 1: where its first word is, or would be, in ``text``."""

    @classmethod
    def of(cls, article: str) -> _ArticleIndex:
        # Normalising the whole text gives the same text as normalising line by line and
        # joining the lines that have words (line breaks are white space to split(); quotes
        # are translated and case folded character by character, which never makes or removes
        # white space): so each line's length, normalised, places it in the whole.
        lines = article.splitlines()
        text = " ".join(filter(None, lines))
        if not _spaced_plainly_long(text):
            # Some line is not its words joined by single spaces: each is normalised. When the
            # lines joined are, so is every line with words (a space at either end of one would
            # make two together, or one at an end); a line is kept when it has any.
            lines = [line if _spaced_plainly(line) else " ".join(line.split()) for line in lines]
            text = " ".join(filter(None, lines))
        if not text.isascii():
            text = text.translate(_QUOTES)
            lines = [line.casefold() for line in lines]  # folding may change a length: 'ß', 'ss'
        lengths = (len(line) + 1 if line else 0 for line in lines)
        return cls(text.casefold(), list(itertools.accumulate(lengths, initial=0)))

    def line_at(self, position: int) -> int:
        """The 1-based line of the article text that holds ``position`` of the normalised text."""
        return max(1, bisect.bisect_right(self.starts, position, hi=len(self.starts) - 1))


def _shape(data: Any) -> str:
    return "list" if isinstance(data, list) else "mapping" if isinstance(data, dict) else "value"
