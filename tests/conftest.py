"""Shared helpers: paths, a claim-file writer, and golden-file comparison."""

from __future__ import annotations

import os
import subprocess
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

# Value classes are frozen dataclasses under the tests, so that a mutation of a shared value
# raises here (see claimcheck.valueclass); set before claimcheck is imported.
os.environ["CLAIMCHECK_FROZEN_VALUES"] = "1"

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).resolve().parent / "golden"
SHANXI = ROOT / "claims" / "2025-03-11-china-daily-shanxi-urbanization.yaml"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"

ARTICLE_HEADER = """\
article:
  title: Test article
  publisher: Test Daily
  date: 2025-03-11
"""


@pytest.fixture
def claim_file(tmp_path: Path) -> Callable[[str], Path]:
    """Write a claim file from dedented YAML text and return its path."""

    def write(text: str, name: str = "claims.yaml") -> Path:
        path = tmp_path / name
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    return write


def assert_golden(name: str, actual: str) -> None:
    """Compare with tests/golden/NAME; UPDATE_GOLDEN=1 rewrites the file instead."""
    path = GOLDEN / name
    if UPDATE:
        path.write_text(actual, encoding="utf-8")
    assert path.exists(), f"missing golden file {path}; run with UPDATE_GOLDEN=1 to create it"
    assert actual == path.read_text(encoding="utf-8")


def git(repo: Path, *args: str) -> str:
    """Run git in ``repo`` as a throwaway author; its standard output."""
    return subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@t", *args],
        cwd=repo,
        check=True,
        capture_output=True,
        text=True,
    ).stdout


@pytest.fixture(autouse=True)
def results_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test its own empty results cache: no test reads another's results, nor the user's."""
    folder = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("CLAIMCHECK_CACHE_DIR", str(folder))
    return folder
