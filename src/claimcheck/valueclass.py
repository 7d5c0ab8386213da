"""Immutable value classes that are cheap to create.

A frozen dataclass sets every field through ``object.__setattr__`` when it is created, about
three times the cost of a plain assignment; claimcheck creates intervals, amounts and derived
figures by the hundred for every claim file, and that was a twelfth of verifying an archive.
:func:`value_class` makes a plain dataclass that the type checker treats as frozen (PEP 681's
``frozen_default``): assigning to a field is a type error, which mypy reports, though Python
itself would not stop it. Equality and hashing are those of a frozen dataclass: by the fields
when ``eq`` (the default), by identity otherwise.

Value objects are shared (a figure's reading by every figure printed the same way, periods,
memos keyed by identity), so a change to one would leak into every later file. The test suite
sets ``CLAIMCHECK_FROZEN_VALUES=1`` (tests/conftest.py), which makes them real frozen
dataclasses: any assignment there raises, so a mutation cannot slip past mypy unnoticed.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar, dataclass_transform

_T = TypeVar("_T")

FROZEN = os.environ.get("CLAIMCHECK_FROZEN_VALUES") == "1"
"""Whether value classes are frozen dataclasses, as under the tests (see the module)."""


@dataclass_transform(frozen_default=True)
def value_class(
    *, eq: bool = True, repr: bool = True, slots: bool = False, kw_only: bool = False
) -> Callable[[type[_T]], type[_T]]:
    """A dataclass whose instances are never changed once created (see the module)."""

    def make(cls: type[_T]) -> type[_T]:
        return dataclass(eq=eq, repr=repr, slots=slots, kw_only=kw_only, frozen=FROZEN, unsafe_hash=eq)(cls)

    return make
