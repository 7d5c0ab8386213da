"""Benchmarks: start-up time against Python's own imports, and claims verified per second.

Prints:
  (a) the median cold CPU time (user + system, of the process and its children) and wall time
      of `claimcheck verify --no-cache claims/` and of `python -c "import typer, rich.table,
      pint"`, measured interleaved in the same run, and their ratios (target, issue 11: at most
      1.3 in CPU time, which a busy machine disturbs less than wall time);
  (b) claims verified per second on a generated corpus of 1,000 claim files of 20 claims each,
      through the command line (`verify --format json --no-cache`), start-up included
      (target: at least 5,000 on a 2-core machine).

Run from the repository root with claimcheck installed: python benchmarks/startup_and_throughput.py
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from measure import children_cpu, claimcheck_command, compile_bytecode

ROOT = Path(__file__).resolve().parent.parent
BASELINE = [sys.executable, "-c", "import typer, rich.table, pint"]


def times(command: list[str]) -> tuple[float, float]:
    """Wall time and CPU time (user + system, with the processes it starts) of ``command``."""
    start, start_cpu = time.perf_counter(), children_cpu()
    completed = subprocess.run(
        command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False
    )
    elapsed, cpu = time.perf_counter() - start, children_cpu() - start_cpu
    if completed.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command)} failed: {completed.stderr.decode()}")
    return elapsed, cpu


def wall_time(command: list[str]) -> float:
    return times(command)[0]


def startup(runs: int) -> None:
    compile_bytecode()
    verify = [*claimcheck_command(), "verify", "--no-cache", "claims/"]  # cold: no cached result
    for command in (verify, BASELINE):  # warm the file cache and the bytecode caches
        times(command)
    ours: list[tuple[float, float]] = []
    base: list[tuple[float, float]] = []
    for _ in range(runs):
        ours.append(times(verify))
        base.append(times(BASELINE))
    (ours_wall, ours_cpu), (base_wall, base_cpu) = (
        (
            statistics.median(wall for wall, _ in runs_of) * 1000,
            statistics.median(cpu for _, cpu in runs_of) * 1000,
        )
        for runs_of in (ours, base)
    )
    rows = (
        ("claimcheck verify --no-cache claims/", ours_cpu, ours_wall),
        ("python -c 'import typer, rich.table, pint'", base_cpu, base_wall),
    )
    print(f"(a) start-up, median of {runs} interleaved runs: CPU (user + system), wall")
    for label, cpu, wall in rows:
        print(f"    {label:44} {cpu:7.1f} ms  {wall:7.1f} ms")
    ratios = f"{ours_cpu / base_cpu:7.2f}     {ours_wall / base_wall:7.2f}"
    print(f"    {'ratio (target: CPU <= 1.3)':44} {ratios}")


CLAIM_TEMPLATES = (
    """\
  - id: c{n}
    kind: change
    quote: "{value} million tourists, up {rate} percent"
    value: {value} million tourists
    rate: {rate} percent
""",
    """\
  - id: c{n}
    kind: conversion
    quote: "{amount} billion yuan (${converted} billion)"
    amount: {amount} billion yuan
    converted: ${converted} billion
""",
    """\
  - id: c{n}
    kind: share
    quote: "{part} million visitors of {whole} million visitors, or {share} percent"
    part: {part} million visitors
    whole: {whole} million visitors
    share: {share} percent
""",
    """\
  - id: c{n}
    kind: bound
    quote: "more than {count} projects"
    value: more than {count} projects
""",
    """\
  - id: c{n}
    kind: figure
    quote: "nearly {count} foreign tourists"
    value: nearly {count} foreign tourists
""",
)


def claim_text(n: int, rng: random.Random) -> str:
    value = rng.randint(10, 900)
    part = rng.randint(1, 50)
    whole = part + rng.randint(1, 200)
    amount = round(rng.uniform(1, 90), 1)
    return CLAIM_TEMPLATES[n % len(CLAIM_TEMPLATES)].format(
        n=n,
        value=value,
        rate=round(rng.uniform(0.5, 40), 1),
        amount=amount,
        converted=round(amount / 7.2585, 2),  # the ECB rate of 2025-03-10, in the rate window
        part=part,
        whole=whole,
        share=round(100 * part / whole),
        count=rng.randint(2, 90) * 100,
    )


def write_corpus(folder: Path, files: int, claims_per_file: int) -> None:
    rng = random.Random(20250311)
    for index in range(files):
        body = "".join(claim_text(n, rng) for n in range(claims_per_file))
        (folder / f"article-{index:04d}.yaml").write_text(
            "article:\n  title: Generated\n  publisher: Bench\n  date: 2025-03-11\nclaims:\n" + body,
            encoding="utf-8",
        )


def throughput(files: int, claims_per_file: int, runs: int) -> None:
    with tempfile.TemporaryDirectory() as directory:
        folder = Path(directory)
        write_corpus(folder, files, claims_per_file)
        # Cold: every run verifies every file (without --no-cache, runs after the first would
        # read the results cache; benchmarks/archive.py measures that warm throughput).
        command = [*claimcheck_command(), "verify", "--format", "json", "--no-cache", str(folder)]
        wall_time(command)  # warm the file cache
        times = [wall_time(command) for _ in range(runs)]
    claims = files * claims_per_file
    best = statistics.median(times)
    print(
        f"(b) throughput on {files:,} files of {claims_per_file} claims ({claims:,} claims), median of {runs}"
    )
    print(f"    claimcheck verify --format json        {best:7.2f} s")
    print(f"    claims verified per second             {claims / best:7.0f}   (target >= 5,000)")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=15, help="start-up runs of each command")
    parser.add_argument("--startup-only", action="store_true", help="Only the start-up figures.")
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--claims", type=int, default=20, help="claims per generated file")
    parser.add_argument("--throughput-runs", type=int, default=3)
    arguments = parser.parse_args()
    startup(arguments.runs)
    if arguments.startup_only:
        return
    throughput(arguments.files, arguments.claims, arguments.throughput_runs)


if __name__ == "__main__":
    main()
