"""Docs kept honest: the README's commands, its hedge table and every command's help."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimcheck.cli import app
from claimcheck.hedges import HEDGES
from claimcheck.loader import load_claim_file
from claimcheck.units import format_unit
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
COMMANDS = [
    "verify",
    "report",
    "explain",
    "schema",
    "rules",
    "rule",
    "data",
    "units",
    "extract",
    "check",
    "config",
    "init",
    "cache",
]


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
    golden = (golden_dir / "verify-shanxi-80.txt").read_text(encoding="utf-8")
    verify = [line.rstrip() for line in golden.splitlines()]
    excerpt = README.split("at 80 columns:", 1)[1].split("```\n", 1)[1].split("```", 1)[0]
    shown = [line for line in excerpt.splitlines() if line != "[...]"]
    assert shown[:12] == verify[:12]  # the header and the findings, as printed
    assert set(shown) <= set(verify)


def test_readme_lists_every_output_format() -> None:
    from claimcheck.formats import FORMATS

    for name in FORMATS:
        assert f"| `{name}` |" in README


def test_pre_commit_hook_matches_claim_files() -> None:
    import yaml

    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    assert hook["id"] == "claimcheck" and hook["language"] == "python"
    assert hook["entry"] == "claimcheck verify --follow-articles"
    pattern = re.compile(hook["files"])
    assert pattern.search("claims/2025-03-11-china-daily-shanxi-urbanization.yaml")
    assert pattern.search("newsroom/claims/a.yml")
    assert pattern.search("articles/2025-03-11-china-daily-shanxi-urbanization.txt")
    assert not pattern.search("src/claimcheck/data/units.txt")


def test_workflows_run_the_documented_commands() -> None:
    import yaml

    claims = yaml.safe_load((ROOT / ".github" / "workflows" / "claims.yml").read_text())
    # YAML 1.1 reads "on" as True. Article texts too: an edited text can break a quote.
    assert claims[True]["pull_request"]["paths"] == ["claims/**", "articles/**"]
    steps = claims["jobs"]["claimcheck"]["steps"]
    assert steps[0]["with"]["fetch-depth"] == 0
    commands = " ".join(step.get("run", "") for step in steps)
    assert 'claimcheck verify --changed="origin/${{ github.base_ref }}"' in commands
    assert "--format sarif --output claimcheck.sarif" in commands
    assert any(step.get("uses", "").startswith("github/codeql-action/upload-sarif") for step in steps)
    tests = yaml.safe_load((ROOT / ".github" / "workflows" / "tests.yml").read_text())
    assert tests["jobs"]["tests"]["steps"][-1]["run"] == "bash .ci/run"


def test_readme_units_examples_are_real_output() -> None:
    block = README.split('$ claimcheck units "overnight stays"', 1)[1].split("```", 1)[0]
    lines = ['$ claimcheck units "overnight stays"', *block.strip().splitlines()]
    runner = CliRunner()
    for command, expected in zip(lines[0::2], lines[1::2], strict=True):
        words = shlex.split(command)[3:]
        result = runner.invoke(app, ["units", *words])
        assert result.output.strip() == expected


def test_readme_declaration_example_works(tmp_path: Path) -> None:
    toml = README.split("# claimcheck.toml\n", 1)[1].split("```", 1)[0]
    (tmp_path / "claimcheck.toml").write_text(toml)
    claims = tmp_path / "claims"
    claims.mkdir()
    quote = "1,200 cruise calls brought 5,000 bed nights to 30 double rooms"
    (claims / "a.yaml").write_text(
        "article: {title: T, publisher: P, date: 2025-03-11}\nclaims:\n"
        + "".join(
            f"  - {{id: {name}, kind: figure, quote: '{quote}', value: '{value}'}}\n"
            for name, value in (
                ("calls", "1,200 cruise calls"),
                ("nights", "5,000 bed nights"),
                ("rooms", "30 double rooms"),
            )
        )
    )
    loaded = load_claim_file(claims / "a.yaml")
    assert loaded.problems == ()
    units = [format_unit(claim.figures()["value"].reading.unit) for claim in loaded.claims]
    assert units == ["cruise_call", "night", "bed"]
    assert loaded.context.locale == "en-GB"


def test_readme_shows_the_html_report_screenshot() -> None:
    images = re.findall(r"!\[[^\]]+\]\((docs/[^)]+\.png)\)", README)
    assert "docs/report.png" in images
    assert (ROOT / "docs" / "report.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_ci_installs_the_browser_before_the_tests() -> None:
    lines = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    test = readme_commands()[1]
    install = "command -v chromium || (apt-get update && apt-get install -y chromium)"
    assert lines.index(install) < lines.index(test)
