"""Stakeholder trust alignment in words: element titles for keys, vocabulary with spaces."""

from __future__ import annotations

from engine.assessment.alignment import Alignment, StakeholderAlignment
from engine.assessment.survey_summary import SurveySummary
from engine.i18n.own import Shown, language_name, shown
from engine.i18n.text import _, answer, date
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
    return [_(ELEMENT_TITLES[e]) if e in ELEMENT_TITLES else e for e in elements]


def _word(value: str | None) -> str | None:
    return answer(value) if value else value


def _counts(spread: dict[str, int]) -> str:
    """`{"high": 2, "low": 1}` as "high 2, low 1" (the vocabulary's order, kept)."""
    return ", ".join(f"{_word(word)} {count}" for word, count in spread.items())


def _survey(summary: SurveySummary | None) -> SurveyView | None:
    if summary is None:
        return None
    return SurveyView(
        responses=summary.responses,
        ranked_by=summary.ranked_by,
        collected_on=date(summary.collected_on) if summary.collected_on else None,
        enough_from=summary.enough_from,
        too_few=summary.too_few,
        better_able_to_trust=_counts(summary.better_able_to_trust),
        disagreements=[
            SpreadView(
                _(s.title),
                _counts(s.trust),
                _counts(s.expectations_met),
                s.split,
            )
            for s in summary.disagreements
        ],
    )


def _steps_note(written_in: str, untranslated: bool) -> str | None:
    if not untranslated:
        return None
    return _(
        "The planner wrote these steps in %(language)s and gave no translation, so they are "
        "shown as written."
    ) % {"language": language_name(written_in)}


def _stakeholder(s: StakeholderAlignment, written_in: str) -> StakeholderView:
    rows = {r.element: _own(r.next_step, r.next_step_translations, written_in) for r in s.rows}
    actions = [_own(step.action, step.action_translations, written_in) for step in s.next_steps]
    untranslated = any(own and own.lang for own in [*rows.values(), *actions])
    return StakeholderView(
        name=s.stakeholder,
        agreement=_(s.agreement_label),
        tau=s.agreement,
        trust_improved=_word(s.trust_improved),
        large_gaps=_titles(s.large_gaps),
        concerns=[_(r.title) for r in s.rows if r.concern],
        neglected_priorities=_titles(s.neglected_priorities),
        concerns_without_step=_titles(s.concerns_without_step),
        elements=[
            ElementView(
                _(r.title),
                r.organisation_rank,
                r.stakeholder_rank,
                r.gap,
                _word(r.trust),
                _word(r.expectations_met),
                _text(rows[r.element]),
                r.concern,
                stakeholder_tied=r.stakeholder_tied,
                next_step_lang=_lang(rows[r.element]),
            )
            for r in s.rows
        ],
        next_steps=[
            StepView(
                _titles([step.element])[0] if step.element else None,
                _text(own),
                step.owner,
                step.timeframe,
                step.overdue,
                _word(step.status),
                action_lang=_lang(own),
            )
            for step, own in zip(s.next_steps, actions, strict=True)
        ],
        survey=_survey(s.survey),
        steps_note=_steps_note(written_in, untranslated),
    )


def _own(text: str | None, translations: dict[str, str], written_in: str) -> Shown | None:
    return shown(text, translations, written_in) if text else None


def _text(own: Shown | None) -> str | None:
    return own.text if own else None


def _lang(own: Shown | None) -> str | None:
    return own.lang if own else None


def alignment_view(alignment: Alignment | None) -> AlignmentView | None:
    """The alignment section's data with every element named as a reader names it."""
    if alignment is None:
        return None
    return AlignmentView(
        stakeholders=[_stakeholder(s, alignment.written_in) for s in alignment.stakeholders],
        shared_neglected=_titles(alignment.shared_neglected),
        least_agreement=_titles(alignment.least_agreement),
        least_agreement_mean_gap=alignment.least_agreement_mean_gap,
    )
