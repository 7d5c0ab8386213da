"""Checks that say what they mean (issue 8, item 6): ``expect`` naming a value, and ``same_rate``.

The conversions use the ECB rates around 2025-03-11 (about 7.25 yuan per dollar); the amounts
are made up for the test.
"""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction
from pathlib import Path

import jsonschema
import pytest
import yaml
from typer.testing import CliRunner

from claimcheck.cli import app
from claimcheck.engine import verify
from claimcheck.explanation import Node, explain
from claimcheck.findings import findings_of
from claimcheck.loader import load_claim_file
from claimcheck.results import FileReport, Result
from claimcheck.schema import json_schema
from claimcheck.verdicts import Verdict
from tests.conftest import ARTICLE_HEADER

Write = Callable[[str], Path]

CONVERSIONS = """\
claims:
  - id: investment
    kind: conversion
    quote: "a total investment of 55.6 billion yuan ($7.66 billion)"
    amount: 55.6 billion yuan
    converted: $7.66 billion
  - id: terminal
    kind: conversion
    quote: "the terminal, 3.2 billion yuan ($441 million)"
    amount: 3.2 billion yuan
    converted: $441 million
  - id: loan
    kind: conversion
    quote: "a loan of $1.2 billion (8.7 billion yuan)"
    amount: $1.2 billion
    converted: 8.7 billion yuan
  - id: dredging
    kind: conversion
    quote: "dredging worth 1.5 billion yuan ($220 million)"
    amount: 1.5 billion yuan
    converted: $220 million
  - id: terminal_share
    kind: share
    quote: "the terminal took {share} percent of the investment"
    share: {share} percent
  - id: tourists
    kind: change
    quote: "65 million tourists, up 16.2 percent"
    value: 65 million tourists
    rate: 16.2 percent
  - id: tourists_2023
    kind: figure
    quote: "{previous} million tourists in 2023"
    value: {previous} million tourists
checks:
"""


def _report(claim_file: Write, checks: str, share: str = "5.8", previous: str = "55.9") -> FileReport:
    text = ARTICLE_HEADER + CONVERSIONS.format(share=share, previous=previous) + checks
    report = verify(load_claim_file(claim_file(text)))
    assert not report.problems, [str(problem) for problem in report.problems]
    return report


def _check(report: FileReport, check_id: str) -> Result:
    return next(result for result in report.results if result.record.id == check_id)


def _problems(claim_file: Write, checks: str) -> list[str]:
    text = ARTICLE_HEADER + CONVERSIONS.format(share="5.8", previous="55.9") + checks
    return [f"{problem.code} {problem.message}" for problem in load_claim_file(claim_file(text)).problems]


SHARE_CHECK = """\
  - id: terminal_share_of_investment
    kind: ratio
    numerator: terminal.amount
    denominator: investment.amount
    unit: percent
    expect: {claim: terminal_share}
"""


def test_expect_names_a_claim_instead_of_repeating_its_figure(claim_file: Write) -> None:
    result = _check(_report(claim_file, SHARE_CHECK), "terminal_share_of_investment")
    assert result.verdict is Verdict.CONSISTENT
    derived = result.derived[0]
    assert derived.compared_with is not None
    assert derived.compared_with.label == "terminal_share (named by 'expect')"
    assert result.message.startswith("terminal_share (named by 'expect') fits")


def test_a_named_expectation_that_does_not_fit_is_inconsistent(claim_file: Write) -> None:
    report = _report(claim_file, SHARE_CHECK, share="6.8")
    result = _check(report, "terminal_share_of_investment")
    assert result.verdict is Verdict.INCONSISTENT
    assert result.message.startswith("terminal_share (named by 'expect') does not fit")
    assert ("terminal_share_of_investment", "CC107") in {
        (finding.record_id, finding.code) for finding in findings_of(report)
    }


def test_expect_names_a_claim_s_field(claim_file: Write) -> None:
    checks = """\
  - id: tourists_2023_match
    kind: formula
    formula: tourists_2023
    expect: {claim: tourists.previous}
"""
    # 65 / 1.162 = 55.94 million: 55.9 fits, 51.9 does not
    assert _check(_report(claim_file, checks), "tourists_2023_match").verdict is Verdict.CONSISTENT
    wrong = _check(_report(claim_file, checks, previous="51.9"), "tourists_2023_match")
    assert wrong.verdict is Verdict.INCONSISTENT


