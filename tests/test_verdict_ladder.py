"""The verdict ladder of issue 8: every case that came out wrong before, with figures of our own.

Each test names the old behaviour it replaces. The market rates are the ECB reference rates
that ship with the project (see tests/test_reference_data.py for how they are read).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimcheck import rules
from claimcheck.cli import app
from claimcheck.engine import verify_path
from claimcheck.results import Derived, Result
from claimcheck.verdicts import Verdict
from tests.conftest import ARTICLE_HEADER

Write = Callable[[str], Path]


def results(claim_file: Write, body: str, header: str = ARTICLE_HEADER) -> dict[str, Result]:
    report = verify_path(claim_file(header + body))
    assert not report.problems, [str(problem) for problem in report.problems]
    return {result.record.id: result for result in report.results}


def derived(result: Result, name: str) -> Derived:
    return next(item for item in result.derived if item.name == name)


def conversion(amount: str, converted: str, extra: str = "") -> str:
    return f"""\
claims:
  - id: money
    kind: conversion
    quote: "{amount} ({converted})"
    amount: {amount}
    converted: {converted}
{extra}"""


# 1. two readings of a round figure -------------------------------------------------------------


def test_a_round_rate_that_fits_only_loosely_is_a_warning(claim_file: Write) -> None:
    # Was: consistent, silently ("10 percent" read as 5 to 15 percent). 4.22 / 4.00 is 5.5 percent.
    body = """\
claims:
  - id: visits
    kind: change
    quote: "up 10 percent, from 4.00 million to 4.22 million"
    value: 4.22 million
    previous: 4.00 million
    rate: 10 percent
"""
    result = results(claim_file, body)["visits"]
    assert result.verdict is Verdict.CONSISTENT
    ((code, message),) = result.remarks
    assert code == rules.LOOSE_FIT == "CC202"
    assert message.startswith("printed '10 percent' fits only if '10 percent' is rounded to the nearest ten")
    assert rules.RULES[code].level == "warning"


def test_the_same_rate_printed_to_its_digit_fits_as_printed(claim_file: Write) -> None:
    body = """\
claims:
  - id: visits
    kind: change
    quote: "up 5.5 percent, from 4.00 million to 4.22 million"
    value: 4.22 million
    previous: 4.00 million
    rate: 5.5 percent
"""
    result = results(claim_file, body)["visits"]
    assert result.verdict is Verdict.CONSISTENT
    assert result.remarks == ()


def test_a_round_figure_that_misses_even_loosely_is_inconsistent(claim_file: Write) -> None:
    body = """\
claims:
  - id: visits
    kind: change
    quote: "up 20 percent, from 4.00 million to 4.22 million"
    value: 4.22 million
    previous: 4.00 million
    rate: 20 percent
"""
    assert results(claim_file, body)["visits"].verdict is Verdict.INCONSISTENT


def test_a_fit_only_within_rounding_is_a_note_in_every_ci_format(claim_file: Write) -> None:
    # Was: said in the message only, with no finding code, so -q, github, SARIF and JUnit never had it.
    path = claim_file(
        ARTICLE_HEADER
        + """\
claims:
  - id: visits
    kind: change
    quote: "4.83 million, up 12.8 percent from 4.28 million"
    value: 4.83 million
    previous: 4.28 million
    rate: 12.8 percent
"""
    )
    runner = CliRunner()
    quiet = runner.invoke(app, ["verify", "-q", "--fail-on", "note", str(path)])
    assert f"{path}:6:5: CC303 [visits] printed '12.8 percent' fits only within rounding" in quiet.output
    github = runner.invoke(app, ["verify", "--format", "github", "--show", "notes", str(path)]).output
    assert "::notice" in github and "CC303" in github
    sarif = json.loads(
        runner.invoke(app, ["verify", "--format", "sarif", "--show", "notes", str(path)]).stdout
    )
    assert [(item["ruleId"], item["level"]) for item in sarif["runs"][0]["results"]] == [("CC303", "note")]
    junit = runner.invoke(app, ["verify", "--format", "junit", str(path)]).output
    assert f"{path}:6:5: CC303: printed '12.8 percent' fits only within rounding" in junit


def test_the_margin_of_about_is_not_called_rounding(claim_file: Write) -> None:
    # Was: "fits only within rounding" when it was the 10 percent margin of "about" that made it fit.
    body = """\
