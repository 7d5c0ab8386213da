"""The results cache: each claim file's rendered part and findings, kept for the next run.

Re-checking an archive whose files have not changed costs a read and a hash per file: a hit
skips parsing and verification, and imports neither the engine nor pint. As ruff's and
mypy's, the cache is on by default and lives in the user cache directory:

1. ``$CLAIMCHECK_CACHE_DIR`` when set;
2. else ``cache_dir`` in the project configuration (relative to the file that sets it);
3. else ``$XDG_CACHE_HOME/claimcheck``, or ``~/.cache/claimcheck`` (``~/Library/Caches``
   on macOS, ``%LOCALAPPDATA%`` on Windows).

An entry is found by a hash of everything a file's output depends on: the bytes of the claim
file and of the configuration file that applies to it, the path as given and the current
folder (paths are shown as given, or relative to the repository), claimcheck's code and
reference data (the shipped data files and the exchange-rate history), the format and every
render option. The entry lists the other files the claim file read (its article text) with
the hash of their bytes, and is used only while they are unchanged.

Entries are written to a temporary file and renamed into place, so that concurrent runs
never see half an entry; an entry that cannot be read, is truncated or corrupt is a miss,
never an error. When the cache grows past :data:`MAX_BYTES`, the least recently used entries
are deleted (a hit renews its entry).
"""

from __future__ import annotations

import contextlib
import datetime
import hashlib
import json
import os
import stat
import sys
import tempfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from claimcheck import __version__
from claimcheck.limits import MAX_ARTICLE_BYTES, MAX_FILE_BYTES

if TYPE_CHECKING:
    from claimcheck.config import Config
    from claimcheck.formats import FileOutput, RenderOptions
    from claimcheck.loader import ClaimFile

ENVIRONMENT_VARIABLE = "CLAIMCHECK_CACHE_DIR"
LAYOUT = "results-v1"
"""The folder of this layout of entries, inside the cache directory: a new layout, a new folder."""
MAX_BYTES = 2 << 30
"""The cache's size limit (2 GiB): beyond it, the least recently used entries are deleted."""
PRUNE_TO = 0.8
"""Pruning deletes entries until the cache is this fraction of its limit."""


def cache_dir(config: Config | None = None) -> Path:
    """Where the cache lives: see the module's docstring for the order of precedence."""
    chosen = os.environ.get(ENVIRONMENT_VARIABLE)
    if chosen:
        return Path(chosen).expanduser()
    if config is not None and config.cache_dir is not None and config.root is not None:
        return (config.root / config.cache_dir).expanduser()
    return user_cache_dir() / "claimcheck"


def user_cache_dir() -> Path:
    """The user's cache directory, as the XDG base directory specification and each OS say."""
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg and Path(xdg).is_absolute():
        return Path(xdg)
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches"
    if sys.platform == "win32" and os.environ.get("LOCALAPPDATA"):
        return Path(os.environ["LOCALAPPDATA"])
    return Path.home() / ".cache"


def _digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


READ_LIMIT = max(MAX_FILE_BYTES, MAX_ARTICLE_BYTES)
"""Files larger than the loader reads are not read to be hashed either."""
NOT_READ = "not read:"
"""How a file that the loader refuses without reading it is marked instead of its hash."""


def _file_digest(path: Path) -> str | None:
    """The hash of a regular file's bytes; None when it cannot be opened (a missing article).

    Read as the loader reads (without blocking on a FIFO, never more than the limit): a
    device (/dev/zero), a FIFO or a file over the limit is marked by its type and size.
    """
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError:
        return None
    try:
        with os.fdopen(descriptor, "rb") as file:
            status = os.fstat(file.fileno())
            if not stat.S_ISREG(status.st_mode) or status.st_size > READ_LIMIT:
                return f"{NOT_READ}{stat.S_IFMT(status.st_mode)}:{status.st_size}"
            data = file.read(status.st_size + 1)
    except OSError:
        return None
    if len(data) > status.st_size:
        return f"{NOT_READ}changed"
    return _digest(data)


def _package_files(folder: Path) -> Iterator[Path]:
    for entry in sorted(folder.rglob("*")):
        if entry.is_file() and "__pycache__" not in entry.parts:
            yield entry


def code_fingerprint() -> str:
    """claimcheck's version and code: each module's size and time, so that an editable
    install whose code changed does not reuse results of the old code."""
    package = Path(__file__).parent
    hasher = hashlib.blake2b(__version__.encode(), digest_size=16)
    for path in _package_files(package):
        if path.suffix == ".py":
            stat = path.stat()
            hasher.update(f"{path.relative_to(package)}:{stat.st_size}:{stat.st_mtime_ns};".encode())
    return hasher.hexdigest()


