"""C.1 §3: time, people, money, and whether stakeholder input can change anything."""

from engine.profile.models.meta import (
    NTH_BUDGET,
    NTH_CAPACITY,
    NTH_STAFF,
    NTH_TIMELINE,
    Section,
    answer,
)
from engine.profile.models.vocab import (
    ActivityFormat,
    Authority,
    Count,
    Date,
    Days,
    EducationNeed,
    EventCost,
    Funded,
    Level,
    Money,
    Name,
    Preparation,
    StaffSource,
    Text,
    YesNo,
)

_STAFF_RISK = (("in_house", "both"), ("partner",), ("unsure",), ("none",))
_LEVEL_RISK = (("none",), ("low",), ("unsure", "medium"), ("high",))


class Activity(Section):
    """One planned engagement activity."""

    name: Name | None = answer("What the activity is.", question=None, section=NTH_TIMELINE)
    duration_days: Days | None = answer(
        "How many days will the activity itself take?", question="3.2", section=NTH_TIMELINE
    )
    format: ActivityFormat | None = answer(
        "In person, digital or hybrid.", question="3.2", section=NTH_TIMELINE, primary=False
    )
    processing_days_after: Days | None = answer(
        "How many days of internal processing will it need before the next activity?",
        question="3.3",
        section=NTH_TIMELINE,
    )
    notice_days_before: Days | None = answer(
        "How many days of notice or mobilisation will participants need before it?",
        question="3.4",
        section=NTH_TIMELINE,
    )
    expected_participants: Count | None = answer(
        "How many participants do you expect at it?", question="3.5", section=NTH_TIMELINE
    )
    education_need: EducationNeed | None = answer(
        "How much background must stakeholders be given before it?",
        question="3.6",
        section=NTH_TIMELINE,
        risk=(("none",), ("light",), ("moderate",), ("extensive",)),
    )
    level_setting_planned: YesNo | None = answer(
        "Is that education or level-setting built into the plan?",
        question="3.6",
        section=NTH_TIMELINE,
        primary=False,
        risk=(("yes",), ("unsure",), ("no",)),
    )


class Timeline(Section):
    """How long the engagement may take and what fills that time."""

    min_duration_days: Days | None = answer(
        "What is the shortest time the engagement is expected or allowed to take, in days?",
        question="3.1",
        section=NTH_TIMELINE,
    )
    max_duration_days: Days | None = answer(
        "What is the longest time the engagement is expected or allowed to take, in days?",
        question="3.1",
        section=NTH_TIMELINE,
    )
    activities: list[Activity] | None = answer(
        "The engagement activities you plan.", question=None, section=NTH_TIMELINE
    )
    complexity: Level | None = answer(
        "How complex is the IDS or use case? The more complex, the more time engagement needs.",
        question="3.7",
        section=NTH_TIMELINE,
        risk=_LEVEL_RISK,
    )
    community_consequence: Level | None = answer(
        "How consequential is it for the community? The more consequential, the more time.",
        question="3.7",
        section=NTH_TIMELINE,
        risk=_LEVEL_RISK,
    )


class Staff(Section):
    """Whether you or partners have staff with each skill engagement on privacy needs."""

    facilitation: StaffSource | None = answer(
        "Can your team or a partner supply someone experienced at facilitating meetings?",
        question="3.8",
        section=NTH_STAFF,
        risk=_STAFF_RISK,
    )
    participatory_engagement: StaffSource | None = answer(
        "Can your team or a partner supply someone experienced in participatory engagement?",
        question="3.9",
        section=NTH_STAFF,
        risk=_STAFF_RISK,
    )
    data_privacy_security: StaffSource | None = answer(
        "Can your team or a partner supply someone expert in data, privacy and security?",
        question="3.10",
        section=NTH_STAFF,
        risk=_STAFF_RISK,
    )
    communications_outreach: StaffSource | None = answer(
        "Can your team or a partner supply someone experienced in communications and public "
        "outreach?",
        question="3.11",
        section=NTH_STAFF,
        risk=_STAFF_RISK,
    )
    logistics_support: StaffSource | None = answer(
        "Can your team or a partner supply technical and logistical support for activities and "
        "events?",
        question="3.12",
        section=NTH_STAFF,
        risk=_STAFF_RISK,
    )


class BudgetLine(Section):
    """One cost line: is it needed, and is it paid for?"""

    needed: YesNo | None = answer(
        "Will this cost arise?",
        question=None,
        section=NTH_BUDGET,
        risk=(("no",), ("unsure",), ("yes",)),
    )
    funded: Funded | None = answer(
        "Is it funded?",
        question=None,
        section=NTH_BUDGET,
        primary=False,
        risk=(("yes",), ("partly",), ("unsure",), ("no",)),
    )
    amount: Money | None = answer(
        "Estimated amount, in your currency.", question=None, section=NTH_BUDGET, primary=False
    )
    notes: Text | None = answer("Anything more.", question=None, section=NTH_BUDGET, primary=False)


