"""The likely-cause search's quick tests find exactly what evaluating every edit finds.

A quick test (:data:`claimcheck.causes.QUICK_TESTS`) sets aside edits that surely do not fit
before they are evaluated, and, in a file where no bound on evaluations can be reached,
before their record is rebuilt and charged. Generated claim files hold currency conversions
with every slip the search knows (a digit changed, two swapped, a scale word or decimal point
slipped, a wrong rate that nothing fixes), printed rates, tolerances, windows, reference
figures, the checks that read them, and other inconsistencies beside them. Each is verified
with the quick tests and without them (the reference: every edit evaluated and charged), and
the results, causes, messages, problems and evaluations charged must be the same.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimcheck import causes, rates, units
from claimcheck.engine import verify
from claimcheck.exact import Exact
from claimcheck.figures import Reading
from claimcheck.intervals import Interval
from claimcheck.kinds.conversion import ConversionClaim
from claimcheck.loader import ClaimFile, load_claim_file
from claimcheck.market import widened
from claimcheck.results import FileReport, LikelyCause, Result
from claimcheck.verdicts import Verdict

CURRENCIES = {
    # code: (prefix, suffix)
    "CNY": ("", " yuan"),
    "USD": ("$", ""),
    "EUR": ("", " euros"),
    "GBP": ("£", ""),
    "JPY": ("", " yen"),
    "CHF": ("", " Swiss francs"),
}
PAIRS = [("CNY", "USD"), ("EUR", "USD"), ("GBP", "EUR"), ("USD", "JPY"), ("CHF", "USD"), ("CNY", "EUR")]
DATES = [date(2025, 3, 11), date(2024, 6, 3), date(2023, 11, 20), date(2019, 7, 15)]
SCALES = [("thousand", 10**3), ("million", 10**6), ("billion", 10**9)]


def _number(value: float, digits: int) -> tuple[str, str]:
    """A value printed to ``digits`` significant digits with a scale word: ("5.54", "billion")."""
    word, factor = "", 1
    for scale_word, scale_factor in SCALES:
        if value >= scale_factor:
            word, factor = scale_word, scale_factor
    mantissa = value / factor
    places = max(0, digits - len(str(int(mantissa))))
    text = f"{mantissa:,.{places}f}"
    return text, word


def _money(text: str, word: str, code: str) -> str:
    prefix, suffix = CURRENCIES[code]
    return f"{prefix}{text}{' ' + word if word else ''}{suffix}"


def _slipped(printed: str, rng: random.Random) -> str:
    """``printed`` with one slip of a kind the search knows, at a random place."""
    places = [at for at, char in enumerate(printed) if char.isdigit()]
    kind = rng.choice(["digit", "digit", "swap", "scale", "shift"])
    if kind == "digit":
        at = rng.choice(places)
        digit = rng.choice([d for d in "0123456789" if d != printed[at]])
        if digit == "0" and (at == places[0]):
            digit = "9"
        return printed[:at] + digit + printed[at + 1 :]
    if kind == "swap":
        pairs = [at for at in places if at + 1 in places and printed[at] != printed[at + 1]]
        if pairs and printed[pairs[0] + 1] != "0":
            at = rng.choice(pairs)
            return printed[:at] + printed[at + 1] + printed[at] + printed[at + 2 :]
    if kind == "scale":
        for word, other in (("million", "billion"), ("billion", "million"), ("thousand", "million")):
            if word in printed:
                return printed.replace(word, other)
    if "." in printed:  # the decimal point left out
        return printed.replace(".", "", 1)
    return printed[: places[-1] + 1] + "0" + printed[places[-1] + 1 :]  # a zero too many


def _conversion(n: int, rng: random.Random, published: date) -> tuple[list[str], list[str]]:
    """The YAML lines of a conversion claim and of the checks that read it."""
    base, quote = rng.choice(PAIRS)
    day = published if rng.random() < 0.8 else date(published.year - 1, published.month, 10)
    try:
        window = rates.window(base, quote, day, 3)
    except rates.RatesUnavailableError:
        window = rates.window(base, quote, published, 3)
    rate = float(rng.choice(window).value) * rng.choice([1, 1, 1, 1.004, 0.996])
    amount, converted, printed_rate, amount_value = _printed(rng, base, quote, rate)
    if rng.random() < 0.1:  # a loss: both amounts negative
        amount, converted, hedge = f"-{amount}", f"-{converted}", ""
    hedge = rng.choice(["", "", "", "about ", "more than ", "nearly ", "up to "])
    at = f", at {printed_rate}" if printed_rate else ""
    lines = [
        f"  - id: deal_{n}",
        "    kind: conversion",
        f'    quote: "worth {hedge}{amount} ({converted}{at})"',
        f"    amount: {hedge}{amount}",
        f"    converted: {converted}",
    ]
    if printed_rate:
        lines.append(f"    rate: {printed_rate}")
    if rng.random() < 0.2:
        lines.append(f"    rate_tolerance: {rng.choice(['0.5', '2', '5', '0'])} percent")
    if rng.random() < 0.15:
        lines.append(f"    rate_window: {rng.choice([0, 1, 5])}")
    if rng.random() < 0.15:  # a reference figure, converted when its own document was published
        lines += ["    source:", "      title: Annual report", "      publisher: The company"]
        lines.append(f"      date: {day.isoformat()}")
    return lines, _readers(n, rng, base, quote, amount_value)


def _printed(rng: random.Random, base: str, quote: str, rate: float) -> tuple[str, str, str, float]:
    """A conversion's amount, converted amount and printed rate ("" for none) as printed, most
    with a slip, and the amount's value."""
    if rng.random() < 0.15 and base in ("CNY", "EUR", "CHF"):
        # A round amount ("1,000,000 yuan", to the nearest million) allows so many rates that
        # the market test is too rough, and a printed rate off the market may be made to fit.
        amount_value = rng.choice([1_000_000, 10_000, 100_000, 3_000_000])
        converted_value = int(float(f"{amount_value / rate / rng.choice([0.85, 0.9, 1.1]):.3g}"))
        converted = _money(f"{converted_value:,}", "", quote)
        printed_rate = _money(f"{amount_value / converted_value * rng.choice([1, 1, 1.08]):.3g}", "", base)
        if rng.random() < 0.6:
            converted = _slipped(converted, rng)
        return _money(f"{amount_value:,}", "", base), converted, printed_rate, amount_value
    amount_value = rng.choice([3.6, 36.0, 55.6, 18.4, 7.25, 128, 940, 2.05]) * rng.choice(SCALES)[1]
    converted_value = amount_value / rate
    amount = _money(*_number(amount_value, rng.choice([1, 2, 3, 3, 4])), base)
    converted = _money(*_number(converted_value, rng.choice([2, 3, 3, 4])), quote)
    slip = rng.random()
    if slip < 0.35:
        converted = _slipped(converted, rng)
    elif slip < 0.55:
        amount = _slipped(amount, rng)
    elif slip < 0.8:  # a wrong rate that no slip of one figure explains
        wrong = converted_value * rng.choice([1.07, 1.13, 0.88, 1.21, 0.79])
        converted = _money(*_number(wrong, rng.choice([2, 3, 4])), quote)
    printed_rate = ""
    if rng.random() < 0.2 and base in ("CNY", "EUR", "CHF"):  # "at 7.23 yuan"
        printed_rate = _money(f"{rate * rng.choice([1, 1, 1.05]):.3g}", "", base)
    return amount, converted, printed_rate, amount_value


