"""What a derived fact is, and the three-valued helpers every derived fact is built from.

A derived fact is True, False, a number, or unanswered (None). The helpers follow Kleene's logic:
an "any" is True as soon as one known item is True, False only when every item is known and False,
and unanswered otherwise. That is what keeps a blank answer from ever counting as a risk or as a
reassurance: blanking an input can only move a derived fact towards unanswered.

Counts of risky items are lower bounds (known items only), so rules may only ask whether they reach
a threshold (gt, gte), never whether they stay under one; the rule loader enforces that.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from engine.profile.models import Profile

Loc = tuple[str | int, ...]
Value = bool | int | float | None


@dataclass(frozen=True)
class Result:
    """A derived value and the answers that produced it (list positions included)."""

    value: Value
    witnesses: tuple[Loc, ...] = ()


UNANSWERED = Result(None)


@dataclass(frozen=True)
class Context:
    """Everything a derived fact may read: the answers, and today's date (injectable)."""

    profile: Profile
    today: dt.date


@dataclass(frozen=True)
class Derived:
    """A declared, typed derived fact."""

    name: str
    type: str  # boolean | integer | number
    description: str
    inputs: tuple[str, ...]
    compute: Callable[[Context], Result] = field(compare=False)
    bound: str = "exact"  # exact | lower (a count of known items) | upper (a minimum)
    about_blanks: bool = False  # true when the fact reports missing answers


REGISTRY: list[Derived] = []


def derived(
    name: str,
    type: str,
    description: str,
    inputs: tuple[str, ...],
    *,
    bound: str = "exact",
    about_blanks: bool = False,
) -> Callable[[Callable[[Context], Result]], Callable[[Context], Result]]:
    """Register a derived fact; the decorated function computes it."""

    def register(compute: Callable[[Context], Result]) -> Callable[[Context], Result]:
        REGISTRY.append(Derived(name, type, description, inputs, compute, bound, about_blanks))
        return compute

    return register


class Many(tuple[Loc, ...]):
    """Several answers that together make one item true (both halves of a combination)."""


Item = tuple[bool | None, Loc | Many]


def _locs(where: Loc | Many) -> tuple[Loc, ...]:
    return tuple(where) if isinstance(where, Many) else (where,)


def any_of(items: Iterable[Item] | None) -> Result:
    """Kleene OR: True (with the True items as witnesses), False, or unanswered."""
    if items is None:
        return UNANSWERED
    listed = list(items)
    hits = tuple(loc for value, where in listed if value is True for loc in _locs(where))
    if hits:
        return Result(True, hits)
    if all(value is False for value, _ in listed):
        return Result(False, tuple(loc for _, where in listed for loc in _locs(where)))
    return UNANSWERED


def all_of(*parts: Result) -> Result:
    """Kleene AND of boolean results."""
    if any(part.value is False for part in parts):
        return Result(False, tuple(w for p in parts if p.value is False for w in p.witnesses))
    if all(part.value is True for part in parts):
        return Result(True, tuple(w for p in parts for w in p.witnesses))
    return UNANSWERED


def count_of(items: Iterable[Item] | None) -> Result:
    """How many items are known to be True: a lower bound, unanswered if the list is."""
    if items is None:
        return UNANSWERED
    listed = [(value, _locs(where)) for value, where in items]
    hits = tuple(loc for value, locs in listed if value is True for loc in locs)
    return Result(sum(value is True for value, _ in listed), hits)


def both(first: bool | None, second: bool | None) -> bool | None:
    """Kleene AND of two three-valued answers."""
    if first is False or second is False:
        return False
    if first is None or second is None:
        return None
    return True


def is_in(value: str | None, risky: Iterable[str]) -> bool | None:
    """Three-valued membership: None when the answer is blank."""
    return None if value is None else value in set(risky)


def dig(start: object, *names: str) -> Any:
    """Follow attribute names through optional sections; None as soon as one is blank."""
    current: Any = start
    for name in names:
        if current is None:
            return None
        current = getattr(current, name)
    return current