def data_fingerprint() -> str:
    """The reference data's version: a hash of the bytes of every shipped data file
    (claimcheck's units and currencies, and the exchange-rate history it reads)."""
    import importlib.util

    folders = [Path(__file__).parent / "data"]
    spec = importlib.util.find_spec("currency_converter")  # found, not imported
    if spec is not None and spec.submodule_search_locations:
        folders.append(Path(next(iter(spec.submodule_search_locations))))
    hasher = hashlib.blake2b(digest_size=16)
    for folder in folders:
        for path in _package_files(folder):
            if path.suffix != ".py":
                hasher.update(f"{path.name}:{_file_digest(path)};".encode())
    return hasher.hexdigest()


def run_key(format_name: str, options: RenderOptions) -> str:
    """What every file's output in this run depends on, besides the file itself."""
    review_date = options.review_date or datetime.date.today().isoformat()
    return _digest(
        json.dumps(
            [
                LAYOUT,
                code_fingerprint(),
                data_fingerprint(),
                format_name,
                options.colour,
                options.width,
                options.quiet,
                None if options.root is None else str(options.root),
                options.notes,
                options.everything,
                options.organisation,
                options.review_url,
                review_date,
                os.getcwd(),
            ]
        ).encode()
    )


@dataclass(frozen=True)
class Fingerprint:
    """What a claim file's entry is found by: its key, and its bytes' hash when it was taken."""

    path: Path
    key: str
    claim_digest: str


class ResultCache:
    """The entries of one run: found by :meth:`lookup`, written by :meth:`store`.

    Picklable, so that worker processes store the results they compute.
    """

    def __init__(self, root: Path, run: str) -> None:
        self.root = root
        self.folder = root / LAYOUT
        self.run = run
        self.hits = 0
        self.misses = 0
        self._digests: dict[Path, str | None] = {}
        self._configurations: dict[Path, tuple[str, str | None]] = {}

    @classmethod
    def for_run(cls, root: Path, format_name: str, options: RenderOptions) -> ResultCache:
        return cls(root, run_key(format_name, options))

    def prune(self) -> int:
        """Keep the cache within its limit, after a run that stored entries."""
        return prune(self.root)

    def fingerprint(self, path: Path) -> Fingerprint | None:
        """The key of ``path``'s entry; None when it cannot be read (it is not cached)."""
        claim_digest = _file_digest(path)
        if claim_digest is None or claim_digest.startswith(NOT_READ):
            return None  # not a claim file the loader reads: never cached
        config_path, config_digest = self._configuration(path)
        key = _digest(f"{self.run}\0{path}\0{claim_digest}\0{config_path}\0{config_digest}".encode())
        return Fingerprint(path, key, claim_digest)

    def _configuration(self, path: Path) -> tuple[str, str | None]:
        """The configuration file that applies to ``path``, and the hash of its bytes (once
        per folder and run: the files of a folder share theirs)."""
        folder = path.parent
        if folder not in self._configurations:
            self._configurations[folder] = self._find_configuration(path)
        return self._configurations[folder]

    def _find_configuration(self, path: Path) -> tuple[str, str | None]:
        from claimcheck.config import ConfigError, config_for

        try:
            found = config_for(path).path
        except ConfigError as error:
            found = error.path
        except OSError:
            found = None
        if found is None:
            return "", None
        return str(found), self._digest_of(found)

    def _digest_of(self, path: Path) -> str | None:
        if path not in self._digests:
            if len(self._digests) > 4096:  # files shared by many claim files; stay small
                self._digests.clear()
            self._digests[path] = _file_digest(path)
        return self._digests[path]

    def _entry(self, key: str) -> Path:
        return self.folder / key[:2] / key[2:]

    def lookup(self, path: Path) -> FileOutput | None:
        """The cached output of ``path``, or None: a miss, or an entry that cannot be trusted."""
        fingerprint = self.fingerprint(path)
        found = None
        if fingerprint is not None:
            entry = self._entry(fingerprint.key)
            try:
                found = self._read(entry, path)
            except Exception:  # unreadable, truncated, corrupt or of another shape: a miss
                found = None
            if found is not None:
                with contextlib.suppress(OSError):
                    os.utime(entry)  # recently used: the last to be pruned
        if found is None:
            self.misses += 1
        else:
            self.hits += 1
        return found

    def _read(self, entry: Path, path: Path) -> FileOutput | None:
        try:
            with open(entry, "rb") as file:
                raw = file.read()
        except FileNotFoundError:
            return None
        header, newline, part = raw.partition(b"\n")
        if not newline:
            return None  # cut short before its part
        data = json.loads(header)
        if data["part"] != [len(part), zlib.crc32(part)]:
            return None  # cut short or damaged
        for cited, digest in data["reads"]:
            if _file_digest(Path(cited)) != digest:
                return None
        return _output(path, data, part)

    def store(self, fingerprint: Fingerprint, output: FileOutput, claim_file: ClaimFile) -> None:
        """Keep ``output`` for the next run, unless the claim file changed while it was checked.

        Never fails: a cache that cannot be written is only slower.
        """
        if _file_digest(fingerprint.path) != fingerprint.claim_digest:
            return
        reads = [[str(path), _file_digest(path)] for path in cited_files(claim_file)]
        part = output.part
        header = _entry_data(output, reads)
        header["part"] = [len(part), zlib.crc32(part)]
        data = json.dumps(header, ensure_ascii=True).encode() + b"\n" + part
        entry = self._entry(fingerprint.key)
        try:
            entry.parent.mkdir(parents=True, exist_ok=True)
            descriptor, temporary = tempfile.mkstemp(dir=entry.parent, prefix=".tmp-")
            try:
                with os.fdopen(descriptor, "wb") as file:
                    file.write(data)
                os.replace(temporary, entry)
            except BaseException:
                os.unlink(temporary)
                raise
        except OSError:
            pass


