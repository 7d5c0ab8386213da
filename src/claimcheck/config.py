"""Project configuration: ``claimcheck.toml`` or ``[tool.claimcheck]`` in ``pyproject.toml``.

Found as ruff and mypy find theirs: walking up from the claim file's folder, the first
folder with a ``claimcheck.toml``, or a ``pyproject.toml`` that has a ``[tool.claimcheck]``
table, holds the configuration of every claim file below it. Claim files can still say
more for themselves (an article's ``locale``, a file's ``units:``).

A newsroom's repository also says here where its claim files and article texts live, what
to leave out, the defaults of ``verify`` and who authors its reviews. Paths in the
configuration are relative to the folder of the file that holds it.
"""

from __future__ import annotations

import functools
import os
import re
from pathlib import Path
from typing import Any, NamedTuple

from claimcheck.realpaths import real_folder
from claimcheck.vocabulary import Declaration

KEYS: dict[str, str] = {
    "units": "Counted nouns, aliases and multiples the newsroom adds: 'overnight stay' = 'noun'.",
    "locale": "The locale of the newsroom's copy ('en', 'de-CH'): decimal mark and local currencies.",
    "currency_hints": "Currencies that ambiguous symbols stand for: ['JPY'] reads ¥ as yen.",
    "claims": "Folders (or files) of claim files, checked when verify is given no path: ['claims'].",
    "articles": "Folders of article texts, whose changes --changed and the CI follow: ['articles'].",
    "exclude": "Paths to leave out, as glob patterns ('drafts/**', '*.draft.yaml'); hidden folders,"
    " virtual environments and git-ignored paths are left out anyway.",
    "fail_on": "The level of finding that makes verify exit 1: 'error' (the default), 'warning' or 'note'.",
    "rate_window": "Business days before publication whose exchange rates a conversion may use (0 to 99).",
    "rate_tolerance": "How far a conversion's implied rate may stray from the market rate: '1 percent'.",
    "review_author": "The organisation that authors the reviews (ClaimReview):"
    " { name = '...', url = '...' }.",
    "cache_dir": "Where verify keeps its results cache (relative to this file); CLAIMCHECK_CACHE_DIR"
    " overrides it. Default: the user cache directory.",
}
"""Every key of the configuration, with what it does."""


_LOCALE = re.compile(r"[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*")
_CODE = re.compile(r"[A-Z]{3}")


class ConfigError(ValueError):
    """A configuration file that cannot be used; says which file, line and key."""

    def __init__(self, path: Path, line: int, message: str) -> None:
        self.path = path
        self.line = line
        self.message = message
        super().__init__(f"{path}:{line}: {message}")


FAIL_ON_LEVELS = ("error", "warning", "note")

DEFAULT_CLAIMS = ("claims",)
DEFAULT_ARTICLES = ("articles",)


class ReviewAuthor(NamedTuple):
    """The organisation that publishes the reviews, as ClaimReview's ``author`` names it."""

    name: str
    url: str | None = None


class Config(NamedTuple):
    """The configuration in force for a folder, and where it came from."""

    path: Path | None = None
    declarations: tuple[Declaration, ...] = ()
    locale: str | None = None
    currency_hints: tuple[str, ...] = ()
    claims: tuple[str, ...] = DEFAULT_CLAIMS
    articles: tuple[str, ...] = DEFAULT_ARTICLES
    exclude: tuple[str, ...] = ()
    fail_on: str = "error"
    rate_window: int | None = None
    rate_tolerance: str | None = None
    review_author: ReviewAuthor | None = None
    cache_dir: str | None = None
    """Where the results cache lives, relative to the configuration's folder; None: the default."""
    lines: tuple[tuple[str, int], ...] = ()
    """The keys the file sets, with the line of each."""

    @property
    def root(self) -> Path | None:
        """The folder the configuration's paths are relative to."""
        return None if self.path is None else self.path.parent

    def origin(self, key: str) -> str:
        """Where the value of ``key`` comes from: 'FILE:LINE', or 'default'."""
        for name, line in self.lines:
            if name == key and self.path is not None:
                return f"{self.path}:{line}"
        return "default"

    def settings(self) -> list[tuple[str, object, str]]:
        """Every key with its value in force and where it came from, for ``claimcheck config``."""
        values: dict[str, object] = {
            "claims": list(self.claims),
            "articles": list(self.articles),
            "exclude": list(self.exclude),
            "fail_on": self.fail_on,
            "rate_window": self.rate_window,
            "rate_tolerance": self.rate_tolerance,
            "locale": self.locale,
            "currency_hints": list(self.currency_hints),
            "units": {item.word: item.definition for item in self.declarations},
            "review_author": None if self.review_author is None else dict(self.review_author._asdict()),
            "cache_dir": self.cache_dir,
        }
        return [(key, values[key], self.origin(key)) for key in values]


EMPTY = Config()


def config_for(claim_file: Path) -> Config:
    """The configuration that applies to ``claim_file``, found from the folder the file really
    is in (a symlinked file's target's); raises :class:`ConfigError`."""
    return _config_in(real_folder(claim_file))


def config_in(folder: Path) -> Config:
    """The configuration in force in ``folder`` (for ``verify`` with no path, and ``config``)."""
    return _config_in(os.fspath(folder.resolve()))


@functools.lru_cache(maxsize=256)
def _config_in(real_path: str) -> Config:
    """The configuration in force in a folder, by its real path (a string: a claim file's
    folder is looked up without making a path)."""
    folder = Path(real_path)
    for candidate in (folder, *folder.parents):
        found = _read(candidate)
        if found is not None:
            return found
    return EMPTY


