"""Checks across answers that no single field's type can express.

Each check returns the location of the answer to fix, so that the planner is sent to the right
line rather than to the top of a section.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator

from engine.profile.models import Profile
from engine.profile.models.environment import IDS
from engine.profile.suggestions import hint

Loc = tuple[str | int, ...]


def check(profile: Profile) -> list[tuple[Loc, str]]:
    """Every inconsistency found, as (location, message)."""
    return [
        *_pairs(profile),
        *_durations(profile),
        *_duplicate_names(profile),
        *_duplicate_waivers(profile),
    ]


def _pairs(profile: Profile) -> Iterator[tuple[Loc, str]]:
    environment = profile.environment
    if environment is None or not environment.stakeholders:
        return
    known = {group.name for group in environment.stakeholders if group.name}
    for field in ("antagonisms", "alignments"):
        for index, pair in enumerate(getattr(environment, field) or []):
            for side, name in enumerate(pair.between):
                if name != IDS and name not in known:
                    choices = ", ".join(f"'{k}'" for k in sorted(known))
                    yield (
                        ("environment", field, index, "between", side),
                        f"'{name}' is not a stakeholder group listed under "
                        f"environment.stakeholders ({choices}) nor `{IDS}`"
                        f"{hint(name, [*known, IDS])}",
                    )


def _durations(profile: Profile) -> Iterator[tuple[Loc, str]]:
    timeline = profile.resources.timeline if profile.resources else None
    shortest = timeline.min_duration_days if timeline else None
    longest = timeline.max_duration_days if timeline else None
    if shortest is not None and longest is not None and shortest > longest:
        yield (
            ("resources", "timeline", "max_duration_days"),
            f"the longest duration ({longest} days) is shorter than the shortest ({shortest} days)",
        )


def _duplicate_names(profile: Profile) -> Iterator[tuple[Loc, str]]:
    groups = profile.environment.stakeholders if profile.environment else None
    seen: dict[str, int] = {}
    for index, group in enumerate(groups or []):
        if group.name is None:
            continue
        if group.name in seen:
            yield (
                ("environment", "stakeholders", index, "name"),
                f"stakeholder group '{group.name}' is listed twice "
                f"(also item {seen[group.name] + 1}); give each group one entry",
            )
        seen.setdefault(group.name, index)


def _duplicate_waivers(profile: Profile) -> Iterator[tuple[Loc, str]]:
    seen: set[str] = set()
    for index, waiver in enumerate(profile.waivers or []):
        if waiver.rule in seen:
            yield (
                ("waivers", index, "rule"),
                f"rule '{waiver.rule}' is waived twice; keep one waiver per rule",
            )
        seen.add(waiver.rule)


def unknown_waiver_rules(profile: Profile, known: Collection[str]) -> list[tuple[Loc, str]]:
    """Waivers naming rules the rule set lacks: a typo would otherwise waive nothing."""
    return [
        (
            ("waivers", index, "rule"),
            f"no rule '{waiver.rule}' in the rule set{hint(waiver.rule, known)}",
        )
        for index, waiver in enumerate(profile.waivers or [])
        if waiver.rule not in known
    ]
