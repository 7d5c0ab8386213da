"""The project configuration's rate_window and rate_tolerance reach every claim file's defaults."""

from __future__ import annotations

from pathlib import Path

from claimcheck.display import format_interval
from claimcheck.loader import load_claim_file

ARTICLE = "article:\n  title: T\n  publisher: P\n  date: 2025-03-11\n"
CLAIMS = "claims:\n  - id: a\n    kind: figure\n    quote: 5 projects\n    value: 5 projects\n"


def _claim_file(tmp_path: Path, config: str, defaults: str = "") -> Path:
    (tmp_path / "claimcheck.toml").write_text(config)
    path = tmp_path / "a.yaml"
    path.write_text(ARTICLE + defaults + CLAIMS)
    return path


def test_configuration_defaults_apply_when_the_file_sets_none(tmp_path: Path) -> None:
    loaded = load_claim_file(_claim_file(tmp_path, 'rate_window = 5\nrate_tolerance = "0.5 percent"\n'))
    assert loaded.problems == ()
    assert loaded.defaults.rate_window == 5
    assert loaded.defaults.rate_tolerance is not None
    assert format_interval(loaded.defaults.rate_tolerance.reading.interval) == "[0.45, 0.55)"


def test_the_file_overrides_the_configuration_key_by_key(tmp_path: Path) -> None:
    path = _claim_file(
        tmp_path, 'rate_window = 5\nrate_tolerance = "0.5 percent"\n', "defaults:\n  rate_window: 1\n"
    )
    loaded = load_claim_file(path)
    assert loaded.problems == ()
    assert loaded.defaults.rate_window == 1
    assert loaded.defaults.rate_tolerance is not None
    assert loaded.defaults.rate_tolerance.printed == "0.5 percent"


def test_without_configuration_the_built_in_defaults_hold(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text(ARTICLE + CLAIMS)
    loaded = load_claim_file(path)
    assert (loaded.defaults.rate_window, loaded.defaults.rate_tolerance) == (3, None)
