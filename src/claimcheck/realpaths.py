"""Real paths, as ``Path.resolve`` gives them, with each folder resolved once per run.

Resolving walks every component of a path (``os.path.realpath``, one ``lstat`` each), and an
archive's claim files and article texts share a few folders: a claim file's configuration
and its article text are found from their real folders.
"""

from __future__ import annotations

import functools
import os
import stat
from pathlib import Path


def resolved(path: Path) -> Path:
    """``path.resolve()``, with its folder resolved once per run rather than once per file.

    A path whose last component is not a symbolic link resolves to its resolved folder joined
    with its name (that is how ``realpath`` proceeds, component by component); anything else
    (a link, a name that cannot be looked up, '..' last) is resolved by ``Path.resolve``
    itself, with its errors. A relative folder's resolution depends on the working directory,
    which is part of its key.
    """
    found = _resolved_text(os.fspath(path))
    return path.resolve() if found is None else Path(found[0])


def resolved_text(text: str) -> str:
    """:func:`resolved` of a path given and returned as text: a file's article text is found
    and read without making a ``Path`` on the way (making them cost more than the look-up)."""
    found = _resolved_text(text)
    return os.fspath(Path(text).resolve()) if found is None else found[0]


def real_folder(path: Path) -> str:
    """The real path of the folder a file is really in: ``str(resolved(path).parent)``,
    without making the paths between."""
    found = _resolved_text(os.fspath(path))
    return os.fspath(path.resolve().parent) if found is None else found[1]


def _resolved_text(text: str) -> tuple[str, str] | None:
    """The resolved path ``text`` and its folder, when its last component is a name that is
    not a link; else None."""
    folder, name = os.path.split(text)
    if not name or name == "..":
        return None
    real = _real_folder("" if os.path.isabs(folder) else os.getcwd(), folder or ".")
    target = os.path.join(real, name)
    try:
        if stat.S_ISLNK(os.lstat(target).st_mode):
            return None
    except OSError:
        return None
    return target, real


@functools.lru_cache(maxsize=256)
def _real_folder(cwd: str, folder: str) -> str:
    """``os.path.realpath(folder)``, in the working directory ``cwd`` when it is relative."""
    return os.path.realpath(folder)
