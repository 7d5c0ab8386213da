"""The strict figure reader: each figure the old reader misread silently, now read or refused."""

from __future__ import annotations

import time
from fractions import Fraction
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimcheck.cli import app
from claimcheck.display import format_interval
from claimcheck.figures import FigureError, ReadingContext, UnknownWordError, read_figure
from claimcheck.loader import load_claim_file
from claimcheck.units import UnitMismatchError, UnknownUnitError, format_unit, parse_unit, power

HEADER = "article:\n  title: T\n  publisher: P\n  date: 2025-03-11\n"


def reads(printed: str, context: ReadingContext | None = None) -> tuple[str, str]:
    reading = read_figure(printed, None, context or ReadingContext())
    return format_interval(reading.interval), format_unit(reading.unit)


def refuses(printed: str, context: ReadingContext | None = None) -> FigureError:
    with pytest.raises(FigureError) as caught:
        read_figure(printed, None, context or ReadingContext())
    return caught.value


# Unknown words were dropped ------------------------------------------------------------------
def test_misspelt_scale_word_is_refused_with_its_place_and_the_fix() -> None:
    error = refuses("4.83 milion visitors")
    assert str(error) == "'milion': did you mean 'million'?"
    assert error.offset == 5


def test_for_every_is_a_denominator_not_dropped() -> None:
    assert reads("8 visitors for every resident") == ("[7.5, 8.5)", "visitor/person")


@pytest.mark.parametrize("per", ["per resident", "per capita", "per head", "a head", "per person"])
def test_per_phrases_divide_the_currency(per: str) -> None:
    assert reads(f"EUR 2,200 {per}") == ("[2,150, 2,250)", "EUR/person")


def test_explain_names_the_denominator_instead_of_hiding_it() -> None:
    steps = read_figure("EUR 2,200 per resident").steps
    assert "unit: EUR (from 'EUR')" in steps
    assert "per: person (from 'resident')" in steps


def test_per_hundred_thousand_scales_the_rate() -> None:
    assert reads("12 cases per 100,000 people") == ("[0.000115, 0.000125)", "case/person")


# Grouping and decimal marks ------------------------------------------------------------------
def test_decimal_comma_is_refused_in_english_copy_with_the_fix() -> None:
    error = refuses("4,83 million")
    assert "write '4.83'" in str(error)
    assert "locale" in str(error)


def test_decimal_comma_is_read_where_the_locale_says_so() -> None:
    assert reads("4,83 million", ReadingContext(locale="de")) == ("[4,825,000, 4,835,000)", "")


def test_space_grouped_thousands_are_read_whole() -> None:
    assert reads("4 830 000 visitors") == ("[4,825,000, 4,835,000)", "visitor")
    assert reads("4\u202f830\u202f000 visitors") == ("[4,825,000, 4,835,000)", "visitor")


def test_a_stray_number_is_refused_not_taken_for_a_noun() -> None:
    assert "unexpected number '83'" in str(refuses("4 83 visitors"))


def test_exponent_notation_is_refused() -> None:
    assert "exponent notation" in str(refuses("$5e6"))


# Currencies ----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("printed", "interval", "unit"),
    [
        ("CHF 100 million", "[99,500,000, 100,500,000)", "CHF"),
        ("A$5 million", "[4,500,000, 5,500,000)", "AUD"),
        ("hk$5.2 million", "[5,150,000, 5,250,000)", "HKD"),
        ("₹500 crore", "[4,995,000,000, 5,005,000,000)", "INR"),
        ("100 zł", "[50, 150)", "PLN"),
        ("3.2 billion Swiss francs", "[3,150,000,000, 3,250,000,000)", "CHF"),
    ],
)
def test_currencies_beyond_the_first_seven(printed: str, interval: str, unit: str) -> None:
    assert reads(printed) == (interval, unit)


def test_dollars_per_person_keep_the_denominator() -> None:
    assert reads("$1.53 per person") == ("[1.525, 1.535)", "USD/person")


def test_yen_sign_needs_the_article_to_say_which() -> None:
    assert "currency_hints" in str(refuses("¥3.2 trillion"))
    assert reads("¥3.2 trillion", ReadingContext(currency_hints=("JPY",)))[1] == "JPY"
    assert reads("¥3.2 trillion", ReadingContext(locale="zh-CN"))[1] == "CNY"


def test_two_currencies_in_one_figure_are_refused() -> None:
    assert "two currencies" in str(refuses("CHF 100 million euros"))


# Counted nouns -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("noun", "unit"),
    [
        ("overnight stays", "night"),
        ("nights", "night"),
        ("hospital beds", "bed"),
        ("flights", "flight"),
        ("students", "person"),
        ("cases", "case"),
        ("children", "person"),
        ("buses", "vehicle"),
        ("square metres", "square_metre"),
        ("mu", "mu"),
        ("kilowatt-hours", "kilowatt_hour"),
    ],
)
def test_counted_nouns_news_copy_uses(noun: str, unit: str) -> None:
    assert reads(f"5 {noun}")[1] == unit


