"""Whom a survey is for: a stakeholder the profile names, found the way a reader would find it.

A stakeholder may already have a relationship in `trust.relationships` (its answers go there) or
be only a group in `environment.stakeholders` (the import then adds a relationship for it).
Names compare as a reader sees them (`engine.printable.visible`), so a stray zero-width space or
a double space never makes a second stakeholder.
"""

from __future__ import annotations

from dataclasses import dataclass

from engine.printable import visible
from engine.profile.models import Profile
from engine.profile.models.environment import StakeholderGroup
from engine.profile.models.trust import Relationship
from engine.profile.suggestions import hint

LISTED = 10


@dataclass(frozen=True)
class Stakeholder:
    """A stakeholder found in a profile: its name as written, and its relationship, if any."""

    name: str
    index: int | None  # position in trust.relationships; None for a group without one
    relationship: Relationship | None


def names(profile: Profile) -> list[str]:
    """Every stakeholder a survey can be for, relationships first, each name once."""
    found: dict[str, str] = {}
    for relationship in profile.trust.relationships or [] if profile.trust else []:
        if relationship.stakeholder:
            found.setdefault(visible(relationship.stakeholder), relationship.stakeholder)
    for group in profile.environment.stakeholders or [] if profile.environment else []:
        if group.name:
            found.setdefault(visible(group.name), group.name)
    return list(found.values())


def find(profile: Profile, name: str) -> Stakeholder | None:
    """The stakeholder called `name`, or None."""
    wanted = visible(name)
    relationships = profile.trust.relationships or [] if profile.trust else []
    for index, relationship in enumerate(relationships):
        if relationship.stakeholder and visible(relationship.stakeholder) == wanted:
            return Stakeholder(relationship.stakeholder, index, relationship)
    for known in names(profile):
        if visible(known) == wanted:
            return Stakeholder(known, None, None)
    return None


def _groups(profile: Profile, name: str) -> list[StakeholderGroup]:
    """The groups of `environment.stakeholders` called `name` (as a reader sees it)."""
    wanted = visible(name)
    groups = profile.environment.stakeholders or [] if profile.environment else []
    return [group for group in groups if group.name is not None and visible(group.name) == wanted]


def at_risk(profile: Profile, name: str) -> bool:
    """Whether the stakeholder group called `name` could be harmed if its members were
    identified, or nobody knows (2.8b): its survey then asks no name and keeps none."""
    return any(g.at_risk_if_identified in ("yes", "unsure") for g in _groups(profile, name))


def languages(profile: Profile, name: str) -> list[str]:
    """The languages the group called `name` reads (2.8), as listed, each once."""
    listed = [code for group in _groups(profile, name) for code in group.languages or []]
    return list(dict.fromkeys(listed))


def refusal(name: str, what: str) -> str:
    """Why a name cannot be asked or kept for a group at risk if identified."""
    return (
        f"{what}: '{name}' could be harmed if its members were identified (2.8b says yes or "
        "unsure), so its survey asks no name and the import keeps none"
    )


def unknown(profile: Profile, name: str) -> str:
    """Why `name` is not a stakeholder of the profile, with the names that are."""
    known = names(profile)
    if not known:
        return (
            f"no stakeholder '{name}' in the profile, which names none: list it under "
            "environment.stakeholders or trust.relationships first"
        )
    listing = ", ".join(f"'{k}'" for k in known[:LISTED])
    more = f" and {len(known) - LISTED} more" if len(known) > LISTED else ""
    return f"no stakeholder '{name}' in the profile ({listing}{more}){hint(name, known)}"
