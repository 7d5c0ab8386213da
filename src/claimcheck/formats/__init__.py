"""The registry of output formats: each renders the same reports its own way.

Adding a format is adding a module with a ``render`` function and a line here. An unknown
format name is an error, never a silent fallback.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from typing import IO, TYPE_CHECKING

if TYPE_CHECKING:
    from claimcheck.results import FileReport

Renderer = Callable[["Sequence[FileReport]", IO[str], bool], None]
"""``render(reports, stream, colour)``: writes one document for all reports."""

FORMATS: dict[str, str] = {
    "text": "claimcheck.formats.text",
    "json": "claimcheck.formats.json",
}
"""Format names and the modules that render them (imported only when chosen)."""


class UnknownFormatError(ValueError):
    def __init__(self, name: str) -> None:
        super().__init__(f"unknown format {name!r}; choose one of {', '.join(FORMATS)}")


def renderer(name: str) -> Renderer:
    """The render function of format ``name``."""
    module_name = FORMATS.get(name)
    if module_name is None:
        raise UnknownFormatError(name)
    render: Renderer = importlib.import_module(module_name).render
    return render
