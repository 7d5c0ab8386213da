"""Finding codes: every kind of finding has a stable code, a name and documentation.

Codes are grouped by family, like ruff's: CC1xx inconsistencies (errors), CC2xx ambiguities and
loose fits (warnings), CC3xx notes (nothing to compare, too rough to test, fits only within
rounding), CC4xx claim-file errors (CC499: claimcheck itself failed on a
record), CC5xx likely causes of an inconsistency (notes shown with it). A name says what is
wrong, not how to fix it.
``claimcheck rules`` lists them, ``claimcheck rule CODE`` shows one, and the SARIF output
describes its rules from this same table.
"""

from __future__ import annotations

from typing import Literal

from claimcheck.valueclass import value_class

Level = Literal["error", "warning", "note"]


@value_class(repr=False, eq=False)
class Rule:
    """One kind of finding, with the same documentation sections for every rule."""

    code: str
    name: str
    level: Level
    summary: str
    """One line: what the rule finds."""
    why: str
    """Why it matters to a fact-checker."""
    example: str
    """A claim that triggers it."""


def _rules(*rules: Rule) -> dict[str, Rule]:
    return {rule.code: rule for rule in rules}


RULES: dict[str, Rule] = _rules(
    Rule(
        "CC101",
        "change-inconsistent",
        "error",
        "A value, its previous value and the printed change do not fit together.",
        "A growth rate that the printed values cannot produce is either a typo or a wrong base year.",
        "65 million tourists, up 16.2 percent from 50 million (that is up at least 27.7 percent).",
    ),
    Rule(
        "CC102",
        "conversion-inconsistent",
        "error",
        "An amount and its conversion do not fit the exact factor or the printed rate.",
        "A conversion that is off points to a wrong rate, a wrong unit or a slipped digit.",
        "42 km (31 miles): 42 km is 26.1 miles.",
    ),
    Rule(
        "CC103",
        "share-inconsistent",
        "error",
        "A part, its whole and the printed share do not fit, or a share exceeds 100 percent.",
        "Shares are often recomputed by readers; one that does not add up undermines the story.",
        "10 million of 65 million visitors, or 25 percent (it is 15.4 percent).",
    ),
    Rule(
        "CC104",
        "total-inconsistent",
        "error",
        "Parts do not add up to the printed total.",
        "Readers add up parts; a total that does not match them is the first thing they notice.",
        "1.2 million and 3.4 million, a total of 5.1 million.",
    ),
    Rule(
        "CC105",
        "bound-out-of-range",
        "error",
        "A bound lies outside the values the quantity can take.",
        "'Surpassed 101 percent' of a coverage rate cannot be true.",
        "Coverage rates surpassed 101 percent.",
    ),
    Rule(
        "CC106",
        "date-inconsistent",
        "error",
        "An event told as past is dated after the publication, or a plan before it.",
        "A relative date ('October last year') resolved wrongly moves an event by a year.",
        "'In July 2025, the city set up a group', in an article of March 2025.",
    ),
    Rule(
        "CC107",
        "ratio-inconsistent",
        "error",
        "A ratio of two claims does not fit the figure printed for it.",
        "Per-person and per-project figures are easy to get wrong by a factor of a thousand.",
        "66.3 billion yuan from 65 million tourists, 'or 102 yuan each'.",
    ),
    Rule(
        "CC108",
        "comparison-impossible",
        "error",
        "A comparison between claims fails for every reading of the printed figures.",
        "A part larger than its whole means one of the two figures is wrong.",
        "Pingyao's 70 million visitors within Jinzhong's 65 million tourists.",
    ),
    Rule(
        "CC109",
        "formula-inconsistent",
        "error",
        "A formula over claims does not fit the figure printed for it.",
        "Derived figures the article prints should follow from the figures it prints.",
        "Revenue per tourist grew 20 percent, when revenue grew 27.5 and tourists 16.2 percent.",
    ),
    Rule(
        "CC110",
        "reference-mismatch",
        "error",
        "A figure does not agree with the reference figure of the source it came from.",
        "A figure that differs from its source beyond rounding was miscopied or misattributed.",
        "'more than 12 million visitors' where the county report says 10.12 million.",
    ),
    Rule(
        "CC201",
        "percent-or-points",
        "warning",
        "A change in percent of a quantity that is itself a percentage: relative, or in points?",
        "'Up 1 percent' of a 50 percent rate is 50.5 or 51 percent; readers cannot tell which.",
        "The urbanization rate has increased by 1 percent annually.",
    ),
    Rule(
        "CC202",
        "fits-only-loosely",
        "warning",
        "A figure fits only if a round printed figure is taken as rounded to its last non-zero"
        " digit: read to its last printed digit, it does not fit.",
        "'Up 10 percent' that is really 5.5 percent is a wrong figure that rounding alone would hide.",
        "Up 10 percent, from 4.00 million to 4.22 million (that is 5.5 percent).",
    ),
    Rule(
        "CC203",
        "fits-one-reading",
        "warning",
        "A change in percent of a percentage fits only one reading: relative, or percentage points.",
        "Readers take 'up 2%' of a rate as either; the article should say 'points' when it means them.",
        "The rate rises by 2%, from 18% to 20% (2 points; as a relative change 11.1 percent).",
    ),
    Rule(
        "CC301",
        "nothing-to-compare",
        "note",
        "A figure or derived figure has nothing printed to compare it with.",
        "Not an error: the implied figures are shown so that they can be checked against sources.",
        "65 million tourists, up 16.2 percent: the implied 2023 figure is about 56 million.",
    ),
    Rule(
        "CC302",
        "too-rough-to-test",
        "note",
        "The printed figures are too rough to test the comparison: what they imply spans more"
        " than half of the figure it is compared with, so any plausible value would pass.",
        "Calling such a pair consistent would vouch for figures that were never really tested.",
        "EUR 1,000 ($1,046): read as rounded to the nearest thousand, any rate from 0.48 to 1.43 fits.",
    ),
    Rule(
        "CC303",
        "fits-within-rounding",
        "note",
        "A figure fits only thanks to rounding: the printed numbers themselves give a result"
        " outside the printed one, but their rounding intervals meet.",
        "Usually fine; a reader redoing the sum gets a slightly different figure.",
        "4.83 million, up 12.8 percent from 4.28 million (the printed numbers give 12.9 percent).",
    ),
    Rule(
        "CC401",
        "file-unreadable",
        "error",
        "A claim file (or the article text it names) cannot be read: missing, binary, not UTF-8, too large.",
        "Nothing in the file can be checked.",
        "A claim file saved as UTF-16.",
    ),
    Rule(
        "CC402",
        "yaml-invalid",
        "error",
        "A claim file is not YAML claimcheck accepts: a syntax error, duplicate keys, anchors or tags.",
        "Duplicate keys silently drop a figure in other tools; anchors and tags can run up resources.",
        "Two 'value:' keys in one claim.",
    ),
    Rule(
        "CC403",
        "schema-invalid",
        "error",
        "A claim file has the wrong shape: unknown or missing keys, wrong types, bad ids or periods.",
        "A misspelt key would otherwise leave a figure unchecked without anyone noticing.",
        "'valeu: 10 projects' instead of 'value:'.",
    ),
    Rule(
        "CC404",
        "figure-unreadable",
        "error",
        "A printed figure cannot be read as a number.",
        "A figure claimcheck cannot read is a figure it cannot check.",
        "value: a great many",
    ),
    Rule(
        "CC405",
        "unknown-unit",
        "error",
        "A figure or check names a unit or currency that claimcheck does not define.",
        "Units are checked all the way; an unknown one would make every check on it meaningless.",
        "5 million widgets",
    ),
    Rule(
        "CC406",
        "reference-invalid",
        "error",
        "A check refers to an id or value that does not exist, or checks refer to each other in a cycle.",
        "A check on a missing claim would check nothing.",
        "numerator: tourist (the claim is 'tourists')",
    ),
    Rule(
        "CC407",
        "unit-mismatch",
        "error",
        "A computation adds, subtracts or compares amounts of different units.",
        "Yuan added to visitors is a mistake in the claim file, not a finding about the article.",
        "formula: revenue + tourists",
    ),
    Rule(
        "CC408",
        "formula-invalid",
        "error",
        "A formula is malformed or uses something the safe expression language does not allow.",
        "Nothing in a claim file may run code.",
        "formula: __import__('os').system('...')",
    ),
    Rule(
        "CC409",
        "quote-mismatch",
        "error",
        "A quote is not in the article text, or a figure is not in its quote.",
        "A claim file must encode what the article says, word for word.",
        "quote: 'Jinzhong hosted 75 million tourists' (the article says 65 million).",
    ),
    Rule(
        "CC410",
        "value-too-large",
        "error",
        "A number in the claim file, or one computed from it, passes claimcheck's limits on size.",
        "Exact arithmetic on such numbers would take hours or all memory; no article needs them.",
        "formula: (((2 ** 12) ** 12) ** 12) ** 12",
    ),
    Rule(
        "CC411",
        "config-invalid",
        "error",
        "The project configuration (claimcheck.toml or [tool.claimcheck]) or a claim file's"
        " 'units:' section cannot be used.",
        "A unit declared wrongly would change how every figure that uses it is read.",
        "units: {'bed night': 'nigth'} (no unit 'nigth')",
    ),
    Rule(
        "CC499",
        "internal-error",
        "error",
        "claimcheck failed unexpectedly on one claim, check or file; the rest was still checked.",
        "The record was not checked at all. Please report it with the claim file and --debug output.",
        "A claim file that makes claimcheck raise an exception it did not expect.",
    ),
    # Likely causes (CC5xx): notes beside an inconsistency, one code per class of slip, found
    # by claimcheck.causes. They never change a verdict; reports show them with the
    # inconsistency they explain (see LIKELY_CAUSES below).
    Rule(
        "CC501",
        "digit-changed",
        "note",
        "The inconsistency goes away if one digit of a printed figure is changed.",
        "A single mistyped digit is the commonest slip in copy; the editor can check that digit.",
        "55.6 billion yuan ($7.06 billion): it fits if '$7.06 billion' is '$7.66 billion'.",
    ),
    Rule(
        "CC502",
        "digits-swapped",
        "note",
        "The inconsistency goes away if two adjacent digits of a printed figure are swapped.",
        "Transposed digits are a typing slip that reads naturally and survives proofreading.",
        "65 million tourists, up 61.2 percent from 56 million: it fits as '16.2 percent'.",
    ),
    Rule(
        "CC503",
        "scale-slipped",
        "note",
        "The inconsistency goes away if a decimal point moves (times 10 or 1,000) or a scale"
        " word changes (million for billion).",
        "A slipped decimal point or scale word makes a figure ten or a thousand times off.",
        "66.3 billion yuan from 65 million tourists, 'or 1.02 yuan each': it fits as '1,020 yuan'.",
    ),
    Rule(
        "CC504",
        "percent-for-points",
        "note",
        "The inconsistency goes away if a change printed in percentage points is read in percent,"
        " or the other way round.",
        "A rise from 18 to 20 percent is 2 points but 11.1 percent; the two are easily confused.",
        "Renewables rose 12.5 percentage points, to 27 from 24 percent: it fits as '12.5 percent'.",
    ),
    Rule(
        "CC505",
        "wrong-base",
        "note",
        "A printed change fits the difference divided by the new value, not by the previous one.",
        "A change in percent is relative to the earlier value; dividing by the later one is a"
        " classic slip that understates rises and overstates falls.",
        "4.83 million, up 12.8 percent from 4.21 million: (4.83 - 4.21) / 4.83 = 12.8 percent.",
    ),
    Rule(
        "CC506",
        "sum-off-by-a-part",
        "note",
        "A printed total fits the sum of its parts with one part left out, or counted twice.",
        "A total that misses or repeats a part is a slip of addition, not of any one figure.",
        "1.2 million, 3.4 million and 0.9 million, a total of 4.3 million: the 1.2 million is left out.",
    ),
    Rule(
        "CC507",
        "wrong-divisor",
        "note",
        "A printed ratio fits its numerator divided by another figure of the article, of the"
        " same kind as its denominator.",
        "A per-person figure divided by last year's count, or by the wrong group, is off by a"
        " plausible-looking factor.",
        "66.3 billion yuan from 65 million tourists, 'or 1,180 yuan each': per last year's 56 million.",
    ),
)

