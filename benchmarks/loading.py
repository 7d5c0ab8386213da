"""Benchmark of loading claim files (bytes to validated records), the first phase of the cold path.

Prints, for the claim files of a folder (best of --runs, CPU time of this process):
  (a) the CPU time of loading every file, split into reading the YAML and the rest of loading
      (records, quotes, references), with the collector set as a batch run sets it;
  (b) the share of loading in an in-process `claimcheck verify --format json --no-cache -j 1`
      run over the same folder (loading timed from inside the run).

Write a realistic corpus first (benchmarks/archive.py), then run from the repository root:
    python benchmarks/loading.py /tmp/arch/claims [--runs 3] [--load-only]
"""

from __future__ import annotations

import argparse
import contextlib
import io
import sys
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--load-only", action="store_true", help="skip (b), the whole run")
    arguments = parser.parse_args()

    from claimcheck import batch, loader, yamlsource

    files = sorted(arguments.folder.glob("*.yaml"))
    loader.load_claim_file(files[0])  # imports and per-class plans, as in a run
    batch.tune_gc_for_batch()
    parse = load = float("inf")
    for _ in range(arguments.runs):
        texts = [yamlsource.decode(path.read_bytes()) for path in files]
        start = time.process_time()
        for text in texts:
            yamlsource.parse(text)
        parse = min(parse, time.process_time() - start)
        start = time.process_time()
        for path in files:
            loader.load_claim_file(path)
        load = min(load, time.process_time() - start)
    print(f"files: {len(files)}")
    print(f"load (all of loading): {load:.3f} s CPU")
    print(f"  of which YAML (decode excluded): {parse:.3f} s")
    print(f"  the rest (records, quotes, references): {load - parse:.3f} s")
    if arguments.load_only:
        return

    from claimcheck import cli

    spent = [0.0]
    original = loader.load_claim_file

    def timed(path: Path) -> loader.ClaimFile:
        begin = time.process_time()
        try:
            return original(path)
        finally:
            spent[0] += time.process_time() - begin

    share = total = float("inf")
    loader.load_claim_file = timed  # type: ignore[assignment]
    try:
        for _ in range(arguments.runs):
            spent[0] = 0.0
            start = time.process_time()
            with contextlib.redirect_stdout(io.StringIO()):
                cli.run(["verify", "--no-cache", "-j", "1", "--format", "json", str(arguments.folder)])
            run_time = time.process_time() - start
            if run_time < total:
                total, share = run_time, spent[0]
    finally:
        loader.load_claim_file = original  # type: ignore[assignment]
    print(f"verify --format json --no-cache -j 1, in process: {total:.3f} s CPU")
    print(f"  of which loading: {share:.3f} s ({100 * share / total:.0f} percent)")


if __name__ == "__main__":
    sys.exit(main())
