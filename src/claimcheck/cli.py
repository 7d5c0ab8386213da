"""The command line: parse arguments, call the core, render, return an exit code.

Exit codes: 0 nothing inconsistent; 1 something inconsistent; 2 bad input or usage.
Heavy modules (pint, the engine, the renderers) are imported inside the commands, so that
``claimcheck --help`` and every command start fast.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from claimcheck import __version__

if TYPE_CHECKING:
    from claimcheck.formats import RenderOptions
    from claimcheck.results import Problem

EXIT_CLEAN = 0
EXIT_FINDINGS = 1
EXIT_BAD_INPUT = 2
DEFAULT_PATHS = [Path("claims")]

app = typer.Typer(
    name="claimcheck",
    help="Check the numbers in news stories: recompute every derived figure from claim files.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"claimcheck {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit."),
    ] = False,
) -> None:
    """Check the numbers in news stories."""


PathsArgument = Annotated[
    Optional[list[Path]],  # noqa: UP045 - typer needs Optional here
    typer.Argument(help="Claim files or directories of them (default: claims/).", show_default=False),
]


def _render_options(stream: object, machine: bool = False) -> RenderOptions:
    """Colour only on a terminal, never with NO_COLOR set or in a machine format."""
    import os
    import shutil

    from claimcheck.formats import RenderOptions

    isatty = getattr(stream, "isatty", None)
    terminal = bool(isatty and isatty())
    colour = terminal and not machine and not os.environ.get("NO_COLOR")
    try:
        width = int(os.environ.get("COLUMNS", ""))
    except ValueError:
        width = shutil.get_terminal_size((120, 24)).columns if terminal else 120
    return RenderOptions(colour=colour, width=max(width, 60))


def _claim_files(paths: list[Path]) -> tuple[list[Path], list[Problem]]:
    from claimcheck.loader import find_claim_files

    files, missing = find_claim_files(paths)
    if not files and not missing:
        typer.echo(f"error: no claim files (*.yaml, *.yml) in {', '.join(map(str, paths))}", err=True)
        raise typer.Exit(EXIT_BAD_INPUT)
    return files, missing


def _print_problems(problems: list[Problem]) -> None:
    for problem in problems:
        typer.echo(str(problem), err=True)


@app.command()
def verify(
    paths: PathsArgument = None,
    output_format: Annotated[
        str, typer.Option("--format", "-f", help="Output format: text or json.")
    ] = "text",
    jobs: Annotated[
        Optional[int],  # noqa: UP045 - typer needs Optional here
        typer.Option("--jobs", "-j", min=1, help="Processes for many files (default: one per core)."),
    ] = None,
) -> None:
    """Recompute every derived figure and report what does not add up.

    Exits 0 when nothing is inconsistent, 1 when something is, 2 for bad input or usage.
    """
    from claimcheck.batch import check_files
    from claimcheck.formats import FileOutput, UnknownFormatError
    from claimcheck.formats import output_format as find_format
    from claimcheck.verdicts import Verdict

    try:
        chosen = find_format(output_format)
    except UnknownFormatError as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(EXIT_BAD_INPUT) from None
    options = _render_options(sys.stdout, machine=output_format != "text")
    files, missing = _claim_files(paths or DEFAULT_PATHS)
    outputs = [
        FileOutput(problem.path, dict.fromkeys(Verdict, 0), 0, 0, (problem,), "") for problem in missing
    ]
    outputs.extend(check_files(files, output_format, options, jobs))
    _print_problems([problem for output in outputs for problem in output.problems])
    sys.stdout.write(chosen.render_document(outputs, options))
    if any(output.problems for output in outputs):
        raise typer.Exit(EXIT_BAD_INPUT)
    if any(output.counts[Verdict.INCONSISTENT] for output in outputs):
        raise typer.Exit(EXIT_FINDINGS)


@app.command()
def explain(
    claim_id: Annotated[str, typer.Argument(metavar="ID", help="The id of a claim or check.")],
    paths: PathsArgument = None,
    file: Annotated[
        Optional[Path],  # noqa: UP045 - typer needs Optional here
        typer.Option("--file", help="Only look in this claim file (when ids repeat across files)."),
    ] = None,
) -> None:
    """Show step by step how the verdict on one claim or check was reached."""
    import difflib

    from claimcheck.engine import verify_path
    from claimcheck.explanation import explain as build_explanation

    files, missing = _claim_files([file] if file is not None else (paths or DEFAULT_PATHS))
    _print_problems(missing)
    reports = [verify_path(path) for path in files]
    matches = [
        (report, result) for report in reports for result in report.results if result.record.id == claim_id
    ]
    if not matches:
        _print_problems([problem for report in reports for problem in report.problems])
        known = sorted({result.record.id for report in reports for result in report.results})
        close = difflib.get_close_matches(claim_id, known, n=3, cutoff=0.5)
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        typer.echo(f"error: no claim or check with id {claim_id!r}{hint}", err=True)
        raise typer.Exit(EXIT_BAD_INPUT)
    if len(matches) > 1:
        where = ", ".join(str(report.path) for report, _ in matches)
        typer.echo(f"error: id {claim_id!r} is in several files ({where}); choose one with --file", err=True)
        raise typer.Exit(EXIT_BAD_INPUT)
    report, result = matches[0]
    _render_tree(build_explanation(report, result))


def _render_tree(root: object) -> None:
    from rich.tree import Tree

    from claimcheck.explanation import Node
    from claimcheck.formats.text import VERDICT_STYLES, make_console

    assert isinstance(root, Node)
    styles = {verdict.value: style for verdict, style in VERDICT_STYLES.items()}

    def build(node: Node, tree: Tree) -> None:
        for child in node.children:
            build(child, tree.add(child.text, style=styles.get(child.verdict or "", "")))

    tree = Tree(root.text, style="bold", guide_style="dim")
    build(root, tree)
    console = make_console(sys.stdout, _render_options(sys.stdout))
    console.print(tree)


@app.command()
def schema() -> None:
    """Print the JSON Schema of claim files (for editors and other tools)."""
    import json

    from claimcheck.schema import json_schema

    typer.echo(json.dumps(json_schema(), indent=2))


def main() -> None:
    """The console-script entry point."""
    import os

    try:
        app()
        code = EXIT_CLEAN
    except SystemExit as stop:
        code = (
            stop.code if isinstance(stop.code, int) else (EXIT_CLEAN if stop.code is None else EXIT_BAD_INPUT)
        )
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:  # the reader went away (`claimcheck verify | head`): nothing left to say
        pass
    # Skip the interpreter's teardown: freeing pint's registry, the caches and every module
    # costs about 20 ms and writes nothing. All output is flushed above.
    os._exit(code)
