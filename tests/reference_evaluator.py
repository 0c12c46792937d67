"""A plain-Python evaluator of rule conditions: the specification the Rete engine must match.

Written independently of the compiler: it evaluates the condition tree as the rule author wrote
it (with `not`), using Kleene's three-valued logic directly, instead of pushing negations down
and translating to durable-rules expressions.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from engine.rules import conditions as c
from engine.rules.ruleset import LoadedRule

Truth = bool | None


_CHECKS: dict[str, Callable[[Any, Any], bool]] = {
    "eq": lambda value, expected: bool(value == expected),
    "ne": lambda value, expected: bool(value != expected),
    "in": lambda value, expected: value in expected,
    "not_in": lambda value, expected: value not in expected,
    "contains": lambda value, expected: expected in value,
    "lacks": lambda value, expected: expected not in value,
    "gt": lambda value, expected: bool(value > expected),
    "gte": lambda value, expected: bool(value >= expected),
    "lt": lambda value, expected: bool(value < expected),
    "lte": lambda value, expected: bool(value <= expected),
}


def _test(test: c.Test, value: Any) -> Truth:
    if test.op in ("answered", "unanswered"):
        return (value is not None) == (test.op == "answered")
    if value is None:
        return None
    return _CHECKS[test.op](value, test.value)


def evaluate(cond: c.Cond, values: Mapping[str, Any]) -> Truth:
    """True, False or unknown (None), by Kleene's strong three-valued logic."""
    if isinstance(cond, c.Test):
        return _test(cond, values.get(cond.fact))
    if isinstance(cond, c.Not):
        inner = evaluate(cond.part, values)
        return None if inner is None else not inner
    results = [evaluate(part, values) for part in cond.parts]
    if isinstance(cond, c.AllOf):
        if any(r is False for r in results):
            return False
        return True if all(r is True for r in results) else None
    if any(r is True for r in results):
        return True
    return False if all(r is False for r in results) else None


def fired(rules: Sequence[LoadedRule], values: Mapping[str, Any]) -> list[str]:
    """Ids of the rules whose condition is true, in rule-set order."""
    return [rule.id for rule in rules if evaluate(rule.condition, values) is True]
