"""Every derived fact, computed on small hand-written profiles: risky, safe and unanswered.

Why a table: a rule can only be as right as the facts it tests, and a derived fact combines
several answers, so each one gets a case where it flags a risk (with witnesses pointing at the
answers that make it so), a case where it does not, and a case where blanks leave it unanswered.
A hypothesis property then checks the promise of engine/rules/derived/base.py on random profiles:
blanking a section only ever moves a derived fact towards unanswered.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

import pytest
from hypothesis import given, settings

from engine.profile.models import Profile
from engine.profile.models.vocab import ELEMENTS
from engine.rules.derived import REGISTRY, Context, Derived, Result
from engine.rules.derived.base import Loc, Value
from tests.strategies import profiles

TODAY = dt.date(2026, 11, 23)
BY_NAME: dict[str, Derived] = {fact.name: fact for fact in REGISTRY}
SECTIONS = ("trust", "environment", "resources", "objectives")

E = ELEMENTS  # the ten elements, in their fixed order
FULL = list(E)
REVERSED = FULL[::-1]

GROUPS: Loc = ("environment", "stakeholders")
CONCURRENT: Loc = ("environment", "concurrent_engagements")
ACTIVITIES: Loc = ("resources", "timeline", "activities")
CAPACITY: Loc = ("resources", "capacity_for_change")
BUDGET_LOC: Loc = ("resources", "budget")
RELS: Loc = ("trust", "relationships")
ORG: Loc = ("trust", "organisation_ranking")
LEVEL: Loc = ("profile", "engagement_level")


def compute(name: str, profile: Profile) -> Result:
    """The named derived fact on `profile`, as of the fixed TODAY."""
    return BY_NAME[name].compute(Context(profile, TODAY))


def make(**sections: Any) -> Profile:
    """A validated profile holding only the given sections."""
    return Profile.model_validate({"schema_version": 1, **sections})


# --- profile builders: each returns plain data, so a case reads like the YAML it stands for ---


def env(**fields: Any) -> dict[str, Any]:
    return {"environment": fields}


def groups(*items: dict[str, Any]) -> dict[str, Any]:
    """Stakeholder groups, named A, B, C... unless a name is given."""
    named = [{"name": chr(ord("A") + i), **item} for i, item in enumerate(items)]
    return env(stakeholders=named)


def pairs(field: str, *between: tuple[str, str]) -> dict[str, Any]:
    names = sorted({side for pair in between for side in pair if side != "ids"})
    return env(
        stakeholders=[{"name": name} for name in names],
        **{field: [{"between": list(pair)} for pair in between]},
    )


def activities(*items: dict[str, Any], **timeline: Any) -> dict[str, Any]:
    return {"resources": {"timeline": {"activities": list(items), **timeline}}}


def capacity(level: str | None, **fields: Any) -> dict[str, Any]:
    about = {"profile": {"engagement_level": level}} if level is not None else {}
    return {**about, "resources": {"capacity_for_change": fields}}


def rels(*items: dict[str, Any], org: list[str] | None = None) -> dict[str, Any]:
    trust: dict[str, Any] = {"relationships": list(items)}
    if org is not None:
        trust["organisation_ranking"] = org
    return {"trust": trust}


def feedback(default: dict[str, str] | None = None, **elements: dict[str, str]) -> dict[str, Any]:
    """Feedback on every element (`default`) or only on the elements given."""
    every = {element: dict(default) for element in E} if default is not None else {}
    return {**every, **elements}


def steps(*items: dict[str, Any]) -> dict[str, Any]:
    return rels({"stakeholder": "Parents", "next_steps": list(items)})


def fb(index: int, element: str, field: str) -> Loc:
    return (*RELS, index, "feedback", element, field)


def step(index: int, field: str) -> Loc:
    return (*RELS, 0, "next_steps", index, field)


BUDGET = {
    "communications_outreach": {"needed": "yes", "funded": "no"},
    "informational_materials": {"needed": "yes", "funded": "partly"},
    "in_person_events": {"needed": "no", "funded": "no"},
    "digital_events": {"needed": "yes", "funded": "unsure"},
    "external_experts": {"needed": "yes", "funded": "no"},
    "interpretation": {"needed": "yes", "funded": "partly"},
    "participant_compensation": {"funded": "no"},
}
FUNDED = {"resources": {"budget": {"communications_outreach": {"needed": "yes", "funded": "yes"}}}}
PRIORITY_ORG = [
    "legal_compliance",
    "privacy_security",
    "governance_oversight",
    "quality_accuracy",
    "skills_knowledge",
]


def case(
    name: str,
    label: str,
    data: dict[str, Any],
    value: Value,
    witnesses: tuple[Loc, ...] | None = (),
) -> Any:
    """One row: fact, profile data, expected value, expected witnesses (None: not checked)."""
    return pytest.param(name, data, value, witnesses, id=f"{name.removeprefix('derived.')}:{label}")


P = "derived."
START: Loc = ("profile", "engagement_starts")
DECISION: Loc = (*CAPACITY, "decision_date")
CASES = [
    # --- the calendar: answers against today and against each other ---
    case(
        P + "calendar.days_until_start",
        "in-twelve-days",
        {"profile": {"engagement_starts": "2026-12-05"}},
        12,
        (START,),
    ),
    case(
        P + "calendar.days_until_start",
        "passed",
        {"profile": {"engagement_starts": "2026-11-01"}},
        -22,
        (START,),
    ),
    case(P + "calendar.days_until_start", "blank", {"profile": {}}, None),
    case(
        P + "calendar.profile_age_days",
        "two-years",
        {"profile": {"prepared_on": "2024-11-23"}},
        730,
        (("profile", "prepared_on"),),
    ),
    case(
        P + "calendar.profile_age_days",
        "today",
        {"profile": {"prepared_on": "2026-11-23"}},
        0,
        (("profile", "prepared_on"),),
    ),
    case(P + "calendar.profile_age_days", "blank", {"profile": {"name": "X"}}, None),
    case(
        P + "calendar.decided_before_start",
        "vote-first",
        {
            "profile": {"engagement_starts": "2027-03-01"},
            **capacity(None, decision_date="2027-02-10"),
        },
        True,
        (DECISION, START),
    ),
    case(
        P + "calendar.decided_before_start",
        "vote-after",
        {
            "profile": {"engagement_starts": "2027-03-01"},
            **capacity(None, decision_date="2027-06-10"),
        },
        False,
        (DECISION, START),
    ),
    case(
        P + "calendar.decided_before_start",
        "start-blank",
        capacity(None, decision_date="2027-02-10"),
        None,
    ),
    case(
        P + "calendar.decided_before_activities_end",
        "mid-engagement",
        {
            "profile": {"engagement_starts": "2027-03-01"},
            "resources": {
                "capacity_for_change": {"decision_date": "2027-03-20"},
                "timeline": {"activities": [{"duration_days": 30}, {}]},
            },
        },
        True,
        (DECISION, START, (*ACTIVITIES, 0, "duration_days")),
    ),
    case(
        P + "calendar.decided_before_activities_end",
        "after-every-activity",
        {
            "profile": {"engagement_starts": "2027-03-01"},
            "resources": {
                "capacity_for_change": {"decision_date": "2027-06-20"},
                "timeline": {"activities": [{"duration_days": 30, "processing_days_after": 14}]},
            },
        },
        False,
        (DECISION, START),
    ),
    case(
        P + "calendar.decided_before_activities_end",
        "days-blank-after-the-answered-ones",
        {
            "profile": {"engagement_starts": "2027-03-01"},
            "resources": {
                "capacity_for_change": {"decision_date": "2027-06-20"},
                "timeline": {"activities": [{"duration_days": 30}, {}]},
            },
        },
        None,
    ),
    case(
        P + "objectives.due_before_start",
        "one-early-despite-a-blank",
        {
            "profile": {"engagement_starts": "2027-03-01"},
            "objectives": {"statements": [{"due": "2027-01-15"}, {}, {"due": "2027-09-01"}]},
        },
        1,
        (("objectives", "statements", 0, "due"), START),
    ),
    case(
        P + "objectives.due_before_start",
        "all-after",
        {
            "profile": {"engagement_starts": "2027-03-01"},
            "objectives": {"statements": [{"due": "2027-09-01"}]},
        },
        0,
    ),
    case(
        P + "objectives.due_before_start",
        "start-blank",
        {"objectives": {"statements": [{"due": "2027-01-15"}]}},
        None,
    ),
    case(
        P + "waivers.lapsing_before_engagement_ends",
        "lapses-before-start",
        {
            "profile": {"engagement_starts": "2027-03-01"},
            "waivers": [{"rule": "x", "reason": "r", "expires": "2026-12-01"}],
        },
        1,
        (("waivers", 0, "expires"), START),
    ),
    case(
        P + "waivers.lapsing_before_engagement_ends",
        "covers-the-engagement",
        {
            "profile": {"engagement_starts": "2027-03-01"},
            "waivers": [{"rule": "x", "reason": "r", "expires": "2027-08-01"}],
        },
        0,
    ),
    case(
        P + "waivers.lapsing_before_engagement_ends",
        "start-blank",
        {"waivers": [{"rule": "x", "reason": "r", "expires": "2026-12-01"}]},
        None,
    ),
    # --- the plan as a whole: scale, records linked, blanks other answers make decisive ---
    case(
        P + "activities.total_participants",
        "sum-of-those-answered",
        activities({"expected_participants": 40}, {}, {"expected_participants": 500}),
        540,
        ((*ACTIVITIES, 0, "expected_participants"), (*ACTIVITIES, 2, "expected_participants")),
    ),
    case(P + "activities.total_participants", "none-listed", activities(), 0),
    case(P + "activities.total_participants", "list-blank", {"resources": {}}, None),
    case(
        P + "activities.any_planned",
        "two",
        activities({"name": "Forum"}, {}),
        True,
        ((*ACTIVITIES, 0, "name"),),
    ),
    case(P + "activities.any_planned", "none", activities(), False),
    case(P + "activities.any_planned", "list-blank", {"resources": {}}, None),
    case(
        P + "activities.any_in_person",
        "hybrid",
        activities({"format": "digital"}, {"format": "hybrid"}),
        True,
        ((*ACTIVITIES, 1, "format"),),
    ),
    case(
        P + "activities.any_in_person",
        "all-online",
        activities({"format": "digital"}),
        False,
        ((*ACTIVITIES, 0, "format"),),
    ),
    case(P + "activities.any_in_person", "format-blank", activities({}), None),
    case(
        P + "activities.notice_unknown",
        "one-blank",
        activities({"notice_days_before": 14}, {}),
        True,
        ((*ACTIVITIES, 1, "notice_days_before"),),
    ),
    case(
        P + "activities.notice_unknown",
        "all-answered",
        activities({"notice_days_before": 14}),
        False,
    ),
    case(P + "activities.notice_unknown", "list-blank", {"resources": {}}, None),
    case(
        P + "engagements.any_status_unknown",
        "one-blank",
        env(concurrent_engagements=[{"status": "on_track"}, {"organiser": "Library"}]),
        True,
        ((*CONCURRENT, 1, "status"),),
    ),
    case(
        P + "engagements.any_status_unknown",
        "all-answered",
        env(concurrent_engagements=[{"status": "stalled"}]),
        False,
    ),
    case(P + "engagements.any_status_unknown", "list-blank", env(), None),
    case(
        P + "profile.sensitive_records",
        "health-and-wages",
        {"profile": {"records_linked": ["education", "health", "employment_wages"]}},
        True,
        (("profile", "records_linked"),),
    ),
    case(
        P + "profile.sensitive_records",
        "schools-only",
        {"profile": {"records_linked": ["education", "early_childhood"]}},
        False,
        (("profile", "records_linked"),),
    ),
    case(P + "profile.sensitive_records", "blank", {"profile": {"name": "X"}}, None),
    case(
        P + "capacity.influence_overlaps",
        "same-item-in-other-words",
        capacity(
            None,
            open_to_influence=["Opt-out process", "Which Records"],
            non_negotiables=["which  records."],
        ),
        1,
        ((*CAPACITY, "open_to_influence", 1), (*CAPACITY, "non_negotiables", 0)),
    ),
    case(
        P + "capacity.influence_overlaps",
        "apart",
        capacity(None, open_to_influence=["Opt-out process"], non_negotiables=["Which records"]),
        0,
    ),
    case(
        P + "capacity.influence_overlaps",
        "non-negotiables-blank",
        capacity(None, open_to_influence=["Opt-out process"]),
        None,
    ),
    case(
        P + "budget.funding_unknown_lines",
        "needed-with-funding-blank",
        {
            "resources": {
                "budget": {"translation": {"needed": "yes"}, "interpretation": {"needed": "no"}}
            }
        },
        1,
        ((*BUDGET_LOC, "translation", "funded"),),
    ),
    case(
        P + "budget.funding_unknown_lines",
        "all-funded",
        {"resources": {"budget": {"translation": {"needed": "yes", "funded": "yes"}}}},
        0,
    ),
    case(P + "budget.funding_unknown_lines", "budget-blank", {"resources": {}}, None),
    case(
        P + "stakeholders.any_at_risk",
        "one-at-risk",
        groups({"at_risk_if_identified": "no"}, {"at_risk_if_identified": "yes"}),
        True,
        ((*GROUPS, 1, "at_risk_if_identified"),),
    ),
    case(
        P + "stakeholders.any_at_risk",
        "unsure-is-not-yes",
        groups({"at_risk_if_identified": "no"}, {"at_risk_if_identified": "unsure"}),
        False,
        ((*GROUPS, 0, "at_risk_if_identified"), (*GROUPS, 1, "at_risk_if_identified")),
    ),
    case(
        P + "stakeholders.any_at_risk",
        "one-blank",
        groups({"at_risk_if_identified": "no"}, {}),
        None,
    ),
    case(
        P + "stakeholders.any_at_risk_or_unsure",
        "unsure",
        groups({"at_risk_if_identified": "unsure"}),
        True,
        ((*GROUPS, 0, "at_risk_if_identified"),),
    ),
    case(
        P + "stakeholders.any_at_risk_or_unsure",
        "nobody",
        groups({"at_risk_if_identified": "no"}),
        False,
        ((*GROUPS, 0, "at_risk_if_identified"),),
    ),
    case(P + "stakeholders.any_at_risk_or_unsure", "blank", groups({}), None),
    case(
        P + "stakeholders.any_needs_unknown",
        "one-blank",
        groups({"needs": []}, {}),
        True,
        ((*GROUPS, 1, "needs"),),
    ),
    case(
        P + "stakeholders.any_needs_unknown", "all-answered", groups({"needs": ["language"]}), False
    ),
    case(P + "stakeholders.any_needs_unknown", "no-list", env(), None),
    case(
        P + "trust.any_improvement_unknown",
        "responded-improvement-blank",
        rels({"stakeholder": "A", "response_received": "yes"}),
        True,
        ((*RELS, 0, "trust_improved"),),
    ),
    case(
        P + "trust.any_improvement_unknown",
        "answered",
        rels({"stakeholder": "A", "response_received": "yes", "trust_improved": "no"}),
        False,
    ),
    case(P + "trust.any_improvement_unknown", "no-relationships", {"trust": {}}, None),
    # --- environment: other engagements ---
    case(
        P + "engagements.any_troubled",
        "stalled-despite-a-blank",
        env(concurrent_engagements=[{"status": "on_track"}, {"status": "stalled"}, {}]),
        True,
        ((*CONCURRENT, 1, "status"),),
    ),
    case(
        P + "engagements.any_troubled",
        "all-on-track",
        env(concurrent_engagements=[{"status": "on_track"}, {"status": "on_track"}]),
        False,
        ((*CONCURRENT, 0, "status"), (*CONCURRENT, 1, "status")),
    ),
    case(P + "engagements.any_troubled", "none-running", env(concurrent_engagements=[]), False, ()),
    case(
        P + "engagements.any_troubled",
        "one-status-blank",
        env(concurrent_engagements=[{"status": "on_track"}, {"organiser": "Library"}]),
        None,
    ),
    case(P + "engagements.any_troubled", "list-blank", env(), None),
    # --- environment: stakeholder groups ---
    case(
        P + "stakeholders.any_first_time",
        "true-despite-a-blank",
        groups({}, {"first_time": "yes"}),
        True,
        ((*GROUPS, 1, "first_time"),),
    ),
    case(
        P + "stakeholders.any_first_time",
        "all-experienced",
        groups({"first_time": "no"}, {"first_time": "no"}),
        False,
        ((*GROUPS, 0, "first_time"), (*GROUPS, 1, "first_time")),
    ),
    case(
        P + "stakeholders.any_first_time",
        "one-blank",
        groups({"first_time": "no"}, {}),
        None,
    ),
    case(
        P + "stakeholders.any_low_literacy",
        "one-low",
        groups({"digital_literacy": "high"}, {"digital_literacy": "low"}),
        True,
        ((*GROUPS, 1, "digital_literacy"),),
    ),
    case(
        P + "stakeholders.any_low_literacy",
        "none-low",
        groups({"digital_literacy": "medium"}, {"digital_literacy": "high"}),
        False,
        ((*GROUPS, 0, "digital_literacy"), (*GROUPS, 1, "digital_literacy")),
    ),
    case(
        P + "stakeholders.any_low_literacy",
        "one-blank",
        groups({"digital_literacy": "high"}, {"name": "B"}),
        None,
    ),
    case(
        P + "stakeholders.uneven_literacy",
        "low-and-high",
        groups(
            {"digital_literacy": "low"},
            {"digital_literacy": "medium"},
            {"digital_literacy": "high"},
        ),
        True,
        ((*GROUPS, 0, "digital_literacy"), (*GROUPS, 2, "digital_literacy")),
    ),
    case(
        P + "stakeholders.uneven_literacy",
        "no-low",
        groups({"digital_literacy": "medium"}, {"digital_literacy": "high"}),
        False,
        ((*GROUPS, 0, "digital_literacy"), (*GROUPS, 1, "digital_literacy")),
    ),
    case(
        P + "stakeholders.uneven_literacy",
        "no-high",
        groups({"digital_literacy": "low"}, {"digital_literacy": "low"}),
        False,
        ((*GROUPS, 0, "digital_literacy"), (*GROUPS, 1, "digital_literacy")),
    ),
    case(
        P + "stakeholders.uneven_literacy",
        "low-and-a-blank",
        groups({"digital_literacy": "low"}, {}),
        None,
    ),
    case(
        P + "stakeholders.any_cultural_or_language_need",
        "cultural",
        groups({"needs": ["other"]}, {"needs": ["physical_accessibility", "cultural"]}),
        True,
        ((*GROUPS, 1, "needs"),),
    ),
    case(
        P + "stakeholders.any_cultural_or_language_need",
        "other-needs-only",
        groups({"needs": ["other", "literacy"]}, {"needs": []}),
        False,
        ((*GROUPS, 0, "needs"), (*GROUPS, 1, "needs")),
    ),
    case(
        P + "stakeholders.any_cultural_or_language_need",
        "one-blank",
        groups({"needs": []}, {}),
        None,
    ),
    case(
        P + "stakeholders.any_accessibility_need",
        "digital-accessibility",
        groups({"needs": ["digital_accessibility"]}, {"needs": ["physical_accessibility"]}),
        True,
        ((*GROUPS, 0, "needs"), (*GROUPS, 1, "needs")),
    ),
    case(
        P + "stakeholders.any_accessibility_need",
        "language-only",
        groups({"needs": ["language"]}),
        False,
        ((*GROUPS, 0, "needs"),),
    ),
    case(P + "stakeholders.any_accessibility_need", "blank", groups({}), None),
    case(
        P + "stakeholders.any_language_or_literacy_need",
        "literacy",
        groups({"needs": ["cultural"]}, {"needs": ["literacy"]}),
        True,
        ((*GROUPS, 1, "needs"),),
    ),
    case(
        P + "stakeholders.any_language_or_literacy_need",
        "cultural-only",
        groups({"needs": ["cultural", "digital_accessibility"]}),
        False,
        ((*GROUPS, 0, "needs"),),
    ),
    case(P + "stakeholders.any_language_or_literacy_need", "no-groups-listed", env(), None),
    case(
        P + "stakeholders.any_language_need",
        "language",
        groups({"needs": ["literacy"]}, {"needs": ["cultural", "language"]}),
        True,
        ((*GROUPS, 1, "needs"),),
    ),
    case(
        P + "stakeholders.any_language_need",
        "literacy-only",
        groups({"needs": ["literacy", "cultural"]}, {"needs": []}),
        False,
        ((*GROUPS, 0, "needs"), (*GROUPS, 1, "needs")),
    ),
    case(P + "stakeholders.any_language_need", "one-blank", groups({"needs": []}, {}), None),
    case(
        P + "stakeholders.any_literacy_need",
        "literacy",
        groups({"needs": ["language"]}, {"needs": ["literacy"]}),
        True,
        ((*GROUPS, 1, "needs"),),
    ),
    case(
        P + "stakeholders.any_literacy_need",
        "language-only",
        groups({"needs": ["language"]}),
        False,
        ((*GROUPS, 0, "needs"),),
    ),
    case(P + "stakeholders.any_literacy_need", "no-groups-listed", env(), None),
    case(
        P + "stakeholders.communities",
        "case-and-spaces-folded",
        groups({"community": "Somali"}, {"community": " somali "}, {"community": "Hmong"}, {}),
        2,
        ((*GROUPS, 0, "community"), (*GROUPS, 2, "community")),
    ),
    case(P + "stakeholders.communities", "none-known", groups({}, {}), 0, ()),
    case(P + "stakeholders.communities", "groups-blank", env(), None),
    # --- environment: relationships between groups ---
    case(
        P + "relationships.antagonism_with_ids",
        "group-and-ids",
        pairs("antagonisms", ("A", "B"), ("ids", "B")),
        True,
        (("environment", "antagonisms", 1, "between"),),
    ),
    case(
        P + "relationships.antagonism_with_ids",
        "groups-only",
        pairs("antagonisms", ("A", "B")),
        False,
        (),
    ),
    case(P + "relationships.antagonism_with_ids", "none-listed", env(antagonisms=[]), False, ()),
    case(P + "relationships.antagonism_with_ids", "blank", env(stakeholders=[]), None),
    case(
        P + "relationships.antagonism_between_groups",
        "two-groups",
        pairs("antagonisms", ("ids", "A"), ("A", "B")),
        True,
        (("environment", "antagonisms", 1, "between"),),
    ),
    case(
        P + "relationships.antagonism_between_groups",
        "only-with-ids",
        pairs("antagonisms", ("ids", "A")),
        False,
        (),
    ),
    case(P + "relationships.antagonism_between_groups", "blank", env(), None),
    case(
        P + "relationships.alignment_with_ids",
        "aligned-with-ids",
        pairs("alignments", ("A", "ids")),
        True,
        (("environment", "alignments", 0, "between"),),
    ),
    case(
        P + "relationships.alignment_with_ids",
        "groups-only",
        pairs("alignments", ("A", "B")),
        False,
        (),
    ),
    case(
        P + "relationships.alignment_with_ids",
        "antagonism-is-not-alignment",
        pairs("antagonisms", ("A", "ids")),
        None,
    ),
    # --- objectives ---
    case(
        P + "objectives.any_not_smart",
        "one-not-smart",
        {"objectives": {"statements": [{"smart": "yes"}, {"smart": "no"}]}},
        True,
        (("objectives", "statements", 1, "smart"),),
    ),
    case(
        P + "objectives.any_not_smart",
        "all-smart",
        {"objectives": {"statements": [{"smart": "yes"}]}},
        False,
        (("objectives", "statements", 0, "smart"),),
    ),
    case(
        P + "objectives.any_not_smart",
        "one-blank",
        {"objectives": {"statements": [{"smart": "yes"}, {"text": "Hear parents"}]}},
        None,
    ),
    case(P + "objectives.any_not_smart", "no-statements", {"objectives": {}}, None),
    # --- resources: timeline ---
    case(
        # 5 + 2 + 7 + 3 = 17 days planned, 10 allowed: 7 over; the blank days count as 0.
        P + "timeline.overrun_days",
        "over",
        activities(
            {"duration_days": 5, "processing_days_after": 2, "notice_days_before": 7},
            {"duration_days": 3},
            max_duration_days=10,
        ),
        7,
        (
            ("resources", "timeline", "max_duration_days"),
            (*ACTIVITIES, 0, "duration_days"),
            (*ACTIVITIES, 0, "processing_days_after"),
            (*ACTIVITIES, 0, "notice_days_before"),
            (*ACTIVITIES, 1, "duration_days"),
        ),
    ),
    case(
        P + "timeline.overrun_days",
        "fits",
        activities({"duration_days": 5}, max_duration_days=30),
        -25,
        (("resources", "timeline", "max_duration_days"), (*ACTIVITIES, 0, "duration_days")),
    ),
    case(
        P + "timeline.overrun_days",
        "longest-blank",
        activities({"duration_days": 5}),
        None,
    ),
    case(
        P + "timeline.overrun_days",
        "activities-blank",
        {"resources": {"timeline": {"max_duration_days": 30}}},
        None,
    ),
    case(
        # 2026-11-23 to 2026-12-23 is 30 days; the first activity needs 14 days' notice.
        P + "timeline.notice_margin_days",
        "enough-notice",
        {
            "profile": {"engagement_starts": "2026-12-23"},
            **activities({"notice_days_before": 14}, {"notice_days_before": 90}),
        },
        16,
        (("profile", "engagement_starts"), (*ACTIVITIES, 0, "notice_days_before")),
    ),
    case(
        # 7 days away, 14 needed: participants get a week less notice than they need.
        P + "timeline.notice_margin_days",
        "too-little-notice",
        {"profile": {"engagement_starts": "2026-11-30"}, **activities({"notice_days_before": 14})},
        -7,
        (("profile", "engagement_starts"), (*ACTIVITIES, 0, "notice_days_before")),
    ),
    case(
        P + "timeline.notice_margin_days",
        "first-activity-notice-blank",
        {
            "profile": {"engagement_starts": "2026-12-23"},
            **activities({"duration_days": 1}, {"notice_days_before": 3}),
        },
        None,
    ),
    case(
        P + "timeline.notice_margin_days",
        "start-blank",
        activities({"notice_days_before": 14}),
        None,
    ),
    case(
        P + "timeline.notice_margin_days",
        "no-activities",
        {"profile": {"engagement_starts": "2026-12-23"}, **activities()},
        None,
    ),
    # --- resources: activities ---
    case(
        P + "activities.any_digital",
        "hybrid",
        activities({"format": "in_person"}, {"format": "hybrid"}),
        True,
        ((*ACTIVITIES, 1, "format"),),
    ),
    case(
        P + "activities.any_digital",
        "in-person-only",
        activities({"format": "in_person"}),
        False,
        ((*ACTIVITIES, 0, "format"),),
    ),
    case(
        P + "activities.any_digital",
        "one-blank",
        activities({"format": "in_person"}, {"name": "Survey"}),
        None,
    ),
    case(
        P + "activities.any_digital_without_level_setting",
        "digital-unprepared",
        activities({"format": "in_person"}, {"format": "digital", "level_setting_planned": "no"}),
        True,
        ((*ACTIVITIES, 1, "format"), (*ACTIVITIES, 1, "level_setting_planned")),
    ),
    case(
        # An in-person activity is safe whatever its level-setting answer (Kleene AND).
        P + "activities.any_digital_without_level_setting",
        "in-person-or-prepared",
        activities({"format": "in_person"}, {"format": "hybrid", "level_setting_planned": "yes"}),
        False,
        (
            (*ACTIVITIES, 0, "format"),
            (*ACTIVITIES, 0, "level_setting_planned"),
            (*ACTIVITIES, 1, "format"),
            (*ACTIVITIES, 1, "level_setting_planned"),
        ),
    ),
    case(
        P + "activities.any_digital_without_level_setting",
        "digital-plan-blank",
        activities({"format": "digital"}),
        None,
    ),
    case(
        P + "activities.any_education_unplanned",
        "extensive-unplanned",
        activities({"education_need": "extensive", "level_setting_planned": "no"}),
        True,
        ((*ACTIVITIES, 0, "education_need"), (*ACTIVITIES, 0, "level_setting_planned")),
    ),
    case(
        P + "activities.any_education_unplanned",
        "light-need",
        activities({"education_need": "light"}),
        False,
        ((*ACTIVITIES, 0, "education_need"), (*ACTIVITIES, 0, "level_setting_planned")),
    ),
    case(
        P + "activities.any_education_unplanned",
        "moderate-plan-blank",
        activities({"education_need": "moderate"}),
        None,
    ),
    case(
        P + "activities.largest_group",
        "first-of-the-largest",
        activities(
            {"expected_participants": 40},
            {"expected_participants": 120},
            {},
            {"expected_participants": 120},
        ),
        120,
        ((*ACTIVITIES, 1, "expected_participants"),),
    ),
    case(P + "activities.largest_group", "none-known", activities({"name": "Forum"}), 0, ()),
    case(P + "activities.largest_group", "activities-blank", {"resources": {"timeline": {}}}, None),
    # --- resources: staff and budget ---
    case(
        P + "staff.missing_skills",
        "two-missing",
        {
            "resources": {
                "staff": {
                    "facilitation": "none",
                    "participatory_engagement": "in_house",
                    "data_privacy_security": "none",
                    "communications_outreach": "unsure",
                }
            }
        },
        2,
        (("resources", "staff", "facilitation"), ("resources", "staff", "data_privacy_security")),
    ),
    case(
        P + "staff.missing_skills",
        "none-missing",
        {"resources": {"staff": {"facilitation": "partner", "logistics_support": "both"}}},
        0,
        (),
    ),
    case(P + "staff.missing_skills", "staff-blank", {"resources": {"budget": {}}}, None),
    case(
        P + "budget.unfunded_lines",
        "two-unfunded",
        {"resources": {"budget": BUDGET}},
        2,
        (
            (*BUDGET_LOC, "communications_outreach", "funded"),
            (*BUDGET_LOC, "external_experts", "funded"),
        ),
    ),
    case(P + "budget.unfunded_lines", "funded", FUNDED, 0, ()),
    case(P + "budget.unfunded_lines", "budget-blank", {"resources": {}}, None),
    case(
        P + "budget.unconfirmed_lines",
        "one-unsure",
        {"resources": {"budget": BUDGET}},
        1,
        ((*BUDGET_LOC, "digital_events", "funded"),),
    ),
    case(P + "budget.unconfirmed_lines", "funded", FUNDED, 0, ()),
    case(P + "budget.unconfirmed_lines", "budget-blank", {"resources": {}}, None),
    case(
        P + "budget.partly_funded_lines",
        "two-partly-one-a-language-line",
        {"resources": {"budget": BUDGET}},
        2,
        (
            (*BUDGET_LOC, "informational_materials", "funded"),
            (*BUDGET_LOC, "interpretation", "funded"),
        ),
    ),
    case(P + "budget.partly_funded_lines", "funded", FUNDED, 0, ()),
    case(P + "budget.partly_funded_lines", "budget-blank", {}, None),
    # --- resources: capacity for change ---
    case(
        # collaborate (3) offered, low commitment allows consult (1): two steps too far.
        P + "capacity.level_overreach",
        "collaborate-on-low-commitment",
        capacity("collaborate", leadership_commitment="low", open_to_influence=["Reports"]),
        2,
        (LEVEL, (*CAPACITY, "leadership_commitment")),
    ),
    case(
        # Nothing open to influence allows only inform (0), whatever the commitment.
        P + "capacity.level_overreach",
        "nothing-open",
        capacity("consult", leadership_commitment="high", open_to_influence=[]),
        1,
        (LEVEL, (*CAPACITY, "open_to_influence")),
    ),
    case(
        P + "capacity.level_overreach",
        "decision-already-made",
        capacity(
            "involve",
            leadership_commitment="high",
            open_to_influence=["Reports"],
            input_can_change_outcome="no",
        ),
        2,
        (LEVEL, (*CAPACITY, "input_can_change_outcome")),
    ),
    case(
        P + "capacity.level_overreach",
        "empower-with-community-board",
        capacity(
            "empower",
            leadership_commitment="high",
            open_to_influence=["Reports"],
            final_authority="community_oversight_board",
        ),
        0,
        (LEVEL, (*CAPACITY, "leadership_commitment"), (*CAPACITY, "final_authority")),
    ),
    case(
        # High commitment and a blank final authority: read in the planner's favour as
        # empower (4), so consult (1) is three steps within reach.
        P + "capacity.level_overreach",
        "consult-on-high-commitment",
        capacity("consult", leadership_commitment="high", open_to_influence=["Reports"]),
        -3,
        (LEVEL, (*CAPACITY, "leadership_commitment"), (*CAPACITY, "final_authority")),
    ),
    case(
        P + "capacity.level_overreach",
        "consult-on-high-commitment-agency-head",
        capacity(
            "consult",
            leadership_commitment="high",
            open_to_influence=["Reports"],
            final_authority="agency_head",
        ),
        -2,
        (LEVEL, (*CAPACITY, "leadership_commitment")),
    ),
    case(
        P + "capacity.level_overreach",
        "level-blank",
        capacity(None, leadership_commitment="low", open_to_influence=["Reports"]),
        None,
    ),
    case(
        # A lower bound: a blank commitment is read as the most favourable (empower).
        P + "capacity.level_overreach",
        "commitment-blank",
        capacity("consult", open_to_influence=["Reports"]),
        -3,
        (LEVEL,),
    ),
    case(
        P + "capacity.level_overreach",
        "influence-blank",
        capacity("consult", leadership_commitment="high"),
        -3,
        (LEVEL, (*CAPACITY, "leadership_commitment"), (*CAPACITY, "final_authority")),
    ),
    # --- trust: rankings ---
    case(
        P + "trust.lowest_rank_agreement",
        "identical",
        rels({"stakeholder_ranking": FULL}, org=FULL),
        1.0,
        ((*RELS, 0, "stakeholder_ranking"), ORG),
    ),
    case(
        P + "trust.lowest_rank_agreement",
        "lowest-of-two",
        rels({"stakeholder_ranking": FULL}, {"stakeholder_ranking": REVERSED}, org=FULL),
        -1.0,
        ((*RELS, 1, "stakeholder_ranking"), ORG),
    ),
    case(
        # Top four reversed: 24 concordant, 6 discordant, 15 tied pairs: 18 / 30 (test_ranking).
        P + "trust.lowest_rank_agreement",
        "relationship-ranking-overrides",
        rels(
            {"organisation_ranking": FULL[:4], "stakeholder_ranking": FULL[3::-1]},
            org=FULL[3::-1],
        ),
        0.6,
        ((*RELS, 0, "stakeholder_ranking"), (*RELS, 0, "organisation_ranking")),
    ),
    case(
        P + "trust.lowest_rank_agreement",
        "stakeholder-ranking-too-short",
        rels({"stakeholder_ranking": FULL[:2]}, org=FULL),
        None,
    ),
    case(
        P + "trust.lowest_rank_agreement",
        "organisation-ranking-blank",
        rels({"stakeholder_ranking": FULL}),
        None,
    ),
    case(
        P + "trust.any_neglected_priority",
        "true-despite-a-short-ranking",
        rels(
            {"stakeholder_ranking": [E[9], E[0]]},
            {"stakeholder_ranking": [E[1], E[0], E[5]]},
            org=FULL,
        ),
        True,
        ((*RELS, 1, "stakeholder_ranking"),),
    ),
    case(
        # The rule's own example: an element the organisation did not list sits at the shared
        # rank 7 of the unlisted ones, in the bottom half (engine/rules/ranking.py docstring).
        P + "trust.any_neglected_priority",
        "unlisted-by-organisation",
        rels({"stakeholder_ranking": [E[2], E[5], E[6]]}, org=[E[5], E[6], E[4]]),
        True,
        ((*RELS, 0, "stakeholder_ranking"),),
    ),
    case(
        # Element 5 is the organisation's fifth: top half, not neglected.
        P + "trust.any_neglected_priority",
        "top-three-in-top-half",
        rels({"stakeholder_ranking": [E[4], E[0], E[1], E[9]]}, org=FULL),
        False,
        ((*RELS, 0, "stakeholder_ranking"),),
    ),
    case(
        P + "trust.any_neglected_priority",
        "only-a-short-ranking",
        rels({"stakeholder_ranking": [E[9], E[8]]}, org=FULL),
        None,
    ),
    case(
        P + "trust.any_neglected_priority",
        "organisation-ranking-blank",
        rels({"stakeholder_ranking": [E[9], E[8], E[7]]}),
        None,
    ),
    case(
        # E[3]: 4th for the organisation, 1st for the stakeholder: three places apart.
        P + "trust.any_large_rank_gap",
        "three-places",
        rels(
            {"stakeholder_ranking": [E[1], E[0], E[2]]},
            {"stakeholder_ranking": [E[3], E[0], E[1]]},
            org=FULL,
        ),
        True,
        ((*RELS, 1, "stakeholder_ranking"),),
    ),
    case(
        P + "trust.any_large_rank_gap",
        "two-places-at-most",
        rels({"stakeholder_ranking": [E[2], E[0], E[1], E[3]]}, org=FULL),
        False,
        ((*RELS, 0, "stakeholder_ranking"),),
    ),
    case(
        P + "trust.any_large_rank_gap",
        "stakeholder-ranking-blank",
        rels({"stakeholder": "Parents"}, org=FULL),
        None,
    ),
    case(
        # ethics_transparency (unlisted: rank 8 of the organisation's) is in both stakeholders'
        # top three; the organisation ranking and both stakeholder rankings are the witnesses.
        P + "trust.shared_neglected_priorities",
        "shared-by-two",
        rels(
            {
                "stakeholder_ranking": [
                    "ethics_transparency",
                    "legal_compliance",
                    "privacy_security",
                ]
            },
            {
                "stakeholder_ranking": [
                    "ethics_transparency",
                    "privacy_security",
                    "legal_compliance",
                ]
            },
            org=PRIORITY_ORG,
        ),
        1,
        (ORG, (*RELS, 0, "stakeholder_ranking"), (*RELS, 1, "stakeholder_ranking")),
    ),
    case(
        P + "trust.shared_neglected_priorities",
        "neglected-by-one-only",
        rels(
            {
                "stakeholder_ranking": [
                    "ethics_transparency",
                    "legal_compliance",
                    "privacy_security",
                ]
            },
            {
                "stakeholder_ranking": [
                    "legal_compliance",
                    "privacy_security",
                    "governance_oversight",
                ]
            },
            org=PRIORITY_ORG,
        ),
        0,
        (),
    ),
    case(
        P + "trust.shared_neglected_priorities",
        "organisation-ranking-too-short",
        rels(
            {
                "stakeholder_ranking": [
                    "ethics_transparency",
                    "legal_compliance",
                    "privacy_security",
                ]
            },
            {
                "stakeholder_ranking": [
                    "ethics_transparency",
                    "privacy_security",
                    "legal_compliance",
                ]
            },
            org=PRIORITY_ORG[:2],
        ),
        None,
    ),
    case(
        P + "trust.shared_neglected_priorities",
        "relationships-blank",
        {"trust": {"organisation_ranking": FULL}},
        None,
    ),
    # --- trust: what stakeholders said ---
    case(
        P + "trust.any_trust_not_improved",
        "one-no",
        rels({"trust_improved": "yes"}, {"trust_improved": "no"}),
        True,
        ((*RELS, 1, "trust_improved"),),
    ),
    case(
        P + "trust.any_trust_not_improved",
        "yes-and-somewhat",
        rels({"trust_improved": "yes"}, {"trust_improved": "somewhat"}),
        False,
        ((*RELS, 0, "trust_improved"), (*RELS, 1, "trust_improved")),
    ),
    case(
        P + "trust.any_trust_not_improved",
        "one-blank",
        rels({"trust_improved": "yes"}, {"stakeholder": "Parents"}),
        None,
    ),
    case(
        P + "trust.any_expectations_unmet",
        "one-element-unmet",
        rels(
            {
                "feedback": feedback(
                    {"expectations_met": "yes"}, privacy_security={"expectations_met": "no"}
                )
            }
        ),
        True,
        (fb(0, "privacy_security", "expectations_met"),),
    ),
    case(
        P + "trust.any_expectations_unmet",
        "all-met",
        rels({"feedback": feedback({"expectations_met": "partly"})}),
        False,
        tuple(fb(0, element, "expectations_met") for element in E),
    ),
    case(
        P + "trust.any_expectations_unmet",
        "one-element-blank",
        rels(
            {"feedback": feedback({"expectations_met": "yes"}, privacy_security={"trust": "high"})}
        ),
        None,
    ),
    case(
        P + "trust.any_expectations_unmet",
        "feedback-blank",
        rels({"feedback": feedback({"expectations_met": "yes"})}, {"stakeholder": "Parents"}),
        None,
    ),
    case(
        P + "trust.any_low_trust",
        "low-and-none",
        rels(
            {
                "feedback": feedback(
                    {"trust": "high"},
                    legal_compliance={"trust": "low"},
                    skills_knowledge={"trust": "none"},
                )
            }
        ),
        True,
        (fb(0, "legal_compliance", "trust"), fb(0, "skills_knowledge", "trust")),
    ),
    case(
        P + "trust.any_low_trust",
        "medium-or-better",
        rels({"feedback": feedback({"trust": "medium"}, quality_accuracy={"trust": "unsure"})}),
        False,
        tuple(fb(0, element, "trust") for element in E),
    ),
    case(
        P + "trust.any_low_trust",
        "one-element-blank",
        rels({"feedback": feedback({"trust": "high"}, legal_compliance={"comment": "Later"})}),
        None,
    ),
    case(
        P + "trust.low_trust_in_foundations",
        "privacy-low",
        rels({"feedback": feedback({"trust": "high"}, privacy_security={"trust": "low"})}),
        True,
        (fb(0, "privacy_security", "trust"),),
    ),
    case(
        # Low trust elsewhere is not low trust in the foundations.
        P + "trust.low_trust_in_foundations",
        "foundations-trusted",
        rels(
            {
                "feedback": feedback(
                    {"trust": "none"},
                    legal_compliance={"trust": "high"},
                    privacy_security={"trust": "medium"},
                )
            }
        ),
        False,
        (fb(0, "legal_compliance", "trust"), fb(0, "privacy_security", "trust")),
    ),
    case(
        P + "trust.low_trust_in_foundations",
        "privacy-blank",
        rels(
            {
                "feedback": feedback(
                    legal_compliance={"trust": "high"}, privacy_security={"comment": "Later"}
                )
            }
        ),
        None,
    ),
    # --- trust: next steps ---
    case(
        # legal_compliance has a step; the two other concerns do not (one concern per element:
        # quality_accuracy's low trust, not also its unmet expectations).
        P + "trust.unaddressed_concerns",
        "two-unaddressed",
        rels(
            {
                "feedback": feedback(
                    legal_compliance={"trust": "low"},
                    privacy_security={"expectations_met": "no", "trust": "medium"},
                    quality_accuracy={"trust": "none", "expectations_met": "no"},
                    skills_knowledge={"trust": "high", "expectations_met": "yes"},
                ),
                "next_steps": [{"element": "legal_compliance"}, {"element": "skills_knowledge"}],
            }
        ),
        2,
        (fb(0, "privacy_security", "expectations_met"), fb(0, "quality_accuracy", "trust")),
    ),
    case(
        P + "trust.unaddressed_concerns",
        "all-addressed",
        rels(
            {
                "feedback": feedback(legal_compliance={"trust": "low"}),
                "next_steps": [{"element": "legal_compliance"}],
            },
            {"feedback": feedback({"trust": "high"}), "next_steps": []},
        ),
        0,
        (),
    ),
    case(
        # A step with no element might be the one for the concern: not counted (a lower bound).
        P + "trust.unaddressed_concerns",
        "step-element-blank",
        rels(
            {
                "feedback": feedback(legal_compliance={"trust": "low"}),
                "next_steps": [{"action": "Publish the audit"}],
            }
        ),
        0,
        (),
    ),
    case(P + "trust.unaddressed_concerns", "relationships-blank", {"trust": {}}, None),
    case(
        # The second step lacks a timeframe; the third an action; the fourth both (the action
        # is named).
        P + "trust.steps_missing_action_or_timeframe",
        "three-incomplete",
        steps(
            {"action": "Publish", "timeframe": "2026-12-01"},
            {"action": "Meet"},
            {"timeframe": "2027-01-10"},
            {"owner": "Ana"},
        ),
        3,
        (step(1, "timeframe"), step(2, "action"), step(3, "action")),
    ),
    case(
        P + "trust.steps_missing_action_or_timeframe",
        "complete",
        steps({"action": "Publish", "timeframe": "2026-12-01"}),
        0,
        (),
    ),
    case(P + "trust.steps_missing_action_or_timeframe", "trust-blank", {}, None),
    case(
        P + "trust.steps_missing_owner",
        "one-unowned",
        steps({"owner": "Ana"}, {"action": "Meet"}),
        1,
        (step(1, "owner"),),
    ),
    case(
        P + "trust.steps_missing_owner",
        "no-steps-yet",
        rels({"stakeholder": "Parents"}),
        0,
        (),
    ),
    case(P + "trust.steps_missing_owner", "relationships-blank", {"trust": {}}, None),
    case(
        # Due yesterday and open: late. Due today, done, or with no status: not (yet) late.
        P + "trust.overdue_steps",
        "two-late",
        steps(
            {"timeframe": "2026-11-22", "status": "planned"},
            {"timeframe": "2026-11-23", "status": "in_progress"},
            {"timeframe": "2026-01-01", "status": "done"},
            {"timeframe": "2026-01-01"},
            {"timeframe": "2026-10-01", "status": "in_progress"},
            {"status": "planned"},
        ),
        2,
        (step(0, "timeframe"), step(4, "timeframe")),
    ),
    case(
        P + "trust.overdue_steps",
        "none-late",
        steps(
            {"timeframe": "2026-12-01", "status": "planned"},
            {"timeframe": "2026-01-01", "status": "dropped"},
        ),
        0,
        (),
    ),
    case(P + "trust.overdue_steps", "relationships-blank", {"trust": {}}, None),
    case(
        P + "trust.any_self_check_misaligned",
        "hierarchy-misaligned",
        rels({"ranking_matches_practice": "aligned", "practice_matches_hierarchy": "misaligned"}),
        True,
        ((*RELS, 0, "practice_matches_hierarchy"),),
    ),
    case(
        P + "trust.any_self_check_misaligned",
        "aligned-or-partly",
        rels({"ranking_matches_practice": "aligned", "practice_matches_hierarchy": "partly"}),
        False,
        ((*RELS, 0, "ranking_matches_practice"), (*RELS, 0, "practice_matches_hierarchy")),
    ),
    case(
        P + "trust.any_self_check_misaligned",
        "one-blank",
        rels({"ranking_matches_practice": "aligned"}),
        None,
    ),
    case(
        P + "trust.foundations_undocumented",
        "privacy-undocumented",
        {
            "trust": {
                "practices": {
                    "active_positive_impact": {"steps": "Annual report"},
                    "legal_compliance": {"steps": "Data sharing agreements"},
                    "privacy_security": {"evidence": "None yet"},
                }
            }
        },
        True,
        (("trust", "practices", "privacy_security"),),
    ),
    case(
        P + "trust.foundations_undocumented",
        "foundations-documented",
        {
            "trust": {
                "practices": {
                    "legal_compliance": {"steps": "Agreements"},
                    "privacy_security": {"steps": "Audits"},
                }
            }
        },
        False,
        (),
    ),
    case(
        P + "trust.foundations_undocumented",
        "nothing-documented",
        {"trust": {"practices": {"legal_compliance": {"evidence": "Contracts"}}}},
        None,
    ),
    case(
        P + "trust.any_no_response",
        "one-silent",
        rels({"response_received": "yes"}, {"response_received": "no"}),
        True,
        ((*RELS, 1, "response_received"),),
    ),
    case(
        P + "trust.any_no_response",
        "all-responded",
        rels({"response_received": "yes"}),
        False,
        ((*RELS, 0, "response_received"),),
    ),
    case(
        P + "trust.any_no_response",
        "one-blank",
        rels({"response_received": "yes"}, {}),
        None,
    ),
    case(
        P + "trust.split_trust_elements",
        "trusted-by-some-only",
        rels(
            {"survey": {"elements": {"privacy_security": {"trust_high": 2, "trust_none": 1}}}},
            {"survey": {"elements": {"legal_compliance": {"trust_medium": 1, "trust_low": 3}}}},
        ),
        2,
        (
            (*RELS, 0, "survey", "elements", "privacy_security"),
            (*RELS, 1, "survey", "elements", "legal_compliance"),
        ),
    ),
    case(
        P + "trust.split_trust_elements",
        "unsure-takes-no-side",
        rels({"survey": {"elements": {"privacy_security": {"trust_high": 2, "trust_unsure": 2}}}}),
        0,
        (),
    ),
    case(
        P + "trust.split_trust_elements",
        "a-record-of-blanks",  # a file keeps a section whose answers were all cleared
        rels({"survey": {"better_able_to_trust": {}, "elements": {"privacy_security": {}}}}),
        None,
    ),
    case(
        P + "trust.split_trust_elements",
        "no-survey",
        rels({"feedback": feedback({"trust": "low"})}),
        None,
    ),
    case(
        P + "trust.fewest_survey_responses",
        "the-smallest-survey",
        rels({"survey": {"responses": 12}}, {}, {"survey": {"responses": 3}}),
        3,
        ((*RELS, 2, "survey", "responses"),),
    ),
    case(
        P + "trust.fewest_survey_responses",
        "a-survey-nobody-answered",
        rels({"survey": {"responses": 0}}),
        0,
        ((*RELS, 0, "survey", "responses"),),
    ),
    case(
        P + "trust.fewest_survey_responses",
        "count-left-blank",
        rels({"survey": {"collected_on": "2026-11-20"}}),
        None,
    ),
]


def _sign(expected: Value) -> str:
    if expected is None:
        return "unanswered"
    return "positive" if expected > 0 else "zero-or-below"  # True > 0, False is not


def test_every_derived_fact_has_at_least_three_cases() -> None:
    """A new derived fact without its cases here fails, instead of going untested."""
    counts = Counter(param.values[0] for param in CASES)
    assert {fact.name: counts[fact.name] for fact in REGISTRY if counts[fact.name] < 3} == {}
    assert set(counts) <= set(BY_NAME), "a case names a fact that is not registered"


def test_every_derived_fact_has_each_kind_of_case() -> None:
    """Three cases are not enough if all three are unanswered: every kind must be present.

    True or a positive number, False or zero or below, and unanswered (for a signed fact such as
    the notice margin the "risky" side is the negative one, but both sides are still covered).
    """
    kinds: dict[str, set[str]] = {fact.name: set() for fact in REGISTRY}
    for param in CASES:
        name, _, expected, _ = param.values
        kinds[name].add(_sign(expected))
    wanted = {"positive", "zero-or-below", "unanswered"}
    assert {name: wanted - found for name, found in kinds.items() if wanted - found} == {}


@pytest.mark.parametrize(("name", "data", "expected", "witnesses"), CASES)
def test_derived_fact(
    name: str, data: dict[str, Any], expected: Value, witnesses: tuple[Loc, ...] | None
) -> None:
    """The value (and its type) and the answers cited for it."""
    result = compute(name, make(**data))
    assert result.value == expected
    if expected is None:
        assert result.witnesses == ()
        return
    declared = BY_NAME[name].type
    allowed = {"boolean": (bool,), "integer": (int,), "number": (int, float)}[declared]
    assert type(result.value) in allowed, f"{type(result.value).__name__} for a {declared}"
    if witnesses is not None:
        assert result.witnesses == witnesses


def _step_towards_unanswered(fact: Derived, before: Value, after: Value) -> bool:
    """Whether `after` is what blanking may make of `before`, given the fact's bound."""
    if after is None:
        return True
    if before is None:
        return False
    if fact.bound == "lower":
        return after <= before
    if fact.bound == "upper":
        return after >= before
    return after == before


