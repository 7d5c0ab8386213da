"""Amounts: an interval of values with a unit, and the printed figure's own value beside it.

Every derived figure is an :class:`Amount`. Arithmetic checks units with pint at every step:
adding yuan to visitors raises :class:`~claimcheck.units.UnitMismatchError`. The ``nominal``
value is the same computation on the printed numbers themselves; it tells whether a result
is consistent outright or only thanks to rounding latitude.

A round figure has two readings (see :mod:`claimcheck.figures`): the loose one, where "1,200"
may be rounded to the nearest hundred, is ``interval``; the strict one, half a unit of the
last printed digit, is ``strict`` when it differs. Both are carried through every operation,
so that a verdict can tell "fits as printed" from "fits only if 1,200 is a round hundred".
"""

from __future__ import annotations

from collections.abc import Callable

from claimcheck import units
from claimcheck.exact import Exact
from claimcheck.intervals import Interval
from claimcheck.units import Unit, UnitMismatchError
from claimcheck.valueclass import value_class


@value_class(slots=True)
class Amount:
    """Values between two ends, in a unit."""

    interval: Interval
    unit: Unit
    nominal: Exact | None = None
    strict: Interval | None = None
    """The values under the strict readings of the printed figures, when narrower."""
    loose: tuple[str, ...] = ()
    """The printed figures whose loose reading widens ``interval``, in words:
    "'10 percent' is rounded to the nearest ten"."""
    hedged: tuple[str, ...] = ()
    """The approximate hedges whose margin widens both readings: "'about 65 million'"."""

    @property
    def strict_interval(self) -> Interval:
        """The values under the strict readings (the loose interval when they are the same)."""
        return self.interval if self.strict is None else self.strict

    def strict_amount(self) -> Amount:
        """The amount under its strict reading alone."""
        if self.strict is None:
            return self
        return Amount(self.strict, self.unit, self.nominal, None, (), self.hedged)

    def relabelled(self, unit: Unit) -> Amount:
        """The same numbers read in ``unit``, unconverted: "7.26" printed beside a dollar
        amount as 7.26 yuan per dollar, a percent change read as points of a percent scale."""
        return Amount(self.interval, unit, self.nominal, self.strict, self.loose, self.hedged)

    def _with(self, interval: Interval, unit: Unit, nominal: Exact | None, strict: Interval | None) -> Amount:
        """A result of one operand: the same latitude notes."""
        return Amount(interval, unit, nominal, strict, self.loose, self.hedged)

    @classmethod
    def number(cls, value: Exact | int) -> Amount:
        """An exact plain number, such as the 1 in ``1 + rate``."""
        return cls(Interval.point(value), units.dimensionless(), Exact(value))

    def to(self, unit: Unit) -> Amount:
        """The same amount expressed in ``unit`` (which must be of the same dimension)."""
        if unit is self.unit:
            return self
        factor = units.conversion(self.unit, unit)
        if factor is None:  # the same unit
            return self
        if factor is units.ONE:  # the same numbers, another name: nothing to multiply
            return self._with(self.interval, unit, self.nominal, self.strict)
        return self._scaled(factor, unit)

    def _scaled(self, factor: Exact, unit: Unit) -> Amount:
        """The numbers times ``factor``, in ``unit``."""
        nominal = None if self.nominal is None else self.nominal * factor
        strict = None if self.strict is None else self.strict.scaled(factor)
        return self._with(self.interval.scaled(factor), unit, nominal, strict)

    def _aligned(self, other: Amount, operation: str) -> Amount:
        if other.unit is self.unit:  # the commonest case, decided without a look-up
            return other
        if not units.same_dimension(self.unit, other.unit):
            raise UnitMismatchError(self.unit, other.unit, operation)
        return other.to(self.unit)

    def __add__(self, other: Amount) -> Amount:
        other = self._aligned(other, "add")
        a, b = self.nominal, other.nominal  # _both, written out: most derived figures are sums
        return _combined(self, other, Interval.__add__, self.unit, None if a is None or b is None else a + b)

    def __sub__(self, other: Amount) -> Amount:
        other = self._aligned(other, "subtract")
        a, b = self.nominal, other.nominal
        return _combined(self, other, Interval.__sub__, self.unit, None if a is None or b is None else a - b)

    def __neg__(self) -> Amount:
        strict = None if self.strict is None else -self.strict
        return self._with(-self.interval, self.unit, None if self.nominal is None else -self.nominal, strict)

    # A product or quotient cancels what cancels: CNY per CNY is a plain number, percent of
    # visits is visits (units.reduced). The unit it ends in and the factor to it are looked up
    # once per pair of units; the numbers are multiplied by the factor only when it is not 1.
    def __mul__(self, other: Amount) -> Amount:
        unit, factor = units.product(self.unit, other.unit)
        a, b = self.nominal, other.nominal
        result = _combined(self, other, Interval.__mul__, unit, None if a is None or b is None else a * b)
        return result if factor is None or factor is units.ONE else result._scaled(factor, unit)

    def __truediv__(self, other: Amount) -> Amount:
        unit, factor = units.quotient(self.unit, other.unit)
        a, b = self.nominal, other.nominal
        nominal = a / b if a is not None and b else None  # none for a divisor of 0 (or none)
        result = _combined(self, other, Interval.__truediv__, unit, nominal)
        return result if factor is None or factor is units.ONE else result._scaled(factor, unit)

    def __pow__(self, exponent: int) -> Amount:
        nominal = None
        if self.nominal is not None and not (self.nominal == 0 and exponent < 0):
            nominal = self.nominal**exponent
        strict = None if self.strict is None else self.strict**exponent
        return self._with(self.interval**exponent, units.power(self.unit, exponent), nominal, strict)

    def minimum(self, other: Amount) -> Amount:
        other = self._aligned(other, "take the smaller of")
        return _combined(self, other, Interval.minimum, self.unit, _both(self, other, min))

    def maximum(self, other: Amount) -> Amount:
        other = self._aligned(other, "take the larger of")
        return _combined(self, other, Interval.maximum, self.unit, _both(self, other, max))

    def absolute(self) -> Amount:
        nominal = None if self.nominal is None else abs(self.nominal)
        strict = None if self.strict is None else self.strict.absolute()
        return self._with(self.interval.absolute(), self.unit, nominal, strict)


