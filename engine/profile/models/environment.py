"""C.1 §2: the environment the engagement walks into (history, stakeholders, sensitivity)."""

from pydantic import Field

from engine.profile.models.meta import (
    NTH_PREVIOUS,
    NTH_SENSITIVITY,
    NTH_STAKEHOLDERS,
    Section,
    answer,
)
from engine.profile.models.vocab import (
    LanguageCode,
    Level,
    Literacy,
    Name,
    Need,
    Outcome,
    Preparation,
    Progress,
    RecordRegime,
    Text,
    Violation,
    YesNo,
)

IDS = "ids"  # how a pair names the IDS's own representatives
# Follow-up questions apply only once their parent answer shows the risk they address.
CONFLICT_BETWEEN_GROUPS = {
    "fact": "derived.relationships.antagonism_between_groups",
    "op": "eq",
    "value": True,
}
GRIEVANCE_AGAINST_IDS = {
    "any": [
        {
            "fact": "environment.sensitivity.privacy_violation_by_government",
            "op": "in",
            "value": ["alleged", "documented"],
        },
        {
            "fact": "environment.sensitivity.privacy_violation_by_researchers",
            "op": "in",
            "value": ["alleged", "documented"],
        },
        {"fact": "derived.relationships.antagonism_with_ids", "op": "eq", "value": True},
    ]
}
_OUTCOME_RISK = (("successful",), ("mixed", "unsure"), ("failed", "abandoned", "controversial"))
_LEVEL_RISK = (("none",), ("low",), ("unsure", "medium"), ("high",))


class PriorEffort(Section):
    """An earlier effort in this community, and how it ended."""

    happened: YesNo | None = answer(
        "Have there been earlier data-integration efforts on similar issues in this community?",
        question="2.1",
        section=NTH_PREVIOUS,
    )
    outcome: Outcome | None = answer(
        "How did it turn out?",
        question="2.1",
        section=NTH_PREVIOUS,
        primary=False,
        risk=_OUTCOME_RISK,
    )
    notes: Text | None = answer(
        "What happened.", question="2.1", section=NTH_PREVIOUS, primary=False
    )


class PriorEngagement(Section):
    """Whether the earlier data integration involved the community, and how that went."""

    happened: YesNo | None = answer(
        "Did the earlier data-integration effort include stakeholder or community engagement?",
        question="2.2",
        section=NTH_PREVIOUS,
        # The worksheet asks it "if so": there is no earlier effort to ask about when there was
        # none. While nobody is sure, an earlier engagement the team does know of still counts.
        applies_when={
            "fact": "environment.prior_integration.happened",
            "op": "in",
            "value": ["yes", "unsure"],
        },
    )
    outcome: Outcome | None = answer(
        "How did that engagement turn out?",
        question="2.2",
        section=NTH_PREVIOUS,
        primary=False,
        risk=_OUTCOME_RISK,
    )
    notes: Text | None = answer(
        "What happened.", question="2.2", section=NTH_PREVIOUS, primary=False
    )


class ConcurrentEngagement(Section):
    """Another group's engagement with the same stakeholders, running now."""

    organiser: Name | None = answer("Who runs it.", question="2.3", section=NTH_PREVIOUS)
    topic: Text | None = answer(
        "What it is about.", question="2.3", section=NTH_PREVIOUS, primary=False
    )
    status: Progress | None = answer(
        "How it is going.",
        question="2.3",
        section=NTH_PREVIOUS,
        primary=False,
        risk=(("on_track",), ("unsure",), ("stalled", "contentious")),
    )


class Mistrust(Section):
    """A history of mistrust toward agencies or partner institutions."""

    level: Level | None = answer(
        "How much mistrust does this community have toward particular government agencies or "
        "partner institutions?",
        question="2.4",
        section=NTH_PREVIOUS,
        risk=_LEVEL_RISK,
    )
    institutions: list[Name] | None = answer(
        "Toward which agencies or institutions.",
        question="2.4",
        section=NTH_PREVIOUS,
        primary=False,
    )
    plan: Text | None = answer(
        "How the engagement will acknowledge and address that mistrust.",
        question="2.4",
        section=NTH_PREVIOUS,
        primary=False,
    )


class Records(Section):
    """What happens to what participants say."""

    regime: RecordRegime | None = answer(
        "Will discussions, attendance or notes be public, confidential, under the Chatham House "
        "Rule, open to public-records requests, a mix, or is that not decided yet?",
        question="2.5",
        section=NTH_PREVIOUS,
    )
    participants_informed: YesNo | None = answer(
        "Will participants be told which of these applies before they take part?",
        question="2.5",
        section=NTH_PREVIOUS,
        primary=False,
        risk=(("yes",), ("unsure",), ("no",)),
    )
    notes: Text | None = answer(
        "Anything more about records.", question="2.5", section=NTH_PREVIOUS, primary=False
    )


