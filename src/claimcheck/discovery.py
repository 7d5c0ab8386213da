"""Which files are claim files: walking folders as a newsroom's repository needs.

``verify .`` at the top of a repository must not read a workflow in ``.github`` or a
package's YAML in ``.venv`` as a claim file. Walking a folder therefore leaves out hidden
folders and files, virtual environments (any folder holding a ``pyvenv.cfg``), paths git
ignores, and the configuration's ``exclude`` patterns. A file named on the command line is
always taken, as ruff and mypy take one.
"""

from __future__ import annotations

import contextlib
import fnmatch
import os
import subprocess
from pathlib import Path

from claimcheck import rules
from claimcheck.config import Config
from claimcheck.results import Problem
from claimcheck.yamlsource import Mark

CLAIM_FILE_SUFFIXES = (".yaml", ".yml")
VIRTUAL_ENVIRONMENT_MARKER = "pyvenv.cfg"


def find_claim_files(paths: list[Path], config: Config) -> tuple[list[Path], list[Problem]]:
    """The claim files named by ``paths``, and a problem for each path that is not there."""
    files: list[Path] = []
    problems: list[Problem] = []
    for path in paths:
        if path.is_dir():
            found = sorted(_walk(path))
            ignored = _git_ignored(found)
            files.extend(item for item in found if item not in ignored and not excluded(item, config))
        elif path.is_file():
            files.append(path)
        else:
            problems.append(
                Problem(path, Mark(1, 1), "no such file or directory", None, rules.FILE_UNREADABLE)
            )
    return files, problems


def _walk(folder: Path) -> list[Path]:
    found: list[Path] = []
    for top, folders, names in os.walk(folder):
        # Pruned in place, so that os.walk never descends into them.
        folders[:] = [
            name
            for name in folders
            if not name.startswith(".") and not (Path(top, name) / VIRTUAL_ENVIRONMENT_MARKER).exists()
        ]
        found.extend(
            Path(top, name)
            for name in names
            if not name.startswith(".") and name.endswith(CLAIM_FILE_SUFFIXES)
        )
    return found


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


def _git_ignored(paths: list[Path]) -> set[Path]:
    """Those of ``paths`` that git ignores; none outside a repository or without git."""
    if not paths:
        return set()
    try:
        completed = subprocess.run(
            ["git", "check-ignore", "--stdin", "-z"],
            cwd=paths[0].parent,
            input="\0".join(str(path.resolve()) for path in paths) + "\0",
            capture_output=True,
            text=True,
            check=False,
            timeout=60,
        )
    except (OSError, subprocess.TimeoutExpired):
        return set()
    # 0: some are ignored; 1: none is; 128: not a repository (nothing is ignored then).
    if completed.returncode != 0:
        return set()
    ignored = {Path(name) for name in completed.stdout.split("\0") if name}
    return {path for path in paths if path.resolve() in ignored}
