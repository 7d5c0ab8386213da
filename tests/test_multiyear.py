"""Multi-year changes (issue 8, item 5): the span, the total and the compound annual change.

Every figure here is made up for the test; the expected values are worked out by hand:
1.48 ** (1/4) = 1.10297, so "48 percent over four years" is 10.3 percent a year, and 48 / 4 = 12
is the simple average a hurried writer prints instead.
"""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction
from pathlib import Path

import pytest

from claimcheck.engine import verify, verify_path
from claimcheck.findings import findings_of
from claimcheck.loader import load_claim_file
from claimcheck.results import FileReport, Result
from claimcheck.verdicts import Verdict
from tests.conftest import ARTICLE_HEADER, ROOT

Write = Callable[[str], Path]
EXAMPLE = ROOT / "tests" / "data" / "multiyear" / "port-of-example.yaml"


def _change(fields: str) -> str:
    return ARTICLE_HEADER + "claims:\n  - id: growth\n    kind: change\n" + fields


def _report(claim_file: Write, fields: str) -> FileReport:
    path = claim_file(_change(fields))
    report = verify(load_claim_file(path))
    assert not report.problems, [str(problem) for problem in report.problems]
    return report


def _result(claim_file: Write, fields: str) -> Result:
    return _report(claim_file, fields).results[0]


def _derived(result: Result, name: str) -> tuple[float, float]:
    (item,) = [item for item in result.derived if item.name == name]
    return float(item.result.interval.lo), float(item.result.interval.hi)


def _problems(claim_file: Write, fields: str) -> list[str]:
    return [
        f"{problem.code} {problem.message}"
        for problem in load_claim_file(claim_file(_change(fields))).problems
    ]


EXPORTS = """\
    quote: "Exports rose 48 percent from 2015 to 2019, an average of {annual} percent a year"
    period: 2015 to 2019
    rate: 48 percent
    annual_rate: {annual} percent
"""


def test_a_total_and_its_compound_annual_rate_agree(claim_file: Write) -> None:
    result = _result(claim_file, EXPORTS.format(annual="10.3"))
    assert result.verdict is Verdict.CONSISTENT
    # root(1.475, 4) - 1 to root(1.485, 4) - 1
    low, high = _derived(result, "implied_annual_rate")
    assert low == pytest.approx(10.2041, abs=1e-4) and high == pytest.approx(10.3905, abs=1e-4)
    # the total the printed annual rate gives: 1.1025 ** 4 - 1 to 1.1035 ** 4 - 1
    low, high = _derived(result, "implied_rate")
    assert low == pytest.approx(47.7455, abs=1e-4) and high == pytest.approx(48.2824, abs=1e-4)


def test_a_planted_simple_average_is_inconsistent_and_named(claim_file: Write) -> None:
    report = _report(claim_file, EXPORTS.format(annual="12"))
    result = report.results[0]
    assert result.verdict is Verdict.INCONSISTENT
    assert "printed '12 percent' does not fit" in result.message
    assert (
        "the total change divided by 4 years, a simple average that leaves out compounding" in result.message
    )
    errors = [finding.code for finding in findings_of(report) if finding.level == "error"]
    assert errors == ["CC101"]


def test_a_wrong_annual_rate_that_is_no_simple_average_gets_no_hint(claim_file: Write) -> None:
    result = _result(claim_file, EXPORTS.format(annual="9.1"))
    assert result.verdict is Verdict.INCONSISTENT
    assert "simple average" not in result.message


def test_the_two_printed_values_give_both_the_total_and_the_annual_rate(claim_file: Write) -> None:
    fields = """\
    quote: "5.92 million cars in 2019, up from 4.00 million cars in 2015, {annual} percent a year"
    since: "2015"
    period: "2019"
    value: 5.92 million cars
    previous: 4.00 million cars
    annual_rate: {annual} percent
"""
    result = _result(claim_file, fields.format(annual="10.3"))
    assert result.verdict is Verdict.CONSISTENT
    low, high = _derived(result, "implied_rate")  # 5.915 / 4.005 - 1 to 5.925 / 3.995 - 1
    assert low == pytest.approx(47.6904, abs=1e-4) and high == pytest.approx(48.3104, abs=1e-4)
    assert _result(claim_file, fields.format(annual="11.3")).verdict is Verdict.INCONSISTENT