@settings(max_examples=40, deadline=None)
@given(profiles())
def test_blanking_a_section_only_moves_towards_unanswered(profile: Profile) -> None:
    """base.py's promise: a blank never counts as a risk or a reassurance.

    An exact fact stays the same or becomes unanswered; a lower-bound count never grows; an
    upper bound (a minimum) never shrinks; an unanswered fact stays unanswered.
    """
    context = Context(profile, TODAY)
    before = {fact.name: fact.compute(context).value for fact in REGISTRY}
    for section in SECTIONS:
        blanked = Context(profile.model_copy(update={section: None}), TODAY)
        for fact in REGISTRY:
            after = fact.compute(blanked).value
            assert _step_towards_unanswered(fact, before[fact.name], after), (
                f"{fact.name}: {before[fact.name]!r} -> {after!r} after blanking {section}"
            )


def test_blanking_each_section_leaves_its_facts_unanswered() -> None:
    """The property above could pass vacuously; here every fact is answered, then blanked."""
    full = make(
        profile={
            "engagement_level": "consult",
            "engagement_starts": "2026-12-23",
            "prepared_on": "2026-11-01",
            "records_linked": ["education"],
        },
        objectives={"statements": [{"smart": "yes", "due": "2027-06-01"}]},
        waivers=[{"rule": "x", "reason": "r", "expires": "2027-06-01"}],
        environment={
            "concurrent_engagements": [],
            "stakeholders": [
                {
                    "name": "A",
                    "community": "X",
                    "first_time": "no",
                    "digital_literacy": "low",
                    "needs": ["other"],
                    "at_risk_if_identified": "no",
                },
                {
                    "name": "B",
                    "needs": [],
                    "digital_literacy": "high",
                    "first_time": "no",
                    "at_risk_if_identified": "no",
                },
            ],
            "antagonisms": [],
            "alignments": [],
        },
        resources={
            "timeline": {
                "max_duration_days": 30,
                "activities": [
                    {
                        "notice_days_before": 7,
                        "format": "in_person",
                        "education_need": "none",
                        "duration_days": 10,
                        "processing_days_after": 5,
                        "expected_participants": 40,
                    }
                ],
            },
            "staff": {},
            "budget": {},
            "capacity_for_change": {
                "leadership_commitment": "high",
                "open_to_influence": ["X"],
                "non_negotiables": ["Y"],
                "decision_date": "2027-06-01",
            },
        },
        trust={
            "organisation_ranking": FULL,
            "practices": {"legal_compliance": {"steps": "Agreements"}},
            "relationships": [
                {
                    "stakeholder_ranking": FULL,
                    "response_received": "yes",
                    "trust_improved": "yes",
                    "ranking_matches_practice": "aligned",
                    "practice_matches_hierarchy": "aligned",
                    "feedback": feedback({"trust": "high", "expectations_met": "yes"}),
                    "next_steps": [],
                    "survey": {
                        "responses": 4,
                        "elements": {"privacy_security": {"trust_high": 2, "trust_low": 1}},
                    },
                }
            ],
        },
    )
    context = Context(full, TODAY)
    assert {
        f.name: f.compute(context).value for f in REGISTRY if f.compute(context).value is None
    } == {}
    home = {"engagements": "environment", "stakeholders": "environment"}
    home.update(relationships="environment", objectives="objectives", trust="trust")
    home.update(timeline="resources", activities="resources", staff="resources")
    home.update(budget="resources", capacity="resources", calendar="resources", waivers="profile")
    home.update(profile="profile")
    by_fact = {  # facts that read a section other than the one their family is named for
        "derived.calendar.days_until_start": "profile",
        "derived.calendar.profile_age_days": "profile",
        "derived.objectives.due_before_start": "objectives",
    }
    for fact in REGISTRY:
        section = by_fact.get(fact.name) or home[fact.name.split(".")[1]]
        blanked = fact.compute(Context(full.model_copy(update={section: None}), TODAY))
        if fact.bound == "lower" and blanked.value is not None:
            # A lower bound may stay known, as long as the blank never raises it.
            full_value = fact.compute(context).value
            assert full_value is not None and blanked.value <= full_value, fact.name
        else:
            assert blanked == Result(None), fact.name