def _read(folder: Path) -> Config | None:
    own = folder / "claimcheck.toml"
    if own.is_file():
        return _parse(own, _load(own), own.name)
    pyproject = folder / "pyproject.toml"
    if pyproject.is_file() and _mentions_claimcheck(pyproject):
        table = _load(pyproject).get("tool", {}).get("claimcheck")
        if isinstance(table, dict):
            return _parse(pyproject, table, "[tool.claimcheck] in pyproject.toml")
    return None


def _mentions_claimcheck(pyproject: Path) -> bool:
    """Whether a pyproject.toml may have a [tool.claimcheck] table: parsing TOML costs more."""
    try:
        return "tool.claimcheck" in pyproject.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return True  # let the parse report it


def _load(path: Path) -> dict[str, Any]:
    import tomllib

    try:
        text = path.read_text(encoding="utf-8")
        return tomllib.loads(text)
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(path, 1, f"cannot read the configuration: {error}") from error
    except tomllib.TOMLDecodeError as error:
        line = re.search(r"line (\d+)", str(error))
        raise ConfigError(path, int(line[1]) if line else 1, f"not valid TOML: {error}") from error


def _parse(path: Path, table: dict[str, Any], origin: str) -> Config:
    for key in table:
        if key not in KEYS:
            import difflib

            close = difflib.get_close_matches(key, list(KEYS), n=1)
            hint = f"; did you mean {close[0]!r}?" if close else f"; known keys: {', '.join(KEYS)}"
            raise ConfigError(path, _line_of(path, key), f"unknown key {key!r}{hint}")
    units = table.get("units", {})
    if not isinstance(units, dict) or not all(isinstance(v, str) for v in units.values()):
        raise ConfigError(path, _line_of(path, "units"), "'units' must map words to definitions (text)")
    locale = table.get("locale")
    if locale is not None and not (isinstance(locale, str) and _LOCALE.fullmatch(locale)):
        message = f"'locale' must be a language tag such as 'de-CH', not {locale!r}"
        raise ConfigError(path, _line_of(path, "locale"), message)
    hints = table.get("currency_hints", [])
    if not isinstance(hints, list) or not all(isinstance(h, str) and _CODE.fullmatch(h) for h in hints):
        message = "'currency_hints' must be a list of ISO codes such as ['JPY']"
        raise ConfigError(path, _line_of(path, "currency_hints"), message)
    declarations = tuple(Declaration(word, definition, origin) for word, definition in units.items())
    claims = _paths(path, table, "claims", DEFAULT_CLAIMS)
    articles = _paths(path, table, "articles", DEFAULT_ARTICLES)
    exclude = _paths(path, table, "exclude", ())
    fail_on = table.get("fail_on", "error")
    if fail_on not in FAIL_ON_LEVELS:
        message = f"'fail_on' must be one of {', '.join(FAIL_ON_LEVELS)}, not {fail_on!r}"
        raise ConfigError(path, _line_of(path, "fail_on"), message)
    window = table.get("rate_window")
    if window is not None and (
        isinstance(window, bool) or not isinstance(window, int) or not 0 <= window <= 99
    ):
        message = f"'rate_window' must be a whole number of business days from 0 to 99, not {window!r}"
        raise ConfigError(path, _line_of(path, "rate_window"), message)
    tolerance = table.get("rate_tolerance")
    if tolerance is not None and not (isinstance(tolerance, str) and tolerance.strip()):
        message = f"'rate_tolerance' must be a printed figure such as '1 percent', not {tolerance!r}"
        raise ConfigError(path, _line_of(path, "rate_tolerance"), message)
    cache_dir = table.get("cache_dir")
    if cache_dir is not None and not (isinstance(cache_dir, str) and cache_dir.strip()):
        message = f"'cache_dir' must be a path such as '.claimcheck_cache', not {cache_dir!r}"
        raise ConfigError(path, _line_of(path, "cache_dir"), message)
    lines = tuple((key, _line_of(path, key)) for key in table)
    return Config(
        path,
        declarations,
        locale,
        tuple(hints),
        claims,
        articles,
        exclude,
        fail_on,
        window,
        tolerance,
        _review_author(path, table.get("review_author")),
        cache_dir,
        lines,
    )


def _paths(path: Path, table: dict[str, Any], key: str, default: tuple[str, ...]) -> tuple[str, ...]:
    value = table.get(key, list(default))
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(item, str) and item.strip() for item in value):
        raise ConfigError(path, _line_of(path, key), f"{key!r} must be a list of paths such as ['{key}']")
    return tuple(value)


def _review_author(path: Path, value: Any) -> ReviewAuthor | None:
    if value is None:
        return None
    if isinstance(value, str) and value.strip():
        return ReviewAuthor(value)
    allowed = {"name", "url"}
    if (
        isinstance(value, dict)
        and isinstance(value.get("name"), str)
        and value["name"].strip()
        and set(value) <= allowed
        and isinstance(value.get("url", ""), str)
    ):
        return ReviewAuthor(value["name"], value.get("url"))
    message = "'review_author' must be a name, or a table { name = 'Newsroom', url = 'https://...' }"
    raise ConfigError(path, _line_of(path, "review_author"), message)


def _line_of(path: Path, key: str) -> int:
    try:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if re.match(rf"\s*['\"]?{re.escape(key)}['\"]?\s*[=.]", line) or line.strip() == f"[{key}]":
                return number
    except OSError:
        pass
    return 1
