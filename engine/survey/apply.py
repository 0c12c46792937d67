"""An import as an edit of the planner's own file: only the surveyed answers change.

The file's text is edited in place (`engine.profile.roundtrip`), so its comments, key order and
quoting survive, and the change reads as a short diff. An import states every answer its
survey asks: a question no respondent answered becomes blank (unanswered, never "no"), so that
answers from an earlier round cannot pass for this one. The edited text is then read back the
way every command reads a profile, and must hold exactly the answers imported.
"""

from __future__ import annotations

import difflib
from typing import Any

from engine.profile.loader import parse_text
from engine.profile.models import Profile
from engine.profile.models.trust import Relationship
from engine.profile.models.vocab import ELEMENTS
from engine.profile.roundtrip import Whole, patched_text
from engine.profile.validation import validate_tree
from engine.survey.aggregate import Aggregate
from engine.survey.stakeholders import find

RELATIONSHIPS = ("trust", "relationships")


class ImportMismatchError(Exception):
    """The edited file would not read back as the answers imported: a bug, so nothing is written."""


def _changes(aggregate: Aggregate, relationship: Relationship | None) -> dict[str, Any]:
    record = aggregate.record.model_dump(mode="json", exclude_none=True)
    changes: dict[str, Any] = {"stakeholder": aggregate.stakeholder} if relationship is None else {}
    if relationship is None or relationship.channel is None:
        changes["channel"] = "survey"
    trust = {str(element): str(word) for element, word in aggregate.trust.items()}
    met = {str(element): str(word) for element, word in aggregate.expectations_met.items()}
    changes.update(
        response_received="yes" if aggregate.record.responses else None,
        stakeholder_ranking=list(aggregate.ranking) or None,
        feedback={
            element: {"trust": trust.get(element), "expectations_met": met.get(element)}
            for element in ELEMENTS
        },
        trust_improved=aggregate.trust_improved,
        survey=Whole(record, flow=True),
    )
    return changes


def applied(text: str, profile: Profile, aggregates: list[Aggregate]) -> str:
    """`text` (the profile `profile` was read from) with every aggregate's answers written in."""
    relationships = profile.trust.relationships or [] if profile.trust else []
    added = 0
    for aggregate in aggregates:
        found = find(profile, aggregate.stakeholder)
        index = found.index if found and found.index is not None else None
        if index is None:
            index, added = len(relationships) + added, added + 1
        relationship = relationships[index] if index < len(relationships) else None
        text = patched_text(text, (*RELATIONSHIPS, index), _changes(aggregate, relationship))
    return text


def read_back(text: str, shown: str, aggregates: list[Aggregate]) -> Profile:
    """The edited profile, proven to hold the aggregates' answers; InputError if it is invalid."""
    profile = validate_tree(parse_text(text, shown), shown)
    for aggregate in aggregates:
        found = find(profile, aggregate.stakeholder)
        relationship = found.relationship if found else None
        if relationship is None or not _holds(relationship, aggregate):
            raise ImportMismatchError(f"the edited profile does not hold {aggregate.stakeholder}")
    return profile


def _holds(relationship: Relationship, aggregate: Aggregate) -> bool:
    feedback = relationship.feedback
    trust = {e: f.trust for e, f in feedback or () if f and f.trust}
    met = {e: f.expectations_met for e, f in feedback or () if f and f.expectations_met}
    return (
        relationship.survey == aggregate.record
        and list(relationship.stakeholder_ranking or []) == aggregate.ranking
        and trust == aggregate.trust
        and met == aggregate.expectations_met
        and relationship.trust_improved == aggregate.trust_improved
    )


def unified_diff(before: str, after: str, shown: str) -> str:
    """The change as a unified diff, as `diff -u` and a pull request show it."""
    lines = difflib.unified_diff(
        before.splitlines(keepends=True),
        after.splitlines(keepends=True),
        fromfile=shown,
        tofile=f"{shown} (with the survey's answers)",
    )
    return "".join(line if line.endswith("\n") else line + "\n" for line in lines)
