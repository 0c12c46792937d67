"""Stakeholder trust alignment (ODI Activity 6): rankings side by side, gaps, concerns, next steps.

This is the analysis the report's alignment section shows; the rules read the same measures as
derived facts (`engine.rules.derived.trust`), so the report and the verdict cannot disagree.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from statistics import mean

from pydantic import BaseModel, ConfigDict, Field

from engine.assessment.survey_summary import SurveySummary, summarise
from engine.i18n import N_
from engine.profile.models import Profile
from engine.profile.models.trust import NextStep, Relationship
from engine.profile.models.vocab import ELEMENT_TITLES, ELEMENTS
from engine.rules import ranking
from engine.rules.derived.relationships import stakeholder_points
from engine.rules.derived.trust import OPEN_STATUSES

LARGE_GAP = 3
LOW_TRUST = ("none", "low")


class _Data(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)


# The planner's translations of a step's action, by language: for reports in those languages
# only, so left out of the JSON, which stays language-neutral.
_Translations = dict[str, str]


def _translations() -> _Translations:
    return Field(default_factory=dict, exclude=True)


class StepItem(_Data):
    element: str | None
    action: str | None
    action_translations: _Translations = _translations()
    owner: str | None
    timeframe: str | None
    status: str | None
    overdue: bool


class ElementRow(_Data):
    element: str
    title: str
    organisation_rank: int | None
    stakeholder_rank: int | None  # with ties, the first place of the tie ("4=")
    stakeholder_tied: bool = False  # the survey's consensus ranking ties it with others
    gap: int | None
    trust: str | None
    expectations_met: str | None
    next_step: str | None
    next_step_translations: _Translations = _translations()
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
    survey: SurveySummary | None = None


class Alignment(_Data):
    written_in: str = Field(default="en", exclude=True)  # the profile's own language
    organisation_ranking: list[str]
    stakeholders: list[StakeholderAlignment]
    shared_neglected: list[str]
    least_agreement: list[str]  # several when tied: a tie is named as a tie, never broken
    least_agreement_mean_gap: float | None


# This module's models, inner ones first, for the assessment's `validators.prepare`.
MODELS = (StepItem, ElementRow, StakeholderAlignment, Alignment)


def agreement_label(tau: float | None) -> str:
    """Words for Kendall's tau-b, for readers who will not know the statistic."""
    if tau is None:
        return N_("not measurable (fewer than three elements ranked by one side)")
    if tau >= 0.7:
        return N_("strong")
    if tau >= 0.3:
        return N_("moderate")
    if tau >= 0:
        return N_("weak")
    return N_("opposed")


def _rank(ranked: list[str] | None, element: str) -> int | None:
    return ranked.index(element) + 1 if ranked and element in ranked else None


def _places(theirs: list[str], points: ranking.Points | None) -> dict[str, tuple[int, bool]]:
    """Each listed element's place, as a table shows it: the first place of a tie, and whether
    it is tied (equal Borda points)."""
    if not points:
        return {element: (index + 1, False) for index, element in enumerate(theirs)}
    return {
        element: (
            1 + sum(points[other] > points[element] for other in theirs),
            sum(points[other] == points[element] for other in theirs) > 1,
        )
        for element in theirs
    }


def _translated(step: NextStep | None) -> _Translations:
    return {t.lang: t.text for t in step.action_translations or []} if step else {}


def _stakeholder(
    relationship: Relationship,
    organisation: Sequence[str],
    today: dt.date,
    enough_from: int | None,
) -> StakeholderAlignment:
    org: list[str] = list(relationship.organisation_ranking or organisation or [])
    theirs: list[str] = list(relationship.stakeholder_ranking or [])
    points = stakeholder_points(relationship)
    places = _places(theirs, points)
    gaps = ranking.gaps(org, theirs, points) if org and theirs else {}
    steps = relationship.next_steps or []
    first_step: dict[str, NextStep] = {s.element: s for s in reversed(steps) if s.element}
    rows = []
    for element in ELEMENTS:
        feedback = getattr(relationship.feedback, element) if relationship.feedback else None
        trust = feedback.trust if feedback else None
        met = feedback.expectations_met if feedback else None
        their_rank, tied = places.get(element, (None, False))
        step = first_step.get(element)
        rows.append(
            ElementRow(
                element=element,
                title=ELEMENT_TITLES[element],
                organisation_rank=_rank(org, element),
                stakeholder_rank=their_rank,
                stakeholder_tied=tied,
                gap=gaps.get(element),
                trust=trust,
                expectations_met=met,
                next_step=step.action if step else None,
                next_step_translations=_translated(step),
                concern=trust in LOW_TRUST or met == "no",
            )
        )
    known_elements = all(step.element for step in steps)
    tau = ranking.tau_b(org or None, theirs or None, points)
    return StakeholderAlignment(
        stakeholder=relationship.stakeholder or "unnamed stakeholder",
        agreement=round(tau, 2) if tau is not None else None,
        agreement_label=agreement_label(tau),
        rows=sorted(rows, key=lambda r: (r.organisation_rank or 99, r.element)),
        large_gaps=[r.element for r in rows if r.gap is not None and r.gap >= LARGE_GAP],
        neglected_priorities=(
            ranking.neglected_priorities(org, theirs, points) if org and theirs else []
        ),
        concerns_without_step=[
            r.element for r in rows if r.concern and r.element not in first_step and known_elements
        ],
        trust_improved=relationship.trust_improved,
        next_steps=[
            StepItem(
                element=step.element,
                action=step.action,
                action_translations=_translated(step),
                owner=step.owner,
                timeframe=step.timeframe.isoformat() if step.timeframe else None,
                status=step.status,
                overdue=bool(
                    step.timeframe and step.status in OPEN_STATUSES and step.timeframe < today
                ),
            )
            for step in steps
        ],
        survey=summarise(relationship.survey, enough_from),
    )


def analyse(profile: Profile, today: dt.date, enough_from: int | None = None) -> Alignment | None:
    """The alignment analysis, or None when the profile records no stakeholder relationship;
    `enough_from` is the rule set's threshold for a survey's responses (`survey_summary`)."""
    trust = profile.trust
    if trust is None or not trust.relationships:
        return None
    organisation = list(trust.organisation_ranking or [])
    people = [_stakeholder(r, organisation, today, enough_from) for r in trust.relationships]
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
    # When no element's ranks differ by more than one place on average, none stands out: one
    # place is the smallest difference two rankings can have, and naming the elements that
    # share it as "the least agreement" would call near-agreement a problem.
    least = [e for e in ELEMENTS if widest > 1 and spread.get(e) == widest]
    return Alignment(
        written_in=(profile.profile.language if profile.profile else None) or "en",
        organisation_ranking=organisation,
        stakeholders=people,
        shared_neglected=[e for e in ELEMENTS if votes.get(e, 0) >= 2],
        least_agreement=least,
        least_agreement_mean_gap=round(widest, 2) if least else None,
    )
