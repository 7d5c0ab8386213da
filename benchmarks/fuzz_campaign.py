"""A long fuzzing campaign: many generated claim files, each under a time and a memory limit.

The claim files come from the strategies of tests/fuzzing.py (built from the schema, then
mutated), generated in batches inside worker processes. Each worker runs claimcheck in
its own process, in-process per file (``claimcheck.cli.run``, the same code as the command
line, without a new interpreter per file), under a memory limit (``RLIMIT_AS``); the parent is
the watchdog, killing and replacing a worker whose file runs past the time limit.

Prints, by mutation class: tracebacks (crashes), internal errors caught by the safety net
(CC499), hangs, memory overruns, exit codes outside 0/1/2, problem lines without
``file:line:col: CODE``, and clear-cut bad files accepted (exit 0). Exits 1 if any of these
happened. Failing files are kept under --keep for reproduction.

    python benchmarks/fuzz_campaign.py --files 100000 --jobs 2 --keep fuzz-failures
"""

from __future__ import annotations

import argparse
import collections
import multiprocessing
import os
import re
import sys
import tempfile
import time
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # tests/fuzzing.py holds the strategies

BATCH = 500
TIME_LIMIT = 5.0
MEMORY_LIMIT = 500 * 1024 * 1024
GENERATION_LIMIT = 300.0
"""Seconds a worker may take to generate one batch before it is counted as stuck."""
PROBLEM_LINE = re.compile(r"^.+:\d+:\d+: CC\d{3}( \[[a-z][a-z0-9_]*\])? \S.*$")
OUTCOMES = ("crash", "internal", "hang", "memory", "exit-code", "unplaced", "accepted-bad")


# Worker ------------------------------------------------------------------------------------