def test_years_without_periods_dates_the_previous_value(claim_file: Write) -> None:
    result = _result(
        claim_file,
        """\
    quote: "7.3 million visitors last year, an average annual growth of 9.6 percent over the past four years"
    period: last year
    years: 4
    value: 7.3 million visitors
    annual_rate: 9.6 percent
""",
    )
    assert result.verdict is Verdict.UNVERIFIABLE
    (previous,) = [item for item in result.derived if item.name == "previous"]
    assert previous.label == "previous value (2020) implied by the value and the change"
    assert previous.formula == "value / (1 + annual_rate) ** 4"
    # 7.25 / 1.0965 ** 4 to 7.35 / 1.0955 ** 4
    assert float(previous.result.interval.lo) == pytest.approx(5.01537e6, rel=1e-5)
    assert float(previous.result.interval.hi) == pytest.approx(5.10315e6, rel=1e-5)


def test_a_partial_year_span_uses_a_fractional_power(claim_file: Write) -> None:
    """Q1 2020 to Q3 2021 is a year and a half: 1.2 ** (2/3) - 1 = 12.93 percent a year."""
    result = _result(
        claim_file,
        """\
    quote: "up 20 percent from the first quarter of 2020 to the third quarter of 2021, 12.9 percent a year"
    period: Q1 2020 to Q3 2021
    rate: 20 percent
    annual_rate: 12.9 percent
""",
    )
    assert result.verdict is Verdict.CONSISTENT
    (annual,) = [item for item in result.derived if item.name == "implied_annual_rate"]
    assert annual.formula == "(1 + rate) ** (2/3) - 1"
    assert "1.5 years from Q1 2020 to Q3 2021" in annual.label


def test_fiscal_years_count_as_whole_years(claim_file: Write) -> None:
    """1.1 ** 5 = 1.61051: 10 percent a year for five fiscal years is 61 percent."""
    result = _result(
        claim_file,
        """\
    quote: "revenue grew 61 percent from FY2013 to FY2018, or 10 percent a year"
    period: FY2013 to FY2018
    rate: 61 percent
    annual_rate: 10 percent
""",
    )
    assert result.verdict is Verdict.CONSISTENT
    (annual,) = [item for item in result.derived if item.name == "implied_annual_rate"]
    assert "5 years from fiscal year 2013 to fiscal year 2018" in annual.label


def test_a_fall_compounds_downwards(claim_file: Write) -> None:
    """0.7 ** (1/5) = 0.93114: a fall of 30 percent over five years is 6.9 percent a year."""
    fields = """\
    quote: "fell 30 percent from 2015 to 2020, an average of {annual} percent a year"
    period: 2015 to 2020
    direction: decrease
    rate: 30 percent
    annual_rate: {annual} percent
"""
    assert _result(claim_file, fields.format(annual="6.9")).verdict is Verdict.CONSISTENT
    assert _result(claim_file, fields.format(annual="4")).verdict is Verdict.INCONSISTENT


def test_points_add_up_instead_of_compounding(claim_file: Write) -> None:
    result = _result(
        claim_file,
        """\
    quote: "the rate rose 5 percentage points from 2015 to 2020, 1 percentage point a year"
    period: 2015 to 2020
    unit: percent
    rate: 5 percentage points
    annual_rate: 1 percentage point
""",
    )
    assert result.verdict is Verdict.CONSISTENT
    (annual,) = [item for item in result.derived if item.name.startswith("implied_annual_rate")]
    assert annual.formula == "rate / 5"


def test_a_change_over_one_period_is_unchanged(claim_file: Write) -> None:
    """A month stretch is one period: its change is year on year, with no annual rate."""
    result = _result(
        claim_file,
        """\
    quote: "1.84 million cruise visitors in January-November 2024, up 5.1 percent year-on-year"
    period: January-November 2024
    value: 1.84 million cruise visitors
    rate: 5.1 percent
""",
    )
    assert [item.name for item in result.derived] == ["previous"]


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        (
            "    quote: 'up 48 percent, 10.3 percent a year'\n    rate: 48 percent\n"
            "    annual_rate: 10.3 percent\n",
            "CC403 an annual rate needs the span it is averaged over: a range 'period'"
            " ('2015 to 2019'), 'since: 2015' or 'years: 4'",
        ),
        (
            "    quote: 'up 48 percent'\n    since: '2015'\n    rate: 48 percent\n",
            "CC403 'since' needs the claim's 'period', the single period of the value:"
            " 'since: 2015' with 'period: 2019'",
        ),
        (
            "    quote: 'up 48 percent'\n    period: 2015 to 2019\n    years: 5\n    rate: 48 percent\n",
            "CC403 'years: 5' disagrees with the periods, 4 year(s) from 2015 to 2019",
        ),
        (
            "    quote: 'up 48 percent'\n    since: '2015'\n    period: July 2019\n    rate: 48 percent\n",
            "CC403 '2015' (12 months) and 'July 2019' (1 month) are not periods of the same length",
        ),
        (
            "    quote: 'up 48 percent'\n    since: FY2015\n    period: '2019'\n    rate: 48 percent\n",
            "CC403 'FY2015' is a fiscal year and '2019' a calendar period: write both the same way to count"
            " the years between them",
        ),
        (
            "    quote: 'up 48 percent'\n    since: '2019'\n    period: '2015'\n    rate: 48 percent\n",
            "CC403 '2015' does not come after '2019'",
        ),
        (
            "    quote: 'up 48 percent, 10.3 a year'\n    period: 2015 to 2019\n    rate: 48 percent\n"
            "    annual_rate: '10.3'\n",
            "CC403 annual_rate '10.3' has no unit: did you mean '10.3 percent'? (a change in the"
            " value's own unit names it: '5 million tourists')",
        ),
    ],
)
def test_spans_that_cannot_be_counted_are_refused(claim_file: Write, fields: str, message: str) -> None:
    assert _problems(claim_file, fields) == [message]


