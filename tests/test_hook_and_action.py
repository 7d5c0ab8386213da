"""claimcheck from another repository: the pre-commit hook (through `pre-commit try-repo`) and
the composite GitHub Action's check step, each run in a temporary newsroom repository."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT

GIT = ["git", "-c", "user.name=t", "-c", "user.email=t@t", "-c", "init.defaultBranch=main"]


def git(repo: Path, *args: str) -> str:
    return subprocess.run([*GIT, *args], cwd=repo, check=True, capture_output=True, text=True).stdout


def claimcheck(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "claimcheck", *args], cwd=repo, capture_output=True, text=True, check=False
    )


@pytest.fixture
def newsroom(tmp_path: Path) -> Path:
    """A newsroom's repository set up by `claimcheck init`, committed on 'main'."""
    repo = tmp_path / "newsroom"
    repo.mkdir()
    git(repo, "init", "-q")
    assert claimcheck(repo, "init").returncode == 0
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "claimcheck init")
    return repo


def break_the_quote(repo: Path) -> None:
    article = repo / "articles" / "example.txt"
    article.write_text(article.read_text().replace("1.5 million visits", "1.6 million visits"))


@pytest.fixture(scope="module")
def claimcheck_repository(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """claimcheck's repository as committed work: try-repo takes only what git tracks."""
    copy = tmp_path_factory.mktemp("claimcheck")
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if source.is_file():
            (copy / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, copy / name)
    git(copy, "init", "-q")
    git(copy, "add", "-A")
    git(copy, "commit", "-q", "-m", "claimcheck")
    return copy


def test_pre_commit_hook_from_another_repository(
    newsroom: Path, claimcheck_repository: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """An edited article text breaks a quote: the hook, given only the text, fails on the claim file."""
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path_factory.mktemp("pre-commit-home"))}
    env.pop("GITHUB_ACTIONS", None)

    def try_repo(*files: str) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "pre_commit", "try-repo", str(claimcheck_repository), "claimcheck"]
        return subprocess.run(
            [*command, "--files", *files], cwd=newsroom, env=env, capture_output=True, text=True, check=False
        )

    break_the_quote(newsroom)
    git(newsroom, "add", "-A")
    failed = try_repo("articles/example.txt")
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "claims/example.yaml:40:12: CC409 [visits] quote not found in the article text" in failed.stdout
    claims = newsroom / "claims" / "example.yaml"
    claims.write_text(claims.read_text().replace("1.5 million visits", "1.6 million visits"))
    git(newsroom, "add", "-A")
    passed = try_repo("articles/example.txt", "claims/example.yaml")
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "claimcheck" in passed.stdout and "Passed" in passed.stdout


def _action_script() -> str:
    action = yaml.safe_load((ROOT / "action.yml").read_text())
    assert action["runs"]["using"] == "composite"
    steps = action["runs"]["steps"]
    assert steps[1]["run"] == 'pip install "$GITHUB_ACTION_PATH"'
    script: str = steps[-1]["run"]
    return script


@pytest.mark.parametrize(
    ("inputs", "code"),
    [
        ({"CLAIMCHECK_CHANGED": "true", "CLAIMCHECK_BASE": "main"}, 2),  # the pull request's change
        ({"CLAIMCHECK_CHANGED": "true", "CLAIMCHECK_BASE": ""}, 2),  # a push: every claim file
        ({"CLAIMCHECK_CHANGED": "true", "CLAIMCHECK_BASE": "main", "CLAIMCHECK_PATHS": "nothing"}, 2),
    ],
)
def test_action_check_step(newsroom: Path, tmp_path: Path, inputs: dict[str, str], code: int) -> None:
    """The action's check step on a pull request that edits an article text."""
    remote = tmp_path / "remote.git"
    git(tmp_path, "init", "-q", "--bare", str(remote))
    git(newsroom, "remote", "add", "origin", str(remote))
    git(newsroom, "push", "-q", "origin", "main")
    git(newsroom, "fetch", "-q", "origin")
    git(newsroom, "checkout", "-q", "-b", "edit")
    break_the_quote(newsroom)
    git(newsroom, "commit", "-q", "-am", "edit the article")
    bin_folder = tmp_path / "bin"
    bin_folder.mkdir()
    (bin_folder / "claimcheck").write_text(f'#!/bin/sh\nexec "{sys.executable}" -m claimcheck "$@"\n')
    (bin_folder / "claimcheck").chmod(0o755)
    env = {
        **os.environ,
        "PATH": f"{bin_folder}{os.pathsep}{os.environ['PATH']}",
        "CLAIMCHECK_PATHS": "",
        "CLAIMCHECK_FAIL_ON": "",
        "GITHUB_ACTIONS": "true",
        **inputs,
    }
    env.pop("GITHUB_STEP_SUMMARY", None)
    result = subprocess.run(
        ["bash", "-c", _action_script()], cwd=newsroom, env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == code, result.stdout + result.stderr
    if inputs.get("CLAIMCHECK_PATHS") == "nothing":
        assert "nothing" in result.stdout + result.stderr
    else:
        assert "::error file=claims/example.yaml,line=40" in result.stdout


def test_action_check_step_is_green_when_nothing_is_wrong(newsroom: Path, tmp_path: Path) -> None:
    bin_folder = tmp_path / "bin"
    bin_folder.mkdir()
    (bin_folder / "claimcheck").write_text(f'#!/bin/sh\nexec "{sys.executable}" -m claimcheck "$@"\n')
    (bin_folder / "claimcheck").chmod(0o755)
    env = {
        **os.environ,
        "PATH": f"{bin_folder}{os.pathsep}{os.environ['PATH']}",
        "CLAIMCHECK_PATHS": "",
        "CLAIMCHECK_CHANGED": "true",
        "CLAIMCHECK_BASE": "",
        "CLAIMCHECK_FAIL_ON": "error",
        "GITHUB_ACTIONS": "true",
    }
    env.pop("GITHUB_STEP_SUMMARY", None)
    result = subprocess.run(
        ["bash", "-c", _action_script()], cwd=newsroom, env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "claimcheck: 1 file(s), 3 claims" in result.stdout + result.stderr
