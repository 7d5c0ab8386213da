"""The vocabulary: plurals in one place, currencies that agree with the data, declarations."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimcheck.cli import app
from claimcheck.config import ConfigError, config_for
from claimcheck.display import format_interval
from claimcheck.figures import ReadingContext, read_figure
from claimcheck.loader import load_claim_file
from claimcheck.rates import data_info
from claimcheck.units import format_unit
from claimcheck.vocabulary import DEFAULT, Declaration, VocabularyError, currencies, singular_forms


@pytest.mark.parametrize(
    ("plural", "singular"),
    [
        ("people", "person"),
        ("children", "child"),
        ("cases", "case"),
        ("buses", "bus"),
        ("sites", "site"),
        ("companies", "company"),
        ("overnight stays", "overnight stay"),
        ("visitor trips", "visitor trip"),
        ("lives", "life"),
    ],
)
def test_singular_forms(plural: str, singular: str) -> None:
    assert singular in singular_forms(plural)


def test_every_currency_of_the_reference_data_is_known() -> None:
    known = {currency.code for currency in currencies()}
    assert set(data_info().currencies) <= known


def test_every_currency_reads_by_code_and_by_each_of_its_names() -> None:
    for currency in currencies():
        for name in (currency.code, *currency.names):
            term = DEFAULT.term(name)
            assert term is not None, name
            assert term.canonical == currency.code, name


def test_units_listing_marks_currencies_without_rates() -> None:
    result = CliRunner().invoke(app, ["units"])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert any(line.startswith("  TWD:") and "no reference rates" in line for line in lines)
    assert any(line.startswith("  CHF:") and "no reference rates" not in line for line in lines)
    assert "counted nouns:" in lines


def test_declared_noun_alias_and_multiple() -> None:
    vocabulary = DEFAULT.declare(
        (
            Declaration("cruise call", "noun", "claimcheck.toml"),
            Declaration("bed night", "night", "claimcheck.toml"),
            Declaration("people", "visitor", "the claim file"),
            Declaration("double room", "2 bed", "the claim file"),
        )
    )
    context = ReadingContext(vocabulary=vocabulary)

    def reads(printed: str) -> tuple[str, str]:
        reading = read_figure(printed, None, context)
        return format_interval(reading.interval), format_unit(reading.unit)

    assert reads("1,200 cruise calls") == ("[1,150, 1,250)", "cruise_call")
    assert reads("5 bed nights") == ("[4.5, 5.5)", "night")
    assert reads("5 million people") == ("[4,500,000, 5,500,000)", "visitor")
    assert reads("30 double rooms") == ("[50, 70)", "bed")
    # Without the declarations, the same words read as before.
    assert format_unit(read_figure("5 million people").unit) == "person"


def test_declaring_an_unknown_target_suggests_the_closest() -> None:
    with pytest.raises(VocabularyError, match="did you mean 'night'"):
        DEFAULT.declare((Declaration("bed night", "nigth", "claimcheck.toml"),))


def test_declaring_a_known_word_as_a_new_noun_is_refused() -> None:
    with pytest.raises(VocabularyError, match="already known"):
        DEFAULT.declare((Declaration("visitors", "noun", "claimcheck.toml"),))


def _project(tmp_path: Path, config_name: str, config: str, units: str = "") -> Path:
    (tmp_path / config_name).write_text(config)
    claims = tmp_path / "claims"
    claims.mkdir()
    path = claims / "a.yaml"
    path.write_text(
        "article:\n  title: T\n  publisher: P\n  date: 2025-03-11\n"
        + units
        + "claims:\n  - id: a\n    kind: figure\n"
        + "    quote: 1.200 cruise calls\n    value: 1.200 cruise calls\n"
    )
    return path


def test_claimcheck_toml_is_found_walking_up(tmp_path: Path) -> None:
    path = _project(tmp_path, "claimcheck.toml", 'locale = "de"\n[units]\n"cruise call" = "noun"\n')
    loaded = load_claim_file(path)
    assert loaded.problems == ()
    reading = loaded.claims[0].figures()["value"].reading
    assert format_interval(reading.interval) == "[1,150, 1,250)"
    assert "declared in claimcheck.toml" in " ".join(reading.steps)


def test_pyproject_tool_table(tmp_path: Path) -> None:
    path = _project(
        tmp_path,
        "pyproject.toml",
        '[tool.claimcheck]\nlocale = "de"\n[tool.claimcheck.units]\n"cruise call" = "noun"\n',
    )
    assert load_claim_file(path).problems == ()
    assert config_for(path).path == tmp_path / "pyproject.toml"


def test_unknown_config_key_suggests_the_closest(tmp_path: Path) -> None:
    (tmp_path / "claimcheck.toml").write_text('locale = "de"\nunit = {}\n')
    with pytest.raises(ConfigError, match="unknown key 'unit'; did you mean 'units'") as caught:
        config_for(tmp_path / "a.yaml")
    assert caught.value.line == 2


def test_file_units_section_errors_point_at_the_word(tmp_path: Path) -> None:
    path = _project(tmp_path, "claimcheck.toml", 'locale = "de"\n', units="units:\n  cruise call: nown\n")
    problems = load_claim_file(path).problems
    assert problems[0].code == "CC411"
    assert problems[0].at.line == 6
    assert "unknown unit 'nown'" in problems[0].message


def test_declared_words_serve_unit_fields_too(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text(
        "article:\n  title: T\n  publisher: P\n  date: 2025-03-11\n"
        "units:\n  cruise call: noun\n"
        "claims:\n"
        "  - id: calls\n    kind: change\n    quote: calls rose 5 percent\n    rate: 5 percent\n"
        "    unit: cruise calls\n"
        "  - id: fees\n    kind: figure\n    quote: 30 million euros\n    value: 30 million euros\n"
        "  - id: count\n    kind: figure\n    quote: 1,200 cruise calls\n    value: 1,200 cruise calls\n"
        "checks:\n  - id: per_call\n    kind: ratio\n    numerator: fees\n    denominator: count\n"
        "    unit: EUR per cruise call\n"
    )
    loaded = load_claim_file(path)
    assert [str(problem) for problem in loaded.problems] == []
    check = loaded.checks[0]
    assert format_unit(check.unit.unit) == "EUR/cruise_call"  # type: ignore[attr-defined]


def test_an_unknown_unit_field_is_reported_at_its_key(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text(
        "article:\n  title: T\n  publisher: P\n  date: 2025-03-11\n"
        "claims:\n  - id: calls\n    kind: change\n    quote: up 5 percent\n    rate: 5 percent\n"
        "    unit: cruise calls\n"
    )
    (problem,) = load_claim_file(path).problems
    assert problem.code == "CC405"
    assert (problem.at.line, problem.at.col) == (10, 11)
    assert problem.message.startswith("unknown unit 'cruise calls'")
