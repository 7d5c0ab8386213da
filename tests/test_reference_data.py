"""Reference data on the real shipped ECB history, and figures from cited sources."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from claimcheck import rates
from claimcheck.cli import app
from claimcheck.display import format_amount
from claimcheck.engine import verify_path
from claimcheck.results import Result
from claimcheck.verdicts import Verdict
from tests.conftest import ROOT, SHANXI

Write = Callable[[str], Path]


def conversion(published: str, extra: str = "", defaults: str = "") -> str:
    return f"""\
article:
  title: Test article
  publisher: Test Daily
  date: {published}
{defaults}claims:
  - id: money
    kind: conversion
    quote: "55.6 billion yuan ($7.66 billion)"
    amount: 55.6 billion yuan
    converted: $7.66 billion
{extra}"""


def market(claim_file: Write, text: str) -> Result:
    report = verify_path(claim_file(text))
    assert not report.problems, [str(problem) for problem in report.problems]
    (result,) = report.results
    return result


def market_derived(result: Result) -> tuple[Verdict, str, tuple[str, ...]]:
    (derived,) = [item for item in result.derived if item.name == "market_rate"]
    return derived.verdict, derived.message, derived.evidence


def test_shanxi_conversion_matches_the_rate_of_the_day_before() -> None:
    report = verify_path(SHANXI)
    result = next(item for item in report.results if item.record.id == "renewal_investment")
    verdict, message, evidence = market_derived(result)
    assert verdict is Verdict.CONSISTENT
    assert message == (
        "the implied rate 7.258 CNY/USD (7.2472 to 7.2698) matches the ECB rate of 2025-03-10,"
        " 7.25846 CNY per USD; on 2025-03-11 the rate was 7.23323 CNY per USD"
    )
    # The publication day's rate is 0.19 percent off: inside the default tolerance of 1 percent.
    assert evidence[:2] == (
        "2025-03-11: 7.23323 CNY per USD (publication date) - inside",
        "2025-03-10: 7.25846 CNY per USD - inside",
    )
    assert result.verdict is Verdict.CONSISTENT


def test_publication_day_alone_does_not_match(claim_file: Write) -> None:
    text = conversion("2025-03-11", "    rate_window: 0\n    rate_tolerance: 0 percent\n")
    verdict, message, _ = market_derived(market(claim_file, text))
    assert verdict is Verdict.INCONSISTENT
    assert "the nearest, 2025-03-11's 7.23323 CNY per USD, lies 0.194% away (no tolerance is set)" in message
    on_the_day = Fraction("7.8929") / Fraction("1.0912")  # ECB, 2025-03-11
    assert (
        f"at that rate 55.6 billion CNY would be {float(55_600_000_000 / on_the_day) / 1e9:.6} billion USD"
        in message
    )


def test_a_tolerance_turns_the_near_miss_into_consistent(claim_file: Write) -> None:
    text = conversion("2025-03-11", "    rate_window: 0\n", "defaults:\n  rate_tolerance: 1 percent\n")
    verdict, message, _ = market_derived(market(claim_file, text))
    assert verdict is Verdict.CONSISTENT
    assert message == (
        "the implied rate 7.258 CNY/USD (7.2472 to 7.2698) lies 0.194% from the ECB rate of"
        " 2025-03-11, 7.23323 CNY per USD, inside the tolerance of 1%"
    )


def test_a_monday_window_reaches_back_over_the_weekend() -> None:
    window = rates.window("CNY", "USD", date(2025, 3, 10), 3)  # a Monday
    assert [rate.day for rate in window] == [
        date(2025, 3, 10),
        date(2025, 3, 7),
        date(2025, 3, 6),
        date(2025, 3, 5),
    ]


def test_a_weekend_publication_has_no_rate_of_its_own(claim_file: Write) -> None:
    window = rates.window("CNY", "USD", date(2025, 3, 9), 3)  # a Sunday
    assert [rate.day for rate in window] == [date(2025, 3, 7), date(2025, 3, 6), date(2025, 3, 5)]
    _, message, _ = market_derived(market(claim_file, conversion("2025-03-09")))
    assert "2025-03-09 has no rate (not an ECB business day)" in message


def test_cross_rates_go_through_the_euro() -> None:
    (rate,) = rates.window("CNY", "USD", date(2025, 3, 10), 0)
    assert rate.value == Fraction("7.8718") / Fraction("1.0845")  # ECB: CNY and USD per euro that day


def _plain_window(base: str, quote: str, published: date, before: int) -> list[tuple[date, Fraction]]:
    """The window read the plain way: every line of the history, newest first."""
    lines = rates._lines()
    header = next(lines).strip().rstrip(",").split(",")

    def per_euro(fields: list[str], code: str) -> Fraction | None:
        if code == "EUR":
            return Fraction(1)
        text = fields[header.index(code)] if header.index(code) < len(fields) else ""
        return None if text in ("", "N/A") else Fraction(text)

    found: list[tuple[date, Fraction]] = []
    for line in lines:
        fields = line.strip().split(",")
        day = date.fromisoformat(fields[0])
        if day > published:
            continue
        base_rate, quote_rate = per_euro(fields, base), per_euro(fields, quote)
        if base_rate is None or quote_rate is None:
            break
        found.append((day, base_rate / quote_rate))
        if sum(1 for seen, _ in found if seen < published) >= before:
            break
    return found


@given(
    st.dates(date(1999, 1, 1), date(2026, 10, 30)),
    st.sampled_from([("CNY", "USD"), ("USD", "EUR"), ("EUR", "JPY"), ("GBP", "CHF"), ("ISK", "USD")]),
    st.integers(0, 6),
)
@settings(max_examples=60, deadline=None)
@pytest.mark.parametrize("streamed", [0, 10**9], ids=["indexed", "streamed"])
def test_a_window_is_what_reading_every_line_gives(
    streamed: int, published: date, pair: tuple[str, str], before: int
) -> None:
    expected = _plain_window(*pair, published, before)
    rates.window.cache_clear()
    rates._history.cache_clear()  # else every later window is read from the index
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(rates, "STREAMED_WINDOWS", streamed)
        try:
            window = rates.window(*pair, published, before)
        except rates.RatesUnavailableError:
            assert expected == []  # before the data reaches back
            return
    assert [(rate.day, rate.value) for rate in window] == expected


@pytest.mark.parametrize(
    ("published", "reason"),
    [
        ("2004-06-01", "no ECB reference rate for CNY per USD on 2004-06-01: CNY from 2005-04-01"),
        ("2099-01-01", "the rate data ends on"),
    ],
)
def test_dates_outside_the_data_are_unverifiable(claim_file: Write, published: str, reason: str) -> None:
    verdict, message, _ = market_derived(market(claim_file, conversion(published)))
    assert verdict is Verdict.UNVERIFIABLE
    assert reason in message


def test_a_currency_the_data_lacks_is_unverifiable(claim_file: Write) -> None:
    text = (
        conversion("2025-03-11")
        .replace("55.6 billion yuan", "NT$5 billion")
        .replace("$7.66 billion", "$0.15 billion")
    )
    verdict, message, _ = market_derived(market(claim_file, text))
    assert verdict is Verdict.UNVERIFIABLE
    assert message.startswith("the ECB reference rates have no TWD; they cover AUD, BGN")
    with pytest.raises(rates.RatesUnavailableError, match="the ECB reference rates have no VND"):
        rates.window("VND", "USD", date(2025, 3, 11), 3)


def test_files_without_conversions_never_read_the_rates(
    monkeypatch: pytest.MonkeyPatch, claim_file: Write
) -> None:
    def refuse() -> None:
        raise AssertionError("the rate history was read")

    monkeypatch.setattr(rates, "_lines", refuse)
    path = claim_file(
        "article:\n  title: t\n  publisher: p\n  date: 2025-03-11\nclaims:\n"
        '  - id: a\n    kind: figure\n    quote: "5 projects"\n    value: 5 projects\n'
    )
    assert verify_path(path).results[0].verdict is Verdict.UNVERIFIABLE


def test_data_command_shows_the_range() -> None:
    result = CliRunner().invoke(app, ["data"])
    assert result.exit_code == 0
    info = rates.data_info()
    assert f"{info.first_date} to {info.last_date}" in result.output
    assert info.first_date == date(1999, 1, 4)
    assert info.currencies["CNY"][0] == date(2005, 4, 1)


REFERENCE_FILE = """\
article:
  title: Test article
  publisher: Test Daily
  date: 2025-03-11
