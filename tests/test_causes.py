"""Likely causes: the slips that would make an inconsistent claim or check fit.

One claim file per class of slip under tests/data/causes/, each written as a journalist
would, each pinning the exact suggestion.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from claimcheck import causes
from claimcheck.cli import app
from claimcheck.engine import verify_path
from claimcheck.figures import PLAIN, FigureOptions, ReadingContext, read_figure
from claimcheck.records import Figure
from claimcheck.results import FileReport, LikelyCause, Result
from claimcheck.verdicts import Verdict
from claimcheck.yamlsource import Mark

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "causes"
SHANXI = ROOT / "claims" / "2025-03-11-china-daily-shanxi-urbanization.yaml"


def _result(report: FileReport, record_id: str) -> Result:
    return next(result for result in report.results if result.record.id == record_id)


def _causes(name: str, record_id: str) -> list[tuple[str, str]]:
    result = _result(verify_path(DATA / name), record_id)
    assert result.verdict is Verdict.INCONSISTENT  # a likely cause never changes a verdict
    return [(cause.code, cause.message) for cause in result.causes]


# --- one test per class of slip ----------------------------------------------------------------


def test_one_digit_changed() -> None:
    result = _result(verify_path(DATA / "digit.yaml"), "expansion_deal")
    assert [
        (cause.code, cause.cause, cause.figure, cause.printed, cause.suggested) for cause in result.causes
    ] == [("CC501", "digit-changed", "expansion_deal.converted", "$2.85 billion", "$2.55 billion")]
    assert (
        result.causes[0].message == "'$2.85 billion' would fit if it were '$2.55 billion' (one digit changed)"
    )


def test_two_digits_swapped() -> None:
    assert _causes("swap.yaml", "containers") == [
        ("CC502", "'41.7 percent' would fit if it were '14.7 percent' (two digits swapped)")
    ]


def test_scale_slipped() -> None:
    assert _causes("scale.yaml", "revenue_per_visitor") == [
        (
            "CC503",
            "'15,200 yuan per visitor' would fit if it were '15.2 yuan per visitor' (1,000 times smaller)",
        )
    ]


def test_percent_printed_as_points() -> None:
    assert _causes("points.yaml", "renewable_share") == [
        (
            "CC504",
            "'12.5 percentage points' would fit if it were '12.5 percent' (percent for percentage points)",
        )
    ]


def test_change_on_the_wrong_base() -> None:
    assert _causes("base.yaml", "visitor_spending") == [
        (
            "CC505",
            "'50 percent' would fit if the change were divided by the new value instead of the previous"
            " one: (4.8 billion - 2.4 billion) / 4.8 billion = 50%",
        )
    ]


def test_sum_off_by_a_part_left_out() -> None:
    assert _causes("sum.yaml", "airport_passengers") == [
        (
            "CC506",
            "'21.1 million passengers' would fit if the part '3.1 million passengers' were left out:"
            " 12.4 million + 8.7 million = 21.1 million passenger",
        ),
        # A part in thousands is the same arithmetic: named too, after the slip of the sum.
        (
            "CC503",
            "'3.1 million passengers' would fit if it were '3.1 thousand passengers'"
            " ('million' for 'thousand')",
        ),
    ]


def test_sum_off_by_a_part_counted_twice() -> None:
    assert _causes("sum.yaml", "ferry_passengers") == [
        (
            "CC506",
            "'1.56 million passengers' would fit if the part '640,000 passengers' were counted twice:"
            " 640,000 + 275,000 + 640,000 = 1.555 million passenger",
        )
    ]


def test_per_unit_figure_divided_by_the_wrong_total() -> None:
    assert _causes("divisor.yaml", "spending_per_resident") == [
        (
            "CC507",
            "'1,335 euros per resident' would fit if health_spending were divided by population.previous"
            " instead of population: 2.87 billion / 2.15 million = 1,335 EUR/person",
        )
    ]


def test_slips_of_checks_written_as_formulas() -> None:
    """A plain sum and a plain quotient are read like a total and a ratio."""
    assert _causes("formulas.yaml", "harbour_total")[1] == (
        "CC506",
        "'4.5 million tonnes' would fit if east were left out: 2.6 million + 1.9 million = 4.5 million tonne",
    )
    assert _causes("formulas.yaml", "per_worker") == [
        (
            "CC507",
            "'1,510 tonnes per worker' would fit if north were divided by workers.previous instead of"
            " workers: 2.6 million / 1,720 = 1,512 tonne/person",
        )
    ]


# --- how the search behaves ---------------------------------------------------------------------


def test_a_file_that_adds_up_runs_no_search(monkeypatch: pytest.MonkeyPatch) -> None:
    started: list[Path] = []
    searched: list[str] = []
    start, search = causes.Search.__init__, causes.Search.causes_of

    def counted_start(self: causes.Search[Any], claim_file: Any, *args: Any) -> None:
        started.append(claim_file.path)
        start(self, claim_file, *args)

    def counted_search(self: causes.Search[Any], result: Result) -> tuple[LikelyCause, ...]:
        searched.append(result.record.id)
        return search(self, result)

    monkeypatch.setattr(causes.Search, "__init__", counted_start)
    monkeypatch.setattr(causes.Search, "causes_of", counted_search)
    report = verify_path(SHANXI)
    assert report.count(Verdict.INCONSISTENT) == 0
    assert (started, searched) == ([], [])
    verify_path(DATA / "swap.yaml")  # one that does not add up is searched, for its inconsistency only
    assert (started, searched) == ([DATA / "swap.yaml"], ["containers"])


def test_likely_causes_change_no_verdict(monkeypatch: pytest.MonkeyPatch) -> None:
    for path in sorted(DATA.glob("*.yaml")):
        searched = verify_path(path)
        with monkeypatch.context() as patched:
            patched.setattr(causes.Search, "causes_of", lambda self, result: ())
            plain = verify_path(path)
        assert [(r.record.id, r.verdict, r.message, r.remarks) for r in searched.results] == [
            (r.record.id, r.verdict, r.message, r.remarks) for r in plain.results
        ], path.name
        assert any(result.causes for result in searched.results), path.name


def test_an_edit_that_breaks_what_held_is_no_likely_cause(tmp_path: Path) -> None:
    """'40 million euros' would make the per-night figure fit, but not the per-visitor one."""
    text = (
        "article: {title: Lake resorts, publisher: Alpine Post, date: 2025-06-02}\n"
        "claims:\n"
        "  - {id: revenue, kind: figure, quote: 'earned 30 million euros', value: 30 million euros}\n"
        "  - {id: visitors, kind: figure, quote: 'from 2.0 million visitors', value: 2.0 million visitors}\n"
        "  - {id: nights, kind: figure, quote: 'for 10 million nights', value: 10 million nights}\n"
        "checks:\n"
        "  - {id: per_night, kind: ratio, numerator: revenue, denominator: nights, unit: EUR/night,"
        " expect: 4 euros per night}\n"
    )
    held = (
        "  - {id: per_visitor, kind: ratio, numerator: revenue, denominator: visitors, unit: EUR/visitor,"
        " expect: 15 euros per visitor}\n"
    )
    alone, both = tmp_path / "alone.yaml", tmp_path / "both.yaml"
    alone.write_text(text)
    both.write_text(text + held)
    suggested = {cause.suggested for cause in _result(verify_path(alone), "per_night").causes}
    assert suggested == {"3 euros per night", "40 million euros"}
    report = verify_path(both)
    assert _result(report, "per_visitor").verdict is Verdict.CONSISTENT
    assert [cause.suggested for cause in _result(report, "per_night").causes] == ["3 euros per night"]


def test_the_search_is_bounded_and_repeatable(monkeypatch: pytest.MonkeyPatch) -> None:
    first = [cause.message for cause in _result(verify_path(DATA / "swap.yaml"), "containers").causes]
    assert first == [cause.message for cause in _result(verify_path(DATA / "swap.yaml"), "containers").causes]
    monkeypatch.setattr(causes, "MAX_RECORD_EVALUATIONS", 10)  # spent before the swap is tried
    assert _result(verify_path(DATA / "swap.yaml"), "containers").causes == ()


def test_a_file_with_a_problem_still_gets_its_causes(tmp_path: Path) -> None:
    """A check that cannot be evaluated neither hides the causes of the rest nor vetoes an edit."""
    path = tmp_path / "broken.yaml"
    text = (DATA / "swap.yaml").read_text()
    path.write_text(
        text
        + "checks:\n  - {id: nonsense, kind: formula, formula: containers + containers.rate, unit: percent}\n"
    )
    report = verify_path(path)
    assert [problem.record_id for problem in report.problems] == ["nonsense"]
    assert [cause.suggested for cause in _result(report, "containers").causes] == ["14.7 percent"]


@pytest.mark.parametrize(
    ("printed", "edits"),
    [
        ("15,200 yuan", ["152,000 yuan", "1,520 yuan", "15,200,000 yuan", "15.2 yuan"]),
        (
            "$7.06 billion",
            [
                "$7.06 trillion",
                "$7.06 million",
                "$70.6 billion",
                "$0.706 billion",
                "$7,060 billion",
                "$0.00706 billion",
            ],
        ),
        ("4.83bn", ["4.83tn", "4.83m", "48.3bn", "0.483bn", "4,830bn", "0.00483bn"]),
    ],
)
def test_scale_slips_keep_the_printed_form(printed: str, edits: list[str]) -> None:
    figure = Figure(printed, read_figure(printed), FigureOptions(), Mark(1, 1))
    assert [edit.text for edit in causes.scale_slips(figure, PLAIN)] == edits


def test_scale_slips_follow_the_decimal_comma() -> None:
    context = ReadingContext(locale="de")
    printed = "4,83 million euros"
    figure = Figure(printed, read_figure(printed, None, context), FigureOptions(), Mark(1, 1))
    assert [edit.text for edit in causes.scale_slips(figure, context)] == [
        "4,83 billion euros",
        "4,83 thousand euros",
        "48,3 million euros",
        "0,483 million euros",
        "4.830 million euros",
        "0,00483 million euros",
    ]


# --- in every output format ---------------------------------------------------------------------


def test_likely_causes_in_json_and_sarif() -> None:
    runner = CliRunner()
    path = str(DATA / "digit.yaml")
    document = json.loads(runner.invoke(app, ["verify", "--format", "json", path]).stdout)
    (result,) = document["files"][0]["results"]
    assert result["likely_causes"] == [
        {
            "code": "CC501",
            "cause": "digit-changed",
            "figure": "expansion_deal.converted",
            "printed": "$2.85 billion",
            "suggested": "$2.55 billion",
            "message": "'$2.85 billion' would fit if it were '$2.55 billion' (one digit changed)",
        }
    ]
    sarif = json.loads(runner.invoke(app, ["verify", "--format", "sarif", path]).stdout)
    results = [
        (item["ruleId"], item["level"], item["message"]["text"]) for item in sarif["runs"][0]["results"]
    ]
    assert results[1:] == [
        (
            "CC501",
            "note",
            "[expansion_deal] likely cause: '$2.85 billion' would fit if it were '$2.55 billion'"
            " (one digit changed)",
        )
    ]
    assert results[0][:2] == ("CC102", "error")
    assert "CC501" in {rule["id"] for rule in sarif["runs"][0]["tool"]["driver"]["rules"]}


def test_likely_causes_in_explain_and_rules() -> None:
    runner = CliRunner()
    explained = runner.invoke(app, ["explain", "containers", str(DATA / "swap.yaml")], env={"COLUMNS": "200"})
    assert (
        "likely cause: '41.7 percent' would fit if it were '14.7 percent' (two digits swapped) [CC502]"
        in explained.stdout
    )
    listed = runner.invoke(app, ["rules"]).stdout
    for code in ("CC501", "CC502", "CC503", "CC504", "CC505", "CC506", "CC507"):
        assert f"{code}  " in listed
