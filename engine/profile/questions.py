"""Traceability: each worksheet question, the fields that answer it, and whether it is answered.

Derived from the field metadata, never written by hand, so a field and its question cannot drift
apart. Patterns use `*` for "every item of a list" and `?` for "any of the ten elements".
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from pydantic import BaseModel

from engine.profile.models import Profile
from engine.profile.models.fields import ITEM, FieldSpec, is_per_element, model_fields

ANY_ELEMENT = "?"


@dataclass(frozen=True)
class Question:
    """A worksheet question as this tool asks it."""

    id: str
    text: str
    source: str
    section: str
    primary: tuple[str, ...]  # patterns whose answers decide "answered"
    fields: tuple[str, ...]  # every pattern that carries this question
    # When the question applies (a follow-up), as written in the rule condition language; the
    # rules layer parses and evaluates it (`engine.rules.applicability`). None: always applies.
    applies_when: dict[str, Any] | None = field(default=None, compare=False)

    @property
    def anchor(self) -> str:
        """The first field a planner should fill in, as a dotted path without wildcards."""
        return self.primary[0].split(".*")[0].split(".?")[0]


def _walk(
    model: type[BaseModel], prefix: tuple[str, ...], inherited: str | None, owners: frozenset[str]
) -> Iterator[tuple[FieldSpec, tuple[str, ...], str | None, bool]]:
    """(spec, pattern, effective question, outermost-for-that-question) for every field."""
    for spec in model_fields(model):
        name = ANY_ELEMENT if is_per_element(model) else spec.path[0]
        pattern = (*prefix, name)
        question = spec.question or inherited
        outermost = question is not None and question not in owners
        yield spec, pattern, question, outermost
        if spec.model is not None:
            child = (*pattern, ITEM) if spec.kind == "items" else pattern
            # A section passes its question down so that its own primary fields decide it;
            # a list owns its question, so the items' fields never make it unanswered.
            below = owners | {question} if question and spec.kind != "section" else owners
            yield from _walk(spec.model, child, question, frozenset(below))


def _order(question_id: str) -> tuple[int, int, str]:
    """C.1 questions by number, then the C.1 tip, then ODI's S and Y questions.

    A follow-up question of our own carries its base question's number and a letter (`2.9a`),
    so it sorts right after the question it extends and before the next one (`2.10`).
    """
    match = re.fullmatch(r"(\d+)\.(\d+)([a-z]?)", question_id)
    if match:
        return (0, int(match[1]) * 100 + int(match[2]), match[3])
    return ({"T": 1, "S": 2, "Y": 3}.get(question_id[0], 4), 0, question_id)


@cache
def questions() -> tuple[Question, ...]:
    """Every question, in worksheet order (C.1 first, then tips, then ODI)."""
    found: dict[str, dict[str, Any]] = {}
    for spec, pattern, question, outermost in _walk(Profile, (), None, frozenset()):
        if question is None:
            continue
        entry = found.setdefault(
            question, {"specs": [], "primary": [], "fields": [], "owner": None, "applies": None}
        )
        if entry["applies"] is None:
            entry["applies"] = spec.meta.get("x-applies-when")
        if entry["owner"] is None and spec.question == question:
            entry["owner"] = spec
        dotted = ".".join(pattern)
        if dotted not in entry["fields"]:
            entry["fields"].append(dotted)
        primary = outermost and spec.kind != "section" and spec.meta.get("x-primary", True)
        if primary and dotted not in entry["primary"]:
            entry["primary"].append(dotted)
            entry["specs"].append(spec)
    result = []
    for question_id, entry in found.items():
        first: FieldSpec = entry["specs"][0]
        result.append(
            Question(
                id=question_id,
                text=entry["owner"].description,
                source=str(first.meta.get("x-source", "")),
                section=str(first.meta.get("x-section", "")),
                primary=tuple(entry["primary"]),
                fields=tuple(entry["fields"]),
                applies_when=entry["applies"],
            )
        )
    return tuple(sorted(result, key=lambda q: _order(q.id)))


def by_id() -> dict[str, Question]:
    return {q.id: q for q in questions()}


def is_answered(question: Question, profile: Profile) -> bool:
    """Whether every primary pattern of the question has an answer in the profile."""
    return question.id in answered_ids(profile)


def answered_ids(profile: Profile) -> set[str]:
    """The ids of every answered question (the profile is read once for all of them)."""
    data = profile.model_dump(mode="python")
    return {q.id for q in questions() if all(_answered(p.split("."), data) for p in q.primary)}


def _answered(parts: list[str], value: Any) -> bool:
    if value is None:
        return False
    if not parts:
        return True
    head, rest = parts[0], parts[1:]
    if head == ITEM:
        return bool(value) and all(_answered(rest, item) for item in value)
    if head == ANY_ELEMENT:
        return any(_answered(rest, item) for item in value.values())
    return _answered(rest, value.get(head))