claims:
  - id: share
    kind: share
    quote: "about 5.0 million residents, 45.5 percent of its 10.00 million residents"
    part: about 5.0 million residents
    whole: 10.00 million residents
    share: 45.5 percent
"""
    result = results(claim_file, body)["share"]
    assert result.verdict is Verdict.CONSISTENT
    assert "fits within the margin of 'about 5.0 million residents'" in result.message
    assert "within rounding" not in result.message
    assert result.remarks == ()


# 2. too rough to test --------------------------------------------------------------------------


def test_a_conversion_too_rough_to_test_is_unverifiable(claim_file: Write) -> None:
    # Was: consistent. Read loosely, EUR 1,000 ($1,046) allows any rate from 0.48 to 1.43 euros per dollar.
    header = ARTICLE_HEADER.replace("2025-03-11", "2024-06-03")
    result = results(claim_file, conversion("EUR 1,000", "$1,046"), header)["money"]
    market = derived(result, "market_rate")
    assert market.verdict is Verdict.UNVERIFIABLE
    assert market.code == rules.TOO_ROUGH == "CC302"
    assert market.message == (
        "too rough to test: the printed amounts allow any rate from 0.4777 to 1.435 EUR/USD, a span of"
        " 103% of the ECB rate of 2024-05-30, 0.924642 EUR per USD, so no market rate could fail"
    )
    assert result.verdict is Verdict.UNVERIFIABLE
    assert (rules.TOO_ROUGH, market.message) in result.remarks


def test_a_change_too_rough_to_test_is_unverifiable(claim_file: Write) -> None:
    # 10.5 million from "10 million" (9.5 to 10.5 million) allows anything from -0.5 to 11 percent.
    body = """\
claims:
  - id: c
    kind: change
    quote: "10.5 million tourists, up 5.4 percent from 10 million tourists"
    value: 10.5 million tourists
    previous: 10 million tourists
    rate: 5.4 percent
"""
    result = results(claim_file, body)["c"]
    assert result.verdict is Verdict.UNVERIFIABLE
    assert result.remarks[0][0] == rules.TOO_ROUGH
    assert "a span of 213% of the figure it is compared with" in result.remarks[0][1]


# 3. percent or percentage points ---------------------------------------------------------------


def test_a_percent_change_that_fits_only_as_points_is_a_warning(claim_file: Write) -> None:
    # Was: consistent with no warning.
    body = """\
claims:
  - id: jobless
    kind: change
    quote: "the rate rises by 2%, from 18% to 20%"
    value: 20%
    previous: 18%
    rate: 2%
"""
    result = results(claim_file, body)["jobless"]
    assert result.verdict is Verdict.CONSISTENT
    message = (
        "'2%' fits only as a change in percentage points; as a relative change it would be 11.11 percent"
    )
    assert result.remarks == ((rules.ONE_READING_FITS, message),)
    relative = derived(result, "implied_rate")
    assert relative.set_aside and relative.status == "set aside"  # was shown as "inconsistent"
    assert not derived(result, "implied_rate_points").set_aside


def test_a_percent_change_that_fits_neither_reading_is_inconsistent(claim_file: Write) -> None:
    body = """\
claims:
  - id: jobless
    kind: change
    quote: "the rate rises by 5.0%, from 18.0% to 20.0%"
    value: 20.0%
    previous: 18.0%
    rate: 5.0%
