"""Exact interval arithmetic over rational numbers, with open, closed and infinite ends.

A printed figure stands for every value that would have been printed the same way, so each
figure becomes an interval and every derived figure is computed on intervals. Finite ends are
``Exact`` values so that rounding never decides a verdict; an infinite end is ``math.inf``
or ``-math.inf`` and is always open.
"""

from __future__ import annotations

import math
from typing import Any

from claimcheck.exact import Exact
from claimcheck.valueclass import FROZEN, value_class

Endpoint = Exact | float
"""A finite ``Exact`` or one of the floats ``math.inf`` and ``-math.inf``."""

INF = math.inf
_ZERO = Exact(0)


class IntervalError(ArithmeticError):
    """An operation that has no interval result, such as an exponent too large to compute."""


def _mul_end(a: Endpoint, b: Endpoint) -> Endpoint:
    # Zero times anything is zero here: the corner 0 * inf stands for the limit of 0 * y,
    # which is 0 for every finite y the interval holds.
    if not a or not b:
        return _ZERO
    if isinstance(a, float) or isinstance(b, float):
        return INF if (a > 0) == (b > 0) else -INF
    return a * b


@value_class(slots=True)
class Interval:
    """The set of reals between ``lo`` and ``hi``, each end open or closed."""

    lo: Endpoint
    hi: Endpoint
    lo_closed: bool = True
    hi_closed: bool = True

    def __post_init__(self) -> None:
        lo, hi = self.lo, self.hi
        if type(lo) is Exact and type(hi) is Exact:  # the common case: two finite ends
            if lo > hi or (lo == hi and not (self.lo_closed and self.hi_closed)):
                raise ValueError(f"empty interval: {lo}..{hi}")
            return
        if isinstance(self.lo, float) and self.lo != -INF:
            raise ValueError(f"finite interval ends must be exact, not {self.lo!r}")
        if isinstance(self.hi, float) and self.hi != INF:
            raise ValueError(f"finite interval ends must be exact, not {self.hi!r}")
        if self.lo > self.hi or (self.lo == self.hi and not (self.lo_closed and self.hi_closed)):
            raise ValueError(f"empty interval: {self.lo}..{self.hi}")
        # An infinite end is never attained.
        if isinstance(self.lo, float):
            object.__setattr__(self, "lo_closed", False)
        if isinstance(self.hi, float):
            object.__setattr__(self, "hi_closed", False)

    # construction -------------------------------------------------------------------------
    @classmethod
    def point(cls, value: Exact | int) -> Interval:
        """The one-point interval ``[value, value]``."""
        v = Exact(value)
        return cls(v, v)

    @classmethod
    def everything(cls) -> Interval:
        """The whole real line: what is known of a quotient whose divisor may be zero."""
        return cls(-INF, INF, False, False)

    # queries ------------------------------------------------------------------------------
    @property
    def is_point(self) -> bool:
        return self.lo == self.hi

    def contains(self, value: Exact | int) -> bool:
        """Whether ``value`` lies in the interval."""
        above = value > self.lo or (value == self.lo and self.lo_closed)
        below = value < self.hi or (value == self.hi and self.hi_closed)
        return above and below

    def contains_zero(self) -> bool:
        return self.contains(0)

    def overlaps(self, other: Interval) -> bool:
        """Whether some value lies in both intervals."""
        # _max_lo and _min_hi written out: every comparison of a figure asks this.
        a, b = self.lo, other.lo
        if a > b:
            lo, lo_closed = a, self.lo_closed
        elif b > a:
            lo, lo_closed = b, other.lo_closed
        else:
            lo, lo_closed = a, self.lo_closed and other.lo_closed
        a, b = self.hi, other.hi
        if a < b:
            hi, hi_closed = a, self.hi_closed
        elif b < a:
            hi, hi_closed = b, other.hi_closed
        else:
            hi, hi_closed = a, self.hi_closed and other.hi_closed
        return lo < hi or (lo == hi and lo_closed and hi_closed)

    def intersection(self, other: Interval) -> Interval | None:
        """The values in both intervals, or None when there are none."""
        if not self.overlaps(other):
            return None
        lo, lo_closed = _max_lo(self, other)
        hi, hi_closed = _min_hi(self, other)
        return Interval(lo, hi, lo_closed, hi_closed)

    def is_below(self, other: Interval) -> bool:
        """Whether every value here is less than every value of ``other``."""
        return self.hi < other.lo or (self.hi == other.lo and not (self.hi_closed and other.lo_closed))

    def gap_to(self, other: Interval) -> Exact:
        """The distance between two intervals, zero when they touch or overlap."""
        if self.is_below(other):
            return Exact(other.lo) - Exact(self.hi)
        if other.is_below(self):
            return Exact(self.lo) - Exact(other.hi)
        return Exact(0)

    # arithmetic ---------------------------------------------------------------------------
    def __neg__(self) -> Interval:
        return _made(-self.hi, -self.lo, self.hi_closed, self.lo_closed)

    def __add__(self, other: Interval) -> Interval:
        # An infinite end absorbs any finite one. Mixed with a float, an exact number would
        # turn into an inexact one first (gmpy2's mpfr), which is neither exact nor a float.
        a_lo, a_hi, b_lo, b_hi = self.lo, self.hi, other.lo, other.hi
        return _made(
            a_lo if isinstance(a_lo, float) else b_lo if isinstance(b_lo, float) else a_lo + b_lo,
            a_hi if isinstance(a_hi, float) else b_hi if isinstance(b_hi, float) else a_hi + b_hi,
            self.lo_closed and other.lo_closed,
            self.hi_closed and other.hi_closed,
        )

    def __sub__(self, other: Interval) -> Interval:
        # self + (-other) without making -other: each end less the other's opposite end.
        a_lo, a_hi, b_lo, b_hi = self.lo, self.hi, other.lo, other.hi
        return _made(
            a_lo if isinstance(a_lo, float) else -b_hi if isinstance(b_hi, float) else a_lo - b_hi,
            a_hi if isinstance(a_hi, float) else -b_lo if isinstance(b_lo, float) else a_hi - b_lo,
            self.lo_closed and other.hi_closed,
            self.hi_closed and other.lo_closed,
        )

    def __mul__(self, other: Interval) -> Interval:
        a_lo, b_lo = self.lo, other.lo
        if type(a_lo) is Exact and type(b_lo) is Exact and a_lo > 0 and b_lo > 0:
            # Both intervals above zero, the common case (counts, money, rates above zero):
            # the product runs from the product of the lower ends to that of the upper ones,
            # each end closed when both ends it comes from are.
            a_hi, b_hi = self.hi, other.hi
            hi = INF if isinstance(a_hi, float) or isinstance(b_hi, float) else a_hi * b_hi
            return _made(
                a_lo * b_lo, hi, self.lo_closed and other.lo_closed, self.hi_closed and other.hi_closed
            )
        corners = [
            (_mul_end(a, b), (a_closed and b_closed) or (not a and a_closed) or (not b and b_closed))
            for a, a_closed in ((self.lo, self.lo_closed), (self.hi, self.hi_closed))
            for b, b_closed in ((other.lo, other.lo_closed), (other.hi, other.hi_closed))
        ]
        lo = min(value for value, _ in corners)
        hi = max(value for value, _ in corners)
        lo_closed = any(closed for value, closed in corners if value == lo)
        hi_closed = any(closed for value, closed in corners if value == hi)
        return Interval(lo, hi, lo_closed, hi_closed)

    def reciprocal(self) -> Interval:
        """``1 / x`` over the interval; the whole line when the interval holds zero."""
        lo = self.lo
        if type(lo) is Exact and lo > 0:  # above zero, the common case
            return _made(_recip_end(self.hi), 1 / lo, self.hi_closed, self.lo_closed)
        if self.contains_zero():
            return Interval.everything()
        if self.lo == 0:  # (0, h]: 1/x runs from 1/h up without bound
            return Interval(_recip_end(self.hi), INF, self.hi_closed, False)
        if self.hi == 0:  # [l, 0): 1/x runs down without bound to 1/l
            return Interval(-INF, _recip_end(self.lo), False, self.lo_closed)
        return Interval(_recip_end(self.hi), _recip_end(self.lo), self.hi_closed, self.lo_closed)

    def __truediv__(self, other: Interval) -> Interval:
        a_lo, b_lo, b_hi = self.lo, other.lo, other.hi
        if type(a_lo) is Exact and type(b_lo) is Exact and type(b_hi) is Exact and a_lo > 0 and b_lo > 0:
            # Both above zero and the divisor finite, the common case: what the product with
            # the reciprocal gives (see __mul__), without making the reciprocal.
            a_hi = self.hi
            return _made(
                a_lo / b_hi,
                a_hi if isinstance(a_hi, float) else a_hi / b_lo,
                self.lo_closed and other.hi_closed,
                self.hi_closed and other.lo_closed,
            )
        return self * other.reciprocal()

    def __pow__(self, exponent: int) -> Interval:
        if exponent < 0:
            return (self**-exponent).reciprocal()
        if exponent == 0:
            return Interval.point(1)
        lo_p, hi_p = _pow_end(self.lo, exponent), _pow_end(self.hi, exponent)
        if exponent % 2 == 1 or self.lo >= 0:
            return Interval(lo_p, hi_p, self.lo_closed, self.hi_closed)
        if self.hi <= 0:
            return Interval(hi_p, lo_p, self.hi_closed, self.lo_closed)
        # The interval straddles zero: an even power reaches 0 and the larger end's power.
        if lo_p > hi_p:
            return Interval(Exact(0), lo_p, True, self.lo_closed)
        if hi_p > lo_p:
            return Interval(Exact(0), hi_p, True, self.hi_closed)
        return Interval(Exact(0), hi_p, True, self.lo_closed or self.hi_closed)

    def minimum(self, other: Interval) -> Interval:
        """``min(x, y)`` for x here and y in ``other``."""
        return -((-self).maximum(-other))

    def maximum(self, other: Interval) -> Interval:
        """``max(x, y)`` for x here and y in ``other``."""
        lo, lo_closed = _max_lo(self, other)
        if self.hi > other.hi:
            hi, hi_closed = self.hi, self.hi_closed
        elif other.hi > self.hi:
            hi, hi_closed = other.hi, other.hi_closed
        else:
            hi, hi_closed = self.hi, self.hi_closed or other.hi_closed
        return Interval(lo, hi, lo_closed, hi_closed)

    def absolute(self) -> Interval:
        """``|x|`` over the interval."""
        if self.lo >= 0:
            return self
        if self.hi <= 0:
            return -self
        # Straddling zero: |x| reaches 0 and the larger of the two magnitudes.
        return Interval.point(0).maximum(-self).maximum(self)

    def scaled(self, factor: Exact) -> Interval:
        """The interval times an exact constant."""
        if factor > 0:  # each end times the factor, open or closed as it was
            lo, hi = self.lo, self.hi
            return _made(
                lo if isinstance(lo, float) else lo * factor,
                hi if isinstance(hi, float) else hi * factor,
                self.lo_closed,
                self.hi_closed,
            )
        return self * Interval.point(factor)


