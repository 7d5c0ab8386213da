"""check_files takes a stream of paths (issue 11): it reads a bounded look-ahead to decide how
to run, decides as it did when it was given the whole list, and reads the rest as it goes."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

from claimcheck import batch
from claimcheck.batch import check_files, look_ahead
from claimcheck.formats import RenderOptions

OPTIONS = RenderOptions(width=100)


def list_plan(files: int, jobs: int) -> tuple[int, int] | None:
    """How check_files ran a list of ``files`` paths before it took streams: None for in this
    process, else its workers and files per task."""
    workers = min(jobs, max(1, files // 16))
    if workers <= 1 or files < 32:
        return None
    return workers, max(1, min(16, files // (workers * 8)))


class Counted:
    """A stream of ``size`` paths (no len) that counts how many were read."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.read = 0

    def __iter__(self) -> Iterator[Path]:
        for index in range(self.size):
            self.read += 1
            yield Path(f"{index:06d}.yaml")


@pytest.fixture
def recorded(monkeypatch: pytest.MonkeyPatch) -> list[tuple[int, int]]:
    """The workers and chunk of each run with workers; no file is read, no process started."""
    plans: list[tuple[int, int]] = []

    def fake_check(path: Path, **_: object) -> Path:
        return path

    def fake_parallel(
        paths: Iterable[Path], check: object, workers: int, chunk: int, *_: object
    ) -> Iterator[Path]:
        plans.append((workers, chunk))
        yield from paths

    monkeypatch.setattr(batch, "check_file", fake_check)
    monkeypatch.setattr(batch, "_in_parallel", fake_parallel)
    monkeypatch.setattr(batch, "tune_gc_for_batch", lambda: None)
    return plans


@pytest.mark.parametrize("jobs", [1, 2, 3, 8])
def test_a_stream_is_run_as_the_whole_list_was(jobs: int, recorded: list[tuple[int, int]]) -> None:
    sizes = [*range(0, 300), 1000, 1023, 1024, 1025, 5000]
    for size in sizes:
        recorded.clear()
        stream = Counted(size)
        results = list(check_files(stream, "json", OPTIONS, jobs=jobs))
        assert results == [Path(f"{index:06d}.yaml") for index in range(size)]
        plan = list_plan(size, jobs)
        assert recorded == ([] if plan is None else [plan]), size


def test_the_default_is_one_process_per_core(
    recorded: list[tuple[int, int]], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(os, "cpu_count", lambda: 4)
    list(check_files(Counted(10_000), "json", OPTIONS))
    assert recorded == [(4, 16)]


def test_a_stream_is_read_as_it_is_checked(recorded: list[tuple[int, int]]) -> None:
    stream = Counted(100_000)
    results = check_files(stream, "json", OPTIONS, jobs=1)
    assert next(results) == Path("000000.yaml")
    assert stream.read == look_ahead(1) == 128
    assert sum(1 for _ in results) == 99_999
    assert stream.read == 100_000


def test_the_look_ahead_is_bounded_however_many_processes() -> None:
    assert look_ahead(2) == 256
    assert look_ahead(32) == 4096
    assert look_ahead(1000) == 4096