def _combined(
    a: Amount,
    b: Amount,
    operation: Callable[[Interval, Interval], Interval],
    unit: Unit,
    nominal: Exact | None,
) -> Amount:
    """``operation`` on both readings of two amounts, with the latitude notes of both."""
    strict = None
    if a.strict is not None or b.strict is not None:
        strict = operation(a.strict_interval, b.strict_interval)
    loose = a.loose + tuple(note for note in b.loose if note not in a.loose) if b.loose else a.loose
    hedged = a.hedged + tuple(note for note in b.hedged if note not in a.hedged) if b.hedged else a.hedged
    return Amount(operation(a.interval, b.interval), unit, nominal, strict, loose, hedged)


def _both(a: Amount, b: Amount, operation: Callable[[Exact, Exact], Exact]) -> Exact | None:
    """The operation on the two printed values, when both have one."""
    if a.nominal is None or b.nominal is None:
        return None
    return operation(a.nominal, b.nominal)


class RootUnitError(UnitMismatchError):
    """A root of an amount with a unit: the root of yuan is no unit a figure is printed in."""

    def __init__(self, unit: Unit) -> None:
        self.left = self.right = unit
        self.operation = "take a root of"
        ValueError.__init__(
            self,
            f"a root or fractional power needs a plain number or a percentage, not {units.unit_words(unit)}:"
            " divide by a figure of the same unit first (value / previous)",
        )


def _plain(amount: Amount) -> Amount:
    """A root or fractional power needs a plain number; a percentage becomes its fraction."""
    if not units.is_dimensionless(amount.unit):
        raise RootUnitError(amount.unit)
    return amount.to(units.dimensionless())


def root(amount: Amount, degree: int) -> Amount:
    """The ``degree``-th root of a plain number or percentage, ends rounded outward."""
    from claimcheck.roots import root_bounds, root_interval

    plain = _plain(amount)
    nominal = plain.nominal
    if nominal is not None and (nominal >= 0 or degree % 2 == 1):
        nominal = root_bounds(nominal, degree)[0]
    else:
        nominal = None
    strict = None if plain.strict is None else root_interval(plain.strict, degree)
    return plain._with(root_interval(plain.interval, degree), units.dimensionless(), nominal, strict)


def fractional_power(amount: Amount, exponent: Exact) -> Amount:
    """``amount ** (p/q)`` of a plain number or percentage, ends rounded outward."""
    plain = _plain(amount)
    return root(plain ** int(exponent.numerator), int(exponent.denominator))
