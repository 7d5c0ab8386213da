"""Discovery as a stream (issue 11): the walk gives the files in the order of sorting every
path, reads a folder only when it gets there, and leaves out what git ignores as
`git check-ignore` says, asking git once per repository instead of once about every file."""

from __future__ import annotations

import os
import random
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimcheck import discovery
from claimcheck.cli import app
from claimcheck.config import EMPTY
from claimcheck.discovery import find_claim_files, stream_claim_files
from tests.conftest import git


def sorted_walk(folder: Path) -> list[Path]:
    """Discovery before streaming, without git: every claim file os.walk finds, sorted as
    paths (the reference order)."""
    found: list[Path] = []
    for top, folders, names in os.walk(folder):
        folders[:] = [
            name
            for name in folders
            if not name.startswith(".") and not (Path(top, name) / "pyvenv.cfg").exists()
        ]
        found.extend(
            Path(top, name) for name in names if not name.startswith(".") and name.endswith((".yaml", ".yml"))
        )
    return sorted(found)


def make(root: Path, *names: str) -> None:
    """Files (and their folders) below ``root``; a name ending in '/' is an empty folder."""
    for name in names:
        path = root / name
        if name.endswith("/"):
            path.mkdir(parents=True, exist_ok=True)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text("a: 1\n", encoding="utf-8")


def found(*paths: Path) -> list[Path]:
    return find_claim_files(list(paths), EMPTY)[0]


def relative(files: list[Path], root: Path) -> list[str]:
    return [path.relative_to(root).as_posix() for path in files]