class StakeholderGroup(Section):
    """A group you expect to take part."""

    name: Name | None = answer("The group's name.", question=None, section=NTH_STAKEHOLDERS)
    community: Name | None = answer(
        "The cultural or language community the group belongs to, if that matters here.",
        question=None,
        section=NTH_STAKEHOLDERS,
    )
    first_time: YesNo | None = answer(
        "Is this the group's first participatory public process of this kind?",
        question="2.6",
        section=NTH_STAKEHOLDERS,
        risk=(("no",), ("unsure",), ("yes",)),
    )
    digital_literacy: Literacy | None = answer(
        "How technically sophisticated or digitally literate is the group?",
        question="2.7",
        section=NTH_STAKEHOLDERS,
    )
    needs: list[Need] | None = answer(
        "Does the group have physical or cultural needs to accommodate in physical and digital "
        "spaces (an empty list means none)?",
        question="2.8",
        section=NTH_STAKEHOLDERS,
    )
    languages: list[LanguageCode] | None = answer(
        "Which languages the group reads (BCP 47 codes such as es or fr); its survey is made in "
        "each.",
        question="2.8",
        section=NTH_STAKEHOLDERS,
        primary=False,
    )
    at_risk_if_identified: YesNo | None = answer(
        "Could members be harmed if it became known that they took part, or what they said "
        "(immigration status, justice involvement, violence, health, age)?",
        question="2.8b",
        section=NTH_STAKEHOLDERS,
        risk=(("no",), ("unsure",), ("yes",)),
    )
    notes: Text | None = answer(
        "Anything more about the group.", question=None, section=NTH_STAKEHOLDERS
    )


class Pair(Section):
    """Two stakeholder groups, or a group and the IDS's representatives (`ids`)."""

    between: list[Name] = Field(
        min_length=2,
        max_length=2,
        description="The two groups, by the names used under stakeholders; `ids` for the IDS.",
    )
    notes: Text | None = answer("What the history is.", question=None, section=NTH_STAKEHOLDERS)


class Sensitivity(Section):
    """How sensitive the topic is for this community."""

    privacy_violation_by_government: Violation | None = answer(
        "Has state or local government violated this community's privacy before?",
        question="2.11",
        section=NTH_SENSITIVITY,
        risk=(("none",), ("unsure",), ("alleged",), ("documented",)),
    )
    privacy_violation_by_researchers: Violation | None = answer(
        "Have researchers violated this community's privacy before?",
        question="2.11",
        section=NTH_SENSITIVITY,
        risk=(("none",), ("unsure",), ("alleged",), ("documented",)),
    )
    violation_notes: Text | None = answer(
        "What happened.", question="2.11", section=NTH_SENSITIVITY, primary=False
    )
    political_sensitivity: Level | None = answer(
        "How politically sensitive is the topic?",
        question="2.12",
        section=NTH_SENSITIVITY,
        risk=_LEVEL_RISK,
    )
    related_social_economic_issues: YesNo | None = answer(
        "Has the community been through social or economic troubles tied to this use case?",
        question="2.13",
        section=NTH_SENSITIVITY,
        risk=(("no",), ("unsure",), ("yes",)),
    )
    related_issues_notes: Text | None = answer(
        "Which ones.", question="2.13", section=NTH_SENSITIVITY, primary=False
    )
    competing_issues: list[Text] | None = answer(
        "Which other political issues on the community's mind could crowd out a conversation "
        "about data and privacy (an empty list means none)?",
        question="2.14",
        section=NTH_SENSITIVITY,
    )


class Environment(Section):
    """The personal, organisational and topical factors around the engagement."""

    preparation: list[Preparation] | None = answer(
        "How the team worked out these answers.", question=None, section=NTH_PREVIOUS
    )
    prior_integration: PriorEffort | None = answer(
        "Earlier data-integration efforts on similar issues in this community.",
        question=None,
        section=NTH_PREVIOUS,
    )
    prior_engagement: PriorEngagement | None = answer(
        "Engagement within those earlier efforts.", question=None, section=NTH_PREVIOUS
    )
    concurrent_engagements: list[ConcurrentEngagement] | None = answer(
        "Are other groups engaging your stakeholders right now? List them (empty list: none).",
        question="2.3",
        section=NTH_PREVIOUS,
    )
    mistrust: Mistrust | None = answer("History of mistrust.", question=None, section=NTH_PREVIOUS)
    records: Records | None = answer(
        "Public, confidential or other rules for engagement records.",
        question=None,
        section=NTH_PREVIOUS,
    )
    stakeholders: list[StakeholderGroup] | None = answer(
        "The stakeholder groups you expect to take part.", question=None, section=NTH_STAKEHOLDERS
    )
    antagonisms: list[Pair] | None = answer(
        "Which groups have a history of antagonism toward each other or toward the IDS's "
        "representatives on these issues (empty list: none)?",
        question="2.9",
        section=NTH_STAKEHOLDERS,
    )
    conflict_plan: Text | None = answer(
        "Where groups in conflict with each other will take part, how will the sessions handle "
        "it (separate meetings first, ground rules, who chairs, how quieter voices get heard)?",
        question="2.9a",
        section=NTH_STAKEHOLDERS,
        applies_when=CONFLICT_BETWEEN_GROUPS,
    )
    alignments: list[Pair] | None = answer(
        "Which groups have traditionally aligned with each other or with the IDS's "
        "representatives on these issues (empty list: none)?",
        question="2.10",
        section=NTH_STAKEHOLDERS,
    )
    sensitivity: Sensitivity | None = answer(
        "How sensitive the issue is.", question=None, section=NTH_SENSITIVITY
    )
    acknowledgement_plan: Text | None = answer(
        "Where the community's privacy was violated before, or a group is antagonistic toward the "
        "IDS's representatives, how will the engagement acknowledge that history and address it?",
        question="2.11a",
        section=NTH_SENSITIVITY,
        applies_when=GRIEVANCE_AGAINST_IDS,
    )
