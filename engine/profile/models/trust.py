"""ODI Activity 6: a stakeholder's view of your trustworthiness, and the next steps you agree.

The ten elements appear as fixed keys (not a free mapping) so that editors complete them, typos get
a suggestion, and the JSON Schema documents each one.
"""

from typing import ClassVar

from pydantic import Field

from engine.profile.models.meta import ODI, ODI_A1, ODI_A2, ODI_A6, Section, answer, context
from engine.profile.models.survey import SurveyRecord
from engine.profile.models.vocab import (
    Alignment,
    Artefact,
    Channel,
    Date,
    Element,
    Improved,
    LanguageCode,
    Met,
    Name,
    Ranking,
    StepStatus,
    Text,
    Trust,
    YesNo,
)

_ALIGN_RISK = (("aligned",), ("partly", "unsure"), ("misaligned",))


class Translated(Section):
    """A text of the planner's own in another language, for surveys read in it."""

    lang: LanguageCode = Field(description="The language (a BCP 47 code such as es or fr).")
    text: Text = Field(description="The text in that language.")


class PracticeTranslation(Section):
    """Columns B and C in another language, for surveys read in it."""

    lang: LanguageCode = Field(description="The language (a BCP 47 code such as es or fr).")
    steps: Text | None = Field(default=None, description="Column B in that language.")
    evidence: Text | None = Field(default=None, description="Column C in that language.")


class Practice(Section):
    """Columns B and C of the trustworthiness mapping worksheet, for one element."""

    steps: Text | None = answer(
        "Column B: what you do to be trustworthy in this element.",
        question=None,
        section=ODI_A2,
        source=ODI,
    )
    evidence: Text | None = answer(
        "Column C: how you show it to others, and the evidence you can give.",
        question=None,
        section=ODI_A2,
        source=ODI,
        primary=False,
    )
    translations: list[PracticeTranslation] | None = context(
        "The same in other languages, for surveys read in them (a survey in a language without "
        "a translation shows your own text, and says so)."
    )


class ElementFeedback(Section):
    """What one stakeholder said about one element."""

    trust: Trust | None = answer(
        "Can the stakeholder trust you in this element, and how much?",
        question="S1",
        section=ODI_A6,
        source=ODI,
        risk=(("high",), ("medium",), ("unsure",), ("low",), ("none",)),
    )
    expectations_met: Met | None = answer(
        "Do the steps you take in this element meet the stakeholder's expectations?",
        question="S2",
        section=ODI_A6,
        source=ODI,
        risk=(("yes",), ("partly", "unsure"), ("no",)),
    )
    comment: Text | None = answer(
        "What the stakeholder said.", question=None, section=ODI_A6, source=ODI, primary=False
    )


class _PerElement(Section):
    """A section keyed by the ten elements of trustworthy data stewardship."""

    per_element: ClassVar[bool] = True


class Practices(_PerElement):
    """The worksheet rows for each element (Activities 2 and 5)."""

    active_positive_impact: Practice | None = Field(
        default=None, description="Active and positive impact."
    )
    engagement_accountability: Practice | None = Field(
        default=None, description="Engagement and accountability."
    )
    ethics_transparency: Practice | None = Field(
        default=None, description="Ethics and transparency."
    )
    financial_sustainability: Practice | None = Field(
        default=None, description="Financial sustainability and revenue generation."
    )
    governance_oversight: Practice | None = Field(
        default=None, description="Governance and strategic oversight."
    )
    legal_compliance: Practice | None = Field(
        default=None, description="Legal standing and compliance."
    )
    privacy_security: Practice | None = Field(default=None, description="Privacy and security.")
    quality_accuracy: Practice | None = Field(default=None, description="Quality and accuracy.")
    readiness_mitigation: Practice | None = Field(
        default=None, description="Readiness and mitigation."
    )
    skills_knowledge: Practice | None = Field(default=None, description="Skills and knowledge.")


class Feedback(_PerElement):
    """A stakeholder's feedback on each element (Activity 6, questions S1 and S2)."""

    active_positive_impact: ElementFeedback | None = Field(
        default=None, description="Active and positive impact."
    )
    engagement_accountability: ElementFeedback | None = Field(
        default=None, description="Engagement and accountability."
    )
    ethics_transparency: ElementFeedback | None = Field(
        default=None, description="Ethics and transparency."
    )
    financial_sustainability: ElementFeedback | None = Field(
        default=None, description="Financial sustainability and revenue generation."
    )
    governance_oversight: ElementFeedback | None = Field(
        default=None, description="Governance and strategic oversight."
    )
    legal_compliance: ElementFeedback | None = Field(
        default=None, description="Legal standing and compliance."
    )
    privacy_security: ElementFeedback | None = Field(
        default=None, description="Privacy and security."
    )
    quality_accuracy: ElementFeedback | None = Field(
        default=None, description="Quality and accuracy."
    )
    readiness_mitigation: ElementFeedback | None = Field(
        default=None, description="Readiness and mitigation."
    )
    skills_knowledge: ElementFeedback | None = Field(
        default=None, description="Skills and knowledge."
    )


