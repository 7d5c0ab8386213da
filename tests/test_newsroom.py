"""A newsroom's repository around claimcheck (issue 12): configuration, `init`, discovery,
and what users expect of a command-line tool (completion, colour, standard input, output errors).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from claimcheck import config as config_module
from claimcheck.cli import app
from claimcheck.config import ConfigError, config_in
from tests.conftest import ARTICLE_HEADER, ROOT, SHANXI, git

CLAIM = (
    ARTICLE_HEADER
    + """\
claims:
  - id: a
    kind: figure
    quote: "5 projects"
    value: 5 projects
"""
)


def run(*args: str, stdin: str | None = None, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args), input=stdin, env=env)
    return result.exit_code, result.stdout, result.stderr


# configuration ------------------------------------------------------------------------------


def test_configuration_keys_and_where_each_comes_from(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "newsroom"\n\n[tool.claimcheck]\nclaims = ["fact-checks"]\nfail_on = "warning"\n'
        'rate_window = 5\nrate_tolerance = "2 percent"\nexclude = ["drafts/**"]\n'
        'review_author = { name = "Example Gazette", url = "https://gazette.example" }\n'
    )
    monkeypatch.chdir(tmp_path)
    config = config_in(tmp_path)
    assert (config.claims, config.articles, config.fail_on) == (("fact-checks",), ("articles",), "warning")
    assert (config.rate_window, config.rate_tolerance) == (5, "2 percent")
    assert config.review_author is not None and config.review_author.name == "Example Gazette"
    code, out, _ = run("config")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == f"configuration: {tmp_path / 'pyproject.toml'}"
    assert any(
        line.split() == ["claims", "=", '["fact-checks"]', f"({tmp_path}/pyproject.toml:5)"] for line in lines
    )
    assert any(line.split() == ["articles", "=", '["articles"]', "(default)"] for line in lines)
    assert any(line.split()[:3] == ["fail_on", "=", '"warning"'] and ":6)" in line for line in lines)


def test_no_configuration_shows_the_defaults(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, _ = run("config")
    assert code == 0
    assert out.startswith("configuration: none found (defaults in force)\n")
    assert "(default)" in out


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('claim = ["x"]\n', "unknown key 'claim'; did you mean 'claims'?"),
        ('fail-on = "error"\n', "unknown key 'fail-on'; did you mean 'fail_on'?"),
        ("rate_windows = 3\n", "unknown key 'rate_windows'; did you mean 'rate_window'?"),
        ('fail_on = "fatal"\n', "'fail_on' must be one of error, warning, note, not 'fatal'"),
        ("rate_window = 100\n", "'rate_window' must be a whole number of business days from 0 to 99"),
        ("claims = 3\n", "'claims' must be a list of paths"),
        ("review_author = { url = 'x' }\n", "'review_author' must be a name, or a table"),
    ],
)
def test_bad_configuration_is_an_error_with_its_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, message: str
) -> None:
    (tmp_path / "claimcheck.toml").write_text("# newsroom\n" + text)
    with pytest.raises(ConfigError, match=message.replace("(", r"\(").replace("?", r"\?")) as caught:
        config_in(tmp_path)
    assert caught.value.line == 2
    monkeypatch.chdir(tmp_path)
    code, _, err = run("config")
    assert code == 2
    assert err.strip() == f"error: {tmp_path / 'claimcheck.toml'}:2: {caught.value.message}"


def test_a_claim_file_takes_the_configuration_of_the_folder_it_really_is_in(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for desk, window in (("sport", 2), ("business", 7)):
        (tmp_path / desk / "claims").mkdir(parents=True)
        (tmp_path / desk / "claimcheck.toml").write_text(f"rate_window = {window}\n")
        (tmp_path / desk / "claims" / "a.yaml").write_text(CLAIM)
    # The business desk's file, linked from the sport desk's folder, keeps its own settings.
    (tmp_path / "sport" / "claims" / "linked.yaml").symlink_to(tmp_path / "business" / "claims" / "a.yaml")
    assert config_module.config_for(tmp_path / "sport" / "claims" / "a.yaml").rate_window == 2
    assert config_module.config_for(tmp_path / "sport" / "claims" / "linked.yaml").rate_window == 7
    # A relative path is the working folder's, whichever folder that is now.
    for desk, window in (("sport", 2), ("business", 7), ("sport", 2)):
        monkeypatch.chdir(tmp_path / desk)
        assert config_module.config_for(Path("claims/a.yaml")).rate_window == window


def test_verify_takes_its_paths_and_fail_on_from_the_configuration(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "fact-checks").mkdir()
    (tmp_path / "fact-checks" / "a.yaml").write_text(CLAIM)
    (tmp_path / "claimcheck.toml").write_text('claims = ["fact-checks"]\n')
    monkeypatch.chdir(tmp_path)
    code, out, _ = run("verify", "--format", "json")
    assert code == 0
    assert [entry["file"] for entry in json.loads(out)["files"]] == ["fact-checks/a.yaml"]
    # An unverifiable single figure is a note: it fails the run only at fail_on = "note".
    (tmp_path / "claimcheck.toml").write_text('claims = ["fact-checks"]\nfail_on = "note"\n')
    config_module._config_in.cache_clear()
    assert run("verify")[0] == 1
    assert run("verify", "--fail-on", "error")[0] == 0


# discovery ----------------------------------------------------------------------------------


def test_verify_dot_leaves_out_hidden_folders_virtual_environments_and_ignored_paths(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    git(tmp_path, "init", "-q")
    (tmp_path / "claims").mkdir()
    (tmp_path / "claims" / "a.yaml").write_text(CLAIM)
    (tmp_path / ".github" / "workflows").mkdir(parents=True)
    (tmp_path / ".github" / "workflows" / "ci.yml").write_text("on: push\n")
    (tmp_path / ".pre-commit-config.yaml").write_text("repos: []\n")
    (tmp_path / "env" / "lib").mkdir(parents=True)
    (tmp_path / "env" / "pyvenv.cfg").write_text("home = /usr/bin\n")
    (tmp_path / "env" / "lib" / "package.yaml").write_text("a: 1\n")
    (tmp_path / "build").mkdir()
    (tmp_path / "build" / "copy.yaml").write_text("a: 1\n")
    (tmp_path / ".gitignore").write_text("build/\n")
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "draft.yaml").write_text("a: 1\n")
    (tmp_path / "claims" / "b.draft.yaml").write_text("a: 1\n")
    (tmp_path / "claimcheck.toml").write_text('exclude = ["drafts/**", "*.draft.yaml"]\n')
    monkeypatch.chdir(tmp_path)
    code, out, err = run("verify", ".", "--format", "json")
    assert code == 0, err
    assert [entry["file"] for entry in json.loads(out)["files"]] == ["claims/a.yaml"]
    # A file named on the command line is always checked.
    assert run("verify", "drafts/draft.yaml")[0] == 2


# init -----------------------------------------------------------------------------------------


def test_init_in_an_empty_repository_then_verify_is_green(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    git(tmp_path, "init", "-q")
    monkeypatch.chdir(tmp_path)
    code, out, _ = run("init")
    assert code == 0
    created = [line.split()[1] for line in out.splitlines() if line.startswith("created")]
    assert created == [
        "claimcheck.toml",
        "claims/example.yaml",
        "articles/example.txt",
        "schema/claimfile.schema.json",
        ".github/workflows/claimcheck.yml",
        ".pre-commit-config.yaml",
    ]
    assert run("verify")[0] == 0
    assert json.loads((tmp_path / "schema" / "claimfile.schema.json").read_text()) == json.loads(
        (ROOT / "schema" / "claimfile.schema.json").read_text()
    )
    example = (tmp_path / "claims" / "example.yaml").read_text()
    assert example.startswith("# yaml-language-server: $schema=../schema/claimfile.schema.json\n")
    workflow = yaml.safe_load((tmp_path / ".github" / "workflows" / "claimcheck.yml").read_text())
    paths = workflow[True]["pull_request"]["paths"]  # YAML 1.1 reads the key `on` as true
    assert "claims/**" in paths and "articles/**" in paths
    steps = workflow["jobs"]["claimcheck"]["steps"]
    assert any(step.get("run") == 'pip install "claimcheck-news==0.1.0"' for step in steps)
    hooks = yaml.safe_load((tmp_path / ".pre-commit-config.yaml").read_text())["repos"][0]["hooks"]
    assert hooks[0]["entry"] == "claimcheck verify --follow-articles"
    assert hooks[0]["files"] == "^(claims|articles)/"


def test_init_overwrites_nothing_and_says_what_it_skipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.claimcheck]\nlocale = "en"\n')
    (tmp_path / "claims").mkdir()
    (tmp_path / "claims" / "example.yaml").write_text("mine\n")
    monkeypatch.chdir(tmp_path)
    code, out, _ = run("init", "--install", "claimcheck-news @ git+https://git.example/claimcheck@v0.1.0")
    assert code == 0
    assert "skipped  claimcheck.toml  (pyproject.toml has [tool.claimcheck])" in out
    assert "skipped  claims/example.yaml  (exists)" in out
    assert "created  articles/example.txt" in out
    assert (tmp_path / "claims" / "example.yaml").read_text() == "mine\n"
    assert not (tmp_path / "claimcheck.toml").exists()
    workflow = (tmp_path / ".github" / "workflows" / "claimcheck.yml").read_text()
    assert 'pip install "claimcheck-news @ git+https://git.example/claimcheck@v0.1.0"' in workflow


def test_init_in_a_folder_that_is_not_there(tmp_path: Path) -> None:
    code, _, err = run("init", str(tmp_path / "nowhere"))
    assert code == 2
    assert err.strip() == f"error: {tmp_path / 'nowhere'} is not a folder"


# small things users expect --------------------------------------------------------------------


def test_shell_completion_is_on() -> None:
    result = CliRunner().invoke(app, ["--show-completion", "bash"], prog_name="claimcheck")
    assert result.exit_code == 0
    assert "_CLAIMCHECK_COMPLETE" in result.output
    assert "--install-completion" in CliRunner().invoke(app, ["--help"]).output


@pytest.mark.parametrize(
    ("env", "coloured"),
    [
        ({}, False),
        ({"FORCE_COLOR": "1"}, True),
        ({"FORCE_COLOR": "1", "NO_COLOR": "1"}, False),
        ({"NO_COLOR": "1"}, False),
    ],
)
def test_force_color_and_no_color(env: dict[str, str], coloured: bool) -> None:
    base = {"FORCE_COLOR": "", "NO_COLOR": "", "GITHUB_ACTIONS": ""}
    code, out, _ = run("verify", str(SHANXI), env={**base, **env})
    assert code in (0, 1)
    assert ("\x1b[" in out) is coloured
    # Machine formats never carry colour.
    assert "\x1b[" not in run("verify", str(SHANXI), "--format", "json", env={**base, **env})[1]


def test_verify_reads_a_claim_file_from_standard_input(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, _ = run("verify", "-", "--format", "json", stdin=CLAIM)
    assert code == 0
    assert json.loads(out)["files"][0]["file"] == "<stdin>"
    code, _, err = run("verify", "-", stdin=CLAIM.replace("value:", "valeu:"))
    assert code == 2
    assert "<stdin>:9:5: CC403 [a] unknown key 'valeu' in figure claim; did you mean 'value'?" in err


def _refused_write(target: str) -> tuple[int, str, str]:
    return run("verify", str(SHANXI), "--format", "json", "--output", target)


def test_output_to_a_missing_folder_is_exit_2_with_one_line() -> None:
    code, out, err = _refused_write("/nonexistent/dir/x.json")
    assert code == 2
    assert (
        err.strip().splitlines()[-1]
        == "error: cannot write /nonexistent/dir/x.json: No such file or directory"
    )
    assert "Traceback" not in out + err


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full to simulate a full disk")
def test_output_to_a_full_disk_is_exit_2() -> None:
    code, _, err = _refused_write("/dev/full")
    assert code == 2
    assert err.strip().splitlines()[-1] == "error: cannot write /dev/full: No space left on device"


def test_output_without_permission_is_exit_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Root may write anywhere, so the refusal is simulated where the file is opened.
    def refuse(self: Path, *args: object, **kwargs: object) -> object:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "open", refuse)
    code, _, err = _refused_write(str(tmp_path / "x.json"))
    assert code == 2
    assert err.strip().splitlines()[-1] == f"error: cannot write {tmp_path / 'x.json'}: Permission denied"


def test_output_to_a_folder_is_exit_2(tmp_path: Path) -> None:
    code, _, err = _refused_write(str(tmp_path))
    assert code == 2
    assert err.strip().splitlines()[-1] == f"error: cannot write {tmp_path}: Is a directory"


def test_schema_output_writes_where_the_modeline_points(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "schema").mkdir()
    code, _, err = run("schema", "--output", "schema/claimfile.schema.json")
    assert code == 0
    assert err.strip() == "claimcheck: wrote schema/claimfile.schema.json"
    shipped = (ROOT / "schema" / "claimfile.schema.json").read_text()
    assert (tmp_path / "schema" / "claimfile.schema.json").read_text() == shipped
    code, _, err = run("schema", "--output", "missing/claimfile.schema.json")
    assert code == 2
    assert err.strip() == "error: cannot write missing/claimfile.schema.json: no folder missing"


def test_console_script_runs_outside_the_test_runner() -> None:
    """The real entry point (completion and colour go through it), in a child process."""
    completed = subprocess.run(
        [sys.executable, "-m", "claimcheck", "--version"], capture_output=True, text=True, check=False
    )
    assert completed.returncode == 0
    assert completed.stdout.startswith("claimcheck ")


def test_readme_newsroom_walkthrough_is_real_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Use in your newsroom's repository", 1)[1].split("\n## ", 1)[0]
    block = section.split("$ claimcheck init\n", 1)[1].split("$ claimcheck verify\n", 1)[0]
    git(tmp_path, "init", "-q")
    monkeypatch.chdir(tmp_path)
    assert run("init")[1] == block
    last = section.split("$ claimcheck verify\n", 1)[1].split("```", 1)[0].strip().splitlines()[-1]
    # The summary line may wrap at the report's width: compare its words.
    assert " ".join(run("verify")[1].split()).endswith(" ".join(last.split()))
    config = section.split("$ claimcheck config\n", 1)[1].split("```", 1)[0]
    shown = run("config")[1].replace(str(tmp_path), "/tmp/walk/newsroom")
    assert shown == config


def test_a_broken_configuration_reaches_the_report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "claims").mkdir()
    (tmp_path / "claims" / "a.yaml").write_text(CLAIM)
    (tmp_path / "claimcheck.toml").write_text('fail_on = "fatal"\n')
    monkeypatch.chdir(tmp_path)
    code, out, _ = run("verify", "--format", "json")
    assert code == 2
    problems = json.loads(out)["files"][0]["problems"]
    assert [problem["code"] for problem in problems] == ["CC411"]
