"""Rule conditions as typed trees: negation pushed to the tests, described in words, explained.

A test on a blank answer is neither true nor false but unknown (Kleene's three-valued logic), and a
rule fires only when its condition is true. Negation is therefore pushed down to the tests, where
`not (x eq a)` becomes `x ne a`, which is also unknown when x is blank. That keeps a `not:` from
turning a blank answer into a finding, and gives the rule compiler a tree without negations, which
is the only kind durable-rules can express.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

Scalar = str | int | float | bool | dt.date

COMPLEMENT = {
    "eq": "ne",
    "ne": "eq",
    "in": "not_in",
    "not_in": "in",
    "gt": "lte",
    "lte": "gt",
    "gte": "lt",
    "lt": "gte",
    "contains": "lacks",
    "lacks": "contains",
    "answered": "unanswered",
    "unanswered": "answered",
}


@dataclass(frozen=True)
class Test:
    """`fact op value`, with the value already converted to the fact's type."""

    fact: str
    op: str
    value: Scalar | tuple[Scalar, ...] | None = None


@dataclass(frozen=True)
class AllOf:
    parts: tuple[Cond, ...]


@dataclass(frozen=True)
class AnyOf:
    parts: tuple[Cond, ...]


@dataclass(frozen=True)
class Not:
    part: Cond


Cond = Test | AllOf | AnyOf | Not


def without_not(cond: Cond, negate: bool = False) -> Cond:
    """The equivalent condition with every `not` pushed into its tests (De Morgan)."""
    if isinstance(cond, Not):
        return without_not(cond.part, not negate)
    if isinstance(cond, Test):
        return Test(cond.fact, COMPLEMENT[cond.op], cond.value) if negate else cond
    parts = tuple(without_not(part, negate) for part in cond.parts)
    if isinstance(cond, AllOf):
        return AnyOf(parts) if negate else AllOf(parts)
    return AllOf(parts) if negate else AnyOf(parts)


def tests(cond: Cond) -> Iterator[Test]:
    """Every test in the condition, in reading order."""
    if isinstance(cond, Test):
        yield cond
    elif isinstance(cond, Not):
        yield from tests(cond.part)
    else:
        for part in cond.parts:
            yield from tests(part)


def facts_in(cond: Cond) -> tuple[str, ...]:
    """The facts a condition reads, each once, in reading order."""
    return tuple(dict.fromkeys(test.fact for test in tests(cond)))


def alternatives(cond: Cond) -> int:
    """How many ways the condition can be true once expanded to an OR of ANDs.

    durable-rules expands every `$or` this way, and its working stack holds 64 paths at a time,
    so the compiler keeps each rule and each compiled ruleset under a budget of alternatives.
    """
    if isinstance(cond, Test):
        return len(cond.value) if cond.op == "in" and isinstance(cond.value, tuple) else 1
    if isinstance(cond, Not):
        return alternatives(without_not(cond))
    counts = [alternatives(part) for part in cond.parts]
    if isinstance(cond, AnyOf):
        return sum(counts)
    product = 1
    for count in counts:
        product *= count
    return product


def holds(test: Test, value: Any) -> bool | None:
    """Whether a test holds for a fact value: True, False, or None when the answer is blank."""
    op, expected = test.op, test.value
    if op == "answered":
        return value is not None
    if op == "unanswered":
        return value is None
    if value is None:
        return None
    checks: dict[str, Callable[[], bool]] = {
        "eq": lambda: value == expected,
        "ne": lambda: value != expected,
        "in": lambda: value in _tuple(expected),
        "not_in": lambda: value not in _tuple(expected),
        "gt": lambda: value > expected,
        "gte": lambda: value >= expected,
        "lt": lambda: value < expected,
        "lte": lambda: value <= expected,
        "contains": lambda: expected in value,
        "lacks": lambda: expected not in value,
    }
    return bool(checks[op]())


def _tuple(value: object) -> tuple[object, ...]:
    return value if isinstance(value, tuple) else (value,)


def truth(cond: Cond, values: Mapping[str, Any]) -> bool | None:
    """The whole condition's value by Kleene's logic: an `all` with an unknown part and no false
    one is unknown, an `any` with an unknown part and no true one is unknown."""
    if isinstance(cond, Test):
        return holds(cond, values.get(cond.fact))
    if isinstance(cond, Not):
        inner = truth(cond.part, values)
        return None if inner is None else not inner
    results = {truth(part, values) for part in cond.parts}
    decisive, other = (False, True) if isinstance(cond, AllOf) else (True, False)
    if decisive in results:
        return decisive
    return None if None in results else other


def true_tests(cond: Cond, values: Mapping[str, Any]) -> list[Test]:
    """The tests that hold in the branches that hold, in reading order: the evidence of a
    condition that is true. A test that happens to hold inside an `all` that does not (say, a
    follow-up's answer under a parent left blank) supports nothing, so it is not quoted."""
    return list(_supporting(without_not(cond), values))


def _supporting(cond: Cond, values: Mapping[str, Any]) -> Iterator[Test]:
    if isinstance(cond, Test):
        if holds(cond, values.get(cond.fact)) is True:
            yield cond
    elif truth(cond, values) is True:
        for part in cond.parts if not isinstance(cond, Not) else (cond.part,):
            yield from _supporting(part, values)


_WORDS = {
    "eq": "is",
    "ne": "is not",
    "in": "is one of",
    "not_in": "is none of",
    "gt": "is more than",
    "gte": "is at least",
    "lt": "is less than",
    "lte": "is at most",
    "contains": "includes",
    "lacks": "does not include",
    "answered": "is answered",
    "unanswered": "is left blank",
}


def show_value(value: object) -> str:
    if isinstance(value, tuple):
        return ", ".join(show_value(item) for item in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def describe(cond: Cond, indent: int = 0) -> list[str]:
    """The condition in words, one line per test, nested by indentation."""
    pad = "  " * indent
    if isinstance(cond, Test):
        words = f"{cond.fact} {_WORDS[cond.op]}"
        if cond.value is not None:
            words += f" {show_value(cond.value)}"
        return [pad + words]
    if isinstance(cond, Not):
        return [pad + "not:", *describe(cond.part, indent + 1)]
    head = "all of:" if isinstance(cond, AllOf) else "any of:"
    lines = [pad + head]
    for part in cond.parts:
        lines.extend(describe(part, indent + 1))
    return lines


def sentence(cond: Cond, top: bool = True) -> str:
    """The condition on one line: `a is x and (b is y or c is z)`."""
    if isinstance(cond, Test):
        return describe(cond)[0]
    if isinstance(cond, Not):
        return f"not ({sentence(cond.part, top=False)})"
    joiner = " and " if isinstance(cond, AllOf) else " or "
    text = joiner.join(sentence(part, top=False) for part in cond.parts)
    return text if top or len(cond.parts) == 1 else f"({text})"