_new = object.__new__


def _made_as_is(lo: Endpoint, hi: Endpoint, lo_closed: bool, hi_closed: bool) -> Interval:
    made: Any = _new(Interval)  # written as a plain object is: a value class is frozen to mypy only
    made.lo = lo
    made.hi = hi
    made.lo_closed = lo_closed
    made.hi_closed = hi_closed
    return made  # type: ignore[no-any-return]


def _made_and_checked(lo: Endpoint, hi: Endpoint, lo_closed: bool, hi_closed: bool) -> Interval:
    made = Interval(lo, hi, lo_closed, hi_closed)
    assert (made.lo_closed, made.hi_closed) == (lo_closed, hi_closed), "an infinite end is open"
    return made


_made = _made_and_checked if FROZEN else _made_as_is
"""An interval that arithmetic on valid intervals made, not checked again: its ends are in
order, closed where they meet and open where infinite, by the way it was made (checking was
half the cost of making one, and the arithmetic makes dozens per claim file). Under the tests
(frozen values, see claimcheck.valueclass) each one is checked as any interval is, which must
neither fail nor change it."""


def _recip_end(value: Endpoint) -> Endpoint:
    if isinstance(value, float):
        return Exact(0)
    return 1 / value


def _pow_end(value: Endpoint, exponent: int) -> Endpoint:
    if isinstance(value, float):
        return INF if value > 0 or exponent % 2 == 0 else -INF
    return value**exponent


def _max_lo(a: Interval, b: Interval) -> tuple[Endpoint, bool]:
    if a.lo > b.lo:
        return a.lo, a.lo_closed
    if b.lo > a.lo:
        return b.lo, b.lo_closed
    return a.lo, a.lo_closed and b.lo_closed


def _min_hi(a: Interval, b: Interval) -> tuple[Endpoint, bool]:
    if a.hi < b.hi:
        return a.hi, a.hi_closed
    if b.hi < a.hi:
        return b.hi, b.hi_closed
    return a.hi, a.hi_closed and b.hi_closed
