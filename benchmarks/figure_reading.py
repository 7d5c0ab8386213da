"""Benchmark: what reading one printed figure costs, cache cleared.

Collects every call of the figure reader (`claimcheck.figures.read_figure`) that
`claimcheck verify` makes on a corpus of claim files (the loader's figures and the likely-cause
search's trial edits), keeps the distinct ones, and prints the CPU time per distinct figure of
the reader itself (``read_figure.__wrapped__``, no cache; time.process_time, best of --runs),
overall, for the figures that read and for those that raise, and for the most common shapes.

Run from the repository root with claimcheck installed:
    python benchmarks/figure_reading.py CLAIMS_FOLDER [--runs 5]
The folder is e.g. the claims/ of `archive.write_archive` (benchmarks/archive.py).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import re
import sys
import time
from collections import Counter
from collections.abc import Callable
from typing import Any

from claimcheck import causes, figures, schema
from claimcheck.figures import read_figure

Call = tuple[str, Any, Any]


def collect(folder: str) -> list[Call]:
    """The distinct (printed, options, context) the reader is asked for on ``folder``."""
    seen: dict[Call, None] = {}
    original = read_figure

    def recording(printed: str, options: Any = None, context: Any = figures.PLAIN) -> Any:
        seen.setdefault((printed, options, context), None)
        return original(printed, options, context)

    from claimcheck.cli import run

    patched = [(schema, "read_figure"), (causes, "read_figure")]
    for module, name in patched:
        setattr(module, name, recording)
    try:
        with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):
            run(["verify", "--no-cache", "-j", "1", "--format", "json", folder])
    finally:
        for module, name in patched:
            setattr(module, name, original)
    return list(seen)


def cost(calls: list[Call], runs: int) -> float:
    """CPU microseconds per call of the uncached reader, best of ``runs``."""
    reader: Callable[..., Any] = read_figure.__wrapped__  # type: ignore[attr-defined]
    best = float("inf")
    for _ in range(runs):
        start = time.process_time()
        for printed, options, context in calls:
            with contextlib.suppress(ValueError):
                reader(printed, options, context)
        best = min(best, time.process_time() - start)
    return best / max(1, len(calls)) * 1e6


_DIGITS = re.compile(r"\d[\d,.]*")


def shape(printed: str) -> str:
    """The figure with its numbers replaced by N: "$N billion"."""
    return _DIGITS.sub("N", printed)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--shapes", type=int, default=12, help="how many of the commonest shapes")
    args = parser.parse_args()
    calls = collect(args.folder)

    def fails(call: Call) -> bool:
        try:
            read_figure.__wrapped__(*call)  # type: ignore[attr-defined]
        except ValueError:
            return True
        return False

    bad = [call for call in calls if fails(call)]
    good = [call for call in calls if not fails(call)]
    print(f"{len(calls)} distinct figures ({len(good)} read, {len(bad)} refused)")
    for name, group in (("all", calls), ("read", good), ("refused", bad)):
        if group:
            print(f"{name + ':':9} {cost(group, args.runs):7.2f} us per figure")
    shapes = Counter(shape(call[0]) for call in calls)
    print(f"\nthe {args.shapes} commonest shapes (us per figure, count):")
    for form, count in shapes.most_common(args.shapes):
        group = [call for call in calls if shape(call[0]) == form]
        print(f"  {cost(group, args.runs):7.2f}  {count:6d}  {form!r}")


if __name__ == "__main__":
    sys.exit(main())
