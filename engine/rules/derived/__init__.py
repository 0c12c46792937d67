"""Derived facts: answers combined into what the rules need (counts, flags, rank agreement).

Each module registers its facts in `REGISTRY` when imported; importing this package imports them
all, in a fixed order, so the catalogue never depends on who imported what first.
"""

from engine.rules.derived import (
    calendar,
    environment,
    objectives,
    plans,
    resources,
    survey,
    trust,
)
from engine.rules.derived.base import REGISTRY, Context, Derived, Result

__all__ = [
    "REGISTRY",
    "Context",
    "Derived",
    "Result",
    "calendar",
    "environment",
    "objectives",
    "plans",
    "resources",
    "survey",
    "trust",
]
