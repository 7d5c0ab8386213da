"""Verifying many claim files and rendering each, in parallel processes when it pays.

Each file is verified and rendered on its own, in a worker when there are many files, so
that only short texts and counts travel between processes.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Sequence
from pathlib import Path

from claimcheck import units
from claimcheck.engine import verify_path
from claimcheck.formats import FileOutput, RenderOptions, output_format

PARALLEL_FROM_FILES = 32
"""Below this many files, starting worker processes costs more than it saves."""


def check_file(path: Path, format_name: str, options: RenderOptions) -> FileOutput:
    """Verify one claim file and render it in the format called ``format_name``."""
    report = verify_path(path)
    return FileOutput.of(report, output_format(format_name).render_file(report, options))


def check_files(
    paths: Sequence[Path], format_name: str, options: RenderOptions, jobs: int | None = None
) -> list[FileOutput]:
    """Verify and render every file, in order; ``jobs`` processes (default: one per core)."""
    check = functools.partial(check_file, format_name=format_name, options=options)
    workers = min(jobs or os.cpu_count() or 1, max(1, len(paths) // (PARALLEL_FROM_FILES // 2)))
    if workers <= 1 or len(paths) < PARALLEL_FROM_FILES:
        return [check(path) for path in paths]
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    units.registry()  # built once here and inherited by forked workers
    output_format(format_name)
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    with ProcessPoolExecutor(workers, mp_context=context) as pool:
        return list(pool.map(check, paths, chunksize=max(1, len(paths) // (workers * 8))))
