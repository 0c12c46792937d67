"""Stakeholder trust alignment (ODI Activity 6): rankings side by side, gaps, concerns, next steps.

This is the analysis the report's alignment section shows; the rules read the same measures as
derived facts (`engine.rules.derived.trust`), so the report and the verdict cannot disagree.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from statistics import mean

from pydantic import BaseModel, ConfigDict

from engine.profile.models import Profile
from engine.profile.models.trust import NextStep, Relationship
from engine.profile.models.vocab import ELEMENT_TITLES, ELEMENTS
from engine.rules import ranking
from engine.rules.derived.trust import OPEN_STATUSES

LARGE_GAP = 3
LOW_TRUST = ("none", "low")


class _Data(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class StepItem(_Data):
    element: str | None
    action: str | None
    owner: str | None
    timeframe: str | None
    status: str | None
    overdue: bool


class ElementRow(_Data):
    element: str
    title: str
    organisation_rank: int | None
    stakeholder_rank: int | None
    gap: int | None
    trust: str | None
    expectations_met: str | None
    next_step: str | None
    concern: bool


class StakeholderAlignment(_Data):
    stakeholder: str
    agreement: float | None
    agreement_label: str
    rows: list[ElementRow]
    large_gaps: list[str]
    neglected_priorities: list[str]
    concerns_without_step: list[str]
    trust_improved: str | None
    next_steps: list[StepItem]


class Alignment(_Data):
    organisation_ranking: list[str]
    stakeholders: list[StakeholderAlignment]
    shared_neglected: list[str]
    least_agreement: list[str]  # several when tied: a tie is named as a tie, never broken
    least_agreement_mean_gap: float | None


def agreement_label(tau: float | None) -> str:
    """Words for Kendall's tau-b, for readers who will not know the statistic."""
    if tau is None:
        return "not measurable (fewer than three elements ranked by one side)"
    if tau >= 0.7:
        return "strong"
    if tau >= 0.3:
        return "moderate"
    if tau >= 0:
        return "weak"
    return "opposed"


def _rank(ranked: list[str] | None, element: str) -> int | None:
    return ranked.index(element) + 1 if ranked and element in ranked else None


def _stakeholder(
    relationship: Relationship, organisation: Sequence[str], today: dt.date
) -> StakeholderAlignment:
    org: list[str] = list(relationship.organisation_ranking or organisation or [])
    theirs: list[str] = list(relationship.stakeholder_ranking or [])
    steps = relationship.next_steps or []
    first_step: dict[str, NextStep] = {s.element: s for s in reversed(steps) if s.element}
    rows = []
    for element in ELEMENTS:
        feedback = getattr(relationship.feedback, element) if relationship.feedback else None
        trust = feedback.trust if feedback else None
        met = feedback.expectations_met if feedback else None
        org_rank, their_rank = _rank(org, element), _rank(theirs, element)
        gap = abs(org_rank - their_rank) if org_rank and their_rank else None
        step = first_step.get(element)
        rows.append(
            ElementRow(
                element=element,
                title=ELEMENT_TITLES[element],
                organisation_rank=org_rank,
                stakeholder_rank=their_rank,
                gap=gap,
                trust=trust,
                expectations_met=met,
                next_step=step.action if step else None,
                concern=trust in LOW_TRUST or met == "no",
            )
        )
    known_elements = all(step.element for step in steps)
    tau = ranking.tau_b(org or None, theirs or None)
    return StakeholderAlignment(
        stakeholder=relationship.stakeholder or "unnamed stakeholder",
        agreement=round(tau, 2) if tau is not None else None,
        agreement_label=agreement_label(tau),
        rows=sorted(rows, key=lambda r: (r.organisation_rank or 99, r.element)),
        large_gaps=[r.element for r in rows if r.gap is not None and r.gap >= LARGE_GAP],
        neglected_priorities=ranking.neglected_priorities(org, theirs) if org and theirs else [],
        concerns_without_step=[
            r.element for r in rows if r.concern and r.element not in first_step and known_elements
        ],
        trust_improved=relationship.trust_improved,
        next_steps=[
            StepItem(
                element=step.element,
                action=step.action,
                owner=step.owner,
                timeframe=step.timeframe.isoformat() if step.timeframe else None,
                status=step.status,
                overdue=bool(
                    step.timeframe and step.status in OPEN_STATUSES and step.timeframe < today
                ),
            )
            for step in steps
        ],
    )


def analyse(profile: Profile, today: dt.date) -> Alignment | None:
    """The alignment analysis, or None when the profile records no stakeholder relationship."""
    trust = profile.trust
    if trust is None or not trust.relationships:
        return None
    organisation = list(trust.organisation_ranking or [])
    people = [_stakeholder(r, organisation, today) for r in trust.relationships]
    votes: dict[str, int] = {}
    for person in people:
        for element in person.neglected_priorities:
            votes[element] = votes.get(element, 0) + 1
    spread = {}
    for element in ELEMENTS:
        gaps = [
            row.gap
            for p in people
            for row in p.rows
            if row.element == element and row.gap is not None
        ]
        if gaps:
            spread[element] = mean(gaps)
    widest = max(spread.values(), default=0)
    # When everyone ranks every element alike, no element stands out.
    least = [e for e in ELEMENTS if widest and spread.get(e) == widest]
    return Alignment(
        organisation_ranking=organisation,
        stakeholders=people,
        shared_neglected=[e for e in ELEMENTS if votes.get(e, 0) >= 2],
        least_agreement=least,
        least_agreement_mean_gap=round(widest, 2) if least else None,
    )
