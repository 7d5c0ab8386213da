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
    name = path.name
    if name and name != "..":
        folder = os.fspath(path.parent)
        cwd = "" if os.path.isabs(folder) else os.getcwd()
        target = os.path.join(_real_folder(cwd, folder), name)
        try:
            is_link = stat.S_ISLNK(os.lstat(target).st_mode)
        except OSError:
            is_link = True
        if not is_link:
            return Path(target)
    return path.resolve()


@functools.lru_cache(maxsize=256)
def _real_folder(cwd: str, folder: str) -> str:
    """``os.path.realpath(folder)``, in the working directory ``cwd`` when it is relative."""
    return os.path.realpath(folder)