# --- regressions: blanks and partial answers must never read as reassurance or as risk ---


def test_level_overreach_blank_final_authority_never_claims_an_overreach() -> None:
    """With high commitment the honest level is 3 or 4 depending on the blank: a lower bound
    must assume 4, so offering empower is not flagged."""
    answered = capacity(
        "empower",
        leadership_commitment="high",
        open_to_influence=["Reports"],
        final_authority="agency_head",
    )
    assert compute(P + "capacity.level_overreach", make(**answered)).value == 1
    answered["resources"]["capacity_for_change"].pop("final_authority")
    assert compute(P + "capacity.level_overreach", make(**answered)).value == 0


def test_level_overreach_blank_input_can_change_never_raises_it() -> None:
    """Blanking 'the decision is already made' may lower the bound, never raise it."""
    answered = capacity(
        "collaborate",
        leadership_commitment="high",
        open_to_influence=["Reports"],
        input_can_change_outcome="no",
    )
    known = compute(P + "capacity.level_overreach", make(**answered)).value
    assert known == 3
    answered["resources"]["capacity_for_change"].pop("input_can_change_outcome")
    blanked = compute(P + "capacity.level_overreach", make(**answered)).value
    assert blanked is not None and blanked <= known


@pytest.mark.parametrize(
    "name",
    [
        P + "trust.any_low_trust",
        P + "trust.any_expectations_unmet",
        P + "trust.low_trust_in_foundations",
    ],
)
def test_feedback_with_no_element_answered_is_unanswered(name: str) -> None:
    """`feedback: {}` says no more than `feedback:` left blank, which is unanswered."""
    low = rels({"feedback": {"legal_compliance": {"trust": "low", "expectations_met": "no"}}})
    assert compute(name, make(**low)).value is True
    assert compute(name, make(**rels({"feedback": {}}))).value is None


def test_large_rank_gap_empty_ranking_is_unanswered() -> None:
    """An empty ranking ranks nothing, so it cannot show that no element is far apart."""
    data = rels({"stakeholder_ranking": []}, org=FULL)
    assert compute(P + "trust.any_neglected_priority", make(**data)).value is None
    assert compute(P + "trust.any_large_rank_gap", make(**data)).value is None


def test_shared_neglected_priorities_cites_only_the_sharing_stakeholders() -> None:
    """The third stakeholder neglects active_positive_impact, which nobody else does."""
    data = rels(
        {"stakeholder_ranking": ["ethics_transparency", "legal_compliance", "privacy_security"]},
        {"stakeholder_ranking": ["ethics_transparency", "privacy_security", "legal_compliance"]},
        {"stakeholder_ranking": ["active_positive_impact", "legal_compliance", "privacy_security"]},
        org=PRIORITY_ORG,
    )
    result = compute(P + "trust.shared_neglected_priorities", make(**data))
    assert result.value == 1
    assert result.witnesses == (
        ORG,
        (*RELS, 0, "stakeholder_ranking"),
        (*RELS, 1, "stakeholder_ranking"),
    )