def test_the_example_claim_file() -> None:
    report = verify_path(EXAMPLE)
    verdicts = {result.record.id: result.verdict.value for result in report.results}
    assert verdicts == {
        "exports": "consistent",
        "imports": "inconsistent",
        "visitors": "unverifiable",
        "port_revenue": "consistent",
        "container_traffic": "consistent",
        "cruise_visitors": "unverifiable",
        "investment": "consistent",
        "terminal": "consistent",
        "loan": "consistent",
        "dredging": "inconsistent",
        "terminal_share": "unverifiable",
        "one_rate": "consistent",
        "every_rate": "inconsistent",
        "terminal_share_of_investment": "consistent",
        "exports_annual_rate": "consistent",
    }
    codes = {(finding.record_id, finding.code) for finding in findings_of(report)}
    assert {("imports", "CC101"), ("every_rate", "CC120"), ("dredging", "CC102")} <= codes


def test_years_are_counted_from_start_to_start() -> None:
    from datetime import date

    from claimcheck.periods import parse_period, years_between

    def span(printed: str) -> Fraction:
        period = parse_period(printed, date(2025, 3, 11))
        assert period.first is not None and period.last is not None
        return years_between(period.first, period.last)

    assert span("2015 to 2019") == 4
    assert span("2022/23 to 2024/25") == 2
    assert span("Jan-Nov 2023 to Jan-Nov 2024") == 1
    assert span("H1 2020 to H2 2021") == Fraction(3, 2)
    assert span("July 2024 to October 2024") == Fraction(1, 4)


@pytest.mark.parametrize("claim_id", ["imports", "container_traffic", "every_rate", "exports_annual_rate"])
def test_explain_golden(monkeypatch: pytest.MonkeyPatch, claim_id: str) -> None:
    """The whole derivation of a multi-year change, a same_rate check and a named expectation."""
    from typer.testing import CliRunner

    from claimcheck.cli import app
    from tests.conftest import assert_golden

    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("COLUMNS", "120")
    monkeypatch.delenv("NO_COLOR", raising=False)
    result = CliRunner().invoke(app, ["explain", claim_id, "--file", str(EXAMPLE.relative_to(ROOT))])
    assert result.exit_code == 0, result.output
    assert_golden(f"explain-multiyear-{claim_id}.txt", result.output)


def test_the_example_claim_file_validates_against_the_schema() -> None:
    import datetime

    import jsonschema
    import yaml

    from claimcheck.schema import json_schema

    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    assert isinstance(data["article"]["date"], datetime.date)
    data["article"]["date"] = data["article"]["date"].isoformat()  # as an editor's YAML 1.2 reads it
    jsonschema.validate(data, json_schema())
    data["claims"][0]["years"] = "four"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, json_schema())


@pytest.mark.parametrize(
    ("annual", "message"),
    [
        # (60 / 50) ** (1/5) = 1.03714; (60 - 50) / 5 = 2 points a year
        (
            "3.7",
            "'3.7 percent' fits only as a relative change; as a change in percentage points it would be 2",
        ),
        (
            "2",
            "'2 percent' fits only as a change in percentage points; as a relative change it would be 3.714",
        ),
    ],
)
def test_an_annual_rate_of_a_percentage_tells_percent_from_points(
    claim_file: Write, annual: str, message: str
) -> None:
    report = _report(
        claim_file,
        f"""\
    quote: "rose from 50.0 percent in 2015 to 60.0 percent in 2020, an average of {annual} percent a year"
    period: 2015 to 2020
    value: 60.0 percent
    previous: 50.0 percent
    annual_rate: {annual} percent
""",
    )
    result = report.results[0]
    assert result.verdict is Verdict.CONSISTENT
    assert result.message.startswith(message) and result.message.endswith(" a year")
    assert [finding.code for finding in findings_of(report)] == ["CC203"]