def test_the_printed_form_of_expect_still_works(claim_file: Write) -> None:
    checks = SHARE_CHECK.replace("expect: {claim: terminal_share}", "expect: 5.8 percent")
    result = _check(_report(claim_file, checks), "terminal_share_of_investment")
    assert result.verdict is Verdict.CONSISTENT
    assert result.derived[0].compared_with is not None
    assert result.derived[0].compared_with.label == "printed '5.8 percent'"


@pytest.mark.parametrize(
    ("expect", "problem"),
    [
        (
            "{claim: terminal_shares}",
            "CC406 reference to unknown id 'terminal_shares'; did you mean 'terminal_share'?",
        ),
        (
            "{claim: terminal_share, exact: true}",
            "CC403 unknown key 'exact' in 'expect'; expected claim",
        ),
        (
            "{claim: Terminal-Share}",
            "CC403 'claim': 'Terminal-Share' is not a reference: write a claim id, or id.value",
        ),
    ],
)
def test_a_named_expectation_is_checked_like_any_reference(
    claim_file: Write, expect: str, problem: str
) -> None:
    checks = SHARE_CHECK.replace("{claim: terminal_share}", expect)
    assert _problems(claim_file, checks) == [problem]


def test_one_rate_fits_conversions_written_either_way_round(claim_file: Write) -> None:
    checks = """\
  - id: one_rate
    kind: same_rate
    conversions: [investment, terminal, loan]
"""
    result = _check(_report(claim_file, checks), "one_rate")
    assert result.verdict is Verdict.CONSISTENT
    # the narrowest of the three, the investment's 55.55 / 7.665 to 55.65 / 7.655
    assert result.message == "one rate fits all 3 conversions: 7.2472 to 7.2698 CNY/USD"
    derived = result.derived[0]
    assert [name for name, _ in derived.inputs] == ["investment", "terminal", "loan"]
    assert [text for text, _ in derived.steps] == ["investment ∩ terminal", "investment ∩ terminal ∩ loan"]


def test_the_pair_that_disagrees_most_is_named(claim_file: Write) -> None:
    checks = """\
  - id: every_rate
    kind: same_rate
    conversions: [terminal, loan, investment, dredging]
"""
    report = _report(claim_file, checks)
    result = _check(report, "every_rate")
    assert result.verdict is Verdict.INCONSISTENT
    # dredging: 1.45 / 0.2205 to 1.55 / 0.2195 = 6.576 to 7.062 yuan per dollar, below the
    # investment's 7.247 by 0.186 (2.63 percent); the terminal's wide interval meets both.
    assert result.message == (
        "no one rate fits all 4 conversions: 'dredging' implies 6.818 CNY/USD (6.575 to 7.062"
        " CNY/USD) and 'investment' 7.258 CNY/USD (7.2472 to 7.2698 CNY/USD), at least 0.1857"
        " CNY/USD apart (2.63% of the lower rate)"
    )
    assert ("every_rate", "CC120") in {(finding.record_id, finding.code) for finding in findings_of(report)}
    judgement = result.derived[0].judgement
    assert judgement is not None and judgement.gap is not None
    assert float(judgement.gap) == pytest.approx(0.185724, abs=1e-6)


def _lines(node: Node, depth: int = 0) -> list[str]:
    lines = ["  " * depth + node.text]
    for child in node.children:
        lines.extend(_lines(child, depth + 1))
    return lines


MESSAGE = (
    "no one rate fits both conversions: 'dredging' implies 6.818 CNY/USD (6.575 to 7.062"
    " CNY/USD) and 'investment' 7.258 CNY/USD (7.2472 to 7.2698 CNY/USD), at least 0.1857"
    " CNY/USD apart (2.63% of the lower rate)"
)


def test_explain_shows_the_rates_and_the_pair(claim_file: Write) -> None:
    checks = """\
  - id: two_rates
    kind: same_rate
    conversions: [investment, dredging]
"""
    report = _report(claim_file, checks)
    lines = _lines(explain(report, _check(report, "two_rates")))
    assert lines[1:] == [
        "  derived value: the rate implied by dredging, against the rate implied by investment:"
        " the two conversions that disagree most",
        "    formula: investment ∩ dredging",
        "    inputs",
        "      investment = (7.24722, 7.26976) CNY/USD",
        "      dredging = (6.57596, 7.06151) CNY/USD",
        "    result: (6.57596, 7.06151) CNY/USD",
        "    compared with the rate implied by investment: (7.24722, 7.26976) CNY/USD",
        "    inconsistent: " + MESSAGE,
        # the likely causes (another module) search the conversions the check reads
        "  likely cause: '1.5 billion yuan' (in dredging) would fit if it were '1.6 billion yuan'"
        " (one digit changed) [CC501]",
        "  likely cause: '$220 million' (in dredging) would fit if it were '$200 million'"
        " (one digit changed) [CC501]",
        "  verdict: inconsistent - " + MESSAGE,
    ]


