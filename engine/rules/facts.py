"""A validated profile flattened into facts: the answers rules test, with where each came from.

Every fact keeps the locations of the answers behind it (its witnesses), so that a finding can
quote those answers back and CI can annotate their lines. Locations are turned into quoted
answers with line numbers only for the facts a fired rule reads, which is a small share of them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from engine.profile.models import Profile
from engine.profile.positions import Loc, Node, blank_at, dotted, locate
from engine.rules.derived import REGISTRY, Context
from engine.rules.fact_catalog import FactSpec, catalog
from engine.runtime import validators


@dataclass(frozen=True)
class Evidence:
    """One answer quoted back: its path, value (None when blank) and position."""

    fact: str
    value: Any
    line: int
    column: int


@dataclass(frozen=True, slots=True)
class Fact:
    """A fact's value (None when unanswered) and where the answers it rests on are."""

    name: str
    value: Any
    witnesses: tuple[Loc, ...]


def answer_at(profile: Profile, loc: Loc) -> Any:
    """The answer at a location, as plain data (dates as ISO text, sections as dicts)."""
    current: Any = profile
    for part in loc:
        if current is None:
            return None
        if isinstance(part, int):
            current = current[part] if part < len(current) else None
        else:
            current = getattr(current, part, None)
    return _plain(current)


def _plain(value: Any) -> Any:
    if isinstance(value, BaseModel):
        validators.prepare_one(type(value))
        return value.model_dump(mode="json", exclude_none=True)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


def evidence(profile: Profile, tree: Node, loc: Loc) -> Evidence:
    value = answer_at(profile, loc)
    if value is None:
        return Evidence(dotted(loc), value, *blank_at(tree, loc))
    mark = locate(tree, loc)
    return Evidence(dotted(loc), value, mark.line, mark.column)


def extract(profile: Profile, today: dt.date) -> dict[str, Fact]:
    """Every catalogued fact for one profile."""
    context = Context(profile, today)
    derived = {item.name: item for item in REGISTRY}
    facts: dict[str, Fact] = {}
    for name, spec in catalog().items():
        if spec.kind == "derived":
            result = derived[name].compute(context)
            facts[name] = Fact(name, result.value, result.witnesses)
        else:
            facts[name] = _answer_fact(spec, profile)
    return facts


def _answer_fact(spec: FactSpec, profile: Profile) -> Fact:
    value: Any = profile
    for part in spec.path:
        value = getattr(value, part) if value is not None else None
    if spec.kind == "count" and value is not None:
        value = len(value)
    return Fact(spec.name, value, (spec.path,))
