"""Which files are claim files: walking folders as a newsroom's repository needs.

``verify .`` at the top of a repository must not read a workflow in ``.github`` or a
package's YAML in ``.venv`` as a claim file. Walking a folder therefore leaves out hidden
folders and files, virtual environments (any folder holding a ``pyvenv.cfg``), paths git
ignores, and the configuration's ``exclude`` patterns. A file named on the command line is
always taken, as ruff and mypy take one.

Files come as a stream, so that an archive of any size is walked in constant memory: each
folder's names are read and sorted as the walk reaches it (which gives the order of sorting
every path, as Path compares them part by part), and git lists what it ignores once per
repository walked (two git commands), instead of being asked about every file.
"""

from __future__ import annotations

import contextlib
import fnmatch
import heapq
import os
import subprocess
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

from claimcheck import rules
from claimcheck.config import Config
from claimcheck.results import Problem
from claimcheck.yamlsource import Mark

CLAIM_FILE_SUFFIXES = (".yaml", ".yml")
VIRTUAL_ENVIRONMENT_MARKER = "pyvenv.cfg"
REPOSITORY_MARKER = ".git"
"""A folder holding this is a repository of its own (nested, or a submodule): its own ignore
rules apply below it, as in git."""
GIT_TIMEOUT_SECONDS = 60


def find_claim_files(paths: list[Path], config: Config) -> tuple[list[Path], list[Problem]]:
    """The claim files named by ``paths``, and a problem for each path that is not there or
    is not a file or folder."""
    files, problems = stream_claim_files(paths, config)
    return list(files), problems


def stream_claim_files(paths: list[Path], config: Config) -> tuple[Iterator[Path], list[Problem]]:
    """The claim files named by ``paths`` as a stream, in the order of :func:`find_claim_files`,
    and a problem for each path that is not there or is not a file or folder (known at once,
    before the first file).

    Folders are walked as the stream is read; it holds the names of the folders it is in,
    never a list of every file.
    """
    taken: list[tuple[Path, bool]] = []
    problems: list[Problem] = []
    for path in paths:
        if path.is_dir():
            taken.append((path, True))
        elif path.is_file():
            taken.append((path, False))
        else:
            # A device, a FIFO or a socket is never read, however it was named.
            reason = "not a regular file or directory" if path.exists() else "no such file or directory"
            problems.append(Problem(path, Mark(1, 1), reason, None, rules.FILE_UNREADABLE))
    return _claim_files(taken, config), problems


def _claim_files(named: list[tuple[Path, bool]], config: Config) -> Iterator[Path]:
    for path, is_folder in named:
        if is_folder:
            yield from (found for found in _walk(path) if not excluded(found, config))
        else:
            yield path


# Path compares its parts case-insensitively on Windows and exactly elsewhere; names are
# sorted the same way, so that the walk gives the order of sorting every path.
_NAME_ORDER = str.lower if os.name == "nt" else None


class _Folder(NamedTuple):
    """A folder being walked: its path as joined from the top of the walk, its path relative to the top of
    the walk or of the repository nested in it (``''`` or ``'sub/dir/'``), what git ignores
    there (relative paths, folders ending in '/') and its remaining entries (see _entries)."""

    path: str
    relative: str
    ignored: frozenset[str]
    entries: Iterator[str]


def _walk(top: Path) -> Iterator[Path]:
    """The claim files below ``top``, sorted as paths, without hidden, virtual-environment or
    git-ignored paths. Folders are walked depth first in name order (a folder's files come
    where its name sorts), with an explicit stack rather than recursion."""
    root = os.fspath(top)
    ignored = _git_ignored(root)
    if "" in ignored:  # git ignores the folder itself
        return
    stack = [_Folder(root, "", ignored, _entries(root))]
    while stack:
        folder = stack[-1]
        entry = next(folder.entries, None)
        if entry is None:
            stack.pop()
        elif entry.endswith(_FOLDER):
            name = entry[:-1]
            path = os.path.join(folder.path, name)
            relative = f"{folder.relative}{name}/"
            if relative in folder.ignored or os.path.exists(os.path.join(path, VIRTUAL_ENVIRONMENT_MARKER)):
                continue
            if os.path.exists(os.path.join(path, REPOSITORY_MARKER)):
                nested = _git_ignored(path)
                if "" not in nested:
                    stack.append(_Folder(path, "", nested, _entries(path)))
            else:
                stack.append(_Folder(path, relative, folder.ignored, _entries(path)))
        elif folder.relative + entry not in folder.ignored:
            yield Path(folder.path, entry)


_FOLDER = "\0"
"""Ends the name of a folder among a folder's entries: the smallest character, no name holds
it, so that marked names sort as the names do ('a' + _FOLDER before 'a-b', as 'a' is)."""
_SEPARATOR = b"/"
"""Separates the names in a packed run: no name holds it."""
RUN_NAMES = 4096
"""Names sorted at once when a folder is read. A larger folder is sorted in runs, each kept
compressed, and the runs merged as the walk goes (an external sort): a folder of 100,000
files then costs about 300 KB while it is walked, not a list of 100,000 names."""
UNPACK_BYTES = 2048
"""Bytes of names unpacked from a run at once: every run of a folder is open while it is
merged, so each holds only a few dozen names unpacked."""
_WINDOW_BITS = 9
"""zlib's smallest window (512 bytes): sorted names repeat their neighbours, not names far
back, so it packs as well as the default (better at level 1), and each open run keeps a few
kilobytes of zlib state instead of about 40."""


