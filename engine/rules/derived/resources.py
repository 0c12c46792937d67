"""Derived facts about resources (C.1 §3): timeline arithmetic, staff gaps, budget, influence."""

from __future__ import annotations

from engine.profile.models.resources import Activity, BudgetLine
from engine.rules.derived.base import (
    UNANSWERED,
    Context,
    Item,
    Loc,
    Many,
    Result,
    any_of,
    both,
    count_of,
    derived,
    dig,
    is_in,
)

ACTIVITIES = ("resources", "timeline", "activities")
STAFF_FIELDS = (
    "facilitation",
    "participatory_engagement",
    "data_privacy_security",
    "communications_outreach",
    "logistics_support",
)
BUDGET_LINES = (
    "communications_outreach",
    "informational_materials",
    "translation",
    "in_person_events",
    "digital_events",
    "interpretation",
    "external_experts",
    "disability_accommodations",
    "participant_compensation",
)
BUDGET_INPUTS = tuple(
    f"resources.budget.{line}.{field}" for line in BUDGET_LINES for field in ("needed", "funded")
)
LEVELS = ("inform", "consult", "involve", "collaborate", "empower")


def _activities(context: Context) -> list[Activity] | None:
    found: list[Activity] | None = dig(context.profile, "resources", "timeline", "activities")
    return found


@derived(
    "derived.timeline.overrun_days",
    "integer",
    "By how many days the planned activities, processing and notice exceed the longest time "
    "allowed (negative when they fit; counts only the days answered).",
    (
        "resources.timeline.max_duration_days",
        "resources.timeline.activities[*].duration_days",
        "resources.timeline.activities[*].processing_days_after",
        "resources.timeline.activities[*].notice_days_before",
    ),
    bound="lower",
)
def overrun_days(context: Context) -> Result:
    longest = dig(context.profile, "resources", "timeline", "max_duration_days")
    activities = _activities(context)
    if longest is None or activities is None:
        return UNANSWERED
    total = 0
    witnesses: list[Loc] = [("resources", "timeline", "max_duration_days")]
    for index, activity in enumerate(activities):
        for field in ("duration_days", "processing_days_after", "notice_days_before"):
            days = getattr(activity, field)
            if days is not None:
                total += days
                witnesses.append((*ACTIVITIES, index, field))
    return Result(total - longest, tuple(witnesses))


@derived(
    "derived.timeline.notice_margin_days",
    "integer",
    "Days between today and the engagement start, minus the notice the first activity needs "
    "(negative: participants cannot get the notice they need).",
    ("profile.engagement_starts", "resources.timeline.activities[0].notice_days_before"),
)
def notice_margin_days(context: Context) -> Result:
    starts = dig(context.profile, "profile", "engagement_starts")
    activities = _activities(context)
    if starts is None or not activities or activities[0].notice_days_before is None:
        return UNANSWERED
    margin = (starts - context.today).days - activities[0].notice_days_before
    where: tuple[Loc, ...] = (
        ("profile", "engagement_starts"),
        (*ACTIVITIES, 0, "notice_days_before"),
    )
    return Result(margin, where)


@derived(
    "derived.activities.any_digital",
    "boolean",
    "Some activity is digital or hybrid.",
    ("resources.timeline.activities[*].format",),
)
def any_digital(context: Context) -> Result:
    activities = _activities(context)
    if activities is None:
        return UNANSWERED
    return any_of(
        (is_in(a.format, ("digital", "hybrid")), (*ACTIVITIES, i, "format"))
        for i, a in enumerate(activities)
    )


@derived(
    "derived.activities.any_digital_without_level_setting",
    "boolean",
    "Some digital or hybrid activity has no level-setting built into its plan.",
    (
        "resources.timeline.activities[*].format",
        "resources.timeline.activities[*].level_setting_planned",
    ),
)
def any_digital_without_level_setting(context: Context) -> Result:
    activities = _activities(context)
    if activities is None:
        return UNANSWERED
    return any_of(
        (
            both(is_in(a.format, ("digital", "hybrid")), is_in(a.level_setting_planned, ("no",))),
            Many([(*ACTIVITIES, i, "format"), (*ACTIVITIES, i, "level_setting_planned")]),
        )
        for i, a in enumerate(activities)
    )


@derived(
    "derived.activities.any_education_unplanned",
    "boolean",
    "Some activity needs moderate or extensive education beforehand that is not planned.",
    (
        "resources.timeline.activities[*].education_need",
        "resources.timeline.activities[*].level_setting_planned",
    ),
)
def any_education_unplanned(context: Context) -> Result:
    activities = _activities(context)
    if activities is None:
        return UNANSWERED
    return any_of(
        (
            both(
                is_in(a.education_need, ("moderate", "extensive")),
                is_in(a.level_setting_planned, ("no",)),
            ),
            Many([(*ACTIVITIES, i, "education_need"), (*ACTIVITIES, i, "level_setting_planned")]),
        )
        for i, a in enumerate(activities)
    )


