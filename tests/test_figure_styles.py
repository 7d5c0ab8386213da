"""Property tests: one figure printed in any supported style reads the same.

Random valid figures are rendered in a canonical style (comma grouping, a decimal point, ISO
currency code, the scale word spelled out) and in every other style the grammar of the strict
figure reader (issue 7) allows: other digit grouping, a decimal comma with a decimal-comma
locale, Unicode digits and minus, scale abbreviations, currency symbols and names, percent and
point spellings. Each must read as the same interval and unit as the canonical form. Numbers in
words are exact, unlike digits, so they are compared with their exact value, not with digits.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimcheck import figures
from claimcheck.display import format_interval
from claimcheck.intervals import Interval
from claimcheck.units import format_unit

FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _read(printed: str, locale: str | None = None, hints: tuple[str, ...] = ()) -> Any:
    # Looked up at call time so that the module still collects before the rewrite lands.
    kwargs: dict[str, Any] = {}
    if locale is not None:
        kwargs["locale"] = locale
    if hints:
        kwargs["currency_hints"] = hints
    return figures.read_figure(printed, context=figures.ReadingContext(**kwargs))


def _same(variant: Any, canonical: Any, printed: str, reference: str) -> None:
    got = (format_interval(variant.interval), format_unit(variant.unit))
    want = (format_interval(canonical.interval), format_unit(canonical.unit))
    assert got == want, f"{printed!r} read as {got}, but {reference!r} as {want}"
    assert variant.interval == canonical.interval, f"{printed!r} vs {reference!r}: ends differ"


# Numbers -----------------------------------------------------------------------------------------


@st.composite
def printed_numbers(draw: st.DrawFn, max_integer: int = 10**7) -> tuple[Decimal, int]:
    """A positive decimal and how many places it is printed with."""
    places = draw(st.integers(min_value=0, max_value=3))
    integer = draw(st.integers(min_value=0, max_value=max_integer))
    fraction = draw(st.integers(min_value=0, max_value=10**places - 1)) if places else 0
    if integer == 0 and fraction == 0:
        integer = 1
    return Decimal(integer) + Decimal(fraction).scaleb(-places), places


def _comma(value: Decimal, places: int) -> str:
    return f"{value:,.{places}f}"


def _regroup(text: str, separator: str) -> str:
    return text.replace(",", separator)


def _decimal_comma(text: str, separator: str = ".") -> str:
    """English "1,234.5" as a decimal-comma locale prints it: "1.234,5" (or "1 234,5")."""
    return text.replace(",", "\0").replace(".", ",").replace("\0", separator)


_DIGITS = {
    "fullwidth": str.maketrans("0123456789", "０１２３４５６７８９"),
    "arabic-indic": str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"),
    "devanagari": str.maketrans("0123456789", "०१२३४५६७८९"),
}


def number_styles(canonical: str) -> list[tuple[str, str, str | None]]:
    """(style, text, locale) for every other way of printing the canonical number."""
    styles: list[tuple[str, str, str | None]] = [
        ("space", _regroup(canonical, " "), None),
        ("no-break space", _regroup(canonical, "\u00a0"), None),
        ("thin space", _regroup(canonical, "\u2009"), None),
        ("narrow no-break space", _regroup(canonical, "\u202f"), None),
        ("apostrophe", _regroup(canonical, "'"), None),
        ("right single quote", _regroup(canonical, "’"), None),
        ("decimal comma", _decimal_comma(canonical), "de"),
        ("decimal comma, space groups", _decimal_comma(canonical, " "), "de"),
        ("decimal comma, apostrophe groups", _decimal_comma(canonical, "'"), "de"),
        ("decimal comma, fr", _decimal_comma(canonical, "\u202f"), "fr"),
    ]
    styles += [(name, canonical.translate(table), None) for name, table in _DIGITS.items()]
    return styles


FRAMES = [
    # (prefix, suffix, whether the bare-integer rule is checked against the spec)
    ("", "", True),
    ("", " visitors", True),
    ("", " tonnes", True),
    ("", " percent", False),
    ("EUR ", "", False),
    ("$", "", False),
]
HEDGES = ["", "about ", "more than ", "nearly ", "at least ", "up to ", "less than "]
WORD_SCALES = [("", 1), (" thousand", 10**3), (" million", 10**6), (" billion", 10**9)]


def _spec_interval(value: Decimal, places: int, factor: int) -> Interval:
    """The interval the spec gives an unhedged positive printed number."""
    shown = Fraction(value)
    if places:
        half = Fraction(1, 10**places) / 2
    elif factor != 1:
        half = Fraction(1, 2)  # an integer before a scale word: one unit of the scale
    else:  # a bare integer: precise to its last non-zero digit
        digits = str(int(value))
        half = Fraction(10 ** (len(digits) - len(digits.rstrip("0")))) / 2
    return Interval((shown - half) * factor, (shown + half) * factor, True, False)


@FAST
@given(
    number=printed_numbers(),
    frame=st.sampled_from(FRAMES),
    hedge=st.sampled_from(HEDGES),
    scale=st.sampled_from(WORD_SCALES),
    negative=st.booleans(),
)
def test_grouping_decimal_mark_and_digits_do_not_change_the_reading(
    number: tuple[Decimal, int],
    frame: tuple[str, str, bool],
    hedge: str,
    scale: tuple[str, int],
    negative: bool,
) -> None:
    value, places = number
    prefix, suffix, bare_rule = frame
    word, factor = scale if suffix != " percent" else ("", 1)  # no "5 million percent"
    if word and value >= 10**4:
        value = value % 10**4 + 1  # "12,345,678 million" is not news copy
    text = _comma(value, places)
    sign = "-" if negative and not hedge and not prefix and suffix in ("", " percent") else ""

    canonical_text = f"{hedge}{sign}{prefix}{text}{word}{suffix}"
    canonical = _read(canonical_text)
    if not hedge and not sign and (places or word or bare_rule):
        expected = _spec_interval(value, places, factor)
        assert canonical.interval == expected, f"{canonical_text!r}: {format_interval(expected)} expected"

    for _style, styled, locale in number_styles(text):
        printed = f"{hedge}{sign}{prefix}{styled}{word}{suffix}"
        _same(_read(printed, locale), canonical, printed, canonical_text)
    if sign:
        printed = f"\u2212{prefix}{text}{word}{suffix}"
        _same(_read(printed), canonical, printed, canonical_text)


# Scales -----------------------------------------------------------------------------------------

SCALE_FORMS = {
    10**3: [" thousand", "k", "K"],
    10**6: [" million", "m", "M", " mn", "mn", " mln", "mln"],
    10**9: [" billion", "b", "B", " bn", "bn", " bln", "bln"],
    10**12: [" trillion", " tn", "tn", " trn", "trn"],
    10**5: [" lakh"],
    10**7: [" crore"],
}


@FAST
@given(
    number=printed_numbers(max_integer=999),
    factor=st.sampled_from(sorted(SCALE_FORMS)),
    frame=st.sampled_from([("", ""), ("$", ""), ("USD ", ""), ("", " visitors"), ("", " yuan")]),
)
def test_scale_abbreviations_read_as_the_scale_word(
    number: tuple[Decimal, int], factor: int, frame: tuple[str, str]
) -> None:
    value, places = number
    prefix, suffix = frame
    forms = SCALE_FORMS[factor]
    text = _comma(value, places)
    canonical_text = f"{prefix}{text}{forms[0]}{suffix}"
    canonical = _read(canonical_text)
    assert canonical.interval == _spec_interval(value, places, factor), canonical_text
    for form in forms[1:]:
        printed = f"{prefix}{text}{form}{suffix}"
        _same(_read(printed), canonical, printed, canonical_text)


# Currencies -------------------------------------------------------------------------------------

# ISO code -> the other forms of the currency: (template, locale, hints); "{}" is the number.
CURRENCY_FORMS: dict[str, list[tuple[str, str | None, tuple[str, ...]]]] = {
    "USD": [
        ("${}", None, ()),
        ("US${}", None, ()),
        ("us${}", None, ()),
        ("USD{}", None, ()),
        ("{} USD", None, ()),
        ("${}", None, ("EUR",)),
        ("US${}", None, ("AUD",)),
    ],
    "EUR": [("€{}", None, ()), ("{} euros", None, ()), ("{} EUR", None, ())],
    "GBP": [("£{}", None, ()), ("{} pounds", None, ()), ("{} GBP", None, ())],
    "CHF": [
        ("Sfr {}", None, ()),
        ("SFr {}", None, ()),
        ("{} Swiss francs", None, ()),
        ("{} CHF", None, ()),
        ("CHF{}", None, ()),
    ],
    "CNY": [
        ("RMB {}", None, ()),
        ("RMB{}", None, ()),
        ("{} yuan", None, ()),
        ("{} renminbi", None, ()),
        ("¥{}", None, ("CNY",)),
        ("¥{}", "zh", ()),
    ],
    "JPY": [("¥{}", None, ("JPY",)), ("¥{}", "ja", ()), ("{} JPY", None, ())],
    "INR": [("₹{}", None, ()), ("Rs {}", None, ()), ("Rs. {}", None, ()), ("{} rupees", None, ())],
    "KRW": [("₩{}", None, ()), ("{} won", None, ())],
    "TRY": [("₺{}", None, ()), ("{} lira", None, ())],
    "ILS": [("₪{}", None, ()), ("{} shekels", None, ())],
    "THB": [("฿{}", None, ()), ("{} baht", None, ())],
    "PHP": [("₱{}", None, ())],
    "AUD": [
        ("A${}", None, ()),
        ("AU${}", None, ()),
        ("{} Australian dollars", None, ()),
        ("${}", None, ("AUD",)),
    ],
    "CAD": [("C${}", None, ()), ("CA${}", None, ()), ("${}", None, ("CAD",))],
    "HKD": [("HK${}", None, ()), ("hk${}", None, ()), ("${}", None, ("HKD",))],
    "NZD": [("NZ${}", None, ()), ("${}", None, ("NZD",))],
    "SGD": [("S${}", None, ()), ("${}", None, ("SGD",))],
    "TWD": [("NT${}", None, ()), ("${}", None, ("TWD",))],
    "BRL": [("R${}", None, ()), ("{} reais", None, ())],
    "MXN": [("MX${}", None, ())],
    "IDR": [("Rp {}", None, ()), ("{} rupiah", None, ())],
    "MYR": [("RM {}", None, ()), ("{} ringgit", None, ())],
    "ZAR": [("R{}", None, ()), ("{} rand", None, ())],
    "PLN": [("{} zł", None, ()), ("{} zloty", None, ())],
    "CZK": [("{} Kč", None, ()), ("{} koruna", None, ())],
    "HUF": [("{} Ft", None, ()), ("{} forint", None, ())],
    "SEK": [("{} kronor", None, ()), ("{} kr", "sv", ()), ("{} kr", None, ("SEK",))],
    "NOK": [("{} kr", "nb", ()), ("{} kr", None, ("NOK",))],
    "DKK": [("{} kr", "da", ()), ("{} kr", None, ("DKK",))],
}
DECIMAL_COMMA_LOCALES = {"sv", "nb", "da"}
PER_PERSON = [
    "",
    " per resident",
    " per capita",
    " per head",
    " a head",
    " for every resident",
    " per person",
]


@FAST
@given(
    number=printed_numbers(max_integer=99_999),
    code=st.sampled_from(sorted(CURRENCY_FORMS)),
    scale=st.sampled_from(WORD_SCALES),
    per=st.sampled_from(PER_PERSON),
)
def test_symbol_iso_code_and_name_are_the_same_currency(
    number: tuple[Decimal, int], code: str, scale: tuple[str, int], per: str
) -> None:
    value, places = number
    word, _factor = scale
    text = _comma(value, places)
    canonical_text = f"{code} {text}{word}{' per resident' if per else ''}"
    canonical = _read(canonical_text)
    assert format_unit(canonical.unit) == (f"{code}/person" if per else code), canonical_text
    for template, locale, hints in CURRENCY_FORMS[code]:
        # The Nordic locales that settle "kr" also read a decimal comma.
        number = _decimal_comma(text, " ") if locale in DECIMAL_COMMA_LOCALES else text
        printed = template.format(number + word) + per
        _same(_read(printed, locale, hints), canonical, printed, canonical_text)


# Percent and points -----------------------------------------------------------------------------

PERCENT_FORMS = ["%", " percent", " per cent", " pct"]
POINT_FORMS = [
    " percentage points",
    " percentage point",
    " percentage-points",
    " percentage-point",
    " points",
    " point",
    " pp",
    " ppt",
    " pts",
]
BASIS_POINT_FORMS = [" basis points", " basis point", " bp", " bps"]


@FAST
@given(number=printed_numbers(max_integer=999), negative=st.booleans())
def test_percent_and_point_spellings(number: tuple[Decimal, int], negative: bool) -> None:
    value, places = number
    text = ("-" if negative else "") + _comma(value, places)
    for forms in (PERCENT_FORMS, POINT_FORMS):
        canonical_text = text + forms[0]
        canonical = _read(canonical_text)
        for form in forms[1:]:
            _same(_read(text + form), canonical, text + form, canonical_text)


@FAST
@given(number=printed_numbers(max_integer=999))
def test_basis_points_are_hundredths_of_a_point(number: tuple[Decimal, int]) -> None:
    value, places = number
    if places == 0 and value % 10 == 0:
        value += 1  # a bare integer's trailing zeros widen it; two decimals of points would not
    points = f"{value.scaleb(-2):,.{places + 2}f} percentage points"
    canonical = _read(points)
    assert format_unit(canonical.unit) == "percentage_point"
    for form in BASIS_POINT_FORMS:
        printed = _comma(value, places) + form
        _same(_read(printed), canonical, printed, points)


# Numbers in words: exact ------------------------------------------------------------------------

_ONES = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen"
    " sixteen seventeen eighteen nineteen"
).split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()


def in_words(n: int) -> str:
    if n < 20:
        return _ONES[n]
    tens, ones = divmod(n, 10)
    return _TENS[tens - 2] + (f"-{_ONES[ones]}" if ones else "")


@FAST
@given(
    n=st.integers(min_value=0, max_value=99),
    noun=st.sampled_from(["", " visitors", " tonnes", " projects", " euros"]),
)
def test_numbers_in_words_are_exact(n: int, noun: str) -> None:
    printed = in_words(n) + noun
    reading = _read(printed)
    assert reading.interval == Interval.point(n), printed
    assert format_unit(reading.unit) == format_unit(_read(f"5{noun}").unit), printed


EXACT_WORDS = [
    (["a dozen", "twelve"], 12),
    (["a couple of", "two"], 2),
    (["a hundred", "one hundred"], 100),
    (["a thousand", "one thousand"], 10**3),
    (["a million", "one million"], 10**6),
    (["a billion", "one billion"], 10**9),
    (["half a million"], 5 * 10**5),
    (["a lakh", "one lakh"], 10**5),
    (["a crore", "one crore"], 10**7),
]


@FAST
@given(group=st.sampled_from(EXACT_WORDS), noun=st.sampled_from(["", " visitors", " yuan"]))
def test_word_quantities_are_exact(group: tuple[list[str], int], noun: str) -> None:
    phrases, value = group
    for phrase in phrases:
        reading = _read(phrase + noun)
        assert reading.interval == Interval.point(value), phrase + noun


SHARES = [
    (["half", "a half", "one in two", "1 in 2"], Fraction(50)),
    (["a third", "one third", "one in three", "1 in 3", "one out of three", "1 out of 3"], Fraction(100, 3)),
    (["two-thirds", "two thirds", "2 in 3", "two out of three"], Fraction(200, 3)),
    (["a quarter", "one in four", "1 in 4"], Fraction(25)),
    (["three-quarters", "3 in 4", "three out of four"], Fraction(75)),
    (["a fifth", "one in five", "1 in 5"], Fraction(20)),
    (["a tenth", "one in ten", "1 in 10", "1 out of 10"], Fraction(10)),
]


@FAST
@given(group=st.sampled_from(SHARES))
def test_fractions_are_exact_percentages(group: tuple[list[str], Fraction]) -> None:
    phrases, percent = group
    for phrase in phrases:
        reading = _read(phrase)
        assert reading.interval == Interval.point(percent), phrase
        assert format_unit(reading.unit) == "percent", phrase


MULTIPLES = [
    (["twice", "two times", "twofold", "two-fold"], 2),
    (["three times", "threefold", "three-fold"], 3),
    (["five times", "fivefold", "five-fold"], 5),
    (["ten times", "tenfold", "ten-fold"], 10),
]


@FAST
@given(group=st.sampled_from(MULTIPLES))
def test_word_multiples_are_exact_and_alike(group: tuple[list[str], int]) -> None:
    phrases, times = group
    first = _read(phrases[0])
    assert first.interval == Interval.point(times), phrases[0]
    for phrase in phrases[1:]:
        _same(_read(phrase), first, phrase, phrases[0])


@FAST
@given(tenths=st.integers(min_value=1, max_value=9_999))
def test_digit_multiples_are_rounded_alike(tenths: int) -> None:
    text = f"{Decimal(tenths).scaleb(-1):.1f}"
    canonical = _read(f"{text} times")
    shown, half = Fraction(tenths, 10), Fraction(1, 20)
    assert canonical.interval == Interval(shown - half, shown + half, True, False), f"{text} times"
    for printed in (f"{text}-fold", f"{text}x"):
        _same(_read(printed), canonical, printed, f"{text} times")
