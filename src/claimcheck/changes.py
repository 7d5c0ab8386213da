"""Which claim files changed: added or modified since a git revision, or citing a changed text.

A pull request's check should look only at the claim files it touches. By default the
revision is the merge base with the repository's default branch, falling back to the
previous commit; deleted files and the old names of renamed ones are skipped.

A claim file is also touched by a change to the article text it cites (``article.text``):
editing the text can make a quote no longer match, and renaming or deleting it leaves the
claim file pointing at nothing. Both must be re-checked even though the claim file is as it was.
"""

from __future__ import annotations

import subprocess
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

EMPTY_TREE = "4b825dc642cb6eb9a060e54bf8d69288fbee4904"
"""Git's empty tree: what a repository's first commit is compared with."""

DEFAULT_BRANCHES = ("origin/HEAD", "origin/main", "origin/master", "main", "master")


class GitError(RuntimeError):
    """Git could not answer: not a repository, an unknown revision, or no git at all."""


def _git(*args: str, cwd: Path) -> str:
    try:
        completed = subprocess.run(
            ["git", *args], cwd=cwd, capture_output=True, text=True, check=False, timeout=60
        )
    except FileNotFoundError:
        raise GitError("git is not installed") from None
    except subprocess.TimeoutExpired:
        raise GitError(f"git {' '.join(args)} took longer than 60 seconds") from None
    if completed.returncode != 0:
        raise GitError(
            completed.stderr.strip().splitlines()[-1] if completed.stderr.strip() else "git failed"
        )
    return completed.stdout


def repository_root(cwd: Path) -> Path:
    """The top folder of the git work tree that holds ``cwd``."""
    try:
        return Path(_git("rev-parse", "--show-toplevel", cwd=cwd).strip())
    except GitError:
        raise GitError(f"{cwd} is not inside a git repository") from None


def _verified(revision: str, cwd: Path) -> str | None:
    try:
        return _git("rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}", cwd=cwd).strip()
    except GitError:
        return None


def default_base(cwd: Path) -> str:
    """The merge base with the default branch, else the previous commit, else the empty tree."""
    head = _verified("HEAD", cwd)
    if head is None:
        return EMPTY_TREE
    for branch in DEFAULT_BRANCHES:
        if _verified(branch, cwd) is None:
            continue
        try:
            base = _git("merge-base", "HEAD", branch, cwd=cwd).strip()
        except GitError:
            continue
        if base and base != head:
            return base
    return _verified("HEAD~1", cwd) or EMPTY_TREE


@dataclass(frozen=True, repr=False, eq=False)
class Changes:
    """What changed since a revision: absolute paths, resolved."""

    base: str
    present: frozenset[Path]
    """Added, modified, or the new name of a renamed file; untracked files count as added."""
    gone: frozenset[Path]
    """Deleted, or the old name of a renamed file."""


def changes_since(base: str | None, cwd: Path) -> Changes:
    """Every file added, modified, renamed or deleted since ``base`` (default: see above)."""
    root = repository_root(cwd)
    if base is None:
        base = default_base(cwd)
    elif _verified(base, cwd) is None:
        raise GitError(f"unknown revision {base!r}")
    diff = _git("diff", "--name-status", "-z", "--find-renames", "--diff-filter=AMRD", base, "--", cwd=root)
    fields = diff.split("\0")
    present: list[str] = []
    gone: list[str] = []
    index = 0
    while index < len(fields) - 1:
        status = fields[index]
        if status.startswith("R"):  # rename: old name, then new name
            gone.append(fields[index + 1])
            present.append(fields[index + 2])
            index += 3
        elif status.startswith("D"):
            gone.append(fields[index + 1])
            index += 2
        else:
            present.append(fields[index + 1])
            index += 2
    untracked = _git("ls-files", "--others", "--exclude-standard", "-z", cwd=root)
    present.extend(name for name in untracked.split("\0") if name)
    return Changes(
        base,
        frozenset((root / name).resolve() for name in present),
        frozenset((root / name).resolve() for name in gone),
    )


def changed_files(base: str | None, cwd: Path) -> tuple[str, list[Path]]:
    """The revision compared with, and the files added or modified since it (renamed: new name).

    Untracked files that git does not ignore count as added. Paths are absolute.
    """
    found = changes_since(base, cwd)
    return found.base, sorted(found.present)


def cited_text(claim_file: Path) -> Path | None:
    """The article text a claim file cites, resolved; None when it cites none or cannot be read.

    Only the YAML is read, not the figures: this runs on every claim file of a repository.
    """
    from claimcheck.yamlsource import YamlError, decode, parse

    try:
        data = parse(decode(claim_file.read_bytes())).data
    except (OSError, YamlError, RecursionError):
        return None
    article = data.get("article") if isinstance(data, dict) else None
    text = article.get("text") if isinstance(article, dict) else None
    if not isinstance(text, str) or not text.strip():
        return None
    return (claim_file.resolve().parent / text).resolve()


def affected(claim_files: list[Path], present: Collection[Path], gone: Collection[Path]) -> list[Path]:
    """The claim files a change touches: changed themselves, or citing a text changed or gone.

    ``present`` and ``gone`` are resolved paths. A claim file that cites a text which was
    renamed or deleted is taken too: it now points at nothing, which a full check reports.
    """
    touched = set(present) | set(gone)
    chosen: list[Path] = []
    for path in claim_files:
        resolved = path.resolve()
        if resolved in touched:
            chosen.append(path)
            continue
        cited = cited_text(path)
        if cited is not None and cited in touched:
            chosen.append(path)
    return chosen
