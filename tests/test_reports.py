"""Reports people read: the text layout at every width, quotes located by offsets, Markdown,
ClaimReview against Google's profile, and every format telling the same findings."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path
from xml.etree import ElementTree

import jsonschema
import pytest
from typer.testing import CliRunner

from claimcheck.cli import app
from claimcheck.display import format_amount
from claimcheck.engine import verify_path
from claimcheck.formats import FORMATS
from claimcheck.formats.claimreview import short_claim
from claimcheck.formats.layout import tokens, wrap
from claimcheck.quotes import NormalizedText, Span, locate, normalize
from tests.conftest import ROOT, SHANXI, assert_golden

FIXTURES = "tests/data/ci"
SCHEMA = json.loads((ROOT / "tests" / "data" / "claimreview-google.schema.json").read_text(encoding="utf-8"))


@pytest.fixture
def runner(monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1741737600")
    for name in ("NO_COLOR", "GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY"):
        monkeypatch.delenv(name, raising=False)
    return CliRunner()


# --- quotes: character offsets in the original text -------------------------------------------


def test_a_quote_is_found_with_the_loaders_normalisation_and_original_offsets() -> None:
    text = "He said:  \u201cUp 16.2\u00a0percent \u2013 a RECORD,\u201d\nofficials said."
    located = locate(NormalizedText(text), '"up 16.2 percent - a record,"', ("16.2 percent",))
    assert located is not None
    assert (
        text[located.quote.start : located.quote.end] == "\u201cUp 16.2\u00a0percent \u2013 a RECORD,\u201d"
    )
    ((printed, span),) = located.figures
    assert printed == "16.2 percent" and text[span.start : span.end] == "16.2\u00a0percent"
    assert normalize(text[located.quote.start : located.quote.end]) == normalize(
        '"up 16.2 percent - a record,"'
    )


def test_a_figure_is_looked_for_inside_its_quote_only() -> None:
    text = "Revenue was 5 million. Later: 2 districts, 1 county-level city and 8 counties, 5 million."
    located = locate(
        NormalizedText(text), "2 districts, 1 county-level city and 8 counties, 5 million", ("5 million",)
    )
    assert located is not None
    ((_, span),) = located.figures
    assert span.start > text.index("Later") and text[span.start : span.end] == "5 million"


def test_quotes_not_in_the_text_and_case_folding_that_changes_length() -> None:
    text = NormalizedText("Die Straße hat 3 Spuren.")
    assert locate(text, "nowhere to be found", ()) is None
    found = text.find("STRASSE hat 3")
    assert found == Span(4, 16)


def test_every_shanxi_quote_and_figure_is_located_exactly() -> None:
    from claimcheck.quotes import article_body

    report = verify_path(SHANXI)
    assert report.article is not None and report.article.text is not None
    body = article_body(SHANXI, report.article.text)
    assert body is not None and not body.startswith("title:")
    text = NormalizedText(body)
    for result in report.claims:
        if result.source is not None:
            continue
        printed = tuple(reading.printed for _, reading in result.readings)
        located = locate(text, result.record.quote, printed)  # type: ignore[attr-defined]
        assert located is not None, result.record.id
        assert [body[span.start : span.end] for _, span in located.figures] == list(printed)


# --- the text report ----------------------------------------------------------------------------


def test_wrapping_never_breaks_a_word_or_an_interval() -> None:
    assert tokens("recomputed (27.7227, 32.3233) percent [0.5, 1.5) and (-inf, 55.5)") == [
        "recomputed",
        "(27.7227, 32.3233)",
        "percent",
        "[0.5, 1.5)",
        "and",
        "(-inf, 55.5)",
    ]
    assert wrap("renewal_investment.amount / renewal_investment.converted", 10) == [
        "renewal_investment.amount",
        "/",
        "renewal_investment.converted",
    ]


@pytest.mark.parametrize("columns", [40, 60, 80, 100, 120, 160])
def test_text_report_fits_every_width_and_cuts_nothing(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, columns: int
) -> None:
    monkeypatch.setenv("COLUMNS", str(columns))
    output = runner.invoke(app, ["verify", "--show", "all"]).stdout
    for line in output.splitlines():
        assert len(line) <= columns or len(tokens(line)) == 1, line
    words = {word for line in output.splitlines() for word in tokens(line)}
    report = verify_path(SHANXI)
    for result in report.results:
        assert result.record.id in words or any(word.startswith(result.record.id) for word in words)
        for _, reading in result.readings:
            assert tokens(format_amount(reading.amount))[0] in words
    if columns <= 80:
        assert "─" not in output  # one record per block, no table
    if columns >= 120:
        assert "─" in output


def test_findings_come_first(runner: CliRunner) -> None:
    output = runner.invoke(app, ["verify", f"{FIXTURES}/planted.yaml"]).stdout
    lines = output.splitlines()
    assert lines[:4] == [
        "Planted findings",
        "Test Daily, 2025-03-11",
        "tests/data/ci/planted.yaml",
        "3 claims, 1 checks: 1 inconsistent, 1 ambiguous, 0 consistent, 2 unverifiable",
    ]
    assert lines[5] == "Findings (3)"
    assert lines[6] == "  CC101 change-inconsistent (error)"
    assert output.index("CC101 change-inconsistent") < output.index("CC501 digit-changed (note)")
    assert output.index("CC501 digit-changed (note)") < output.index("CC201 percent-or-points")
    assert output.index("CC201 percent-or-points") < output.index("Claims")


def test_show_notes_and_fail_on_note_list_notes(runner: CliRunner) -> None:
    plain = runner.invoke(app, ["verify", f"{FIXTURES}/planted.yaml"]).stdout
    assert "CC301" not in plain
    for args in (["--show", "notes"], ["--fail-on", "note"], ["--show", "all"]):
        shown = runner.invoke(app, ["verify", *args, f"{FIXTURES}/planted.yaml"]).stdout
        assert "Findings (5)" in shown and shown.count("CC301 nothing-to-compare (note)") == 2
    quiet = runner.invoke(app, ["verify", "--show", "findings", f"{FIXTURES}/planted.yaml"]).stdout
    assert quiet == runner.invoke(app, ["verify", "-q", f"{FIXTURES}/planted.yaml"]).stdout


def test_show_all_lists_every_derived_figure(runner: CliRunner) -> None:
    default = runner.invoke(app, ["verify"]).stdout
    everything = runner.invoke(app, ["verify", "--show", "all"]).stdout
    assert "revenue_per_tourist_growth" not in default
    assert "21 derived figure(s) with nothing to compare them with not shown" in default
    assert "revenue_per_tourist_growth" in everything and "not shown" not in everything


def test_width_without_a_terminal_is_80(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("COLUMNS")
    output = runner.invoke(app, ["verify"]).stdout
    assert max(len(line) for line in output.splitlines()) <= 80
    assert output == (ROOT / "tests" / "golden" / "verify-shanxi-80.txt").read_text(encoding="utf-8")


@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
def test_the_80_column_report_in_a_real_terminal(tmp_path: Path) -> None:
    """Run in tmux at 80x250 and read the screen back: what a person at a terminal sees."""
    session = f"claimcheck-{tmp_path.name}"
    claimcheck = Path(sys.executable).parent / "claimcheck"
    done = tmp_path / "done"
    command = f"cd {ROOT} && env -u COLUMNS NO_COLOR=1 {claimcheck} verify; touch {done}"
    subprocess.run(
        [
            "tmux",
            "new-session",
            "-d",
            "-s",
            session,
            "-x",
            "80",
            "-y",
            "250",
            "bash",
            "--norc",
            "-c",
            f"{command}; sleep 30",
        ],
        check=True,
    )
    try:
        deadline = time.monotonic() + 30
        while not done.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        screen = subprocess.run(
            ["tmux", "capture-pane", "-p", "-t", session, "-S", "0", "-E", "249"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], check=False)
    golden = (ROOT / "tests" / "golden" / "verify-shanxi-80.txt").read_text(encoding="utf-8")
    shown = [line.rstrip() for line in screen.rstrip("\n").splitlines()]
    while shown and not shown[-1]:
        shown.pop()
    assert shown == [line.rstrip() for line in golden.splitlines()]
    assert max(len(line) for line in shown) <= 80


# --- Markdown -----------------------------------------------------------------------------------


def test_markdown_golden_for_the_shanxi_article(runner: CliRunner) -> None:
    result = runner.invoke(app, ["verify", "--format", "markdown"])
    assert result.exit_code == 0
    assert_golden("verify-shanxi.md", result.stdout)
    assert result.stdout.index("| warning | CC201") < result.stdout.index("<details>")


# --- ClaimReview --------------------------------------------------------------------------------


def test_claimreview_follows_googles_profile(runner: CliRunner) -> None:
    result = runner.invoke(
        app,
        [
            "verify",
            "--format",
            "claimreview",
            "--organisation",
            "Test Checks",
            "--review-url",
            "https://checks.example/shanxi.html",
        ],
    )
    assert result.exit_code == 0
    reviews = json.loads(result.stdout)
    jsonschema.validate(reviews, SCHEMA)
    ratings = {review["url"].split("#")[1].split(".")[-1]: review["reviewRating"] for review in reviews}
    assert ratings["county_urbanization"]["alternateName"] == "Ambiguous"
    assert ratings["renewal_investment"]["ratingValue"] == 3
    assert "jinzhong_tourists" not in ratings  # nothing to compare it with: not checked, no review
    for review in reviews:
        assert review["author"] == {"@type": "Organization", "name": "Test Checks"}
        assert review["url"].startswith("https://checks.example/shanxi.html#")
        assert review["datePublished"] == "2025-03-12"
        assert len(review["claimReviewed"]) < 75
        assert not re.search(r"consistent|ambiguous|unverifiable", review["claimReviewed"], re.IGNORECASE)
        assert review["itemReviewed"]["datePublished"] == "2025-03-11"


def test_claimreview_without_organisation_or_address_is_still_valid(runner: CliRunner) -> None:
    result = runner.invoke(app, ["verify", "--format", "claimreview", FIXTURES])
    reviews = json.loads(result.stdout)
    jsonschema.validate(reviews, SCHEMA)
    assert "no --review-url" in result.stderr
    assert all("author" not in review for review in reviews)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate([{**reviews[0], "claimReviewed": "x" * 80}], SCHEMA)


def test_short_claims() -> None:
    assert short_claim("65 million tourists") == "65 million tourists"
    long = "Jinzhong hosted 65 million domestic tourists last year, a 16.2 percent increase from the year"
    assert short_claim(long) == "Jinzhong hosted 65 million domestic tourists last year, a 16.2 percent\u2026"


def test_the_html_report_embeds_the_same_json_ld(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    result = runner.invoke(app, ["report", "-o", str(target), "--organisation", "Test Checks"])
    assert result.exit_code == 0 and f"wrote {target}" in result.stderr
    html = target.read_text(encoding="utf-8")
    (embedded,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.DOTALL)
    alone = runner.invoke(app, ["verify", "--format", "claimreview", "--organisation", "Test Checks"]).stdout
    assert json.loads(embedded.replace("<\\/", "</")) == json.loads(alone)


def test_html_report_is_self_contained_and_small(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    runner.invoke(app, ["report", "-o", str(target)])
    html = target.read_text(encoding="utf-8")
    assert len(html.encode()) < 250_000
    assert not re.search(r"""(src|href)=["'](https?:)?//""", html)  # nothing fetched from elsewhere
    assert "<script>" not in html and "<script src" not in html  # no script at all, JSON-LD aside
    assert "@media print" in html and "prefers-color-scheme:dark" in html and "max-width:30rem" in html


