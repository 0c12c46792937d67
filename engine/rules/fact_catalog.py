"""Every fact a rule may test: its name, type, vocabulary and which operators fit it.

Three kinds of fact:
- answers: each profile field outside a list, named by its dotted path;
- counts: `<list>.count`, the length of a list (unanswered when the list is blank);
- derived: combinations declared in `engine.rules.derived` (flags over lists, arithmetic, rankings).

Free text never reaches the rule engine; rules can only ask whether it was answered.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from engine.profile.models import Profile
from engine.profile.models.fields import ITEM, walk_fields
from engine.rules.derived import REGISTRY

COMPARE = frozenset({"eq", "ne", "gt", "gte", "lt", "lte"})
PRESENCE = frozenset({"answered", "unanswered"})
OPS_BY_TYPE: dict[str, frozenset[str]] = {
    "choice": frozenset({"eq", "ne", "in", "not_in"}) | PRESENCE,
    "choices": frozenset({"contains", "lacks"}) | PRESENCE,
    "text": PRESENCE,
    "texts": PRESENCE,
    "integer": COMPARE | {"in", "not_in"} | PRESENCE,
    "number": COMPARE | PRESENCE,
    "date": COMPARE | PRESENCE,
    "boolean": frozenset({"eq", "ne"}) | PRESENCE,
}
# A lower bound (count of known items) can only prove "at least"; an upper bound "at most".
BOUND_OPS = {
    "exact": frozenset().union(*OPS_BY_TYPE.values()),
    "lower": frozenset({"gt", "gte"}) | PRESENCE,
    "upper": frozenset({"lt", "lte"}) | PRESENCE,
}


@dataclass(frozen=True)
class FactSpec:
    """A fact rules can test."""

    name: str
    type: str
    description: str
    kind: str  # answer | count | derived
    path: tuple[str, ...] = ()
    vocabulary: tuple[str, ...] = ()
    bound: str = "exact"
    about_blanks: bool = False
    question: str | None = None
    inputs: tuple[str, ...] = ()

    def allows(self, op: str) -> bool:
        return op in OPS_BY_TYPE[self.type] and op in BOUND_OPS[self.bound]


_LEAF_KINDS = {"choice", "choices", "text", "texts", "integer", "number", "date"}
_LIST_KINDS = {"items", "choices", "texts"}


@cache
def catalog() -> dict[str, FactSpec]:
    """All facts by name, in profile order then derived order."""
    facts: dict[str, FactSpec] = {}
    for spec in walk_fields(Profile):
        if ITEM in spec.path or spec.path[0] in ("schema_version", "waivers"):
            continue
        name = spec.dotted
        if spec.kind in _LEAF_KINDS:
            facts[name] = FactSpec(
                name,
                spec.kind,
                spec.description,
                "answer",
                spec.path,
                spec.vocabulary,
                question=spec.question,
            )
        if spec.kind in _LIST_KINDS:
            facts[f"{name}.count"] = FactSpec(
                f"{name}.count",
                "integer",
                f"How many entries: {spec.description}",
                "count",
                spec.path,
                question=spec.question,
            )
    for item in REGISTRY:
        facts[item.name] = FactSpec(
            item.name,
            item.type,
            item.description,
            "derived",
            bound=item.bound,
            about_blanks=item.about_blanks,
            inputs=item.inputs,
        )
    return facts
