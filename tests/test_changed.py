"""`verify --changed`: only claim files added or modified since a revision, found with git."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimcheck.changes import GitError, changed_files
from claimcheck.cli import app, expand_changed
from tests.conftest import ARTICLE_HEADER, git

CLAIM = """\
claims:
  - id: {id}
    kind: figure
    quote: "{figure}"
    value: {figure}
"""


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


# --changed follows the article texts that claim files cite (issue 12) -------------------------

CITING = """\
article:
  title: Test article
  publisher: Test Daily
  date: 2025-03-11
  text: ../articles/{text}
claims:
  - id: {id}
    kind: figure
    quote: "The city opened 5 projects"
    value: 5 projects
"""


@pytest.fixture
def newsroom(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A newsroom's repository on 'main': two claim files, each citing its own article text."""
    git(tmp_path, "init", "-q", "-b", "main")
    (tmp_path / "claims").mkdir()
    (tmp_path / "articles").mkdir()
    for name in ("one", "two"):
        (tmp_path / "articles" / f"{name}.txt").write_text("The city opened 5 projects last year.\n")
        (tmp_path / "claims" / f"{name}.yaml").write_text(CITING.format(text=f"{name}.txt", id=name))
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "base")
    git(tmp_path, "checkout", "-q", "-b", "feature")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def changed_run(*extra: str) -> tuple[int, list[str]]:
    """Exit code and the claim files checked by `verify --changed` (JSON report)."""
    import json

    result = CliRunner().invoke(app, ["verify", "--changed", "--format", "json", *extra])
    files = [entry["file"] for entry in json.loads(result.stdout)["files"]] if result.stdout else []
    return result.exit_code, files


def commit(repo: Path, message: str) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)


def test_article_edited_rechecks_the_claim_file_citing_it(newsroom: Path) -> None:
    # The quote no longer matches: a full verify exits 2, and so must --changed.
    (newsroom / "articles" / "one.txt").write_text("The city opened five projects last year.\n")
    commit(newsroom, "edit article one")
    code, files = changed_run()
    assert files == ["claims/one.yaml"]
    assert code == 2
    full = CliRunner().invoke(app, ["verify", "--format", "json"])
    assert full.exit_code == 2


def test_article_renamed_rechecks_the_claim_file_that_cited_the_old_name(newsroom: Path) -> None:
    git(newsroom, "mv", "articles/two.txt", "articles/renamed.txt")
    commit(newsroom, "rename article two")
    code, files = changed_run()
    assert files == ["claims/two.yaml"]
    assert code == 2  # it points at a text that is no longer there


def test_article_renamed_with_its_claim_file_updated(newsroom: Path) -> None:
    git(newsroom, "mv", "articles/two.txt", "articles/renamed.txt")
    (newsroom / "claims" / "two.yaml").write_text(CITING.format(text="renamed.txt", id="two"))
    commit(newsroom, "rename article two and follow it")
    assert changed_run() == (0, ["claims/two.yaml"])


def test_claim_file_moved(newsroom: Path) -> None:
    (newsroom / "claims" / "2025").mkdir()
    git(newsroom, "mv", "claims/one.yaml", "claims/2025/one.yaml")
    moved = CITING.format(text="one.txt", id="one").replace("../articles/", "../../articles/")
    (newsroom / "claims" / "2025" / "one.yaml").write_text(moved)
    commit(newsroom, "move claim file one")
    assert changed_run() == (0, ["claims/2025/one.yaml"])


def test_claim_file_and_article_both_changed(newsroom: Path) -> None:
    (newsroom / "articles" / "one.txt").write_text("The city opened 6 projects last year.\n")
    text = CITING.format(text="one.txt", id="one").replace("5 projects", "6 projects")
    (newsroom / "claims" / "one.yaml").write_text(text)
    (newsroom / "articles" / "two.txt").write_text("The city opened 5 projects last year, and more.\n")
    commit(newsroom, "edit both")
    assert changed_run() == (0, ["claims/one.yaml", "claims/two.yaml"])


def test_article_deleted(newsroom: Path) -> None:
    git(newsroom, "rm", "-q", "articles/one.txt")
    commit(newsroom, "delete article one")
    code, files = changed_run()
    assert (code, files) == (2, ["claims/one.yaml"])


def test_uncited_article_changes_nothing(newsroom: Path) -> None:
    (newsroom / "articles" / "other.txt").write_text("Unrelated.\n")
    commit(newsroom, "add another text")
    result = CliRunner().invoke(app, ["verify", "--changed"])
    assert result.exit_code == 0
    assert "no claim file changed" in result.output


def test_follow_articles_takes_changed_texts_and_claim_files(newsroom: Path) -> None:
    """What the pre-commit hook runs: the staged files, texts among them."""
    import json

    args = ["verify", "--follow-articles", "--format", "json", "articles/two.txt", "claims/one.yaml"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert [entry["file"] for entry in json.loads(result.stdout)["files"]] == [
        "claims/one.yaml",
        "claims/two.yaml",
    ]
