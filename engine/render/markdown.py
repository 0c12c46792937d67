"""The Markdown readiness report: the Assessment poured into `templates/report.md.j2`."""

from __future__ import annotations

from pathlib import PurePath

from engine.assessment.assessment import Assessment, FindingItem
from engine.profile.models.vocab import ELEMENT_TITLES
from engine.render.environment import environment
from engine.rules.fact_catalog import catalog

SEVERITY_NAMES = {
    "blocker": "Blocker",
    "major": "Condition",
    "minor": "Minor",
    "advisory": "Advisory",
}
SEVERITY_ICONS = {"blocker": "⛔", "major": "⚠️", "minor": "🔸", "advisory": "💡"}
SHORT = {
    "active_positive_impact": "Impact",
    "engagement_accountability": "Accountability",
    "ethics_transparency": "Ethics",
    "financial_sustainability": "Finance",
    "governance_oversight": "Governance",
    "legal_compliance": "Legal",
    "privacy_security": "Privacy",
    "quality_accuracy": "Quality",
    "readiness_mitigation": "Readiness",
    "skills_knowledge": "Skills",
}


def gap_bar(gap: int | None) -> str:
    return "\u2013" if gap is None else f"{gap} {'▮' * gap}".rstrip()


def fact_note(fact: str) -> str:
    """A derived fact's meaning, so that `derived.x.y: 3` reads as a sentence."""
    spec = catalog().get(fact)
    if spec is None or spec.kind != "derived":
        return ""
    return spec.description.rstrip(".")


def folded(assessment: Assessment) -> dict[str, list[FindingItem]]:
    """Superseded findings under the open finding that counts for them.

    A finding superseded only by findings that are themselves superseded goes further up the
    chain, so that every folded finding is shown once, under a finding the reader can see.
    """
    by_rule = {f.rule: f for f in assessment.findings}
    result: dict[str, list[FindingItem]] = {}
    for finding in assessment.findings:
        if finding.superseded_by:
            result.setdefault(_shown_under(finding, by_rule), []).append(finding)
    return result


def _shown_under(finding: FindingItem, by_rule: dict[str, FindingItem]) -> str:
    seen = {finding.rule}
    while finding.superseded_by:
        finding = by_rule[finding.superseded_by[0]]
        if finding.rule in seen:
            break
        seen.add(finding.rule)
    return finding.rule


def render_markdown(assessment: Assessment, area_titles: dict[str, str]) -> str:
    open_findings = assessment.open_findings()
    by_severity: dict[str, list[FindingItem]] = {s: [] for s in SEVERITY_NAMES}
    for finding in open_findings:
        if not finding.completeness:
            by_severity[finding.severity].append(finding)
    total = assessment.completeness.total or 1
    template = environment().get_template("report.md.j2")
    return template.render(
        a=assessment,
        open=open_findings,
        by_severity=by_severity,
        to_answer=[f for f in open_findings if f.completeness],
        waived=[f for f in assessment.findings if f.status == "waived"],
        expired=[f for f in assessment.findings if f.status == "expired-waiver"],
        percent=round(100 * assessment.completeness.answered / total),
        severity_names=SEVERITY_NAMES,
        severity_icons=SEVERITY_ICONS,
        area_titles=area_titles,
        titles=ELEMENT_TITLES,
        short=SHORT,
        gap_bar=gap_bar,
        fact_note=fact_note,
        folded=folded(assessment),
        title_fallback=PurePath(assessment.profile).name,
    )
