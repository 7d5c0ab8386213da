"""Values worked out once per object and found again by the object's identity, or by value.

Intervals, amounts and units recur by the hundred in every file, and hashing them is slow:
an interval's dataclass hash hashes a tuple of its fields, and pint hashes and compares units
in Python, several calls each. Found by ``id()``, a repeated look-up is one dictionary access.
Each entry holds its objects, so that no other object can take their ids while they are
remembered. Integers, strings and tuples of them hash in C, nearly as fast as an ``id()``: what
is worked out from such values alone is remembered by value (:class:`ValueMemo`), and found
again for equal values in other objects and other files (an exact number itself hashes with a
modular power, several times slower: key by its terms). A memo forgets everything when full,
so that a run over any number of files keeps its memory flat.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Hashable
from typing import Any, Generic, ParamSpec, TypeVar, cast

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")
_P = ParamSpec("_P")


class IdentityMemo(dict[Hashable, V], Generic[V]):
    """Values by the identity of their object (``memo.get(id(key))``, a plain dictionary
    look-up that gives the value itself, the hottest path of a JSON report), or of several (a
    tuple of ids). The objects are kept beside, alive while their values are remembered, so
    that no other object can take their ids."""

    __slots__ = ("kept", "size")

    def __init__(self, size: int = 4096) -> None:
        super().__init__()
        self.size = size
        self.kept: list[object] = []

    def remember(self, key: object, value: V, identity: Hashable | None = None) -> V:
        """Remember ``value`` for ``key`` (under ``identity``, ``id(key)`` unless given), and
        return it."""
        if len(self.kept) >= self.size:  # the objects, counted with any remembered again
            self.clear()
        self.kept.append(key)
        self[id(key) if identity is None else identity] = value
        return value

    def clear(self) -> None:
        super().clear()
        self.kept.clear()


class ValueMemo(dict[K, V], Generic[K, V]):
    """Values by an equal key (``memo.get(key)``): for keys that hash in C and whose equal
    values give equal results, such as the terms of exact numbers, whatever their type."""

    __slots__ = ("size",)

    def __init__(self, size: int = 4096) -> None:
        super().__init__()
        self.size = size

    def remember(self, key: K, value: V) -> V:
        """Remember ``value`` for ``key``, and return it."""
        if len(self) >= self.size:
            self.clear()
        self[key] = value
        return value


def by_identity(function: Callable[_P, V]) -> Callable[_P, V]:
    """``function`` cached on the identity of its positional arguments, in front of whatever
    cache it has by value. A function of one or two arguments, the commonest (units and their
    pairs), takes them by position only, with a wrapper that asks nothing else; any other
    passes a call with keywords through."""
    memo: IdentityMemo[V] = IdentityMemo()
    inner: Any = function
    while hasattr(inner, "__wrapped__"):  # through functools.cache to the function's own code
        inner = inner.__wrapped__
    code = inner.__code__
    plain = not (inner.__defaults__ or code.co_kwonlyargcount or code.co_flags & _VARIABLE_ARGUMENTS)
    count = code.co_argcount if plain else 0  # a default or *args: the general wrapper
    call = cast(Callable[..., V], function)

    def cached_one(arg: object, /) -> V:
        hit: V = memo.get(id(arg), _MISSING)
        if hit is _MISSING:
            return memo.remember(arg, call(arg))
        return hit

    def cached_two(first: object, second: object, /) -> V:
        identity = (id(first), id(second))
        hit: V = memo.get(identity, _MISSING)
        if hit is _MISSING:
            return memo.remember((first, second), call(first, second), identity)
        return hit

    def cached(*args: _P.args, **kwargs: _P.kwargs) -> V:
        if kwargs:
            return function(*args, **kwargs)
        identity = tuple(map(id, args))
        hit: V = memo.get(identity, _MISSING)
        if hit is _MISSING:
            return memo.remember(args, call(*args), identity)
        return hit

    wrapper = cached_one if count == 1 else cached_two if count == 2 else cached
    return cast(Callable[_P, V], functools.wraps(function)(wrapper))


_VARIABLE_ARGUMENTS = 0x04 | 0x08
"""inspect.CO_VARARGS | inspect.CO_VARKEYWORDS, without importing inspect at start-up."""

_MISSING: Any = object()
"""What a memo gives for what it has not remembered (a remembered value may be None)."""