class NextStep(Section):
    """Column E: an area needing work and the step agreed for it."""

    element: Element | None = answer(
        "Which element the step improves.", question="Y1", section=ODI_A6, source=ODI
    )
    issue: Text | None = answer(
        "The gap or concern it answers.", question="Y1", section=ODI_A6, source=ODI, primary=False
    )
    action: Text | None = answer(
        "What, specifically, you will do.", question="Y1", section=ODI_A6, source=ODI, primary=False
    )
    action_translations: list[Translated] | None = context(
        "The action in other languages, for reports read in them (a report in a language "
        "without one shows your own text, and says so)."
    )
    owner: Name | None = answer(
        "Who is responsible.", question="Y1", section=ODI_A6, source=ODI, primary=False
    )
    timeframe: Date | None = answer(
        "By when it will be done (YYYY-MM-DD).",
        question="Y1",
        section=ODI_A6,
        source=ODI,
        primary=False,
    )
    status: StepStatus | None = answer(
        "Where it stands.", question="Y1", section=ODI_A6, source=ODI, primary=False
    )
    agreed_with_stakeholder: YesNo | None = answer(
        "Was the step agreed with the stakeholder?",
        question="Y1",
        section=ODI_A6,
        source=ODI,
        primary=False,
    )


class Relationship(Section):
    """Activity 6 with one stakeholder: what you shared, what they said, what you will do."""

    stakeholder: Name | None = answer(
        "The stakeholder you engaged.", question=None, section=ODI_A6, source=ODI
    )
    shared: list[Artefact] | None = answer(
        "What you sent them: the internal worksheet, the data ecosystem map, the relationship "
        "worksheet.",
        question=None,
        section=ODI_A6,
        source=ODI,
    )
    channel: Channel | None = answer(
        "How you asked: a short survey, a few questions, a workshop, an interview.",
        question=None,
        section=ODI_A6,
        source=ODI,
    )
    response_received: YesNo | None = answer(
        "Have they responded?", question=None, section=ODI_A6, source=ODI
    )
    organisation_ranking: Ranking | None = answer(
        "Your ranking of the ten elements for this relationship, most important first (leave "
        "blank to use the organisation-wide ranking).",
        question=None,
        section=ODI_A6,
        source=ODI,
    )
    stakeholder_ranking: Ranking | None = answer(
        "The stakeholder's own ranking of the ten elements, most important first.",
        question=None,
        section=ODI_A6,
        source=ODI,
    )
    feedback: Feedback | None = answer(
        "Their answer, element by element.", question=None, section=ODI_A6, source=ODI
    )
    trust_improved: Improved | None = answer(
        "After seeing evidence of your steps, are they more able to trust you?",
        question="S3",
        section=ODI_A6,
        source=ODI,
        risk=(("yes",), ("somewhat", "unsure"), ("no",)),
    )
    survey: SurveyRecord | None = answer(
        "Written by `readiness survey import`: how many responded, when, and how their answers "
        "were spread. Leave it to the tool.",
        question=None,
        section=ODI_A6,
        source=ODI,
        primary=False,
    )
    areas_spotlighted: YesNo | None = answer(
        "Did engaging them spotlight areas where you should raise your trustworthiness?",
        question="Y1",
        section=ODI_A6,
        source=ODI,
    )
    next_steps: list[NextStep] | None = answer(
        "Column E: the areas needing work and the next steps agreed.",
        question="Y1",
        section=ODI_A6,
        source=ODI,
        primary=False,
    )
    ranking_matches_practice: Alignment | None = answer(
        "Does your organisation-wide ranking of the elements match what you actually do in "
        "this relationship?",
        question="Y2",
        section=ODI_A6,
        source=ODI,
        risk=_ALIGN_RISK,
    )
    practice_matches_hierarchy: Alignment | None = answer(
        "Do your practices in this relationship respect the hierarchy of trustworthy data "
        "stewardship (the foundations first)?",
        question="Y3",
        section=ODI_A6,
        source=ODI,
        risk=_ALIGN_RISK,
    )
    hierarchy_gaps: list[Element] | None = answer(
        "Elements where practice falls short of the hierarchy.",
        question="Y3",
        section=ODI_A6,
        source=ODI,
        primary=False,
    )


class TrustAssessment(Section):
    """The trustworthiness groundwork and what stakeholders made of it."""

    organisation_ranking: Ranking | None = answer(
        "Your organisation-wide ranking of the ten elements, most important first.",
        question=None,
        section=ODI_A1,
        source=ODI,
    )
    practices: Practices | None = answer(
        "What you do, element by element.", question=None, section=ODI_A2, source=ODI
    )
    relationships: list[Relationship] | None = answer(
        "One entry per stakeholder you engaged with your worksheet.",
        question=None,
        section=ODI_A6,
        source=ODI,
    )
