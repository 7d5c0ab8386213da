"""Verdicts on small claim files: consistent, inconsistent (and by how much), ambiguous."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from claimcheck import rules
from claimcheck.display import format_amount
from claimcheck.engine import verify_path
from claimcheck.results import Result
from claimcheck.verdicts import Verdict
from tests.conftest import ARTICLE_HEADER

Write = Callable[[str], Path]


def results(claim_file: Write, body: str) -> dict[str, Result]:
    report = verify_path(claim_file(ARTICLE_HEADER + body))
    assert not report.problems, [str(problem) for problem in report.problems]
    return {result.record.id: result for result in report.results}


def change(value: str, rate: str, previous: str, direction: str = "increase") -> str:
    return f"""\
claims:
  - id: c
    kind: change
    quote: "{value}, {direction} of {rate} from {previous}"
    value: {value}
    previous: {previous}
    rate: {rate}
    direction: {direction}
"""


def test_change_that_adds_up(claim_file: Write) -> None:
    result = results(claim_file, change("65 million tourists", "16.2 percent", "55.9 million tourists"))["c"]
    assert result.verdict is Verdict.CONSISTENT
    assert format_amount(result.derived[0].result) == "(15.2815, 17.2785) percent"


def test_change_that_does_not_add_up_says_by_how_much(claim_file: Write) -> None:
    result = results(claim_file, change("65 million tourists", "16.2 percent", "50 million tourists"))["c"]
    assert result.verdict is Verdict.INCONSISTENT
    derived = result.derived[0]
    assert derived.judgement is not None
    assert derived.judgement.gap is not None
    # (64.5 / 50.5 - 1) = 27.72 percent at the least, against at most 16.25 percent printed
    assert float(derived.judgement.gap) == pytest_approx(27.7228 - 16.25)
    assert result.message == (
        "printed '16.2 percent' does not fit: 65 million / 50 million - 1 = 30%, printed 16.2 percent,"
        " off by 13.8 percentage points; in intervals, recomputed (27.7227, 32.3233) percent lies above"
        " printed [16.15, 16.25) percent, off by at least 11.47 percentage points"
    )


def pytest_approx(value: float) -> object:
    import pytest

    return pytest.approx(value, abs=1e-4)


def test_a_decrease_is_checked_with_its_sign(claim_file: Write) -> None:
    result = results(claim_file, change("45 million yuan", "10 percent", "50 million yuan", "decrease"))["c"]
    assert result.verdict is Verdict.CONSISTENT


def test_consistent_only_within_rounding_is_said(claim_file: Write) -> None:
    result = results(claim_file, change("10.5 million tourists", "5.4 percent", "10.0 million tourists"))["c"]
    assert result.verdict is Verdict.CONSISTENT
    assert "fits only within rounding" in result.message
    assert result.remarks == ((rules.ROUNDING_FIT, result.message),)
    assert result.derived[0].judgement is not None and result.derived[0].judgement.within_rounding


def test_percent_of_a_percentage_fitting_only_as_points(claim_file: Write) -> None:
    result = results(claim_file, change("55.0 percent", "1 percent", "54.0 percent"))["c"]
    assert result.verdict is Verdict.CONSISTENT
    assert result.message == (
        "'1 percent' fits only as a change in percentage points;"
        " as a relative change it would be 1.852 percent"
    )
    assert result.remarks == ((rules.ONE_READING_FITS, result.message),)
    assert {derived.name: derived.verdict for derived in result.derived} == {
        "implied_rate": Verdict.INCONSISTENT,
        "implied_rate_points": Verdict.CONSISTENT,
    }


def test_percent_of_a_percentage_fitting_both_readings_is_ambiguous(claim_file: Write) -> None:
    result = results(claim_file, change("50.5 percent", "1 percent", "50.0 percent"))["c"]
    assert result.verdict is Verdict.AMBIGUOUS
    assert "fits both" in result.message


def test_percent_of_a_percentage_with_nothing_to_compare_is_ambiguous(claim_file: Write) -> None:
    body = """\
claims:
  - id: u
    kind: change
    quote: "the urbanization rate increased by 1 percent annually"
    rate: 1 percent
    unit: percent
    period: annually
"""
    result = results(claim_file, body)["u"]
    assert result.verdict is Verdict.AMBIGUOUS
    assert [format_amount(derived.result) for derived in result.derived] == [
        "[1.005, 1.015)",
        "[0.5, 1.5) percent",
    ]


def test_unit_conversion_uses_the_exact_factor(claim_file: Write) -> None:
    body = """\
claims:
  - id: ok
    kind: conversion
    quote: "42 km (26 miles)"
    amount: 42 km
    converted: 26 miles
  - id: wrong
    kind: conversion
    quote: "42 km (31 miles)"
    amount: 42 km
    converted: 31 miles
"""
    found = results(claim_file, body)
    assert found["ok"].verdict is Verdict.CONSISTENT
    assert found["wrong"].verdict is Verdict.INCONSISTENT


def test_currency_conversion_implies_a_rate_and_checks_a_printed_one(claim_file: Write) -> None:
    body = """\