def _samples(seed: int, count: int) -> list[Any]:
    from hypothesis import HealthCheck, Phase, given, settings
    from hypothesis import seed as with_seed
    from tests.fuzzing import claim_files

    drawn: list[Any] = []

    @with_seed(seed)
    @settings(
        max_examples=count,
        deadline=None,
        database=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(claim_files())
    def collect(sample: Any) -> None:
        drawn.append(sample)

    collect()
    return drawn


def _run_one(path: Path) -> tuple[int, str]:
    import contextlib
    import io

    from claimcheck.cli import run

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = run(["verify", "--format", "json", str(path)])
    return code, err.getvalue()


def _worker(connection: Connection, folder: str) -> None:
    """Generate a batch, then run its files one by one, telling the parent before each."""
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    path = Path(folder) / f"worker-{os.getpid()}.yaml"
    while True:
        job = connection.recv()
        if job is None:
            return
        seed, count, skip = job
        connection.send(("generating", seed))
        samples = _samples(seed, count)
        for index, sample in enumerate(samples):
            if index < skip:
                continue
            connection.send(("start", index, sample.mutation, sample.bad, sample.text))
            path.write_text(sample.text, encoding="utf-8", errors="surrogatepass")
            try:
                code, errors = _run_one(path)
            except MemoryError:
                code, errors = -1, "MemoryError (escaped every net)"
            except BaseException as error:
                code, errors = -1, f"Traceback (escaped every net): {type(error).__name__}: {error}"
            connection.send(("done", code, errors[-4000:]))
        connection.send(("batch-done", seed))


# Parent ------------------------------------------------------------------------------------


@dataclass
class Slot:
    """One worker process and what it is doing."""

    process: Any
    connection: Connection
    job: tuple[int, int, int] | None = None
    state: str = "idle"
    since: float = 0.0
    current: tuple[int, str, bool, str] | None = None


@dataclass
class Tally:
    files: int = 0
    exit_codes: collections.Counter[int] = field(default_factory=collections.Counter)
    by_mutation: collections.Counter[str] = field(default_factory=collections.Counter)
    outcomes: dict[str, collections.Counter[str]] = field(
        default_factory=lambda: {name: collections.Counter() for name in OUTCOMES}
    )
    reasons: collections.Counter[str] = field(default_factory=collections.Counter)
    kept: int = 0


class Campaign:
    def __init__(self, files: int, jobs: int, seed: int, keep: Path | None) -> None:
        self.context = multiprocessing.get_context("fork")
        self.folder = tempfile.mkdtemp(prefix="claimcheck-fuzz-")
        self.jobs: collections.deque[tuple[int, int, int]] = collections.deque(
            (seed + number, min(BATCH, files - start), 0)
            for number, start in enumerate(range(0, files, BATCH))
        )
        self.slots = [self._start() for _ in range(jobs)]
        self.tally = Tally()
        self.keep = keep
        self.total = files

    def _start(self) -> Slot:
        parent, child = self.context.Pipe()
        process = self.context.Process(target=_worker, args=(child, self.folder), daemon=True)
        process.start()
        child.close()
        return Slot(process, parent)

    def run(self) -> Tally:
        started = time.monotonic()
        last_report = started
        while self.jobs or any(slot.job for slot in self.slots):
            for slot in self.slots:
                if slot.job is None and self.jobs:
                    slot.job = self.jobs.popleft()
                    slot.connection.send(slot.job)
                    slot.state, slot.since = "sent", time.monotonic()
            ready = wait([slot.connection for slot in self.slots if slot.job], timeout=0.2)
            for slot in list(self.slots):
                if slot.connection in ready:
                    self._receive(slot)
            self._watch()
            if time.monotonic() - last_report > 30:
                last_report = time.monotonic()
                rate = self.tally.files / (last_report - started)
                print(f"  {self.tally.files:,} of {self.total:,} files, {rate:.0f} per second", flush=True)
        for slot in self.slots:
            slot.connection.send(None)
            slot.process.join(5)
        import shutil

        shutil.rmtree(self.folder, ignore_errors=True)  # only the workers' scratch files
        return self.tally

    def _receive(self, slot: Slot) -> None:
        try:
            message = slot.connection.recv()
        except (EOFError, OSError):  # the worker died: out of memory, or worse
            if slot.current is not None:
                self._record(slot.current, "memory", f"worker died (exit code {slot.process.exitcode})")
            self._replace(slot, resume=True)
            return
        kind = message[0]
        if kind == "generating":
            slot.state, slot.since = "generating", time.monotonic()
        elif kind == "start":
            _, index, mutation, bad, text = message
            slot.state, slot.since, slot.current = "running", time.monotonic(), (index, mutation, bad, text)
        elif kind == "done":
            _, code, errors = message
            assert slot.current is not None
            self._judge(slot.current, code, errors)
            slot.state, slot.current = "between", None
        elif kind == "batch-done":
            slot.job, slot.state = None, "idle"

    def _watch(self) -> None:
        now = time.monotonic()
        for slot in list(self.slots):
            if slot.state == "running" and now - slot.since > TIME_LIMIT:
                assert slot.current is not None
                self._record(slot.current, "hang", f"no answer in {TIME_LIMIT:g} s")
                self._replace(slot, resume=True)
            elif slot.state == "generating" and now - slot.since > GENERATION_LIMIT:
                print(f"  batch {slot.job} took too long to generate; skipped", flush=True)
                self._replace(slot, resume=False)

    def _replace(self, slot: Slot, resume: bool) -> None:
        """Kill a worker and start another; the rest of its batch goes back in the queue."""
        slot.process.kill()
        slot.process.join()
        if resume and slot.job is not None and slot.current is not None:
            seed, count, _ = slot.job
            if slot.current[0] + 1 < count:
                self.jobs.appendleft((seed, count, slot.current[0] + 1))
        index = self.slots.index(slot)
        self.slots[index] = self._start()

    def _judge(self, current: tuple[int, str, bool, str], code: int, errors: str) -> None:
        _, mutation, bad, _ = current
        self.tally.exit_codes[code] += 1
        if "MemoryError" in errors:
            self._record(current, "memory", "MemoryError")
        elif "Traceback" in errors or "claimcheck: internal error" in errors:
            self._record(current, "crash", _last_line(errors))
        elif " CC499 " in errors:
            self._record(current, "internal", _internal_reason(errors))
        elif code not in (0, 1, 2):
            self._record(current, "exit-code", f"exit code {code}")
        elif bad and code == 0:
            self._record(current, "accepted-bad", "clear-cut bad file accepted")
        else:
            unplaced = [
                line
                for line in errors.splitlines()
                if line.startswith(("/", ".")) and ".yaml" in line and not PROBLEM_LINE.match(line)
            ]
            if unplaced:
                self._record(current, "unplaced", unplaced[0][:160])
            else:
                self.tally.files += 1
                self.tally.by_mutation[mutation] += 1

    def _record(self, current: tuple[int, str, bool, str], outcome: str, reason: str) -> None:
        _, mutation, _, text = current
        self.tally.files += 1
        self.tally.by_mutation[mutation] += 1
        self.tally.outcomes[outcome][mutation] += 1
        self.tally.reasons[f"{outcome}: {reason}"[:200]] += 1
        if self.keep is not None and self.tally.outcomes[outcome][mutation] <= 20:
            target = self.keep / outcome
            target.mkdir(parents=True, exist_ok=True)
            number = self.tally.outcomes[outcome][mutation]
            (target / f"{mutation}-{number}.yaml").write_text(
                f"# {outcome}: {reason}\n{text}", encoding="utf-8", errors="surrogatepass"
            )
            self.tally.kept += 1


def _last_line(errors: str) -> str:
    lines = [line for line in errors.splitlines() if line.strip()]
    return lines[-1][:160] if lines else "(no message)"


def _internal_reason(errors: str) -> str:
    """The exception named by a CC499 message: '(KeyError: 'hk$')' becomes 'KeyError'."""
    for line in errors.splitlines():
        if " CC499 " in line:
            found = re.search(r"while (\w+).*please report it \((\w+)(?:: (.*))?\)$", line)
            if found is None:
                return line[-120:]
            return f"{found[2]} while {found[1]}" + (f": {found[3][:80]}" if found[3] else "")
    return "CC499"


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--files", type=int, default=100_000, help="How many claim files (default 100,000).")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="Worker processes.")
    parser.add_argument("--seed", type=int, default=1, help="Seed of the first batch (one per batch after).")
    parser.add_argument("--keep", type=Path, help="Keep failing files here, up to 20 per class and outcome.")
    options = parser.parse_args()

    import claimcheck.cli  # noqa: F401 - imported once, before the workers fork
    from claimcheck import units

    units.registry()
    print(
        f"fuzz campaign: {options.files:,} files in batches of {BATCH}, {options.jobs} workers,"
        f" {TIME_LIMIT:g} s and {MEMORY_LIMIT // 2**20} MB per file",
        flush=True,
    )
    started = time.monotonic()
    tally = Campaign(options.files, options.jobs, options.seed, options.keep).run()
    elapsed = time.monotonic() - started

    print(f"\n{tally.files:,} files in {elapsed:.0f} s ({tally.files / elapsed:.0f} per second)")
    print(
        "exit codes: " + ", ".join(f"{code}: {count:,}" for code, count in sorted(tally.exit_codes.items()))
    )
    print("\nfiles by mutation class:")
    for mutation, count in sorted(tally.by_mutation.items()):
        print(f"  {mutation:<18} {count:>8,}")
    failed = False
    print("\noutcomes (by mutation class):")
    for outcome in OUTCOMES:
        counts = tally.outcomes[outcome]
        total = sum(counts.values())
        failed = failed or total > 0
        detail = ", ".join(f"{mutation} {count:,}" for mutation, count in counts.most_common())
        print(f"  {outcome:<14} {total:>8,}" + (f"   ({detail})" if detail else ""))
    if tally.reasons:
        print("\nmost frequent reasons:")
        for reason, count in tally.reasons.most_common(25):
            print(f"  {count:>7,}  {reason}")
    if options.keep and tally.kept:
        print(f"\n{tally.kept} failing files kept under {options.keep}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
