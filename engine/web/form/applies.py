"""Which follow-up questions apply to answers that are being edited, and may not validate yet.

A planner's half-filled form often holds a mistake somewhere; hiding or showing 2.9a should not
wait until every other answer is fixed. So the answers the models refuse are set aside, a few
rounds at most, and the rest decide, with the same rules the assessment uses
(`engine.rules.applicability`).
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Mapping
from typing import Any

from pydantic import ValidationError

from engine.profile.models import SCHEMA_VERSION, Profile
from engine.profile.questions import answered_ids
from engine.rules.applicability import not_applicable
from engine.rules.facts import extract

ROUNDS = 5
_DROP = object()


def not_applying(data: Mapping[str, Any], today: dt.date | None = None) -> frozenset[str]:
    """The ids of the follow-up questions that do not apply, given the answers in `data`."""
    return answered_and_skipped(data, today)[1]


def answered_and_skipped(
    data: Mapping[str, Any], today: dt.date | None = None
) -> tuple[frozenset[str], frozenset[str]]:
    """(questions answered, follow-ups that do not apply), counted as the report counts them."""
    profile = best_effort(data)
    facts = extract(profile, today or dt.date.today())
    skipped = not_applicable({name: fact.value for name, fact in facts.items()})
    return frozenset(answered_ids(profile)), skipped


def best_effort(data: Mapping[str, Any]) -> Profile:
    """The profile the valid part of `data` makes; answers the models refuse are left out."""
    candidate: Any = copy.deepcopy(dict(data))
    candidate["schema_version"] = SCHEMA_VERSION
    for _ in range(ROUNDS):
        try:
            return Profile.model_validate(candidate)
        except ValidationError as error:
            for problem in error.errors(include_url=False):
                loc = tuple(problem["loc"])
                # A required answer that is missing takes its entry with it.
                _mark(candidate, loc[:-1] if problem["type"] == "missing" else loc)
            candidate = _pruned(candidate)
    return Profile(schema_version=SCHEMA_VERSION)


def _mark(data: Any, loc: tuple[Any, ...]) -> None:
    if not loc:
        return
    for part in loc[:-1]:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return
    try:
        data[loc[-1]] = _DROP
    except (KeyError, IndexError, TypeError):
        return


def _pruned(data: Any) -> Any:
    if isinstance(data, dict):
        return {k: _pruned(v) for k, v in data.items() if v is not _DROP}
    if isinstance(data, list):
        return [_pruned(v) for v in data if v is not _DROP]
    return data
