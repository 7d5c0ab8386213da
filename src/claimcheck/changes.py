"""Which claim files changed: added or modified since a git revision.

A pull request's check should look only at the claim files it touches. By default the
revision is the merge base with the repository's default branch, falling back to the
previous commit; deleted files and the old names of renamed ones are skipped.
"""

from __future__ import annotations

import subprocess
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


def changed_files(base: str | None, cwd: Path) -> tuple[str, list[Path]]:
    """The revision compared with, and the files added or modified since it (renamed: new name).

    Untracked files that git does not ignore count as added. Paths are absolute.
    """
    root = repository_root(cwd)
    if base is None:
        base = default_base(cwd)
    elif _verified(base, cwd) is None:
        raise GitError(f"unknown revision {base!r}")
    diff = _git("diff", "--name-status", "-z", "--find-renames", "--diff-filter=AMR", base, "--", cwd=root)
    fields = diff.split("\0")
    paths: list[str] = []
    index = 0
    while index < len(fields) - 1:
        status = fields[index]
        if status.startswith("R"):  # rename: old name, then new name
            paths.append(fields[index + 2])
            index += 3
        else:
            paths.append(fields[index + 1])
            index += 2
    untracked = _git("ls-files", "--others", "--exclude-standard", "-z", cwd=root)
    paths.extend(name for name in untracked.split("\0") if name)
    return base, sorted({(root / name).resolve() for name in paths})