claims:
  - id: visitors
    kind: figure
    quote: "more than 10 million visitors"
    value: more than 10 million visitors
references:
  - id: report
    kind: figure
    quote: "nearly 10.2 million visitor-trips"
    value: nearly 10.2 million visitor-trips
    source:
      title: County report
      publisher: County
      url: https://example.org/report
  - id: low_report
    kind: figure
    quote: "about 8 million visitors"
    value: about 8 million visitors
    source:
      title: Old estimate
      publisher: County
checks:
  - id: agrees
    kind: match
    figure: visitors
    reference: report
  - id: disagrees
    kind: match
    figure: visitors
    reference: low_report
"""


def test_reference_figures_with_hedge_words(claim_file: Write) -> None:
    report = verify_path(claim_file(REFERENCE_FILE))
    assert not report.problems
    results = {result.record.id: result for result in report.results}
    assert format_amount(results["agrees"].derived[0].compared_with.amount) == "[9.18, 10.2) million visitor"  # type: ignore[union-attr]
    assert results["agrees"].verdict is Verdict.CONSISTENT
    # "about 8 million" reaches 8.8 million at most: no reading meets "more than 10 million"
    assert results["disagrees"].verdict is Verdict.INCONSISTENT


def test_explain_cites_the_reference(claim_file: Write) -> None:
    path = claim_file(REFERENCE_FILE)
    result = CliRunner().invoke(app, ["explain", "agrees", "--file", str(path)], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert "reference figure from 'County report', County, https://example.org/report" in result.output


def test_references_need_a_source_and_claims_must_not_have_one(claim_file: Write) -> None:
    text = REFERENCE_FILE.replace("    source:\n      title: Old estimate\n      publisher: County\n", "")
    report = verify_path(claim_file(text))
    messages = [problem.message for problem in report.problems]
    assert messages[0] == "a reference needs a 'source': the document its figure comes from"
    # The check that reads the reference says why it was not checked; the rest is verified.
    assert messages[1:] == ["depends on 'low_report', which could not be checked: see line 19"]
    assert {result.record.id for result in report.results} >= {"agrees"}


def test_shanxi_references() -> None:
    report = verify_path(ROOT / "claims" / "2025-03-11-china-daily-shanxi-urbanization.yaml")
    results = {result.record.id: result for result in report.results}
    for check in (
        "pingyao_visitors_match_report",
        "pingyao_growth_match_report",
        "pingyao_2023_narrowed",
        "nine_regions_are_counties_and_city",
        "nine_regions_are_not_all_divisions",
    ):
        assert results[check].verdict is Verdict.CONSISTENT, check
    narrowed = results["pingyao_ancient_city_2024"].derived[0].result
    assert format_amount(narrowed) == "(9.07174, 9.1629) million visitor"  # 10.115 / 1.115, 10.125 / 1.105
    assert (
        format_amount(results["county_regions_output"].derived[0].result) == "[217.599, 220.068) billion CNY"
    )
    assert format_amount(results["district_output"].derived[0].result) == "(25.8168, 28.2768) billion CNY"