def cited_files(claim_file: ClaimFile) -> list[Path]:
    """The files a claim file reads besides itself and its configuration: its article text."""
    article = claim_file.article
    text = getattr(article, "text", None)
    if not text:
        return []
    return [(claim_file.path.parent / text).resolve()]


def _entry_data(output: FileOutput, reads: list[list[str | None]]) -> dict[str, Any]:
    """An entry's header (its part follows it as it is): the counts, the problems, and the
    findings (those the run can show or fail on: see :meth:`FileOutput.of`). A place in
    the claim file itself has no path."""

    def place(path: Path) -> str | None:
        return None if path == output.path else str(path)

    return {
        "reads": reads,
        "claims": output.claims,
        "checks": output.checks,
        "counts": {verdict.value: count for verdict, count in output.counts.items()},
        "problems": [
            [place(p.path), p.at.line, p.at.col, p.message, p.record_id, p.code] for p in output.problems
        ],
        "findings": [
            [f.code, place(f.path), f.line, f.col, f.record_id, f.message, f.is_problem]
            for f in output.findings
        ],
    }


def _output(path: Path, data: dict[str, Any], part: bytes) -> FileOutput:
    from claimcheck.findings import Finding
    from claimcheck.formats import FileOutput
    from claimcheck.results import Problem
    from claimcheck.verdicts import Verdict
    from claimcheck.yamlsource import Mark

    def place(at: str | None) -> Path:
        return path if at is None else Path(at)

    counts = {verdict: int(data["counts"][verdict.value]) for verdict in Verdict}
    problems = tuple(
        Problem(place(at), Mark(int(line), int(col)), str(message), record_id, str(code))
        for at, line, col, message, record_id, code in data["problems"]
    )
    findings = tuple(
        Finding(str(code), place(at), int(line), int(col), record_id, str(message), bool(is_problem))
        for code, at, line, col, record_id, message, is_problem in data["findings"]
    )
    return FileOutput(path, counts, int(data["claims"]), int(data["checks"]), problems, findings, part)


@dataclass(frozen=True)
class CacheInfo:
    """What ``claimcheck cache info`` shows."""

    path: Path
    entries: int
    size: int
    limit: int = MAX_BYTES


def _entries(root: Path) -> Iterator[os.DirEntry[str]]:
    folder = root / LAYOUT
    try:
        shards = list(os.scandir(folder))
    except OSError:
        return
    for shard in shards:
        if shard.is_dir(follow_symlinks=False):
            try:
                yield from (entry for entry in os.scandir(shard.path) if entry.is_file(follow_symlinks=False))
            except OSError:
                continue


def info(root: Path) -> CacheInfo:
    """How many entries the cache at ``root`` holds, and their size in bytes."""
    entries = size = 0
    for entry in _entries(root):
        entries += 1
        size += entry.stat(follow_symlinks=False).st_size
    return CacheInfo(root, entries, size)


def prune(root: Path, limit: int = MAX_BYTES) -> int:
    """Delete the least recently used entries while the cache is over ``limit``; how many."""
    found = []
    total = 0
    for entry in _entries(root):
        try:
            stat = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        found.append((stat.st_mtime_ns, stat.st_size, entry.path))
        total += stat.st_size
    if total <= limit:
        return 0
    deleted = 0
    for _, size, path in sorted(found):
        if total <= limit * PRUNE_TO:
            break
        try:
            os.unlink(path)
        except OSError:
            continue
        total -= size
        deleted += 1
    return deleted


def clean(root: Path) -> int:
    """Delete every entry (and leftover temporary file) of the cache at ``root``; how many entries."""
    import shutil

    removed = sum(1 for entry in _entries(root) if not entry.name.startswith(".tmp-"))
    shutil.rmtree(root / LAYOUT, ignore_errors=True)
    return removed