def _readers(n: int, rng: random.Random, base: str, quote: str, amount_value: float) -> list[str]:
    """Checks that read conversion ``n``: an edit must not break those that held."""
    checks = []
    if rng.random() < 0.6:
        checks.append(
            f"  - id: per_unit_{n}\n    kind: ratio\n    numerator: deal_{n}.amount\n"
            f"    denominator: deal_{n}.converted\n    unit: {base}/{quote}"
        )
    if rng.random() < 0.6:  # held as printed, most of them: an edit of the amount may break it
        per_project = _money(*_number(amount_value / 120 * rng.choice([1, 1, 1.3]), 3), base)
        checks.append(
            f"  - id: per_project_{n}\n    kind: ratio\n    numerator: deal_{n}.amount\n"
            f"    denominator: projects\n    unit: {base}/project\n    expect: {per_project} per project"
        )
        if rng.random() < 0.4:  # a check of a check
            checks.append(
                f"  - id: again_{n}\n    kind: formula\n    formula: per_project_{n} * projects\n"
                f"    unit: {base}\n    expect: {_money(*_number(amount_value, 3), base)}"
            )
    return checks


def _claim_file(seed: int) -> str:
    """One generated claim file: conversions, other claims, and checks that read them."""
    rng = random.Random(seed)
    published = rng.choice(DATES)
    claims: list[str] = []
    references: list[str] = []
    checks: list[str] = []
    for n in range(rng.choice([1, 1, 2, 3])):
        lines, reading = _conversion(n, rng, published)
        if "    source:" in lines:
            references += lines
        else:
            claims += lines
        checks += reading
    claims += [
        "  - id: projects",
        "    kind: figure",
        '    quote: "120 projects"',
        "    value: 120 projects",
    ]
    if rng.random() < 0.4:  # another inconsistency: a change with two digits swapped, or not
        rate = rng.choice(["41.7", "14.7", "15.0"])
        claims += [
            "  - id: containers",
            "    kind: change",
            f'    quote: "4.83 million containers, up {rate} percent from 4.21 million"',
            "    value: 4.83 million containers",
            f"    rate: {rate} percent",
            "    previous: 4.21 million",
        ]
    if rng.random() < 0.3:  # and a total with a part left out
        claims += [
            "  - id: passengers",
            "    kind: total",
            '    quote: "12.4 million passengers, 8.7 million passengers and 3.1 million passengers,'
            ' 21.1 million passengers in all"',
            "    parts: [12.4 million passengers, 8.7 million passengers, 3.1 million passengers]",
            "    total: 21.1 million passengers",
        ]
    if rng.random() < 0.1:
        claims += [
            "  - id: road",
            "    kind: conversion",
            '    quote: "a road of 120 kilometres (57 miles)"',
            "    amount: 120 kilometres",
            "    converted: 57 miles",
        ]
    head = ["article:", "  title: Generated", "  publisher: Test Herald", f"  date: {published.isoformat()}"]
    if rng.random() < 0.1:
        head += ["defaults:", f"  rate_tolerance: {rng.choice(['0.2', '3'])} percent"]
    text = [*head, "claims:", *claims]
    if references:
        text += ["references:", *references]
    if checks:
        text += ["checks:", *checks]
    return "\n".join(text) + "\n"


