"""Every output format rendered from one shared set of findings: a planted inconsistency, an
ambiguity and a claim-file error (tests/data/ci), checked against golden files and the formats'
own rules: the SARIF 2.1.0 schema, JUnit's attributes, GitHub's escaping."""

from __future__ import annotations

import json
from pathlib import Path
from xml.etree import ElementTree

import jsonschema
import pytest
from typer.testing import CliRunner

from claimcheck.cli import app
from claimcheck.formats import FORMATS, RenderOptions
from claimcheck.formats.github import escape_data, escape_property
from claimcheck.rules import RULES
from tests.conftest import ROOT, assert_golden

FIXTURES = "tests/data/ci"


@pytest.fixture
def runner(monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("COLUMNS", "120")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1741737600")  # 2025-03-12: the reviews' date
    for name in ("NO_COLOR", "GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY"):
        monkeypatch.delenv(name, raising=False)
    return CliRunner()


def run(runner: CliRunner, *args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["verify", *args])
    return result.exit_code, result.stdout


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_every_format_against_its_golden_file(runner: CliRunner, name: str) -> None:
    code, output = run(runner, "--format", name, FIXTURES)
    assert code == 2  # the claim-file error wins over the findings
    assert "\x1b[" not in output
    if name == "json":  # compact on the wire; compared pretty-printed
        output = json.dumps(json.loads(output), indent=2, ensure_ascii=False) + "\n"
    suffix = {"text": "txt", "junit": "xml", "github": "log", "markdown": "md", "claimreview": "json"}.get(
        name, name
    )
    assert_golden(f"ci-{name}.{suffix}", output)


def test_sarif_is_valid_sarif_2_1_0(runner: CliRunner) -> None:
    _, output = run(runner, "--format", "sarif", FIXTURES)
    document = json.loads(output)
    schema = json.loads((ROOT / "tests" / "data" / "sarif-schema-2.1.0.json").read_text())
    jsonschema.validate(document, schema)
    run_ = document["runs"][0]
    assert [rule["id"] for rule in run_["tool"]["driver"]["rules"]] == list(RULES)
    results = {(result["ruleId"], result["level"]) for result in run_["results"]}
    assert results == {("CC101", "error"), ("CC501", "note"), ("CC201", "warning"), ("CC405", "error")}
    location = run_["results"][0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "tests/data/ci/broken.yaml"
    assert location["region"] == {"startLine": 11, "startColumn": 22}


def test_junit_has_the_required_attributes(runner: CliRunner) -> None:
    _, output = run(runner, "--format", "junit", FIXTURES)
    root = ElementTree.fromstring(output)
    assert root.tag == "testsuites"
    suites = {suite.get("name"): suite for suite in root.iter("testsuite")}
    assert set(suites) == {"tests/data/ci/broken.yaml", "tests/data/ci/planted.yaml"}
    planted = suites["tests/data/ci/planted.yaml"]
    assert (planted.get("tests"), planted.get("failures"), planted.get("errors")) == ("4", "1", "0")
    cases = {case.get("name"): case for case in planted.iter("testcase")}
    assert set(cases) == {"tourists", "urbanization", "revenue", "revenue_per_tourist"}
    failure = cases["tourists"].find("failure")
    assert failure is not None and "16.2 percent" in (failure.get("message") or "")
    broken = suites["tests/data/ci/broken.yaml"]
    assert (broken.get("tests"), broken.get("failures"), broken.get("errors")) == ("1", "0", "1")
    assert root.get("tests") == "5" and root.get("failures") == "1" and root.get("errors") == "1"


def test_github_escaping() -> None:
    assert escape_data("100% sure\r\nnext: a, b") == "100%25 sure%0D%0Anext: a, b"
    assert escape_property("dir:with,comma/100%.yaml") == "dir%3Awith%2Ccomma/100%25.yaml"


def test_github_annotations_escape_messages_and_properties(runner: CliRunner, tmp_path: Path) -> None:
    folder = tmp_path / "a,b:c"
    folder.mkdir()
    source = (
        (ROOT / FIXTURES / "planted.yaml")
        .read_text()
        .replace("65 million tourists, up 16.2 percent", "65 million tourists,\\nup 16.2 percent")
    )
    (folder / "planted.yaml").write_text(source)
    _, output = run(runner, "--format", "github", str(folder))
    error = next(line for line in output.splitlines() if line.startswith("::error"))
    assert "file=" + str(folder).replace(":", "%3A").replace(",", "%2C") + "/planted.yaml," in error
    assert "- 1 = 30%25, printed" in error
    assert "\n" not in error


def test_github_is_the_default_under_github_actions(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    _, output = run(runner, FIXTURES)
    assert output.startswith(
        "::error file=tests/data/ci/broken.yaml,line=11,col=22,title=CC405::unknown-unit [visitors]: "
    )


def test_step_summary_lists_every_finding(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    run(runner, "--format", "github", FIXTURES)
    text = summary.read_text()
    assert text.startswith("earlier step\n## claimcheck\n")  # appended, not overwritten
    rows = [line for line in text.splitlines() if line.startswith("| ") and "---" not in line][1:]
    assert [row.split(" | ")[1] for row in rows] == [
        "CC405 unknown-unit",
        "CC101 change-inconsistent",
        "CC501 digit-changed",
        "CC201 percent-or-points",
    ]


def test_output_file(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "report.sarif"
    code, output = run(runner, "--format", "sarif", "--output", str(target), f"{FIXTURES}/planted.yaml")
    assert code == 1
    assert output == ""
    assert json.loads(target.read_text())["version"] == "2.1.0"


def test_relative_paths_outside_the_repository(tmp_path: Path) -> None:
    options = RenderOptions(root=ROOT)
    assert options.relative(ROOT / "claims" / "x.yaml") == "claims/x.yaml"
    assert options.relative(tmp_path / "x.yaml") == (tmp_path / "x.yaml").as_posix()


@pytest.mark.parametrize(
    ("args", "code"),
    [
        ([f"{FIXTURES}/planted.yaml"], 1),
        (["--fail-on", "warning", f"{FIXTURES}/planted.yaml"], 1),
        (["--exit-zero", f"{FIXTURES}/planted.yaml"], 0),
        (["--exit-zero", FIXTURES], 2),
        (["claims"], 0),
        (["--fail-on", "warning", "claims"], 1),
        (["--fail-on", "note", "claims"], 1),
        (["--fail-on", "nonsense", "claims"], 2),
    ],
)
def test_exit_codes(runner: CliRunner, args: list[str], code: int) -> None:
    assert run(runner, *args)[0] == code


def test_quiet_prints_findings_only(runner: CliRunner) -> None:
    _, output = run(runner, "-q", f"{FIXTURES}/planted.yaml")
    assert output.splitlines() == [
        "tests/data/ci/planted.yaml:8:5: CC101 [tourists] printed '16.2 percent' does not fit:"
        " 65 million / 50 million - 1 = 30%, printed 16.2 percent, off by 13.8 percentage points;"
        " in intervals, recomputed (27.7227, 32.3233) percent lies above printed [16.15, 16.25) percent,"
        " off by at least 11.47 percentage points",
        "tests/data/ci/planted.yaml:8:5: CC501 [tourists] likely cause: '50 million tourists' would fit"
        " if it were '56 million tourists' (one digit changed)",
        "tests/data/ci/planted.yaml:15:5: CC201 [urbanization] '1 percent' fits both as a relative change"
        " and as percentage points",
    ]


def test_rules_commands(runner: CliRunner) -> None:
    listing = runner.invoke(app, ["rules"])
    assert listing.exit_code == 0
    assert [line.split()[0] for line in listing.output.splitlines()] == list(RULES)
    shown = runner.invoke(app, ["rule", "CC101"])
    assert shown.exit_code == 0
    assert shown.output.startswith("CC101 change-inconsistent (error)\n\nWhat it finds: ")
    assert "Why it matters: " in shown.output and "Example: " in shown.output
    by_name = runner.invoke(app, ["rule", "percent-or-points"])
    assert by_name.output.startswith("CC201")
    unknown = runner.invoke(app, ["rule", "CC999"])
    assert unknown.exit_code == 2


def test_every_rule_is_documented_the_same_way() -> None:
    for code, rule in RULES.items():
        assert code == rule.code and code[:2] == "CC" and len(code) == 5
        assert rule.name == rule.name.lower() and " " not in rule.name
        assert rule.summary and rule.why and rule.example
    assert len({rule.name for rule in RULES.values()}) == len(RULES)


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_regression_a_missing_path_leaves_every_format_well_formed(runner: CliRunner, name: str) -> None:
    code, output = run(runner, "--format", name, "no/such/file.yaml", f"{FIXTURES}/planted.yaml")
    assert code == 2
    if name in ("json", "sarif"):  # the JSON document once read "files":[,{...}]
        document = json.loads(output)
        if name == "json":
            assert [item["file"] for item in document["files"]] == [
                "no/such/file.yaml",
                f"{FIXTURES}/planted.yaml",
            ]
            assert document["files"][0]["problems"][0]["message"] == "no such file or directory"
        else:
            assert {result["ruleId"] for result in document["runs"][0]["results"]} == {
                "CC401",
                "CC101",
                "CC501",
                "CC201",
            }
    elif name == "junit":
        suites = [suite.get("name") for suite in ElementTree.fromstring(output).iter("testsuite")]
        assert suites == ["no/such/file.yaml", f"{FIXTURES}/planted.yaml"]
    elif name == "github":
        assert output.startswith("::error file=no/such/file.yaml,line=1,col=1,title=CC401::")
    elif name == "html":
        assert "<li><code>no/such/file.yaml:1:1: CC401 no such file or directory</code></li>" in output
    elif name == "markdown":
        assert (
            "| error | CC401 file-unreadable | no/such/file.yaml | 1 |  | no such file or directory |"
            in output
        )
    else:
        assert "no such file" not in output  # problems go to standard error in text
