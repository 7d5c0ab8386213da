"""`verify --changed`: only claim files added or modified since a revision, found with git."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimcheck.changes import GitError, changed_files
from claimcheck.cli import app, expand_changed
from tests.conftest import ARTICLE_HEADER

CLAIM = """\
claims:
  - id: {id}
    kind: figure
    quote: "{figure}"
    value: {figure}
"""


def git(repo: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@t", *args],
        cwd=repo,
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def write(repo: Path, name: str, claim_id: str, figure: str = "5 projects") -> None:
    path = repo / "claims" / name
    path.parent.mkdir(exist_ok=True)
    path.write_text(ARTICLE_HEADER + CLAIM.format(id=claim_id, figure=figure))


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository with a default branch 'main' holding kept, modified, renamed and deleted files."""
    git(tmp_path, "init", "-q", "-b", "main")
    for name in ("kept", "modified", "renamed", "deleted"):
        write(tmp_path, f"{name}.yaml", name)
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "base")
    git(tmp_path, "checkout", "-q", "-b", "feature")
    write(tmp_path, "modified.yaml", "modified", "6 projects")
    git(tmp_path, "mv", "claims/renamed.yaml", "claims/moved.yaml")
    git(tmp_path, "rm", "-q", "claims/deleted.yaml")
    write(tmp_path, "added.yaml", "added")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "feature")
    write(tmp_path, "untracked.yaml", "untracked")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def names(paths: list[Path]) -> list[str]:
    return [path.name for path in paths]


def test_changed_since_the_merge_base_with_the_default_branch(repo: Path) -> None:
    base, paths = changed_files(None, repo)
    assert base == git(repo, "rev-parse", "main").strip()
    assert names(paths) == ["added.yaml", "modified.yaml", "moved.yaml", "untracked.yaml"]


def test_changed_since_an_explicit_revision(repo: Path) -> None:
    _, paths = changed_files("HEAD", repo)
    assert names(paths) == ["untracked.yaml"]


def test_on_the_default_branch_falls_back_to_the_previous_commit(repo: Path) -> None:
    git(repo, "checkout", "-q", "main")
    write(repo, "kept.yaml", "kept", "7 projects")
    git(repo, "commit", "-q", "-am", "edit kept")
    base, paths = changed_files(None, repo)
    assert base == git(repo, "rev-parse", "HEAD~1").strip()
    assert "kept.yaml" in names(paths)


def test_unknown_revision_is_an_error(repo: Path) -> None:
    with pytest.raises(GitError, match="unknown revision 'no-such-branch'"):
        changed_files("no-such-branch", repo)


def test_outside_a_repository_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(GitError, match="not inside a git repository"):
        changed_files(None, tmp_path)


def test_cli_checks_only_changed_files(repo: Path) -> None:
    result = CliRunner().invoke(app, expand_changed(["verify", "--changed", "--format", "json", "claims"]))
    assert result.exit_code == 0, result.output
    assert '"file":"claims/added.yaml"' in result.stdout
    assert "kept.yaml" not in result.stdout
    assert "deleted.yaml" not in result.stdout


def test_cli_with_no_changed_claim_file(repo: Path) -> None:
    (repo / "claims" / "untracked.yaml").unlink()
    result = CliRunner().invoke(app, expand_changed(["verify", "--changed=HEAD", "claims"]))
    assert result.exit_code == 0
    assert "no claim file changed" in result.output


def test_cli_unknown_revision(repo: Path) -> None:
    unknown = CliRunner().invoke(app, expand_changed(["verify", "--changed", "nope", "claims"]))
    assert unknown.exit_code == 2
    assert "unknown revision 'nope'" in unknown.output


def test_cli_outside_a_repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path, "a.yaml", "a")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["verify", "--changed", "claims"])
    assert result.exit_code == 2
    assert "not inside a git repository" in result.output


@pytest.mark.parametrize(
    ("argv", "expanded"),
    [
        (["verify", "--changed"], ["verify", "--changed"]),
        (["verify", "--changed", "main"], ["verify", "--changed", "--base", "main"]),
        (["verify", "--changed=origin/main", "x"], ["verify", "--changed", "--base", "origin/main", "x"]),
        (["verify", "--changed", "-q"], ["verify", "--changed", "-q"]),
        (["verify", "--", "--changed", "main"], ["verify", "--", "--changed", "main"]),
    ],
)
def test_expand_changed(argv: list[str], expanded: list[str]) -> None:
    assert expand_changed(argv) == expanded


def test_expand_changed_leaves_existing_paths_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "claims").mkdir()
    assert expand_changed(["verify", "--changed", "claims"]) == ["verify", "--changed", "claims"]
