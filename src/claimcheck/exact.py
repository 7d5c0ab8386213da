"""The exact rational numbers every figure, interval end and derived value is made of.

Verdicts must never depend on rounding, so claimcheck computes with rationals, never floats.
They are gmpy2's ``mpq``: the same values, comparisons, hashes and ``str()`` as the standard
library's ``fractions.Fraction``, at a tenth of its cost per operation (``Fraction`` is written
in Python; its arithmetic was a fifth of the time spent verifying an archive). The property
tests check the interval arithmetic against ``Fraction`` as the reference.

Two differences matter to code that takes numbers apart: an ``mpq``'s numerator and
denominator are ``mpz`` integers, which are not ``int`` (``isinstance`` says no, ``Decimal``
and the ``,`` format refuse them), and ``round()`` and ``math.floor()`` give ``mpz``. Such code
goes through ``int()``. For the type checker, ``Exact`` is ``Fraction``: the interface they
share is all claimcheck uses. A power with an ``mpq`` exponent gives an inexact ``mpfr`` even
when the exponent is whole: exponents are Python ``int``s. And ``mpq`` reads ASCII digits
only, where the claim file's text may have others: such text goes through :func:`from_text`.
"""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    Exact = Fraction
else:
    from gmpy2 import mpq as Exact

__all__ = ["Exact", "from_text"]


def from_text(text: str) -> Exact:
    """A decimal number written in a claim file ("0.1", "12", or "١٢" in Arabic-Indic digits),
    read as ``Fraction`` reads it: gmpy2 refuses digits other than ASCII ones."""
    return Exact(Fraction(text))