@derived(
    "derived.activities.largest_group",
    "integer",
    "The most participants expected at any one activity (of those answered).",
    ("resources.timeline.activities[*].expected_participants",),
    bound="lower",
)
def largest_group(context: Context) -> Result:
    activities = _activities(context)
    if activities is None:
        return UNANSWERED
    known = [
        (a.expected_participants, i)
        for i, a in enumerate(activities)
        if a.expected_participants is not None
    ]
    if not known:
        return Result(0)
    size, index = max(known, key=lambda pair: (pair[0], -pair[1]))
    return Result(size, ((*ACTIVITIES, index, "expected_participants"),))


@derived(
    "derived.staff.missing_skills",
    "integer",
    "How many of the five staff skills nobody in the IDS or its partners has.",
    tuple(f"resources.staff.{field}" for field in STAFF_FIELDS),
    bound="lower",
)
def missing_skills(context: Context) -> Result:
    staff = dig(context.profile, "resources", "staff")
    if staff is None:
        return UNANSWERED
    return count_of(
        (is_in(getattr(staff, field), ("none",)), ("resources", "staff", field))
        for field in STAFF_FIELDS
    )


def _budget_count(context: Context, funded: tuple[str, ...]) -> Result:
    budget = dig(context.profile, "resources", "budget")
    if budget is None:
        return UNANSWERED
    items: list[Item] = []
    for name in BUDGET_LINES:
        line: BudgetLine | None = getattr(budget, name)
        if line is None:
            continue
        known = line.needed == "yes" and line.funded in funded
        items.append((known, ("resources", "budget", name, "funded")))
    return count_of(items)


@derived(
    "derived.budget.unfunded_lines",
    "integer",
    "How many needed cost lines are not funded.",
    BUDGET_INPUTS,
    bound="lower",
)
def unfunded_lines(context: Context) -> Result:
    return _budget_count(context, ("no",))


@derived(
    "derived.budget.unconfirmed_lines",
    "integer",
    "How many needed cost lines the team is unsure are funded.",
    BUDGET_INPUTS,
    bound="lower",
)
def unconfirmed_lines(context: Context) -> Result:
    return _budget_count(context, ("unsure",))


@derived(
    "derived.budget.partly_funded_lines",
    "integer",
    "How many needed cost lines are only partly funded.",
    BUDGET_INPUTS,
    bound="lower",
)
def partly_funded_lines(context: Context) -> Result:
    return _budget_count(context, ("partly",))


@derived(
    "derived.budget.funding_unknown_lines",
    "integer",
    "How many cost lines that will (or may) arise have their funding left blank.",
    BUDGET_INPUTS,
    bound="lower",
    about_blanks=True,
)
def funding_unknown_lines(context: Context) -> Result:
    budget = dig(context.profile, "resources", "budget")
    if budget is None:
        return UNANSWERED
    found = [
        ("resources", "budget", name, "funded")
        for name in BUDGET_LINES
        if (line := getattr(budget, name)) is not None
        and line.needed in ("yes", "unsure")
        and line.funded is None
    ]
    return Result(len(found), tuple(found))


def honest_level(context: Context) -> tuple[int, tuple[Loc, ...]]:
    """The highest participation level the answers can honestly promise (IAP2-style ladder),
    taking every blank answer at its most favourable, so the result is never too low.

    Our reading of C.1 §3 (capacity for change), not a rule of the source: nothing open to
    influence, or input that cannot change the outcome, allows only `inform`; low or uncertain
    leadership commitment allows `consult`; medium `involve`; high `collaborate`; and high with a
    community oversight board holding final authority, `empower`.
    """
    capacity = dig(context.profile, "resources", "capacity_for_change")
    base = ("resources", "capacity_for_change")
    if capacity is None:
        return 4, ()
    if capacity.open_to_influence == []:
        return 0, ((*base, "open_to_influence"),)
    if capacity.input_can_change_outcome == "no":
        return 0, ((*base, "input_can_change_outcome"),)
    commitment = capacity.leadership_commitment
    if commitment is None:
        return 4, ()
    where: tuple[Loc, ...] = ((*base, "leadership_commitment"),)
    if commitment == "high" and capacity.final_authority in ("community_oversight_board", None):
        return 4, (*where, (*base, "final_authority"))
    ladder = {"none": 0, "low": 1, "unsure": 1, "medium": 2, "high": 3}
    return ladder[commitment], where


@derived(
    "derived.capacity.level_overreach",
    "integer",
    "How many steps the participation level you mean to offer is above what your answers on "
    "commitment and influence can honestly promise (0 or less: within reach; blanks are read "
    "in your favour, so this is a lower bound).",
    (
        "profile.engagement_level",
        "resources.capacity_for_change.open_to_influence",
        "resources.capacity_for_change.input_can_change_outcome",
        "resources.capacity_for_change.leadership_commitment",
        "resources.capacity_for_change.final_authority",
    ),
    bound="lower",
)
def level_overreach(context: Context) -> Result:
    offered = dig(context.profile, "profile", "engagement_level")
    honest, where = honest_level(context)
    if offered is None:
        return UNANSWERED
    return Result(LEVELS.index(offered) - honest, (("profile", "engagement_level"), *where))
