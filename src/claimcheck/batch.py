"""Verifying many claim files and rendering each, in parallel processes when it pays.

Each file is verified and rendered on its own, in a worker when there are many files, so
that only short texts and counts travel between processes. Rendering runs under the safety
net (:mod:`claimcheck.safety`): a result that cannot be rendered becomes an internal error
of its record, and the rest of the file is still rendered.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Sequence
from pathlib import Path

from claimcheck import safety, units
from claimcheck.engine import verify_path
from claimcheck.formats import FileOutput, OutputFormat, RenderOptions, output_format
from claimcheck.results import FileReport, Problem
from claimcheck.yamlsource import Mark

PARALLEL_FROM_FILES = 32
"""Below this many files, starting worker processes costs more than it saves."""


def check_file(path: Path, format_name: str, options: RenderOptions) -> FileOutput:
    """Verify one claim file and render it in the format called ``format_name``."""
    report = verify_path(path)
    chosen = output_format(format_name)
    try:
        return FileOutput.of(report, chosen.render_file(report, options))
    except Exception:  # the safety net: find the records that cannot be rendered
        return _render_salvaged(report, chosen, options)


def _render_salvaged(report: FileReport, chosen: OutputFormat, options: RenderOptions) -> FileOutput:
    """Render a file whose rendering failed: each record that fails on its own is dropped
    and reported as an internal error; the others are rendered as usual."""
    kept = []
    problems: list[Problem] = list(report.problems)
    for result in report.results:
        try:
            alone = FileReport(report.path, report.article, (result,), ())
            FileOutput.of(alone, chosen.render_file(alone, options))
        except Exception as error:
            record = result.record
            problems.append(safety.internal_problem(report.path, record.at, record.id, "rendering", error))
        else:
            kept.append(result)
    salvaged = FileReport(report.path, report.article, tuple(kept), tuple(problems))
    try:
        return FileOutput.of(salvaged, chosen.render_file(salvaged, options))
    except Exception as error:  # the file as a whole: keep only its problems
        problem = safety.internal_problem(report.path, Mark(1, 1), None, "rendering", error)
        bare = FileReport(report.path, None, (), (*problems, problem))
        return FileOutput.of(bare, chosen.render_file(bare, options))


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
