"""Docs kept honest: the README's commands, its hedge table and every command's help."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from claimcheck.cli import app
from claimcheck.hedges import HEDGES
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
COMMANDS = ["verify", "explain", "schema"]


def readme_commands() -> list[str]:
    return re.findall(r"```sh\n(.+?)\n```", README)


def test_ci_runs_the_readme_test_command() -> None:
    install, test = readme_commands()[:2]
    assert "claimcheck verify claims/" in install
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert test in ci.splitlines()
    for tool in ("pytest", "ruff check .", "ruff format --check .", "mypy"):
        assert tool in test


def test_readme_hedge_table_matches_the_code() -> None:
    for hedge in HEDGES:
        assert f"| {', '.join(hedge.phrases)} | {hedge.rule} |" in README


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_and_is_in_the_readme(command: str) -> None:
    result = CliRunner().invoke(app, [command, "--help"])
    assert result.exit_code == 0
    assert len(result.output.strip().splitlines()) > 3
    assert f"claimcheck {command}" in README


def test_readme_tour_is_real_output() -> None:
    golden_dir = ROOT / "tests" / "golden"
    explain = (golden_dir / "explain-jinzhong_tourists.txt").read_text(encoding="utf-8")
    tour = README.split("$ claimcheck explain jinzhong_tourists\n", 1)[1].split("```", 1)[0]
    assert tour.splitlines() == [line.rstrip() for line in explain.splitlines()]
    verify = {
        line.rstrip() for line in (golden_dir / "verify-shanxi.txt").read_text(encoding="utf-8").splitlines()
    }
    excerpt = README.split("An excerpt of its output", 1)[1].split("```\n", 1)[1].split("```", 1)[0]
    assert set(excerpt.splitlines()) <= verify