PROJECTS = {
    "wide": 'rate_tolerance = "4 percent"\nrate_window = 5\n',
    "exact": 'rate_tolerance = "0 percent"\n',
}
"""Projects whose configuration sets the rate terms of the files in their folder."""


def _corpus(folder: Path, count: int, first_seed: int = 0) -> Iterator[Path]:
    for name, configuration in PROJECTS.items():
        (folder / name).mkdir(exist_ok=True)
        (folder / name / "claimcheck.toml").write_text(configuration)
    for seed in range(first_seed, first_seed + count):
        project = [None, None, None, *PROJECTS][seed % (3 + len(PROJECTS))]
        path = (folder if project is None else folder / project) / f"generated-{seed}.yaml"
        path.write_text(_claim_file(seed))
        yield path


Charged = list[tuple[str, bool, int, bool]]


def _verified(path: Path, monkeypatch: pytest.MonkeyPatch, quick: bool) -> tuple[FileReport, Charged]:
    """The report on one file, and for each search: the record, whether a bound could be
    reached, the evaluations charged to the file so far, and whether the search ran out."""
    charged: Charged = []
    search_one = causes.Search.causes_of

    def recorded(self: causes.Search[Any], result: Result) -> tuple[LikelyCause, ...]:
        try:
            return search_one(self, result)
        finally:
            charged.append((result.record.id, self.charge_every_edit, self.spent, self.budget <= 0))

    with monkeypatch.context() as patched:
        patched.setattr(causes.Search, "causes_of", recorded)
        if not quick:
            patched.setattr(causes, "QUICK_TESTS", {})
        report = verify(load_claim_file(path))
    return report, charged


