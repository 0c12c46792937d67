"""What a change did to readiness: two assessments of one profile, before and after.

Findings are matched by rule id. Only open findings count: a finding that is now waived is
"resolved (waived)", one whose waiver expired is new again.

A side may be a JSON file anyone could have written, so a diff reads only what it needs, as a
`Summary`, and checks exactly that: rule ids in their own syntax and each once, answered counts
that add up, texts of bounded length. Other keys are left unread.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from engine.assessment import verdict
from engine.assessment.verdict import LABELS, SEVERITY_ORDER, VERDICT_ORDER
from engine.rules.rule_model import RULE_ID

Text = Annotated[str, Field(max_length=4000)]


class _Data(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class _Read(BaseModel):
    model_config = ConfigDict(frozen=True, extra="ignore", from_attributes=True)


class SummaryFinding(_Read):
    """What a diff reads of a finding."""

    rule: Annotated[str, Field(pattern=RULE_ID.pattern, max_length=80)]
    severity: Literal["blocker", "major", "minor", "advisory"]
    status: Literal["open", "waived", "expired-waiver", "superseded"]
    title: Text


class SummaryCounts(_Read):
    answered: Annotated[int, Field(ge=0)]
    total: Annotated[int, Field(ge=0)]

    @model_validator(mode="after")
    def _adds_up(self) -> SummaryCounts:
        if self.answered > self.total:
            raise ValueError(f"{self.answered} answered of {self.total} questions")
        return self


class Summary(_Read):
    """What a diff reads of an assessment, fresh or saved as JSON (report schema 1 or 2; 2 added
    the INCOMPLETE verdict and the superseded status, so version 1 files still read as they are)."""

    schema_version: Literal[1, 2]
    profile: Text
    verdict: Literal["go", "conditional", "incomplete", "no-go"]
    completeness: SummaryCounts
    findings: Annotated[list[SummaryFinding], Field(max_length=10_000)]
    rules_version: Text

    @field_validator("findings")
    @classmethod
    def _each_rule_once(cls, findings: list[SummaryFinding]) -> list[SummaryFinding]:
        seen: set[str] = set()
        for finding in findings:
            if finding.rule in seen:
                raise ValueError(f"rule '{finding.rule}' is listed twice")
            seen.add(finding.rule)
        return findings

    def open_findings(self) -> list[SummaryFinding]:
        return [f for f in self.findings if verdict.is_open(f.status)]


class Side(_Data):
    profile: str
    verdict: str
    label: str
    answered: int
    total: int
    rules_version: str


class Change(_Data):
    rule: str
    title: str
    severity: str
    previous_severity: str | None = None
    note: str | None = None


class Diff(_Data):
    """The change, as the JSON output of `readiness diff` and the input of its Markdown."""

    old: Side
    new: Side
    direction: str  # improved | worsened | unchanged
    resolved: list[Change]
    new_findings: list[Change]
    changed: list[Change]
    unchanged: int


def _side(assessment: Summary) -> Side:
    return Side(
        profile=assessment.profile,
        verdict=assessment.verdict,
        label=LABELS[assessment.verdict],
        answered=assessment.completeness.answered,
        total=assessment.completeness.total,
        rules_version=assessment.rules_version,
    )


def _key(change: Change) -> tuple[int, str]:
    return SEVERITY_ORDER.index(change.severity), change.rule


def _why_gone(finding: SummaryFinding | None) -> str | None:
    """Why a finding no longer counts though its rule still fires: waived, or folded."""
    if finding is None:
        return None
    return {"waived": "waived", "superseded": "counted under another finding"}.get(finding.status)


def compare(old: Summary, new: Summary) -> Diff:
    before = {f.rule: f for f in old.open_findings()}
    after = {f.rule: f for f in new.open_findings()}
    every_new = {f.rule: f for f in new.findings}
    resolved = [
        Change(
            rule=rule,
            title=f.title,
            severity=f.severity,
            note=_why_gone(every_new.get(rule)),
        )
        for rule, f in before.items()
        if rule not in after
    ]
    added = [
        Change(rule=r, title=f.title, severity=f.severity)
        for r, f in after.items()
        if r not in before
    ]
    changed = [
        Change(rule=r, title=f.title, severity=f.severity, previous_severity=before[r].severity)
        for r, f in after.items()
        if r in before and before[r].severity != f.severity
    ]
    step = VERDICT_ORDER.index(new.verdict) - VERDICT_ORDER.index(old.verdict)
    return Diff(
        old=_side(old),
        new=_side(new),
        direction="worsened" if step > 0 else "improved" if step < 0 else "unchanged",
        resolved=sorted(resolved, key=_key),
        new_findings=sorted(added, key=_key),
        changed=sorted(changed, key=_key),
        unchanged=sum(1 for r in after if r in before and before[r].severity == after[r].severity),
    )
