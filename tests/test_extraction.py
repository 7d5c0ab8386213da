"""claimcheck extract and check: the Shanxi article against its hand-written claim file, what
is not a figure, kinds, and bad input."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from claimcheck.cli import app
from claimcheck.engine import verify
from claimcheck.extraction.claims import FIGURE_FIELDS
from claimcheck.extraction.spans import find_spans
from claimcheck.figures import ReadingContext
from claimcheck.loader import load_claim_file, load_claim_text
from tests.conftest import ROOT

ARTICLE = ROOT / "articles" / "2025-03-11-china-daily-shanxi-urbanization.txt"
HAND = ROOT / "claims" / "2025-03-11-china-daily-shanxi-urbanization.yaml"


def printed(value: Any) -> Any:
    if isinstance(value, dict):
        return value["printed"]
    if isinstance(value, list):
        return [printed(item) for item in value]
    return value


def signature(claim: dict[str, Any]) -> tuple[str, str | None, tuple[tuple[str, Any], ...]]:
    figures = tuple(
        (name, str(printed(claim[name]))) for name in FIGURE_FIELDS if claim.get(name) is not None
    )
    period = claim.get("period")
    return claim["kind"], None if period is None else str(period), figures


@pytest.fixture(scope="module")
def drafted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("claims") / "shanxi.yaml"
    result = CliRunner().invoke(app, ["extract", str(ARTICLE), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out


def test_every_hand_written_claim_is_drafted_with_its_figures_period_and_kind(drafted: Path) -> None:
    hand = yaml.safe_load(HAND.read_text(encoding="utf-8"))["claims"]
    draft = yaml.safe_load(drafted.read_text(encoding="utf-8"))["claims"]
    drafted_signatures = {signature(claim) for claim in draft}
    missing = [claim["id"] for claim in hand if signature(claim) not in drafted_signatures]
    assert missing == []


def test_drafted_file_loads_and_agrees_with_the_hand_written_verdicts(drafted: Path) -> None:
    draft_file = load_claim_file(drafted)
    assert [str(problem) for problem in draft_file.problems] == []
    drafted_report = verify(draft_file)
    hand_report = verify(load_claim_file(HAND))
    assert all(result.verdict.value != "inconsistent" for result in drafted_report.claims)
    by_figures = {}
    hand_claims = {claim.id: claim for claim in load_claim_file(HAND).claims}
    for result in hand_report.claims:
        claim = hand_claims[result.record.id]
        by_figures[tuple(f.printed for f in claim.figures().values())] = result.verdict
    draft_claims = {claim.id: claim for claim in draft_file.claims}
    compared = 0
    for result in drafted_report.claims:
        key = tuple(f.printed for f in draft_claims[result.record.id].figures().values())
        if key in by_figures and key:
            assert result.verdict == by_figures[key], result.record.id
            compared += 1
    assert compared >= 12


@pytest.mark.parametrize(
    "sentence",
    [
        "The law took effect in 2023 after a vote on March 11.",
        "Chang is a deputy to the 14th National People's Congress.",
        "The team is ranked No. 1 in the league.",
        "Leaders of the Group of 20 met in Rome.",
        "The G20 summit discussed COVID-19 recovery.",
        "Article 5 of the treaty applies.",
        "Call the hotline on 555-0123 or +44 20 7946 0958.",
        "The figures are on page 12 of the report.",
        "The Boeing 737 was delayed at 3:30 pm.",
        "The meeting on 11/03/2025 lasted until 10 a.m.",
    ],
)
def test_not_figures(sentence: str) -> None:
    assert [span.printed for span in find_spans(sentence, ReadingContext())] == []


@pytest.mark.parametrize(
    ("sentence", "figures"),
    [
        (
            "Visitors rose 12.8 percent from 4.21 million to 4.75 million.",
            ["12.8 percent", "4.21 million", "4.75 million"],
        ),
        ("Sales reached EUR 2,200 per resident, up from 2,050.", ["EUR 2,200 per resident", "2,050"]),
        (
            "About one in three adults smoked, and nearly a third of children.",
            ["About one in three", "nearly a third"],
        ),
        ("Profit doubled to $5.2bn in 2024.", ["doubled", "$5.2bn"]),
        ("The firm hired between 5 and 7 percent more staff.", ["between 5 and 7 percent"]),
        ("It has 12 cases per 100,000 people.", ["12 cases per 100,000 people"]),
    ],
)
def test_figures_found(sentence: str, figures: list[str]) -> None:
    assert [span.printed for span in find_spans(sentence, ReadingContext())] == figures


def draft_of(tmp_path: Path, text: str, *options: str, name: str = "a.txt") -> dict[str, Any]:
    article = tmp_path / name
    article.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(app, ["extract", str(article), *options])
    assert result.exit_code == 0, result.output
    loaded: dict[str, Any] = yaml.safe_load(result.stdout)
    return loaded


def test_kinds_from_the_words_around(tmp_path: Path) -> None:
    draft = draft_of(
        tmp_path,
        "title: T\npublisher: P\ndate: 2025-06-14\n---\n"
        "Visitors rose 10 percent, from 4.00 million to 4.40 million, in 2024.\n\n"
        "The deal was worth 120 million euros ($130 million).\n\n"
        "Exports accounted for 35 percent of output.\n\n"
        "More than 300 jobs were cut.\n\n"
        "In March 2024, the council approved the plan.\n",
    )
    kinds = [(claim["kind"], claim.get("period")) for claim in draft["claims"]]
    assert kinds == [
        ("change", "2024"),
        ("conversion", None),
        ("share", None),
        ("bound", None),
        ("event", "March 2024"),
    ]
    change = draft["claims"][0]
    assert (change["previous"], change["value"], change["rate"]) == (
        "4.00 million",
        "4.40 million",
        "10 percent",
    )


def test_check_finds_a_planted_error(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(
        "title: T\npublisher: P\ndate: 2025-06-14\n---\n"
        "Visitors rose 10 percent last year, from 4.00 million to 4.84 million.\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(app, ["check", str(article), "-q"])
    assert result.exit_code == 1
    assert "CC101" in result.output


def test_markdown_and_html_articles_keep_quotes_verbatim(tmp_path: Path) -> None:
    for name, text in (
        (
            "a.md",
            "---\ntitle: T\npublisher: P\ndate: 2025-06-14\n---\n# Head\n\n"
            "The **city** hosted 65 million tourists in 2024, up 16.2 percent.\n",
        ),
        (
            "b.html",
            "<html><head><title>x</title><script>var a = 5;</script></head><body>"
            "<p>The city hosted 65 million tourists in 2024, up 16.2 percent.</p></body></html>",
        ),
    ):
        article = tmp_path / name
        article.write_text(text, encoding="utf-8")
        out = tmp_path / f"{name}.yaml"
        result = CliRunner().invoke(
            app,
            [
                "extract",
                str(article),
                "-o",
                str(out),
                "--date",
                "2025-06-14",
                "--title",
                "T",
                "--publisher",
                "P",
            ],
        )
        assert result.exit_code == 0, result.output
        loaded = load_claim_file(out)
        assert [str(problem) for problem in loaded.problems] == []
        assert [claim.kind for claim in loaded.claims] == ["change"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "the article is empty"),
        (b"\x00\x01\x02binary", "not a text file"),
        (b"No numbers here, only words.\n", "no figures or dated events found"),
        (b"caf\xe9 prices rose 5 percent\n", ":1:4: not UTF-8"),
        (b"Visitors rose 5 percent last year.\n", "--date"),
    ],
)
def test_bad_articles_exit_2_with_a_located_message(tmp_path: Path, content: bytes, message: str) -> None:
    article = tmp_path / "a.txt"
    article.write_bytes(content)
    result = CliRunner().invoke(app, ["extract", str(article)])
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output


def test_a_huge_article_is_refused_before_reading(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    with article.open("wb") as handle:
        handle.truncate(10 * 1024 * 1024)
    result = CliRunner().invoke(app, ["extract", str(article)])
    assert result.exit_code == 2
    assert "more than the 5 MiB limit" in result.output


def test_output_is_never_overwritten_without_force(tmp_path: Path) -> None:
    out = tmp_path / "claims.yaml"
    out.write_text("kept\n")
    result = CliRunner().invoke(app, ["extract", str(ARTICLE), "-o", str(out)])
    assert result.exit_code == 2
    assert out.read_text() == "kept\n"
    result = CliRunner().invoke(app, ["extract", str(ARTICLE), "-o", str(out), "--force"])
    assert result.exit_code == 0
    assert out.read_text().startswith("# Drafted by `claimcheck extract`")


def test_every_guess_is_a_comment(drafted: Path) -> None:
    text = drafted.read_text(encoding="utf-8")
    assert "# '1 percent' of a rate: percent or percentage points?" in text
    assert "# '$' read as US dollars" in text
    assert "# period 'last year' read as 2024" in text
    assert "proposed: '55.6 billion yuan' per '215 projects'" in text


def test_load_claim_text_matches_load_claim_file(drafted: Path) -> None:
    from_text = load_claim_text(drafted, drafted.read_text(encoding="utf-8"))
    assert [claim.id for claim in from_text.claims] == [claim.id for claim in load_claim_file(drafted).claims]


def test_verify_does_not_import_the_extractor() -> None:
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "claimcheck", "verify", "claims/"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "claimcheck.verify" not in result.stderr  # sanity: the module names are listed
    assert "claimcheck.engine" in result.stderr
    assert "claimcheck.extraction" not in result.stderr


def test_every_figure_found_reads_as_a_claim_file_would() -> None:
    """Extraction reads a figure on from its number part; it must equal read_figure's reading."""
    from claimcheck.articletext import plain_text, split_front_matter
    from claimcheck.extraction.sentences import sentences
    from claimcheck.figures import read_figure

    articles = sorted((ROOT / "tests" / "data" / "extraction" / "articles").glob("*"))
    compared = 0
    for path in [ARTICLE, *articles]:
        body = split_front_matter(plain_text(path.read_text(encoding="utf-8"), path.suffix)).body
        for sentence in sentences(body):
            for span in find_spans(sentence.text, ReadingContext()):
                expected = read_figure(span.printed)
                got = span.reading
                assert (got.interval, got.nominal, got.role, got.steps) == (
                    expected.interval,
                    expected.nominal,
                    expected.role,
                    expected.steps,
                ), span.printed
                assert got.unit == expected.unit, span.printed
                compared += 1
    assert compared > 700


