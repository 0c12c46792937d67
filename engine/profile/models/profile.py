"""The profile: one engagement, described by a planner, answering both worksheets."""

from typing import Annotated, Literal

from pydantic import BeforeValidator, Field, field_validator

from engine.printable import visible
from engine.profile.models.environment import Environment
from engine.profile.models.meta import Section, context
from engine.profile.models.objectives import Objectives
from engine.profile.models.resources import Resources
from engine.profile.models.trust import Translated, TrustAssessment
from engine.profile.models.vocab import (
    Count,
    Date,
    EngagementLevel,
    LanguageCode,
    Name,
    RecordKind,
    Text,
)

SCHEMA_VERSION = 1


def _version(value: object) -> object:
    """Schema versions are whole numbers; `"1"` and `1` are the same version."""
    if isinstance(value, str) and value.strip().isdigit():
        return int(value)
    return value


class About(Section):
    """What is being assessed, by whom, and when the engagement starts."""

    name: Name | None = context("A short name for this assessment; it titles the report.")
    ids: Name | None = context("The integrated data system.")
    use_case: Text | None = context("The use case the engagement is about.")
    use_case_translations: list[Translated] | None = context(
        "The use case in other languages, for surveys in those languages."
    )
    language: LanguageCode | None = context(
        "The language this profile's own texts are written in (a BCP 47 code such as en or es); "
        "English when blank."
    )
    prepared_by: Name | None = context("Who filled in this profile.")
    prepared_on: Date | None = context("When it was last brought up to date (YYYY-MM-DD).")
    engagement_starts: Date | None = context(
        "When the first engagement activity is planned to happen (YYYY-MM-DD)."
    )
    records_linked: list[RecordKind] | None = context(
        "Which kinds of administrative records the use case links: education, early_childhood, "
        "health, behavioral_health, child_welfare, justice, housing, homelessness, "
        "employment_wages, income_support, immigration, other."
    )
    counties: Count | None = context(
        "How many counties, or comparable local jurisdictions, the engagement spans."
    )
    engagement_level: EngagementLevel | None = context(
        "The level of participation you mean to offer: inform, consult, involve, collaborate or "
        "empower."
    )


class Waiver(Section):
    """An accepted finding: kept in the report as accepted, with why and until when."""

    rule: Name = Field(description="The id of the rule whose finding is accepted.")
    reason: Text = Field(description="Why the finding is accepted for now.")
    approved_by: Name | None = Field(
        default=None, description="Who approved it; required for a blocker."
    )
    expires: Date | None = Field(
        default=None,
        description="The last day the waiver applies (YYYY-MM-DD), at most a year ahead.",
    )

    @field_validator("approved_by")
    @classmethod
    def _approver_can_be_seen(cls, value: str | None) -> str | None:
        """An approval is a name a reader can see: blank-looking characters approve nothing."""
        if value is not None and not any(char.isalnum() for char in visible(value)):
            raise ValueError(
                "approved_by must name who approved the waiver; it holds no letter or digit "
                "a reader can see"
            )
        return value


class Profile(Section):
    """An IDS engagement profile."""

    schema_version: Annotated[Literal[1], BeforeValidator(_version)] = Field(
        description="The profile format version; this tool reads version 1."
    )
    profile: About | None = context("About this assessment.")
    objectives: Objectives | None = context("C.1 §1: objectives.")
    environment: Environment | None = context("C.1 §2: environment.")
    resources: Resources | None = context("C.1 §3: resources.")
    trust: TrustAssessment | None = context(
        "ODI Trustworthy Data Stewardship Guidebook, Activity 6 and the activities it builds on."
    )
    waivers: list[Waiver] | None = context("Findings the team has accepted for now.")