def test_rates_that_meet_only_under_a_round_figure_s_loose_reading_are_a_warning(claim_file: Write) -> None:
    """ "50,000 yuan ($7,000)": 7.1424 to 7.1434 read to the last digit, 6 to 8.46 rounded to thousands."""
    checks = """\
  - id: grant
    kind: conversion
    quote: "a grant of 50,000 yuan ($7,000)"
    amount: 50,000 yuan
    converted: $7,000
"""
    text = ARTICLE_HEADER + CONVERSIONS.format(share="5.8", previous="55.9")
    text = text.replace("checks:\n", checks + "checks:\n")
    text += "  - id: one_rate\n    kind: same_rate\n    conversions: [investment, grant]\n"
    report = verify(load_claim_file(claim_file(text)))
    result = _check(report, "one_rate")
    assert result.verdict is Verdict.CONSISTENT
    assert result.message.startswith("one rate fits both conversions only if '50,000 yuan' is rounded")
    assert "read to their last printed digits, 'grant' implies 7.143 CNY/USD" in result.message
    assert ("one_rate", "CC202") in {(finding.record_id, finding.code) for finding in findings_of(report)}


def test_a_consistent_check_s_value_is_the_common_rate(claim_file: Write) -> None:
    """The common rate is in the direction of the first conversion named: yuan per dollar here."""
    checks = """\
  - id: one_rate
    kind: same_rate
    conversions: [terminal, loan]
  - id: terminal_at_that_rate
    kind: formula
    formula: terminal.amount / one_rate
    unit: USD
"""
    report = _report(claim_file, checks)
    assert str(_check(report, "one_rate").derived[0].result.unit) == "CNY / USD"
    result = _check(report, "terminal_at_that_rate").derived[0].result
    # the common rate is the terminal's own, 3.15 / 0.4415 to 3.25 / 0.4405 (the loan's is wider),
    # so the terminal comes back as 3.15 * 0.4405 / 3.25 to 3.25 * 0.4415 / 3.15 billion dollars
    assert result.interval.lo == Fraction(315 * 4405, 325) * 10**5
    assert result.interval.hi == Fraction(325 * 4415, 315) * 10**5


@pytest.mark.parametrize(
    ("conversions", "problem"),
    [
        ("[investment]", "CC403 a same_rate check needs at least two conversions"),
        ("[investment, investment]", "CC403 'investment' is named twice"),
        ("[investment, terminl]", "CC406 reference to unknown id 'terminl'; did you mean 'terminal'?"),
    ],
)
def test_same_rate_refuses_what_is_no_comparison(claim_file: Write, conversions: str, problem: str) -> None:
    checks = f"  - id: rates\n    kind: same_rate\n    conversions: {conversions}\n"
    assert _problems(claim_file, checks) == [problem]


def test_same_rate_of_something_that_is_no_rate_is_a_unit_mismatch(claim_file: Write) -> None:
    checks = "  - id: rates\n    kind: same_rate\n    conversions: [investment, tourists]\n"
    text = ARTICLE_HEADER + CONVERSIONS.format(share="5.8", previous="55.9") + checks
    report = verify(load_claim_file(claim_file(text)))
    assert [problem.code for problem in report.problems] == ["CC407"]
    assert "compare the rate of 'tourists'" in report.problems[0].message


def test_the_schema_takes_the_new_forms_and_refuses_a_lone_conversion() -> None:
    data = yaml.safe_load(ARTICLE_HEADER + CONVERSIONS.format(share="5.8", previous="55.9") + SHARE_CHECK)
    data["article"]["date"] = "2025-03-11"
    data["checks"].append({"id": "one_rate", "kind": "same_rate", "conversions": ["investment", "loan"]})
    jsonschema.validate(data, json_schema())
    data["checks"][-1]["conversions"] = ["investment"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, json_schema())
    data["checks"][-1]["conversions"] = ["investment", "loan"]
    data["checks"][0]["expect"] = {"claim": "terminal_share", "exact": True}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, json_schema())


def test_the_rule_is_listed() -> None:
    result = CliRunner().invoke(app, ["rule", "CC120"])
    assert result.exit_code == 0
    assert "rates-disagree" in result.output
    listing = CliRunner().invoke(app, ["rules"]).output.splitlines()
    codes = [line.split()[0] for line in listing if line.startswith("CC")]
    assert codes == sorted(codes) and "CC120" in codes