claims:
  - id: money
    kind: conversion
    quote: "55.6 billion yuan ($7.66 billion) at 7.9 yuan to the dollar"
    amount: 55.6 billion yuan
    converted: $7.66 billion
    rate: 7.9 yuan
"""
    result = results(claim_file, body)["money"]
    assert format_amount(result.derived[0].result) == "(7.24722, 7.26976) CNY/USD"
    assert result.verdict is Verdict.INCONSISTENT


def test_share_of_part_and_whole(claim_file: Write) -> None:
    body = """\
claims:
  - id: fits
    kind: share
    quote: "10 million visitors of the 65 million visitors, or 15 percent"
    part: 10 million visitors
    whole: 65 million visitors
    share: 15 percent
  - id: too_big
    kind: share
    quote: "120 percent of the total"
    share: 120 percent
"""
    found = results(claim_file, body)
    assert found["fits"].verdict is Verdict.CONSISTENT
    assert found["too_big"].verdict is Verdict.INCONSISTENT
    assert "0 to 100 percent" in found["too_big"].message


def test_total_of_parts(claim_file: Write) -> None:
    body = """\
claims:
  - id: sum
    kind: total
    quote: "1.2 million, 3.4 million and 5.5 million, a total of 10.1 million"
    parts: [1.2 million, 3.4 million, 5.5 million]
    total: 10.1 million
  - id: bad_sum
    kind: total
    quote: "1.2 million and 3.4 million, a total of 5.1 million"
    parts: [1.2 million, 3.4 million]
    total: 5.1 million
"""
    found = results(claim_file, body)
    assert found["sum"].verdict is Verdict.CONSISTENT
    assert found["bad_sum"].verdict is Verdict.INCONSISTENT


def test_comparison_inconsistent_only_when_no_reading_fits(claim_file: Write) -> None:
    body = """\
claims:
  - id: part
    kind: figure
    quote: "more than 10 million visitors"
    value: more than 10 million visitors
  - id: whole
    kind: figure
    quote: "65 million tourists"
    value: 65 million tourists
  - id: big
    kind: figure
    quote: "70 million visitors"
    value: 70 million visitors
checks:
  - id: possible
    kind: comparison
    left: part
    relation: "<="
    right: whole
  - id: impossible
    kind: comparison
    left: big
    relation: "<="
    right: whole
"""
    found = results(claim_file, body)
    assert found["possible"].verdict is Verdict.CONSISTENT
    assert "holds for some readings" in found["possible"].message
    assert found["impossible"].verdict is Verdict.INCONSISTENT
    assert "fails for every reading" in found["impossible"].message


def test_bound_outside_the_possible_range(claim_file: Write) -> None:
    body = """\
claims:
  - id: rate
    kind: bound
    quote: "surpassed 101 percent"
    value: surpassed 101 percent
    maximum: 100 percent
"""
    assert results(claim_file, body)["rate"].verdict is Verdict.INCONSISTENT


def test_event_told_as_past_but_after_publication(claim_file: Write) -> None:
    body = """\
claims:
  - id: later
    kind: event
    quote: "In July 2025, the city set up a group"
    period: July 2025
"""
    result = results(claim_file, body)["later"]
    assert result.verdict is Verdict.INCONSISTENT
    assert result.message == "'July 2025' is 2025-07, after the publication date 2025-03-11, yet told as past"


def test_checks_can_use_checks(claim_file: Write) -> None:
    body = """\
claims:
  - id: revenue
    kind: figure
    quote: "66.3 billion yuan"
    value: 66.3 billion yuan
  - id: tourists
    kind: figure
    quote: "65 million tourists"
    value: 65 million tourists
checks:
  - id: per_tourist_thousands
    kind: formula
    formula: per_tourist / 1000
  - id: per_tourist
    kind: ratio
    numerator: revenue
    denominator: tourists
    unit: CNY/visitor
    expect: 1,020 yuan per tourist
"""
    found = results(claim_file, body)
    assert found["per_tourist"].verdict is Verdict.CONSISTENT
    assert found["per_tourist"].derived[0].compared_with is not None
    assert format_amount(found["per_tourist_thousands"].derived[0].result) == "(1.01145, 1.02869) CNY/visitor"


def test_checks_read_claims_whose_ids_are_python_keywords(claim_file: Write) -> None:
    # "in" and "is" are valid ids; a check that names them is worked, not refused as a
    # malformed formula (as it was when its formula was written out and parsed).
    body = """\
claims:
  - id: in
    kind: figure
    quote: "more than 10 million visitors"
    value: more than 10 million visitors
  - id: is
    kind: figure
    quote: "65 million tourists"
    value: 65 million tourists
checks:
  - id: possible
    kind: comparison
    left: in
    relation: "<="
    right: is
  - id: per
    kind: ratio
    numerator: is
    denominator: in
"""
    found = results(claim_file, body)
    assert found["possible"].verdict is Verdict.CONSISTENT
    assert found["per"].verdict is Verdict.UNVERIFIABLE
    assert found["per"].derived[0].formula == "is / in"
