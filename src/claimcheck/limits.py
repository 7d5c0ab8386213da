"""Every limit claimcheck puts on hostile values, in one place, each with the reason for it.

A claim file is untrusted input: it may come from a pull request, a generator or a fuzzer.
Each value that can make claimcheck read, compute or print without end is bounded here, and
the code that enforces a limit imports it from this module, so that a reader sees the whole
budget at once and a limit is changed in one place. Crossing a limit is a claim-file error
with a place and a code, never a crash or a hang.
"""

from __future__ import annotations

import math

# Files ------------------------------------------------------------------------------------

MAX_FILE_BYTES = 5 * 1024 * 1024
"""A claim file larger than this is refused before parsing: real ones are a few kilobytes."""

MAX_ARTICLE_BYTES = 5 * 1024 * 1024
"""The article text: a long feature is about 100 KiB. Checked with the file's size (stat)
before any byte is read, and only regular files are read, never a device or a pipe."""

MAX_YAML_NODES = 200_000
"""YAML values in one claim file: bounds the memory of the parsed document."""

MAX_YAML_DEPTH = 400
"""Lists and mappings nested in one another in a claim file: a real one nests five deep.
Reading recurses once per level, so the limit keeps it well within Python's stack however
claimcheck is called."""

MAX_RECORDS = 10_000
"""Claims, references or checks in one list: an article has tens of figures."""

MAX_QUOTE_SEARCH = 2_000_000_000
"""Characters of article text searched for quotes, over all quotes of a file (each quote is
one linear scan, about a second for the whole budget). A long feature with a hundred quotes
uses 1 percent of it; 10,000 quotes in a 5 MiB text would take half a minute."""

MAX_TEXT = 5_000
"""Characters in any text field (a quote, a title): a paragraph, not a book."""

# Figures ----------------------------------------------------------------------------------

MAX_FIGURE_LENGTH = 200
"""Characters in a printed figure: "more than 55.6 billion yuan" is about 30."""

MAX_NUMBER_DIGITS = 100
"""Digits on either side of the point of a number written in a claim file or a formula.
The largest figures in the news (world GDP in yuan) have 15; a googol is plenty, and it
keeps exact rational arithmetic on the numbers instant."""

MAX_PRECISION_DIGITS = 15
"""Digits before and after the point of a figure's ``precision`` ('1', '0.1', '1,000'):
written as a plain decimal, never with an exponent, so that no precision can ask for a
power of ten with a billion digits ('1e999999999')."""

MAX_PRINTED_DIGITS = 30
"""Digits of one number in a printed figure: the largest figures in the news have 15."""

MAX_PARTS = 100
"""Parts of a total: a breakdown by district or by month has tens."""

# Periods and formulas ---------------------------------------------------------------------

MAX_PERIOD_DEPTH = 4
"""Periods nest ("the first quarter of last year" reads a year inside a quarter); deeper
nesting is never a date and would only recurse."""

MAX_PERIOD_LENGTH = 100
"""Characters in a period: "between the first quarter of 2020 and the third quarter of 2021"
is 62. A range is tried at each of its separators, so the length bounds that search."""

MAX_FORMULA_LENGTH = 500
"""Characters in a formula written in a claim file: the longest real ones are about 80."""

MAX_FORMULA_NODES = 200
"""Syntax-tree nodes of a formula written in a claim file."""

MAX_FORMULA_DEPTH = 50
"""Nesting of parentheses and operators in a formula: evaluation recurses once per level."""

MAX_EXPONENT = 12
"""A power in a formula: compounding over twelve months or years at most."""

MAX_ROOT_DEGREE = 1_200
"""The degree of a root (``root(x, n)``, ``x ** (1/n)``): a span of a hundred years counted in
months. Each end of a root is bounded with integer arithmetic on numbers of about 64 times the
degree bits: about 3 ms of CPU at this degree for the largest result a formula may hold, so
a formula of 200 parts full of roots stays under a second."""

MAX_RESULT_DIGITS = 1_000
"""Digits of the numerator or denominator of a value computed from a formula. Exact
arithmetic grows numbers without bound (a power of a power of a power): a power that would
pass this is refused before it is taken, and every formula's result is checked, so no step
takes more than a moment. (Sums and products grow only to the size of their operands.)"""

MAX_RESULT_BITS = math.ceil(MAX_RESULT_DIGITS * math.log2(10))
""":data:`MAX_RESULT_DIGITS` in bits, which Python counts without converting to text."""

# Display ----------------------------------------------------------------------------------

MAX_PLAIN_DIGITS = 30
"""Digits a number is written out with in reports before scientific notation takes over:
1e+40 is more readable than forty digits, and a million zeros would never finish."""

MAX_EXACT_DIGITS = 1_000
"""Digits of an exact interval end in machine output (JSON). Python refuses to turn an
integer of more than 4,300 digits into text; past this limit an end is given rounded, as
"~1.23457e+4620"."""
