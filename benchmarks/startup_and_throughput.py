"""Benchmarks: start-up time against Python's own imports, and claims verified per second.

Prints:
  (a) the median cold wall time of `claimcheck verify --no-cache claims/` and of
      `python -c "import typer, rich.table, pint"`, measured interleaved in the same run, and
      their ratio (target: at most 1.5);
  (b) claims verified per second on a generated corpus of 1,000 claim files of 20 claims each,
      through the command line (`verify --format json --no-cache`), start-up included
      (target: at least 5,000 on a 2-core machine).

Run from the repository root with claimcheck installed: python benchmarks/startup_and_throughput.py
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BASELINE = [sys.executable, "-c", "import typer, rich.table, pint"]


def claimcheck_command() -> list[str]:
    script = shutil.which("claimcheck", path=str(Path(sys.executable).parent))
    return [script] if script else [sys.executable, "-m", "claimcheck"]


def wall_time(command: list[str]) -> float:
    start = time.perf_counter()
    completed = subprocess.run(
        command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False
    )
    elapsed = time.perf_counter() - start
    if completed.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command)} failed: {completed.stderr.decode()}")
    return elapsed


def compile_bytecode() -> None:
    """Write claimcheck's bytecode, as `pip install .` does, so start-up is measured as users get it.

    An editable install under PYTHONDONTWRITEBYTECODE would otherwise recompile every module
    on every run.
    """
    import claimcheck

    package = Path(claimcheck.__file__).parent
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(package)], check=True)


def startup(runs: int) -> None:
    compile_bytecode()
    verify = [*claimcheck_command(), "verify", "--no-cache", "claims/"]  # cold: no cached result
    for command in (verify, BASELINE):  # warm the file cache and the bytecode caches
        wall_time(command)
    ours: list[float] = []
    base: list[float] = []
    for _ in range(runs):
        ours.append(wall_time(verify))
        base.append(wall_time(BASELINE))
    ours_ms, base_ms = statistics.median(ours) * 1000, statistics.median(base) * 1000
    print(f"(a) start-up, median of {runs} interleaved runs")
    print(f"    claimcheck verify claims/              {ours_ms:7.1f} ms")
    print(f"    python -c 'import typer, rich.table, pint' {base_ms:7.1f} ms")
    print(f"    ratio                                  {ours_ms / base_ms:7.2f}   (target <= 1.5)")


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
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--claims", type=int, default=20, help="claims per generated file")
    parser.add_argument("--throughput-runs", type=int, default=3)
    arguments = parser.parse_args()
    startup(arguments.runs)
    throughput(arguments.files, arguments.claims, arguments.throughput_runs)


if __name__ == "__main__":
    main()
