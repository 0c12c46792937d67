"""Derived facts that read the calendar: answers checked against today and against each other.

A date compared with another is unknown while either is blank. How long the activities run is a
lower bound (the days answered), so "the decision falls before the activities end" is known to be
true once the answered days already reach past it, and known to be false only when every
activity's days are answered.
"""

from __future__ import annotations

import datetime as dt

from engine.rules.derived.base import UNANSWERED, Context, Loc, Result, count_of, derived, dig

START: Loc = ("profile", "engagement_starts")
DECISION: Loc = ("resources", "capacity_for_change", "decision_date")
ACTIVITIES: Loc = ("resources", "timeline", "activities")


def _days(context: Context) -> tuple[int, bool, tuple[Loc, ...]]:
    """The answered days the activities and their processing take, whether every one is
    answered, and where they are."""
    activities = dig(context.profile, "resources", "timeline", "activities") or []
    total, complete, where = 0, True, []
    for index, activity in enumerate(activities):
        for field in ("duration_days", "processing_days_after"):
            days = getattr(activity, field)
            if days is None:
                complete = False
            else:
                total += days
                where.append((*ACTIVITIES, index, field))
    return total, complete, tuple(where)


@derived(
    "derived.calendar.days_until_start",
    "integer",
    "Days from today to the first engagement activity (negative once it has passed).",
    ("profile.engagement_starts",),
)
def days_until_start(context: Context) -> Result:
    starts = dig(context.profile, "profile", "engagement_starts")
    if starts is None:
        return UNANSWERED
    return Result((starts - context.today).days, (START,))


@derived(
    "derived.calendar.profile_age_days",
    "integer",
    "Days since the profile was last brought up to date.",
    ("profile.prepared_on",),
)
def profile_age_days(context: Context) -> Result:
    prepared = dig(context.profile, "profile", "prepared_on")
    if prepared is None:
        return UNANSWERED
    return Result((context.today - prepared).days, (("profile", "prepared_on"),))


@derived(
    "derived.calendar.decided_before_start",
    "boolean",
    "Whoever has final authority decides before the first engagement activity.",
    ("resources.capacity_for_change.decision_date", "profile.engagement_starts"),
)
def decided_before_start(context: Context) -> Result:
    decision = dig(context.profile, "resources", "capacity_for_change", "decision_date")
    starts = dig(context.profile, "profile", "engagement_starts")
    if decision is None or starts is None:
        return UNANSWERED
    return Result(decision < starts, (DECISION, START))


@derived(
    "derived.calendar.decided_before_activities_end",
    "boolean",
    "The decision falls after the engagement starts but before its planned activities and their "
    "processing end.",
    (
        "resources.capacity_for_change.decision_date",
        "profile.engagement_starts",
        "resources.timeline.activities[*].duration_days",
        "resources.timeline.activities[*].processing_days_after",
    ),
)
def decided_before_activities_end(context: Context) -> Result:
    decision = dig(context.profile, "resources", "capacity_for_change", "decision_date")
    starts = dig(context.profile, "profile", "engagement_starts")
    if decision is None or starts is None or decision < starts:
        return UNANSWERED if decision is None or starts is None else Result(False, (DECISION,))
    days, complete, where = _days(context)
    if decision < starts + dt.timedelta(days=days):
        return Result(True, (DECISION, START, *where))
    return Result(False, (DECISION, START)) if complete else UNANSWERED


@derived(
    "derived.objectives.due_before_start",
    "integer",
    "How many objectives are due before the engagement even starts.",
    ("objectives.statements[*].due", "profile.engagement_starts"),
    bound="lower",
)
def due_before_start(context: Context) -> Result:
    statements = dig(context.profile, "objectives", "statements")
    starts = dig(context.profile, "profile", "engagement_starts")
    if statements is None or starts is None:
        return UNANSWERED
    items = [
        (None if item.due is None else item.due < starts, ("objectives", "statements", i, "due"))
        for i, item in enumerate(statements)
    ]
    found = count_of(items)
    return Result(found.value, (*found.witnesses, START)) if found.value else found


@derived(
    "derived.waivers.lapsing_before_engagement_ends",
    "integer",
    "How many waivers still apply today but lapse before the engagement's planned activities "
    "end, so the accepted finding is open again while people are being engaged.",
    ("waivers[*].expires", "profile.engagement_starts"),
    bound="lower",
)
def lapsing_waivers(context: Context) -> Result:
    waivers = context.profile.waivers or []
    starts = dig(context.profile, "profile", "engagement_starts")
    if starts is None:
        return UNANSWERED
    end = starts + dt.timedelta(days=_days(context)[0])
    items = [
        (
            None if w.expires is None else context.today <= w.expires < end,
            ("waivers", i, "expires"),
        )
        for i, w in enumerate(waivers)
    ]
    found = count_of(items)
    return Result(found.value, (*found.witnesses, START)) if found.value else found
