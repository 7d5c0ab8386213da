"""Project configuration: ``claimcheck.toml`` or ``[tool.claimcheck]`` in ``pyproject.toml``.

Found as ruff and mypy find theirs: walking up from the claim file's folder, the first
folder with a ``claimcheck.toml``, or a ``pyproject.toml`` that has a ``[tool.claimcheck]``
table, holds the configuration of every claim file below it. Claim files can still say
more for themselves (an article's ``locale``, a file's ``units:``).
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any, NamedTuple

from claimcheck.vocabulary import Declaration

KEYS: dict[str, str] = {
    "units": "Counted nouns, aliases and multiples the newsroom adds: 'overnight stay' = 'noun'.",
    "locale": "The locale of the newsroom's copy ('en', 'de-CH'): decimal mark and local currencies.",
    "currency_hints": "Currencies that ambiguous symbols stand for: ['JPY'] reads ¥ as yen.",
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


class Config(NamedTuple):
    """The configuration in force for a folder, and where it came from."""

    path: Path | None = None
    declarations: tuple[Declaration, ...] = ()
    locale: str | None = None
    currency_hints: tuple[str, ...] = ()


EMPTY = Config()


def config_for(claim_file: Path) -> Config:
    """The configuration that applies to ``claim_file``; raises :class:`ConfigError`."""
    return _config_in(claim_file.resolve().parent)


@functools.lru_cache(maxsize=256)
def _config_in(folder: Path) -> Config:
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
    return Config(path, declarations, locale, tuple(hints))


def _line_of(path: Path, key: str) -> int:
    try:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if re.match(rf"\s*['\"]?{re.escape(key)}['\"]?\s*[=.]", line) or line.strip() == f"[{key}]":
                return number
    except OSError:
        pass
    return 1