def _entries(folder: str) -> Iterator[str]:
    """The names of the claim files and of the folders to walk in ``folder`` (marked with a
    trailing :data:`_FOLDER`), sorted; none when it cannot be read. A link to a folder is not
    followed; a link to a claim file is taken."""
    runs: list[bytes] = []
    names: list[str] = []
    try:
        with os.scandir(folder) as scan:
            for entry in scan:
                name = entry.name
                if name.startswith("."):
                    continue
                try:
                    is_folder = entry.is_dir()
                    if is_folder and entry.is_symlink():
                        continue  # never followed (as os.walk does): no loops, nothing outside
                except OSError:
                    is_folder = False
                if is_folder:
                    names.append(name + _FOLDER)
                elif name.endswith(CLAIM_FILE_SUFFIXES):
                    names.append(name)
                if len(names) == RUN_NAMES:
                    runs.append(_packed(names))
                    names = []
    except OSError:
        return
    names.sort(key=_NAME_ORDER)
    if not runs:
        yield from names
        return
    if names:
        runs.append(_packed(names))
    del names
    yield from heapq.merge(*map(_unpacked, runs), key=_NAME_ORDER)


def _packed(names: list[str]) -> bytes:
    """A sorted run of names, compressed (sorted names share their beginnings: about a tenth)."""
    names.sort(key=_NAME_ORDER)
    return zlib.compress(_SEPARATOR.join(map(os.fsencode, names)), 1, _WINDOW_BITS)


def _unpacked(run: bytes) -> Iterator[str]:
    """The names of a run, unpacked a few at a time."""
    unpacking = zlib.decompressobj(_WINDOW_BITS)
    pending = b""
    while run:
        *names, pending = (pending + unpacking.decompress(run, UNPACK_BYTES)).split(_SEPARATOR)
        run = unpacking.unconsumed_tail
        yield from map(os.fsdecode, names)
    yield from map(os.fsdecode, (pending + unpacking.flush()).split(_SEPARATOR))


def excluded(path: Path, config: Config) -> bool:
    """Whether one of the configuration's ``exclude`` patterns matches ``path``.

    Patterns match the path relative to the configuration's folder, or any final part of it
    ('*.draft.yaml' matches in every folder; 'drafts/**' only at the top).
    """
    if not config.exclude:
        return False
    resolved = path.resolve()
    relative = resolved.as_posix()
    if config.root is not None:
        with contextlib.suppress(ValueError):  # outside the configuration's folder: match whole
            relative = resolved.relative_to(config.root.resolve()).as_posix()
    parts = relative.split("/")
    tails = ["/".join(parts[index:]) for index in range(len(parts))]
    for written in config.exclude:
        pattern = written.rstrip("/")
        if pattern.endswith("/**"):
            folder = pattern[:-3]
            if any(fnmatch.fnmatchcase("/".join(parts[:end]), folder) for end in range(1, len(parts))):
                return True
        if "/" in pattern:
            if fnmatch.fnmatchcase(relative, pattern):
                return True
        elif any(fnmatch.fnmatchcase(tail, pattern) for tail in tails) or any(
            fnmatch.fnmatchcase(part, pattern) for part in parts[:-1]
        ):
            return True
    return False


def _git_ignored(folder: str) -> frozenset[str]:
    """What git ignores below ``folder``: paths relative to it, folders with a trailing '/'
    (a folder git ignores as a whole is listed, not its files), and ``''`` when git ignores
    ``folder`` itself. Nothing outside a repository or without git.

    Files git tracks are never ignored, whatever the patterns say (as ``git check-ignore``).
    git runs at the top of the repository with ``folder`` as a pathspec: run inside an
    ignored folder, ``ls-files`` fails (git 2.39: "directory entry not superset of prefix").
    """
    located = _git(["rev-parse", "--show-cdup", "--show-prefix"], folder)
    if located is None:
        return frozenset()
    cdup, _, prefix = located.partition("\n")
    prefix = prefix.removesuffix("\n")
    listing = ["ls-files", "-z", "--others", "--ignored", "--exclude-standard", "--directory"]
    if prefix:
        listing += ["--", f":(literal){prefix.removesuffix('/')}"]
    listed = _git(listing, os.path.join(folder, cdup))
    if listed is None:
        return frozenset()
    ignored = set()
    for name in listed.split("\0")[:-1]:  # each name ends with NUL
        if name.startswith(prefix):
            ignored.add(name[len(prefix) :])
        elif name.endswith("/") and prefix.startswith(name):  # a folder above ``folder``
            ignored.add("")
    return frozenset(ignored)


def _git(arguments: list[str], folder: str) -> str | None:
    """The output of one git command run in ``folder``, or None when it fails (no git, not a
    repository)."""
    try:
        completed = subprocess.run(
            ["git", *arguments],
            cwd=folder,
            capture_output=True,
            check=False,
            timeout=GIT_TIMEOUT_SECONDS,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    if completed.returncode != 0:
        return None
    return os.fsdecode(completed.stdout)
