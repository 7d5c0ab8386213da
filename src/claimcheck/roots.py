"""Roots and fractional powers of exact intervals, rounded outward, never through floats.

A compound annual growth rate is a root: 48 percent over four years is ``1.48 ** (1/4) - 1``.
The root of a rational number is rarely rational, so each end of a root interval is a
rational bound found with integer arithmetic: the lower end rounded down and the upper end
rounded up, to within :data:`ROOT_PRECISION_BITS` bits of the root's own size (a relative
error below 2**-64, about 5e-20). The n-th root is increasing on the non-negative numbers
(and, for odd n, on all of them), so the root of an interval is the interval between the
roots of its ends, and rounding those outward keeps every point's root inside. A float is
used only to guess where to start the integer search, never in a result.
"""

from __future__ import annotations

import math

from claimcheck.exact import Exact
from claimcheck.intervals import Endpoint, Interval, IntervalError

ROOT_PRECISION_BITS = 64
"""Bits of the root kept when it is not exact: each end is within 2**-64 of its own size."""


def integer_root(number: int, degree: int) -> int:
    """The largest integer whose ``degree``-th power is at most ``number`` (``number >= 0``)."""
    if number < 0 or degree < 1:
        raise ValueError("integer_root takes a non-negative number and a positive degree")
    if number < 2 or degree == 1:
        return number
    # A float guess of the root from the number's size, a little too large, then Newton's
    # method from above on integers, which only decreases while it is above the root.
    bits = number.bit_length()
    shift = max(0, bits - 64)
    log2 = shift + math.log2(number >> shift)
    exponent = log2 / degree
    whole = math.floor(exponent)
    mantissa = 2 ** (exponent - whole)  # in [1, 2)
    guess = (int(mantissa * 2**60) << whole) >> 60 if whole < 60 else int(mantissa * 2**60) << (whole - 60)
    root = guess + (guess >> 30) + 2
    while True:
        better = ((degree - 1) * root + number // root ** (degree - 1)) // degree
        if better >= root:
            break
        root = better
    while root**degree > number:  # the guess may fall short of above only by rounding
        root -= 1
    while (root + 1) ** degree <= number:
        root += 1
    return root


def root_bounds(value: Exact, degree: int) -> tuple[Exact, Exact]:
    """Rationals ``low <= value ** (1/degree) <= high``, equal when the root is exact.

    ``value`` must be non-negative, or negative with an odd ``degree``.
    """
    if value < 0:
        if degree % 2 == 0:
            raise IntervalError(f"an even root of a negative number ({value})")
        low, high = root_bounds(-value, degree)
        return -high, -low
    if value == 0:
        return Exact(0), Exact(0)
    top, bottom = integer_root(value.numerator, degree), integer_root(value.denominator, degree)
    if top**degree == value.numerator and bottom**degree == value.denominator:
        exact = Exact(top, bottom)  # 16/81 is (2/3) ** 4
        return exact, exact
    size = value.numerator.bit_length() - value.denominator.bit_length()
    # Scale so that the integer root has at least ROOT_PRECISION_BITS bits.
    scale = ROOT_PRECISION_BITS + 2 + max(0, -(size // degree))
    scaled, remainder = divmod(value.numerator << (scale * degree), value.denominator)
    root = integer_root(scaled, degree)
    low = Exact(root, 1 << scale)
    if remainder == 0 and root**degree == scaled:
        return low, low
    return low, Exact(root + 1, 1 << scale)


def _root_end(value: Endpoint, degree: int, upper: bool) -> tuple[Endpoint, bool]:
    """One end's root, rounded outward; the flag says whether it is exact."""
    if isinstance(value, float):
        return value, True  # the root of an infinite end is the same infinity
    low, high = root_bounds(value, degree)
    return (high if upper else low), low == high


def root_interval(interval: Interval, degree: int) -> Interval:
    """The ``degree``-th root of every point of ``interval``, within outward-rounded ends.

    An even root is taken of the interval's non-negative part only (a negative number has no
    real even root); an interval with no non-negative point is an error.
    """
    if degree < 1:
        raise ValueError("a root's degree must be a positive whole number")
    if degree == 1:
        return interval
    if degree % 2 == 0 and interval.lo < 0:
        if interval.hi < 0 or (interval.hi == 0 and not interval.hi_closed):
            raise IntervalError("an even root of a negative number")
        interval = Interval(Exact(0), interval.hi, True, interval.hi_closed)
    lo, lo_exact = _root_end(interval.lo, degree, upper=False)
    hi, hi_exact = _root_end(interval.hi, degree, upper=True)
    # A rounded end lies strictly beyond the true root, so it is never attained: open.
    return Interval(lo, hi, interval.lo_closed and lo_exact, interval.hi_closed and hi_exact)


def fractional_power(interval: Interval, exponent: Exact) -> Interval:
    """``x ** (p/q)`` for every x of ``interval``: the q-th root of the p-th power.

    ``exponent`` is taken in lowest terms, so an even q means an even root and needs
    non-negative values.
    """
    power = interval ** int(exponent.numerator)
    return root_interval(power, int(exponent.denominator))