def test_claims_without_an_article_text_are_a_list(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    runner.invoke(app, ["report", "-o", str(target), f"{FIXTURES}/planted.yaml"])
    html = target.read_text(encoding="utf-8")
    assert "<h3>Claims without an article text</h3>" in html
    assert 'id="planted.tourists" open class="v-inconsistent"' in html  # a finding starts open
    assert 'id="planted.revenue" class="v-unverifiable"' in html
    assert '<a href="#planted.tourists">tourists</a>' in html  # the finding links to it


# --- every format, the same findings ------------------------------------------------------------


def _findings_in(name: str, stdout: str, stderr: str) -> set[tuple[str, str]]:
    """(code, id) of every finding a format's output tells of."""
    if name == "json":
        document = json.loads(stdout)
        return {
            (item["code"], item["id"] or "")
            for file in document["files"]
            for item in file["results"] + file["problems"]
            if item["code"]
        } | {
            (cause["code"], item["id"])
            for file in document["files"]
            for item in file["results"]
            for cause in item["likely_causes"]
        }
    if name == "sarif":
        results = json.loads(stdout)["runs"][0]["results"]
        return {(result["ruleId"], result["message"]["text"][1:].split("]")[0]) for result in results}
    if name == "github":
        return set(re.findall(r"title=(CC\d+)::[a-z-]+ \[(\w+)\]", stdout))
    if name == "junit":
        found = set()
        for case in ElementTree.fromstring(stdout).iter("testcase"):
            for child in case:
                codes = {child.get("type"), *re.findall(r": (CC\d+) ", child.text or "")}
                found |= {(code, case.get("name") or "") for code in codes if code}
        return found
    if name == "markdown":
        return set(
            re.findall(r"^\| \w+ \| (CC\d+) [a-z-]+ \| [^|]+ \| \d+ \| (\w+) \|", stdout, re.MULTILINE)
        )
    if name == "html":
        listed = set(re.findall(r"<b>(CC\d+)</b> [a-z-]+ \(\w+\) <a href=\"#[\w.-]+\">(\w+)</a>", stdout))
        return listed | set(re.findall(r": (CC\d+) \[(\w+)\]", stdout))
    if name == "claimreview":
        labels = {"Inconsistent": "CC1", "Ambiguous": "CC2"}
        return {
            (labels[review["reviewRating"]["alternateName"]], review["url"].split(".")[-1])
            for review in json.loads(stdout)
            if review["reviewRating"]["alternateName"] in labels
        }
    text = stdout + stderr
    return set(re.findall(r"(CC\d+) [\w-]+ \((?:error|warning|note)\)\n +(\w+) at ", text)) | set(
        re.findall(r": (CC4\d\d) \[(\w+)\]", text)
    )


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_every_format_renders_the_same_findings(runner: CliRunner, name: str, tmp_path: Path) -> None:
    """One fixture: an inconsistency with its likely cause, an ambiguity (a warning), two notes
    and a claim-file error."""
    expected = {
        ("CC101", "tourists"),
        ("CC501", "tourists"),
        ("CC201", "urbanization"),
        ("CC301", "revenue"),
        ("CC301", "revenue_per_tourist"),
        ("CC405", "visitors"),
    }
    result = runner.invoke(app, ["verify", "--format", name, "--show", "notes", FIXTURES])
    assert result.exit_code == 2
    found = _findings_in(name, result.stdout, result.stderr)
    if name == "claimreview":  # reviews are of the article's checked claims only
        assert found == {("CC1", "tourists"), ("CC2", "urbanization")}
    else:
        assert found == expected, name


# --- start-up -----------------------------------------------------------------------------------


def test_verify_imports_no_report_code() -> None:
    """The HTML, Markdown and ClaimReview code is imported only when used."""
    code = (
        "import sys\n"
        "from claimcheck.cli import app\n"
        "try:\n"
        "    app(args=['verify', '-q', 'claims'], prog_name='claimcheck')\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(' '.join(sorted(sys.modules)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    modules = set(result.stdout.split())
    for module in (
        "claimcheck.formats.html",
        "claimcheck.formats.markdown",
        "claimcheck.formats.claimreview",
        "claimcheck.quotes",
        "claimcheck.explanation",
        "claimcheck.causes",  # the likely-cause search, for files with an inconsistency only
    ):
        assert module not in modules


def test_report_exits_like_verify(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "planted.html"
    assert runner.invoke(app, ["report", "-o", str(target), f"{FIXTURES}/planted.yaml"]).exit_code == 1
    assert target.exists()
    assert (
        runner.invoke(app, ["report", "-o", str(target), "--exit-zero", f"{FIXTURES}/planted.yaml"]).exit_code
        == 0
    )
    assert runner.invoke(app, ["report", "-o", str(target), FIXTURES]).exit_code == 2
    assert "CC405 [visitors]" in target.read_text(encoding="utf-8")  # the claim-file error is listed


def test_the_review_author_comes_from_the_configuration_when_not_given(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The hook for the configuration's review_author (a name and an address)."""
    from typing import NamedTuple

    from claimcheck.formats import RenderOptions, claimreview

    class Author(NamedTuple):
        name: str
        url: str | None

    class Config(NamedTuple):
        review_author: Author | None

    monkeypatch.setattr(
        "claimcheck.config.config_for", lambda path: Config(Author("Newsroom", "https://news.example"))
    )
    assert claimreview.review_author(SHANXI, RenderOptions()) == {
        "@type": "Organization",
        "name": "Newsroom",
        "url": "https://news.example",
    }
    given = claimreview.review_author(SHANXI, RenderOptions(organisation="Desk"))
    assert given == {"@type": "Organization", "name": "Desk"}


def test_a_figure_across_two_paragraphs_is_listed_not_lost(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "article.txt").write_text("They numbered 65\n\nmillion visitors. Revenue was 5 yuan.\n")
    (tmp_path / "claims.yaml").write_text(
        "article: {title: T, publisher: P, date: 2025-03-11, text: article.txt}\nclaims:\n"
        "  - {id: visitors, kind: figure, quote: 'numbered 65 million visitors',"
        " value: 65 million visitors}\n"
        "  - {id: revenue, kind: figure, quote: 'Revenue was 5 yuan', value: 5 yuan}\n"
    )
    target = tmp_path / "report.html"
    runner.invoke(app, ["report", "-o", str(target), str(tmp_path / "claims.yaml")])
    html = target.read_text(encoding="utf-8")
    assert "<h3>Claims not placed in the text</h3>" in html and 'id="claims.visitors"' in html
    assert 'id="claims.revenue" data-claim="revenue"' in html  # marked in the text
