"""What a change did to readiness: two assessments of one profile, before and after.

Findings are matched by rule id. Only open findings count: a finding that is now waived is
"resolved (waived)", one whose waiver expired is new again.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from engine.assessment.assessment import Assessment, FindingItem
from engine.assessment.verdict import LABELS, SEVERITY_ORDER, VERDICT_ORDER


class _Data(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


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


def _side(assessment: Assessment) -> Side:
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


def compare(old: Assessment, new: Assessment) -> Diff:
    before = {f.rule: f for f in old.open_findings()}
    after = {f.rule: f for f in new.open_findings()}
    every_new: dict[str, FindingItem] = {f.rule: f for f in new.findings}
    resolved = [
        Change(
            rule=rule,
            title=f.title,
            severity=f.severity,
            note="waived" if rule in every_new and every_new[rule].status == "waived" else None,
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
