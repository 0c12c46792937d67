"""The result of assessing one profile: plain data (pydantic models) that every renderer reads.

Nothing here formats text for a reader. Its JSON form is the machine contract, so field names
never change within a schema_version.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from engine.assessment import alignment, survey_summary, verdict
from engine.assessment.alignment import Alignment

REPORT_SCHEMA_VERSION = 2


class _Data(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)


class EvidenceItem(_Data):
    """An answer quoted back: the fact or field, its value (null when blank), and where it is.

    `items` names the list entries the answer sits in (a stakeholder group, an activity), from
    the profile's own names, outermost first; null for an entry with no name, and absent when
    the answer is in no list.
    """

    fact: str
    value: Any
    line: int
    column: int
    items: list[str | None] | None = None


class CiteItem(_Data):
    source: str
    section: str


class FindingItem(_Data):
    """A rule that fired for this profile."""

    rule: str
    severity: Literal["blocker", "major", "minor", "advisory"]
    status: Literal["open", "waived", "expired-waiver", "superseded"]
    title: str
    area: str
    tip: str
    cite: CiteItem
    evidence: list[EvidenceItem]
    waiver: dict[str, Any] | None = None
    note: str | None = None
    superseded_by: list[str] = []  # open findings of the same cause, which count instead
    completeness: bool = False  # a blank that decides the verdict: answering it is the only fix
    lift: str | None = None  # a blocker's: the answer that would lift it (never a waiver)


class AreaItem(_Data):
    """A row of the summary table."""

    area: str
    title: str
    status: Literal["ready", "attention", "blocked", "not assessed"]
    open: dict[str, int]
    # Applicable questions of the area left blank: a "ready" area with blanks is answered only
    # in part, and reports never call it ready (the status keeps its findings-only meaning).
    unanswered: int = 0


class QuestionItem(_Data):
    """A question left blank, with where to answer it."""

    id: str
    question: str
    field: str
    critical: bool
    line: int
    column: int


class Completeness(_Data):
    answered: int
    total: int


class SourceItem(_Data):
    """A source document cited by at least one finding."""

    title: str
    publisher: str
    year: int
    section: str | None
    url: str | None
    licence: str


class Assessment(_Data):
    """The whole result for one profile."""

    schema_version: Literal[2] = 2
    profile: str
    name: str | None
    verdict: Literal["go", "conditional", "incomplete", "no-go"]
    completeness: Completeness
    findings: list[FindingItem]
    areas: list[AreaItem]
    unanswered: list[QuestionItem]
    # Follow-up questions that do not apply given the other answers, in worksheet order: neither
    # answered nor unanswered, and not counted in completeness.
    not_applicable: list[str] = Field(default_factory=list)
    alignment: Alignment | None
    unused_waivers: list[str]
    sources: dict[str, SourceItem]
    assessed_on: str
    rules_version: str
    tool_version: str

    @property
    def label(self) -> str:
        return verdict.LABELS[self.verdict]

    def open_findings(self) -> list[FindingItem]:
        return [f for f in self.findings if verdict.is_open(f.status)]


# Every model an assessment is made of, for `validators.prepare`: their validators come from the
# cache, built once (a model left out is built by pydantic when first used, as before).
MODELS: tuple[type[BaseModel], ...] = (
    EvidenceItem,
    CiteItem,
    FindingItem,
    AreaItem,
    QuestionItem,
    Completeness,
    SourceItem,
    *survey_summary.MODELS,
    *alignment.MODELS,
    Assessment,
)