def test_unknown_noun_names_the_closest_known_word() -> None:
    with pytest.raises(UnknownWordError, match="did you mean 'visitor'"):
        read_figure("65 million vistors")


def test_a_noun_before_a_trailing_phrase_is_not_silently_swapped_for_it() -> None:
    # The old reader took "year" (or "tourists") from "tourists last year" without a word.
    assert "'year' is a period, not what is counted" in str(refuses("65 million tourists last year"))
    assert "which does the figure count" in str(refuses("5 million projects new tourists"))
    assert "is a period" in str(refuses("about 420,000 calls last year"))


# Units in claim files ------------------------------------------------------------------------
def test_unit_strings_are_never_evaluated() -> None:
    started = time.perf_counter()
    with pytest.raises(UnknownUnitError):
        parse_unit("9**9**9")
    assert time.perf_counter() - started < 1


def test_units_with_powers_are_formatted() -> None:
    assert format_unit(power(parse_unit("visitor"), 2)) == "visitor^2"
    assert format_unit(parse_unit("CNY/visitor")) == "CNY/visitor"


def test_unit_mismatch_never_has_an_empty_name() -> None:
    message = str(UnitMismatchError(parse_unit("visitor"), parse_unit("1"), "subtract"))
    assert message == (
        "cannot subtract visitor and a plain number:"
        " a figure printed without a unit needs one here (visitor?)"
    )


def test_a_rate_without_unit_is_refused_with_a_suggestion(tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    path.write_text(
        HEADER + "claims:\n  - id: a\n    kind: change\n    quote: 4.83 million visitors, up 12.8\n"
        "    value: 4.83 million visitors\n    rate: '12.8'\n"
    )
    (problem,) = load_claim_file(path).problems
    assert problem.message.startswith("rate '12.8' has no unit: did you mean '12.8 percent'?")
    assert (problem.at.line, problem.at.col) == (10, 11)


def test_previous_value_takes_the_value_unit(tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    path.write_text(
        HEADER + "claims:\n  - id: a\n    kind: change\n"
        "    quote: 4.83 million visitors, up 12.8 percent from 4.21 million\n"
        "    value: 4.83 million visitors\n    previous: 4.21 million\n    rate: 12.8 percent\n"
    )
    loaded = load_claim_file(path)
    assert loaded.problems == ()
    previous = loaded.claims[0].figures()["previous"].reading
    assert format_unit(previous.unit) == "visitor"
    assert previous.steps[0] == "unit: visitor, carried from the value '4.83 million visitors'"


def test_a_figure_error_points_at_the_word(tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    path.write_text(
        HEADER + "claims:\n  - id: a\n    kind: figure\n    quote: 4.83 milion visitors\n"
        "    value: 4.83 milion visitors\n"
    )
    (problem,) = load_claim_file(path).problems
    assert str(problem).endswith(
        ":9:17: CC404 [a] cannot read figure '4.83 milion visitors': 'milion': did you mean 'million'?"
    )


def test_a_change_word_belongs_to_a_rate(tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    path.write_text(HEADER + "claims:\n  - id: a\n    kind: figure\n    quote: doubled\n    value: doubled\n")
    (problem,) = load_claim_file(path).problems
    assert "describes a change" in problem.message


def test_units_command_reads_a_word_and_refuses_a_misspelling() -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["units", "overnight stays"])
    assert result.exit_code == 0
    assert result.output.strip() == "'overnight stays' is a counted noun: night"
    result = runner.invoke(app, ["units", "4.83 milion visitors"])
    assert result.exit_code == 2
    assert "did you mean 'million'" in result.output


def test_a_scale_word_after_a_spelled_second_end_counts_for_it_alone() -> None:
    # Was [1,500, 1,200,000]: "thousand" multiplied 1,200 as well, and the ends were swapped.
    reading = read_figure("1,200 to two thousand visitors")
    assert (reading.interval.lo, reading.interval.hi) == (1150, 2000)
    assert "the scale word 'thousand' counts for the second end only" in reading.steps
    both = read_figure("5 to 7 million")
    assert (both.interval.lo, both.interval.hi) == (4_500_000, 7_500_000)


def test_about_a_range_reaches_out_from_both_ends() -> None:
    # Was [750, 1,250]: the margin was taken around the low end only.
    reading = read_figure("about 1,000 to 1,200 visitors")
    assert (reading.interval.lo, reading.interval.hi) == (900, 1320)
    assert reading.nominal == 1100


def test_a_round_second_end_gives_a_range_its_strict_reading() -> None:
    reading = read_figure("one to 1,200 visitors")
    assert reading.strict is not None and reading.strict.hi == Fraction(2401, 2)
    assert reading.loose_rounding == "rounded to the nearest hundred"


def test_nearly_a_negative_figure_falls_short_of_it_towards_zero() -> None:
    # Was [-150, -100): "nearly" ran away from zero.
    reading = read_figure("nearly -100.0 percent")
    assert (reading.interval.lo, reading.interval.hi) == (-100, -90)
    assert not reading.interval.lo_closed and reading.interval.hi_closed
