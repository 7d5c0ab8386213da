"""``claimcheck init``: the files a newsroom's repository starts with.

The texts are templates in ``claimcheck/templates/``, filled in with the folder names and
what CI installs. Nothing that exists is overwritten: a newsroom may run ``init`` in a
repository that already has some of these files, and each skip is reported with its reason.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from claimcheck import __version__
from claimcheck.schema import SCHEMA_PATH, schema_text

DISTRIBUTION = "claimcheck-news"
"""The name on the package index; the command and the import name are ``claimcheck``."""

CLAIMS = "claims"
ARTICLES = "articles"


@dataclass(frozen=True)
class Step:
    """One file or folder ``init`` created or left alone."""

    path: Path
    action: str
    """'created' or 'skipped'."""
    reason: str = ""


def default_requirement() -> str:
    """What CI installs by default: this version of claimcheck from the package index."""
    return f"{DISTRIBUTION}=={__version__}"


def _template(name: str) -> str:
    return resources.files("claimcheck").joinpath("templates", name).read_text(encoding="utf-8")


def _fill(text: str, install: str) -> str:
    return (
        text.replace("@CLAIMS@", CLAIMS)
        .replace("@ARTICLES@", ARTICLES)
        .replace("@SCHEMA@", SCHEMA_PATH)
        .replace("@INSTALL@", install)
    )


def plan(install: str) -> list[tuple[str, str]]:
    """Every file ``init`` writes, relative to the repository's top, with its text."""
    return [
        ("claimcheck.toml", _fill(_template("claimcheck.toml"), install)),
        (f"{CLAIMS}/example.yaml", _fill(_template("example-claims.yaml"), install)),
        (f"{ARTICLES}/example.txt", _template("example-article.txt")),
        (SCHEMA_PATH, schema_text()),
        (".github/workflows/claimcheck.yml", _fill(_template("workflow.yml"), install)),
        (".pre-commit-config.yaml", _fill(_template("pre-commit-config.yaml"), install)),
    ]


def scaffold(folder: Path, install: str | None = None) -> list[Step]:
    """Create the folders and files of a newsroom's repository in ``folder``, skipping what exists."""
    steps: list[Step] = []
    for relative, text in plan(install or default_requirement()):
        path = folder / relative
        if relative == "claimcheck.toml" and _has_tool_table(folder / "pyproject.toml"):
            steps.append(Step(Path(relative), "skipped", "pyproject.toml has [tool.claimcheck]"))
            continue
        if path.exists():
            steps.append(Step(Path(relative), "skipped", "exists"))
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        # "x": never replace a file that appeared since the check above.
        with path.open("x", encoding="utf-8") as stream:
            stream.write(text)
        steps.append(Step(Path(relative), "created"))
    return steps


def _has_tool_table(pyproject: Path) -> bool:
    try:
        return "[tool.claimcheck" in pyproject.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
