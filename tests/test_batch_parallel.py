"""Parallel runs (issue 11): the process that writes the results checks files too, whenever the
workers have enough in hand, and checks the last chunk itself while they finish theirs."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from claimcheck import batch
from claimcheck.batch import check_files
from claimcheck.formats import RenderOptions

PARENT = os.getpid()
WORKER_SECONDS_A_FILE = 0.25


def checked_where(path: Path, **_: object) -> tuple[Path, int]:
    """A stand-in for check_file: the path and the process that checked it; slow in a worker."""
    if os.getpid() != PARENT:
        time.sleep(WORKER_SECONDS_A_FILE)
    return path, os.getpid()


class Cache:
    """A stand-in for the results cache that has ``cached`` (sent to workers, so picklable)."""

    def __init__(self, cached: set[Path]) -> None:
        self.cached = cached

    def lookup(self, path: Path) -> tuple[Path, int] | None:
        return (path, -1) if path in self.cached else None


@pytest.fixture
def tagged(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(batch, "check_file", checked_where)  # forked workers inherit it


def test_this_process_checks_files_beside_its_worker_and_the_last_chunk(tagged: None) -> None:
    paths = [Path(f"{index:03d}.yaml") for index in range(32)]
    assert batch.plan(len(paths), 2) == (2, 2)  # one worker beside this process, 2 files a chunk
    results = list(check_files(paths, "json", RenderOptions(), jobs=2))
    assert [path for path, _ in results] == paths  # in input order
    by_worker = [path for path, pid in results if pid != PARENT]
    assert len({pid for _, pid in results if pid != PARENT}) == 1
    # The first chunks go to the worker: it has two in hand (one to check, one next) ...
    assert by_worker[:4] == paths[:4]
    # ... and while it has, this process checks the next ones; the slow worker gets a chunk
    # again only when the results waiting behind its first one fill the window.
    assert results[4][1] == PARENT
    assert 4 <= len(by_worker) <= 16
    # The last chunk is always checked here.
    assert [pid for _, pid in results[-2:]] == [PARENT, PARENT]


def test_a_cached_result_keeps_its_place_between_chunks(tagged: None) -> None:
    paths = [Path(f"{index:03d}.yaml") for index in range(40)]
    cached = {paths[5], paths[6], paths[17], paths[39]}
    results = list(check_files(paths, "json", RenderOptions(), jobs=2, cache=Cache(cached)))  # type: ignore[arg-type]
    assert [path for path, _ in results] == paths
    assert {path for path, pid in results if pid == -1} == cached
    assert {pid for _, pid in results} - {-1, PARENT}  # a worker checked some