INCONSISTENT_BY_KIND: dict[str, str] = {
    "change": "CC101",
    "conversion": "CC102",
    "share": "CC103",
    "total": "CC104",
    "bound": "CC105",
    "event": "CC106",
    "ratio": "CC107",
    "comparison": "CC108",
    "formula": "CC109",
    "match": "CC110",
}
"""The inconsistency rule of each claim and check kind."""

# Named checks and multi-year changes (issue 8, items 5 and 6) ----------------------------
# A multi-year change is a change: its inconsistencies are CC101. Kept as a block of its own,
# and RULES kept in code order, so that other rules can be added above without a clash.

RULES = dict(
    sorted(
        {
            **RULES,
            **_rules(
                Rule(
                    "CC120",
                    "rates-disagree",
                    "error",
                    "Conversions that should use one exchange rate imply rates no single rate fits.",
                    "A newsroom converts one article's amounts at one rate; an amount whose rate"
                    " stands apart was converted at another rate, or miscopied.",
                    "55.6 billion yuan ($7.66 billion) and 3.2 billion yuan ($470 million):"
                    " 7.25 and 6.81 yuan per dollar.",
                ),
            ),
        }.items()
    )
)
INCONSISTENT_BY_KIND["same_rate"] = "CC120"

AMBIGUOUS = "CC201"
LOOSE_FIT = "CC202"
ONE_READING_FITS = "CC203"
UNVERIFIABLE = "CC301"
TOO_ROUGH = "CC302"
ROUNDING_FIT = "CC303"
FILE_UNREADABLE = "CC401"
YAML_INVALID = "CC402"
SCHEMA_INVALID = "CC403"
FIGURE_UNREADABLE = "CC404"
UNKNOWN_UNIT = "CC405"
REFERENCE_INVALID = "CC406"
UNIT_MISMATCH = "CC407"
FORMULA_INVALID = "CC408"
QUOTE_MISMATCH = "CC409"
VALUE_TOO_LARGE = "CC410"
CONFIG_INVALID = "CC411"
INTERNAL_ERROR = "CC499"
DIGIT_CHANGED = "CC501"
DIGITS_SWAPPED = "CC502"
SCALE_SLIPPED = "CC503"
PERCENT_FOR_POINTS = "CC504"
WRONG_BASE = "CC505"
SUM_OFF_BY_A_PART = "CC506"
WRONG_DIVISOR = "CC507"

LIKELY_CAUSES = frozenset(code for code in RULES if code.startswith("CC5"))
"""The likely-cause rules: notes that reports show wherever the inconsistency they explain is shown."""

LEVEL_RANK: dict[Level, int] = {"note": 0, "warning": 1, "error": 2}
