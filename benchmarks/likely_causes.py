"""Benchmark: what the search for likely causes costs `verify`.

Prints, in CPU time (time.process_time, best of --runs, in one process, the figure cache
emptied before each run):
  (a) the generated corpus of benchmarks/startup_and_throughput.py (200 files of 20 claims by
      default): how many records are inconsistent, and verify with the search and without it
      (the search stubbed out); the search runs only for inconsistent records, so on files that
      add up the two must be the same within noise;
  (b) each claim file under tests/data/causes/ and the CI fixture: verify with and without the
      search, and how many record evaluations the search took (at most
      causes.MAX_RECORD_EVALUATIONS per record and causes.MAX_FILE_EVALUATIONS per file);
  (c) a worst case: one file of 60 inconsistent claims of every kind, with and without the
      search, and the evaluations taken.

Run from the repository root with claimcheck installed: python benchmarks/likely_causes.py
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from claimcheck import causes
from claimcheck.engine import verify
from claimcheck.figures import read_figure
from claimcheck.loader import ClaimFile, load_claim_file
from claimcheck.verdicts import Verdict

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from startup_and_throughput import write_corpus  # noqa: E402

SPENT: list[int] = []
"""Evaluations each search took, as the searches of a run end."""


@contextmanager
def search_off() -> Iterator[None]:
    original = causes.Search.causes_of
    causes.Search.causes_of = lambda self, result: ()  # type: ignore[method-assign,assignment]
    try:
        yield
    finally:
        causes.Search.causes_of = original  # type: ignore[method-assign]


def counting() -> None:
    """Record the evaluations each search takes."""
    original = causes.Search.causes_of

    def counted(self: causes.Search[Any], result: Any) -> Any:
        before = self.spent
        found = original(self, result)
        SPENT.append(self.spent - before)
        return found

    causes.Search.causes_of = counted  # type: ignore[method-assign]


def cpu(work: Callable[[], object], runs: int) -> float:
    best = float("inf")
    for _ in range(runs):
        read_figure.cache_clear()
        start = time.process_time()
        work()
        best = min(best, time.process_time() - start)
    return best


def verify_all(files: list[ClaimFile]) -> Callable[[], object]:
    return lambda: [verify(claim_file) for claim_file in files]


def compare(label: str, files: list[ClaimFile], runs: int) -> None:
    with search_off():
        without = cpu(verify_all(files), runs)
    SPENT.clear()
    verify_all(files)()
    evaluations = sum(SPENT)
    with_search = cpu(verify_all(files), runs)
    print(
        f"    {label:<34} {without * 1000:9.1f} ms {with_search * 1000:9.1f} ms"
        f"   {evaluations:6d} evaluations"
    )


WORST = """\
  - id: change_{n}
    kind: change
    quote: "{v} million visitors, up {r} percent from {p} million visitors"
    value: {v} million visitors
    previous: {p} million visitors
    rate: {r} percent
  - id: total_{n}
    kind: total
    quote: "{a} million tonnes, {b} million tonnes and {c} million tonnes, {t} million tonnes in all"
    parts: [{a} million tonnes, {b} million tonnes, {c} million tonnes]
    total: {t} million tonnes
  - id: share_{n}
    kind: share
    quote: "{a} million tonnes of {t} million tonnes, or {s} percent"
    part: {a} million tonnes
    whole: {t} million tonnes
    share: {s} percent
"""


def worst_case(folder: Path) -> ClaimFile:
    body = "".join(
        WORST.format(n=n, v=40 + n, p=31 + n, r=11.3, a=12.4, b=8.7, c=3.1, t=29.9 + n, s=71)
        for n in range(20)
    )
    path = folder / "worst.yaml"
    path.write_text(
        "article: {title: Worst case, publisher: Bench, date: 2025-03-11}\nclaims:\n" + body, encoding="utf-8"
    )
    return load_claim_file(path)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--files", type=int, default=200)
    arguments = parser.parse_args()
    counting()
    print(f"CPU time, best of {arguments.runs}          without search   with search")
    with tempfile.TemporaryDirectory() as directory:
        folder = Path(directory)
        write_corpus(folder, arguments.files, 20)
        corpus = [load_claim_file(path) for path in sorted(folder.glob("*.yaml"))]
        inconsistent = sum(verify(claim_file).count(Verdict.INCONSISTENT) for claim_file in corpus)
        print(f"(a) generated corpus: {len(corpus)} files, {inconsistent} inconsistent records")
        compare("verify every file", corpus, arguments.runs)
        print("(b) claim files with an inconsistency")
        for path in [
            *sorted((ROOT / "tests" / "data" / "causes").glob("*.yaml")),
            ROOT / "tests/data/ci/planted.yaml",
        ]:
            compare(path.relative_to(ROOT).as_posix(), [load_claim_file(path)], arguments.runs)
        worst = worst_case(folder)
        inconsistent = verify(worst).count(Verdict.INCONSISTENT)
        print(f"(c) worst case: {len(worst.claims)} claims, {inconsistent} inconsistent")
        compare("verify the file", [worst], arguments.runs)


if __name__ == "__main__":
    main()