"""
    assert results(claim_file, body)["jobless"].verdict is Verdict.INCONSISTENT


# 4. market rates -------------------------------------------------------------------------------


def test_a_precise_conversion_just_off_the_ecb_rates_is_within_the_tolerance(claim_file: Write) -> None:
    # Was: inconsistent. 8.787 / 1.210 reaches down to 7.25857 yuan per dollar, 0.0015 percent above
    # the highest ECB rate of the window (7.25846 on 2025-03-10): newsrooms convert at their own rates.
    result = results(claim_file, conversion("8.787 billion yuan", "$1.210 billion"))["money"]
    market = derived(result, "market_rate")
    assert market.verdict is Verdict.CONSISTENT
    assert market.message == (
        "the implied rate 7.262 CNY/USD (7.25857 to 7.2654) lies 0.00153% from the ECB rate of"
        " 2025-03-10, 7.25846 CNY per USD, inside the tolerance of 1%; on 2025-03-11 the rate was"
        " 7.23323 CNY per USD"
    )


def test_without_tolerance_the_same_pair_is_inconsistent_and_says_how_far(claim_file: Write) -> None:
    extra = "    rate_tolerance: 0 percent\n"
    result = results(claim_file, conversion("8.787 billion yuan", "$1.210 billion", extra))["money"]
    market = derived(result, "market_rate")
    assert market.verdict is Verdict.INCONSISTENT
    assert "lies 0.00153% away (no tolerance is set)" in market.message


def test_a_project_tolerance_applies(claim_file: Write, tmp_path: Path) -> None:
    (tmp_path / "claimcheck.toml").write_text('rate_tolerance = "0 percent"\n', encoding="utf-8")
    result = results(claim_file, conversion("8.787 billion yuan", "$1.210 billion"))["money"]
    assert derived(result, "market_rate").verdict is Verdict.INCONSISTENT


def test_a_reference_conversion_uses_its_source_date(claim_file: Write) -> None:
    # Was: checked against the article's date. 1.569 trillion yen for $10.00 billion is 156.9 yen
    # per dollar: the rate of June 2024 (156.88 on 2024-06-03), 6 percent off March 2025's 148.
    body = """\
claims: []
references:
  - id: old_deal
    kind: conversion
    quote: "1.569 trillion yen ($10.00 billion)"
    amount: 1.569 trillion yen
    converted: $10.00 billion
    source:
      title: Annual report
      publisher: Example Corp
      date: 2024-06-03
"""
    result = results(claim_file, body)["old_deal"]
    market = derived(result, "market_rate")
    assert market.verdict is Verdict.CONSISTENT
    assert "ECB rate of 2024-06-03, 156.881 JPY per USD" in market.message
    assert "of 2024-06-03 and the 3 business days before" in market.label


# 8. messages in plain arithmetic ---------------------------------------------------------------


def test_an_inconsistency_leads_with_the_arithmetic(claim_file: Write) -> None:
    body = """\
claims:
  - id: visits
    kind: change
    quote: "4.83 million visitors, up 12.8 percent from 4.21 million visitors"
    value: 4.83 million visitors
    previous: 4.21 million visitors
    rate: 12.8 percent
"""
    result = results(claim_file, body)["visits"]
    assert result.verdict is Verdict.INCONSISTENT
    assert result.message.startswith(
        "printed '12.8 percent' does not fit: 4.83 million / 4.21 million - 1 = 14.73%, printed 12.8 percent,"
        " off by 1.927 percentage points; in intervals, "
    )
    assert derived(result, "implied_rate").arithmetic == "4.83 million / 4.21 million - 1 = 14.73%"


def test_a_result_thousands_of_times_too_large_is_said_as_a_factor(claim_file: Write) -> None:
    # Was: "(100% of the printed figure)".
    body = """\
claims:
  - id: part
    kind: share
    quote: "4,800 residents of 6 million residents, or 80 percent"
    part: 4,800 residents
    whole: 6 million residents
    share: 80 percent
"""
    result = results(claim_file, body)["part"]
    assert result.verdict is Verdict.INCONSISTENT
    assert "printed 80 percent, about 1/1,000 of the printed figure" in result.message


def test_a_comparison_calls_its_requirement_required(claim_file: Write) -> None:
    body = """\
claims:
  - id: town
    kind: figure
    quote: "4.8 million visitors"
    value: 4.8 million visitors
  - id: county
    kind: figure
    quote: "3.9 million visitors"
    value: 3.9 million visitors
checks:
  - id: town_within_county
    kind: comparison
    left: town
    relation: "<="
    right: county