@pytest.fixture
def read_folders(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The folders discovery reads, in the order it reads them."""
    read: list[str] = []
    entries = discovery._entries

    def recording(folder: str) -> Iterator[str]:
        read.append(folder)
        return entries(folder)

    monkeypatch.setattr(discovery, "_entries", recording)
    return read


# order --------------------------------------------------------------------------------------

AWKWARD = (
    "a.yaml",
    "a/b.yaml",
    "a/a/z.yml",
    "a-b.yaml",
    "a-b/c.yaml",
    "a_b.yaml",
    "a0.yaml",
    "A.yaml",
    "A/x.yaml",
    "a.yaml.d/x.yaml",  # a folder whose name starts like a file's
    "folder.yaml/inside.yaml",  # a folder named like a claim file is walked, not read
    "10.yaml",
    "9.yaml",
    "b c.yml",
    "ä.yaml",
    "z/y/x/w.yaml",
    "z/y.yaml",
    "notes.txt",
    ".hidden.yaml",
    ".hidden/a.yaml",
    "env/pyvenv.cfg",
    "env/lib/package.yaml",
    "empty/",
)


@pytest.mark.usefixtures("runs")
def test_the_walk_gives_the_order_of_sorting_every_path(tmp_path: Path) -> None:
    make(tmp_path, *AWKWARD)
    assert found(tmp_path) == sorted_walk(tmp_path)
    assert relative(found(tmp_path), tmp_path) == [
        "10.yaml",
        "9.yaml",
        "A/x.yaml",
        "A.yaml",
        "a/a/z.yml",
        "a/b.yaml",
        "a-b/c.yaml",
        "a-b.yaml",
        "a.yaml",
        "a.yaml.d/x.yaml",
        "a0.yaml",
        "a_b.yaml",
        "b c.yml",
        "folder.yaml/inside.yaml",
        "z/y/x/w.yaml",
        "z/y.yaml",
        "ä.yaml",
    ]


@pytest.fixture(params=["one run", "runs of three"])
def runs(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Folders sorted in one go, or in runs of three names merged (as a large folder is)."""
    if request.param == "runs of three":
        monkeypatch.setattr(discovery, "RUN_NAMES", 3)
        monkeypatch.setattr(discovery, "UNPACK_BYTES", 5)


@pytest.mark.usefixtures("runs")
@pytest.mark.parametrize("seed", range(5))
def test_random_trees_walk_in_the_order_of_sorting_every_path(
    tmp_path: Path, seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    rng = random.Random(seed)
    alphabet = ["a", "A", "b", "-", ".", "_", "0", "é", " "]
    for _ in range(120):
        parts = ["".join(rng.choices(alphabet, k=rng.randint(1, 3))) for _ in range(rng.randint(1, 4))]
        if any(set(part) == {"."} for part in parts):
            continue
        path = tmp_path.joinpath(*parts[:-1], parts[-1] + rng.choice([".yaml", ".yml", ".txt", ""]))
        if any(parent.is_file() for parent in path.parents) or path.is_dir():
            continue
        make(tmp_path, path.relative_to(tmp_path).as_posix())
    expected = sorted_walk(tmp_path)
    assert len(expected) > 30
    assert found(tmp_path) == expected
    # the same Paths, spelled the same way, from a relative folder too
    monkeypatch.chdir(tmp_path.parent)
    walked = found(Path(tmp_path.name))
    assert [str(path) for path in walked] == [str(path) for path in sorted_walk(Path(tmp_path.name))]


def test_named_paths_keep_their_order_and_each_folder_is_sorted(tmp_path: Path) -> None:
    make(tmp_path, "b/2.yaml", "b/1.yaml", "a/1.yaml", "single.yml")
    files, problems = find_claim_files(
        [tmp_path / "b", tmp_path / "single.yml", tmp_path / "missing", tmp_path / "a"], EMPTY
    )
    assert relative(files, tmp_path) == ["b/1.yaml", "b/2.yaml", "single.yml", "a/1.yaml"]
    assert [(problem.path, problem.message) for problem in problems] == [
        (tmp_path / "missing", "no such file or directory")
    ]


def test_folders_are_read_as_the_stream_gets_there(tmp_path: Path, read_folders: list[str]) -> None:
    make(tmp_path, "a/1.yaml", "b/1.yaml", "c/d/1.yaml")
    files, problems = stream_claim_files([tmp_path], EMPTY)
    assert read_folders == [] and problems == []
    assert next(files) == tmp_path / "a" / "1.yaml"
    assert read_folders == [str(tmp_path), str(tmp_path / "a")]
    assert list(files) == [tmp_path / "b" / "1.yaml", tmp_path / "c" / "d" / "1.yaml"]
    assert read_folders[2:] == [str(tmp_path / "b"), str(tmp_path / "c"), str(tmp_path / "c" / "d")]


def test_missing_paths_are_known_before_the_first_file(tmp_path: Path, read_folders: list[str]) -> None:
    make(tmp_path, "a/1.yaml")
    files, problems = stream_claim_files([tmp_path / "a", tmp_path / "gone.yaml"], EMPTY)
    assert [problem.path for problem in problems] == [tmp_path / "gone.yaml"]
    assert read_folders == []
    assert list(files) == [tmp_path / "a" / "1.yaml"]


def test_configured_exclusions_still_apply(tmp_path: Path) -> None:
    from claimcheck.config import config_in

    make(tmp_path, "claims/a.yaml", "claims/a.draft.yaml", "drafts/b.yaml")
    (tmp_path / "claimcheck.toml").write_text('exclude = ["drafts/**", "*.draft.yaml"]\n', encoding="utf-8")
    files, _ = find_claim_files([tmp_path], config_in(tmp_path))
    assert relative(files, tmp_path) == ["claims/a.yaml"]


def test_a_large_folder_is_sorted_in_runs_and_merged(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    names = [f"{index:05d}-{'é' * (index % 3)}.yaml" for index in range(2500)]
    random.Random(1).shuffle(names)
    make(tmp_path, *names, "01000/a.yaml", "zz/")
    monkeypatch.setattr(discovery, "RUN_NAMES", 1000)
    packed: list[int] = []
    pack = discovery._packed
    monkeypatch.setattr(discovery, "_packed", lambda run: packed.append(len(run)) or pack(run))
    assert found(tmp_path) == sorted_walk(tmp_path)
    assert packed == [1000, 1000, 502]  # 2,500 files and 2 folders
    assert len(found(tmp_path / "zz")) == 0


# what git ignores ---------------------------------------------------------------------------


def check_ignore_oracle(repo: Path, folder: Path) -> list[Path]:
    """The claim files below ``folder`` that `git check-ignore` (run at the top of ``repo``)
    does not report: discovery before streaming asked it about every file."""
    candidates = sorted_walk(folder)
    listed = "".join(f"{path.relative_to(repo).as_posix()}\0" for path in candidates)
    completed = subprocess.run(
        ["git", "check-ignore", "--stdin", "-z"],
        cwd=repo,
        input=listed,
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode in (0, 1), completed.stderr
    ignored = {repo / name for name in completed.stdout.split("\0") if name}
    return [path for path in candidates if path not in ignored]


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository with every case of ignoring: ignored files and folders, patterns in a nested
    .gitignore, tracked files matching a pattern, a folder all of whose files are ignored, a
    folder of mixed files."""
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q")
    make(
        root,
        "a/x.yaml",
        "a/y.yaml",
        "a/b/x.yaml",
        "a/b/z.yaml",
        "build/tracked.yaml",
        "build/copy.yaml",
        "build/deeper/copy.yaml",
        "c/kept.draft.yaml",
        "c/new.draft.yaml",
        "c/m.yaml",
        "gone/g.yaml",
        "gone/sub/h.yaml",
        "only/u.yaml",
        "only/v.yml",
        "mixed/a.tmp.yaml",
        "mixed/b.yaml",
        "top.yaml",
        "top.draft.yaml",
    )
    (root / ".gitignore").write_text("build/\n*.draft.yaml\nonly/*.y*ml\ngone/\nmixed/*.tmp.yaml\n")
    (root / "a" / ".gitignore").write_text("x.yaml\n")
    git(root, "add", ".gitignore", "a/.gitignore", "a/y.yaml", "top.yaml")
    git(root, "add", "-f", "build/tracked.yaml", "c/kept.draft.yaml")
    git(root, "commit", "-q", "-m", "start")
    return root


def test_git_ignored_paths_are_left_out_as_git_check_ignore_says(repo: Path) -> None:
    assert relative(found(repo), repo) == [
        "a/b/z.yaml",  # a/b/x.yaml: a nested .gitignore
        "a/y.yaml",
        "build/tracked.yaml",  # tracked in an ignored folder
        "c/kept.draft.yaml",  # tracked, matching an ignore pattern
        "c/m.yaml",
        "mixed/b.yaml",
        "top.yaml",
    ]
    for folder in ["", "a", "a/b", "build", "build/deeper", "c", "gone", "gone/sub", "only", "mixed"]:
        assert found(repo / folder) == check_ignore_oracle(repo, repo / folder), folder


def test_ignored_folders_are_not_walked(repo: Path, read_folders: list[str]) -> None:
    found(repo)
    walked = {Path(folder).relative_to(repo).as_posix() for folder in read_folders}
    # not gone/ (ignored), build/deeper/ (untracked in an ignored folder) nor only/ (all of its
    # files ignored); build/ holds a tracked file, so git and the walk look inside
    assert walked == {".", "a", "a/b", "build", "c", "mixed"}
    # a folder git ignores as a whole, named on the command line or inside one
    read_folders.clear()
    assert found(repo / "gone") == [] and found(repo / "gone" / "sub") == []
    assert read_folders == []


def test_git_runs_twice_per_repository_however_many_files(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[list[str]] = []
    run = subprocess.run

    def counting(command: list[str], **options: object) -> object:
        calls.append(command)
        return run(command, **options)  # type: ignore[call-overload]

    make(repo, *(f"many/{index}.yaml" for index in range(50)))
    monkeypatch.setattr(subprocess, "run", counting)
    assert len(found(repo)) == 57
    assert [command[1] for command in calls] == ["rev-parse", "ls-files"]


def test_a_nested_repository_has_its_own_ignore_rules(repo: Path) -> None:
    inner = repo / "inner"
    make(inner, "secret.yaml", "open.yaml")
    git(inner, "init", "-q")
    (inner / ".gitignore").write_text("secret.yaml\n")
    (repo / ".gitignore").write_text((repo / ".gitignore").read_text() + "inner/open.yaml\n")
    assert "inner/open.yaml" in relative(found(repo), repo)
    assert "inner/secret.yaml" not in relative(found(repo), repo)
    assert relative(found(inner), repo) == ["inner/open.yaml"]
    # a nested repository the outer one ignores is left out whole
    (repo / ".gitignore").write_text("inner/\n")
    assert not any(path.startswith("inner/") for path in relative(found(repo), repo))


def test_outside_a_repository_nothing_is_ignored(tmp_path: Path) -> None:
    make(tmp_path, "a.yaml", "build/b.yaml")
    (tmp_path / ".gitignore").write_text("build/\n*.yaml\n")
    assert relative(found(tmp_path), tmp_path) == ["a.yaml", "build/b.yaml"]


def test_without_git_nothing_is_ignored(repo: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    empty = tmp_path / "no-programs"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    assert found(repo) == sorted_walk(repo)


def test_a_folder_inside_an_ignored_folder_has_no_claim_files(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repo)
    result = CliRunner().invoke(app, ["verify", "gone/sub"])
    assert result.exit_code == 2
    assert result.stderr == "error: no claim files (*.yaml, *.yml) in gone/sub\n"


def test_odd_file_names_reach_git_and_back(repo: Path) -> None:
    make(repo, "odd/[x]*.yaml", "odd/new\nline.yaml", "odd/keep.yaml", "odd [1]/a.yaml")
    (repo / "odd" / ".gitignore").write_text("new*\n")
    assert relative(found(repo / "odd"), repo) == ["odd/[x]*.yaml", "odd/keep.yaml"]
    assert relative(found(repo / "odd [1]"), repo) == ["odd [1]/a.yaml"]
    assert found(repo / "odd") == check_ignore_oracle(repo, repo / "odd")


def test_links_to_folders_are_not_followed_and_links_to_files_are_taken(tmp_path: Path) -> None:
    make(tmp_path, "archive/a.yaml", "archive/sub/b.yaml", "outside/o.yaml", "outside/p.yaml")
    (tmp_path / "archive" / "sub" / "up").symlink_to("..")  # a loop
    (tmp_path / "archive" / "ext").symlink_to(tmp_path / "outside")
    (tmp_path / "archive" / "p.yaml").symlink_to(tmp_path / "outside" / "p.yaml")
    files = found(tmp_path / "archive")
    assert relative(files, tmp_path) == ["archive/a.yaml", "archive/p.yaml", "archive/sub/b.yaml"]
    assert files == sorted_walk(tmp_path / "archive")
