"""Immutable value classes that are cheap to create.

A frozen dataclass sets every field through ``object.__setattr__`` when it is created, about
three times the cost of a plain assignment; claimcheck creates intervals, amounts and derived
figures by the hundred for every claim file, and that was a twelfth of verifying an archive.
:func:`value_class` makes a plain dataclass that the type checker treats as frozen (PEP 681's
``frozen_default``): assigning to a field is a type error, which mypy reports, though Python
itself would not stop it. Equality and hashing are those of a frozen dataclass: by the fields
when ``eq`` (the default), by identity otherwise.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar, dataclass_transform

_T = TypeVar("_T")


@dataclass_transform(frozen_default=True)
def value_class(
    *, eq: bool = True, repr: bool = True, slots: bool = False, kw_only: bool = False
) -> Callable[[type[_T]], type[_T]]:
    """A dataclass whose instances are never changed once created (see the module)."""

    def make(cls: type[_T]) -> type[_T]:
        return dataclass(eq=eq, repr=repr, slots=slots, kw_only=kw_only, unsafe_hash=eq)(cls)

    return make
