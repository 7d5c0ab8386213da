"""by_identity: results remembered by the identity of the arguments, whatever the wrapper."""

from __future__ import annotations

from claimcheck.identity import by_identity


def test_one_and_two_arguments_are_remembered_by_identity() -> None:
    calls: list[tuple[object, ...]] = []

    @by_identity
    def one(a: object) -> list[object]:
        calls.append((a,))
        return [a]

    @by_identity
    def two(a: object, b: object) -> list[object]:
        calls.append((a, b))
        return [a, b]

    first, equal = [1], [1]
    assert one(first) is one(first)
    assert one(equal) == one(first) and one(equal) is not one(first)  # equal, not the same object
    assert two(first, equal) is two(first, equal)
    assert two(equal, first) is not two(first, equal)
    assert calls == [(first,), (equal,), (first, equal), (equal, first)]
    assert (one.__name__, two.__name__) == ("one", "two")


def test_none_is_remembered_too() -> None:
    calls: list[object] = []

    @by_identity
    def nothing(a: object) -> None:
        calls.append(a)

    key = object()
    assert nothing(key) is None and nothing(key) is None
    assert calls == [key]


def test_defaults_variable_and_keyword_arguments_take_the_general_wrapper() -> None:
    @by_identity
    def defaulted(a: object, b: int = 1) -> tuple[object, int]:
        return (a, b)

    @by_identity
    def variable(a: object, *rest: object) -> tuple[object, tuple[object, ...]]:
        return (a, rest)

    key = object()
    assert defaulted(key) == (key, 1)
    assert defaulted(key, 2) == (key, 2)
    assert defaulted(key, b=3) == (key, 3)  # keywords are passed through
    assert variable(key, 1, 2) == (key, (1, 2))
    assert variable(key) == (key, ())
