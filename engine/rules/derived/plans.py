"""Derived facts about the plan as a whole: its size, what it links, and what it leaves open.

Scale (how many people, in how many places) decides how much a gap matters; the kinds of records
linked decide how much privacy expertise the conversation needs; and facts "about blanks" say
where an answer the other answers make decisive is missing.
"""

from __future__ import annotations

from engine.rules.derived.base import (
    UNANSWERED,
    Context,
    Loc,
    Result,
    any_of,
    derived,
    dig,
    is_in,
)

ACTIVITIES: Loc = ("resources", "timeline", "activities")
CAPACITY: Loc = ("resources", "capacity_for_change")
# Records whose disclosure can cost people their health cover, benefits, custody, liberty or
# residence: linking them makes the privacy conversation a technical one too.
SENSITIVE = (
    "health",
    "behavioral_health",
    "child_welfare",
    "justice",
    "homelessness",
    "employment_wages",
    "income_support",
    "immigration",
)


@derived(
    "derived.activities.total_participants",
    "integer",
    "How many participants the activities expect in all (of those answered).",
    ("resources.timeline.activities[*].expected_participants",),
    bound="lower",
)
def total_participants(context: Context) -> Result:
    activities = dig(context.profile, "resources", "timeline", "activities")
    if activities is None:
        return UNANSWERED
    where = [
        (*ACTIVITIES, i, "expected_participants")
        for i, a in enumerate(activities)
        if a.expected_participants is not None
    ]
    total = sum(a.expected_participants or 0 for a in activities)
    return Result(total, tuple(where))


@derived(
    "derived.activities.any_planned",
    "boolean",
    "Some engagement activity is planned.",
    ("resources.timeline.activities",),
)
def any_planned(context: Context) -> Result:
    activities = dig(context.profile, "resources", "timeline", "activities")
    if activities is None:
        return UNANSWERED
    return Result(bool(activities), ((*ACTIVITIES, 0, "name"),) if activities else ())


@derived(
    "derived.activities.any_in_person",
    "boolean",
    "Some activity is held in person (or hybrid).",
    ("resources.timeline.activities[*].format",),
)
def any_in_person(context: Context) -> Result:
    activities = dig(context.profile, "resources", "timeline", "activities")
    if activities is None:
        return UNANSWERED
    return any_of(
        (is_in(a.format, ("in_person", "hybrid")), (*ACTIVITIES, i, "format"))
        for i, a in enumerate(activities)
    )


@derived(
    "derived.activities.notice_unknown",
    "boolean",
    "Some planned activity's notice days are not answered.",
    ("resources.timeline.activities", "resources.timeline.activities[*].notice_days_before"),
    about_blanks=True,
)
def notice_unknown(context: Context) -> Result:
    activities = dig(context.profile, "resources", "timeline", "activities")
    if activities is None:  # nothing listed: the list itself is the blank rules ask about
        return UNANSWERED
    blanks = tuple(
        (*ACTIVITIES, i, "notice_days_before")
        for i, a in enumerate(activities)
        if a.notice_days_before is None
    )
    return Result(bool(blanks), blanks)


@derived(
    "derived.engagements.any_status_unknown",
    "boolean",
    "Another group's engagement is listed without saying how it is going.",
    ("environment.concurrent_engagements[*].status",),
    about_blanks=True,
)
def any_status_unknown(context: Context) -> Result:
    others = dig(context.profile, "environment", "concurrent_engagements")
    if others is None:
        return UNANSWERED
    blanks = tuple(
        ("environment", "concurrent_engagements", i, "status")
        for i, item in enumerate(others)
        if item.status is None
    )
    return Result(bool(blanks), blanks)


@derived(
    "derived.profile.sensitive_records",
    "boolean",
    "The use case links records whose disclosure can do people serious harm (health, "
    "behavioural health, child welfare, justice, homelessness, wages, income support, "
    "immigration).",
    ("profile.records_linked",),
)
def sensitive_records(context: Context) -> Result:
    kinds = dig(context.profile, "profile", "records_linked")
    if kinds is None:
        return UNANSWERED
    return Result(any(kind in SENSITIVE for kind in kinds), (("profile", "records_linked"),))


def _norm(text: str) -> str:
    return " ".join(text.casefold().split()).rstrip(".")


@derived(
    "derived.capacity.influence_overlaps",
    "integer",
    "How many aspects are listed both as open to influence and as non-negotiable.",
    (
        "resources.capacity_for_change.open_to_influence",
        "resources.capacity_for_change.non_negotiables",
    ),
)
def influence_overlaps(context: Context) -> Result:
    capacity = dig(context.profile, "resources", "capacity_for_change")
    open_ = dig(capacity, "open_to_influence")
    fixed = dig(capacity, "non_negotiables")
    if open_ is None or fixed is None:
        return UNANSWERED
    fixed_norm = {_norm(item): i for i, item in enumerate(fixed)}
    where: list[Loc] = []
    for i, item in enumerate(open_):
        j = fixed_norm.get(_norm(item))
        if j is not None:
            where += [(*CAPACITY, "open_to_influence", i), (*CAPACITY, "non_negotiables", j)]
    return Result(len(where) // 2, tuple(where))