def test_a_search_anchored_at_the_end_tries_every_place_a_match_can_start() -> None:
    """The symbol before a number is searched only near the end: no match may be longer."""
    from re import _parser  # type: ignore[attr-defined]

    from claimcheck.extraction import spans

    assert _parser.parse(spans._SYMBOL_BEFORE.pattern).getwidth()[1] == spans._SYMBOL_WIDTH
    assert spans._symbol_before("total of US.$ ").group() == "US.$ "  # type: ignore[union-attr]
    assert spans._symbol_before("in HK$").group() == "HK$"  # type: ignore[union-attr]
    phrases = [phrase for phrase, _ in spans.PHRASES]
    assert all(phrase == phrase.strip() for phrase in phrases)  # each ends where the spaces start
    before = "it was in excess of \t "
    hedge = spans._HEDGE_BEFORE.search(before, max(0, len(before.rstrip()) - spans._HEDGE_WIDTH))
    assert hedge is not None and hedge.group(1) == "in excess of"


@pytest.mark.parametrize(
    ("before", "word"),
    [
        ("the U.S. ", "U.S."),
        ("report 5abc ", "abc"),
        ("Group ", "Group"),
        ("sold 4,000 ($", None),
        ("rose by ", "by"),
        ("état ", "tat"),
        ("", None),
    ],
)
def test_the_word_before_a_number(before: str, word: str | None) -> None:
    from claimcheck.extraction import spans

    found = spans._WORD_BEFORE.search(before)
    assert (found.group(1) if found else None) == word


@pytest.mark.parametrize(
    "text",
    [
        "sales rose   by ",
        "the figure, compared with ",
        "compared\twith",
        "it fell, versus ",
        "accounting for",
        "a   share of ",
        "from",
        "",
        "   ",
    ],
)
def test_a_search_at_the_end_of_a_sentence_finds_what_a_search_of_all_of_it_does(text: str) -> None:
    from claimcheck.extraction import claims

    for pattern, words in [
        (claims._FROM_BASE, 2),
        (claims._AGAINST, 1),
        (claims._BEFORE_RATE, 2),
        (claims._SHARE_BEFORE, 3),
        (claims._FROM, 1),
    ]:
        whole = pattern.search(text)
        tail = claims._ends(pattern, text, len(text), words)
        assert (whole and whole.span()) == (tail and tail.span()), (pattern.pattern, text)
