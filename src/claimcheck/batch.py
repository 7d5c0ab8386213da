"""Verifying many claim files and rendering each, in parallel processes when it pays.

Each file is verified and rendered on its own, in a worker when there are many files, so
that only short texts and counts travel between processes. Results come back in input order
as they are ready, with a bounded number of files in flight, so that a run's memory does not
grow with its number of files. Files whose result is in the cache (:mod:`claimcheck.cache`)
are neither parsed nor verified: the engine, pint and the worker processes are started only
when a file is not there.

Rendering runs under the safety net (:mod:`claimcheck.safety`): a result that cannot be
rendered becomes an internal error of its record, and the rest of the file is still rendered.
"""

from __future__ import annotations

import functools
import gc
import itertools
import os
import sys
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from claimcheck.formats import FileOutput, OutputFormat, RenderOptions, output_format

if TYPE_CHECKING:
    # concurrent.futures and multiprocessing cost about 4 ms to import: only runs with
    # workers pay for them (see _in_parallel).
    from concurrent.futures import Future, ProcessPoolExecutor

    from claimcheck.cache import ResultCache
    from claimcheck.results import FileReport

PARALLEL_FROM_FILES = 32
"""Below this many files, starting worker processes costs more than it saves."""
CHUNK_FILES = 16
"""At most this many files go to a worker at once: enough to make a task's round trip cheap,
few enough that the results waiting to be written stay small."""
CHUNKS_PER_WORKER = 4
"""Tasks in flight per worker: enough to keep every worker busy while the parent writes."""


def check_file(
    path: Path, format_name: str, options: RenderOptions, cache: ResultCache | None = None
) -> FileOutput:
    """Verify one claim file and render it in the format called ``format_name``.

    With a ``cache``, the result is stored there for the next run.
    """
    from claimcheck.engine import verify
    from claimcheck.loader import load_claim_file

    before = cache.fingerprint(path) if cache is not None else None
    claim_file = load_claim_file(path)
    report = verify(claim_file)
    chosen = output_format(format_name)
    try:
        # Only the findings the run shows or fails on: stored and sent back alike.
        output = FileOutput.of(report, chosen.render_file(report, options), options.lowest_shown)
    except Exception:  # the safety net: find the records that cannot be rendered
        output = _render_salvaged(report, chosen, options)
    if cache is not None and before is not None:
        cache.store(before, output, claim_file)
    return output


def _render_salvaged(report: FileReport, chosen: OutputFormat, options: RenderOptions) -> FileOutput:
    """Render a file whose rendering failed: each record that fails on its own is dropped
    and reported as an internal error; the others are rendered as usual."""
    from claimcheck import safety
    from claimcheck.results import FileReport, Problem
    from claimcheck.yamlsource import Mark

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
        return FileOutput.of(salvaged, chosen.render_file(salvaged, options), options.lowest_shown)
    except Exception as error:  # the file as a whole: keep only its problems
        problem = safety.internal_problem(report.path, Mark(1, 1), None, "rendering", error)
        bare = FileReport(report.path, None, (), (*problems, problem))
        return FileOutput.of(bare, chosen.render_file(bare, options), options.lowest_shown)


BATCH_GC_THRESHOLD = 50_000
"""Allocations between young-generation collections in a batch run (Python's default is 700)."""


def tune_gc_for_batch() -> None:
    """Set the cyclic garbage collector for verifying many files; call once, after the imports.

    Verifying a file allocates hundreds of thousands of short-lived objects (YAML nodes,
    records, fractions) that reference counting frees; few are cycles. With the default
    thresholds the collector ran every 700 allocations and rescanned the imported modules'
    objects (pint's registry, the vocabulary) each time it reached the old generation: about
    a tenth of a batch run. Freezing moves what is alive now out of the collector's sight for
    good, and the higher threshold makes the young collections rare; cycles are still
    collected. Forked workers inherit both settings.
    """
    gc.freeze()
    _, middle, old = gc.get_threshold()
    gc.set_threshold(BATCH_GC_THRESHOLD, middle, old)


def check_files(
    paths: Iterable[Path],
    format_name: str,
    options: RenderOptions,
    jobs: int | None = None,
    cache: ResultCache | None = None,
) -> Generator[FileOutput, None, None]:
    """Verify and render every file, yielding each result in order as soon as it is ready;
    ``jobs`` processes (default: one per core). Files found in ``cache`` are not verified.

    ``paths`` may be a stream (discovery's): it is read as the files are checked, after a
    look-ahead of at most :data:`LOOK_AHEAD_FILES` paths that decides how to run.
    """
    tune_gc_for_batch()
    check = functools.partial(check_file, format_name=format_name, options=options, cache=cache)
    wanted = jobs or os.cpu_count() or 1
    stream = iter(paths)
    ahead = list(itertools.islice(stream, look_ahead(wanted)))
    workers, chunk = plan(len(ahead), wanted)
    remaining = itertools.chain(ahead, stream)
    del ahead  # the chain holds the paths looked at until they are checked, and no longer
    if workers <= 1:
        for path in remaining:
            found = cache.lookup(path) if cache is not None else None
            yield found if found is not None else check(path)
        return
    yield from _in_parallel(remaining, check, workers, chunk, cache)


