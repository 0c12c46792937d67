"""Reading a profile's stakeholder relationships: whose ranking to compare, and how.

Shared by the derived facts about trust and about surveys, and by the alignment analysis, so
that a ranking, its fallback to the organisation-wide one, and a survey's ties are read one way.
"""

from __future__ import annotations

from collections.abc import Sequence

from engine.profile.models.trust import Relationship
from engine.rules import ranking
from engine.rules.derived.base import Context, Loc, dig

RELATIONSHIPS = ("trust", "relationships")


def relationships(context: Context) -> list[Relationship] | None:
    found: list[Relationship] | None = dig(context.profile, "trust", "relationships")
    return found


def organisation_ranking(context: Context, relationship: Relationship) -> list[str] | None:
    """The organisation's ranking for this relationship, else its organisation-wide ranking."""
    if relationship.organisation_ranking is not None:
        return list(relationship.organisation_ranking)
    overall = dig(context.profile, "trust", "organisation_ranking")
    return list(overall) if overall is not None else None


def stakeholder_points(relationship: Relationship) -> dict[str, float] | None:
    """The Borda points behind a surveyed stakeholder's ranking, when they still match it."""
    record = relationship.survey
    theirs = relationship.stakeholder_ranking
    if record is None or record.elements is None or not theirs:
        return None
    points = {
        element: tally.rank_points
        for element, tally in record.elements
        if tally is not None and tally.rank_points is not None
    }
    return points if ranking.agrees(theirs, points) else None


def ranking_loc(context: Context, index: int) -> Loc:
    items = relationships(context) or []
    if items[index].organisation_ranking is not None:
        return (*RELATIONSHIPS, index, "organisation_ranking")
    return ("trust", "organisation_ranking")


def comparable(first: Sequence[str], second: Sequence[str]) -> bool:
    """Both rankings list enough elements to compare (the rule of engine.rules.ranking)."""
    return min(len(first), len(second)) >= ranking.MIN_RANKED
