"""Benchmark of rendering verified claim files, the last phase of the cold path.

Prints, for the claim files of a folder, the CPU time of rendering every file in a format
(best of --runs; every file is verified once first, and the renderers' memos are emptied
before each run, so that no run finds the texts of the one before), and the bytes written.

Write a realistic corpus first (benchmarks/archive.py), then run from the repository root:
    python benchmarks/rendering.py /tmp/arch/claims [--format json] [--runs 5]
"""

from __future__ import annotations

import argparse
import functools
import gc
import time
from pathlib import Path


def _forget(module: object) -> None:
    """Empty a module's memos: functools caches, and memos by identity or by value
    (dictionaries that ``remember``; older trees have fewer or none)."""
    for value in vars(module).values():
        if isinstance(value, dict) and hasattr(value, "remember"):
            value.clear()
        elif isinstance(value, functools._lru_cache_wrapper) and value.__name__ != "_context":
            value.cache_clear()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--format", default="json")
    parser.add_argument("--runs", type=int, default=5)
    arguments = parser.parse_args()

    from claimcheck import display, engine, loader
    from claimcheck.formats import RenderOptions, output_format

    chosen = output_format(arguments.format)
    files = sorted(arguments.folder.glob("*.yaml"))
    reports = [engine.verify(loader.load_claim_file(path)) for path in files]
    gc.freeze()
    best, written = float("inf"), 0
    for _ in range(arguments.runs):
        for module in (display, chosen):
            _forget(module)
        start = time.process_time()
        written = sum(len(chosen.render_file(report, RenderOptions())) for report in reports)
        best = min(best, time.process_time() - start)
    print(
        f"{arguments.format}: {len(reports)} files rendered in {best * 1000:.0f} ms CPU"
        f" (best of {arguments.runs}), {written:,} characters"
    )


if __name__ == "__main__":
    main()