LOOK_AHEAD_FILES = 4096
"""The most paths read before deciding how to run: enough for the largest plan up to 32
processes (files beyond it change no decision), few enough to hold at once."""


def look_ahead(wanted: int) -> int:
    """How many paths :func:`plan` needs to see to decide for ``wanted`` processes as it would
    for every file: its decisions stop changing at :data:`CHUNK_FILES` chunks of 8 a worker."""
    return min(LOOK_AHEAD_FILES, max(PARALLEL_FROM_FILES, wanted * 8 * CHUNK_FILES))


def plan(files: int, wanted: int) -> tuple[int, int]:
    """Worker processes and files per task for ``files`` files (at most ``wanted`` workers; one
    means no workers): a worker for every 16 files, none below :data:`PARALLEL_FROM_FILES`,
    and chunks small enough for 8 tasks a worker."""
    workers = min(wanted, max(1, files // (PARALLEL_FROM_FILES // 2)))
    if workers <= 1 or files < PARALLEL_FROM_FILES:
        return 1, 1
    return workers, max(1, min(CHUNK_FILES, files // (workers * 8)))


def _check_all(check: Callable[[Path], FileOutput], paths: list[Path]) -> list[FileOutput]:
    return [check(path) for path in paths]


def _in_parallel(
    paths: Iterable[Path],
    check: Callable[[Path], FileOutput],
    workers: int,
    chunk: int,
    cache: ResultCache | None,
) -> Iterator[FileOutput]:
    """Files not in the cache go to workers in chunks; results are yielded in input order,
    with at most ``workers * CHUNKS_PER_WORKER`` chunks (and cached results) waiting."""
    window = workers * CHUNKS_PER_WORKER
    waiting: deque[Future[list[FileOutput]] | list[FileOutput]] = deque()
    gathered: list[Path] = []
    pool: ProcessPoolExecutor | None = None

    def submit() -> None:
        nonlocal pool
        if pool is None:
            pool = _start_pool(workers)
        waiting.append(pool.submit(_check_all, check, list(gathered)))
        gathered.clear()

    try:
        for path in paths:
            found = cache.lookup(path) if cache is not None else None
            if found is None:
                gathered.append(path)
                if len(gathered) >= chunk:
                    submit()
            else:
                if gathered:
                    submit()
                waiting.append([found])
            while len(waiting) > window or (waiting and _ready(waiting[0])):
                yield from _results(waiting.popleft())
        if gathered:
            submit()
        while waiting:
            yield from _results(waiting.popleft())
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)


def _ready(slot: Future[list[FileOutput]] | list[FileOutput]) -> bool:
    return isinstance(slot, list) or slot.done()


def _results(slot: Future[list[FileOutput]] | list[FileOutput]) -> list[FileOutput]:
    return slot if isinstance(slot, list) else slot.result()


def _start_pool(workers: int) -> ProcessPoolExecutor:
    """Worker processes, forked where the system can fork. They import the engine and pint
    themselves, each on its own core at once: imported here first, the other cores would wait
    meanwhile, and each worker would then copy, page by page, the memory of the imported
    objects it touches (copy on write). Measured on two cores, the two ways are within about
    1% of each other; this one keeps pint out of a parent that only writes."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    _keep_heap_between_results()  # before the fork: the workers inherit the setting
    return ProcessPoolExecutor(workers, mp_context=context)


HEAP_TOP_PAD = 16 << 20
"""Bytes of free memory glibc's malloc keeps at the top of the heap when it grows or trims it."""


def _keep_heap_between_results() -> None:
    """Let glibc's malloc keep :data:`HEAP_TOP_PAD` bytes at the top of the heap, for the rest
    of the process and its workers.

    Each task's results (about 50 KB of rendered text a file) are pickled in the worker and
    read in the parent as one buffer of most of a megabyte. With the default padding (128 KB),
    malloc returned that memory to the system after every task and asked for it again for the
    next, and each of its pages was faulted in and zeroed anew: half of a worker's page faults
    and its system time. (Setting the padding also fixes malloc's threshold for serving a
    request with its own mapping at 128 KB, as it starts: measured, this changes nothing
    here.) Only on Linux, and only where the C library has ``mallopt`` (glibc, musl).
    """
    if not sys.platform.startswith("linux"):
        return
    import ctypes

    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError, TypeError):
        return
    mallopt(_M_TOP_PAD, HEAP_TOP_PAD)


_M_TOP_PAD = -2
"""glibc's malloc.h name for the option."""