def _found(report: FileReport) -> list[object]:
    return [
        *(
            (
                result.record.id,
                result.verdict,
                result.message,
                result.remarks,
                [(c.code, c.cause, c.message, c.figure, c.printed, c.suggested) for c in result.causes],
            )
            for result in report.results
        ),
        *((problem.record_id, problem.message, problem.code, str(problem)) for problem in report.problems),
    ]


def _differences(paths: list[Path], monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """What the quick tests change, file by file: nothing, when they are sound."""
    found = []
    for path in paths:
        quick, quick_charged = _verified(path, monkeypatch, quick=True)
        plain, plain_charged = _verified(path, monkeypatch, quick=False)
        if _found(quick) != _found(plain):
            found.append(f"{path.name}: {_found(quick)} != {_found(plain)}")
        for (record_id, every_edit, spent, _), (_, _, reference, ran_out) in zip(
            quick_charged, plain_charged, strict=True
        ):
            if every_edit and spent != reference:  # every edit charged: to the evaluation
                found.append(f"{path.name}: {record_id} charged {spent}, not {reference}")
            if not every_edit and ran_out:
                found.append(f"{path.name}: edits of {record_id} set aside uncharged, and the search ran out")
    return found


def _causes_found(paths: list[Path]) -> int:
    return sum(len(result.causes) for path in paths for result in verify(load_claim_file(path)).results)


LOSS = """\
article:
  title: Port operator books a loss
  publisher: Harbour Gazette
  date: 2025-03-11
claims:
  - id: loss
    kind: conversion
    quote: "a loss of -18.4 billion yuan (-$2.85 billion)"
    amount: -18.4 billion yuan
    converted: -$2.85 billion
"""


def test_a_negative_conversion_keeps_its_likely_cause(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Negative amounts imply a positive rate: the quick test must not set aside the edit
    that fits ('-$2.55 billion', one digit changed)."""
    path = tmp_path / "loss.yaml"
    path.write_text(LOSS)
    report, _ = _verified(path, monkeypatch, quick=True)
    (result,) = report.results
    assert result.verdict is Verdict.INCONSISTENT
    assert [cause.suggested for cause in result.causes] == ["-$2.55 billion"]
    assert _differences([path], monkeypatch) == []


def test_the_generated_files_hold_every_kind_of_slip(tmp_path: Path) -> None:
    """The corpus is worth comparing on: the search finds causes of conversions, of every kind."""
    paths = list(_corpus(tmp_path, 60))
    kinds = {
        cause.cause
        for path in paths
        for result in verify(load_claim_file(path)).results
        if result.record.kind == "conversion"
        for cause in result.causes
    }
    assert {"digit-changed", "digits-swapped", "scale-slipped"} <= kinds
    assert _causes_found(paths) > 30
    printed = "".join(path.read_text() for path in paths)
    assert all(f"amount: {hedge}" in printed for hedge in ("-", "more than ", "up to ", "about "))
    assert all(any(path.parent.name == project for path in paths) for project in PROJECTS)


@pytest.mark.parametrize(("record_bound", "file_bound"), [(None, None), (60, 150), (150, 250), (25, 1000)])
def test_quick_tests_find_what_evaluating_every_edit_finds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, record_bound: int | None, file_bound: int | None
) -> None:
    """With the bounds as they are, and lowered so that searches run out part way."""
    if record_bound is not None:
        monkeypatch.setattr(causes, "MAX_RECORD_EVALUATIONS", record_bound)
    if file_bound is not None:
        monkeypatch.setattr(causes, "MAX_FILE_EVALUATIONS", file_bound)
    paths = list(_corpus(tmp_path, 120))
    assert _differences(paths, monkeypatch) == []


def test_the_comparison_catches_an_unsound_quick_test(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A quick test that judges the printed numbers alone, not their rounding, sets aside
    edits that fit only thanks to rounding: the comparison finds it out."""
    make = causes.QUICK_TESTS[ConversionClaim]

    def printed_numbers_only(claim: ConversionClaim, claim_file: ClaimFile) -> causes.QuickTest | None:
        sound = make(claim, claim_file)
        base = units.currency_code(claim.amount.reading.unit)
        quote = units.currency_code(claim.converted.reading.unit)
        if sound is None or base is None or quote is None or claim_file.article is None:
            return sound
        window = rates.window(base, quote, claim_file.article.date, 3)

        def cannot_fit(name: str, reading: Reading) -> bool:
            amount = (reading if name == "amount" else claim.amount.reading).nominal
            converted = (reading if name == "converted" else claim.converted.reading).nominal
            if sound(name, reading) or amount is None or not converted:
                return sound(name, reading)
            implied = amount / converted
            return all(abs(implied - rate.value) > rate.value / 100 for rate in window)

        return cannot_fit

    monkeypatch.setitem(causes.QUICK_TESTS, ConversionClaim, printed_numbers_only)
    assert _differences(list(_corpus(tmp_path, 60)), monkeypatch) != []


def test_the_comparison_catches_edits_uncharged_where_a_bound_is_reached(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Setting edits aside uncharged in a file where a search may run out is found out."""

    def never_run_out(self: causes.Search[Any]) -> set[str]:
        if self._cannot_run_out is None:
            self._cannot_run_out = {
                result.record.id for result in self.results.values() if result.verdict is Verdict.INCONSISTENT
            }
        return self._cannot_run_out

    monkeypatch.setattr(causes, "MAX_RECORD_EVALUATIONS", 60)
    monkeypatch.setattr(causes.Search, "_searches_cannot_run_out", never_run_out)
    assert _differences(list(_corpus(tmp_path, 60)), monkeypatch) != []


def _between(ends: tuple[Exact, Exact], closed: tuple[bool, bool]) -> Interval:
    """The interval between two ends, one wide when they are equal."""
    lo, hi = min(ends), max(ends)
    return Interval(lo, hi if hi > lo else lo + 1, *closed)


_POSITIVE = st.fractions(min_value=Fraction(1, 1000), max_value=Fraction(10**6)).map(Exact)


@given(
    amount=st.tuples(_POSITIVE, _POSITIVE),
    converted=st.tuples(_POSITIVE, _POSITIVE),
    scale=st.fractions(min_value=Fraction(1, 2), max_value=2).map(Exact),
    rates_in_window=st.lists(_POSITIVE, min_size=1, max_size=5),
    tolerance=st.fractions(min_value=0, max_value=Fraction(99, 100)).map(Exact),
    closed=st.tuples(st.booleans(), st.booleans()),
)
def test_the_far_ends_of_a_conversion_agree_with_its_implied_rates(
    amount: tuple[Exact, Exact],
    converted: tuple[Exact, Exact],
    scale: Exact,
    rates_in_window: list[Exact],
    tolerance: Exact,
    closed: tuple[bool, bool],
) -> None:
    """An edit the two comparisons of ``_far_ends`` set aside is one whose implied rates,
    widened as ``check_market_rate`` widens them, lie below or above every rate of the window;
    the edits tried lie near either end (``scale`` times it), where a slip would show."""
    printed_amount = _between(amount, closed)
    per_converted = _between(converted, (True, True)).reciprocal()
    lowest, highest = min(rates_in_window), max(rates_in_window)
    far = causes._far_ends(per_converted, printed_amount, lowest, highest, tolerance)
    for name in ("amount", "converted"):
        below, above = far[name]
        for figure in (
            _between((below * scale / 2, below * scale), closed),
            _between((above * scale, above * scale * 2), closed),
        ):
            implied = figure * per_converted if name == "amount" else printed_amount * figure.reciprocal()
            accepted = widened(implied, tolerance)
            outside = accepted.hi < lowest or accepted.lo > highest
            assert (figure.hi < below or figure.lo > above) == outside
