"""The Markdown readiness report: the Assessment poured into `templates/report.md.j2`."""

from __future__ import annotations

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


def render_markdown(assessment: Assessment, area_titles: dict[str, str]) -> str:
    open_findings = assessment.open_findings()
    by_severity: dict[str, list[FindingItem]] = {s: [] for s in SEVERITY_NAMES}
    for finding in open_findings:
        by_severity[finding.severity].append(finding)
    total = assessment.completeness.total or 1
    template = environment().get_template("report.md.j2")
    return template.render(
        a=assessment,
        open=open_findings,
        by_severity=by_severity,
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
    )