"""
    report = verify_path(claim_file(ARTICLE_HEADER + body))
    check = next(result for result in report.results if result.record.id == "town_within_county")
    assert check.verdict is Verdict.INCONSISTENT
    assert "lies below required [0, +inf)" in check.message
    assert "printed" not in check.message.split("fails for every reading:")[1]


def test_derived_figures_show_their_value_beside_the_interval(claim_file: Write) -> None:
    body = """\
claims:
  - id: tourists
    kind: change
    quote: "65 million tourists, up 16.2 percent"
    value: 65 million tourists
    rate: 16.2 percent
"""
    path = claim_file(ARTICLE_HEADER + body)
    output = CliRunner().invoke(app, ["verify", "--show", "all", str(path)], env={"COLUMNS": "80"}).output
    assert "recomputed  55.94 million visitor (55.48 to 56.4 million)" in output
    document = json.loads(CliRunner().invoke(app, ["verify", "--format", "json", str(path)]).stdout)
    result = document["files"][0]["results"][0]["derived"][0]["result"]
    assert result["nominal"] == "32500000000/581"  # 65 million / 1.162, exactly
    assert result["text"] == "(55.4838, 56.3926) million visitor"


# 9. no cascades --------------------------------------------------------------------------------

CASCADE = """\
claims:
  - id: visitors_growth
    kind: change
    quote: "4.83 milion visitors, up 12.8 percent"
    value: 4.83 milion visitors
    rate: 12.8 percent
  - id: revenue
    kind: figure
    quote: "52.1 billion yuan"
    value: 52.1 billion yuan
checks:
  - id: spending
    kind: ratio
    numerator: revenue
    denominator: visitors_growth
    unit: yuan per visitor
"""


def test_a_check_on_a_claim_that_could_not_be_read_says_so(claim_file: Write) -> None:
    # Was: "reference to unknown id 'visitors_growth', did you mean ...?"; and nothing else was verified.
    report = verify_path(claim_file(ARTICLE_HEADER + CASCADE))
    messages = [(problem.record_id, problem.code, problem.message) for problem in report.problems]
    assert messages[0][:2] == ("visitors_growth", rules.FIGURE_UNREADABLE)
    assert "'milion': did you mean 'million'?" in messages[0][2]
    assert messages[1] == (
        "spending",
        rules.REFERENCE_INVALID,
        "depends on 'visitors_growth', which could not be read: see line 6",
    )
    assert [result.record.id for result in report.results] == ["revenue"]


def test_one_bad_record_does_not_hide_the_verdicts_of_the_file(claim_file: Write) -> None:
    path = claim_file(ARTICLE_HEADER + CASCADE)
    outcome = CliRunner().invoke(app, ["verify", "--format", "json", str(path)])
    assert outcome.exit_code == 2  # a claim-file problem still fails the run
    (file,) = json.loads(outcome.stdout)["files"]
    assert [result["id"] for result in file["results"]] == ["revenue"]
    assert [problem["code"] for problem in file["problems"]] == ["CC404", "CC406"]


@pytest.mark.parametrize("code", ["CC202", "CC203", "CC302", "CC303"])
def test_new_rules_are_documented_with_examples(code: str) -> None:
    shown = CliRunner().invoke(app, ["rule", code])
    assert shown.exit_code == 0
    assert "Example: " in shown.output and "Why it matters: " in shown.output


# found in review: every reading keeps its strict interval, every rung its right name ------------


def test_the_points_reading_keeps_the_strict_reading_of_the_rate(claim_file: Write) -> None:
    body = """\
claims:
  - id: jobless
    kind: change
    quote: "The jobless rate rose 10 percent, from 30.0 percent to 36.0 percent"
    value: 36.0 percent
    rate: 10 percent
    previous: 30.0 percent
"""
    result = results(claim_file, body)["jobless"]
    points = derived(result, "implied_rate_points")
    # 6 points fits "10 percent" only as rounded to the nearest ten: a warning, not a plain fit.
    assert points.code == rules.LOOSE_FIT


def test_a_printed_conversion_rate_keeps_its_strict_reading(claim_file: Write) -> None:
    body = """\
claims:
  - id: fare
    kind: conversion
    quote: "15,000 yen ($98.04), at 150 yen to the dollar"
    amount: 15,000 yen
    converted: $98.04
    rate: 150 yen