class EventsLine(BudgetLine):
    """In-person events, with the kinds of cost to plan for."""

    costs: list[EventCost] | None = answer(
        "Which costs apply: venue, seating, audio-visual, food, childcare, transport, other.",
        question=None,
        section=NTH_BUDGET,
        primary=False,
    )


class Budget(Section):
    """Costs engagement may need funding for.

    Translation (3.14a) and interpretation (3.16a) are our own lines, asked of every planner like
    the worksheet's: a language need is often known before anyone records it per group, and the
    budget counts read every line, so a line that sometimes did not apply would need them to
    decide what its answers mean.
    """

    communications_outreach: BudgetLine | None = answer(
        "Will communications and outreach need funding?", question="3.13", section=NTH_BUDGET
    )
    informational_materials: BudgetLine | None = answer(
        "Will informational materials need creating, publishing or printing (plain-language "
        "versions included)?",
        question="3.14",
        section=NTH_BUDGET,
    )
    translation: BudgetLine | None = answer(
        "Will those materials need written translation into the languages stakeholders read?",
        question="3.14a",
        section=NTH_BUDGET,
    )
    in_person_events: EventsLine | None = answer(
        "Will there be in-person events (space, seating, audio-visual, food, childcare)?",
        question="3.15",
        section=NTH_BUDGET,
    )
    digital_events: BudgetLine | None = answer(
        "Will there be digital or virtual events (web development, streaming, advertising)?",
        question="3.16",
        section=NTH_BUDGET,
    )
    interpretation: BudgetLine | None = answer(
        "Will in-person or digital sessions need spoken interpretation into the languages your "
        "stakeholders speak?",
        question="3.16a",
        section=NTH_BUDGET,
    )
    external_experts: BudgetLine | None = answer(
        "Will external experts or consultants need paying, or their travel reimbursing?",
        question="3.17",
        section=NTH_BUDGET,
    )
    disability_accommodations: BudgetLine | None = answer(
        "Will accommodations for people with disabilities be needed?",
        question="3.18",
        section=NTH_BUDGET,
    )
    participant_compensation: BudgetLine | None = answer(
        "Will participants be compensated for their time?", question="3.19", section=NTH_BUDGET
    )


class CapacityForChange(Section):
    """Who decides, and what stakeholder input can still change."""

    final_authority: Authority | None = answer(
        "Who has final authority over this IDS or use case?",
        question="3.20",
        section=NTH_CAPACITY,
    )
    decision_notes: Text | None = answer(
        "How decisions are made here.", question="3.20", section=NTH_CAPACITY, primary=False
    )
    decision_date: Date | None = answer(
        "When will whoever has final authority decide (YYYY-MM-DD)?",
        question="3.20",
        section=NTH_CAPACITY,
        primary=False,
    )
    leadership_commitment: Level | None = answer(
        "How committed is leadership to engagement whose input materially affects outcomes?",
        question="3.21",
        section=NTH_CAPACITY,
        risk=(("high",), ("medium",), ("low", "unsure"), ("none",)),
    )
    input_can_change_outcome: YesNo | None = answer(
        "Can stakeholder input still change the outcome, or has the decision been made?",
        question="3.21",
        section=NTH_CAPACITY,
        primary=False,
        risk=(("yes",), ("unsure",), ("no",)),
    )
    open_to_influence: list[Text] | None = answer(
        "What parts of the IDS or use case can stakeholders actually change?",
        question="3.22",
        section=NTH_CAPACITY,
    )
    non_negotiables: list[Text] | None = answer(
        "Which aspects are non-negotiable (an empty list means none)?",
        question="3.23",
        section=NTH_CAPACITY,
    )
    resources_to_follow_through: YesNo | None = answer(
        "Are there enough resources to follow through on what the engagement will promise?",
        question="T-RES-1",
        section="C.1 §3 tip",
        risk=(("yes",), ("unsure",), ("no",)),
    )


class Resources(Section):
    """Time, staff, budget and capacity for change."""

    preparation: list[Preparation] | None = answer(
        "How the team worked out these answers.", question=None, section=NTH_TIMELINE
    )
    timeline: Timeline | None = answer("Timeline.", question=None, section=NTH_TIMELINE)
    staff: Staff | None = answer("Staff.", question=None, section=NTH_STAFF)
    budget: Budget | None = answer("Budget.", question=None, section=NTH_BUDGET)
    capacity_for_change: CapacityForChange | None = answer(
        "Capacity for change.", question=None, section=NTH_CAPACITY
    )
