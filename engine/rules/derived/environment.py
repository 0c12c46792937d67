"""Derived facts about the environment (C.1 §2): other engagements, stakeholders, relationships."""

from __future__ import annotations

from engine.profile.models.environment import IDS, StakeholderGroup
from engine.rules.derived.base import (
    UNANSWERED,
    Context,
    Item,
    Result,
    all_of,
    any_of,
    count_of,
    derived,
    dig,
    is_in,
)

GROUPS = ("environment", "stakeholders")


def _groups(context: Context) -> list[StakeholderGroup] | None:
    groups: list[StakeholderGroup] | None = dig(context.profile, "environment", "stakeholders")
    return groups


def _each_group(context: Context, field: str, risky: tuple[str, ...]) -> list[Item] | None:
    groups = _groups(context)
    if groups is None:
        return None
    return [
        (is_in(getattr(group, field), risky), (*GROUPS, index, field))
        for index, group in enumerate(groups)
    ]


def _each_need(context: Context, needs: tuple[str, ...]) -> list[Item] | None:
    groups = _groups(context)
    if groups is None:
        return None
    items: list[Item] = []
    for index, group in enumerate(groups):
        has = None if group.needs is None else any(need in group.needs for need in needs)
        items.append((has, (*GROUPS, index, "needs")))
    return items


@derived(
    "derived.engagements.any_troubled",
    "boolean",
    "Another group's engagement with the same stakeholders is stalled or contentious.",
    ("environment.concurrent_engagements[*].status",),
)
def any_troubled(context: Context) -> Result:
    others = dig(context.profile, "environment", "concurrent_engagements")
    if others is None:
        return UNANSWERED
    return any_of(
        (
            is_in(item.status, ("stalled", "contentious")),
            ("environment", "concurrent_engagements", i, "status"),
        )
        for i, item in enumerate(others)
    )


@derived(
    "derived.stakeholders.any_first_time",
    "boolean",
    "Some stakeholder group is taking part in this kind of process for the first time.",
    ("environment.stakeholders[*].first_time",),
)
def any_first_time(context: Context) -> Result:
    return any_of(_each_group(context, "first_time", ("yes",)))


@derived(
    "derived.stakeholders.any_low_literacy",
    "boolean",
    "Some stakeholder group has low digital literacy.",
    ("environment.stakeholders[*].digital_literacy",),
)
def any_low_literacy(context: Context) -> Result:
    return any_of(_each_group(context, "digital_literacy", ("low",)))


@derived(
    "derived.stakeholders.uneven_literacy",
    "boolean",
    "Groups range from low to high digital literacy, so some may dominate digital formats.",
    ("environment.stakeholders[*].digital_literacy",),
)
def uneven_literacy(context: Context) -> Result:
    low = any_of(_each_group(context, "digital_literacy", ("low",)))
    high = any_of(_each_group(context, "digital_literacy", ("high",)))
    return all_of(low, high)


@derived(
    "derived.stakeholders.any_needs_unknown",
    "boolean",
    "Some listed stakeholder group's needs (2.8) are not answered.",
    ("environment.stakeholders[*].needs",),
    about_blanks=True,
)
def any_needs_unknown(context: Context) -> Result:
    groups = _groups(context)
    if groups is None:
        return UNANSWERED
    blanks = tuple((*GROUPS, i, "needs") for i, group in enumerate(groups) if group.needs is None)
    return Result(bool(blanks), blanks)


@derived(
    "derived.stakeholders.any_at_risk",
    "boolean",
    "Some group's members could be harmed if it became known that they took part.",
    ("environment.stakeholders[*].at_risk_if_identified",),
)
def any_at_risk(context: Context) -> Result:
    return any_of(_each_group(context, "at_risk_if_identified", ("yes",)))


@derived(
    "derived.stakeholders.any_at_risk_or_unsure",
    "boolean",
    "Some group's members could be harmed if identified, or nobody knows whether they could.",
    ("environment.stakeholders[*].at_risk_if_identified",),
)
def any_at_risk_or_unsure(context: Context) -> Result:
    return any_of(_each_group(context, "at_risk_if_identified", ("yes", "unsure")))


@derived(
    "derived.stakeholders.any_cultural_or_language_need",
    "boolean",
    "Some group has cultural or language needs to accommodate.",
    ("environment.stakeholders[*].needs",),
)
def any_cultural_need(context: Context) -> Result:
    return any_of(_each_need(context, ("cultural", "language")))


@derived(
    "derived.stakeholders.any_accessibility_need",
    "boolean",
    "Some group needs physical or digital accessibility accommodations.",
    ("environment.stakeholders[*].needs",),
)
def any_accessibility_need(context: Context) -> Result:
    return any_of(_each_need(context, ("physical_accessibility", "digital_accessibility")))


@derived(
    "derived.stakeholders.any_language_or_literacy_need",
    "boolean",
    "Some group needs materials in another language or at a plainer reading level.",
    ("environment.stakeholders[*].needs",),
)
def any_language_or_literacy_need(context: Context) -> Result:
    return any_of(_each_need(context, ("language", "literacy")))


@derived(
    "derived.stakeholders.any_language_need",
    "boolean",
    "Some group needs another language: interpretation at sessions, translated materials.",
    ("environment.stakeholders[*].needs",),
)
def any_language_need(context: Context) -> Result:
    return any_of(_each_need(context, ("language",)))


@derived(
    "derived.stakeholders.any_literacy_need",
    "boolean",
    "Some group needs materials at a plainer reading level.",
    ("environment.stakeholders[*].needs",),
)
def any_literacy_need(context: Context) -> Result:
    return any_of(_each_need(context, ("literacy",)))


@derived(
    "derived.stakeholders.communities",
    "integer",
    "How many different cultural or language communities the listed groups come from.",
    ("environment.stakeholders[*].community",),
    bound="lower",
)
def communities(context: Context) -> Result:
    groups = _groups(context)
    if groups is None:
        return UNANSWERED
    first: dict[str, int] = {}
    for index, group in enumerate(groups):
        if group.community is not None:
            first.setdefault(group.community.strip().casefold(), index)
    return Result(len(first), tuple((*GROUPS, i, "community") for i in sorted(first.values())))


def _pairs(context: Context, field: str, with_ids: bool) -> Result:
    pairs = dig(context.profile, "environment", field)
    if pairs is None:
        return UNANSWERED
    return count_of(
        ((IDS in pair.between) == with_ids, ("environment", field, index, "between"))
        for index, pair in enumerate(pairs)
    )


def _exists(result: Result) -> Result:
    if result.value is None:
        return result
    return Result(bool(result.value), result.witnesses)


@derived(
    "derived.relationships.antagonism_with_ids",
    "boolean",
    "Some group has a history of antagonism toward the IDS's own representatives.",
    ("environment.antagonisms[*].between",),
)
def antagonism_with_ids(context: Context) -> Result:
    return _exists(_pairs(context, "antagonisms", with_ids=True))


@derived(
    "derived.relationships.antagonism_between_groups",
    "boolean",
    "Some stakeholder groups have a history of antagonism toward each other.",
    ("environment.antagonisms[*].between",),
)
def antagonism_between_groups(context: Context) -> Result:
    return _exists(_pairs(context, "antagonisms", with_ids=False))


@derived(
    "derived.relationships.alignment_with_ids",
    "boolean",
    "Some group has traditionally aligned with the IDS's own representatives.",
    ("environment.alignments[*].between",),
)
def alignment_with_ids(context: Context) -> Result:
    return _exists(_pairs(context, "alignments", with_ids=True))