"""
    rate = derived(results(claim_file, body)["fare"], "rate")
    assert rate.code == rules.LOOSE_FIT
    assert "'150 yen' is rounded to the nearest ten" in rate.message


def test_rounding_is_not_credited_to_the_margin_of_about(claim_file: Write) -> None:
    body = """\
claims:
  - id: exact_parts
    kind: total
    quote: "700 visitors and 600 visitors, about 1,200 visitors in all"
    parts:
      - 700 visitors
      - 600 visitors
    total: about 1,200 visitors
  - id: rounded_parts
    kind: total
    quote: "1,001 visitors and 320 visitors, about 1,200 visitors in all"
    parts:
      - 1,001 visitors
      - 320 visitors
    total: about 1,200 visitors
"""
    found = results(claim_file, body)
    # 1,300 is 1,200 give or take its 10 percent: the margin of "about" is named.
    assert "fits within the margin of 'about 1,200 visitors'" in found["exact_parts"].message
    assert found["exact_parts"].remarks == ()
    # 1,321 is beyond the margin (1,320): only the rounding of "320" makes it fit.
    assert "fits only within rounding" in found["rounded_parts"].message
    assert [code for code, _ in found["rounded_parts"].remarks] == [rules.ROUNDING_FIT]


def test_a_result_without_any_end_is_too_rough_to_test(claim_file: Write) -> None:
    body = """\
claims:
  - id: c
    kind: change
    quote: "up 10 percent, from 0 percent to 5 percent"
    value: 5 percent
    previous: 0 percent
    rate: 10 percent
"""
    relative = derived(results(claim_file, body)["c"], "implied_rate")
    assert relative.verdict is Verdict.UNVERIFIABLE and relative.code == rules.TOO_ROUGH
    assert "any value at all (a division by figures that may be zero)" in relative.message


@pytest.mark.parametrize("dollars", ["$1,046", "$1,146"])
def test_a_loose_fit_too_rough_to_test_does_not_depend_on_the_direction(
    claim_file: Write, dollars: str
) -> None:
    # Either side of the ECB rate, EUR 1,000 read as "to the nearest thousand" tests nothing.
    market = derived(results(claim_file, conversion("EUR 1,000", dollars))["money"], "market_rate")
    assert market.verdict is Verdict.UNVERIFIABLE and market.code == rules.TOO_ROUGH


def test_one_reading_off_and_the_other_too_rough_is_said_as_such(claim_file: Write) -> None:
    body = """\
claims:
  - id: jobless
    kind: change
    quote: "the jobless rate rose 10 percent, from 3 percent to 4 percent"
    value: 4 percent
    previous: 3 percent
    rate: 10 percent
"""
    result = results(claim_file, body)["jobless"]
    assert result.verdict is Verdict.AMBIGUOUS
    assert result.message == (
        "'10 percent': does not fit as a change in percentage points;"
        " as a relative change the printed figures are too rough to test"
    )


def test_a_claim_too_rough_to_test_says_why(claim_file: Write) -> None:
    body = """\
claims:
  - id: tiny
    kind: change
    quote: "up 0.2 percent, from 4.21 million tonnes to 4.22 million tonnes"
    value: 4.22 million tonnes
    previous: 4.21 million tonnes
    rate: 0.2 percent
"""
    result = results(claim_file, body)["tiny"]
    assert result.verdict is Verdict.UNVERIFIABLE
    assert "too rough to test" in result.message  # was "nothing printed to compare the implied figures with"


def test_a_change_in_points_is_worked_in_points(claim_file: Write) -> None:
    body = """\
claims:
  - id: rate
    kind: change
    quote: "The jobless rate rose 2 percentage points, from 18.1 percent to 21.4 percent"
    value: 21.4 percent
    rate: 2 percentage points
    previous: 18.1 percent
"""
    result = results(claim_file, body)["rate"]
    assert result.verdict is Verdict.INCONSISTENT
    assert "21.4% - 18.1% = 3.3 points, printed 2 percentage points, off by 1.3 percentage points" in (
        result.message
    )
