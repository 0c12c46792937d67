"""What a stakeholder's survey returned, in aggregate: written by `readiness survey import`.

The summary answers (a stakeholder's ranking, trust and expectations per element, whether they
trust you more) go where a planner would type them, in the relationship's own fields, so that
every rule reads a surveyed stakeholder and an interviewed one alike. This record keeps what a
summary loses: how many responded and when, how the answers were spread, and the Borda points
behind the ranking, ties included. It holds counts only, never a respondent's own answers, and
names respondents only when the planner asks for it (`--keep-respondents`).
"""

from typing import Annotated, Any, ClassVar

from pydantic import Field

from engine.profile.models.meta import ODI, ODI_A6, Section, answer
from engine.profile.models.vocab import Count, Date, Name

# Borda points of one element: at most 9 per respondent (see engine/survey/aggregate.py).
Points = Annotated[float, Field(ge=0, le=9 * 10_000_000, allow_inf_nan=False)]


def _tally(description: str) -> Any:
    """How many respondents gave one answer."""
    return answer(description, question=None, section=ODI_A6, source=ODI, primary=False)


class ImprovedTally(Section):
    """How many respondents gave each answer to "do you trust us more, having seen evidence?"."""

    yes: Count | None = _tally("Respondents who answered yes.")
    somewhat: Count | None = _tally("Respondents who answered somewhat.")
    no: Count | None = _tally("Respondents who answered no.")
    unsure: Count | None = _tally("Respondents who answered unsure.")


class ElementTally(Section):
    """The survey's answers about one element, counted (one number each, so that the record
    reads as one line per element and the editor shows it as one row)."""

    rank_points: Points | None = answer(
        "Borda points from the respondents' rankings: 9 for a first place down to 0 for a tenth.",
        question=None,
        section=ODI_A6,
        source=ODI,
        primary=False,
    )
    trust_none: Count | None = _tally("Respondents who trust you not at all here.")
    trust_low: Count | None = _tally("Respondents whose trust here is low.")
    trust_medium: Count | None = _tally("Respondents whose trust here is medium.")
    trust_high: Count | None = _tally("Respondents whose trust here is high.")
    trust_unsure: Count | None = _tally("Respondents unsure whether they trust you here.")
    expectations_yes: Count | None = _tally("Respondents whose expectations your steps meet.")
    expectations_partly: Count | None = _tally("Respondents whose expectations they partly meet.")
    expectations_no: Count | None = _tally("Respondents whose expectations they do not meet.")
    expectations_unsure: Count | None = _tally("Respondents unsure whether they meet them.")
    concerns: Count | None = _tally(
        "Respondents who wrote a concern about this element (their words are not kept)."
    )


TRUST_COUNTS = {
    "none": "trust_none",
    "low": "trust_low",
    "medium": "trust_medium",
    "high": "trust_high",
    "unsure": "trust_unsure",
}
MET_COUNTS = {
    "yes": "expectations_yes",
    "partly": "expectations_partly",
    "no": "expectations_no",
    "unsure": "expectations_unsure",
}


class SurveyElements(Section):
    """The counted answers for each element."""

    per_element: ClassVar[bool] = True

    active_positive_impact: ElementTally | None = Field(
        default=None, description="Active and positive impact."
    )
    engagement_accountability: ElementTally | None = Field(
        default=None, description="Engagement and accountability."
    )
    ethics_transparency: ElementTally | None = Field(
        default=None, description="Ethics and transparency."
    )
    financial_sustainability: ElementTally | None = Field(
        default=None, description="Financial sustainability and revenue generation."
    )
    governance_oversight: ElementTally | None = Field(
        default=None, description="Governance and strategic oversight."
    )
    legal_compliance: ElementTally | None = Field(
        default=None, description="Legal standing and compliance."
    )
    privacy_security: ElementTally | None = Field(default=None, description="Privacy and security.")
    quality_accuracy: ElementTally | None = Field(default=None, description="Quality and accuracy.")
    readiness_mitigation: ElementTally | None = Field(
        default=None, description="Readiness and mitigation."
    )
    skills_knowledge: ElementTally | None = Field(default=None, description="Skills and knowledge.")


class SurveyRecord(Section):
    """The survey behind this relationship's answers, as `readiness survey import` counted it."""

    responses: Count | None = answer(
        "How many people responded.", question=None, section=ODI_A6, source=ODI, primary=False
    )
    ranked_by: Count | None = answer(
        "How many of them ranked the elements.",
        question=None,
        section=ODI_A6,
        source=ODI,
        primary=False,
    )
    collected_on: Date | None = answer(
        "When the responses were imported (YYYY-MM-DD).",
        question=None,
        section=ODI_A6,
        source=ODI,
        primary=False,
    )
    better_able_to_trust: ImprovedTally | None = answer(
        "How the answers on trusting you more were spread.",
        question=None,
        section=ODI_A6,
        source=ODI,
        primary=False,
    )
    elements: SurveyElements | None = answer(
        "The counted answers, element by element.",
        question=None,
        section=ODI_A6,
        source=ODI,
        primary=False,
    )
    respondents: list[Name] | None = answer(
        "Who responded, as they named themselves; kept only when asked for.",
        question=None,
        section=ODI_A6,
        source=ODI,
        primary=False,
    )
