"""Stakeholder trust alignment in words: element titles for keys, vocabulary with spaces."""

from __future__ import annotations

from engine.assessment.alignment import Alignment, StakeholderAlignment
from engine.assessment.survey_summary import SurveySummary
from engine.profile.models.vocab import ELEMENT_TITLES
from engine.render.view.model import (
    AlignmentView,
    ElementView,
    SpreadView,
    StakeholderView,
    StepView,
    SurveyView,
)


def _titles(elements: list[str]) -> list[str]:
    return [ELEMENT_TITLES.get(e, e) for e in elements]


def _word(value: str | None) -> str | None:
    return value.replace("_", " ") if value else value


def _counts(spread: dict[str, int]) -> str:
    """`{"high": 2, "low": 1}` as "high 2, low 1" (the vocabulary's order, kept)."""
    return ", ".join(f"{_word(word)} {count}" for word, count in spread.items())


def _survey(summary: SurveySummary | None) -> SurveyView | None:
    if summary is None:
        return None
    return SurveyView(
        responses=summary.responses,
        ranked_by=summary.ranked_by,
        collected_on=summary.collected_on,
        enough_from=summary.enough_from,
        too_few=summary.too_few,
        better_able_to_trust=_counts(summary.better_able_to_trust),
        disagreements=[
            SpreadView(
                s.title,
                _counts(s.trust),
                _counts(s.expectations_met),
                s.split,
            )
            for s in summary.disagreements
        ],
    )


def _stakeholder(s: StakeholderAlignment) -> StakeholderView:
    return StakeholderView(
        name=s.stakeholder,
        agreement=s.agreement_label,
        tau=s.agreement,
        trust_improved=_word(s.trust_improved),
        large_gaps=_titles(s.large_gaps),
        concerns=[r.title for r in s.rows if r.concern],
        neglected_priorities=_titles(s.neglected_priorities),
        concerns_without_step=_titles(s.concerns_without_step),
        elements=[
            ElementView(
                r.title,
                r.organisation_rank,
                r.stakeholder_rank,
                r.gap,
                _word(r.trust),
                _word(r.expectations_met),
                r.next_step,
                r.concern,
                stakeholder_tied=r.stakeholder_tied,
            )
            for r in s.rows
        ],
        next_steps=[
            StepView(
                ELEMENT_TITLES.get(step.element, step.element) if step.element else None,
                step.action,
                step.owner,
                step.timeframe,
                step.overdue,
                _word(step.status),
            )
            for step in s.next_steps
        ],
        survey=_survey(s.survey),
    )


def alignment_view(alignment: Alignment | None) -> AlignmentView | None:
    """The alignment section's data with every element named as a reader names it."""
    if alignment is None:
        return None
    return AlignmentView(
        stakeholders=[_stakeholder(s) for s in alignment.stakeholders],
        shared_neglected=_titles(alignment.shared_neglected),
        least_agreement=_titles(alignment.least_agreement),
        least_agreement_mean_gap=alignment.least_agreement_mean_gap,
    )
